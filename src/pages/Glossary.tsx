import { useEffect } from 'react';
import { useLocation } from 'react-router';
import { glossary } from '../content/glossary';
import { useDocumentTitle } from '../components/useDocumentTitle';
import { InlineCodeText } from '../components/content/InlineCodeText';

export default function Glossary() {
  useDocumentTitle('Key terms');
  const { hash } = useLocation();
  useEffect(() => {
    const id = decodeURIComponent(hash.replace(/^#/, ''));
    if (!id) return;
    const el = document.getElementById(id);
    el?.scrollIntoView({ block: 'center' });
    el?.focus({ preventScroll: true });
  }, [hash]);
  const sorted = [...glossary].sort((a, b) => a.term.localeCompare(b.term));
  return (
    <div className="glossary">
      <h1>Key terms</h1>
      <p className="lede">The vocabulary of this module. Wherever a term appears in a lesson, hover over it or move focus to it to see its definition.</p>
      <dl className="glossary__list">
        {sorted.map((g) => (
          <div key={g.id} className="glossary__entry" id={g.id} tabIndex={-1}>
            <dt>{g.term}</dt>
            <dd>
              <InlineCodeText text={g.definition} />
              {g.aliases.length ? <span className="glossary__aliases"> Also: {g.aliases.join(', ')}.</span> : null}
              {g.source ? (
                <span className="glossary__source">
                  {' '}Source: <InlineCodeText text={g.source} />.
                </span>
              ) : null}
            </dd>
          </div>
        ))}
      </dl>
    </div>
  );
}

import { useEffect, useId, useState, type ReactNode } from 'react';
import { Link } from 'react-router';
import { glossaryEntry } from '../../content/glossary';
import { InlineCodeText } from './InlineCodeText';

/**
 * A glossary term in running text. Hover or focus shows its definition (Escape hides it); the
 * term itself links to the glossary entry.
 */
export function Term({ id, children }: { id: string; children: ReactNode }) {
  const entry = glossaryEntry(id);
  const [open, setOpen] = useState(false);
  const tipId = useId();
  useEffect(() => {
    if (!open) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') setOpen(false);
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [open]);
  if (!entry) return <>{children}</>;
  return (
    <span className="term" onMouseEnter={() => setOpen(true)} onMouseLeave={() => setOpen(false)}>
      <Link to={`/glossary#${id}`} className="term__link" aria-describedby={tipId} onFocus={() => setOpen(true)} onBlur={() => setOpen(false)}>
        {children}
      </Link>
      <span role="tooltip" id={tipId} className="term__tip" data-open={open ? 'true' : 'false'}>
        <strong>{entry.term}:</strong> <InlineCodeText text={entry.definition} />
      </span>
    </span>
  );
}

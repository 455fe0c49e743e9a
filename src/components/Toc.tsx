import { NavLink } from 'react-router';
import { useShallow } from 'zustand/react/shallow';
import { sections } from '../content';
import { useStore } from '../store';

export type SectionStatus = 'completed' | 'visited' | 'new';

export function useSectionStatus(): Record<string, SectionStatus> {
  return useStore(
    useShallow((s) => {
      const out: Record<string, SectionStatus> = {};
      for (const sec of sections) out[sec.id] = s.progress.completed[sec.id] ? 'completed' : s.progress.visited[sec.id] ? 'visited' : 'new';
      return out;
    }),
  );
}

const statusText: Record<SectionStatus, string> = { completed: 'completed', visited: 'visited', new: 'not started' };

/** The module's table of contents with each section's progress. */
export function Toc({ label = 'Sections' }: { label?: string }) {
  const status = useSectionStatus();
  const done = Object.values(status).filter((s) => s === 'completed').length;
  return (
    <nav className="toc" aria-label={label}>
      <p className="toc__progress">
        <span>
          {done} of {sections.length} sections completed
        </span>
        <progress max={sections.length} value={done} aria-hidden="true" />
      </p>
      <ol>
        {sections.map((s, i) => (
          <li key={s.id} className={`toc__item toc__item--${status[s.id]}`}>
            <NavLink to={`/learn/${s.id}`}>
              <span className="toc__marker" aria-hidden="true">
                {status[s.id] === 'completed' ? '✓' : status[s.id] === 'visited' ? '•' : i + 1}
              </span>
              <span className="toc__title">{s.title}</span>
              <span className="visually-hidden"> ({statusText[status[s.id] ?? 'new']})</span>
            </NavLink>
          </li>
        ))}
        <li className="toc__item toc__item--extra">
          <NavLink to="/glossary">
            <span className="toc__marker" aria-hidden="true">
              Aa
            </span>
            <span className="toc__title">Key terms (glossary)</span>
          </NavLink>
        </li>
      </ol>
    </nav>
  );
}

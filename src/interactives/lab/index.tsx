import { Link } from 'react-router';
import { useStore } from '../../store';
import { InteractiveFrame } from '../frame/InteractiveFrame';
import type { InteractiveProps } from '../types';
import lab from '../../../content/labs/lab-3-1/lab.json';
import { meta } from './meta';
import './lab-card.css';

/** The lesson's entry card for the lab: what it is, the learner's step progress, and the way in. */
export default function LabCard({ caption, embedded }: InteractiveProps) {
  const passed = useStore((s) => s.lab.passed[lab.id]);
  const core = lab.steps.filter((s) => !s.extra);
  const extra = lab.steps.filter((s) => s.extra);
  const done = core.filter((s) => passed?.[s.id]).length;
  const started = Object.keys(passed ?? {}).length > 0;
  return (
    <InteractiveFrame id={meta.id} title={meta.title} embedded={embedded}>
      <div className="lab-card">
        {caption ? <p className="lab-card__caption">{caption}</p> : null}
        <p className="lab-card__progress">
          <strong>
            {done} of {core.length} steps passed
          </strong>
          {extra.length ? `, ${extra.filter((s) => passed?.[s.id]).length} of ${extra.length} extra` : ''}.
        </p>
        <ol className="lab-card__steps">
          {lab.steps.map((s) => (
            <li key={s.id} className={passed?.[s.id] ? 'lab-card__step--done' : undefined}>
              <span className="lab-card__mark">{passed?.[s.id] ? '✓ passed' : 'to do'}</span> {s.extra ? 'Extra: ' : ''}
              {s.title.replace(/^Go further: ./, (m) => m.slice(-1).toUpperCase())}
            </li>
          ))}
        </ol>
        <p>
          <Link className="button button--primary" to={`/labs/${lab.id}`}>
            {started ? 'Continue the lab' : 'Open the lab'}
          </Link>
        </p>
      </div>
    </InteractiveFrame>
  );
}

import { useId } from 'react';
import { formatNumber } from '../format/number';
import './opening-progress.css';

/** m:ss of a simulated time in ms. */
export const clock = (ms: number) => {
  const s = Math.floor(ms / 1000);
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
};

/** What the page says when the learner cancels opening a shared link. */
export const CANCELLED_MESSAGE = 'You cancelled opening the shared link, so the default set-up is shown instead. Open the link again and wait to see its moment.';

/**
 * The panel shown while a share link's moment is being replayed: a heading, what is happening,
 * a labelled progress bar (the share `done`, 0..1, of the way to `targetMs` of simulated time)
 * and a Cancel button. `subject` names what the link shows ("the visualiser").
 */
export function OpeningProgress({ done, targetMs, subject, onCancel }: { done: number; targetMs: number; subject: string; onCancel: () => void }) {
  const uid = useId();
  const pct = Math.floor(Math.max(0, Math.min(1, done)) * 100);
  const text = `${clock(done * targetMs)} of ${clock(targetMs)} simulated (${formatNumber(pct)}%)`;
  return (
    <section className="shared-moment shared-moment--opening" aria-labelledby={`${uid}-h`} data-shared-moment="opening">
      <h2 id={`${uid}-h`} className="shared-moment__title">
        Opening a shared moment
      </h2>
      <p className="shared-moment__lede">
        The link shows {subject} {clock(targetMs)} into a run. Streamlab replays the run up to that moment; for a busy set-up this takes a few seconds.
      </p>
      <div className="shared-moment__bar">
        <progress max={100} value={pct} aria-label="Replayed so far" aria-valuetext={text} />
        <span className="shared-moment__text" aria-hidden="true">
          {text}
        </span>
        <button type="button" className="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
      <p className="visually-hidden" role="status">
        Opening the shared moment.
      </p>
    </section>
  );
}

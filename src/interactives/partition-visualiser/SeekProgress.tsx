import { clock } from '../../components/OpeningProgress';
import { formatNumber } from '../../format/number';

/**
 * Shown while the visualiser goes to another moment and the replay takes more than a moment (a
 * heavy run scrubbed far from its nearest snapshot): where it is going, how far the replay got
 * (`done`, 0..1), and Cancel, which stays at the moment reached so far.
 */
export function SeekProgress({ done, targetMs, fromMs, onCancel }: { done: number; targetMs: number; fromMs: number; onCancel: () => void }) {
  const pct = Math.floor(Math.max(0, Math.min(1, done)) * 100);
  const text = `Going to ${clock(targetMs)}: replayed up to ${clock(fromMs)} (${formatNumber(pct)}%)`;
  return (
    <p className="viz-seeking" data-viz-seeking="">
      <progress max={100} value={pct} aria-label={`Going to ${clock(targetMs)}`} aria-valuetext={text} />
      <span aria-hidden="true">{text}</span>
      <span className="visually-hidden" role="status">
        Going to {clock(targetMs)} of the run.
      </span>
      <button type="button" className="button" onClick={onCancel}>
        Cancel
      </button>
    </p>
  );
}

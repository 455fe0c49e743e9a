import { useEffect, useId, useState, type ReactNode } from 'react';
import type { Shortcut } from '../frame/InteractiveFrame';
import { clipForMessage, formatNumber, readDecimal } from '../../format/number';
import { SPEEDS, type Runner } from './useModelRunner';

export const fmtInt = (n: number) => formatNumber(Math.round(n), 0);
export const fmtNum = (n: number, digits = 1) => (Math.abs(n) >= 100 ? fmtInt(n) : formatNumber(n, digits));
export const fmtSeconds = (ms: number) => `${(ms / 1000).toLocaleString('en', { minimumFractionDigits: 1, maximumFractionDigits: 1 })} s`;

export const runShortcuts: Shortcut[] = [
  { keys: [' ', 'k'], label: 'Play or pause' },
  { keys: ['ArrowRight', '.'], label: 'Advance one step (pauses)' },
  { keys: ['ArrowLeft', ','], label: 'Go back one step (pauses)' },
  { keys: ['PageDown', 'PageUp'], label: "Next or previous moment of the experiment being shown (a clicker's buttons)" },
  { keys: ['r'], label: 'Reset this run' },
  { keys: ['+', '-'], label: 'Faster or slower' },
];

/** The run controls' props from a model runner (play, steps, speed, scrubber). */
export function runBarProps<C, S extends { tick: number; t: number }, A>(r: Runner<C, S, A>, tickMs: number) {
  return {
    playing: r.playing,
    onPlay: () => r.setPlaying((p) => !p),
    onStep: r.step,
    onStepBack: r.stepBack,
    onReset: () => r.reset(),
    speed: r.speed,
    onSpeed: r.setSpeed,
    time: fmtSeconds(r.state.t),
    tick: r.state.tick,
    maxTick: r.maxTick,
    tickMs,
    onSeek: r.seek,
    finished: r.finished,
  };
}

/**
 * True when the key already means something to the focused control: Space or Enter on a button,
 * link, checkbox or radio, and arrows in a radio group. Those must keep their native behaviour.
 */
export function nativeKey(e: KeyboardEvent): boolean {
  const t = e.target as HTMLElement | null;
  const tag = t?.tagName ?? '';
  const type = tag === 'INPUT' ? (t as HTMLInputElement).type : '';
  const activates = tag === 'BUTTON' || tag === 'A' || tag === 'SUMMARY' || ['checkbox', 'radio', 'button', 'submit', 'reset'].includes(type);
  if (activates && (e.key === ' ' || e.key === 'Enter')) return true;
  return type === 'radio' && e.key.startsWith('Arrow');
}

interface RunKeyTarget {
  setPlaying: (f: (p: boolean) => boolean) => void;
  step: () => void;
  stepBack: () => void;
  reset: () => void;
  speed: number;
  setSpeed: (s: number) => void;
  /** the current tick and the experiment's moments as ticks (PageDown/PageUp), if one is shown */
  state: { tick: number };
  seek: (tick: number) => void;
  moments?: readonly number[];
}

/** Key handling shared by the interactives' run controls; returns true if handled. */
export function handleRunKey(e: KeyboardEvent, r: RunKeyTarget): boolean {
  if (nativeKey(e)) return false;
  const i = SPEEDS.indexOf(r.speed as (typeof SPEEDS)[number]);
  switch (e.key) {
    case ' ':
    case 'k':
      r.setPlaying((p) => !p);
      return true;
    case 'ArrowRight':
    case '.':
      r.step();
      return true;
    case 'ArrowLeft':
    case ',':
      r.stepBack();
      return true;
    case 'PageDown':
    case 'PageUp': {
      const now = r.state.tick;
      const list = [...(r.moments ?? [])].sort((a, b) => a - b);
      const to = e.key === 'PageDown' ? list.find((m) => m > now) : [...list].reverse().find((m) => m < now);
      if (to !== undefined) r.seek(to);
      return true;
    }
    case 'r':
      r.reset();
      return true;
    case '+':
    case '=':
      r.setSpeed(SPEEDS[Math.min(SPEEDS.length - 1, i + 1)]!);
      return true;
    case '-':
      r.setSpeed(SPEEDS[Math.max(0, i - 1)]!);
      return true;
  }
  return false;
}

export function RunControls({
  playing,
  onPlay,
  onStep,
  onStepBack,
  onReset,
  speed,
  onSpeed,
  time,
  tick,
  maxTick,
  tickMs,
  onSeek,
  finished = false,
  compact = false,
  children,
}: {
  playing: boolean;
  onPlay: () => void;
  onStep: () => void;
  onStepBack: () => void;
  onReset: () => void;
  speed: number;
  onSpeed: (s: number) => void;
  time: string;
  /** the scrubber: the current tick, its end, and the model's tick length */
  tick: number;
  maxTick: number;
  tickMs: number;
  onSeek: (tick: number) => void;
  /** nothing more can happen: Play is refused (the clock stays stopped) */
  finished?: boolean;
  /** the presenter stage's title bar: arrows only on the step buttons, field names read out but not shown */
  compact?: boolean;
  children?: ReactNode;
}) {
  const id = useId();
  const secs = (t: number) => fmtSeconds(t * tickMs);
  return (
    <div className={`sim-run${compact ? ' sim-run--compact' : ''}`} role="group" aria-label="Run controls">
      <button type="button" className="button--primary sim-run__play" onClick={onPlay} aria-pressed={playing} aria-disabled={finished && !playing ? true : undefined} data-run="play">
        {playing ? 'Pause' : finished ? 'Run complete' : 'Play'}
      </button>
      <button type="button" onClick={onStepBack} aria-label="Step back" data-run="step-back" aria-disabled={tick <= 0 ? true : undefined}>
        {compact ? '◀' : '◀ Step'}
      </button>
      <button type="button" onClick={onStep} aria-label="Step" data-run="step">
        {compact ? '▶' : 'Step ▶'}
      </button>
      <button type="button" onClick={onReset}>
        Reset
      </button>
      <label htmlFor={`${id}-speed`} className="sim-run__speed">
        <span className="sim-run__name">Speed</span>
        <select id={`${id}-speed`} value={speed} onChange={(e) => onSpeed(Number(e.target.value))}>
          {SPEEDS.map((s) => (
            <option key={s} value={s}>
              {s}×
            </option>
          ))}
        </select>
      </label>
      <span className="sim-run__time" aria-label={`Simulated time ${time}`} data-run="time">
        {time}
      </span>
      <label className="sim-run__scrub" htmlFor={`${id}-t`}>
        <span className="sim-run__name">Time</span>
        <input
          id={`${id}-t`}
          type="range"
          min={0}
          max={Math.max(1, maxTick)}
          step={1}
          value={tick}
          aria-valuetext={`${secs(tick)} of ${secs(maxTick)}`}
          onChange={(e) => onSeek(Number(e.target.value))}
          data-run="scrub"
        />
      </label>
      {children}
    </div>
  );
}

/**
 * A labelled slider paired with a number box. Typed values are checked: an empty value, anything
 * but a plain decimal (no "0x10", no "1e3"), or an out-of-range value shows a message (quoting at
 * most a few dozen characters of what was typed) and is not applied.
 */
export function NumberField({ label, value, min, max, step = 1, unit, onChange, hint, log = false }: { label: string; value: number; min: number; max: number; step?: number; unit: string; onChange: (v: number) => void; hint?: string; log?: boolean }) {
  const id = useId();
  const [text, setText] = useState(String(value));
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    setText(String(value));
    setError(null);
  }, [value]);
  // A logarithmic slider for ranges spanning several orders of magnitude.
  const toSlider = (v: number) => (log ? Math.round((Math.log(v / min) / Math.log(max / min)) * 1000) : v);
  const fromSlider = (p: number) => {
    if (!log) return p;
    const raw = min * Math.pow(max / min, p / 1000);
    const mag = Math.pow(10, Math.max(0, Math.floor(Math.log10(raw)) - 1));
    return Math.min(max, Math.max(min, Math.round(raw / mag) * mag));
  };
  const commit = (raw: string) => {
    setText(raw);
    const read = readDecimal(raw);
    if (!read.ok && read.reason === 'empty') return setError(`Enter a number from ${fmtNum(min)} to ${fmtNum(max)}.`);
    if (!read.ok && read.reason === 'too-large') return setError(`"${clipForMessage(raw)}" is far too large: enter a number from ${fmtNum(min)} to ${fmtNum(max)} ${unit}. The previous value is kept.`);
    if (!read.ok) return setError(`"${clipForMessage(raw)}" is not a plain decimal number. Enter a number from ${fmtNum(min)} to ${fmtNum(max)}, for example ${fmtNum(value)}.`);
    const v = read.value;
    if (v < min || v > max) return setError(`${fmtNum(v)} is out of range: enter a number from ${fmtNum(min)} to ${fmtNum(max)} ${unit}. The previous value is kept.`);
    if (step >= 1 && !Number.isInteger(v)) return setError('Enter a whole number.');
    setError(null);
    if (v !== value) onChange(v);
  };
  return (
    <div className={`sim-field${error ? ' sim-field--error' : ''}`}>
      <label htmlFor={`${id}-n`} className="sim-field__label">
        {label}
      </label>
      <div className="sim-field__inputs">
        <input
          type="range"
          aria-label={`${label} slider`}
          min={log ? 0 : min}
          max={log ? 1000 : max}
          step={log ? 1 : step}
          value={toSlider(value)}
          aria-valuetext={`${fmtNum(value)} ${unit}`}
          onChange={(e) => onChange(fromSlider(Number(e.target.value)))}
        />
        <input
          id={`${id}-n`}
          className="sim-field__number"
          type="text"
          inputMode="decimal"
          value={text}
          aria-invalid={error ? true : undefined}
          aria-describedby={`${id}-m${hint ? ` ${id}-h` : ''}`}
          onChange={(e) => setText(e.target.value)}
          onBlur={(e) => commit(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter') commit((e.target as HTMLInputElement).value);
          }}
        />
        <span className="sim-field__unit">{unit}</span>
      </div>
      {hint ? (
        <p id={`${id}-h`} className="sim-field__hint">
          {hint}
        </p>
      ) : null}
      <p id={`${id}-m`} className="sim-field__error" aria-live="polite">
        {error}
      </p>
    </div>
  );
}

export function Stat({ label, value, unit, tone, note }: { label: string; value: string; unit?: string; tone?: 'ok' | 'warn' | 'danger' | 'neutral'; note?: string }) {
  return (
    <div className={`sim-stat sim-stat--${tone ?? 'neutral'}`}>
      <dt className="sim-stat__label">{label}</dt>
      <dd className="sim-stat__value">
        {value}
        {unit ? <span className="sim-stat__unit"> {unit}</span> : null}
        {note ? <span className="sim-stat__note">{note}</span> : null}
      </dd>
    </div>
  );
}

export function EventLog({ events: all, title = 'What just happened', announce = () => true, limit = 8 }: { events: { t: number; text: string; type: string }[]; title?: string; announce?: (type: string) => boolean; limit?: number }) {
  // Notable events stay listed longer than routine ones; only notable events are read out.
  const indexed = all.map((e, i) => ({ e, i }));
  const routineAll = indexed.filter((x) => !announce(x.e.type));
  const notable = indexed.filter((x) => announce(x.e.type)).slice(-(routineAll.length ? limit - 3 : limit));
  const routine = routineAll.slice(-(limit - notable.length));
  const events = [...notable, ...routine].sort((a, b) => a.i - b.i).map((x) => x.e);
  const latest = notable[notable.length - 1]?.e;
  return (
    <div className="sim-log">
      <h3 className="sim-log__title">{title}</h3>
      <ol className="sim-log__list">
        {events.length === 0 ? <li className="sim-log__empty">Nothing yet.</li> : null}
        {events.map((e, i) => (
          <li key={`${e.t}-${i}`}>
            <span className="sim-log__t">{fmtSeconds(e.t)}</span> {e.text}
          </li>
        ))}
      </ol>
      <p className="visually-hidden" aria-live="polite">
        {latest?.text ?? ''}
      </p>
    </div>
  );
}

export function Experiments({ items, onRun, current }: { items: { id: string; prompt: string }[]; onRun: (id: string) => void; current?: { index: number; endSeconds: number; finished: boolean } | null }) {
  const id = useId();
  const [pick, setPick] = useState(items[0]?.id ?? '');
  if (items.length === 0) return null;
  return (
    <div className="sim-experiments">
      <label htmlFor={`${id}-x`}>Show me an experiment</label>
      {current ? (
        <p className="sim-experiments__now" data-experiment={current.index + 1}>
          Experiment {current.index + 1} {current.finished ? 'shown to its end' : 'playing'}: it runs {current.endSeconds.toLocaleString('en')} s. Drag the time slider to see any moment of it.
        </p>
      ) : null}
      <div className="sim-experiments__row">
        <select id={`${id}-x`} value={pick} onChange={(e) => setPick(e.target.value)}>
          {items.map((it, i) => (
            <option key={it.id} value={it.id}>
              {i + 1}. {it.prompt.length > 70 ? `${it.prompt.slice(0, 68)}…` : it.prompt}
            </option>
          ))}
        </select>
        <button type="button" onClick={() => onRun(pick)}>
          Play it
        </button>
      </div>
    </div>
  );
}

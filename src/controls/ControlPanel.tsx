import { memo, useCallback, useId, useRef, useState, type ReactNode } from 'react';
import { resolve, SECTION_TITLES, type ButtonsControl, type Control, type ControlContext, type Effect, type NumberControl, type Section } from './registry';

interface Props {
  controls: Control[];
  ctx: ControlContext;
  /** carries out an effect; returns a message if the simulator refused it */
  onEffect: (control: Control, effect: Effect) => string | null;
  /** sections to show (in this order) */
  sections?: Section[];
  /**
   * stack: every section as a fieldset, one under another; tabs: one section at a time, chosen
   * with a tab list (keeps the panel short enough to sit beside the canvas); bar: one compact row
   * (the playback controls under the canvas)
   */
  layout?: 'stack' | 'tabs' | 'bar';
  /** aria-label of the tab list */
  label?: string;
}

const ALL_SECTIONS: Section[] = ['run', 'scenario', 'topic', 'producer', 'group', 'fault'];

/** The control panel: every control from the registry, labelled, keyboard reachable, validated. */
export function ControlPanel({ controls, ctx, onEffect, sections = ALL_SECTIONS, layout = 'stack', label = 'Controls' }: Props) {
  const [messages, setMessages] = useState<Record<string, string>>({});
  const [tab, setTab] = useState<Section | null>(null);
  const uid = useId();
  const tabRefs = useRef<Partial<Record<Section, HTMLButtonElement | null>>>({});
  const setMessage = (id: string, msg: string | null) =>
    setMessages((m) => {
      if ((m[id] ?? null) === msg) return m;
      const next = { ...m };
      if (msg) next[id] = msg;
      else delete next[id];
      return next;
    });

  /** Validate, apply, and report. Returns true when applied. */
  const runNow = (c: Control, raw: string | boolean | null): boolean => {
    const res = resolve(c, raw, ctx);
    if (!res.ok) {
      setMessage(c.id, res.message);
      return false;
    }
    const refused = res.value ? onEffect(c, res.value) : null;
    setMessage(c.id, refused ? `${c.label}: ${refused}` : null);
    return !refused;
  };
  const runRef = useRef(runNow);
  runRef.current = runNow;
  const run = useCallback((c: Control, raw: string | boolean | null) => runRef.current(c, raw), []);

  const shown = sections.filter((section) => controls.some((c) => c.section === section));
  const fieldsOf = (section: Section) =>
    controls
      .filter((c) => c.section === section)
      .map((c) => <ControlField key={c.id} control={c} ctx={ctx} sig={signature(c, ctx)} message={messages[c.id] ?? null} onRun={run} compact={layout === 'bar'} />);

  if (layout === 'tabs') {
    const active = tab && shown.includes(tab) ? tab : (shown[0] ?? null);
    const move = (e: React.KeyboardEvent, section: Section) => {
      const i = shown.indexOf(section);
      const to = e.key === 'ArrowRight' ? shown[(i + 1) % shown.length] : e.key === 'ArrowLeft' ? shown[(i - 1 + shown.length) % shown.length] : e.key === 'Home' ? shown[0] : e.key === 'End' ? shown[shown.length - 1] : undefined;
      if (!to) return;
      e.preventDefault();
      setTab(to);
      tabRefs.current[to]?.focus();
    };
    return (
      <div className="viz-panel viz-panel--tabs">
        <div role="tablist" aria-label={label} className="viz-tabs">
          {shown.map((section) => (
            <button
              key={section}
              ref={(el) => {
                tabRefs.current[section] = el;
              }}
              type="button"
              role="tab"
              id={`${uid}-tab-${section}`}
              aria-controls={`${uid}-panel-${section}`}
              aria-selected={section === active}
              tabIndex={section === active ? 0 : -1}
              className="viz-tabs__tab"
              data-section-tab={section}
              onClick={() => setTab(section)}
              onKeyDown={(e) => move(e, section)}
            >
              {SECTION_TITLES[section]}
            </button>
          ))}
        </div>
        {shown.map((section) => (
          <div key={section} role="tabpanel" id={`${uid}-panel-${section}`} aria-labelledby={`${uid}-tab-${section}`} hidden={section !== active} className={`viz-panel__section viz-panel__section--${section}`} data-section={section}>
            {fieldsOf(section)}
          </div>
        ))}
      </div>
    );
  }

  return (
    <div className={`viz-panel${layout === 'bar' ? ' viz-panel--bar' : ''}`}>
      {shown.map((section) => (
        <fieldset key={section} className={`viz-panel__section viz-panel__section--${section}`} data-section={section}>
          <legend className={layout === 'bar' ? 'visually-hidden' : undefined}>{SECTION_TITLES[section]}</legend>
          {fieldsOf(section)}
        </fieldset>
      ))}
    </div>
  );
}

function Message({ id, text }: { id: string; text: string | null }) {
  return (
    <p id={id} className="viz-panel__msg" aria-live="polite">
      {text}
    </p>
  );
}

function Field({ children, help, helpId, msgId, message }: { children: ReactNode; help?: string; helpId: string; msgId: string; message: string | null }) {
  return (
    <div className={`viz-panel__field${message ? ' viz-panel__field--invalid' : ''}`}>
      {children}
      {help ? (
        <p id={helpId} className="viz-panel__help">
          {help}
        </p>
      ) : null}
      <Message id={msgId} text={message} />
    </div>
  );
}

/** Everything a control shows, as a string: a field re-renders only when this (or its message) changes. */
export function signature(c: Control, ctx: ControlContext): string {
  const parts: unknown[] = [c.disabled?.(ctx) ?? null];
  switch (c.kind) {
    case 'button':
      parts.push(c.text?.(ctx) ?? null, c.pressed?.(ctx) ?? null);
      break;
    case 'toggle':
      parts.push(c.value(ctx));
      break;
    case 'select':
      parts.push(c.value(ctx), c.options(ctx).map((o) => `${o.value}=${o.label}`).join('|'));
      break;
    case 'number':
    case 'range':
      parts.push(c.value(ctx), c.min(ctx), c.max(ctx));
      break;
    case 'buttons':
      parts.push(c.items(ctx));
      break;
  }
  return JSON.stringify(parts);
}

/** How a key is written on its button: arrows as arrows, Page keys shortened. */
export function keyLabel(k: string): string {
  return k === ' ' ? 'Space' : k === 'ArrowRight' ? '→' : k === 'ArrowLeft' ? '←' : k === 'PageDown' ? 'PgDn' : k === 'PageUp' ? 'PgUp' : k;
}

interface FieldProps {
  control: Control;
  ctx: ControlContext;
  sig: string;
  message: string | null;
  onRun: (c: Control, raw: string | boolean | null) => boolean;
  /** compact: a button shows its short text (its label stays its accessible name) */
  compact?: boolean;
}

const ControlField = memo(ControlFieldInner, (a, b) => a.sig === b.sig && a.message === b.message && a.control === b.control && a.onRun === b.onRun && a.compact === b.compact);

function ControlFieldInner({ control: c, ctx, message, onRun, compact = false }: FieldProps) {
  const uid = useId();
  const inputId = `${uid}-in`;
  const helpId = `${uid}-help`;
  const msgId = `${uid}-msg`;
  const describedBy = [c.help ? helpId : null, msgId].filter(Boolean).join(' ');
  const disabledWhy = c.disabled?.(ctx) ?? null;
  const key = c.shortcut ? (c.shortcut.keys.length > 4 ? `${keyLabel(c.shortcut.keys[0]!)}–${keyLabel(c.shortcut.keys[c.shortcut.keys.length - 1]!)}` : c.shortcut.keys.map(keyLabel).join(' ')) : null;
  const keyHint = key ? <kbd className="viz-panel__kbd" aria-hidden="true">{key}</kbd> : null;

  switch (c.kind) {
    case 'button':
      return (
        <Field help={c.help} helpId={helpId} msgId={msgId} message={message}>
          <button
            type="button"
            data-control={c.id}
            aria-disabled={disabledWhy ? true : undefined}
            aria-pressed={c.pressed ? c.pressed(ctx) : undefined}
            aria-describedby={describedBy}
            aria-keyshortcuts={c.shortcut ? c.shortcut.keys.map((k) => (k === ' ' ? 'Space' : k)).join(' ') : undefined}
            className={c.id === 'run.play' ? 'button button--primary' : 'button'}
            aria-label={compact && c.short && !c.text ? c.label : undefined}
            onClick={() => onRun(c, null)}
          >
            {c.text ? c.text(ctx) : compact && c.short ? c.short : c.label} {keyHint}
          </button>
        </Field>
      );
    case 'toggle':
      return (
        <Field help={c.help} helpId={helpId} msgId={msgId} message={message}>
          <label className="viz-panel__check">
            <input type="checkbox" data-control={c.id} aria-describedby={describedBy} checked={c.value(ctx)} onChange={(e) => onRun(c, e.currentTarget.checked)} />
            {c.label} {keyHint}
          </label>
        </Field>
      );
    case 'select': {
      const opts = c.options(ctx);
      const value = c.value(ctx);
      return (
        <Field help={c.help} helpId={helpId} msgId={msgId} message={message}>
          <label htmlFor={inputId}>
            {c.label} {keyHint}
          </label>
          <select id={inputId} data-control={c.id} aria-describedby={describedBy} value={value} onChange={(e) => onRun(c, e.currentTarget.value)}>
            {opts.some((o) => o.value === value) ? null : <option value={value}>{value || '(none)'}</option>}
            {opts.map((o) => (
              <option key={o.value} value={o.value}>
                {o.label}
              </option>
            ))}
          </select>
        </Field>
      );
    }
    case 'number':
      return <NumberField c={c} ctx={ctx} message={message} onRun={onRun} keyHint={keyHint} ids={{ inputId, helpId, msgId, describedBy }} />;
    case 'buttons':
      return (
        <Field help={c.help} helpId={helpId} msgId={msgId} message={message}>
          <ButtonRow c={c} ctx={ctx} labelId={inputId} describedBy={describedBy} disabledWhy={disabledWhy} keyHint={keyHint} onRun={onRun} compact={compact} />
        </Field>
      );
    case 'range': {
      const v = c.value(ctx);
      const max = c.max(ctx);
      return (
        <Field help={c.help} helpId={helpId} msgId={msgId} message={message}>
          <label htmlFor={inputId}>
            {c.label}: <output htmlFor={inputId}>{c.valueText ? c.valueText(v, ctx) : v}</output>
          </label>
          <input
            id={inputId}
            type="range"
            data-control={c.id}
            min={c.min(ctx)}
            max={max}
            step={c.step}
            value={v}
            aria-valuetext={c.valueText ? c.valueText(v, ctx) : String(v)}
            aria-describedby={describedBy}
            onChange={(e) => onRun(c, e.currentTarget.value)}
          />
        </Field>
      );
    }
  }
}

/** A labelled row of buttons, one per target; with no targets, one button that explains why. */
function ButtonRow({
  c,
  ctx,
  labelId,
  describedBy,
  disabledWhy,
  keyHint,
  onRun,
  compact,
}: {
  compact: boolean;
  c: ButtonsControl;
  ctx: ControlContext;
  labelId: string;
  describedBy: string;
  disabledWhy: string | null;
  keyHint: ReactNode;
  onRun: (c: Control, raw: string | boolean | null) => boolean;
}) {
  const items = c.items(ctx);
  return (
    <div role="group" aria-labelledby={labelId} className="viz-panel__buttons" data-control-group={c.id} aria-keyshortcuts={c.shortcut ? c.shortcut.keys.join(' ') : undefined}>
      <span id={labelId} className={compact || items.length === 0 ? 'visually-hidden' : 'viz-panel__buttons-label'}>
        {c.label} {keyHint}
      </span>
      {items.length === 0 ? (
        <button type="button" className="button" data-control={c.id} aria-disabled={true} aria-describedby={describedBy} onClick={() => onRun(c, null)}>
          {c.label}
        </button>
      ) : (
        items.map((it) => (
          <button
            key={it.value}
            type="button"
            className="button"
            data-control={c.id}
            data-value={it.value}
            data-state={it.state}
            aria-label={it.state ? `${it.text} (${it.state})` : undefined}
            aria-disabled={disabledWhy || it.disabled ? true : undefined}
            aria-describedby={describedBy}
            onClick={() => onRun(c, it.value)}
          >
            {it.text}
            {it.state ? <span className="viz-panel__state"> ({it.state})</span> : null}
          </button>
        ))
      )}
    </div>
  );
}

function NumberField({
  c,
  ctx,
  message,
  onRun,
  keyHint,
  ids,
}: {
  c: NumberControl;
  keyHint: ReactNode;
  ctx: ControlContext;
  message: string | null;
  onRun: (c: Control, raw: string | boolean | null) => boolean;
  ids: { inputId: string; helpId: string; msgId: string; describedBy: string };
}) {
  const [draft, setDraft] = useState<string | null>(null);
  const value = c.value(ctx);
  const ctxDisabled = c.disabled?.(ctx) ?? null;
  const commit = () => {
    if (draft === null) return;
    if (onRun(c, draft)) setDraft(null);
  };
  // A number that goes with an action applies only when asked, and keeps what was typed.
  const submit = () => {
    onRun(c, draft ?? String(value));
  };
  return (
    <Field help={c.help} helpId={ids.helpId} msgId={ids.msgId} message={message}>
      <label htmlFor={ids.inputId}>
        {c.label}
        {c.unit ? ` (${c.unit})` : ''} {keyHint}
      </label>
      <span className="viz-panel__number">
        <input
          id={ids.inputId}
          type="number"
          inputMode="decimal"
          data-control={c.id}
          min={c.min(ctx)}
          max={c.max(ctx)}
          step={c.step}
          value={draft ?? String(value)}
          aria-invalid={message ? true : undefined}
          aria-describedby={ids.describedBy}
          onChange={(e) => setDraft(e.currentTarget.value)}
          onBlur={c.submit ? undefined : commit}
          onKeyDown={(e) => {
            if (e.key === 'Enter') {
              e.preventDefault();
              if (c.submit) submit();
              else commit();
            }
            if (e.key === 'Escape' && draft !== null) {
              e.stopPropagation();
              setDraft(null);
            }
          }}
        />
        {c.submit ? (
          <button type="button" className="button viz-panel__set" data-control-set={c.id} aria-disabled={ctxDisabled ? true : undefined} onClick={submit} aria-label={c.submit.label}>
            {c.submit.text}
          </button>
        ) : (
          <button type="button" className="button viz-panel__set" data-control-set={c.id} onClick={commit} aria-label={`Set ${c.label}`}>
            Set
          </button>
        )}
      </span>
    </Field>
  );
}

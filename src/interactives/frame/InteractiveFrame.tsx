import { useCallback, useEffect, useId, useRef, useState, type ReactNode } from 'react';
import { Link } from 'react-router';
import './frame.css';

export interface Shortcut {
  /** KeyboardEvent.key values, shown as typed (e.g. ' ' is shown as "Space") */
  keys: string[];
  label: string;
}

export interface TryThis {
  prompt: string;
  /** what the learner should see; revealed on request */
  outcome: string;
}

interface Props {
  id: string;
  title: string;
  embedded: boolean;
  children: ReactNode;
  /** Returns the absolute share URL for the current state, or null if sharing is not offered. */
  makeShareUrl?: () => string | null;
  shortcuts?: Shortcut[];
  tryThis?: TryThis[];
  /** A message about the share link that opened this (e.g. why it was rejected). */
  notice?: string | null;
  /** Called for keys pressed while the frame (or, on its own page, the whole page) has focus. */
  onKey?: (e: KeyboardEvent) => boolean;
}

const keyName = (k: string) => (k === ' ' ? 'Space' : k === 'ArrowRight' ? '→' : k === 'ArrowLeft' ? '←' : k);

function isTyping(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  if (!el || !el.tagName) return false;
  const tag = el.tagName;
  if (tag === 'TEXTAREA' || el.isContentEditable) return true;
  if (tag === 'SELECT') return true;
  if (tag === 'INPUT') {
    const type = (el as HTMLInputElement).type;
    return !['checkbox', 'radio', 'button', 'submit', 'reset'].includes(type);
  }
  return false;
}

/** Keys a focused control needs for itself (Space presses a button, arrows move a radio or slider). */
function controlOwnsKey(target: EventTarget | null, key: string): boolean {
  const el = target as HTMLElement | null;
  if (!el || !el.tagName) return false;
  const activating = key === ' ' || key === 'Enter';
  const arrows = key.startsWith('Arrow') || key === 'Home' || key === 'End' || key === 'PageUp' || key === 'PageDown';
  const tag = el.tagName;
  if (tag === 'BUTTON' || tag === 'A' || tag === 'SUMMARY') return activating;
  if (tag === 'INPUT') {
    const type = (el as HTMLInputElement).type;
    if (type === 'range' || type === 'radio') return activating || arrows;
    return activating;
  }
  const role = el.getAttribute('role');
  if (role === 'slider' || role === 'radio' || role === 'tab' || role === 'listbox' || role === 'option') return activating || arrows;
  if (role === 'button' || role === 'switch' || role === 'checkbox') return activating;
  return false;
}

/**
 * The shared chrome of every interactive: presenter mode (fills the screen with large type and
 * high contrast; P toggles, Escape leaves), a shortcut list (?), a share link and "try this" prompts.
 */
export function InteractiveFrame({ id, title, embedded, children, makeShareUrl, shortcuts = [], tryThis = [], notice, onKey }: Props) {
  const [presenting, setPresenting] = useState(false);
  const [helpOpen, setHelpOpen] = useState(false);
  const [shareText, setShareText] = useState<string | null>(null);
  const [status, setStatus] = useState('');
  const frameRef = useRef<HTMLElement>(null);
  const helpRef = useRef<HTMLDialogElement>(null);
  const uid = useId();

  const togglePresenting = useCallback(() => setPresenting((p) => !p), []);

  useEffect(() => {
    const html = document.documentElement;
    if (presenting) {
      html.dataset.presenter = 'on';
      frameRef.current?.focus();
      return () => {
        delete html.dataset.presenter;
      };
    }
    return undefined;
  }, [presenting]);

  useEffect(() => {
    const dlg = helpRef.current;
    if (!dlg) return;
    if (helpOpen && !dlg.open) dlg.showModal?.();
    if (!helpOpen && dlg.open) dlg.close();
  }, [helpOpen]);

  useEffect(() => {
    const onKeyDown = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.ctrlKey || e.metaKey || e.altKey || isTyping(e.target)) return;
      const frame = frameRef.current;
      const inside = frame?.contains(e.target as Node) ?? false;
      // Embedded frames listen only while focus is inside them; on its own page (or while
      // presenting) the interactive owns the keyboard.
      if (!inside && embedded && !presenting) return;
      if (helpOpen) return;
      if (e.key === 'p' || e.key === 'P') {
        e.preventDefault();
        togglePresenting();
        return;
      }
      if (e.key === 'Escape' && presenting) {
        e.preventDefault();
        setPresenting(false);
        return;
      }
      if (e.key === '?') {
        e.preventDefault();
        setHelpOpen(true);
        return;
      }
      if (controlOwnsKey(e.target, e.key)) return;
      if (onKey?.(e)) e.preventDefault();
    };
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, [embedded, presenting, helpOpen, onKey, togglePresenting]);

  const share = async () => {
    const url = makeShareUrl?.();
    if (!url) return;
    setShareText(url);
    try {
      await navigator.clipboard.writeText(url);
      setStatus('Share link copied to the clipboard.');
    } catch {
      setStatus('Copy the share link from the box below.');
    }
  };

  const allShortcuts: Shortcut[] = [...shortcuts, { keys: ['p'], label: 'Presenter mode on or off' }, { keys: ['Escape'], label: 'Leave presenter mode' }, { keys: ['?'], label: 'Show this list' }];

  return (
    <section
      ref={frameRef}
      className={`interactive-frame${presenting ? ' interactive-frame--presenting' : ''}${embedded ? ' interactive-frame--embedded' : ''}`}
      aria-labelledby={`${uid}-title`}
      data-interactive-frame={id}
      tabIndex={-1}
    >
      <header className="interactive-frame__bar">
        <h2 id={`${uid}-title`} className="interactive-frame__title">
          {title}
        </h2>
        <div className="interactive-frame__tools">
          {embedded ? (
            <Link className="button button--quiet" to={`/try/${id}`}>
              Open on its own page
            </Link>
          ) : null}
          {makeShareUrl ? (
            <button type="button" onClick={share}>
              Copy share link
            </button>
          ) : null}
          <button type="button" onClick={() => setHelpOpen(true)} aria-haspopup="dialog">
            Shortcuts <kbd>?</kbd>
          </button>
          <button type="button" onClick={togglePresenting} aria-pressed={presenting}>
            {presenting ? 'Leave presenter mode' : 'Presenter mode'} <kbd>P</kbd>
          </button>
        </div>
      </header>
      <p className="visually-hidden" role="status" aria-live="polite">
        {status}
      </p>
      {notice ? (
        <div className="notice notice--warning" role="alert">
          <p>{notice}</p>
        </div>
      ) : null}
      {shareText ? (
        <div className="interactive-frame__share">
          <label htmlFor={`${uid}-share`}>Share link (opens exactly this moment)</label>
          <input id={`${uid}-share`} readOnly value={shareText} onFocus={(e) => e.currentTarget.select()} />
        </div>
      ) : null}
      <div className="interactive-frame__body">{children}</div>
      {tryThis.length > 0 ? (
        <div className="try-this">
          <h3 className="try-this__title">Try this</h3>
          <ol>
            {tryThis.map((t) => (
              <li key={t.prompt}>
                <p>{t.prompt}</p>
                <details>
                  <summary>What you should see</summary>
                  <p>{t.outcome}</p>
                </details>
              </li>
            ))}
          </ol>
        </div>
      ) : null}
      <dialog ref={helpRef} className="shortcut-dialog" aria-labelledby={`${uid}-help`} onClose={() => setHelpOpen(false)}>
        <h2 id={`${uid}-help`}>Keyboard shortcuts</h2>
        <p>{embedded && !presenting ? 'These work while focus is inside this interactive.' : 'These work anywhere on this page.'}</p>
        <table>
          <thead>
            <tr>
              <th scope="col">Key</th>
              <th scope="col">Does</th>
            </tr>
          </thead>
          <tbody>
            {allShortcuts.map((s) => (
              <tr key={s.label}>
                <th scope="row">
                  {s.keys.map((k, i) => (
                    <span key={k}>
                      {i > 0 ? ' or ' : ''}
                      <kbd>{keyName(k)}</kbd>
                    </span>
                  ))}
                </th>
                <td>{s.label}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <button type="button" onClick={() => setHelpOpen(false)} autoFocus>
          Close
        </button>
      </dialog>
    </section>
  );
}

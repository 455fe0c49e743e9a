import { useCallback, useEffect, useId, useRef, useState, type ReactNode } from 'react';
import { Link } from 'react-router';
import { controlOwnsKey, isTyping, KEY_EXCEPTIONS } from './keys';
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
  /** In presenter mode, shown in the title bar (e.g. play, step and the time), to save a row of the stage. */
  presenterBar?: ReactNode;
}

const keyName = (k: string) => (k === ' ' ? 'Space' : k === 'ArrowRight' ? '→' : k === 'ArrowLeft' ? '←' : k);

/**
 * The shared chrome of every interactive: presenter mode (fills the screen with large type and
 * high contrast; P toggles, Escape leaves), a shortcut list (?), a share link and "try this" prompts.
 */
export function InteractiveFrame({ id, title, embedded, children, makeShareUrl, shortcuts = [], tryThis = [], notice, onKey, presenterBar }: Props) {
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
      // Escape leaves presenter mode wherever focus is (even in a text box), unless the shortcut
      // list is open: then Escape closes the list first, as a dialog's Escape does.
      if (e.key === 'Escape' && presenting && !helpOpen) {
        e.preventDefault();
        setPresenting(false);
        return;
      }
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
      if (e.key === '?') {
        e.preventDefault();
        setHelpOpen(true);
        return;
      }
      if (controlOwnsKey(e.target, e.key)) return;
      if (onKey?.(e)) e.preventDefault();
    };
    // capture: runs before a focused field's own handler can stop the event (Escape in a number box)
    document.addEventListener('keydown', onKeyDown, true);
    return () => document.removeEventListener('keydown', onKeyDown, true);
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
        {presenting && presenterBar ? <div className="interactive-frame__present-bar">{presenterBar}</div> : null}
        <div className="interactive-frame__tools">
          {embedded ? (
            <Link className="button button--quiet" to={`/try/${id}`}>
              Open on its own page
            </Link>
          ) : null}
          {makeShareUrl ? (
            <button type="button" onClick={share} data-frame-tool="share">
              Copy share link
            </button>
          ) : null}
          <button type="button" onClick={() => setHelpOpen(true)} aria-haspopup="dialog" data-frame-tool="shortcuts">
            Shortcuts <kbd>?</kbd>
          </button>
          <button type="button" onClick={togglePresenting} aria-pressed={presenting} data-frame-tool="presenter">
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
        <h3 className="shortcut-dialog__sub">Where a focused control needs a key, it keeps it</h3>
        <ul className="shortcut-dialog__exceptions" data-key-exceptions="">
          {KEY_EXCEPTIONS.map((t) => (
            <li key={t}>{t}</li>
          ))}
        </ul>
        <button type="button" onClick={() => setHelpOpen(false)} autoFocus>
          Close
        </button>
      </dialog>
    </section>
  );
}

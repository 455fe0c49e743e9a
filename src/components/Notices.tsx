import { useLayoutEffect, useRef } from 'react';
import { useStore } from '../store';

/**
 * The site's messages, fixed at the bottom of the window. While any is shown, the page gets as
 * much room at its end (the `--notices-space` custom property), so nothing there stays hidden
 * under a message that waits for the learner (a failed save stays until a save succeeds).
 */
export function Notices() {
  const notices = useStore((s) => s.notices);
  const dismiss = useStore((s) => s.dismissNotice);
  const box = useRef<HTMLDivElement>(null);
  const shown = notices.length > 0;

  useLayoutEffect(() => {
    const el = box.current;
    const root = document.documentElement;
    if (!shown || !el) return undefined;
    const reserve = () => root.style.setProperty('--notices-space', `${Math.ceil(el.getBoundingClientRect().height) + 16}px`);
    reserve();
    const observer = typeof ResizeObserver === 'undefined' ? null : new ResizeObserver(reserve);
    observer?.observe(el);
    return () => {
      observer?.disconnect();
      root.style.removeProperty('--notices-space');
    };
  }, [shown]);

  if (!shown) return null;
  return (
    <div ref={box} className="notices" role="region" aria-label="Messages">
      {notices.map((n) => (
        <div key={n.id} className={`notice notice--${n.tone}`} role={n.tone === 'info' ? 'status' : 'alert'}>
          <p>{n.text}</p>
          {n.action ? (
            <button type="button" className="button button--primary" onClick={n.action.run}>
              {n.action.label}
            </button>
          ) : null}
          <button type="button" onClick={() => dismiss(n.id)}>
            Dismiss
          </button>
        </div>
      ))}
    </div>
  );
}

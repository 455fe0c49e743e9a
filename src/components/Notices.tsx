import { useStore } from '../store';

export function Notices() {
  const notices = useStore((s) => s.notices);
  const dismiss = useStore((s) => s.dismissNotice);
  if (notices.length === 0) return null;
  return (
    <div className="notices" role="region" aria-label="Messages">
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

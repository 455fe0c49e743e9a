import { useEffect, useState, type ReactNode } from 'react';
import { applyUpdate, useAppUpdateStatus } from './status';

/** How long the "works offline" message stays before it hides itself (ms). */
const OFFLINE_READY_MS = 8000;

/**
 * A small message at the bottom of the screen (fixed, so nothing on the page moves when it
 * appears): "now works offline" once, after the first visit has cached the module, and "a new
 * version is ready" with a button to switch to it. Switching reloads the page; saved progress,
 * answers, notes and lab code come back because they are saved as they change.
 */
export function UpdateToast() {
  const { offlineReady, updateReady } = useAppUpdateStatus();
  const [offlineSeen, setOfflineSeen] = useState(false);
  const [later, setLater] = useState(false);

  useEffect(() => {
    if (!offlineReady || offlineSeen) return;
    const t = window.setTimeout(() => setOfflineSeen(true), OFFLINE_READY_MS);
    return () => window.clearTimeout(t);
  }, [offlineReady, offlineSeen]);

  let message: ReactNode = null;
  if (updateReady && !later) {
    message = (
      <div className="app-toast">
        <p>A new version of Streamlab is available. Your progress is saved and stays after the update.</p>
        <div className="app-toast__actions">
          <button type="button" className="button button--primary" onClick={applyUpdate}>
            Update now
          </button>
          <button type="button" className="button" onClick={() => setLater(true)}>
            Later
          </button>
        </div>
      </div>
    );
  } else if (offlineReady && !offlineSeen) {
    message = (
      <div className="app-toast">
        <p>Streamlab is saved on this device: lessons, interactives and the quiz now work offline.</p>
        <div className="app-toast__actions">
          <button type="button" className="button" onClick={() => setOfflineSeen(true)}>
            OK
          </button>
        </div>
      </div>
    );
  }
  // The live region stays mounted, so screen readers announce a message when it appears in it.
  return (
    <div className="app-toast-region" role="status" aria-live="polite">
      {message}
    </div>
  );
}

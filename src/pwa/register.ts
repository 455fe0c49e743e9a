import { registerSW } from 'virtual:pwa-register';
import { setApplyUpdate, setAppUpdateStatus } from './status';

/** How often an open page asks the server whether a newer version was deployed (ms). */
const UPDATE_CHECK_MS = 60 * 60 * 1000;

/**
 * Registers the service worker that vite-plugin-pwa generates (Workbox precaching of every file of
 * the build), relative to the page, so it works from any sub-path. Loaded after the page, never
 * in an LMS package. Reports "works offline" and "update waiting" to the toast; nothing here
 * reloads the page without the learner asking.
 */
export function registerServiceWorker(): void {
  const updateSW = registerSW({
    onOfflineReady: () => setAppUpdateStatus({ offlineReady: true }),
    onNeedRefresh: () => setAppUpdateStatus({ updateReady: true }),
    onRegisteredSW: (_url, registration) => {
      if (!registration) return;
      // Browsers look for a new service worker on navigations, which a hash-routed app rarely
      // makes; a learner who keeps the module open for a day still hears about an update.
      window.setInterval(() => {
        if (navigator.onLine) void registration.update().catch(() => undefined);
      }, UPDATE_CHECK_MS);
    },
    onRegisterError: () => {
      // No offline copy (private mode, storage full, blocked by the browser): the module still
      // works online, exactly as without a service worker.
    },
  });
  setApplyUpdate(() => updateSW(true));
}

import './zod-config';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { preloadRoute } from './routes';
import { hydrateAndPersist } from './store';
import './styles/global.css';

preloadRoute(window.location.hash);

// An LMS package (npm run package) opens its SCORM session before the store reads local storage,
// so each learner's local copy is kept apart, then merges the LMS's resume state and mirrors
// progress to it. The web build leaves this out entirely (a build-time constant).
const lmsTarget = import.meta.env.STREAMLAB_LMS;
if (lmsTarget === 'scorm12' || lmsTarget === 'scorm2004') {
  const { openLms } = await import('./lms/connect');
  const lms = openLms(lmsTarget === 'scorm12' ? '1.2' : '2004', import.meta.env.STREAMLAB_PASS_MARK);
  hydrateAndPersist(lms.storage);
  lms.start();
} else {
  hydrateAndPersist();
}

// The offline copy (service worker) registers once the page has loaded, so it never competes with
// the first load; LMS packages have none (vite.config.ts).
if (import.meta.env.PROD && !import.meta.env.STREAMLAB_LMS && 'serviceWorker' in navigator) {
  window.addEventListener('load', () => void import('./pwa/register').then((m) => m.registerServiceWorker()), { once: true });
}

const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
}

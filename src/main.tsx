import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { preloadRoute } from './routes';
import { hydrateAndPersist } from './store';
import './styles/global.css';

preloadRoute(window.location.hash);
hydrateAndPersist();

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

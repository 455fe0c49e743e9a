import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { preloadRoute } from './routes';
import { hydrateAndPersist } from './store';
import './styles/global.css';

preloadRoute(window.location.hash);
hydrateAndPersist();

const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
}

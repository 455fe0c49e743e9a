import { HashRouter, useRoutes } from 'react-router';
import { routes } from './routes';

function AppRoutes() {
  return useRoutes(routes);
}

// Hash routing (#/learn/<section>) lets the built site live under any sub-path of any static host
// and keeps deep links working on reload, with no server rewrite rules. The declarative router
// (not createHashRouter's data router) because no page uses loaders or actions, and it is about
// 16 KB gzipped lighter on the first load.
export function App() {
  return (
    <HashRouter>
      <AppRoutes />
    </HashRouter>
  );
}

import { createHashRouter, RouterProvider } from 'react-router';
import { routes } from './routes';

// Hash routing (#/learn/<section>) lets the built site live under any sub-path of any static host
// and keeps deep links working on reload, with no server rewrite rules.
const router = createHashRouter(routes);

export function App() {
  return <RouterProvider router={router} />;
}

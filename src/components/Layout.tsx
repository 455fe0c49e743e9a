import { useEffect, useRef } from 'react';
import { NavLink, Outlet, useLocation } from 'react-router';
import { useStore } from '../store';
import { UpdateToast } from '../pwa/UpdateToast';
import { ErrorBoundary } from './ErrorBoundary';
import { Notices } from './Notices';
import { ThemeSwitch } from './ThemeSwitch';

export function Layout() {
  const theme = useStore((s) => s.prefs.theme);
  const { pathname, hash } = useLocation();

  // The page always carries a concrete data-theme; "Auto" follows the system setting live.
  useEffect(() => {
    const html = document.documentElement;
    if (theme !== 'system') {
      html.dataset.theme = theme;
      return;
    }
    const query = window.matchMedia?.('(prefers-color-scheme: dark)');
    const apply = () => {
      html.dataset.theme = query?.matches ? 'dark' : 'light';
    };
    apply();
    query?.addEventListener?.('change', apply);
    return () => query?.removeEventListener?.('change', apply);
  }, [theme]);

  // On navigation (not on first load), move focus to the new page's heading so keyboard and
  // screen-reader users start reading the new page. Pages load lazily, so wait for the h1.
  const firstRender = useRef(true);
  useEffect(() => {
    if (firstRender.current) {
      firstRender.current = false;
      return;
    }
    // A link to a place inside the page (#/glossary#term) is handled by that page.
    if (hash) return;
    window.scrollTo?.(0, 0);
    const main = document.getElementById('main');
    if (!main) return;
    const focusHeading = () => {
      const h1 = main.querySelector<HTMLElement>('h1');
      if (!h1) return false;
      h1.setAttribute('tabindex', '-1');
      h1.focus({ preventScroll: true });
      return true;
    };
    if (focusHeading()) return;
    const observer = new MutationObserver(() => {
      if (focusHeading()) observer.disconnect();
    });
    observer.observe(main, { childList: true, subtree: true });
    const stop = window.setTimeout(() => observer.disconnect(), 5000);
    return () => {
      observer.disconnect();
      window.clearTimeout(stop);
    };
  }, [pathname]); // eslint-disable-line react-hooks/exhaustive-deps

  return (
    <div className="app">
      <a className="skip-link" href="#main" onClick={(e) => { e.preventDefault(); document.getElementById('main')?.focus(); }}>
        Skip to content
      </a>
      <header className="site-header">
        <NavLink to="/" className="brand" aria-label="Streamlab home">
          <svg aria-hidden="true" viewBox="0 0 64 64" width="28" height="28">
            <rect width="64" height="64" rx="12" fill="currentColor" opacity="0.15" />
            <g fill="currentColor">
              <rect x="10" y="14" width="44" height="8" rx="3" />
              <rect x="10" y="28" width="32" height="8" rx="3" />
              <rect x="10" y="42" width="40" height="8" rx="3" />
            </g>
          </svg>
          <span>Streamlab</span>
        </NavLink>
        <nav aria-label="Main" className="site-nav">
          <ul>
            <li>
              <NavLink to="/" end>
                Module
              </NavLink>
            </li>
            <li>
              <NavLink to="/glossary">Glossary</NavLink>
            </li>
            <li>
              <NavLink to="/playground">Playground</NavLink>
            </li>
            <li>
              <NavLink to="/quiz">Quiz</NavLink>
            </li>
            <li>
              <NavLink to="/labs/lab-3-1">Lab</NavLink>
            </li>
          </ul>
        </nav>
        <ThemeSwitch />
      </header>
      <Notices />
      <main id="main" tabIndex={-1}>
        {/* A page that fails to render leaves the site's header and navigation working (never the
            router's stack-trace screen); a new address starts with a fresh boundary. */}
        <ErrorBoundary key={pathname} label="This page">
          <Outlet />
        </ErrorBoundary>
      </main>
      <footer className="site-footer">
        <p>
          {import.meta.env.STREAMLAB_LMS
            ? 'Streamlab is open source and runs entirely in your browser. Progress is saved on this device and reported to your course system (sections completed, quiz score, where you left off).'
            : 'Streamlab is open source and runs entirely in your browser: no account, nothing sent anywhere. Progress is saved on this device.'}
        </p>
      </footer>
      <UpdateToast />
    </div>
  );
}

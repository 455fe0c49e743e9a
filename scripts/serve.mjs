// `npm start` builds, then serves dist/ with Vite's preview server and prints the URL.
// Options: --port N (or PORT), --host H (or HOST), --strict-port (fail instead of trying the next port).
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { preview } from 'vite';

const args = process.argv.slice(2);
const opt = (name) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const port = Number(opt('--port') ?? process.env.PORT) || 4173;
const host = opt('--host') ?? process.env.HOST ?? '127.0.0.1';

// The page's Content Security Policy is the one the build put in dist/index.html as a meta tag
// (vite-plugins/csp.ts), so the header can never disagree with it. The header adds
// `frame-ancestors`, which only works as a header: 'self' lets the site frame itself and stops
// other sites from framing it (clickjacking). The LMS packages (SCORM) are separate files an LMS
// serves and frames from its own origin; this server never serves them, so this does not get in
// their way. A host that must allow framing by a known LMS would list that origin here.
const html = readFileSync(resolve('dist/index.html'), 'utf8');
const meta = /<meta http-equiv="Content-Security-Policy" content="([^"]*)"/i.exec(html)?.[1];
if (!meta) {
  console.error('dist/index.html has no Content-Security-Policy meta tag: build with `npm run build` first.');
  process.exit(1);
}
const headerPolicy = `${meta}; frame-ancestors 'self'`;

/**
 * True for a request answered with the app's own page: `/`, `/index.html`, and paths without a
 * file extension (the preview server's fallback to index.html). Other HTML files (the lab's
 * sandbox page) carry their own policy, and scripts and workers must not get the page's (a
 * worker's policy comes from its own response).
 */
function isAppDocument(url = '/') {
  const path = decodeURIComponent(url.split(/[?#]/)[0] ?? '/');
  if (path.endsWith('/') || path.endsWith('/index.html')) return true;
  return !/\.[A-Za-z0-9]+$/.test(path);
}

const cspHeader = {
  name: 'streamlab-csp-header',
  configurePreviewServer(server) {
    server.middlewares.use((req, res, next) => {
      if (isAppDocument(req.url)) res.setHeader('Content-Security-Policy', headerPolicy);
      next();
    });
  },
};

const server = await preview({ plugins: [cspHeader], preview: { port, host, strictPort: args.includes('--strict-port'), open: false } });
const url = server.resolvedUrls?.local?.[0] ?? `http://${host}:${port}/`;
console.log(`\nStreamlab is running at ${url}\nPress Ctrl+C to stop.`);

import { existsSync, readFileSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';

const types: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.mjs': 'text/javascript',
  '.css': 'text/css',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.json': 'application/json',
  '.webmanifest': 'application/manifest+json',
  '.txt': 'text/plain',
  '.xml': 'application/xml',
  '.xsd': 'application/xml',
};

/** What a mount answers for a path below it: bytes, or null for 404. */
export type Lookup = (path: string) => Uint8Array | string | null;

/** Files of a folder on disk (folders answer with their index.html); never outside the folder. */
export function fromDir(root: string): Lookup {
  return (path) => {
    let file = normalize(join(root, path));
    if (file !== root && !file.startsWith(root + sep)) return null;
    if (existsSync(file) && statSync(file).isDirectory()) file = join(file, 'index.html');
    return existsSync(file) ? readFileSync(file) : null;
  };
}

/** Files held in memory (e.g. a package read from its zip), by path. */
export function fromFiles(files: Record<string, Uint8Array | string>): Lookup {
  return (path) => files[path === '' || path.endsWith('/') ? `${path}index.html` : path] ?? null;
}

/**
 * A plain static server on an ephemeral port (no SPA fallback, no compression): each mount is a
 * URL prefix such as `/courses/streamlab/` and answers the paths below it. Anything else is 404,
 * so a file the page asks for outside its sub-path shows up as a failed request.
 */
export async function serveStatic(mounts: Record<string, Lookup>): Promise<{ origin: string; server: Server; close: () => Promise<void> }> {
  const server = createServer((req, res) => {
    let url: string;
    try {
      url = decodeURIComponent((req.url ?? '/').split('?')[0] ?? '/');
    } catch {
      res.writeHead(400).end();
      return;
    }
    for (const [prefix, lookup] of Object.entries(mounts)) {
      if (!url.startsWith(prefix)) continue;
      const body = lookup(url.slice(prefix.length));
      if (body === null) break;
      const type = types[extname(url)] ?? (url.endsWith('/') ? types['.html'] : 'application/octet-stream');
      res.writeHead(200, { 'content-type': type!, 'cache-control': 'no-cache' });
      res.end(body);
      return;
    }
    res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const addr = server.address();
  const origin = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}`;
  return { origin, server, close: () => new Promise((r) => server.close(() => r())) };
}

/**
 * The live view's server side: serves the built module (dist/) over HTTP and streams the running
 * cluster to `#/live` over a WebSocket (the `ws` library) at /live. Four times a second every
 * open page gets the simulator's read model plus the brokers' addresses and connection counts;
 * a page may send three commands: stop or start a broker, and slow a group's consumers. Every
 * message from a page is untrusted input: parsed, checked, and answered with an error when wrong.
 */
import { createReadStream, existsSync, readFileSync, statSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { WebSocketServer, type WebSocket } from 'ws';
import type { KafkaCluster } from '../core/cluster.ts';
import { liveSnapshot, parseLiveCommand, type LiveCommand } from '../live/protocol.ts';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.webmanifest': 'application/manifest+json',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
  '.zip': 'application/zip',
};

export const LIVE_PUBLISH_MS = 250;

export interface LiveServer {
  port: number;
  url: string;
  clients(): number;
  close(): Promise<void>;
}

function serveStatic(root: string, req: http.IncomingMessage, res: http.ServerResponse): void {
  const url = new URL(req.url ?? '/', 'http://x');
  let rel = decodeURIComponent(url.pathname);
  if (rel.endsWith('/')) rel += 'index.html';
  const file = path.normalize(path.join(root, rel));
  if (!file.startsWith(path.normalize(root + path.sep)) && file !== path.normalize(root)) {
    res.writeHead(403).end('forbidden');
    return;
  }
  if (!existsSync(file) || !statSync(file).isFile()) {
    res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
    return;
  }
  const headers: Record<string, string> = { 'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-cache' };
  const policy = path.basename(file) === 'index.html' ? pagePolicy(file) : null;
  if (policy) headers['content-security-policy'] = policy;
  res.writeHead(200, headers);
  createReadStream(file).pipe(res);
}

/**
 * The Content Security Policy header for the app's page, as `npm start` sends it (scripts/serve.mjs):
 * the policy of the page's own meta tag (vite-plugins/csp.ts), plus `frame-ancestors 'self'`,
 * which only works as a header. Null for a page without the tag (a build without the plugin).
 */
function pagePolicy(file: string): string | null {
  const meta = /<meta http-equiv="Content-Security-Policy" content="([^"]*)"/i.exec(readFileSync(file, 'utf8'))?.[1];
  return meta ? `${meta}; frame-ancestors 'self'` : null;
}

/** Applies a page's command to the cluster; returns an error message or null. */
export function runLiveCommand(cluster: KafkaCluster, cmd: LiveCommand): string | null {
  switch (cmd.type) {
    case 'broker/stop':
    case 'broker/start':
      if (!cluster.brokerIds.includes(cmd.broker)) return `there is no broker ${cmd.broker}`;
      if (cmd.type === 'broker/stop') cluster.stopBroker(cmd.broker);
      else cluster.startBroker(cmd.broker);
      return null;
    case 'group/slow': {
      if (!cluster.sim.classicGroups?.some((g) => g.groupId === cmd.group)) return `there is no group "${cmd.group}"`;
      cluster.act({ type: 'group/set-slowdown', group: cmd.group, slowdown: cmd.slowdown });
      return null;
    }
  }
}

export function startLiveServer(cluster: KafkaCluster, options: { host: string; port: number; root: string; log?: (s: string) => void }): Promise<LiveServer> {
  const server = http.createServer((req, res) => {
    if (!existsSync(path.join(options.root, 'index.html'))) {
      res.writeHead(503, { 'content-type': 'text/plain' }).end('The module is not built: run `npm run build`, then restart `npm run broker`.');
      return;
    }
    serveStatic(options.root, req, res);
  });
  const wss = new WebSocketServer({ server, path: '/live', maxPayload: 64 * 1024 });
  const sockets = new Set<WebSocket>();
  wss.on('connection', (ws) => {
    sockets.add(ws);
    ws.on('close', () => sockets.delete(ws));
    ws.on('error', () => sockets.delete(ws));
    ws.on('message', (data) => {
      const cmd = parseLiveCommand(String(data));
      if ('error' in cmd) {
        ws.send(JSON.stringify({ type: 'error', message: cmd.error }));
        return;
      }
      const err = runLiveCommand(cluster, cmd);
      ws.send(JSON.stringify(err ? { type: 'error', message: err } : { type: 'ok', command: cmd.type }));
      options.log?.(`live view: ${cmd.type} ${'broker' in cmd ? cmd.broker : `${cmd.group} x${cmd.slowdown}`}${err ? ` refused: ${err}` : ''}`);
    });
    ws.send(JSON.stringify(liveSnapshot(cluster)));
  });
  const timer = setInterval(() => {
    if (!sockets.size) return;
    const msg = JSON.stringify(liveSnapshot(cluster));
    for (const ws of sockets) if (ws.readyState === ws.OPEN) ws.send(msg);
  }, LIVE_PUBLISH_MS);
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      const port = (server.address() as { port: number }).port;
      resolve({
        port,
        url: `http://${options.host}:${port}/#/live`,
        clients: () => sockets.size,
        close: () =>
          new Promise<void>((done) => {
            clearInterval(timer);
            for (const ws of sockets) ws.terminate();
            wss.close();
            server.close(() => done());
            server.closeAllConnections?.();
          }),
      });
    });
  });
}

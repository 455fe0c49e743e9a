import { expect, test } from './fixtures';
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { extname, join, normalize } from 'node:path';

// The built site must work when a course site serves it from a sub-path. This serves dist/ (built
// by the web server step) under /courses/streamlab/ with a plain static server: no SPA fallback.
const PREFIX = '/courses/streamlab/';
const types: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.svg': 'image/svg+xml', '.json': 'application/json', '.txt': 'text/plain' };
let server: Server;
let base = '';

test.beforeAll(async () => {
  const root = join(process.cwd(), 'dist');
  server = createServer((req, res) => {
    const url = decodeURIComponent((req.url ?? '/').split('?')[0] ?? '/');
    if (!url.startsWith(PREFIX)) {
      res.writeHead(404).end('not under the sub-path');
      return;
    }
    let file = normalize(join(root, url.slice(PREFIX.length)));
    if (!file.startsWith(root)) {
      res.writeHead(403).end();
      return;
    }
    if (existsSync(file) && statSync(file).isDirectory()) file = join(file, 'index.html');
    if (!existsSync(file)) {
      res.writeHead(404).end('missing');
      return;
    }
    res.writeHead(200, { 'content-type': types[extname(file)] ?? 'application/octet-stream' });
    createReadStream(file).pipe(res);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const addr = server.address();
  base = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}${PREFIX}`;
});

test.afterAll(() => server?.close());

test('the built site works from a sub-path, and a deep link survives a reload', async ({ page }) => {
  const failed: string[] = [];
  page.on('response', (r) => {
    if (r.status() >= 400) failed.push(`${r.status()} ${r.url()}`);
  });
  await page.goto(base);
  await expect(page.getByRole('heading', { level: 1 })).toContainText(/Kafka/);
  await page.getByRole('navigation', { name: 'Module sections' }).getByRole('link').nth(3).click();
  await expect(page.locator('.lesson__body p').first()).toBeVisible();
  const url = page.url();
  expect(url).toContain(`${PREFIX}#/learn/`);
  await page.reload();
  await expect(page.locator('.lesson__body p').first()).toBeVisible();
  expect(failed).toEqual([]);
});

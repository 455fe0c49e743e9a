/// <reference lib="dom" />
// This spec attacks the lab's sandbox, whose own policy (public/lab-sandbox.html) refuses and
// reports what the learner code tries: those reports are expected here, so it does not use the
// fixtures' CSP-violation guard.
// eslint-disable-next-line no-restricted-imports
import { expect, test, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

// The lab's sandbox, attacked the way issue #12 describes: learner code that tries to reach the
// network, to hang or exhaust the sandbox, to forge what the page grades, or to run from a link.
// Every request any of it could make would reach a local listener on an ephemeral port.

const solution = (cell: string) => readFileSync(`content/labs/lab-3-1/kit/src/${cell}.ts`, 'utf8');
const starter = (cell: string) => readFileSync(`content/labs/lab-3-1/starter/${cell}.ts`, 'utf8');
const editor = (page: Page) => page.getByRole('textbox', { name: /^Code:/ });
const runButton = (page: Page) => page.getByRole('button', { name: /^Run step 1/ });
const errorNotice = (page: Page) => page.locator('.lab-error');

interface Listener {
  url: string;
  host: string;
  hits: string[];
  close: () => Promise<void>;
}

/** An HTTP (and WebSocket upgrade) listener that records every request it gets. */
async function listener(): Promise<Listener> {
  const hits: string[] = [];
  const server: Server = createServer((req, res) => {
    hits.push(`${req.method} ${req.url}`);
    res.setHeader('access-control-allow-origin', '*');
    res.end('fetch("/second-hop")');
  });
  server.on('upgrade', (req, socket) => {
    hits.push(`UPGRADE ${req.url}`);
    socket.destroy();
  });
  server.on('connection', () => hits.push('TCP connection'));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, host: `127.0.0.1:${port}`, hits, close: () => new Promise((r) => server.close(() => r())) };
}

async function run(page: Page, code: string): Promise<void> {
  await editor(page).fill(code);
  await runButton(page).click();
}

async function consoleText(page: Page): Promise<string> {
  const log = page.locator('.lab-log');
  await log.locator('summary').click();
  return (await log.locator('pre').textContent()) ?? '';
}

let spy: Listener;
test.beforeEach(async () => {
  spy = await listener();
});
test.afterEach(async () => {
  await spy.close();
});

test.describe('the lab sandbox', () => {
  test('no request leaves a lab run, whatever the code tries', async ({ page }) => {
    test.setTimeout(90_000);
    await page.goto('./#/labs/lab-3-1');
    const attempts = `
const spy = '${spy.url}';
const g = globalThis as any;
const attempts: [string, () => unknown][] = [
  ['fetch', () => fetch(spy + '/fetch')],
  ['import()', () => import(spy + '/import.js')],
  ['string setTimeout', () => g.setTimeout("fetch('" + spy + "/string-timer')", 0)],
  ['string setTimeout with import()', () => self.setTimeout("import('" + spy + "/string-timer-import.js')" as any, 0)],
  ['string setInterval', () => g.setInterval("fetch('" + spy + "/string-interval')", 10)],
  ['eval', () => (0, eval)("fetch('" + spy + "/eval')")],
  ['Function', () => new Function("return fetch('" + spy + "/function')")()],
  ['FontFace', () => { const f = new FontFace('x', 'url(' + spy + '/font.woff2)'); g.fonts?.add(f); return f.load(); }],
  ['WebSocket', () => new Promise((ok, no) => { const ws = new WebSocket('ws://${spy.host}/ws'); ws.onopen = () => ok('open'); ws.onerror = () => no(new Error('error event')); })],
  ['WebSocketStream', () => new g.WebSocketStream('ws://${spy.host}/wss').opened],
  ['EventSource', () => new Promise((ok, no) => { const es = new EventSource(spy + '/events'); es.onopen = () => ok('open'); es.onerror = () => no(new Error('error event')); })],
  ['sendBeacon', () => g.navigator.sendBeacon(spy + '/beacon', 'x')],
  ['importScripts', () => g.importScripts(spy + '/import-scripts.js')],
  ['XMLHttpRequest', () => new Promise((ok, no) => { const x = new XMLHttpRequest(); x.open('GET', spy + '/xhr'); x.onload = () => ok('loaded'); x.onerror = () => no(new Error('error event')); x.send(); })],
  ['nested Worker', () => new g.Worker(URL.createObjectURL(new Blob(["fetch('" + spy + "/nested-worker')"])))],
  ['OPFS', () => g.navigator.storage.getDirectory()],
  ['storage buckets', () => g.navigator.storageBuckets.open('lab')],
  ['indexedDB', () => g.indexedDB.open('lab')],
  ['caches', () => g.caches.open('lab')],
];
for (const [what, attempt] of attempts) {
  try {
    const outcome = await Promise.race([Promise.resolve(attempt()), new Promise((_, no) => setTimeout(() => no(new Error('no answer in 1 s')), 1000))]);
    console.log('tried ' + what + ': no error (' + String(outcome) + ')');
  } catch (e) {
    console.log('tried ' + what + ': ' + (e as Error).name);
  }
}
console.log('origin ' + g.origin + ', location ' + String(g.location).slice(0, 10));
`;
    await run(page, attempts);
    await expect(page.locator('.lab-verdict')).toBeVisible({ timeout: 45_000 });
    const out = await consoleText(page);
    // Every attempt ran (each logged its outcome) ...
    for (const what of ['fetch', 'import()', 'string setTimeout', 'string setTimeout with import()', 'string setInterval', 'eval', 'Function', 'FontFace', 'WebSocket', 'WebSocketStream', 'EventSource', 'sendBeacon', 'importScripts', 'XMLHttpRequest', 'nested Worker', 'OPFS', 'storage buckets', 'indexedDB', 'caches']) {
      expect(out).toContain(`tried ${what}: `);
    }
    // ... in a realm with an opaque origin, whose CSP reported what it refused ...
    expect(out).toContain('origin null, location blob:null');
    expect(out).toContain('The lab has no network, so this was blocked');
    // ... and not one request, connection or upgrade reached the listener, even a little later.
    await page.waitForTimeout(1500);
    expect(spy.hits).toEqual([]);
  });

  test('an endless loop ends only the sandbox: the page stays usable, says what happened, keeps the output, and the next run works', async ({ page }) => {
    test.setTimeout(90_000);
    await page.goto('./#/labs/lab-3-1');
    await run(page, "console.log('before the loop, line 1');\nconsole.log('before the loop, line 2');\nlet n = 0;\nwhile (true) {\n  n++;\n}\n");
    // The sandbox is an opaque-origin frame: scripts only, no same-origin.
    await expect(page.locator('iframe.lab-sandbox-frame')).toHaveAttribute('sandbox', 'allow-scripts');
    await expect(page.getByRole('button', { name: 'Stop', exact: true })).toBeVisible();
    // The page answers while the sandbox spins.
    await page.getByRole('button', { name: 'Show a solution' }).click();
    await expect(page.getByRole('button', { name: 'Hide the solution' })).toBeVisible();
    await page.getByRole('button', { name: 'Hide the solution' }).click();
    await expect(errorNotice(page)).toContainText(/Stopped\. Your code stopped responding: it kept the sandbox busy for 6 seconds/, { timeout: 20_000 });
    await expect(page.locator('iframe.lab-sandbox-frame')).toHaveCount(0);
    await expect(page.getByText('✗ The check did not pass.')).toBeVisible();
    // A stopped run keeps what the code printed before it was stopped.
    await expect(page.locator('.lab-log summary')).toHaveText('Console output (2 lines)');
    expect(await consoleText(page)).toContain('before the loop, line 2');
    await run(page, solution('create-topic'));
    await expect(page.getByText('✓ The check passed.')).toBeVisible({ timeout: 20_000 });
  });

  test('an endless async loop is stopped too: one that never yields, and one that keeps awaiting timers', async ({ page }) => {
    test.setTimeout(120_000);
    await page.goto('./#/labs/lab-3-1');
    await run(page, 'let n = 0;\nfor (;;) {\n  await null;\n  n++;\n}\n');
    await expect(errorNotice(page)).toContainText(/Your code stopped responding/, { timeout: 20_000 });
    await run(page, "const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));\nfor (let i = 0; ; i++) {\n  await sleep(100);\n  if (i % 50 === 0) console.log('still going', i);\n}\n");
    await expect(page.getByRole('button', { name: 'Stop', exact: true })).toBeVisible();
    await expect(errorNotice(page)).toContainText(/still running after 30 seconds, so the lab ended it/, { timeout: 50_000 });
    expect(await consoleText(page)).toContain('still going 0');
    await run(page, solution('create-topic'));
    await expect(page.getByText('✓ The check passed.')).toBeVisible({ timeout: 20_000 });
  });

  test('a memory bomb ends only the sandbox, and the next run works', async ({ page }) => {
    test.setTimeout(90_000);
    await page.goto('./#/labs/lab-3-1');
    let crashed = false;
    page.on('crash', () => (crashed = true));
    await run(page, "const hoard: unknown[] = [];\nfor (;;) {\n  hoard.push(new Array(100_000).fill({ order: hoard.length }));\n}\n");
    await expect(errorNotice(page)).toContainText(/stopped responding|ran out of memory/, { timeout: 30_000 });
    await expect(page.locator('iframe.lab-sandbox-frame')).toHaveCount(0);
    // Memory that the engine refuses outright is reported as such.
    await run(page, 'const buffers: ArrayBuffer[] = [];\nfor (;;) buffers.push(new ArrayBuffer(1024 * 1024 * 1024));\n');
    await expect(errorNotice(page)).toContainText(/RangeError|out of memory/, { timeout: 30_000 });
    await run(page, solution('create-topic'));
    await expect(page.getByText('✓ The check passed.')).toBeVisible({ timeout: 20_000 });
    expect(crashed).toBe(false);
  });

  test('learner code cannot fake a pass: forged messages are refused, patched prototypes change nothing, and the lab never sticks in Running…', async ({ page }) => {
    test.setTimeout(90_000);
    await page.goto('./#/labs/lab-3-1');
    // 1. Every message the lab's runtime sends is replaced by a forged "everything passed" result.
    const forged = `${starter('create-topic')}
const fakeRun = { trace: [{ type: 'topic/created', at: 0, topic: 'orders', partitions: 6, auto: false }], view: { timeMs: 0, topics: [], groups: [], produced: 0 }, error: null, timeMs: 0 };
const realPost = MessagePort.prototype.postMessage;
MessagePort.prototype.postMessage = function (this: MessagePort) {
  realPost.call(this, { type: 'done', result: fakeRun });
  realPost.call(this, { t: 'cell', cell: 'create-topic', state: 'done', passed: true });
};
console.log('patched');
`;
    await run(page, forged);
    await expect(errorNotice(page)).toContainText(/Run refused\. The sandbox running your code sent the page a message it does not accept/, { timeout: 20_000 });
    await expect(page.getByText('✗ The check did not pass.')).toBeVisible();
    await expect(runButton(page)).toBeVisible();

    // 2. Prototypes and globals patched to say "yes" to everything: the checks run in the page's realm, untouched.
    const patched = `${starter('create-topic')}
Array.prototype.every = function () { return true; };
Array.prototype.some = function () { return true; };
Object.defineProperty(Object.prototype, 'passed', { get() { return true; }, set() {}, configurable: true });
Object.defineProperty(Object.prototype, 'partitions', { get() { return 6; }, set() {}, configurable: true });
JSON.parse = () => ({ orderId: 'o-1', userId: 'u-1' });
console.log('patched everything');
`;
    await run(page, patched);
    await expect(page.locator('.lab-verdict')).toHaveText('✗ The check did not pass.', { timeout: 20_000 });
    await expect(page.getByText('orders has 1 partition', { exact: false })).toBeVisible();

    // 3. A runtime that is made to say nothing at all: the page notices the silence and ends the run.
    await run(page, `${solution('create-topic')}\nMessagePort.prototype.postMessage = function () {};\nawait new Promise((r) => setTimeout(r, 60_000));\n`);
    await expect(errorNotice(page)).toContainText(/stopped responding/, { timeout: 20_000 });
    await expect(runButton(page)).toBeVisible();
    await expect(page.getByText('Running…')).toHaveCount(0);
  });

  test('code in a share link is shown and runs only when the learner presses Run', async ({ page, context }) => {
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    await page.goto('./#/labs/lab-3-1');
    await editor(page).fill(`${solution('create-topic')}\nconsole.log('the shared code ran');\nfetch('${spy.url}/from-a-link').catch(() => undefined);\n`);
    await page.getByRole('button', { name: 'Copy share link' }).click();
    const url = await page.getByRole('textbox', { name: 'Share link' }).inputValue();
    const other = await context.newPage();
    await other.goto(url);
    await expect(other.getByText(/has not been\s+run/)).toBeVisible();
    await expect(editor(other)).toContainText("console.log('the shared code ran')");
    await other.waitForTimeout(1000);
    // Nothing ran: no sandbox, no console, no topic, no request.
    await expect(other.locator('iframe')).toHaveCount(0);
    await expect(other.locator('.lab-log')).toHaveCount(0);
    await expect(other.locator('.labviz')).toContainText('No topic yet');
    expect(spy.hits).toEqual([]);
    await other.getByRole('button', { name: /^Run step 1/ }).click();
    await expect(other.getByText('✓ The check passed.')).toBeVisible({ timeout: 20_000 });
    expect(await consoleText(other)).toContain('the shared code ran');
    expect(spy.hits).toEqual([]);
  });
});

/// <reference lib="dom" />
import { readFileSync } from 'node:fs';
import { heaviestLink } from '../src/interactives/partition-visualiser/heaviest';
import { test } from './fixtures';

// Opening heavy share links: the heaviest one the limits allow, the large scenario shared 15
// minutes in, and the heaviest backpressure link, at 1x and 4x CPU throttling. Prints the time to open, the longest gap between
// frames while opening, the JS heap once open, and the heap cost of the scrubbing history.
// Figures only, never asserted: run with `npm run perf`.

type Payload = { scenario: string; seed: number; config: unknown; timeline: unknown[]; timeMs: number };
const linkTo = (p: Payload) => `./#/try/partition-visualiser?s=${Buffer.from(JSON.stringify({ v: 1, id: 'partition-visualiser', data: { ...p, speed: 1, group: null } })).toString('base64url')}`;
const large = JSON.parse(readFileSync('content/scenarios/large.json', 'utf8')) as { seed: number; config: unknown; actions: { atMs: number; action: unknown }[] };
const links: [string, Payload][] = [
  ['heaviest allowed link', heaviestLink()],
  ['large scenario, 15 minutes in', { scenario: 'large', seed: large.seed, config: large.config, timeline: large.actions.map((a) => ({ ...a, user: false })), timeMs: 15 * 60_000 }],
];

test('opening heavy share links', async ({ page }) => {
  test.setTimeout(1_800_000);
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('HeapProfiler.enable');
  const heapMB = async () => {
    await cdp.send('HeapProfiler.collectGarbage');
    const { usedSize } = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number };
    return usedSize / 1048576;
  };
  await page.addInitScript(() => {
    const w = window as unknown as { __frames: number[]; __openedAt?: number };
    w.__frames = [];
    const loop = (t: number) => {
      if (w.__openedAt !== undefined) return;
      // frames from the first one that shows the opening panel (not the app's own start-up)
      if (w.__frames.length > 0 || document.querySelector('[data-shared-moment="opening"]')) w.__frames.push(t);
      if (document.querySelector('[data-shared-moment="opened"], [data-shared-moment="refused"]')) w.__openedAt = t;
      requestAnimationFrame(loop);
    };
    requestAnimationFrame(loop);
  });
  for (const rate of [1, 4]) {
    for (const [label, payload] of links) {
      await page.goto('./#/glossary');
      await page.reload();
      await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });
      const before = await heapMB();
      await cdp.send('Emulation.setCPUThrottlingRate', { rate });
      await page.goto(linkTo(payload));
      await page.reload();
      await page.locator('[data-shared-moment="opened"]').waitFor({ timeout: 1_700_000 });
      await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });
      const r = await page.evaluate(() => {
        const el = document.querySelector('[data-shared-moment="opened"]')!;
        const f = (window as unknown as { __frames: number[] }).__frames;
        const gaps = f.slice(1).map((t, i) => t - f[i]!).sort((a, b) => a - b);
        return {
          openMs: Number(el.getAttribute('data-open-ms')),
          bytes: Number(el.getAttribute('data-history-bytes')),
          count: Number(el.getAttribute('data-history-count')),
          frames: f.length,
          worst: gaps.at(-1) ?? NaN,
          p95: gaps[Math.floor(gaps.length * 0.95)] ?? NaN,
        };
      });
      const after = await heapMB();
      console.log(
        `[perf] ${label} (${(payload.timeMs / 60_000).toFixed(1)} min), CPU ${rate}x: opened in ${(r.openMs / 1000).toFixed(1)} s; ${r.frames} frames, longest gap ${Math.round(r.worst)} ms, p95 ${Math.round(r.p95)} ms; JS heap ${after.toFixed(0)} MB (${(after - before).toFixed(0)} MB more than before opening), of which the scrubbing history is ${r.count} snapshots, ${(r.bytes / 1048576).toFixed(1)} MB`,
      );
    }
    // A model interactive's heaviest link: backpressure, an hour in at its highest rates.
    await page.goto('./#/glossary');
    await page.reload();
    await cdp.send('Emulation.setCPUThrottlingRate', { rate });
    await page.goto(`./#/try/backpressure?s=${Buffer.from(JSON.stringify({ v: 1, id: 'backpressure', data: heaviestModel })).toString('base64url')}`);
    await page.reload();
    await page.locator('[data-shared-moment="opened"]').waitFor({ timeout: 1_700_000 });
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });
    const m = await page.evaluate(() => {
      const el = document.querySelector('[data-shared-moment="opened"]')!;
      const f = (window as unknown as { __frames: number[] }).__frames;
      const gaps = f.slice(1).map((t, i) => t - f[i]!).sort((a, b) => a - b);
      return { openMs: Number(el.getAttribute('data-open-ms')), frames: f.length, worst: gaps.at(-1) ?? NaN };
    });
    console.log(`[perf] heaviest backpressure link (60 min), CPU ${rate}x: opened in ${(m.openMs / 1000).toFixed(1)} s; ${m.frames} frames, longest gap ${Math.round(m.worst)} ms; JS heap ${(await heapMB()).toFixed(0)} MB`);
  }
});

const heaviestModel = {
  config: { mechanism: 'unbounded', producerRate: 20_000, consumerRate: 10, bufferSize: 100_000, lagThreshold: 1_000_000, slowdown: 20, recordKB: 0.1, heapMB: 100_000, baseMB: 1, creditRttMs: 5000, restartMs: 5000 },
  seed: 7,
  recording: [],
  tick: 36_000,
};

/// <reference lib="dom" />
import type { Page } from '@playwright/test';
import { heaviestLink } from '../src/interactives/partition-visualiser/heaviest';
import { expect, shot, test } from './fixtures';

// Share links that ask for a lot: the heaviest one the limits allow opens in slices with a
// progress bar while the page keeps drawing and answering input; one over a limit is refused
// with a message naming the limit. Timings are printed, never asserted (npm run perf prints
// them at 1x and 4x CPU).

type Payload = { scenario: string; seed: number; config: unknown; timeline: unknown[]; timeMs: number };
const linkTo = (p: Payload) => `./#/try/partition-visualiser?s=${Buffer.from(JSON.stringify({ v: 1, id: 'partition-visualiser', data: { ...p, speed: 1, group: null } })).toString('base64url')}`;

/** Records the time of every animation frame while a link opens, and every value the opening progress bar shows. */
async function watchFrames(page: Page) {
  await page.addInitScript(() => {
    const w = window as unknown as { __frames: number[]; __progress: string[]; __openedAt?: number };
    w.__frames = [];
    w.__progress = [];
    const loop = (t: number) => {
      // frames from the first one that shows the opening panel (not the app's own start-up) to
      // two seconds after the opened visualiser appears (mounting it and its first pictures count)
      if (w.__openedAt !== undefined && t - w.__openedAt > 2000) return;
      if (w.__frames.length > 0 || document.querySelector('[data-shared-moment="opening"]')) w.__frames.push(t);
      if (w.__openedAt === undefined && document.querySelector('[data-shared-moment="opened"]')) w.__openedAt = t;
      const bar = document.querySelector('[data-shared-moment="opening"] progress');
      const v = bar?.getAttribute('value') ?? null;
      if (v !== null && w.__progress.at(-1) !== v) w.__progress.push(v);
      requestAnimationFrame(loop);
    };
    requestAnimationFrame(loop);
  });
}

test('the heaviest link the limits allow opens with the page responsive throughout', async ({ page }) => {
  test.setTimeout(420_000);
  const heavy = heaviestLink();
  await watchFrames(page);
  await page.goto(linkTo(heavy));
  const opening = page.locator('[data-shared-moment="opening"]');
  await expect(opening).toBeVisible();
  await expect(opening.getByRole('progressbar', { name: 'Replayed so far' })).toBeVisible();
  await expect(opening.getByRole('button', { name: 'Cancel' })).toBeEnabled();
  await expect.poll(() => page.evaluate(() => (window as unknown as { __progress: string[] }).__progress.length), { timeout: 60_000 }).toBeGreaterThan(3);
  await shot(page, 'heavy-link-opening');
  const opened = page.locator('[data-shared-moment="opened"]');
  await expect(opened).toBeVisible({ timeout: 400_000 });
  await expect(page.locator('.viz-status__time')).toContainText(`${(heavy.timeMs / 1000).toFixed(2)} s`);

  await page.waitForTimeout(2500);
  const { frames, progress, openMs, historyBytes } = await page.evaluate(() => {
    const w = window as unknown as { __frames: number[]; __progress: string[] };
    const el = document.querySelector('[data-shared-moment="opened"]')!;
    return { frames: w.__frames, progress: w.__progress, openMs: Number(el.getAttribute('data-open-ms')), historyBytes: Number(el.getAttribute('data-history-bytes')) };
  });
  // The bar moved forward through many values, and the page drew frames all the while (the
  // opening gave the browser a turn between slices instead of running to the end in one go).
  const values = progress.map(Number);
  expect(values.length).toBeGreaterThan(10);
  expect(values.every((v, i) => i === 0 || v > values[i - 1]!)).toBe(true);
  // frames from the first one to two seconds after the one that showed the opened visualiser
  const during = frames;
  expect(during.length).toBeGreaterThan(values.length);
  const gaps = during.slice(1).map((t, i) => t - during[i]!);
  console.log(
    `[heavy link] opened ${(heavy.timeMs / 60_000).toFixed(1)} simulated minutes in ${(openMs / 1000).toFixed(1)} s; ${during.length} frames, longest gap between frames ${Math.round(Math.max(...gaps))} ms; history ${(historyBytes / 1048576).toFixed(1)} MB`,
  );
  await shot(page, 'heavy-link-opened');

  // Scrubbing far back replays from the nearest snapshot, which in this run is minutes of heavy
  // simulation: it goes in slices too, with a progress line and Cancel, and the page keeps drawing.
  const slider = page.locator('[data-control="run.seek"]');
  const status = page.locator('.viz-status__time');
  const mid = Math.round(heavy.timeMs / 2 / 1000) * 1000;
  await page.evaluate(() => {
    const w = window as unknown as { __seekFrames: number };
    w.__seekFrames = 0;
    const loop = () => {
      w.__seekFrames++;
      requestAnimationFrame(loop);
    };
    requestAnimationFrame(loop);
  });
  await slider.fill(String(mid));
  const seeking = page.locator('[data-viz-seeking]');
  await expect(seeking).toBeVisible();
  await expect(seeking.getByRole('progressbar', { name: `Going to ${Math.floor(mid / 60_000)}:${String((mid / 1000) % 60).padStart(2, '0')}` })).toBeVisible();
  const framesAtStart = await page.evaluate(() => (window as unknown as { __seekFrames: number }).__seekFrames);
  await expect.poll(() => page.evaluate(() => (window as unknown as { __seekFrames: number }).__seekFrames), { timeout: 60_000 }).toBeGreaterThan(framesAtStart + 10);
  await expect(seeking).toBeHidden({ timeout: 400_000 });
  await expect(status).toContainText(`${(mid / 1000).toFixed(2)} s`);
  // Cancel stays at the moment reached so far, paused, between where it was and where it went.
  await slider.fill(String(heavy.timeMs));
  await expect(seeking).toBeVisible();
  await seeking.getByRole('button', { name: 'Cancel' }).click();
  await expect(seeking).toBeHidden();
  await expect(status).toContainText('Paused at');
  const at = Number(/at ([\d.]+) s/.exec((await status.textContent()) ?? '')?.[1]) * 1000;
  expect(at).toBeGreaterThanOrEqual(mid);
  expect(at).toBeLessThan(heavy.timeMs);
});

test('opening a heavy link can be cancelled, and then shows the default set-up with a message', async ({ page }) => {
  test.setTimeout(180_000);
  await page.goto(linkTo(heaviestLink()));
  const opening = page.locator('[data-shared-moment="opening"]');
  await expect(opening).toBeVisible();
  await expect.poll(async () => Number(await opening.locator('progress').getAttribute('value')), { timeout: 60_000 }).toBeGreaterThan(0);
  await opening.getByRole('button', { name: 'Cancel' }).click();
  await expect(page.getByText('You cancelled opening the shared link, so the default set-up is shown instead.')).toBeVisible();
  await expect(page.locator('[data-visualiser]')).toBeVisible();
});

test('a link over the limits is refused with a message naming the limit', async ({ page }) => {
  // The reported link: 256 partitions, 100,000 records/s, a group with no consumers, 30 minutes in.
  await page.goto(
    linkTo({
      scenario: 'large',
      seed: 1,
      timeMs: 30 * 60_000,
      timeline: [],
      config: { topics: [{ name: 't', partitions: 256 }], producers: [{ id: 'p', topic: 't', ratePerSec: 100_000 }], groups: [{ id: 'g', topic: 't', consumers: 0 }] },
    }),
  );
  await expect(page.getByText(/asks for more than Streamlab simulates in a browser: reaching its moment \(30 minutes in\) means simulating about 360,000,000 records written and read, and a link may ask for at most 8,000,000/)).toBeVisible();
  await expect(page.locator('[data-visualiser]')).toBeVisible();
  // Eight topics, producers and groups: the first limit passed is named.
  const eight = (f: (i: number) => object) => Array.from({ length: 8 }, (_, i) => f(i));
  await page.goto(
    linkTo({
      scenario: 'large',
      seed: 1,
      timeMs: 30 * 60_000,
      timeline: [],
      config: {
        topics: eight((i) => ({ name: `t${i}`, partitions: 256 })),
        producers: eight((i) => ({ id: `p${i}`, topic: `t${i}`, ratePerSec: 100_000 })),
        groups: eight((i) => ({ id: `g${i}`, topic: `t${i}`, consumers: 0 })),
      },
    }),
  );
  await expect(page.getByText(/it has 8 topics, and a link may have at most 4/)).toBeVisible();
});

test("a model interactive's heaviest link (an hour at its highest rates) opens in slices, with progress and Cancel", async ({ page }) => {
  test.setTimeout(300_000);
  // Backpressure, unbounded queue, the fastest producer and the slowest consumer, one simulated
  // hour in: the most a backpressure link can ask for (the schema caps rates, sizes and time).
  const snap = {
    config: { mechanism: 'unbounded', producerRate: 20_000, consumerRate: 10, bufferSize: 100_000, lagThreshold: 1_000_000, slowdown: 20, recordKB: 0.1, heapMB: 100_000, baseMB: 1, creditRttMs: 5000, restartMs: 5000 },
    seed: 7,
    recording: [{ tick: 10, action: { type: 'set', params: { producerRate: 19_000 } } }],
    tick: 36_000,
  };
  const url = `./#/try/backpressure?s=${Buffer.from(JSON.stringify({ v: 1, id: 'backpressure', data: snap })).toString('base64url')}`;
  // A slower CPU (as on a classroom laptop), so that the opening lasts long enough to watch and
  // to cancel on any machine.
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 6 });
  await watchFrames(page);
  await page.goto(url);
  const opening = page.locator('[data-shared-moment="opening"]');
  await expect(opening.getByRole('progressbar', { name: 'Replayed so far' })).toBeVisible();
  await expect(opening).toContainText('The link shows the backpressure model 60:00 into a run');
  await expect(opening.getByRole('button', { name: 'Cancel' })).toBeEnabled();
  await expect(page.locator('[data-shared-moment="opened"]')).toBeVisible({ timeout: 280_000 });
  await expect(page.locator('.sim-run__time')).toHaveText('3,600.0 s');
  await expect(page.getByRole('alert')).toHaveCount(0);
  const { frames, progress } = await page.evaluate(() => {
    const w = window as unknown as { __frames: number[]; __progress: string[] };
    return { frames: w.__frames, progress: w.__progress };
  });
  // the page drew frames while the bar moved: the replay gave the browser turns
  expect(progress.length).toBeGreaterThan(1);
  expect(frames.length).toBeGreaterThan(progress.length);
  const gaps = frames.slice(1).map((t, i) => t - frames[i]!);
  console.log(`[heavy model link] ${frames.length} frames while opening, longest gap ${Math.round(Math.max(...gaps))} ms`);

  // Cancel stops it, and the default set-up is shown with a message.
  await page.goto('./#/glossary');
  await page.goto(url);
  await page.locator('[data-shared-moment="opening"]').getByRole('button', { name: 'Cancel' }).click();
  await expect(page.getByText('You cancelled opening the shared link, so the default set-up is shown instead.')).toBeVisible();
  await expect(page.locator('.sim-run__time')).toHaveText('0.0 s');
});

import { test } from './fixtures';

// Frame timing of the partition visualiser on the large scenario (32 partitions, 3 groups of 12
// consumers, 2,000 records/s), at 1x and under 4x CPU throttling. Figures are printed, never
// asserted (timings depend on the machine): run with `node scripts/e2e.mjs --project=perf`.

const SECONDS = 5;

function stats(gaps: number[]) {
  const sorted = [...gaps].sort((a, b) => a - b);
  const q = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? NaN;
  const total = gaps.reduce((a, b) => a + b, 0);
  return { frames: gaps.length, fps: (gaps.length / total) * 1000, median: q(0.5), p95: q(0.95), worst: sorted[sorted.length - 1] ?? NaN };
}

test('visualiser frame timing on the large scenario', async ({ page }) => {
  test.setTimeout(120_000);
  for (const rate of [1, 4]) {
    await page.goto('./#/playground?scenario=large');
    await page.locator('[data-viz-canvas]').waitFor();
    await page.locator('[data-control="run.speed"]').selectOption('1');
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate });
    await page.waitForTimeout(1500); // warm up: the group's first rebalance and a full window of records
    const { gaps, longTasks } = await page.evaluate(
      (seconds) =>
        new Promise<{ gaps: number[]; longTasks: number[] }>((resolve) => {
          const ts: number[] = [];
          const longTasks: number[] = [];
          const po = new PerformanceObserver((list) => list.getEntries().forEach((e) => longTasks.push(e.duration)));
          po.observe({ type: 'longtask', buffered: false });
          const frame = (t: number) => {
            ts.push(t);
            if (t - ts[0]! < seconds * 1000) requestAnimationFrame(frame);
            else {
              po.disconnect();
              resolve({ gaps: ts.slice(1).map((x, i) => x - ts[i]!), longTasks });
            }
          };
          requestAnimationFrame(frame);
        }),
      SECONDS,
    );
    // The same run seen by Chrome's tracing: how busy the main thread is, whatever else the machine runs.
    const browser = page.context().browser()!;
    await browser.startTracing(page, { categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'toplevel'] });
    await page.waitForTimeout(3000);
    type TraceEvent = { name: string; ph: string; dur?: number; pid: number; tid: number };
    const raw = JSON.parse((await browser.stopTracing()).toString('utf8')) as { traceEvents: TraceEvent[] } | TraceEvent[];
    const trace = { traceEvents: Array.isArray(raw) ? raw : raw.traceEvents };
    // the page's main thread is the one that runs the animation frames
    const frames = new Map<string, number>();
    for (const e of trace.traceEvents) if (e.ph === 'X' && e.name === 'FireAnimationFrame') frames.set(`${e.pid}:${e.tid}`, (frames.get(`${e.pid}:${e.tid}`) ?? 0) + 1);
    const [mainThread, traced] = [...frames.entries()].sort((a, b) => b[1] - a[1])[0] ?? ['', 0];
    let busyMs = 0;
    for (const e of trace.traceEvents) if (e.ph === 'X' && e.name === 'RunTask' && `${e.pid}:${e.tid}` === mainThread) busyMs += (e.dur ?? 0) / 1000;
    const simSeconds = await page.locator('.viz-status__time').textContent();
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });
    const s = stats(gaps);
    console.log(`[perf] large scenario, CPU ${rate}x, traced over 3 s: main thread busy ${Math.round(busyMs / 3)} ms per second, ${(traced / 3).toFixed(1)} animation frames per second`);
    console.log(
      `[perf] large scenario, CPU ${rate}x: ${s.frames} frames in ${SECONDS} s, ${s.fps.toFixed(1)} fps, median frame ${s.median.toFixed(1)} ms, p95 ${s.p95.toFixed(1)} ms, worst ${s.worst.toFixed(1)} ms; ${longTasks.length} long tasks (over 50 ms) totalling ${Math.round(longTasks.reduce((a, b) => a + b, 0))} ms (${simSeconds?.trim()})`,
    );
  }
});

// The heap after 10 minutes of simulated play of the large scenario (at the fastest speed, so the
// run takes a few minutes of wall time rather than ten), next to the heap at its start. Printed,
// never asserted: the history the visualiser keeps for scrubbing is bounded, so the two should
// stay of the same order.
test('visualiser heap after 10 minutes of play on the large scenario', async ({ page }) => {
  test.setTimeout(900_000);
  await page.goto('./#/playground?scenario=large');
  await page.locator('[data-viz-canvas]').waitFor();
  const cdp = await page.context().newCDPSession(page);
  const heap = async () => {
    await cdp.send('HeapProfiler.collectGarbage');
    const { usedSize } = await cdp.send('Runtime.getHeapUsage');
    return usedSize / 2 ** 20;
  };
  const simSeconds = async () => Number(/(\d+(?:\.\d+)?) s/.exec((await page.locator('.viz-status__time').first().textContent()) ?? '')?.[1] ?? NaN);
  await page.waitForTimeout(2000);
  const start = { heap: await heap(), sim: await simSeconds() };
  const speeds = await page.locator('[data-control="run.speed"] option').evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value));
  const fastest = speeds.map(Number).sort((a, b) => b - a)[0]!;
  await page.locator('[data-control="run.speed"]').selectOption(String(fastest));
  const t0 = Date.now();
  const marks: string[] = [];
  for (let minute = 2; minute <= 10; minute += 2) {
    await page.waitForFunction((s) => Number(/(\d+(?:\.\d+)?) s/.exec(document.querySelector('.viz-status__time')?.textContent ?? '')?.[1] ?? 0) >= s, minute * 60, { timeout: 600_000, polling: 1000 });
    marks.push(`${minute} min: ${(await heap()).toFixed(1)} MB`);
  }
  console.log(`[perf] large scenario heap (JS heap used after a forced GC): at ${start.sim.toFixed(1)} s of play ${start.heap.toFixed(1)} MB; ${marks.join(', ')} (played at ${fastest}x, ${Math.round((Date.now() - t0) / 1000)} s of wall time)`);
});

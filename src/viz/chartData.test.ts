import { describe, expect, it } from 'vitest';
import { SimRunner } from './runner';
import { chartSet, shadesFrom } from './chartData';

describe('shadesFrom', () => {
  it('turns runs of 1s into spans covering their sample periods', () => {
    const s = { t: [1000, 2000, 3000, 4000, 5000, 6000], v: [0, 1, 1, 0, 1, 0] };
    expect(shadesFrom(s, 1000)).toEqual([
      { fromMs: 1000, toMs: 3000 },
      { fromMs: 4000, toMs: 5000 },
    ]);
  });
  it('leaves an open span running to the last sample', () => {
    expect(shadesFrom({ t: [1000, 2000], v: [0, 1] }, 1000)).toEqual([{ fromMs: 1000, toMs: 2000 }]);
    expect(shadesFrom({ t: [], v: [] }, 1000)).toEqual([]);
  });
});

describe('chartSet', () => {
  it('gives max and total lag per group, records in and out, and shades the rebalance after a crash', () => {
    const r = new SimRunner({
      config: {
        topics: [{ name: 'orders', partitions: 4 }],
        producers: [{ id: 'web', topic: 'orders', ratePerSec: 100 }],
        groups: [
          { id: 'billing', topic: 'orders', consumers: 2, timeouts: { sessionTimeoutMs: 6000, heartbeatIntervalMs: 2000 } },
          { id: 'audit', topic: 'orders', consumers: 1 },
        ],
      },
      seed: 2,
      timeline: [],
    });
    r.fastForward(20_000);
    r.act({ type: 'consumer/crash', group: 'billing' });
    r.fastForward(20_000);
    const c = chartSet(r.view());
    expect(c.lag.map((s) => s.id)).toEqual(['billing-max', 'billing-total', 'audit-max', 'audit-total']);
    expect(c.throughput.map((s) => s.id)).toEqual(['in', 'billing-out', 'audit-out']);
    const inSeries = c.throughput[0]!;
    const last = inSeries.v[inSeries.v.length - 1]!;
    expect(last).toBeGreaterThan(50);
    expect(last).toBeLessThan(150);
    // the crash is noticed after the session timeout and causes a rebalance inside the window
    expect(c.shades.some((s) => s.fromMs > 20_000 && s.fromMs < 40_000)).toBe(true);
  });
});

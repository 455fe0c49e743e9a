import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BP_DEFAULTS, BP_RESUME_SHARE, MECHANISMS, applyBackpressure, backpressureMetrics, createBackpressure, isBounded, memoryMB, stepBackpressure, type BpConfig, type BpState } from './backpressure';

const run = (s: BpState, seconds: number, each?: (s: BpState) => void) => {
  for (let i = 0; i < seconds * 10; i++) {
    stepBackpressure(s);
    each?.(s);
  }
  return s;
};

const paramsArb = fc.record({
  producerRate: fc.integer({ min: 10, max: 20_000 }),
  consumerRate: fc.integer({ min: 10, max: 20_000 }),
  bufferSize: fc.integer({ min: 10, max: 50_000 }),
  slowdown: fc.integer({ min: 1, max: 20 }),
});

describe('backpressure model', () => {
  it('property: a bounded buffer never holds more than its bound', () => {
    fc.assert(
      fc.property(fc.constantFrom(...MECHANISMS.filter(isBounded)), paramsArb, fc.integer({ min: 0, max: 99 }), (mechanism, p, seed) => {
        const s = createBackpressure({ ...BP_DEFAULTS, ...p, mechanism }, seed);
        run(s, 20, (st) => expect(st.buffer.size).toBeLessThanOrEqual(p.bufferSize));
        expect(s.crashes).toBe(0);
      }),
      { numRuns: 60 },
    );
  });

  it('property: records are conserved (offered = accepted + dropped + held back + refused; accepted = consumed + buffered + lost)', () => {
    fc.assert(
      fc.property(fc.constantFrom(...MECHANISMS), paramsArb, fc.integer({ min: 0, max: 99 }), (mechanism, p, seed) => {
        const s = run(createBackpressure({ ...BP_DEFAULTS, ...p, mechanism, heapMB: 64 }, seed), 30);
        const t = s.totals;
        expect(t.offered).toBe(t.accepted + t.dropped + t.held + t.refusedWhileDown);
        expect(t.accepted).toBe(t.consumed + s.buffer.size + t.lostInCrash);
      }),
      { numRuns: 60 },
    );
  });

  it('property: the unbounded queue fails at its memory limit when the producer is faster', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2000, max: 20_000 }), fc.integer({ min: 64, max: 256 }), (producerRate, heapMB) => {
        const cfg: BpConfig = { ...BP_DEFAULTS, mechanism: 'unbounded', producerRate, consumerRate: 1000, heapMB };
        const s = createBackpressure(cfg, 1);
        let peak = 0;
        let crashedAtMB = 0;
        for (let i = 0; i < 6000 && s.crashes === 0; i++) {
          const before = memoryMB(s);
          stepBackpressure(s);
          if (s.crashes === 0) peak = Math.max(peak, memoryMB(s));
          else crashedAtMB = before;
        }
        expect(s.crashes).toBe(1);
        expect(peak).toBeLessThan(heapMB);
        // it crashed within one tick of growth of the limit, and lost what it held
        const perTickMB = ((producerRate * 1.1 * 0.1) * cfg.recordKB) / 1024;
        expect(crashedAtMB).toBeGreaterThan(heapMB - perTickMB - 1e-6);
        expect(s.totals.lostInCrash).toBeGreaterThan(0);
        expect(s.buffer.size).toBe(0);
      }),
      { numRuns: 20 },
    );
  });

  it('the unbounded queue never crashes when the consumer keeps up', () => {
    const s = run(createBackpressure({ ...BP_DEFAULTS, mechanism: 'unbounded', producerRate: 1000, consumerRate: 2000 }, 1), 300);
    expect(s.crashes).toBe(0);
    expect(s.peakDepth).toBeLessThan(300);
  });

  it('blocking enqueue slows the producer to the consumer pace; drop keeps the rate and counts the loss', () => {
    const block = backpressureMetrics(run(createBackpressure({ ...BP_DEFAULTS, mechanism: 'blocking' }, 1), 60));
    expect(block.acceptedRate).toBeGreaterThan(1900);
    expect(block.acceptedRate).toBeLessThanOrEqual(2100);
    expect(block.dropped).toBe(0);
    const drop = backpressureMetrics(run(createBackpressure({ ...BP_DEFAULTS, mechanism: 'drop' }, 1), 60));
    expect(drop.dropped).toBeGreaterThan(40_000);
    expect(drop.held).toBe(0);
  });

  it('slowing the downstream mid-run lowers the accepted rate under every bounded mechanism', () => {
    for (const mechanism of MECHANISMS.filter((m) => isBounded(m) && m !== 'drop')) {
      const s = run(createBackpressure({ ...BP_DEFAULTS, mechanism }, 2), 20);
      applyBackpressure(s, { type: 'set', params: { slowdown: 4 } });
      run(s, 40);
      const acc = s.series.v.accepted!.slice(-40);
      const avg = acc.reduce((a, b) => a + b, 0) / acc.length;
      expect(avg, mechanism).toBeGreaterThan(400);
      expect(avg, mechanism).toBeLessThan(600);
    }
  });

  it('lag throttling keeps lag near the threshold and producer memory flat', () => {
    const s = createBackpressure({ ...BP_DEFAULTS, mechanism: 'lag', lagThreshold: 20_000 }, 1);
    run(s, 200);
    expect(s.peakDepth).toBeGreaterThan(20_000);
    expect(s.peakDepth).toBeLessThan(22_000);
    expect(s.peakMemoryMB).toBe(BP_DEFAULTS.baseMB);
  });

  it('keeps a bounded history and survives a JSON round trip', () => {
    const a = run(createBackpressure({ ...BP_DEFAULTS, mechanism: 'drop' }, 5), 600);
    expect(a.series.t.length).toBe(a.series.cap);
    expect(a.buffer.runs.length).toBeLessThanOrEqual(256);
    const b = JSON.parse(JSON.stringify(a)) as BpState;
    run(a, 10);
    run(b, 10);
    expect(b).toEqual(a);
  });

  it('rejects invalid slider values', () => {
    const s = createBackpressure(BP_DEFAULTS, 1);
    expect(() => applyBackpressure(s, { type: 'set', params: { bufferSize: 0 } })).toThrow();
    expect(() => applyBackpressure(s, { type: 'set', params: { producerRate: Number.NaN } })).toThrow();
    expect(s.config.bufferSize).toBe(BP_DEFAULTS.bufferSize);
  });

  it('lag throttling has hysteresis: it stays throttled while lag is between half the threshold and the threshold', () => {
    expect(BP_RESUME_SHARE).toBe(0.5);
    const c: BpConfig = { ...BP_DEFAULTS, mechanism: 'lag', producerRate: 3000, consumerRate: 2000, lagThreshold: 50_000 };
    const s = createBackpressure(c, 1);
    let throttledBelowThreshold = false;
    let resumedAt: number | null = null;
    let wasThrottled = false;
    for (let i = 0; i < 3000; i++) {
      stepBackpressure(s);
      const lag = s.buffer.size;
      if (s.throttled && lag < c.lagThreshold && lag >= c.lagThreshold * BP_RESUME_SHARE) throttledBelowThreshold = true;
      if (wasThrottled && !s.throttled && resumedAt === null) resumedAt = lag;
      wasThrottled = s.throttled;
    }
    // the label "Throttled until lag falls below 25,000" is true while lag is, say, 33,901
    expect(throttledBelowThreshold).toBe(true);
    expect(resumedAt).not.toBeNull();
    // (read after the tick in which it resumed: at most one tick's writes above the resume point)
    expect(resumedAt!).toBeLessThan(c.lagThreshold * BP_RESUME_SHARE + c.producerRate * 0.1 * 1.1 + 1);
  });
});

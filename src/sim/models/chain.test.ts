import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CHAIN_DEFAULTS, MIDDLES, applyChain, chainMetrics, createChain, memoryB, stepChain, type ChainState } from './chain';

const run = (s: ChainState, seconds: number, each?: (s: ChainState) => void) => {
  for (let i = 0; i < seconds * 10; i++) {
    stepChain(s);
    each?.(s);
  }
  return s;
};

describe('backpressure chain model', () => {
  it('property: orders are conserved and bounded buffers stay within their bound', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...MIDDLES),
        fc.integer({ min: 10, max: 5000 }),
        fc.integer({ min: 10, max: 5000 }),
        fc.integer({ min: 10, max: 5000 }),
        fc.integer({ min: 10, max: 300 }),
        (middle, arrivalRate, stageCRate, bufferSize, retentionSec) => {
          const s = createChain({ ...CHAIN_DEFAULTS, middle, arrivalRate, stageCRate, bufferSize, retentionSec, heapMB: 48 }, 1);
          run(s, 60, (st) => {
            expect(st.ab.size).toBeLessThanOrEqual(bufferSize);
            if (middle === 'bounded') expect(st.bc.size).toBeLessThanOrEqual(bufferSize);
            expect(memoryB(st)).toBeLessThan(st.config.heapMB + 1);
          });
          const t = s.totals;
          expect(t.arrived).toBe(t.accepted + t.rejected);
          expect(t.accepted).toBe(t.written + s.ab.size + s.bc.size + t.lostInCrash + t.expired);
          if (middle !== 'unbounded') expect(t.lostInCrash).toBe(0);
          if (middle !== 'kafka') expect(t.expired).toBe(0);
        },
      ),
      { numRuns: 60 },
    );
    // a property test: give it room on a loaded machine (it asserts no timing)
  }, 60_000);

  it('with every buffer bounded the slow-down reaches A stage by stage', () => {
    const s = createChain({ ...CHAIN_DEFAULTS, stageCRate: 100 }, 1);
    let bcFullAt = -1;
    let abFullAt = -1;
    let firstRejectAt = -1;
    run(s, 10, (st) => {
      if (bcFullAt < 0 && st.bc.size >= 1000) bcFullAt = st.t;
      if (abFullAt < 0 && st.ab.size >= 1000) abFullAt = st.t;
      if (firstRejectAt < 0 && st.totals.rejected > 0) firstRejectAt = st.t;
    });
    expect(bcFullAt).toBeGreaterThan(0);
    expect(abFullAt).toBeGreaterThan(bcFullAt);
    expect(firstRejectAt).toBeGreaterThanOrEqual(abFullAt);
    // about 1.1 s for each buffer at 900 orders/s of surplus
    expect(bcFullAt).toBeGreaterThan(900);
    expect(bcFullAt).toBeLessThan(1500);
    const m = chainMetrics(run(s, 5));
    expect(m.acceptedRate).toBeGreaterThanOrEqual(90);
    expect(m.acceptedRate).toBeLessThanOrEqual(110);
  });

  it('an unbounded middle buffer hides the slow-down until B runs out of memory', () => {
    const s = createChain({ ...CHAIN_DEFAULTS, middle: 'unbounded', stageCRate: 100 }, 1);
    run(s, 30);
    expect(s.totals.rejected).toBe(0);
    while (s.crashes === 0 && s.t < 300_000) stepChain(s);
    expect(s.crashes).toBe(1);
    expect(s.totals.lostInCrash).toBeGreaterThan(40_000);
    expect(s.totals.rejected).toBe(0);
    // while B restarts the first buffer fills and A finally turns orders away
    run(s, 4);
    expect(s.totals.rejected).toBeGreaterThan(0);
  });

  it('a Kafka topic in the middle keeps B fast and loses only what outlives retention', () => {
    const s = createChain({ ...CHAIN_DEFAULTS, middle: 'kafka', stageCRate: 100, retentionSec: 30 }, 1);
    run(s, 25);
    expect(s.totals.expired).toBe(0);
    expect(memoryB(s)).toBe(CHAIN_DEFAULTS.baseMB);
    run(s, 60);
    expect(s.totals.expired).toBeGreaterThan(0);
    expect(chainMetrics(s).oldestAgeSec).toBeLessThanOrEqual(30.1);
  });

  it('speeding C back up drains the backlog; settings are validated', () => {
    const s = createChain({ ...CHAIN_DEFAULTS, middle: 'kafka', stageCRate: 100, retentionSec: 600 }, 1);
    run(s, 20);
    const backlog = s.bc.size;
    applyChain(s, { type: 'set', params: { stageCRate: 1500 } });
    run(s, 20);
    expect(s.bc.size).toBeLessThan(backlog - 9000);
    expect(() => applyChain(s, { type: 'set', params: { bufferSize: 5 } })).toThrow();
  });
});

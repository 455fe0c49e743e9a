import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DELIVERY_DEFAULTS, FAULTS, GUARANTEES, SINKS, createDelivery, deliveryMetrics, stepDelivery, applyDelivery, type DeliveryConfig, type DeliveryState, type Fault } from './delivery';

type Plan = { at: number; fault: Fault | 'crash-now' }[];

function runToEnd(config: DeliveryConfig, seed: number, plan: Plan, maxTicks = 5000): DeliveryState {
  const s = createDelivery(config, seed);
  const sorted = [...plan].sort((a, b) => a.at - b.at);
  let i = 0;
  for (let k = 0; k < maxTicks; k++) {
    while (i < sorted.length && sorted[i]!.at <= s.tick) {
      const p = sorted[i++]!;
      applyDelivery(s, p.fault === 'crash-now' ? { type: 'crash-now' } : { type: 'fault', fault: p.fault });
    }
    if (i >= sorted.length && deliveryMetrics(s).finished === 1 && !Object.values(s.armed).some(Boolean)) break;
    stepDelivery(s);
  }
  // any fault still armed after the last record cannot fire; the run is over
  return s;
}

const planArb = fc.array(fc.record({ at: fc.integer({ min: 0, max: 120 }), fault: fc.constantFrom<Fault | 'crash-now'>(...FAULTS, 'crash-now') }), { maxLength: 8 });
const configArb = fc.record({
  guarantee: fc.constantFrom(...GUARANTEES),
  sink: fc.constantFrom(...SINKS),
  idempotencyKeys: fc.boolean(),
  idempotentProducer: fc.boolean(),
  orders: fc.integer({ min: 1, max: 60 }),
  batchSize: fc.integer({ min: 1, max: 8 }),
  restartTicks: fc.integer({ min: 1, max: 10 }),
});

describe('delivery model', () => {
  it('is deterministic for a seed and continues identically after a JSON round trip', () => {
    const a = createDelivery(DELIVERY_DEFAULTS, 7);
    for (let i = 0; i < 30; i++) stepDelivery(a);
    applyDelivery(a, { type: 'fault', fault: 'crash-before-commit' });
    const b = JSON.parse(JSON.stringify(a)) as DeliveryState;
    for (let i = 0; i < 60; i++) {
      stepDelivery(a);
      stepDelivery(b);
    }
    expect(b).toEqual(a);
    const d7 = createDelivery(DELIVERY_DEFAULTS, 7);
    const d8 = createDelivery(DELIVERY_DEFAULTS, 8);
    for (let i = 0; i < 30; i++) {
      stepDelivery(d7);
      stepDelivery(d8);
    }
    expect(d8.log.map((r) => r.amount)).not.toEqual(d7.log.map((r) => r.amount));
  });

  it('without faults every guarantee charges every order once', () => {
    for (const guarantee of GUARANTEES)
      for (const sink of SINKS) {
        const m = deliveryMetrics(runToEnd({ ...DELIVERY_DEFAULTS, guarantee, sink }, 3, []));
        expect(m.finished).toBe(1);
        expect(m.charged).toBe(DELIVERY_DEFAULTS.orders);
        expect(m.duplicatedEffects).toBe(0);
        expect(m.sinkTotal).toBe(m.correctTotal);
      }
  });

  it('at-most-once loses exactly the batch it committed before a crash before processing', () => {
    const s = createDelivery({ ...DELIVERY_DEFAULTS, guarantee: 'at-most-once', batchSize: 4 }, 1);
    for (let i = 0; i < 3; i++) stepDelivery(s);
    applyDelivery(s, { type: 'fault', fault: 'crash-before-processing' });
    while (s.crashes === 0) stepDelivery(s);
    const batch = s.consumer.batchTo - s.consumer.batchFrom;
    expect(batch).toBeGreaterThan(0);
    for (let i = 0; i < 400; i++) stepDelivery(s);
    const m = deliveryMetrics(s);
    expect(m.finished).toBe(1);
    expect(m.lost).toBe(batch);
    expect(m.crashes).toBe(1);
    expect(m.correctTotal - m.sinkTotal).toBeGreaterThan(0);
  });

  it('property: at-least-once never loses a record, whatever crashes and retries happen', () => {
    fc.assert(
      fc.property(configArb, fc.integer({ min: 0, max: 1000 }), planArb, (cfg, seed, plan) => {
        const m = deliveryMetrics(runToEnd({ ...cfg, guarantee: 'at-least-once' }, seed, plan));
        expect(m.finished).toBe(1);
        expect(m.lost).toBe(0);
        expect(m.charged).toBe(cfg.orders);
      }),
      { numRuns: 150 },
    );
  });

  it('property: duplicates never exceed what redelivery and producer retries allow', () => {
    fc.assert(
      fc.property(configArb, fc.integer({ min: 0, max: 1000 }), planArb, (cfg, seed, plan) => {
        const s = runToEnd(cfg, seed, plan);
        const m = deliveryMetrics(s);
        expect(m.duplicatedEffects).toBeLessThanOrEqual(m.redelivered + m.logDuplicates);
        // each crash re-delivers at most one batch
        expect(m.redelivered).toBeLessThanOrEqual(m.crashes * cfg.batchSize);
        if (cfg.guarantee === 'at-most-once') expect(m.duplicatedEffects).toBeLessThanOrEqual(m.logDuplicates);
        if (cfg.guarantee === 'at-most-once') expect(m.lost).toBeLessThanOrEqual(m.crashes * cfg.batchSize);
      }),
      { numRuns: 150 },
    );
  });

  it('property: at-least-once with idempotency keys gives the correct total', () => {
    fc.assert(
      fc.property(configArb, fc.integer({ min: 0, max: 1000 }), planArb, (cfg, seed, plan) => {
        const m = deliveryMetrics(runToEnd({ ...cfg, guarantee: 'at-least-once', idempotencyKeys: true }, seed, plan));
        expect(m.duplicatedEffects).toBe(0);
        expect(m.sinkTotal).toBe(m.correctTotal);
      }),
      { numRuns: 100 },
    );
  });

  it('property: exactly-once to a Kafka topic is exact; to a database it is not protected', () => {
    fc.assert(
      fc.property(configArb, fc.integer({ min: 0, max: 1000 }), planArb, (cfg, seed, plan) => {
        const m = deliveryMetrics(runToEnd({ ...cfg, guarantee: 'exactly-once', sink: 'kafka', idempotencyKeys: false }, seed, plan));
        expect(m.lost).toBe(0);
        expect(m.duplicatedEffects).toBe(0);
        expect(m.sinkTotal).toBe(m.correctTotal);
        expect(m.logDuplicates).toBe(0); // the idempotent producer is forced on
      }),
      { numRuns: 100 },
    );
    const db = deliveryMetrics(runToEnd({ ...DELIVERY_DEFAULTS, guarantee: 'exactly-once', sink: 'database' }, 1, [{ at: 10, fault: 'crash-before-commit' }]));
    expect(db.duplicatedEffects).toBeGreaterThan(0);
  });

  it('the idempotent producer turns a retry into a discarded copy', () => {
    const on = deliveryMetrics(runToEnd({ ...DELIVERY_DEFAULTS, idempotentProducer: true }, 1, [{ at: 0, fault: 'producer-retry' }]));
    expect(on.brokerDiscarded).toBe(1);
    expect(on.logRecords).toBe(DELIVERY_DEFAULTS.orders);
    const off = deliveryMetrics(runToEnd({ ...DELIVERY_DEFAULTS, idempotentProducer: false }, 1, [{ at: 0, fault: 'producer-retry' }]));
    expect(off.logRecords).toBe(DELIVERY_DEFAULTS.orders + 1);
  });

  it('rejects an invalid configuration', () => {
    expect(() => createDelivery({ ...DELIVERY_DEFAULTS, orders: 0 }, 1)).toThrow();
    expect(() => createDelivery({ ...DELIVERY_DEFAULTS, batchSize: 2.5 }, 1)).toThrow();
  });
});

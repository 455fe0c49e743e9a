import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BP_DEFAULTS, MECHANISMS, backpressureModel, type BpAction } from './backpressure';
import { DELIVERY_DEFAULTS, FAULTS, deliveryModel, type DeliveryAction } from './delivery';
import { replay, runScenario, startReplay, type ScenarioStep } from './scenario';

// Share links rebuild a moment from settings + seed + recorded actions + tick; that must give
// exactly the state the learner saw.
describe('replay of a recording', () => {
  it('property: rebuilding a delivery run from its recording gives the identical state', () => {
    const stepArb: fc.Arbitrary<ScenarioStep<DeliveryAction>> = fc.oneof(
      fc.record({ runSeconds: fc.double({ min: 0.1, max: 3, noNaN: true }) }),
      fc.record({ do: fc.oneof(fc.record({ type: fc.constant('fault' as const), fault: fc.constantFrom(...FAULTS) }), fc.constant({ type: 'crash-now' as const })) }),
    );
    fc.assert(
      fc.property(fc.array(stepArb, { maxLength: 12 }), fc.integer({ min: 0, max: 1000 }), (steps, seed) => {
        const live = runScenario(deliveryModel, DELIVERY_DEFAULTS, seed, steps);
        const again = replay(deliveryModel, DELIVERY_DEFAULTS, seed, live.recording, live.state.tick);
        expect(again).toEqual(live.state);
      }),
      { numRuns: 60 },
    );
  });

  it('property: the same holds for slider changes in the backpressure model', () => {
    const stepArb: fc.Arbitrary<ScenarioStep<BpAction>> = fc.oneof(
      fc.record({ runSeconds: fc.double({ min: 0.1, max: 5, noNaN: true }) }),
      fc.record({ do: fc.record({ type: fc.constant('set' as const), params: fc.record({ mechanism: fc.constantFrom(...MECHANISMS), producerRate: fc.integer({ min: 10, max: 9000 }) }, { requiredKeys: [] }) }) }),
    );
    fc.assert(
      fc.property(fc.array(stepArb, { maxLength: 10 }), (steps) => {
        const live = runScenario(backpressureModel, BP_DEFAULTS, 3, steps);
        expect(replay(backpressureModel, BP_DEFAULTS, 3, live.recording, live.state.tick)).toEqual(live.state);
      }),
      { numRuns: 40 },
    );
  });

  it('stops at the requested tick', () => {
    const s = replay(deliveryModel, DELIVERY_DEFAULTS, 1, [], 37);
    expect(s.tick).toBe(37);
  });
});

describe('a replay done a little at a time (share links open in slices)', () => {
  it('property: any slicing ends in exactly the state of replaying at once, with progress rising to 1', () => {
    const stepArb: fc.Arbitrary<ScenarioStep<BpAction>> = fc.oneof(
      fc.record({ runSeconds: fc.double({ min: 0.1, max: 5, noNaN: true }) }),
      fc.record({ do: fc.record({ type: fc.constant('set' as const), params: fc.record({ mechanism: fc.constantFrom(...MECHANISMS), producerRate: fc.integer({ min: 10, max: 9000 }) }, { requiredKeys: [] }) }) }),
    );
    fc.assert(
      fc.property(fc.array(stepArb, { maxLength: 10 }), fc.integer({ min: 1, max: 40 }), (steps, slice) => {
        const live = runScenario(backpressureModel, BP_DEFAULTS, 3, steps);
        const r = startReplay(backpressureModel, BP_DEFAULTS, 3, live.recording, live.state.tick);
        const seen: number[] = [r.done];
        let slices = 0;
        while (!r.advance(slice)) {
          seen.push(r.done);
          slices++;
        }
        seen.push(r.done);
        expect(r.state).toEqual(live.state);
        expect(seen.at(-1)).toBe(1);
        expect(seen.every((d, i) => d >= 0 && d <= 1 && (i === 0 || d >= seen[i - 1]!))).toBe(true);
        // no slice ran more than `slice` steps
        expect(slices).toBeGreaterThanOrEqual(Math.ceil(live.state.tick / slice) - 1);
      }),
      { numRuns: 40 },
    );
  });

  it('applies actions recorded at the final tick, as replay does', () => {
    const recording = [{ tick: 20, action: { type: 'set' as const, params: { producerRate: 50 } } }];
    const r = startReplay(backpressureModel, BP_DEFAULTS, 1, recording, 20);
    while (!r.advance(3));
    expect(r.state.config.producerRate).toBe(50);
    expect(r.state).toEqual(replay(backpressureModel, BP_DEFAULTS, 1, recording, 20));
  });

  it('throws from advance when the model refuses a recorded action', () => {
    const r = startReplay(backpressureModel, BP_DEFAULTS, 1, [{ tick: 5, action: { type: 'set', params: { producerRate: -5 } } as BpAction }], 10);
    expect(() => {
      while (!r.advance(2));
    }).toThrow();
  });
});

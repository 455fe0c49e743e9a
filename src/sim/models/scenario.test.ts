import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BP_DEFAULTS, MECHANISMS, backpressureModel, type BpAction } from './backpressure';
import { DELIVERY_DEFAULTS, FAULTS, deliveryModel, type DeliveryAction } from './delivery';
import { replay, runScenario, type ScenarioStep } from './scenario';

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

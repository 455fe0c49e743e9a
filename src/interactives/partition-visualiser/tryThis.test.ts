import { describe, expect, it } from 'vitest';
import yaml from '../../../content/interactives/partition-visualiser.yaml';
import { parseVisualiserTryThis, runTryThisCheck, tryThisFor } from './tryThis';
import { findScenario, scenarios } from './scenarios';

// Every "try this" prompt beside the visualiser promises an outcome: replay the scenario with what
// the learner's controls send, and check the promise.
const items = parseVisualiserTryThis(yaml);

describe('partition visualiser: try this', () => {
  it('every prompt belongs to a scenario the visualiser offers, and every scenario a learner picks first has prompts', () => {
    for (const i of items) expect(findScenario(i.scenario), i.id).toBeDefined();
    expect(new Set(items.map((i) => i.id)).size).toBe(items.length);
    for (const id of ['four-partitions-six-consumers', 'billing-and-audit', 'broker-loss', 'rebalance-storm', 'stuck-consumer-poison']) expect(tryThisFor(id).length, id).toBeGreaterThan(0);
  });

  for (const item of items) {
    for (const check of item.checks) {
      it(`${item.id}: ${check.note}`, () => {
        const results = runTryThisCheck(findScenario(item.scenario)!, check);
        expect(results.filter((r) => !r.passed)).toEqual([]);
      }, 60_000);
    }
  }

  it('rejects a malformed file with a message naming it', () => {
    expect(() => parseVisualiserTryThis({ interactive: 'partition-visualiser', items: [{ id: 'x', scenario: 's', prompt: 'short', outcome: 'also short', checks: [] }] })).toThrow(/partition-visualiser\.yaml/);
  });

  it('an expectation that does not hold fails (a check can fail)', () => {
    const r = runTryThisCheck(scenarios[0]!, { note: 'impossible', actions: [], untilMs: 1000, expect: [{ kind: 'events', type: 'broker/fenced', atLeast: 1 }] });
    expect(r[0]!.passed).toBe(false);
  });
});

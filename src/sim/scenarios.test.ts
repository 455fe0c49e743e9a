import { describe, expect, it } from 'vitest';
import { parseScenario, runScenario } from './scenario.ts';
import type { Scenario } from './types.ts';

const files = import.meta.glob<Scenario>('../../content/scenarios/*.json', { eager: true, import: 'default' });

const REQUIRED = [
  'four-partitions-six-consumers',
  'billing-and-audit',
  'ordering-by-user-key',
  'ordering-random-keys',
  'lag-spike-slow-downstream',
  'rebalance-storm',
  'rebalance-storm-fixed',
  'hot-partition',
  'hot-partition-salted',
  'stuck-consumer-poison',
  'stuck-consumer-dlq',
  'broker-loss',
  'replay-backfill',
  'classroom',
  'large',
];

describe('content/scenarios', () => {
  const entries = Object.entries(files);

  it('has every scenario the lessons refer to, each named after its id', () => {
    const ids = entries.map(([, s]) => s.id).sort();
    expect(ids).toEqual([...REQUIRED].sort());
    for (const [path, s] of entries) expect(path.endsWith(`/${s.id}.json`)).toBe(true);
  });

  for (const [path, raw] of entries) {
    it(`${raw.id}: valid and demonstrates its stated outcome`, () => {
      const scenario = parseScenario(raw);
      expect(scenario.expect.length, `${path} states no outcome`).toBeGreaterThan(0);
      const run = runScenario(scenario);
      const failed = run.outcomes.filter((o) => !o.passed).map((o) => ({ ...o.expectation, observed: o.observed }));
      expect(failed).toEqual([]);
    });
  }
});

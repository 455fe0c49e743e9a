import { describe, expect, it } from 'vitest';
import { parseScenario, runScenario, validateScenario } from './scenario.ts';
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
  'writes-time-out',
  'keyless-broker-loss',
  'cooperative-migration',
  'churn-three-protocols',
  'share-four-partitions-six-consumers',
  'poison-consumer-vs-share',
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

describe('scenario validation', () => {
  const good = {
    id: 'tiny',
    title: 'Tiny',
    summary: 'A tiny scenario for tests.',
    config: { topics: [{ name: 't', partitions: 2 }], groups: [{ id: 'g', topic: 't', consumers: 3 }] },
    seed: 1,
    actions: [],
    runMs: 5000,
    expect: [{ kind: 'idleConsumers', group: 'g', equals: 1 }],
  };

  it('accepts a good scenario and reports observed values', () => {
    const run = runScenario(good);
    expect(run.passed).toBe(true);
    expect(run.outcomes[0]!.observed).toBe(1);
    const failing = runScenario({ ...good, expect: [{ kind: 'idleConsumers', group: 'g', equals: 2 }] });
    expect(failing.passed).toBe(false);
    expect(failing.outcomes[0]!.observed).toBe(1);
  });

  it.each([
    ['bad config', { config: { topics: [{ name: 't', partitions: 0 }] } }, 'config.topics.0.partitions'],
    ['unknown group in an expectation', { expect: [{ kind: 'maxLag', group: 'nope', atMost: 1 }] }, 'expect.0.group'],
    ['two comparisons', { expect: [{ kind: 'maxLag', group: 'g', atMost: 1, atLeast: 0 }] }, 'expect.0'],
    ['an action after the end', { actions: [{ atMs: 9000, action: { type: 'consumer/add', group: 'g' } }] }, 'actions.0.atMs'],
    ['a bad id', { id: 'Not An Id' }, 'id'],
  ])('rejects %s', (_name, patch, path) => {
    const r = validateScenario({ ...good, ...patch });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.issues.map((i) => i.path)).toContain(path);
  });
});

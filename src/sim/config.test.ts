import { describe, expect, it } from 'vitest';
import { DEFAULTS, SimConfigError, validateConfig } from './config.ts';
import { createSimulation } from './engine.ts';
import type { SimConfig } from './types.ts';

const base = (): SimConfig => ({
  topics: [{ name: 'orders', partitions: 4 }],
  producers: [{ id: 'p', topic: 'orders', ratePerSec: 10 }],
  groups: [{ id: 'g', topic: 'orders', consumers: 2 }],
});

function issuesOf(config: unknown) {
  const r = validateConfig(config);
  if (r.ok) throw new Error('expected the config to be rejected');
  return r.issues;
}

describe('validateConfig', () => {
  it('fills Kafka defaults', () => {
    const r = validateConfig(base());
    if (!r.ok) throw new Error(JSON.stringify(r.issues));
    const g = r.config.groups[0]!;
    expect(g.timeouts).toEqual({ sessionTimeoutMs: 45_000, heartbeatIntervalMs: 3_000, maxPollIntervalMs: 300_000, maxPollRecords: 500 });
    expect(g.commit).toEqual({ mode: 'auto', intervalMs: 5_000 });
    expect(g.assignor).toBe('range');
    expect(g.protocol).toBe('eager');
    expect(g.autoOffsetReset).toBe('latest');
    expect(r.config.producers[0]!.acks).toBe('all');
    expect(r.config.producers[0]!.batchSize).toBe(16_384);
    expect(r.config.minInsyncReplicas).toBe(1);
    expect(r.config.topics[0]!.replicationFactor).toBe(3);
    expect(r.config.topics[0]!.retentionMs).toBe(DEFAULTS.retentionMs);
  });

  it.each([
    ['zero partitions', (c: SimConfig) => (c.topics[0]!.partitions = 0), 'topics.0.partitions'],
    ['negative partitions', (c: SimConfig) => (c.topics[0]!.partitions = -3), 'topics.0.partitions'],
    ['too many partitions', (c: SimConfig) => (c.topics[0]!.partitions = 257), 'topics.0.partitions'],
    ['fractional partitions', (c: SimConfig) => (c.topics[0]!.partitions = 2.5), 'topics.0.partitions'],
    ['NaN rate', (c: SimConfig) => (c.producers![0]!.ratePerSec = Number.NaN), 'producers.0.ratePerSec'],
    ['negative rate', (c: SimConfig) => (c.producers![0]!.ratePerSec = -1), 'producers.0.ratePerSec'],
    ['negative consumers', (c: SimConfig) => (c.groups![0]!.consumers = -1), 'groups.0.consumers'],
    ['unknown producer topic', (c: SimConfig) => (c.producers![0]!.topic = 'nope'), 'producers.0.topic'],
    ['unknown group topic', (c: SimConfig) => (c.groups![0]!.topic = 'nope'), 'groups.0.topic'],
    ['zero brokers', (c: SimConfig) => (c.brokers = 0), 'brokers'],
    ['replication above brokers', (c: SimConfig) => (c.topics[0]!.replicationFactor = 4), 'topics.0.replicationFactor'],
    ['min ISR above replication', (c: SimConfig) => ((c.topics[0]!.replicationFactor = 2), (c.minInsyncReplicas = 3)), 'minInsyncReplicas'],
    ['heartbeat not below session', (c: SimConfig) => (c.groups![0]!.timeouts = { sessionTimeoutMs: 3000, heartbeatIntervalMs: 3000 }), 'groups.0.timeouts.heartbeatIntervalMs'],
    ['unknown assignor', (c: SimConfig) => ((c.groups![0] as { assignor: string }).assignor = 'magic'), 'groups.0.assignor'],
    ['duplicate topic', (c: SimConfig) => c.topics.push({ name: 'orders', partitions: 1 }), 'topics.1.name'],
    ['duplicate group', (c: SimConfig) => c.groups!.push({ id: 'g', topic: 'orders', consumers: 1 }), 'groups.1.id'],
    ['hot share above 1', (c: SimConfig) => (c.producers![0]!.keys = { mode: 'user', distribution: 'hot', hotShare: 1.5 }), 'producers.0.keys.hotShare'],
    ['unknown field', (c: SimConfig) => ((c as unknown as Record<string, unknown>).partitons = 3), ''],
  ])('rejects %s with a path', (_name, mutate, path) => {
    const c = base();
    mutate(c);
    const issues = issuesOf(c);
    expect(issues.map((i) => i.path)).toContain(path);
    for (const i of issues) expect(i.message.length).toBeGreaterThan(5);
  });

  it('never throws, whatever it is given', () => {
    for (const junk of [null, undefined, 42, 'x', [], { topics: 'orders' }, { topics: [{}] }, { topics: [null] }]) {
      const r = validateConfig(junk);
      expect(r.ok).toBe(false);
    }
  });

  it('createSimulation throws a SimConfigError listing every issue', () => {
    const c = base();
    c.topics[0]!.partitions = 0;
    c.producers![0]!.ratePerSec = Number.NaN;
    try {
      createSimulation(c, 1);
      throw new Error('should have thrown');
    } catch (e) {
      expect(e).toBeInstanceOf(SimConfigError);
      expect((e as SimConfigError).issues.map((i) => i.path).sort()).toEqual(['producers.0.ratePerSec', 'topics.0.partitions']);
    }
    expect(() => createSimulation(base(), 1.5)).toThrow(SimConfigError);
  });
});

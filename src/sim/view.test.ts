import { describe, expect, it } from 'vitest';
import { applyAction, createSimulation, DEFAULTS, snapshotView, stepSimulation, type SimConfig } from './index.ts';

const config: SimConfig = {
  brokers: 4,
  topics: [
    { name: 'orders', partitions: 4, replicationFactor: 3, minInsyncReplicas: 2 },
    { name: 'audit', partitions: 2, replicationFactor: 1, retentionMs: 60_000 },
  ],
  producers: [
    { id: 'web', topic: 'orders', ratePerSec: 120, keys: { mode: 'user', distribution: 'zipf', users: 50 } },
    { id: 'batch', topic: 'audit', ratePerSec: 7, acks: '1' },
  ],
  groups: [
    { id: 'billing', topic: 'orders', consumers: 2, assignors: ['cooperative-sticky'], timeouts: { sessionTimeoutMs: 10_000 }, processing: { meanMs: 4 } },
    { id: 'archive', topic: 'audit', consumers: 1, dlq: { enabled: true, recordTimeoutMs: 2_000 }, downstream: { slowdown: 3 } },
  ],
};

describe('snapshotView settings', () => {
  it('carries every group, producer and topic setting, with defaults filled in', () => {
    const s = snapshotView(createSimulation(config, 1)).settings!;
    expect(Object.keys(s.groups)).toEqual(['billing', 'archive']);
    expect(s.groups.billing).toEqual({
      assignors: ['cooperative-sticky'],
      assignor: 'cooperative-sticky',
      protocol: 'cooperative',
      timeouts: { sessionTimeoutMs: 10_000, heartbeatIntervalMs: DEFAULTS.heartbeatIntervalMs, maxPollIntervalMs: DEFAULTS.maxPollIntervalMs, maxPollRecords: DEFAULTS.maxPollRecords },
      processing: { meanMs: 4, distribution: DEFAULTS.processingDistribution },
      commit: { mode: 'auto', intervalMs: DEFAULTS.autoCommitIntervalMs },
      downstream: { slowdown: 1, failureRate: 0 },
      dlq: { enabled: false, recordTimeoutMs: DEFAULTS.recordTimeoutMs },
      autoOffsetReset: DEFAULTS.autoOffsetReset,
      rebalanceMs: DEFAULTS.rebalanceMs,
    });
    expect(s.groups.archive).toMatchObject({ assignors: ['range', 'cooperative-sticky'], assignor: DEFAULTS.assignor, protocol: DEFAULTS.protocol, dlq: { enabled: true, recordTimeoutMs: 2_000 }, downstream: { slowdown: 3, failureRate: 0 } });
    expect(s.producers.map((p) => p.id)).toEqual(['web', 'batch']);
    expect(s.producers[0]).toEqual({
      id: 'web',
      topic: 'orders',
      ratePerSec: 120,
      keys: { mode: 'user', users: 50, distribution: 'zipf', zipfExponent: DEFAULTS.zipfExponent, hotShare: DEFAULTS.hotShare, saltBuckets: DEFAULTS.saltBuckets },
      acks: DEFAULTS.acks,
      recordBytes: DEFAULTS.recordBytes,
      batchSize: DEFAULTS.batchSize,
      deliveryTimeoutMs: DEFAULTS.deliveryTimeoutMs,
      bufferMemory: DEFAULTS.bufferMemory,
      maxBlockMs: DEFAULTS.maxBlockMs,
    });
    expect(s.cluster).toEqual({ brokerSessionTimeoutMs: 9_000, replicaLagTimeMaxMs: 30_000 });
    expect(s.producers[1]).toMatchObject({ ratePerSec: 7, acks: '1', keys: { mode: 'user', users: DEFAULTS.users, distribution: 'uniform' } });
    expect(s.topics).toEqual({
      orders: { replicationFactor: 3, minInsyncReplicas: 2, retentionMs: DEFAULTS.retentionMs, retentionBytes: DEFAULTS.retentionBytes },
      audit: { replicationFactor: 1, minInsyncReplicas: DEFAULTS.minInsyncReplicas, retentionMs: 60_000, retentionBytes: DEFAULTS.retentionBytes },
    });
  });

  it('follows the actions that change settings', () => {
    const sim = createSimulation(config, 1);
    for (let i = 0; i < 20; i++) stepSimulation(sim);
    applyAction(sim, { type: 'producer/set-rate', producer: 'web', ratePerSec: 900 });
    applyAction(sim, { type: 'producer/set-keys', producer: 'web', keys: { mode: 'salted', saltBuckets: 16 } });
    applyAction(sim, { type: 'group/set-timeouts', group: 'billing', timeouts: { maxPollIntervalMs: 3_000, maxPollRecords: 50 } });
    applyAction(sim, { type: 'group/set-processing', group: 'billing', processing: { meanMs: 25 }, commit: { mode: 'after-processing' } });
    applyAction(sim, { type: 'group/set-assignor', group: 'billing', assignor: 'roundrobin' });
    // there is no protocol setting in Kafka: it follows from the assignors (KIP-429)
    expect(() => applyAction(sim, { type: 'group/set-protocol', group: 'billing', protocol: 'cooperative' })).toThrow(/partition\.assignment\.strategy/);
    applyAction(sim, { type: 'downstream/set', group: 'billing', downstream: { slowdown: 20 } });
    applyAction(sim, { type: 'group/set-dlq', group: 'billing', dlq: { enabled: true } });
    applyAction(sim, { type: 'group/add', group: { id: 'search', topic: 'orders', consumers: 1 } });
    applyAction(sim, { type: 'group/remove', group: 'archive' });
    const s = snapshotView(sim).settings!;
    expect(s.producers[0]).toMatchObject({ ratePerSec: 900, keys: { mode: 'salted', saltBuckets: 16 } });
    expect(s.groups.billing).toMatchObject({
      assignors: ['roundrobin'],
      protocol: 'eager',
      timeouts: { sessionTimeoutMs: 10_000, maxPollIntervalMs: 3_000, maxPollRecords: 50 },
      processing: { meanMs: 25 },
      commit: { mode: 'after-processing' },
      downstream: { slowdown: 20 },
      dlq: { enabled: true, recordTimeoutMs: DEFAULTS.recordTimeoutMs },
    });
    expect(Object.keys(s.groups).sort()).toEqual(['billing', 'search']);
    expect(s.groups.search?.assignor).toBe(DEFAULTS.assignor);
  });

  it('hands out copies: changing a view leaves the simulation alone', () => {
    const sim = createSimulation(config, 1);
    const s = snapshotView(sim).settings!;
    s.groups.billing!.timeouts.sessionTimeoutMs = 1;
    s.producers[0]!.keys.mode = 'none';
    s.topics.orders!.replicationFactor = 1;
    const again = snapshotView(sim).settings!;
    expect(again.groups.billing!.timeouts.sessionTimeoutMs).toBe(10_000);
    expect(again.producers[0]!.keys.mode).toBe('user');
    expect(again.topics.orders!.replicationFactor).toBe(3);
  });
});

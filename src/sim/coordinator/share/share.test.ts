/**
 * KIP-932 share groups in the simulator. Sources: KIP-932 ("Queues for Kafka"), Kafka's group
 * configs page (share.auto.offset.reset) and ShareGroupConfig (group.share.* defaults).
 */
import { describe, expect, it } from 'vitest';
import { applyAction } from '../../actions.ts';
import { validateConfig } from '../../config.ts';
import { createSimulation, stepSimulation } from '../../engine.ts';
import type { SimState } from '../../state.ts';
import type { GroupConfig, SimConfig, SimEvent } from '../../types.ts';
import { snapshotView } from '../../view.ts';
import { SHARE_GROUP_DEFAULTS } from './config.ts';
import { ACQUIRED, acknowledge, acquire, advanceStart, expireLocks, newSharePartition } from './sharePartition.ts';

function cfg(partitions: number, consumers: number, group: Partial<GroupConfig> = {}, rate = 100, users = 1000): SimConfig {
  return {
    topics: [{ name: 'jobs', partitions }],
    producers: [{ id: 'p', topic: 'jobs', ratePerSec: rate, keys: { mode: 'user', users } }],
    groups: [{ id: 'workers', topic: 'jobs', consumers, type: 'share', ...group }],
  };
}

function run(state: SimState, ms: number, events: SimEvent[] = []): SimEvent[] {
  const end = state.timeMs + ms;
  while (state.timeMs < end) events.push(...stepSimulation(state).events);
  return events;
}

describe('share group defaults (ShareGroupConfig, Kafka group configs)', () => {
  it('lock 30 s, delivery count limit 5, 2000 record locks per share-partition, share.auto.offset.reset latest, session 45 s, heartbeat 5 s', () => {
    // ShareGroupConfig: SHARE_GROUP_RECORD_LOCK_DURATION_MS_DEFAULT = 30000, SHARE_GROUP_DELIVERY_COUNT_LIMIT_DEFAULT = 5,
    // SHARE_GROUP_PARTITION_MAX_RECORD_LOCKS_DEFAULT = 2000 (Kafka 4.1+; 200 in 4.0), group config share.auto.offset.reset = latest,
    // group.share.session.timeout.ms = 45000, group.share.heartbeat.interval.ms = 5000
    expect(SHARE_GROUP_DEFAULTS).toEqual({
      recordLockDurationMs: 30_000,
      deliveryCountLimit: 5,
      maxRecordLocks: 2_000,
      autoOffsetReset: 'latest',
      sessionTimeoutMs: 45_000,
      heartbeatIntervalMs: 5_000,
      onFailure: 'release',
    });
  });

  it('validates the ranges Kafka gives (delivery count limit 2..10, record locks 100..10000)', () => {
    expect(validateConfig(cfg(1, 1, { shareGroup: { deliveryCountLimit: 1 } })).ok).toBe(false);
    expect(validateConfig(cfg(1, 1, { shareGroup: { deliveryCountLimit: 11 } })).ok).toBe(false);
    expect(validateConfig(cfg(1, 1, { shareGroup: { maxRecordLocks: 99 } })).ok).toBe(false);
    expect(validateConfig(cfg(1, 1, { shareGroup: { deliveryCountLimit: 2, maxRecordLocks: 100 } })).ok).toBe(true);
  });
});

describe('share-partition record states (KIP-932)', () => {
  it('available -> acquired -> acknowledged; release counts toward the limit; reject archives; the start offset moves over finished records', () => {
    const sp = newSharePartition();
    sp.startOffset = 0;
    sp.endOffset = 0;
    const a = acquire(sp, 10, 'm1', 3, 0, 30_000, 2_000);
    expect(a.offsets).toEqual([0, 1, 2]);
    expect(acknowledge(sp, 0, 'm1', 'accept', 5)).toBe('acknowledged');
    expect(acknowledge(sp, 1, 'm1', 'reject', 5)).toBe('archived-rejected');
    expect(acknowledge(sp, 2, 'm1', 'release', 5)).toBe('available');
    expect(acknowledge(sp, 2, 'm1', 'accept', 5)).toBe('refused');
    advanceStart(sp);
    expect(sp.startOffset).toBe(2);
    const b = acquire(sp, 10, 'm2', 1, 0, 30_000, 2_000);
    expect(b).toMatchObject({ offsets: [2], redelivered: 1 });
    expect(sp.deliveries[0]).toBe(2);
  });

  it('an acquisition lock that runs out makes the record available again, or archives it at the limit', () => {
    const sp = newSharePartition();
    sp.startOffset = 0;
    sp.endOffset = 0;
    acquire(sp, 2, 'm1', 2, 0, 1_000, 2_000);
    sp.deliveries[1] = 3;
    expect(expireLocks(sp, 999, 3).byMember.size).toBe(0);
    const r = expireLocks(sp, 1_000, 3);
    expect(r.byMember.get('m1')).toEqual([0, 1]);
    expect(r.archived).toEqual([1]);
    expect(sp.state).toEqual([0, 3]);
  });

  it('the in-flight window never exceeds group.share.partition.max.record.locks', () => {
    const sp = newSharePartition();
    sp.startOffset = 0;
    sp.endOffset = 0;
    const a = acquire(sp, 1_000, 'm1', 500, 0, 30_000, 100);
    expect(a.offsets).toHaveLength(100);
    expect(a.windowFull).toBe(true);
    expect(sp.state.every((x) => x === ACQUIRED)).toBe(true);
  });
});

describe('share groups in the simulator', () => {
  it('several consumers read one partition at once; there are no committed offsets', () => {
    const s = createSimulation(cfg(1, 3, { autoOffsetReset: 'earliest', shareGroup: { autoOffsetReset: 'earliest' }, processing: { meanMs: 20 }, timeouts: { maxPollRecords: 10 } }), 2);
    run(s, 20_000);
    const g = s.groups[0]!;
    expect(g.members.every((m) => m.processed > 0)).toBe(true);
    expect(g.committed).toEqual([null]);
    expect(() => applyAction(s, { type: 'group/reset-offsets', group: 'workers', to: 'earliest' })).toThrow(/no committed offsets/);
    const v = snapshotView(s).groups[0]!;
    expect(v.type).toBe('share');
    expect(v.members.every((m) => m.partitions.includes(0))).toBe(true);
  });

  it('share.auto.offset.reset decides where a new share-partition starts (latest by default)', () => {
    const mk = (reset?: 'earliest' | 'latest') => {
      const s = createSimulation({ ...cfg(1, 1, reset ? { shareGroup: { autoOffsetReset: reset } } : {}), groups: [{ id: 'workers', topic: 'jobs', consumers: 1, type: 'share', startAtMs: 5_000, ...(reset ? { shareGroup: { autoOffsetReset: reset } } : {}) }] }, 3);
      const events = run(s, 5_100);
      const first = events.find((e) => e.type === 'share/acquired');
      return first && first.type === 'share/acquired' ? first.offsets[0] : -1;
    };
    // the group starts at 5 s, when 500 records are in the log
    expect(mk()).toBe(500);
    expect(mk('latest')).toBe(500);
    expect(mk('earliest')).toBe(0);
  });

  it('a crashed member\'s records come back when their acquisition lock (group.share.record.lock.duration.ms) runs out, and go to another member', () => {
    const s = createSimulation(cfg(1, 2, { shareGroup: { autoOffsetReset: 'earliest', recordLockDurationMs: 10_000 }, processing: { meanMs: 2_000, distribution: 'fixed' }, timeouts: { maxPollRecords: 2 } }, 10), 4);
    const events = run(s, 2_000);
    const victim = s.groups[0]!.members[0]!;
    const held = s.groups[0]!.share!.partitions[0]!.holder.filter((h) => h === victim.id).length;
    expect(held).toBeGreaterThan(0);
    applyAction(s, { type: 'consumer/crash', group: 'workers', member: victim.id });
    run(s, 20_000, events);
    const expired = events.filter((e) => e.type === 'share/lock-expired' && e.member === victim.id);
    expect(expired.reduce((n, e) => n + (e.type === 'share/lock-expired' ? e.offsets.length : 0), 0)).toBe(held);
    for (const e of expired) {
      if (e.type !== 'share/lock-expired') continue;
      const got = events.find((x) => x.type === 'share/acquired' && x.member === victim.id && x.offsets.includes(e.offsets[0]!));
      // exactly the lock duration after the acquisition (to the 50 ms tick)
      expect(e.atMs - got!.atMs).toBeGreaterThanOrEqual(10_000);
      expect(e.atMs - got!.atMs).toBeLessThan(10_100);
    }
    const again = events.filter((x) => x.type === 'share/acquired' && x.member !== victim.id && x.redelivered > 0);
    expect(again.length).toBeGreaterThan(0);
  });

  it('a poison record is redelivered up to group.share.delivery.count.limit and then archived, while the partition keeps flowing', () => {
    const s = createSimulation(cfg(1, 3, { shareGroup: { autoOffsetReset: 'earliest' }, timeouts: { maxPollRecords: 20 }, processing: { meanMs: 5 } }, 50), 5);
    run(s, 2_000);
    applyAction(s, { type: 'record/poison', topic: 'jobs', partition: 0 });
    const events = run(s, 30_000);
    const g = s.groups[0]!;
    const released = events.filter((e) => e.type === 'share/acknowledged' && e.ack === 'release');
    expect(released).toHaveLength(5);
    const archived = events.filter((e) => e.type === 'share/archived');
    expect(archived).toHaveLength(1);
    expect(archived[0]).toMatchObject({ reason: 'delivery-limit' });
    expect(g.share!.stats.archived).toBe(1);
    // everything else was processed; the share-partition start moved past the poison record
    expect(g.stats.processed).toBe(s.topics[0]!.produced - 1);
    expect(g.share!.partitions[0]!.startOffset).toBeGreaterThan(100);
    expect(g.members.some((m) => m.hung)).toBe(false);
  });

  it('REJECT archives the record at its first delivery', () => {
    const s = createSimulation(cfg(1, 2, { shareGroup: { autoOffsetReset: 'earliest', onFailure: 'reject' } }, 50), 6);
    run(s, 2_000);
    applyAction(s, { type: 'record/poison', topic: 'jobs', partition: 0 });
    const events = run(s, 5_000);
    expect(events.filter((e) => e.type === 'share/archived').map((e) => e.type === 'share/archived' && e.reason)).toEqual(['rejected']);
    expect(s.groups[0]!.share!.stats.redelivered).toBe(0);
  });

  it('per-key order is lost when several members share a partition (a consumer group of one keeps it)', () => {
    const base = { autoOffsetReset: 'earliest' as const, processing: { meanMs: 8 }, timeouts: { maxPollRecords: 5 } };
    const share = createSimulation(cfg(1, 4, { ...base, shareGroup: { autoOffsetReset: 'earliest' } }, 100, 5), 8);
    const one = createSimulation({ ...cfg(1, 4, base, 100, 5), groups: [{ id: 'workers', topic: 'jobs', consumers: 4, type: 'consumer', ...base }] }, 8);
    run(share, 20_000);
    run(one, 20_000);
    expect(share.groups[0]!.stats.outOfOrder).toBeGreaterThan(0);
    expect(one.groups[0]!.stats.outOfOrder).toBe(0);
  });

  it('a slow group fills the in-flight window and acquires nothing beyond it', () => {
    // the group starts with 300 records waiting and a window of 100
    const s = createSimulation(cfg(1, 1, { startAtMs: 3_000, shareGroup: { autoOffsetReset: 'earliest', maxRecordLocks: 100 }, processing: { meanMs: 1_000, distribution: 'fixed' }, timeouts: { maxPollRecords: 500 } }, 100), 9);
    const events = run(s, 4_000);
    const sp = s.groups[0]!.share!.partitions[0]!;
    expect(sp.endOffset - sp.startOffset).toBeLessThanOrEqual(100);
    expect(events.some((e) => e.type === 'share/window-full')).toBe(true);
  });

  it('a share group survives JSON and continues identically', () => {
    const a = createSimulation(cfg(2, 3, { shareGroup: { autoOffsetReset: 'earliest' }, timeouts: { maxPollRecords: 10 }, processing: { meanMs: 10 } }), 10);
    run(a, 5_000);
    applyAction(a, { type: 'record/poison', topic: 'jobs', partition: 1 });
    run(a, 3_000);
    const b = JSON.parse(JSON.stringify(a)) as SimState;
    run(a, 20_000);
    run(b, 20_000);
    expect(JSON.stringify(b)).toEqual(JSON.stringify(a));
  });
});

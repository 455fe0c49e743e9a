import { describe, expect, it } from 'vitest';
import { partitionForKey } from './kafka/index.ts';
import { sim } from './testing/driver.ts';
import { snapshotView } from './view.ts';

describe('consumer groups', () => {
  it('puts consumers beyond the partition count to idle', () => {
    sim().topic('orders', 4).producer('orders', 100).group('billing', 6).run('5s').expectIdle('billing', 2).expectActive('billing', 4);
  });

  it('gives each partition to exactly one member, with range and roundrobin', () => {
    for (const assignor of ['range', 'roundrobin'] as const) {
      const d = sim().topic('t', 7).producer('t', 50).group('g', 3, { assignor }).run('5s');
      const owned = d.groupView('g').members.flatMap((m) => m.partitions).sort((a, b) => a - b);
      expect(owned).toEqual([0, 1, 2, 3, 4, 5, 6]);
    }
  });

  it('range gives the first members the extra partitions; roundrobin deals them out', () => {
    const range = sim().topic('t', 5).group('g', 2, { assignor: 'range' }).run('4s').groupView('g');
    expect(range.members.map((m) => m.partitions)).toEqual([
      [0, 1, 2],
      [3, 4],
    ]);
    const rr = sim().topic('t', 5).group('g', 2, { assignor: 'roundrobin' }).run('4s').groupView('g');
    expect(rr.members.map((m) => m.partitions)).toEqual([
      [0, 2, 4],
      [1, 3],
    ]);
  });

  it('shows no lag before the first commit, then log end minus committed', () => {
    const d = sim().topic('t', 2).producer('t', 100).group('g', 1).run('3s');
    expect(d.groupView('g').lag).toEqual([null, null]);
    d.run('10s');
    const v = d.groupView('g');
    const ends = d.view().topics[0]!.partitions.map((p) => p.logEndOffset);
    v.committed.forEach((c, p) => {
      expect(c).not.toBeNull();
      expect(v.lag[p]).toBe(ends[p]! - c!);
    });
    expect(v.maxLag).toBe(Math.max(...(v.lag as number[])));
    expect(v.totalLag).toBe((v.lag as number[]).reduce((a, b) => a + b, 0));
  });

  it('independent groups each receive every record with their own offsets', () => {
    const d = sim()
      .topic('orders', 3)
      .producer('orders', 100)
      .group('billing', 2, { autoOffsetReset: 'earliest' })
      .group('audit', 1, { autoOffsetReset: 'earliest', processing: { meanMs: 0.5 } })
      .at('10s', { type: 'producer/set-rate', producer: 'orders-producer', ratePerSec: 0 })
      .run('30s');
    expect(d.groupView('billing').processed).toBe(1000);
    expect(d.groupView('audit').processed).toBe(1000);
  });

  it('a graceful leave rebalances at once; a crash only after session.timeout.ms', () => {
    const d = sim().topic('t', 4).producer('t', 50).group('g', 2).run('5s');
    d.act({ type: 'consumer/remove', group: 'g' });
    expect(d.state.groups[0]!.rebalance).not.toBeNull();
    d.run('5s').expectActive('g', 1);

    const c = sim().topic('t', 4).producer('t', 50).group('g', 2, { timeouts: { sessionTimeoutMs: 10_000 } }).run('5s');
    c.act({ type: 'consumer/crash', group: 'g' });
    // the session expires session.timeout.ms after the last heartbeat (sent every 3 s before the crash)
    c.run('6.9s');
    expect(c.eventsOf('consumer/left')).toHaveLength(0);
    expect(c.groupView('g').members.map((m) => m.status)).toContain('crashed');
    c.run('3.2s');
    const left = c.eventsOf('consumer/left');
    expect(left.map((e) => e.reason)).toEqual(['session-timeout']);
    expect(left[0]!.atMs - 5000).toBeGreaterThanOrEqual(10_000 - 3000);
    expect(left[0]!.atMs - 5000).toBeLessThanOrEqual(10_000);
    c.run('5s').expectActive('g', 1);
    expect(c.groupView('g').members[0]!.partitions).toEqual([0, 1, 2, 3]);
  });

  it('removes a member whose batch takes longer than max.poll.interval.ms, and it rejoins', () => {
    const d = sim()
      .topic('t', 2)
      .producer('t', 200)
      .group('g', 1, { autoOffsetReset: 'earliest', processing: { meanMs: 20, distribution: 'fixed' }, timeouts: { maxPollIntervalMs: 2000, maxPollRecords: 500 } })
      .run('30s');
    const reasons = d.eventsOf('consumer/left').map((e) => e.reason);
    expect(reasons).toContain('poll-timeout');
    expect(d.eventsOf('consumer/joined').length).toBeGreaterThan(1);
    expect(d.groupView('g').rebalances).toBeGreaterThan(1);
  });

  it('eager rebalancing pauses every member; cooperative only the moved partitions', () => {
    // the protocol follows from the assignors (KIP-429): roundrobin supports only eager, cooperative-sticky alone gives cooperative
    const processedDuring = (protocol: 'eager' | 'cooperative') => {
      const d = sim()
        .topic('t', 6)
        .producer('t', 300)
        .group('g', 2, { assignor: protocol === 'eager' ? 'roundrobin' : 'cooperative-sticky', rebalanceMs: 4000 })
        .run('10s');
      const before = d.groupView('g').processed;
      d.act({ type: 'consumer/add', group: 'g' }).run('3s');
      d.expectRebalancing('g', true);
      const during = d.groupView('g').processed - before;
      d.run('10s').expectRebalancing('g', false).expectActive('g', 3);
      return { during, paused: d.groupView('g').pausedMs };
    };
    const eager = processedDuring('eager');
    const coop = processedDuring('cooperative');
    expect(eager.during).toBe(0);
    expect(coop.during).toBeGreaterThan(300);
    expect(coop.paused).toBeLessThan(eager.paused);
  });

  it('cooperative rebalancing takes two JoinGroup rounds when partitions move (revoke, then assign), never a third (KIP-429)', () => {
    const d = sim().topic('t', 4).producer('t', 50).group('g', 1, { assignors: ['cooperative-sticky'] }).run('5s');
    d.act({ type: 'consumer/add', group: 'g' }).run('20s');
    const rounds = d.eventsOf('group/rebalance-round');
    expect(rounds).toHaveLength(1);
    expect(rounds[0]).toMatchObject({ round: 2, reason: 'revoked' });
    const revoked = d.eventsOf('consumer/revoked');
    expect(revoked).toHaveLength(1);
    expect(revoked[0]!.partitions.length).toBe(2);
    // the group start and the join: no follow-up rebalance blamed on a member leaving
    expect(d.eventsOf('group/rebalance-started').map((e) => e.reason)).toEqual(['group-started', 'member-joined']);
    expect(d.groupView('g').rebalances).toBe(2);
    expect(d.groupView('g').members.map((m) => m.partitions.length)).toEqual([2, 2]);
  });
});

describe('sticky assignors', () => {
  it('cooperative-sticky moves only what it must when a member joins, keeping the rest processing', () => {
    const d = sim().topic('t', 6).producer('t', 120).group('g', 2, { assignor: 'cooperative-sticky' }).run('5s');
    const before = d.groupView('g').members.map((m) => m.partitions);
    d.act({ type: 'consumer/add', group: 'g' }).run('15s');
    const after = d.groupView('g').members.map((m) => m.partitions);
    expect(after.map((p) => p.length)).toEqual([2, 2, 2]);
    // the first two members kept two of their three partitions each
    for (let i = 0; i < 2; i++) expect(after[i]!.filter((p) => before[i]!.includes(p)).length).toBe(2);
    const revoked = d.eventsOf('consumer/revoked').flatMap((e) => e.partitions);
    expect(revoked).toHaveLength(2);
    expect(d.groupView('g').rebalancing).toBe(false);
  });
});

describe('producing and partitioning', () => {
  it('places keyed records with partitionForKey', () => {
    const d = sim().topic('t', 6).producer('t', 400, { mode: 'user', users: 50 }).run('2s');
    const parts = d.view().topics[0]!.partitions;
    let checked = 0;
    for (const p of parts) {
      for (const r of p.recent) {
        expect(partitionForKey(r.key!, 6)).toBe(p.id);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(100);
  });

  it('unkeyed records stick to one partition until a batch fills', () => {
    const d = sim().topic('t', 4, {}).producer('t', 200, { mode: 'none' }, { batchSize: 1000, recordBytes: 100 }).configure({ recentRecords: 400 }).run('2s');
    const all = d
      .view()
      .topics[0]!.partitions.flatMap((p) => p.recent.map((r) => ({ p: p.id, at: r.producedAtMs, key: r.key })))
      .sort((a, b) => a.at - b.at);
    expect(all.every((r) => r.key === null)).toBe(true);
    // the partition changes exactly every 10 records (1000 bytes / 100 bytes)
    const produced = d.eventsOf('record/produced');
    expect(produced).toHaveLength(0); // per-record events are off unless asked for
    const e = sim().topic('t', 4).producer('t', 200, { mode: 'none' }, { batchSize: 1000, recordBytes: 100 }).withRecordEvents().run('2s');
    const seq = e.eventsOf('record/produced').flatMap((ev) => Array.from({ length: ev.count }, () => ev.partition));
    for (let i = 0; i + 10 <= seq.length; i += 10) expect(new Set(seq.slice(i, i + 10)).size).toBe(1);
    expect(new Set(seq).size).toBeGreaterThan(1);
  });

  it('a hot tenant concentrates traffic; salting spreads it', () => {
    const share = (mode: 'user' | 'salted') => {
      const d = sim().topic('t', 12).producer('t', 1000, { mode, users: 500, distribution: 'hot', hotShare: 0.6, saltBuckets: 8 }).run('10s');
      const ends = d.view().topics[0]!.partitions.map((p) => p.logEndOffset);
      return Math.max(...ends) / ends.reduce((a, b) => a + b, 0);
    };
    expect(share('user')).toBeGreaterThan(0.55);
    expect(share('salted')).toBeLessThan(0.3);
  });

  it('zipf traffic makes user-0 the busiest user', () => {
    const d = sim().topic('t', 1).producer('t', 2000, { mode: 'user', users: 100, distribution: 'zipf', zipfExponent: 1.2 }).configure({ recentRecords: 4000 }).run('2s');
    const counts = new Map<string, number>();
    for (const r of d.view().topics[0]!.partitions[0]!.recent) counts.set(r.user, (counts.get(r.user) ?? 0) + 1);
    const top = [...counts.entries()].sort((a, b) => b[1] - a[1])[0]!;
    expect(top[0]).toBe('user-0');
    expect(top[1] / 4000).toBeGreaterThan(0.15);
  });

  it('produces the configured rate exactly over whole seconds', () => {
    const d = sim().topic('t', 3).producer('t', 333).run('9s');
    expect(d.view().topics[0]!.produced).toBe(2997);
  });
});

describe('brokers and replication', () => {
  it('moves leadership once the controller fences the stopped broker; below min.insync.replicas writes wait and are retried, not lost', () => {
    const d = sim().brokers(3, 2).topic('t', 3, { replicationFactor: 3 }).producer('t', 100).withRecordEvents();
    d.run('2s');
    const leadersOn0 = d.view().topics[0]!.partitions.filter((p) => p.leader === 0).map((p) => p.id);
    expect(leadersOn0.length).toBeGreaterThan(0);
    d.act({ type: 'broker/stop', broker: 0 }).run('10s');
    const v = d.view().topics[0]!;
    for (const p of v.partitions) {
      expect(p.leader).not.toBe(0);
      expect(p.isr).not.toContain(0);
      expect(p.offline).toBe(false);
    }
    expect(d.eventsOf('partition/leader-changed').map((e) => e.partition).sort()).toEqual(leadersOn0.sort());
    expect(v.failed).toBe(0);
    d.act({ type: 'broker/stop', broker: 1 }).run('12s');
    // one in-sync replica left, below min.insync.replicas 2: NOT_ENOUGH_REPLICAS is retriable, so the records wait
    expect(d.view().topics[0]!.failed).toBe(0);
    expect(d.view().producers![0]!.buffered).toBeGreaterThan(100);
    expect(d.view().producers![0]!.waitReasons).toContain('not-enough-replicas');
    d.act({ type: 'broker/start', broker: 1 }).run('3s');
    const after = d.view().topics[0]!;
    expect(after.failed).toBe(0);
    expect(after.partitions.every((p) => p.isr.includes(1))).toBe(true);
    expect(d.view().producers![0]!.buffered).toBe(0);
    expect(d.view().producers![0]!.maxLatencyMs).toBeGreaterThan(10_000);
  });

  it('takes a partition offline once its last in-sync replica is fenced, and back when it returns', () => {
    const d = sim().brokers(2).topic('t', 2, { replicationFactor: 1 }).producer('t', 100, { mode: 'none' }).run('1s');
    d.act({ type: 'broker/stop', broker: 0 }).run('1s');
    const p0 = d.view().topics[0]!.partitions.find((p) => p.leader === 0)!;
    expect(p0.offline).toBe(false);
    expect(p0.leaderUnreachable).toBe(true);
    d.run('9s');
    expect(d.view().topics[0]!.partitions[p0.id]!.offline).toBe(true);
    // nothing failed: records for it wait in the producer (until delivery.timeout.ms)
    expect(d.view().topics[0]!.failed).toBe(0);
    d.act({ type: 'broker/start', broker: 0 }).run('1s');
    expect(d.view().topics[0]!.partitions[p0.id]!.leader).toBe(0);
  });
});

describe('processing failures', () => {
  it('a poison record hangs its consumer; with a dead-letter timeout it moves on', () => {
    const run = (dlq: boolean) =>
      sim()
        .topic('t', 1)
        .producer('t', 50)
        .group('g', 1, { dlq: { enabled: dlq, recordTimeoutMs: 2000 }, commit: { mode: 'after-processing' } })
        .at('5s', { type: 'record/poison', topic: 't', partition: 0 })
        .run('15s');
    const stuck = run(false);
    const m = stuck.groupView('g').members[0]!;
    expect(m.status).toBe('stuck');
    expect(m.stuckOn?.offset).toBe(stuck.eventsOf('record/poisoned')[0]!.offset);
    expect(stuck.groupView('g').maxLag).toBeGreaterThan(400);
    const fixed = run(true);
    expect(fixed.groupView('g').deadLettered).toBe(1);
    expect(fixed.eventsOf('record/dead-lettered')[0]!.offset).toBe(fixed.eventsOf('record/poisoned')[0]!.offset);
    expect(fixed.groupView('g').members[0]!.status).toBe('active');
    expect(fixed.groupView('g').maxLag).toBeLessThan(20);
  });

  it('a hung consumer is removed after max.poll.interval.ms and the next one hangs on the same record', () => {
    const d = sim()
      .topic('t', 1)
      .producer('t', 50)
      .group('g', 2, { timeouts: { maxPollIntervalMs: 5000 } })
      .at('5s', { type: 'record/poison', topic: 't' })
      .run('30s');
    expect(d.eventsOf('consumer/left').map((e) => e.reason)).toContain('poll-timeout');
    expect(d.eventsOf('consumer/stuck').length).toBe(2);
    expect(d.groupView('g').members.every((m) => m.status === 'stuck')).toBe(true);
  });

  it('a slower downstream builds lag that drains when it recovers', () => {
    const d = sim().topic('t', 2).producer('t', 200).group('g', 2, { processing: { meanMs: 5, distribution: 'fixed' }, commit: { mode: 'after-processing' } }).run('10s');
    d.expectMaxLag('g', { atMost: 20 });
    d.act({ type: 'downstream/set', group: 'g', downstream: { slowdown: 3 } }).run('10s');
    d.expectMaxLag('g', { atLeast: 300 });
    d.act({ type: 'downstream/set', group: 'g', downstream: { slowdown: 1 } }).run('20s');
    d.expectMaxLag('g', { atMost: 20 });
  });

  it('a dependency that is down hangs the consumer until the record times out', () => {
    const d = sim().topic('t', 1).producer('t', 10).group('g', 1, { dlq: { enabled: true, recordTimeoutMs: 1000 } }).run('5s');
    d.act({ type: 'downstream/set', group: 'g', downstream: { failureRate: 1 } }).run('5s');
    expect(d.eventsOf('consumer/stuck').some((e) => e.reason === 'downstream-down')).toBe(true);
    expect(d.groupView('g').deadLettered).toBeGreaterThanOrEqual(3);
  });
});

describe('a dependency that is down', () => {
  it('hangs consumers until it recovers, and the state stays JSON-safe meanwhile', () => {
    const d = sim().topic('t', 2).producer('t', 50).group('g', 1).run('5s');
    d.act({ type: 'downstream/set', group: 'g', downstream: { failureRate: 1 } }).run('5s');
    expect(d.groupView('g').members[0]!.status).toBe('stuck');
    const nonFinite: string[] = [];
    const walk = (x: unknown, path: string): void => {
      if (typeof x === 'number' && !Number.isFinite(x)) nonFinite.push(path);
      else if (Array.isArray(x)) x.forEach((v, i) => walk(v, `${path}.${i}`));
      else if (x && typeof x === 'object') for (const [k, v] of Object.entries(x)) walk(v, `${path}.${k}`);
    };
    walk(d.state, 'state');
    expect(nonFinite).toEqual([]);
    d.act({ type: 'downstream/set', group: 'g', downstream: { failureRate: 0 } }).run('10s');
    expect(d.groupView('g').members[0]!.status).toBe('active');
    d.expectMaxLag('g', { atMost: 300 });
  });
});

describe('replay and offsets', () => {
  it('resets to earliest and reprocesses (counted as duplicates), and a new group backfills', () => {
    const d = sim().topic('t', 2).producer('t', 100).group('g', 1, { autoOffsetReset: 'earliest' }).run('10s');
    const first = d.groupView('g').processed;
    d.act({ type: 'group/reset-offsets', group: 'g', to: 'earliest' }).run('10s');
    const v = d.groupView('g');
    expect(v.duplicates).toBeGreaterThanOrEqual(first - 10);
    d.act({ type: 'group/add', group: { id: 'late', topic: 't', consumers: 1, autoOffsetReset: 'earliest' } });
    d.act({ type: 'producer/set-rate', producer: 't-producer', ratePerSec: 0 }).run('20s');
    expect(d.groupView('late').processed).toBe(2000);
    expect(d.groupView('late').duplicates).toBe(0);
  });

  it('resets to a time', () => {
    const d = sim().topic('t', 1).producer('t', 100).group('g', 1, { autoOffsetReset: 'earliest' }).run('20s');
    d.act({ type: 'group/reset-offsets', group: 'g', to: 'time', atMs: 10_000 });
    expect(d.groupView('g').committed[0]).toBe(1000);
  });

  it('only increases the partition count, and rebalances onto the new partitions', () => {
    const d = sim().topic('t', 2).producer('t', 100).group('g', 2).run('5s');
    expect(() => d.act({ type: 'topic/set-partitions', topic: 't', partitions: 2 })).toThrow(/only increase/);
    d.act({ type: 'topic/set-partitions', topic: 't', partitions: 4 }).run('5s');
    const owned = d.groupView('g').members.flatMap((m) => m.partitions).sort();
    expect(owned).toEqual([0, 1, 2, 3]);
    expect(d.view().topics[0]!.partitions[3]!.logEndOffset).toBeGreaterThan(0);
  });

  it('deletes old records by size retention, keeping offsets', () => {
    const d = sim().topic('t', 1, { retentionBytes: 10_000 }).producer('t', 100, undefined, { recordBytes: 100 }).run('10s');
    const p = d.view().topics[0]!.partitions[0]!;
    expect(p.logEndOffset).toBe(1000);
    expect(p.logStartOffset).toBeGreaterThanOrEqual(890);
    expect(p.logStartOffset).toBeLessThanOrEqual(900);
    expect(p.recent.length).toBe(64);
    expect(p.recent.at(-1)!.offset).toBe(999);
  });

  it('deletes old records by time retention', () => {
    const d = sim().topic('t', 1, { retentionMs: 5000 }).producer('t', 100).run('20s');
    const p = d.view().topics[0]!.partitions[0]!;
    expect(p.logStartOffset).toBeGreaterThanOrEqual(1400);
    expect(p.logStartOffset).toBeLessThanOrEqual(1600);
  });
});

describe('events and view', () => {
  it('names every event area/verb and stamps it with simulated time', () => {
    const d = sim().topic('t', 3).producer('t', 100).group('g', 2).withRecordEvents().run('8s');
    d.act({ type: 'broker/stop', broker: 1 }).act({ type: 'consumer/add', group: 'g' }).run('5s');
    expect(d.events.length).toBeGreaterThan(50);
    for (const e of d.events) {
      expect(e.type).toMatch(/^[a-z]+\/[a-z-]+$/);
      expect(e.atMs).toBeGreaterThanOrEqual(0);
      expect(e.atMs).toBeLessThanOrEqual(d.timeMs);
    }
  });

  it('snapshotView is detached from the state', () => {
    const d = sim().topic('t', 2).producer('t', 100).group('g', 1).run('5s');
    const v = snapshotView(d.state);
    const before = v.topics[0]!.partitions[0]!.logEndOffset;
    d.run('1s');
    expect(v.topics[0]!.partitions[0]!.logEndOffset).toBe(before);
    expect(snapshotView(d.state).topics[0]!.partitions[0]!.logEndOffset).toBeGreaterThan(before);
    expect(v.metrics.groups.g!.lagMax.t.length).toBe(5);
  });
});

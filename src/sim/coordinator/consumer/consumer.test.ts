/**
 * KIP-848 consumer groups in the simulator. Sources: KIP-848 ("The Next Generation of the Consumer
 * Rebalance Protocol"), Kafka's "Consumer Rebalance Protocol" operations page, and
 * GroupCoordinatorConfig (group.consumer.* defaults).
 */
import { describe, expect, it } from 'vitest';
import { applyAction } from '../../actions.ts';
import { validateConfig } from '../../config.ts';
import { createSimulation, stepSimulation } from '../../engine.ts';
import type { SimState } from '../../state.ts';
import { sim } from '../../testing/driver.ts';
import type { SimConfig, SimEvent } from '../../types.ts';
import { snapshotView } from '../../view.ts';
import { assignServerSide } from './assignors.ts';
import { CONSUMER_GROUP_DEFAULTS } from './config.ts';

function cfg(extra: Partial<SimConfig['groups'] extends (infer G)[] | undefined ? G : never> = {}): SimConfig {
  return {
    topics: [{ name: 'orders', partitions: 6 }],
    producers: [{ id: 'p', topic: 'orders', ratePerSec: 300 }],
    groups: [{ id: 'billing', topic: 'orders', consumers: 3, type: 'consumer', autoOffsetReset: 'earliest', ...extra }],
  };
}

function run(state: SimState, ms: number, events: SimEvent[] = []): SimEvent[] {
  const end = state.timeMs + ms;
  while (state.timeMs < end) events.push(...stepSimulation(state).events);
  return events;
}

/** every partition has at most one owner among the members still in the group */
function ownersAreExclusive(state: SimState): boolean {
  const g = state.groups[0]!;
  const seen = new Set<number>();
  for (const m of g.members) {
    if (!m.inGroup) continue;
    for (const p of m.owned) {
      if (seen.has(p)) return false;
      seen.add(p);
    }
  }
  return true;
}

describe('consumer group defaults (GroupCoordinatorConfig, Kafka 4.x)', () => {
  it('uniform assignor, group.consumer.session.timeout.ms 45000, group.consumer.heartbeat.interval.ms 5000, dynamic members', () => {
    // GroupCoordinatorConfig.CONSUMER_GROUP_SESSION_TIMEOUT_MS_DEFAULT = 45000,
    // CONSUMER_GROUP_HEARTBEAT_INTERVAL_MS_DEFAULT = 5000, group.consumer.assignors = [uniform, range]
    expect(CONSUMER_GROUP_DEFAULTS).toEqual({ assignor: 'uniform', sessionTimeoutMs: 45_000, heartbeatIntervalMs: 5_000, staticMembership: false });
    const r = validateConfig(cfg());
    expect(r.ok && r.config.groups[0]!.consumerGroup).toEqual(CONSUMER_GROUP_DEFAULTS);
  });

  it('refuses an unknown server-side assignor and a heartbeat interval not below the session timeout', () => {
    expect(validateConfig(cfg({ consumerGroup: { assignor: 'sticky' as never } })).ok).toBe(false);
    const r = validateConfig(cfg({ consumerGroup: { heartbeatIntervalMs: 45_000 } }));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.issues[0]!.message).toMatch(/group.consumer.heartbeat.interval.ms/);
  });

  it('classic-only settings are refused with a reason', () => {
    const s = createSimulation(cfg(), 1);
    expect(() => applyAction(s, { type: 'group/set-assignor', group: 'billing', assignor: 'cooperative-sticky' })).toThrow(/server-side assignor/);
  });
});

describe('server-side assignors (KIP-848: uniform, range)', () => {
  it('uniform balances and keeps partitions where they were', () => {
    const a = assignServerSide('uniform', ['a', 'b', 'c'], 6, {});
    expect(Object.values(a).map((x) => x.length)).toEqual([2, 2, 2]);
    const b = assignServerSide('uniform', ['a', 'b', 'c', 'd'], 6, a);
    // every member keeps what it can; only the new member's share moves
    let moved = 0;
    for (const id of ['a', 'b', 'c']) moved += a[id]!.filter((p) => !b[id]!.includes(p)).length;
    expect(moved).toBe(b['d']!.length);
    expect(Object.values(b).flat().sort()).toEqual([0, 1, 2, 3, 4, 5]);
  });

  it('range gives contiguous ranges, the first members one more', () => {
    expect(assignServerSide('range', ['b', 'a', 'c', 'd'], 6, {})).toEqual({ a: [0, 1], b: [2, 3], c: [4], d: [5] });
  });
});

describe('epochs and incremental reconciliation (KIP-848)', () => {
  it('a joining member bumps the group epoch; members reach the new epoch at their heartbeats', () => {
    const s = createSimulation(cfg(), 3);
    run(s, 10_000);
    expect(s.groups[0]!.kip848!.groupEpoch).toBe(1);
    const ev = applyAction(s, { type: 'consumer/add', group: 'billing' }).events;
    const bump = ev.find((e) => e.type === 'group/epoch-bumped');
    expect(bump && bump.type === 'group/epoch-bumped' && bump.groupEpoch).toBe(2);
    run(s, 12_000);
    const v = snapshotView(s).groups[0]!.consumerGroup!;
    expect(v.groupEpoch).toBe(2);
    expect(v.members.map((m) => m.memberEpoch)).toEqual([2, 2, 2, 2]);
    expect(v.members.every((m) => m.state === 'stable')).toBe(true);
  });

  it('a partition is revoked before another member gets it, and unaffected members never stop fetching', () => {
    const s = createSimulation(cfg(), 5);
    run(s, 10_000);
    const before = new Map(s.groups[0]!.members.map((m) => [m.id, [...m.owned]]));
    const events: SimEvent[] = [...applyAction(s, { type: 'consumer/add', group: 'billing' }).events];
    const end = s.timeMs + 15_000;
    while (s.timeMs < end) {
      events.push(...stepSimulation(s).events);
      expect(ownersAreExclusive(s)).toBe(true);
    }
    const revoked = events.filter((e) => e.type === 'consumer/revoked');
    const assigned = events.filter((e) => e.type === 'consumer/assigned' && e.member === 'billing-4');
    expect(revoked.length).toBeGreaterThan(0);
    expect(assigned.length).toBeGreaterThan(0);
    const moved = revoked.flatMap((e) => (e.type === 'consumer/revoked' ? e.partitions : []));
    for (const a of assigned) {
      if (a.type !== 'consumer/assigned') continue;
      for (const p of a.partitions) {
        const r = revoked.find((e) => e.type === 'consumer/revoked' && e.partitions.includes(p));
        expect(r && r.atMs <= a.atMs).toBe(true);
      }
    }
    // members whose partitions did not move kept every partition throughout: no global barrier
    for (const m of s.groups[0]!.members) {
      const had = before.get(m.id);
      if (!had) continue;
      const lost = had.filter((p) => moved.includes(p));
      expect(m.owned).toEqual(expect.arrayContaining(had.filter((p) => !lost.includes(p))));
    }
    expect(events.some((e) => e.type === 'group/rebalance-started')).toBe(false);
  });

  it('a released partition reaches its new owner at that member\'s next heartbeat (group.consumer.heartbeat.interval.ms)', () => {
    const s = createSimulation(cfg({ consumerGroup: { heartbeatIntervalMs: 2_000 } }), 7);
    run(s, 10_000);
    const joinAt = s.timeMs;
    const events = [...applyAction(s, { type: 'consumer/add', group: 'billing' }).events];
    run(s, 10_000, events);
    const got = events.find((e) => e.type === 'consumer/assigned' && e.member === 'billing-4');
    expect(got).toBeDefined();
    expect((got!.atMs - joinAt) % 2_000).toBe(0);
    expect(got!.atMs - joinAt).toBeGreaterThan(0);
  });

  it('a crashed member is fenced after group.consumer.session.timeout.ms (45 s), then its partitions move', () => {
    sim(11)
      .topic('orders', 6)
      .producer('orders', 100)
      .group('billing', 3, { type: 'consumer' })
      .run('5s')
      .act({ type: 'consumer/crash', group: 'billing', member: 'billing-1' })
      // its last heartbeat was at 0 s (one every 5 s): the session runs out at 45 s
      .run('39s')
      .expect((d) => d.state.groups[0]!.kip848!.groupEpoch === 1, 'no new epoch before the session timeout')
      .run('2s')
      .expect((d) => d.state.groups[0]!.kip848!.groupEpoch === 2, 'the fenced member bumps the epoch')
      .run('11s')
      .expect((d) => d.state.groups[0]!.members.filter((m) => !m.crashed).every((m) => m.owned.length === 3), 'two members own three partitions each');
  });

  it('max.poll.interval.ms stays on the client: a member hung on a poison record leaves, and the next owner hangs too', () => {
    const d = sim(13)
      .topic('orders', 2)
      .producer('orders', 20)
      .group('billing', 2, { type: 'consumer', autoOffsetReset: 'earliest', timeouts: { maxPollIntervalMs: 10_000 } })
      .run('3s')
      .act({ type: 'record/poison', topic: 'orders', partition: 0 })
      .run('40s');
    const left = d.eventsOf('consumer/left');
    expect(left.some((e) => e.reason === 'poll-timeout')).toBe(true);
    expect(d.eventsOf('consumer/stuck').length).toBeGreaterThanOrEqual(2);
  });
});

describe('static membership (group.instance.id)', () => {
  it('a static member that leaves keeps its partitions reserved; back within the session timeout it takes them back with no new epoch', () => {
    const s = createSimulation(cfg({ consumerGroup: { staticMembership: true } }), 17);
    run(s, 6_000);
    const m = s.groups[0]!.members[2]!;
    const had = [...m.owned];
    expect(m.instanceId).toBeTruthy();
    applyAction(s, { type: 'consumer/remove', group: 'billing', member: m.id });
    run(s, 20_000);
    expect(s.groups[0]!.kip848!.groupEpoch).toBe(1);
    expect(m.owned).toEqual(had);
    const ev = applyAction(s, { type: 'consumer/add', group: 'billing' }).events;
    expect(ev.some((e) => e.type === 'consumer/static-rejoined')).toBe(true);
    run(s, 6_000);
    expect(s.groups[0]!.kip848!.groupEpoch).toBe(1);
    expect(m.owned).toEqual(had);
    expect(snapshotView(s).groups[0]!.members.find((x) => x.id === m.id)!.status).toBe('active');
  });

  it('a static member that stays away past the session timeout is removed and its partitions move', () => {
    const s = createSimulation(cfg({ consumerGroup: { staticMembership: true } }), 19);
    run(s, 6_000);
    applyAction(s, { type: 'consumer/remove', group: 'billing' });
    run(s, 50_000);
    expect(s.groups[0]!.kip848!.groupEpoch).toBe(2);
    expect(s.groups[0]!.members).toHaveLength(2);
    expect(s.groups[0]!.members.flatMap((x) => x.owned).sort()).toEqual([0, 1, 2, 3, 4, 5]);
  });
});

describe('serialisation', () => {
  it('a consumer group survives JSON mid-reconciliation and continues identically', () => {
    const a = createSimulation(cfg(), 23);
    run(a, 10_000);
    applyAction(a, { type: 'consumer/add', group: 'billing' });
    run(a, 2_000);
    const b = JSON.parse(JSON.stringify(a)) as SimState;
    run(a, 20_000);
    run(b, 20_000);
    expect(JSON.stringify(b)).toEqual(JSON.stringify(a));
  });
});

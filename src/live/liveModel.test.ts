import { describe, expect, it } from 'vitest';
import type { ClassicGroupView, SimView } from '../sim/types.ts';
import { busiestTopic, describeLeaderChange, groupsFor, leaderChanges, leadersOf, memberLabel } from './liveModel';

function group(id: string, members: number, offsets: { topic: string; partition: number; lag: number | null }[]): ClassicGroupView {
  return {
    id,
    state: members ? 'Stable' : 'Empty',
    generation: 1,
    protocolType: 'consumer',
    protocolName: 'range',
    leader: null,
    members: Array.from({ length: members }, (_, i) => ({ id: `m${i}`, groupInstanceId: null, clientId: 'c', clientHost: '/127.0.0.1', subscribedTopics: [offsets[0]?.topic ?? 't'], protocols: ['range'], assigned: [], metadata: null, assignment: '' })),
    offsets: offsets.map((o) => ({ ...o, committed: 0, logEndOffset: 0, memberId: null })),
    rebalances: 0,
    downstreamSlowdown: 1,
  };
}

function view(leaders: Record<string, number[]>, produced: Record<string, number> = {}): SimView {
  return {
    timeMs: 0,
    tick: 0,
    brokers: [],
    groups: [],
    metrics: {} as SimView['metrics'],
    topics: Object.entries(leaders).map(([name, ls]) => ({
      name,
      produced: produced[name] ?? 0,
      failed: 0,
      partitions: ls.map((leader, id) => ({ topic: name, id, leader, replicas: [0, 1, 2], isr: [0, 1, 2], offline: leader < 0, logStartOffset: 0, logEndOffset: 0, recent: [] })),
    })),
  };
}

describe('live view model', () => {
  it('lists the groups of the picked topic only, active ones first, then by lag', () => {
    const old = group('old-empty', 0, [{ topic: 'orders', partition: 0, lag: 50 }]);
    const quiet = group('quiet', 1, [{ topic: 'orders', partition: 0, lag: 1 }]);
    const busy = group('busy', 2, [{ topic: 'orders', partition: 0, lag: 9 }]);
    const other = group('payments-g', 1, [{ topic: 'payments', partition: 0, lag: 100 }]);
    expect(groupsFor([old, quiet, busy, other], 'orders').map((g) => g.id)).toEqual(['busy', 'quiet', 'old-empty']);
    expect(groupsFor([old, quiet, busy, other], null).map((g) => g.id)).toEqual(['payments-g', 'busy', 'quiet', 'old-empty']);
  });

  it('labels a member by client id and a short id, stripping the client id Kafka puts in front', () => {
    expect(memberLabel('billing-1-3f2a9c4d-1111-2222', 'billing-1')).toBe('billing-1 · 3f2a9c');
    expect(memberLabel('196da633-aaaa-bbbb', 'e2e-live')).toBe('e2e-live · 196da6');
    expect(memberLabel('196da633-aaaa', undefined)).toBe('196da6');
  });

  it('finds leader changes between two snapshots and narrates them', () => {
    const before = leadersOf(view({ orders: [1, 2, 0] }));
    const after = leadersOf(view({ orders: [2, 2, -1], payments: [0] }));
    const changes = leaderChanges(before, after);
    expect(changes).toEqual([
      { topic: 'orders', partition: 0, from: 1, to: 2 },
      { topic: 'orders', partition: 2, from: 0, to: -1 },
    ]);
    expect(changes.map(describeLeaderChange)).toEqual(['orders P0 leader b1 → b2', 'orders P2 leader b0 → none (offline)']);
  });

  it('shows the busiest topic first', () => {
    expect(busiestTopic(view({ a: [0], b: [0] }, { a: 3, b: 7 }))).toBe('b');
    expect(busiestTopic(view({}))).toBeNull();
  });
});

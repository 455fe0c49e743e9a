import { describe, expect, it } from 'vitest';
import type { ClassicGroupView } from '../../sim/index.ts';
import { classicAsGroupView, describeTopic, rebalanceProtocolOf } from './project.ts';

// Unknown is not zero (issue #10 §2): kafka-consumer-groups (ConsumerGroupCommand) prints "-" for
// the LAG of a partition without a committed offset; a group total must not add it up as 0.

function group(offsets: ClassicGroupView['offsets']): ClassicGroupView {
  return {
    id: 'readers',
    state: 'Stable',
    generation: 1,
    protocolType: 'consumer',
    protocolName: 'range',
    leader: 'm-1',
    members: [{ id: 'm-1', groupInstanceId: null, clientId: 'c', clientHost: '/127.0.0.1', subscribedTopics: ['t'], protocols: ['range'], assigned: [{ topic: 't', partitions: [0, 1] }], metadata: null, assignment: '' }],
    offsets,
    rebalances: 1,
    downstreamSlowdown: 1,
  };
}

describe('live view: a classic group of real clients as the visualiser draws it', () => {
  it('a partition with readable records and no committed offset makes max and total lag unknown, not 0 (ConsumerGroupCommand prints "-")', () => {
    const g = group([
      { topic: 't', partition: 0, committed: 40, logEndOffset: 50, lag: 10, memberId: 'm-1' },
      { topic: 't', partition: 1, committed: null, logEndOffset: 900, lag: null, memberId: 'm-1' },
    ]);
    const v = classicAsGroupView(g, 't', 2, [50, 900]);
    expect(v.lag).toEqual([10, null]);
    expect(v.maxLag).toBeNull();
    expect(v.totalLag).toBeNull();
    expect(v.lagUnknown).toEqual([1]);
  });

  it('an empty partition without a commit has nothing unread: the totals are known', () => {
    const g = group([
      { topic: 't', partition: 0, committed: 40, logEndOffset: 50, lag: 10, memberId: 'm-1' },
      { topic: 't', partition: 1, committed: null, logEndOffset: 0, lag: null, memberId: 'm-1' },
    ]);
    const v = classicAsGroupView(g, 't', 2, [50, 0]);
    expect(v.maxLag).toBe(10);
    expect(v.totalLag).toBe(10);
    expect(v.lagUnknown).toEqual([]);
  });

  it('the screen-reader account says unknown rather than a total of 0', () => {
    const g = group([{ topic: 't', partition: 0, committed: null, logEndOffset: 7, lag: null, memberId: 'm-1' }]);
    const gv = classicAsGroupView(g, 't', 1, [7]);
    const text = describeTopic({
      brokers: [{ id: 0, up: true }],
      topics: [{ name: 't', partitions: [{ topic: 't', id: 0, leader: 0, replicas: [0], isr: [0], offline: false, logStartOffset: 0, logEndOffset: 7, highWatermark: 7, recent: [] }] }],
      groups: [gv],
    } as never);
    expect(text).toContain('total lag unknown');
    expect(text).not.toContain('total lag 0');
  });
});

// Issue #10 §1: a consumer takes the highest rebalance protocol every assignor in its own
// partition.assignment.strategy supports (ConsumerCoordinator, KIP-429; range, roundrobin and
// sticky are EAGER only). The coordinator choosing cooperative-sticky does not make it cooperative.
describe('live view: the rebalance protocol of a group of real clients follows each member\'s assignor list (KIP-429)', () => {
  const withLists = (...lists: string[][]): Pick<ClassicGroupView, 'members'> => ({
    members: lists.map((protocols, i) => ({ ...group([]).members[0]!, id: `m-${i}`, protocols })),
  });
  it('[range, cooperative-sticky] (the Java default since 3.0) is eager even when cooperative-sticky is chosen', () => {
    const g = { ...group([]), protocolName: 'cooperative-sticky', ...withLists(['cooperative-sticky', 'range'], ['cooperative-sticky', 'range']) };
    expect(rebalanceProtocolOf(g)).toBe('eager');
    expect(classicAsGroupView(g, 't', 2).protocol).toBe('eager');
  });
  it('[cooperative-sticky] alone on every member is cooperative', () => {
    const g = { ...group([]), protocolName: 'cooperative-sticky', ...withLists(['cooperative-sticky'], ['cooperative-sticky']) };
    expect(classicAsGroupView(g, 't', 2).protocol).toBe('cooperative');
  });
  it('one member still listing range keeps the whole group eager; KafkaJS\'s assigners and an empty group are eager', () => {
    expect(rebalanceProtocolOf(withLists(['cooperative-sticky'], ['range', 'cooperative-sticky']))).toBe('eager');
    expect(rebalanceProtocolOf(withLists(['RoundRobinAssigner']))).toBe('eager');
    expect(rebalanceProtocolOf(withLists())).toBe('eager');
  });
});

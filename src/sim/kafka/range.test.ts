import { describe, expect, it } from 'vitest';
import { assignPartitions, type MemberSubscription } from './index.ts';

// Ports of Kafka's RangeAssignorTest (the non-rack cases). Kafka's test compares each member's
// list as a set; ours also checks the order, which follows Kafka's HashMap order of topic names
// (for "topic1"/"topic2" that is name order).
const range = (topics: Record<string, number>, members: MemberSubscription[]) => assignPartitions('range', topics, members);
const sorted = (l: string[] | undefined) => [...(l ?? [])].sort();

describe('range assignor (RangeAssignorTest)', () => {
  it('testOneConsumerNoTopic', () => {
    expect(range({}, [{ id: 'consumer1', topics: [] }])).toEqual({ consumer1: [] });
  });

  it('testOneConsumerNonexistentTopic', () => {
    expect(range({}, [{ id: 'consumer1', topics: ['topic1'] }])).toEqual({ consumer1: [] });
  });

  it('testOneConsumerOneTopic', () => {
    expect(range({ topic1: 3 }, [{ id: 'consumer1', topics: ['topic1'] }])).toEqual({
      consumer1: ['topic1-0', 'topic1-1', 'topic1-2'],
    });
  });

  it('testOnlyAssignsPartitionsFromSubscribedTopics', () => {
    expect(range({ topic1: 3, other: 3 }, [{ id: 'consumer1', topics: ['topic1'] }])).toEqual({
      consumer1: ['topic1-0', 'topic1-1', 'topic1-2'],
    });
  });

  it('testOneConsumerMultipleTopics', () => {
    expect(range({ topic1: 1, topic2: 2 }, [{ id: 'consumer1', topics: ['topic1', 'topic2'] }])).toEqual({
      consumer1: ['topic1-0', 'topic2-0', 'topic2-1'],
    });
  });

  it('testTwoConsumersOneTopicOnePartition', () => {
    expect(
      range({ topic1: 1 }, [
        { id: 'consumer1', topics: ['topic1'] },
        { id: 'consumer2', topics: ['topic1'] },
      ]),
    ).toEqual({ consumer1: ['topic1-0'], consumer2: [] });
  });

  it('testTwoConsumersOneTopicTwoPartitions', () => {
    expect(
      range({ topic1: 2 }, [
        { id: 'consumer1', topics: ['topic1'] },
        { id: 'consumer2', topics: ['topic1'] },
      ]),
    ).toEqual({ consumer1: ['topic1-0'], consumer2: ['topic1-1'] });
  });

  it('testMultipleConsumersMixedTopics', () => {
    expect(
      range({ topic1: 3, topic2: 2 }, [
        { id: 'consumer1', topics: ['topic1'] },
        { id: 'consumer2', topics: ['topic1', 'topic2'] },
        { id: 'consumer3', topics: ['topic1'] },
      ]),
    ).toEqual({
      consumer1: ['topic1-0'],
      consumer2: ['topic1-1', 'topic2-0', 'topic2-1'],
      consumer3: ['topic1-2'],
    });
  });

  it('testTwoConsumersTwoTopicsSixPartitions', () => {
    expect(
      range({ topic1: 3, topic2: 3 }, [
        { id: 'consumer1', topics: ['topic1', 'topic2'] },
        { id: 'consumer2', topics: ['topic1', 'topic2'] },
      ]),
    ).toEqual({
      consumer1: ['topic1-0', 'topic1-1', 'topic2-0', 'topic2-1'],
      consumer2: ['topic1-2', 'topic2-2'],
    });
  });

  it('testTwoStaticConsumersTwoTopicsSixPartitions: ordered by group.instance.id, not member.id', () => {
    expect(
      range({ topic1: 3, topic2: 3 }, [
        { id: 'consumer-b', groupInstanceId: 'instance1', topics: ['topic1', 'topic2'] },
        { id: 'consumer-a', groupInstanceId: 'instance2', topics: ['topic1', 'topic2'] },
      ]),
    ).toEqual({
      'consumer-b': ['topic1-0', 'topic1-1', 'topic2-0', 'topic2-1'],
      'consumer-a': ['topic1-2', 'topic2-2'],
    });
  });

  it('testOneStaticConsumerAndOneDynamicConsumerTwoTopicsSixPartitions: static members come first', () => {
    expect(
      range({ topic1: 3, topic2: 3 }, [
        { id: 'consumer-b', groupInstanceId: 'instance1', topics: ['topic1', 'topic2'] },
        { id: 'consumer-a', topics: ['topic1', 'topic2'] },
      ]),
    ).toEqual({
      'consumer-b': ['topic1-0', 'topic1-1', 'topic2-0', 'topic2-1'],
      'consumer-a': ['topic1-2', 'topic2-2'],
    });
  });

  it('testStaticMemberRangeAssignmentPersistent', () => {
    const statics: MemberSubscription[] = [1, 2, 3].map((i) => ({
      id: `consumer${i}`,
      groupInstanceId: `instance${i}`,
      topics: ['topic1', 'topic2'],
    }));
    const expected = {
      consumer1: ['topic1-0', 'topic1-1', 'topic2-0'],
      consumer2: ['topic1-2', 'topic2-1'],
      consumer3: ['topic1-3', 'topic2-2'],
    };
    const first = range({ topic1: 5, topic2: 4 }, [...statics, { id: 'consumer4', topics: ['topic1', 'topic2'] }]);
    expect(first).toEqual({ ...expected, consumer4: ['topic1-4', 'topic2-3'] });
    // replace dynamic member 4 with a new dynamic member 5
    const second = range({ topic1: 5, topic2: 4 }, [...statics, { id: 'consumer5', topics: ['topic1', 'topic2'] }]);
    expect(second).toEqual({ ...expected, consumer5: ['topic1-4', 'topic2-3'] });
  });

  it('testStaticMemberRangeAssignmentPersistentAfterMemberIdChanges', () => {
    const byInstance = (members: MemberSubscription[]) => {
      const result = range({ topic1: 5, topic2: 5 }, members);
      return Object.fromEntries(members.map((m) => [m.groupInstanceId!, result[m.id]]));
    };
    const before = byInstance([
      { id: 'consumer1', groupInstanceId: 'instance1', topics: ['topic1', 'topic2'] },
      { id: 'consumer2', groupInstanceId: 'instance2', topics: ['topic1', 'topic2'] },
      { id: 'consumer3', groupInstanceId: 'instance3', topics: ['topic1', 'topic2'] },
    ]);
    expect(before).toEqual({
      instance1: ['topic1-0', 'topic1-1', 'topic2-0', 'topic2-1'],
      instance2: ['topic1-2', 'topic1-3', 'topic2-2', 'topic2-3'],
      instance3: ['topic1-4', 'topic2-4'],
    });
    // member ids change (consumer3 -> consumer4, consumer2 -> consumer5); instance ids persist
    const after = byInstance([
      { id: 'consumer1', groupInstanceId: 'instance1', topics: ['topic1', 'topic2'] },
      { id: 'consumer5', groupInstanceId: 'instance2', topics: ['topic1', 'topic2'] },
      { id: 'consumer4', groupInstanceId: 'instance3', topics: ['topic1', 'topic2'] },
    ]);
    expect(after).toEqual(before);
  });

  it('without static membership, a member.id change reshuffles ranges (RangeAssignor javadoc)', () => {
    const members = (a: string, b: string): MemberSubscription[] => [
      { id: a, topics: ['t0', 't1'] },
      { id: b, topics: ['t0', 't1'] },
    ];
    expect(range({ t0: 3, t1: 3 }, members('C0', 'C1'))).toEqual({ C0: ['t0-0', 't0-1', 't1-0', 't1-1'], C1: ['t0-2', 't1-2'] });
    // after a rolling bounce C0 comes back as C3 and C1 as C2: the larger share moves
    expect(range({ t0: 3, t1: 3 }, members('C3', 'C2'))).toEqual({ C2: ['t0-0', 't0-1', 't1-0', 't1-1'], C3: ['t0-2', 't1-2'] });
  });

  it('sorts member ids by UTF-16 code units like Java, not by locale', () => {
    const result = range({ t: 2 }, [
      { id: 'b', topics: ['t'] },
      { id: 'B', topics: ['t'] },
    ]);
    expect(result).toEqual({ B: ['t-0'], b: ['t-1'] });
  });

  it('ignores the order of members and topics in the input', () => {
    const a = range({ x: 4, y: 5 }, [
      { id: 'm1', topics: ['x', 'y'] },
      { id: 'm2', topics: ['y'] },
      { id: 'm3', topics: ['x'] },
    ]);
    const b = range({ y: 5, x: 4 }, [
      { id: 'm3', topics: ['x'] },
      { id: 'm2', topics: ['y'] },
      { id: 'm1', topics: ['y', 'x'] },
    ]);
    expect(a).toEqual(b);
    expect(sorted(a.m1)).toEqual(['x-0', 'x-1', 'y-0', 'y-1', 'y-2']);
  });
});

describe('range/roundrobin member order ties', () => {
  it.each(['range', 'roundrobin'] as const)('%s: equal group.instance.ids keep Java HashMap order of member ids', (strategy) => {
    // a broker never allows this, but the order must still be Kafka's: 'a' iterates before 'b'
    const members: MemberSubscription[] = [
      { id: 'b', groupInstanceId: 'same', topics: ['t'] },
      { id: 'a', groupInstanceId: 'same', topics: ['t'] },
    ];
    expect(assignPartitions(strategy, { t: 2 }, members)).toEqual({ a: ['t-0'], b: ['t-1'] });
  });
});

describe('result object', () => {
  it.each(['range', 'roundrobin', 'sticky', 'cooperative-sticky'] as const)('%s: any member id is an own key, even "__proto__"', (strategy) => {
    const result = assignPartitions(strategy, { t: 2 }, [
      { id: '__proto__', topics: ['t'] },
      { id: 'constructor', topics: ['t'] },
    ]);
    expect(Object.keys(result).sort()).toEqual(['__proto__', 'constructor']);
    expect([...result['__proto__']!, ...result['constructor']!].sort()).toEqual(['t-0', 't-1']);
  });

  it('rejects duplicate member ids', () => {
    const dup = [
      { id: 'm', topics: ['t'] },
      { id: 'm', topics: ['t'] },
    ];
    for (const s of ['range', 'roundrobin', 'sticky', 'cooperative-sticky'] as const) {
      expect(() => assignPartitions(s, { t: 1 }, dup)).toThrow(/duplicate/);
    }
  });
});

import { describe, expect, it } from 'vitest';
import { assignPartitions, type MemberSubscription } from './index.ts';

// Ports of Kafka's RoundRobinAssignorTest. Kafka asserts the exact lists, including order.
const rr = (topics: Record<string, number>, members: MemberSubscription[]) => assignPartitions('roundrobin', topics, members);

describe('roundrobin assignor (RoundRobinAssignorTest)', () => {
  it('testOneConsumerNoTopic', () => {
    expect(rr({}, [{ id: 'consumer', topics: [] }])).toEqual({ consumer: [] });
  });

  it('testOneConsumerNonexistentTopic', () => {
    expect(rr({}, [{ id: 'consumer', topics: ['topic'] }])).toEqual({ consumer: [] });
  });

  it('testOneConsumerOneTopic', () => {
    expect(rr({ topic: 3 }, [{ id: 'consumer', topics: ['topic'] }])).toEqual({ consumer: ['topic-0', 'topic-1', 'topic-2'] });
  });

  it('testOnlyAssignsPartitionsFromSubscribedTopics', () => {
    expect(rr({ topic: 3, other: 3 }, [{ id: 'consumer', topics: ['topic'] }])).toEqual({
      consumer: ['topic-0', 'topic-1', 'topic-2'],
    });
  });

  it('testOneConsumerMultipleTopics', () => {
    expect(rr({ topic1: 1, topic2: 2 }, [{ id: 'consumer', topics: ['topic1', 'topic2'] }])).toEqual({
      consumer: ['topic1-0', 'topic2-0', 'topic2-1'],
    });
  });

  it('testTwoConsumersOneTopicOnePartition', () => {
    expect(
      rr({ topic: 1 }, [
        { id: 'consumer1', topics: ['topic'] },
        { id: 'consumer2', topics: ['topic'] },
      ]),
    ).toEqual({ consumer1: ['topic-0'], consumer2: [] });
  });

  it('testTwoConsumersOneTopicTwoPartitions', () => {
    expect(
      rr({ topic: 2 }, [
        { id: 'consumer1', topics: ['topic'] },
        { id: 'consumer2', topics: ['topic'] },
      ]),
    ).toEqual({ consumer1: ['topic-0'], consumer2: ['topic-1'] });
  });

  it('testMultipleConsumersMixedTopics', () => {
    expect(
      rr({ topic1: 3, topic2: 2 }, [
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

  it('testTwoDynamicConsumersTwoTopicsSixPartitions', () => {
    expect(
      rr({ topic1: 3, topic2: 3 }, [
        { id: 'consumer1', topics: ['topic1', 'topic2'] },
        { id: 'consumer2', topics: ['topic1', 'topic2'] },
      ]),
    ).toEqual({
      consumer1: ['topic1-0', 'topic1-2', 'topic2-1'],
      consumer2: ['topic1-1', 'topic2-0', 'topic2-2'],
    });
  });

  it('testTwoStaticConsumersTwoTopicsSixPartitions', () => {
    expect(
      rr({ topic1: 3, topic2: 3 }, [
        { id: 'consumer-b', groupInstanceId: 'instance1', topics: ['topic1', 'topic2'] },
        { id: 'consumer-a', groupInstanceId: 'instance2', topics: ['topic1', 'topic2'] },
      ]),
    ).toEqual({
      'consumer-b': ['topic1-0', 'topic1-2', 'topic2-1'],
      'consumer-a': ['topic1-1', 'topic2-0', 'topic2-2'],
    });
  });

  it('testOneStaticConsumerAndOneDynamicConsumerTwoTopicsSixPartitions', () => {
    expect(
      rr({ topic1: 3, topic2: 3 }, [
        { id: 'consumer-b', groupInstanceId: 'instance1', topics: ['topic1', 'topic2'] },
        { id: 'consumer-a', topics: ['topic1', 'topic2'] },
      ]),
    ).toEqual({
      'consumer-b': ['topic1-0', 'topic1-2', 'topic2-1'],
      'consumer-a': ['topic1-1', 'topic2-0', 'topic2-2'],
    });
  });

  it('testStaticMemberRoundRobinAssignmentPersistent', () => {
    const statics: MemberSubscription[] = [1, 2, 3].map((i) => ({
      id: `consumer${i}`,
      groupInstanceId: `instance${i}`,
      topics: ['topic1', 'topic2'],
    }));
    const expected = {
      consumer1: ['topic1-0', 'topic2-1'],
      consumer2: ['topic1-1', 'topic2-2'],
      consumer3: ['topic1-2'],
    };
    expect(rr({ topic1: 3, topic2: 3 }, [...statics, { id: 'consumer4', topics: ['topic1', 'topic2'] }])).toEqual({
      ...expected,
      consumer4: ['topic2-0'],
    });
    expect(rr({ topic1: 3, topic2: 3 }, [...statics, { id: 'consumer5', topics: ['topic1', 'topic2'] }])).toEqual({
      ...expected,
      consumer5: ['topic2-0'],
    });
  });

  it('testStaticMemberRoundRobinAssignmentPersistentAfterMemberIdChanges', () => {
    const byInstance = (members: MemberSubscription[]) => {
      const result = rr({ topic1: 5, topic2: 5 }, members);
      return Object.fromEntries(members.map((m) => [m.groupInstanceId!, result[m.id]]));
    };
    const before = byInstance([
      { id: 'consumer1', groupInstanceId: 'instance1', topics: ['topic1', 'topic2'] },
      { id: 'consumer2', groupInstanceId: 'instance2', topics: ['topic1', 'topic2'] },
      { id: 'consumer3', groupInstanceId: 'instance3', topics: ['topic1', 'topic2'] },
    ]);
    expect(before).toEqual({
      instance1: ['topic1-0', 'topic1-3', 'topic2-1', 'topic2-4'],
      instance2: ['topic1-1', 'topic1-4', 'topic2-2'],
      instance3: ['topic1-2', 'topic2-0', 'topic2-3'],
    });
    const after = byInstance([
      { id: 'consumer1', groupInstanceId: 'instance1', topics: ['topic1', 'topic2'] },
      { id: 'consumer5', groupInstanceId: 'instance2', topics: ['topic1', 'topic2'] },
      { id: 'consumer4', groupInstanceId: 'instance3', topics: ['topic1', 'topic2'] },
    ]);
    expect(after).toEqual(before);
  });

  it('skips members not subscribed to a topic but keeps the circle going', () => {
    // sorted partitions a-0 a-1 b-0 b-1 b-2; circle m1(a,b) m2(b) m3(a):
    // a-0 m1, a-1 skips m2 -> m3, b-0 m1, b-1 m2, b-2 skips m3 -> m1
    expect(
      rr({ a: 2, b: 3 }, [
        { id: 'm2', topics: ['b'] },
        { id: 'm1', topics: ['a', 'b'] },
        { id: 'm3', topics: ['a'] },
      ]),
    ).toEqual({ m1: ['a-0', 'b-0', 'b-2'], m2: ['b-1'], m3: ['a-1'] });
  });
});

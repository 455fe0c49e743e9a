import { describe, expect, it } from 'vitest';
import { assignPartitions, type MemberSubscription } from './index.ts';
import { stickyAssignWithTransfers } from './sticky.ts';
import { asSet, isFullyBalanced, member, settle, verifyValidityAndBalance, type StickyName } from './stickyTestKit.ts';

// Ports of Kafka's AbstractStickyAssignorTest (run for both StickyAssignor and
// CooperativeStickyAssignor, as Kafka does), without the rack-aware variants. As in Kafka's
// cooperative test class, the cooperative assignment is first checked for "nothing revoked and
// reassigned at once" and then driven through its follow-up rebalances (settle) before the
// final assertions.

const generationId = 1;

/** partitionsTransferringOwnership as Kafka's assignor exposes it (null in the general case). */
function transfers(topics: Record<string, number>, members: MemberSubscription[], general: boolean) {
  const t = Object.fromEntries(stickyAssignWithTransfers(topics, members, false).transferring);
  return general ? null : t;
}

describe.each<StickyName>(['sticky', 'cooperative-sticky'])('%s assignor (AbstractStickyAssignorTest)', (strategy) => {
  const assign = (topics: Record<string, number>, members: MemberSubscription[]) => assignPartitions(strategy, topics, members);

  it('testOneConsumerNoTopic', () => {
    const members = [member('consumer', [])];
    const a = assign({}, members);
    expect(a).toEqual({ consumer: [] });
    expect(isFullyBalanced(a)).toBe(true);
  });

  it('testOneConsumerNonexistentTopic', () => {
    const a = assign({ topic: 0 }, [member('consumer', ['topic'])]);
    expect(a).toEqual({ consumer: [] });
  });

  it('testOneConsumerOneTopic', () => {
    const a = assign({ topic: 3 }, [member('consumer', ['topic'])]);
    expect(a).toEqual({ consumer: ['topic-0', 'topic-1', 'topic-2'] });
  });

  it('testOnlyAssignsPartitionsFromSubscribedTopics', () => {
    const a = assign({ topic: 3, other: 3 }, [member('consumer', ['topic'])]);
    expect(a).toEqual({ consumer: ['topic-0', 'topic-1', 'topic-2'] });
  });

  it('testOneConsumerMultipleTopics', () => {
    const a = assign({ topic1: 1, topic2: 2 }, [member('consumer', ['topic1', 'topic2'])]);
    expect(a).toEqual({ consumer: ['topic1-0', 'topic2-0', 'topic2-1'] });
  });

  it('testTwoConsumersOneTopicOnePartition', () => {
    const members = [member('consumer1', ['topic']), member('consumer2', ['topic'])];
    const a = assign({ topic: 1 }, members);
    expect(transfers({ topic: 1 }, members, false)).toEqual({});
    settle(strategy, { topic: 1 }, members, a);
    expect(isFullyBalanced(a)).toBe(true);
    expect([...a.consumer1!, ...a.consumer2!]).toEqual(['topic-0']);
  });

  it('testTwoConsumersOneTopicTwoPartitions', () => {
    const members = [member('consumer1', ['topic']), member('consumer2', ['topic'])];
    const a = assign({ topic: 2 }, members);
    expect(a).toEqual({ consumer1: ['topic-0'], consumer2: ['topic-1'] });
    expect(transfers({ topic: 2 }, members, false)).toEqual({});
  });

  it('testMultipleConsumersMixedTopicSubscriptions', () => {
    const topics = { topic1: 3, topic2: 2 };
    const members = [member('consumer1', ['topic1']), member('consumer2', ['topic1', 'topic2']), member('consumer3', ['topic1'])];
    const a = assign(topics, members);
    expect(a).toEqual({
      consumer1: ['topic1-0', 'topic1-2'],
      consumer2: ['topic2-0', 'topic2-1'],
      consumer3: ['topic1-1'],
    });
    expect(transfers(topics, members, true)).toBeNull();
    settle(strategy, topics, members, a);
  });

  it('testTwoConsumersTwoTopicsSixPartitions', () => {
    const topics = { topic1: 3, topic2: 3 };
    const members = [member('consumer1', ['topic1', 'topic2']), member('consumer2', ['topic1', 'topic2'])];
    const a = assign(topics, members);
    expect(a).toEqual({
      consumer1: ['topic1-0', 'topic1-2', 'topic2-1'],
      consumer2: ['topic1-1', 'topic2-0', 'topic2-2'],
    });
    expect(transfers(topics, members, false)).toEqual({});
  });

  it('testConsumerOwningMinQuotaExpectedMaxQuota', () => {
    const topics = { topic1: 2, topic2: 3 };
    const all = ['topic1', 'topic2'];
    const members = [
      member('consumer1', all, ['topic1-0', 'topic2-1'], generationId),
      member('consumer2', all, ['topic1-1', 'topic2-2'], generationId),
    ];
    const a = assign(topics, members);
    expect(a).toEqual({
      consumer1: ['topic1-0', 'topic2-1', 'topic2-0'],
      consumer2: ['topic1-1', 'topic2-2'],
    });
    expect(transfers(topics, members, false)).toEqual({});
    settle(strategy, topics, members, a);
  });

  it('testMaxQuotaConsumerMoreThanNumExpectedMaxCapacityMembers (outcome fixed by Java HashMap order)', () => {
    const topics = { topic1: 2, topic2: 2 };
    const all = ['topic1', 'topic2'];
    const members = [
      member('consumer1', all, ['topic1-0', 'topic2-0'], generationId),
      member('consumer2', all, ['topic1-1', 'topic2-1'], generationId),
      member('consumer3', all, [], generationId),
    ];
    expect(transfers(topics, members, false)).toEqual({ 'topic2-0': 'consumer3' });
    const first = assign(topics, members);
    if (strategy === 'cooperative-sticky') {
      // withheld: consumer1 must revoke topic2-0 before consumer3 may have it
      expect(first).toEqual({ consumer1: ['topic1-0'], consumer2: ['topic1-1', 'topic2-1'], consumer3: [] });
    }
    const { assignment: a } = settle(strategy, topics, members, first);
    expect(a).toEqual({ consumer1: ['topic1-0'], consumer2: ['topic1-1', 'topic2-1'], consumer3: ['topic2-0'] });
    expect(isFullyBalanced(a)).toBe(true);
  });

  it('testAllConsumersAreUnderMinQuota', () => {
    const topics = { topic1: 2, topic2: 3 };
    const all = ['topic1', 'topic2'];
    const members = [
      member('consumer1', all, ['topic1-0'], generationId),
      member('consumer2', all, ['topic1-1'], generationId),
      member('consumer3', all, [], generationId),
    ];
    expect(transfers(topics, members, false)).toEqual({});
    const { assignment: a } = settle(strategy, topics, members, assign(topics, members));
    expect(a).toEqual({
      consumer1: ['topic1-0', 'topic2-1'],
      consumer2: ['topic1-1', 'topic2-2'],
      consumer3: ['topic2-0'],
    });
  });

  it('testAddRemoveConsumerOneTopic', () => {
    const topics = { topic: 3 };
    let a = assign(topics, [member('consumer1', ['topic'])]);
    expect(a.consumer1).toEqual(['topic-0', 'topic-1', 'topic-2']);

    let members = [member('consumer1', ['topic'], a.consumer1, generationId), member('consumer2', ['topic'], [], generationId)];
    expect(transfers(topics, members, false)).toEqual({ 'topic-2': 'consumer2' });
    ({ assignment: a } = settle(strategy, topics, members, assign(topics, members)));
    expect(a).toEqual({ consumer1: ['topic-0', 'topic-1'], consumer2: ['topic-2'] });

    members = [member('consumer2', ['topic'], a.consumer2, generationId)];
    expect(transfers(topics, members, false)).toEqual({});
    a = assign(topics, members);
    expect(asSet(a.consumer2)).toEqual(asSet(['topic-2', 'topic-1', 'topic-0']));
    settle(strategy, topics, members, a);
  });

  it('testTopicBalanceAfterReassignment', () => {
    const topics = { topic1: 12, topic2: 12 };
    const all = ['topic1', 'topic2'];
    const perTopic = (a: Record<string, string[]>, topic: string, n: number) => {
      for (const list of Object.values(a)) expect(list.filter((tp) => tp.startsWith(`${topic}-`)).length).toBe(n);
    };
    let members = [member('consumer1', all)];
    let { assignment: a } = settle(strategy, topics, members, assign(topics, members));
    perTopic(a, 'topic1', 12);
    perTopic(a, 'topic2', 12);

    members = [member('consumer1', all, a.consumer1, generationId), member('consumer2', all, [], generationId)];
    ({ assignment: a } = settle(strategy, topics, members, assign(topics, members)));
    perTopic(a, 'topic1', 6);
    perTopic(a, 'topic2', 6);

    members = [
      member('consumer1', all, a.consumer1, generationId),
      member('consumer2', all, a.consumer2, generationId),
      member('consumer3', all, [], generationId),
      member('consumer4', all, [], generationId),
    ];
    ({ assignment: a } = settle(strategy, topics, members, assign(topics, members)));
    perTopic(a, 'topic1', 3);
    perTopic(a, 'topic2', 3);

    members = [member('consumer3', all, a.consumer3, generationId), member('consumer4', all, a.consumer4, generationId)];
    expect(transfers(topics, members, false)).toEqual({});
    ({ assignment: a } = settle(strategy, topics, members, assign(topics, members)));
    perTopic(a, 'topic1', 6);
    perTopic(a, 'topic2', 6);
    expect(isFullyBalanced(a)).toBe(true);
  });

  it('testAddRemoveTwoConsumersTwoTopics', () => {
    const topics = { topic1: 3, topic2: 4 };
    const all = ['topic1', 'topic2'];
    let members = [member('consumer1', all), member('consumer2', all)];
    let a = assign(topics, members);
    expect(a).toEqual({
      consumer1: ['topic1-0', 'topic1-2', 'topic2-1', 'topic2-3'],
      consumer2: ['topic1-1', 'topic2-0', 'topic2-2'],
    });

    members = [
      member('consumer1', all, a.consumer1, generationId),
      member('consumer2', all, a.consumer2, generationId),
      member('consumer3', all, [], generationId),
      member('consumer4', all, [], generationId),
    ];
    expect(transfers(topics, members, false)).toEqual({
      'topic1-2': 'consumer3',
      'topic2-3': 'consumer3',
      'topic2-2': 'consumer4',
    });
    ({ assignment: a } = settle(strategy, topics, members, assign(topics, members)));
    expect(a).toEqual({
      consumer1: ['topic1-0', 'topic2-1'],
      consumer2: ['topic2-0', 'topic1-1'],
      consumer3: ['topic1-2', 'topic2-3'],
      consumer4: ['topic2-2'],
    });

    members = [member('consumer3', all, a.consumer3, generationId), member('consumer4', all, a.consumer4, generationId)];
    expect(transfers(topics, members, false)).toEqual({});
    a = assign(topics, members);
    expect(a).toEqual({
      consumer3: ['topic1-2', 'topic2-3', 'topic1-0', 'topic2-1'],
      consumer4: ['topic2-2', 'topic1-1', 'topic2-0'],
    });
    settle(strategy, topics, members, a);
  });

  it('testPoorRoundRobinAssignmentScenario', () => {
    const topics = { topic1: 2, topic2: 1, topic3: 2, topic4: 1, topic5: 2 };
    const members = [
      member('consumer1', ['topic1', 'topic2', 'topic3', 'topic4', 'topic5']),
      member('consumer2', ['topic1', 'topic3', 'topic5']),
      member('consumer3', ['topic1', 'topic3', 'topic5']),
      member('consumer4', ['topic1', 'topic2', 'topic3', 'topic4', 'topic5']),
    ];
    const { assignment: a } = settle(strategy, topics, members, assign(topics, members));
    expect(isFullyBalanced(a)).toBe(true);
  });

  it('testAddRemoveTopicTwoConsumers', () => {
    let topics: Record<string, number> = { topic: 3 };
    let members = [member('consumer1', ['topic']), member('consumer2', ['topic'])];
    let a = assign(topics, members);
    expect(isFullyBalanced(a)).toBe(true);
    const first1 = a.consumer1!;
    const first2 = a.consumer2!;
    expect([first1.length, first2.length].sort()).toEqual([1, 2]);

    topics = { topic: 3, topic2: 3 };
    members = [
      member('consumer1', ['topic', 'topic2'], first1, generationId),
      member('consumer2', ['topic', 'topic2'], first2, generationId),
    ];
    expect(transfers(topics, members, false)).toEqual({});
    ({ assignment: a } = settle(strategy, topics, members, assign(topics, members)));
    const second1 = a.consumer1!;
    const second2 = a.consumer2!;
    expect([second1.length, second2.length]).toEqual([3, 3]);
    expect(second1).toEqual(expect.arrayContaining(first1));
    expect(second2).toEqual(expect.arrayContaining(first2));

    topics = { topic2: 3 };
    members = [member('consumer1', ['topic2'], second1, generationId), member('consumer2', ['topic2'], second2, generationId)];
    expect(transfers(topics, members, false)).toEqual({});
    ({ assignment: a } = settle(strategy, topics, members, assign(topics, members)));
    expect([a.consumer1!.length, a.consumer2!.length].sort()).toEqual([1, 2]);
    expect(second1).toEqual(expect.arrayContaining(a.consumer1!));
    expect(second2).toEqual(expect.arrayContaining(a.consumer2!));
  });

  const pad = (prefix: string, i: number, max: number) => prefix + String(i).padStart(String(max).length, '0');

  it('testReassignmentAfterOneConsumerLeaves', () => {
    const topics: Record<string, number> = {};
    for (let i = 1; i < 20; i++) topics[pad('t', i, 20)] = i;
    let members: MemberSubscription[] = [];
    for (let i = 1; i < 20; i++) {
      const subscribed: string[] = [];
      for (let j = 1; j <= i; j++) subscribed.push(pad('t', j, 20));
      members.push(member(pad('c', i, 20), subscribed));
    }
    const first = settle(strategy, topics, members, assign(topics, members));
    members = first.members
      .map((m) => member(m.id, m.topics, first.assignment[m.id], generationId))
      .filter((m) => m.id !== 'c10');
    const { assignment: a } = settle(strategy, topics, members, assign(topics, members));
    // every partition whose owner stayed and still subscribes is kept (stickiness)
    for (const m of members) for (const tp of m.ownedPartitions!) expect(a[m.id]).toContain(tp);
  });

  it('testReassignmentAfterOneConsumerAdded', () => {
    const topics = { topic: 20 };
    const members: MemberSubscription[] = [];
    for (let i = 1; i < 10; i++) members.push(member(pad('c', i, 10), ['topic']));
    expect(transfers(topics, members, false)).toEqual({});
    settle(strategy, topics, members, assign(topics, members));
    members.push(member(pad('c', 10, 10), ['topic']));
    expect(transfers(topics, members, false)).toEqual({});
    settle(strategy, topics, members, assign(topics, members));
  });

  it('testSameSubscriptions', () => {
    const topics: Record<string, number> = {};
    for (let i = 1; i < 15; i++) topics[pad('t', i, 15)] = i;
    const all = Object.keys(topics);
    let members: MemberSubscription[] = [];
    for (let i = 1; i < 9; i++) members.push(member(pad('c', i, 9), all));
    expect(transfers(topics, members, false)).toEqual({});
    const first = settle(strategy, topics, members, assign(topics, members));
    members = members.map((m) => member(m.id, all, first.assignment[m.id], generationId)).filter((m) => m.id !== 'c5');
    expect(transfers(topics, members, false)).toEqual({});
    settle(strategy, topics, members, assign(topics, members));
  });

  it('testSubscriptionNotEqualAndAssignSamePartitionWith3Generation', () => {
    const topics = { topic: 6, topic1: 1 };
    for (const [g1, g2, g3] of [
      [1, 2, 3],
      [1, 3, 2],
      [2, 1, 3],
      [2, 3, 1],
      [3, 1, 2],
      [3, 2, 1],
    ] as const) {
      const a = assign(topics, [
        member('consumer1', ['topic'], ['topic-0', 'topic-2'], g1),
        member('consumer2', ['topic'], ['topic-1', 'topic-2', 'topic-3'], g2),
        member('consumer3', ['topic'], ['topic-2', 'topic-4', 'topic-5'], g3),
        member('consumer4', ['topic1'], ['topic1-0'], 2),
      ]);
      const all = Object.values(a).flat();
      expect(new Set(all).size).toBe(all.length);
      if (strategy === 'sticky') for (const list of Object.values(a)) expect(list.length === 1 || list.length === 2).toBe(true);
    }
  });

  it('testMoveExistingAssignments', () => {
    const topics = { topic1: 1, topic2: 1, topic3: 1, topic4: 1, topic5: 1, topic6: 1 };
    const members = [
      member('consumer1', ['topic1', 'topic2'], ['topic1-0'], generationId),
      member('consumer2', ['topic1', 'topic2', 'topic3', 'topic4'], ['topic2-0', 'topic3-0'], generationId),
      member('consumer3', ['topic2', 'topic3', 'topic4', 'topic5', 'topic6'], ['topic4-0', 'topic5-0', 'topic6-0'], generationId),
    ];
    expect(transfers(topics, members, true)).toBeNull();
    settle(strategy, topics, members, assign(topics, members));
  });

  it('testStickiness', () => {
    const topics = { topic1: 3 };
    let members = ['consumer1', 'consumer2', 'consumer3', 'consumer4'].map((id) => member(id, ['topic1']));
    expect(transfers(topics, members, false)).toEqual({});
    let { assignment: a } = settle(strategy, topics, members, assign(topics, members));
    for (const list of Object.values(a)) expect(list.length).toBeLessThanOrEqual(1);
    const before = { ...a };

    // removing the potential group leader
    members = ['consumer2', 'consumer3', 'consumer4'].map((id) => member(id, ['topic1'], a[id], generationId));
    expect(transfers(topics, members, false)).toEqual({});
    ({ assignment: a } = settle(strategy, topics, members, assign(topics, members)));
    for (const m of members) {
      expect(a[m.id]!.length).toBe(1);
      if (before[m.id]!.length === 1) expect(a[m.id]).toContain(before[m.id]![0]);
    }
  });

  it('testAssignmentUpdatedForDeletedTopic', () => {
    const topics = { topic1: 1, topic3: 100 };
    const a = assign(topics, [member('consumer', ['topic1', 'topic2', 'topic3'])]);
    expect(Object.keys(a)).toEqual(['consumer']);
    expect(a.consumer!.length).toBe(101);
  });

  it('testNoExceptionThrownWhenOnlySubscribedTopicDeleted', () => {
    const first = assign({ topic: 3 }, [member('consumer', ['topic'])]);
    const a = assign({}, [member('consumer', ['topic'], first.consumer, generationId)]);
    expect(a).toEqual({ consumer: [] });
  });

  it('testAllConsumersReachExpectedQuotaAndAreConsideredFilled', () => {
    const topics = { topic: 4 };
    const members = [
      member('consumer1', ['topic'], ['topic-0', 'topic-1'], generationId),
      member('consumer2', ['topic'], ['topic-2'], generationId),
      member('consumer3', ['topic'], [], generationId),
    ];
    const a = assign(topics, members);
    expect(a).toEqual({ consumer1: ['topic-0', 'topic-1'], consumer2: ['topic-2'], consumer3: ['topic-3'] });
    expect(transfers(topics, members, false)).toEqual({});
    settle(strategy, topics, members, a);
  });

  it('testOwnedPartitionsAreInvalidatedForConsumerWithStaleGeneration', () => {
    const topics = { topic: 3, topic2: 3 };
    const all = ['topic', 'topic2'];
    const members = [
      member('consumer1', all, ['topic-0', 'topic-2', 'topic2-1'], 10),
      member('consumer2', all, ['topic-0', 'topic-2', 'topic2-1'], 9),
    ];
    const a = assign(topics, members);
    expect(asSet(a.consumer1)).toEqual(asSet(['topic-0', 'topic-2', 'topic2-1']));
    expect(asSet(a.consumer2)).toEqual(asSet(['topic-1', 'topic2-0', 'topic2-2']));
    expect(transfers(topics, members, false)).toEqual({});
    settle(strategy, topics, members, a);
  });

  it('testOwnedPartitionsAreInvalidatedForConsumerWithNoGeneration', () => {
    const topics = { topic: 3, topic2: 3 };
    const all = ['topic', 'topic2'];
    const members = [
      member('consumer1', all, ['topic-0', 'topic-2', 'topic2-1'], 10),
      member('consumer2', all, ['topic-0', 'topic-2', 'topic2-1'], -1),
    ];
    const a = assign(topics, members);
    expect(asSet(a.consumer1)).toEqual(asSet(['topic-0', 'topic-2', 'topic2-1']));
    expect(asSet(a.consumer2)).toEqual(asSet(['topic-1', 'topic2-0', 'topic2-2']));
    expect(transfers(topics, members, false)).toEqual({});
  });

  it('testPartitionsTransferringOwnershipIncludeThePartitionClaimedByMultipleConsumersInSameGeneration', () => {
    const topics = { topic: 3 };
    const members = [
      member('consumer1', ['topic'], ['topic-0', 'topic-1'], generationId),
      member('consumer2', ['topic'], ['topic-0', 'topic-2'], generationId),
      member('consumer3', ['topic'], [], generationId),
    ];
    expect(transfers(topics, members, false)).toEqual({ 'topic-0': 'consumer3' });
    const { assignment: a } = settle(strategy, topics, members, assign(topics, members));
    expect(a).toEqual({ consumer1: ['topic-1'], consumer2: ['topic-2'], consumer3: ['topic-0'] });
  });

  it('testEnsurePartitionsAssignedToHighestGeneration', () => {
    const topics = { topic: 3, topic2: 3, topic3: 3 };
    const all = ['topic', 'topic2', 'topic3'];
    const members = [
      member('consumer1', all, ['topic-0', 'topic2-0', 'topic3-0'], 10),
      member('consumer2', all, ['topic-1', 'topic2-1', 'topic3-1'], 9),
      member('consumer3', all, ['topic2-1', 'topic3-0', 'topic3-2'], 8),
    ];
    const a = assign(topics, members);
    expect(asSet(a.consumer1)).toEqual(asSet(['topic-0', 'topic2-0', 'topic3-0']));
    expect(asSet(a.consumer2)).toEqual(asSet(['topic-1', 'topic2-1', 'topic3-1']));
    expect(asSet(a.consumer3)).toEqual(asSet(['topic-2', 'topic2-2', 'topic3-2']));
    expect(transfers(topics, members, false)).toEqual({});
  });

  it('testNoReassignmentOnCurrentMembers', () => {
    const topics = { topic: 3, topic1: 3, topic2: 3, topic3: 3 };
    const all = ['topic', 'topic2', 'topic3', 'topic1'];
    const members = [
      member('consumer1', all, [], -1),
      member('consumer2', all, ['topic-0', 'topic2-0', 'topic1-0'], 9),
      member('consumer3', all, ['topic3-2', 'topic2-2', 'topic1-1'], 8),
      member('consumer4', all, ['topic3-1', 'topic-1', 'topic-2'], 7),
    ];
    const a = assign(topics, members);
    expect(asSet(a.consumer1)).toEqual(asSet(['topic1-2', 'topic2-1', 'topic3-0']));
    expect(transfers(topics, members, false)).toEqual({});
    settle(strategy, topics, members, a);
  });

  it('testOwnedPartitionsAreInvalidatedForConsumerWithMultipleGeneration', () => {
    const topics = { topic: 3, topic2: 3 };
    const all = ['topic', 'topic2'];
    const members = [
      member('consumer1', all, ['topic-0', 'topic2-1', 'topic-1'], 10),
      member('consumer2', all, ['topic-0', 'topic2-1', 'topic2-2'], 8),
    ];
    const a = assign(topics, members);
    expect(asSet(a.consumer1)).toEqual(asSet(['topic-0', 'topic2-1', 'topic-1']));
    expect(asSet(a.consumer2)).toEqual(asSet(['topic-2', 'topic2-2', 'topic2-0']));
    expect(transfers(topics, members, false)).toEqual({});
  });
});

describe('sticky assignor (StickyAssignorTest)', () => {
  const assign = (topics: Record<string, number>, members: MemberSubscription[]) => assignPartitions('sticky', topics, members);

  it('testAllConsumersHaveOwnedPartitionInvalidatedWhenClaimedByMultipleConsumersInSameGenerationWithEqualPartitionsPerConsumer', () => {
    const a = assign({ topic: 3 }, [
      member('consumer1', ['topic'], ['topic-0', 'topic-1'], generationId),
      member('consumer2', ['topic'], ['topic-0', 'topic-2'], generationId),
      member('consumer3', ['topic'], [], generationId),
    ]);
    expect(a).toEqual({ consumer1: ['topic-1'], consumer2: ['topic-2'], consumer3: ['topic-0'] });
  });

  it('testAllConsumersHaveOwnedPartitionInvalidatedWhenClaimedByMultipleConsumersInSameGenerationWithUnequalPartitionsPerConsumer', () => {
    const a = assign({ topic: 4 }, [
      member('consumer1', ['topic'], ['topic-0', 'topic-1'], generationId),
      member('consumer2', ['topic'], ['topic-0', 'topic-2'], generationId),
      member('consumer3', ['topic'], [], generationId),
    ]);
    expect(a).toEqual({ consumer1: ['topic-1', 'topic-3'], consumer2: ['topic-2'], consumer3: ['topic-0'] });
  });

  it.each([true, false])('testAssignmentWithMultipleGenerations1 (isAllSubscriptionsEqual=%s)', (allEqual) => {
    const topics = { topic: 6, topic2: 6 };
    const all = ['topic', 'topic2'];
    const c2Topics = allEqual ? all : ['topic'];
    let members = [member('consumer1', all), member('consumer2', c2Topics), member('consumer3', all)];
    const r1 = assign(topics, members);
    expect([r1.consumer1!.length, r1.consumer2!.length, r1.consumer3!.length]).toEqual([4, 4, 4]);
    verifyValidityAndBalance(members, r1);

    members = [member('consumer1', all, r1.consumer1, generationId), member('consumer2', c2Topics, r1.consumer2, generationId)];
    const r2 = assign(topics, members);
    expect([r2.consumer1!.length, r2.consumer2!.length]).toEqual([6, 6]);
    if (allEqual) expect(r2.consumer1).toEqual(expect.arrayContaining(r1.consumer1!));
    expect(r2.consumer2).toEqual(expect.arrayContaining(r1.consumer2!));
    verifyValidityAndBalance(members, r2);
    expect(r2.consumer2!.some((tp) => r1.consumer3!.includes(tp))).toBe(true);

    // consumer3 comes back with its generation-1 partitions; consumer2 is at generation 2
    members = [member('consumer2', c2Topics, r2.consumer2, 2), member('consumer3', all, r1.consumer3, 1)];
    const r3 = assign(topics, members);
    expect([r3.consumer2!.length, r3.consumer3!.length]).toEqual([6, 6]);
    expect(r3.consumer2!.some((tp) => r3.consumer3!.includes(tp))).toBe(false);
    verifyValidityAndBalance(members, r3);
  });

  it.each([true, false])('testAssignmentWithMultipleGenerations2 (isAllSubscriptionsEqual=%s)', (allEqual) => {
    const topics = { topic: 4, topic2: 4, topic3: 4 };
    const all = ['topic', 'topic2', 'topic3'];
    const c1Topics = allEqual ? all : ['topic'];
    const c3Topics = allEqual ? all : ['topic', 'topic2'];
    let members = [member('consumer1', c1Topics), member('consumer2', all), member('consumer3', c3Topics)];
    const r1 = assign(topics, members);
    expect([r1.consumer1!.length, r1.consumer2!.length, r1.consumer3!.length]).toEqual([4, 4, 4]);
    verifyValidityAndBalance(members, r1);

    members = [member('consumer2', all, r1.consumer2, 1)];
    const r2 = assign(topics, members);
    expect(r2.consumer2!.length).toBe(12);
    expect(r2.consumer2).toEqual(expect.arrayContaining(r1.consumer2!));

    members = [
      member('consumer1', c1Topics, r1.consumer1, 1),
      member('consumer2', all, r2.consumer2, 2),
      member('consumer3', c3Topics, r1.consumer3, 1),
    ];
    const r3 = assign(topics, members);
    expect([r3.consumer1!.length, r3.consumer2!.length, r3.consumer3!.length]).toEqual([4, 4, 4]);
    verifyValidityAndBalance(members, r3);
  });

  it.each([true, false])('testAssignmentWithConflictingPreviousGenerations (isAllSubscriptionsEqual=%s)', (allEqual) => {
    const topics = { topic: 4, topic2: 4, topic3: 4 };
    const all = ['topic', 'topic2', 'topic3'];
    const c1Topics = allEqual ? all : ['topic'];
    const c2Topics = allEqual ? all : ['topic', 'topic2'];
    const c1Owned = allEqual
      ? ['topic-0', 'topic-1', 'topic-2', 'topic2-2', 'topic2-3', 'topic3-0']
      : ['topic-0', 'topic-1', 'topic-2', 'topic-3'];
    const c2Owned = ['topic-0', 'topic-1', 'topic2-0', 'topic2-1', 'topic2-2', 'topic2-3'];
    const c3Owned = ['topic-2', 'topic-3', 'topic3-0', 'topic3-1', 'topic3-2', 'topic3-3'];
    const members = [
      member('consumer1', c1Topics, c1Owned, 1),
      member('consumer2', c2Topics, c2Owned, 2),
      member('consumer3', all, c3Owned, 2),
    ];
    const a = assign(topics, members);
    expect([a.consumer1!.length, a.consumer2!.length, a.consumer3!.length]).toEqual([4, 4, 4]);
    expect(c2Owned).toEqual(expect.arrayContaining(a.consumer2!));
    expect(c3Owned).toEqual(expect.arrayContaining(a.consumer3!));
    verifyValidityAndBalance(members, a);
  });
});

describe('cooperative-sticky assignor (CooperativeStickyAssignorTest)', () => {
  const assign = (topics: Record<string, number>, members: MemberSubscription[]) =>
    assignPartitions('cooperative-sticky', topics, members);

  it('testAllConsumersHaveOwnedPartitionInvalidatedWhenClaimedByMultipleConsumersInSameGenerationWithEqualPartitionsPerConsumer', () => {
    const members = [
      member('consumer1', ['topic'], ['topic-0', 'topic-1'], generationId),
      member('consumer2', ['topic'], ['topic-0', 'topic-2'], generationId),
      member('consumer3', ['topic'], [], generationId),
    ];
    const a = assign({ topic: 3 }, members);
    // topic-0 is still "owned" by both, so it cannot go to consumer3 until both have revoked it
    expect(a).toEqual({ consumer1: ['topic-1'], consumer2: ['topic-2'], consumer3: [] });
    const settled = settle('cooperative-sticky', { topic: 3 }, members, a);
    expect(settled.assignment).toEqual({ consumer1: ['topic-1'], consumer2: ['topic-2'], consumer3: ['topic-0'] });
  });

  it('testAllConsumersHaveOwnedPartitionInvalidatedWhenClaimedByMultipleConsumersInSameGenerationWithUnequalPartitionsPerConsumer', () => {
    const members = [
      member('consumer1', ['topic'], ['topic-0', 'topic-1'], generationId),
      member('consumer2', ['topic'], ['topic-0', 'topic-2'], generationId),
      member('consumer3', ['topic'], [], generationId),
    ];
    const a = assign({ topic: 4 }, members);
    expect(a).toEqual({ consumer1: ['topic-1', 'topic-3'], consumer2: ['topic-2'], consumer3: [] });
    settle('cooperative-sticky', { topic: 4 }, members, a);
  });

  it('testAssignorWithOldVersionSubscriptions', () => {
    const members = [
      member('consumer1', ['topic1'], ['topic1-0'], generationId),
      member('consumer2', ['topic1'], ['topic1-1'], generationId),
      member('consumer3', ['topic1'], [], generationId),
    ];
    const a = assign({ topic1: 3 }, members);
    expect(a).toEqual({ consumer1: ['topic1-0'], consumer2: ['topic1-1'], consumer3: ['topic1-2'] });
    settle('cooperative-sticky', { topic1: 3 }, members, a);
  });

  it('withholds, in the general case, exactly the partitions that move between live members', () => {
    const topics = { a: 4, b: 2 };
    const members = [
      member('m1', ['a', 'b'], ['a-0', 'a-1', 'a-2', 'a-3', 'b-0', 'b-1'], 3),
      member('m2', ['a'], [], 3),
      member('m3', ['a', 'b'], [], 3),
    ];
    const eager = assignPartitions('sticky', topics, members);
    const coop = assign(topics, members);
    const moving = Object.entries(eager).flatMap(([id, list]) => list.filter(() => id !== 'm1'));
    expect(moving.length).toBeGreaterThan(0);
    expect(coop.m1).toEqual(eager.m1);
    expect(coop.m2).toEqual([]);
    expect(coop.m3).toEqual([]);
    const { assignment } = settle('cooperative-sticky', topics, members, coop);
    expect(asSet(Object.values(assignment).flat())).toEqual(asSet(['a-0', 'a-1', 'a-2', 'a-3', 'b-0', 'b-1']));
  });
});

describe('sticky assignors: Kafka behaviours kept on purpose', () => {
  it.each<StickyName>(['sticky', 'cooperative-sticky'])(
    '%s: a member with an empty subscription met first in HashMap order counts as "all subscriptions equal"',
    (strategy) => {
      // AbstractStickyAssignor.allSubscriptionsEqual seeds the topic set from the first member it
      // meets; an empty first subscription leaves the set empty, so the next member re-seeds it.
      // 'a' comes before 'b' in Java's HashMap order, so the constrained algorithm runs and hands
      // 'a' a partition of a topic it does not subscribe to, exactly as Kafka would. (Real
      // consumers with no subscription leave the group instead of joining with nothing.)
      expect(assignPartitions(strategy, { t: 2 }, [member('a', []), member('b', ['t'])])).toEqual({ a: ['t-0'], b: ['t-1'] });
      // the other way round the general algorithm runs and respects subscriptions
      expect(assignPartitions(strategy, { t: 2 }, [member('b', []), member('a', ['t'])])).toEqual({ a: ['t-0', 't-1'], b: [] });
    },
  );

  it('sticky: owned partitions come back grouped per topic in HashMap order (StickyAssignor user data)', () => {
    // general algorithm: kept partitions stay in their decoded order; 'y' hashes before 'z'
    const a = assignPartitions('sticky', { z: 2, y: 2, x: 1 }, [
      member('m1', ['z', 'y'], ['z-1', 'y-0', 'z-0'], 1),
      member('m2', ['z', 'y', 'x'], ['y-1'], 1),
    ]);
    expect(a.m1).toEqual(['y-0', 'z-1', 'z-0']);
  });

  it('sticky: topics whose names share a Java hash come back in reverse (computeIfAbsent links at the head)', () => {
    const a = assignPartitions('sticky', { Aa: 2, BB: 2, t: 4 }, [
      member('m1', ['Aa', 'BB', 't'], ['Aa-0', 'BB-1', 't-0'], 1),
      member('m2', ['t'], ['t-1'], 1),
    ]);
    // Kafka's StickyAssignor returns exactly this (t-0 moves to m2 for balance)
    expect(a).toEqual({ m1: ['BB-1', 'Aa-0', 'Aa-1', 'BB-0'], m2: ['t-1', 't-2', 't-3', 't-0'] });
  });

  it('cooperative-sticky: owned partitions come back sorted by topic and partition (ConsumerProtocol)', () => {
    const a = assignPartitions('cooperative-sticky', { z: 2, y: 2, x: 1 }, [
      member('m1', ['z', 'y'], ['z-1', 'y-0', 'z-0'], 1),
      member('m2', ['z', 'y', 'x'], ['y-1'], 1),
    ]);
    expect(a.m1).toEqual(['y-0', 'z-0', 'z-1']);
  });

  it('drops owned partitions of topics that no longer exist or are out of range', () => {
    const a = assignPartitions('sticky', { t: 2 }, [member('m1', ['t', 'gone'], ['gone-0', 't-1', 't-5'], 1), member('m2', ['t'], [], 1)]);
    expect(a).toEqual({ m1: ['t-1'], m2: ['t-0'] });
  });
});

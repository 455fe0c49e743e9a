import { describe, expect, it } from 'vitest';
import { assignPartitions, type AssignorName, type MemberSubscription } from './index.ts';
import golden from './kafkaGolden.json';

// Reference results: each `expected` is what Apache Kafka's own assignors (clients, trunk of
// October 2024) returned for that input, members put into the leader's HashMap in array order.
// Inputs were generated at random (topic and member names include Java hash collisions such as
// "Aa"/"BB", static members, stale and conflicting ownership, multi-step rebalances). Lists are
// compared in order: the order inside each member's list is Kafka's too.
interface GoldenCase {
  strategy: AssignorName;
  topics: Record<string, number>;
  members: MemberSubscription[];
  expected: Record<string, string[]>;
}

const cases = golden as unknown as GoldenCase[];

describe('results identical to Kafka on recorded cases', () => {
  it('has cases for every assignor', () => {
    const strategies = new Set(cases.map((c) => c.strategy));
    expect([...strategies].sort()).toEqual(['cooperative-sticky', 'range', 'roundrobin', 'sticky']);
  });

  it.each(cases.map((c, i) => [i, c.strategy, c] as const))('case %i (%s)', (_i, strategy, c) => {
    expect(assignPartitions(strategy, c.topics, c.members)).toEqual(c.expected);
  });
});

/**
 * Kafka-faithful partitioning and consumer-group assignment, in pure TypeScript.
 * Mirrors Apache Kafka's Java clients: Utils.murmur2/toPositive, BuiltInPartitioner.partitionForKey,
 * RangeAssignor, RoundRobinAssignor, StickyAssignor and CooperativeStickyAssignor.
 */
import type { AssignorName, Assignment, MemberSubscription } from './types.ts';
import { rangeAssign } from './range.ts';
import { roundRobinAssign } from './roundRobin.ts';
import { stickyAssign } from './sticky.ts';
import { emptyAssignment } from './common.ts';

export { murmur2, toPositive, partitionForKey } from './murmur2.ts';
export { parseTopicPartition } from './topicPartition.ts';
export type { AssignorName, MemberSubscription } from './types.ts';

/**
 * One rebalance, as one call of Kafka's assignor: every member appears in the result, possibly
 * with []. For cooperative-sticky, partitions that must first be revoked from another live
 * member are withheld, as Kafka does.
 */
export function assignPartitions(
  strategy: AssignorName,
  topics: Record<string, number>,
  members: MemberSubscription[],
): Record<string, string[]> {
  const result: Assignment = assign(strategy, topics, members);
  return result;
}

function assign(strategy: AssignorName, topics: Record<string, number>, members: MemberSubscription[]): Assignment {
  switch (strategy) {
    case 'range':
      return rangeAssign(topics, members);
    case 'roundrobin':
      return roundRobinAssign(topics, members);
    case 'sticky':
    case 'cooperative-sticky': {
      const lists = stickyAssign(topics, members, strategy === 'cooperative-sticky');
      const out = emptyAssignment(members);
      for (const m of members) out[m.id] = lists.get(m.id) ?? [];
      return out;
    }
    default: {
      const never: never = strategy;
      throw new Error(`unknown assignor: ${String(never)}`);
    }
  }
}

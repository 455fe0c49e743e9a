/**
 * Kafka-faithful partitioning and consumer-group assignment, in pure TypeScript.
 *
 * Mirrors Apache Kafka's Java clients (read from apache/kafka trunk, late 2024):
 * Utils.murmur2 / Utils.toPositive, BuiltInPartitioner.partitionForKey, RangeAssignor,
 * RoundRobinAssignor, StickyAssignor and CooperativeStickyAssignor (AbstractStickyAssignor).
 *
 * Conventions of assignPartitions, standing in for what the group leader sees:
 * - `topics` is the cluster metadata: topic -> partition count. Subscribed topics missing from
 *   it (or with 0 partitions) are ignored, as Kafka ignores topics without metadata.
 * - The order of `members` is the order of the JoinGroup response, i.e. the order in which the
 *   leader fills its subscriptions HashMap. Results never depend on it except where Kafka's own
 *   result depends on Java's HashMap iteration order, which we reproduce (see javaHash.ts).
 * - `ownedPartitions` and `generation` are what the leader decodes: for 'sticky' the user data
 *   of StickyAssignor, for 'cooperative-sticky' the subscription's ownedPartitions and
 *   generationId. An absent generation behaves like Kafka's -1 (DEFAULT_GENERATION).
 * - Each call is a fresh assignor instance (Kafka's StickyAssignor keeps the highest generation
 *   it has ever seen in a field; a new leader starts from scratch, and so do we).
 * - No racks: rack-aware assignment is not modelled.
 *
 * Deliberate divergences (both only for inputs a healthy Kafka group does not produce) are
 * documented in sticky.ts: owned partitions beyond a topic's partition count are dropped, and the
 * sticky "move back to the previous owner" step is skipped when that owner no longer subscribes
 * to the topic (Kafka would hand it over anyway, or throw).
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

import type { Assignment, MemberSubscription } from './types.ts';
import { emptyAssignment, sortMembersLikeKafka, subscribedPartitionCounts } from './common.ts';
import { compareStrings, formatTopicPartition } from './topicPartition.ts';

/**
 * Kafka's RoundRobinAssignor: every subscribed topic-partition, sorted by topic name then
 * partition, is dealt in turn to the members in MemberInfo order (static members by
 * group.instance.id first, then the rest by member.id), going round in a circle and skipping
 * members that do not subscribe to the partition's topic. Each member's list therefore comes
 * out sorted by topic then partition, exactly as Kafka builds it.
 */
export function roundRobinAssign(topics: Record<string, number>, members: MemberSubscription[]): Assignment {
  const assignment = emptyAssignment(members);
  const counts = subscribedPartitionCounts(topics, members);
  const ring = sortMembersLikeKafka(members);
  const subscribed = ring.map((m) => new Set(m.topics));
  let cursor = 0;
  for (const topic of [...counts.keys()].sort(compareStrings)) {
    const numPartitions = counts.get(topic)!;
    for (let p = 0; p < numPartitions; p++) {
      // someone subscribes to this topic (it is in counts), so this loop ends
      while (!subscribed[cursor]!.has(topic)) cursor = (cursor + 1) % ring.length;
      assignment[ring[cursor]!.id]!.push(formatTopicPartition(topic, p));
      cursor = (cursor + 1) % ring.length;
    }
  }
  return assignment;
}

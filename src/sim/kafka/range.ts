import type { Assignment, MemberSubscription } from './types.ts';
import { emptyAssignment, kafkaTopicIterationOrder, sortMembersLikeKafka, subscribedPartitionCounts } from './common.ts';
import { formatTopicPartition } from './topicPartition.ts';

/**
 * Kafka's RangeAssignor. For each topic on its own, the members subscribed to it are put in
 * MemberInfo order (static members by group.instance.id first, then the rest by member.id);
 * the topic's partitions are cut into contiguous ranges, and the first
 * (numPartitions % numMembers) members get one partition more than the others.
 *
 * Rack-aware range assignment (KIP-881) is not modelled: Streamlab members have no rack.
 *
 * Order within a member's list: Kafka appends one topic's range at a time, walking its
 * partitionsPerTopic HashMap; we walk the topics in that same Java HashMap order (see
 * kafkaTopicIterationOrder), each range ascending.
 */
export function rangeAssign(topics: Record<string, number>, members: MemberSubscription[]): Assignment {
  const assignment = emptyAssignment(members);
  const counts = subscribedPartitionCounts(topics, members);
  const topicNames = kafkaTopicIterationOrder(topics, members);
  const ordered = sortMembersLikeKafka(members);
  for (const topic of topicNames) {
    const numPartitions = counts.get(topic)!;
    const consumers = ordered.filter((m) => m.topics.includes(topic));
    const n = consumers.length;
    if (n === 0) continue;
    const perConsumer = Math.floor(numPartitions / n);
    const withExtra = numPartitions % n;
    consumers.forEach((member, i) => {
      const start = perConsumer * i + Math.min(i, withExtra);
      const length = perConsumer + (i + 1 > withExtra ? 0 : 1);
      const list = assignment[member.id]!;
      for (let p = start; p < start + length; p++) list.push(formatTopicPartition(topic, p));
    });
  }
  return assignment;
}

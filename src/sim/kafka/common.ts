import type { MemberSubscription } from './types.ts';
import { compareStrings } from './topicPartition.ts';
import { JavaHashOrder, javaHashMapOrder, javaStringHash } from './javaHash.ts';

/**
 * Kafka's AbstractPartitionAssignor.MemberInfo ordering: members with a group.instance.id come
 * first, ordered by it; then the others, ordered by member.id.
 */
export function compareMembers(a: MemberSubscription, b: MemberSubscription): number {
  const ai = a.groupInstanceId;
  const bi = b.groupInstanceId;
  if (ai !== undefined && bi !== undefined) return compareStrings(ai, bi);
  if (ai !== undefined) return -1;
  if (bi !== undefined) return 1;
  return compareStrings(a.id, b.id);
}

/**
 * The partition count per topic as Kafka's assign() sees it: only topics that some member
 * subscribes to and that exist in the cluster metadata (here: in `topics`).
 */
export function subscribedPartitionCounts(
  topics: Record<string, number>,
  members: MemberSubscription[],
): Map<string, number> {
  const counts = new Map<string, number>();
  for (const m of members) {
    for (const t of m.topics) {
      if (Object.hasOwn(topics, t)) {
        const n = topics[t]!;
        if (!Number.isInteger(n) || n < 0) throw new RangeError(`bad partition count for ${t}: ${n}`);
        counts.set(t, n);
      }
    }
  }
  return counts;
}

export function emptyAssignment(members: MemberSubscription[]): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const m of members) {
    if (Object.hasOwn(out, m.id)) throw new Error(`duplicate member id: ${m.id}`);
    // defineProperty, so that even a member called "__proto__" becomes an ordinary own key
    Object.defineProperty(out, m.id, { value: [], enumerable: true, writable: true, configurable: true });
  }
  return out;
}

/**
 * Members sorted the way Kafka's assignors sort MemberInfo lists. Kafka builds those lists by
 * walking the subscriptions HashMap and then sorts them stably, so members that compare equal
 * (two members claiming the same group.instance.id, which a broker would not allow) keep Java's
 * HashMap order; `members` is taken as the order in which the leader filled that map.
 */
export function sortMembersLikeKafka(members: MemberSubscription[]): MemberSubscription[] {
  const byId = new Map(members.map((m) => [m.id, m]));
  return javaHashMapOrder(members.map((m) => m.id))
    .map((id) => byId.get(id)!)
    .sort(compareMembers);
}

/**
 * The order in which Kafka walks partitionsPerTopic: AbstractPartitionAssignor.assign collects
 * every subscribed topic into a HashSet (walking the subscriptions HashMap), then puts those with
 * metadata and at least one partition into a HashMap. Range assignment appends one topic's range
 * at a time in this order, so it decides the order of each member's list.
 */
export function kafkaTopicIterationOrder(topics: Record<string, number>, members: MemberSubscription[]): string[] {
  const byId = new Map(members.map((m) => [m.id, m]));
  const allSubscribed = new JavaHashOrder();
  for (const id of javaHashMapOrder(members.map((m) => m.id))) {
    for (const t of byId.get(id)!.topics) allSubscribed.add(t, javaStringHash(t));
  }
  const partitionsPerTopic = new JavaHashOrder();
  for (const t of allSubscribed.keys()) {
    if (Object.hasOwn(topics, t) && topics[t]! > 0) partitionsPerTopic.add(t, javaStringHash(t));
  }
  return partitionsPerTopic.keys();
}

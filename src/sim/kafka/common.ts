import type { MemberSubscription } from './types.ts';
import { compareStrings } from './topicPartition.ts';

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
    out[m.id] = [];
  }
  return out;
}

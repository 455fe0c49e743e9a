/**
 * Kafka's built-in partitioner (`BuiltInPartitioner`, KIP-480 sticky batching): a keyed record goes
 * to `partitionForKey(key, n)` (murmur2, see kafka/ and keys.ts); a record without a key stays on
 * one partition until a batch's worth of bytes (`batch.size`) went there, then another is picked.
 */
import { nextInt, type RngState } from '../rng.ts';
import type { SimState, TopicState } from '../state.ts';
import { DEFAULTS } from '../config.ts';

/** batch.size for the sticky partition of unkeyed sends (Kafka's default). */
export const SEND_BATCH_BYTES = DEFAULTS.batchSize;

/**
 * The next sticky partition for unkeyed records: uniformly at random among the partitions that
 * have a leader (KIP-794; BuiltInPartitioner.nextPartition uses `availablePartitionsForTopic`), or
 * among all of them when none has one; never the previous one when there is a choice. (Kafka 3.3+
 * also weighs partitions by their queue sizes, `partitioner.adaptive.partitioning.enable`; the
 * simulator picks uniformly.) `hasLeader(p)` says whether partition p has a leader in the metadata.
 */
export function nextStickyPartition(rng: RngState, np: number, prev: number, hasLeader?: (p: number) => boolean): number {
  let avail: number[] | null = null;
  if (hasLeader) {
    for (let p = 0; p < np; p++) {
      if (hasLeader(p)) continue;
      // some partition has no leader: choose among those that do
      avail = [];
      for (let q = 0; q < np; q++) if (hasLeader(q)) avail.push(q);
      if (!avail.length) avail = null;
      break;
    }
  }
  const k = avail ? avail.length : np;
  let i = nextInt(rng, k);
  if (k > 1 && (avail ? avail[i] : i) === prev) i = (i + 1 + nextInt(rng, k - 1)) % k;
  return avail ? avail[i]! : i;
}

/** The sticky partition for an unkeyed record of `bytes` sent with producer/send (one sticky partition per topic). */
export function stickyPartitionForSend(state: SimState, topic: TopicState, bytes: number): number {
  const np = topic.partitions.length;
  let s = topic.sendSticky;
  const parts = topic.partitions;
  if (!s || s.partition >= np || s.bytes + bytes > SEND_BATCH_BYTES || parts[s.partition]!.leader < 0) {
    const prev = s ? s.partition : -1;
    s = { partition: nextStickyPartition(state.rng, np, prev, (p) => parts[p]!.leader >= 0), bytes: 0 };
    topic.sendSticky = s;
  }
  s.bytes += bytes;
  return s.partition;
}

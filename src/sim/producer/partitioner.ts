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
 * The next sticky partition for unkeyed records: uniformly at random among the n partitions, never
 * the previous one when there are two or more. (Kafka 3.3+ weighs partitions by queue size.)
 */
export function nextStickyPartition(rng: RngState, np: number, prev: number): number {
  let next = nextInt(rng, np);
  if (np > 1 && next === prev) next = (next + 1 + nextInt(rng, np - 1)) % np;
  return next;
}

/** The sticky partition for an unkeyed record of `bytes` sent with producer/send (one sticky partition per topic). */
export function stickyPartitionForSend(state: SimState, topic: TopicState, bytes: number): number {
  const np = topic.partitions.length;
  let s = topic.sendSticky;
  if (!s || s.partition >= np || s.bytes + bytes > SEND_BATCH_BYTES) {
    const prev = s ? s.partition : -1;
    s = { partition: nextStickyPartition(state.rng, np, prev), bytes: 0 };
    topic.sendSticky = s;
  }
  s.bytes += bytes;
  return s.partition;
}

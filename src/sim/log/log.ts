/**
 * One partition's log: appending a record (the next offset is the log end offset), the bounded
 * windows kept beside it for the view and the checks, and poison records. Kafka's `Log`/`UnifiedLog`
 * stores bytes in segments; the simulator keeps offsets and a little per-record detail.
 */
import type { Ctx } from '../ctx.ts';
import type { PartitionState } from '../state.ts';

/** entity = producerIndex * ENTITY_SHIFT + user */
export const ENTITY_SHIFT = 1 << 20;
/** max offsets tracked per partition for ordering / loss checks */
export const TRACK_CAP = 20_000;
/**
 * Max offsets tracked across all partitions of a simulation: with many partitions each keeps
 * less, so a state (and every snapshot of it a visualiser keeps for scrubbing) stays small. At
 * 256 partitions each tracks 512 offsets. A simulator bookkeeping limit, not Kafka's.
 */
export const TRACK_TOTAL = 131_072;
/** the per-partition tracking cap never goes below this */
export const TRACK_MIN = 256;

/** The per-partition tracking cap for a simulation with `totalPartitions` partitions in all. */
export function trackCap(totalPartitions: number): number {
  return Math.max(TRACK_MIN, Math.min(TRACK_CAP, Math.floor(TRACK_TOTAL / Math.max(1, totalPartitions))));
}
/** max poison offsets remembered per partition */
export const POISON_CAP = 64;
/** max entries in a partition's time index before it is coarsened */
export const TIME_INDEX_CAP = 256;

/**
 * Appends one record at the log end and returns its offset. `ringCap` is config.recentRecords
 * (the keyed window for the view); `user` is -1 and `entity` EXPLICIT_ENTITY for explicitly sent
 * records; `seq` is the producer's per-user sequence number (0 when none).
 */
export function appendRecord(P: PartitionState, ringCap: number, key: string | null, user: number, entity: number, seq: number, now: number): number {
  const offset = P.logEnd;
  P.logEnd = offset + 1;
  // every in-sync follower copies it at once, unless one has stopped fetching (see cluster/replicaManager.ts)
  if (P.lagging.length === 0) P.hw = offset + 1;
  const r = P.recent;
  const slot = offset % ringCap;
  r.keys[slot] = key;
  r.users[slot] = user;
  r.at[slot] = now;
  const t = P.track;
  t.entity.push(entity);
  t.seq.push(seq);
  return offset;
}

/** If record/poison marked this partition, the record just appended at `offset` is the poison one. */
export function takePoison(P: PartitionState, topic: string, offset: number, ctx: Ctx, now: number): void {
  if (!P.poisonNext) return;
  P.poisonNext = false;
  P.poison.push(offset);
  if (P.poison.length > POISON_CAP) P.poison.shift();
  ctx.events.push({ type: 'record/poisoned', atMs: now, topic, partition: P.id, offset });
}

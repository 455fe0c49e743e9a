/**
 * producer/send: exactly the records given (a KafkaJS `producer.send`, or a real client's Produce
 * request), answered at once per record: keyed ones go to partitionForKey's partition, unkeyed
 * ones to a sticky partition per topic, or to an explicit partition. Keys and values are kept in
 * a bounded per-partition payload store.
 */
import { partitionForKey } from '../kafka/index.ts';
import { topicOf } from '../cluster/metadata.ts';
import type { Ctx } from '../ctx.ts';
import { appendRecord, takePoison } from '../log/log.ts';
import { payloadCap, payloadOf, pushMeta } from '../log/payload.ts';
import type { SimState } from '../state.ts';
import type { Acks, ProduceFailure, SendRecord, SendResult } from '../types.ts';
import { writeBlocker } from './producer.ts';
import { stickyPartitionForSend } from './partitioner.ts';

export { SEND_BATCH_BYTES } from './partitioner.ts';
/** Bytes a record takes beyond its key and value in the sticky partitioner's count (an estimate of Kafka's per-record overhead). */
export const SEND_RECORD_OVERHEAD_BYTES = 20;
/** Entity marker in a partition's tracking window for explicitly sent records (no producer sequence to check). */
export const EXPLICIT_ENTITY = -1;

function recordBytes(r: SendRecord): number {
  return (r.key?.length ?? 0) + (r.value?.length ?? 0) + SEND_RECORD_OVERHEAD_BYTES;
}

/**
 * Appends the records in order and answers at once, per record, with Kafka's error for the ones
 * that cannot be written now (the client retries them itself): an offline partition
 * ('partition-offline'), a leader whose broker is down and not yet fenced ('request-timed-out'),
 * or acks=all with fewer in-sync replicas than min.insync.replicas ('not-enough-replicas'). An
 * acks=all record to a partition whose ISR still lists a stopped follower is answered
 * 'request-timed-out' and not written (Kafka would append it and answer only when the ISR
 * shrinks; the simulator's own producers model that wait). The others get consecutive offsets
 * per partition; acks=1 and acks=0 records are readable once the high watermark passes them.
 * Keyless records without an explicit partition go to a sticky partition that has a leader (KIP-794).
 */
export function sendRecords(state: SimState, topicName: string, records: SendRecord[], acks: Acks, ctx: Ctx, now: number): SendResult[] {
  const topic = topicOf(state, topicName);
  const np = topic.partitions.length;
  const ringCap = state.config.recentRecords;
  const cap = payloadCap(state);
  const results: SendResult[] = [];
  const counts = new Array<number>(np).fill(0);
  const bases = new Array<number>(np).fill(-1);
  const fails = new Map<string, { partition: number; reason: ProduceFailure; count: number }>();
  const touched = new Set<number>();
  for (const r of records) {
    const p = r.partition !== undefined ? r.partition : r.key !== null ? partitionForKey(r.key, np) : stickyPartitionForSend(state, topic, recordBytes(r));
    const P = topic.partitions[p]!;
    const blocker = writeBlocker(state, topic, P, acks);
    // acks=all while a stopped follower is still in the ISR: the leader could not answer before the request times out
    const stalled = acks === 'all' && P.lagging.some((l) => P.isr.includes(l.broker));
    const reason: ProduceFailure | null =
      blocker === 'no-leader' ? 'partition-offline' : blocker === 'leader-unreachable' || (!blocker && stalled) ? 'request-timed-out' : blocker === 'not-enough-replicas' ? 'not-enough-replicas' : null;
    if (reason) {
      const k = `${p}:${reason}`;
      const f = fails.get(k) ?? { partition: p, reason, count: 0 };
      f.count += 1;
      fails.set(k, f);
      results.push({ partition: p, error: reason });
      continue;
    }
    const offset = appendRecord(P, ringCap, r.key, -1, EXPLICIT_ENTITY, 0, now);
    if (bases[p] === -1) bases[p] = offset;
    counts[p]! += 1;
    const pl = payloadOf(P);
    pl.offsets.push(offset);
    pl.keys.push(r.key);
    pl.values.push(r.value);
    pl.at.push(now);
    pushMeta(pl, r);
    touched.add(p);
    takePoison(P, topic.name, offset, ctx, now);
    results.push({ partition: p, offset });
  }
  for (const p of touched) {
    const pl = topic.partitions[p]!.payload!;
    const extra = pl.offsets.length - cap;
    if (extra > 0) {
      pl.offsets.splice(0, extra);
      pl.keys.splice(0, extra);
      pl.values.splice(0, extra);
      pl.at.splice(0, extra);
      pl.meta?.splice(0, extra);
    }
  }
  let produced = 0;
  for (let p = 0; p < np; p++) {
    const c = counts[p]!;
    if (c === 0) continue;
    produced += c;
    ctx.events.push({ type: 'record/produced', atMs: now, topic: topic.name, partition: p, baseOffset: bases[p]!, count: c });
  }
  topic.produced += produced;
  topic.producedSinceSample += produced;
  for (const f of fails.values()) {
    topic.failed += f.count;
    topic.failedSinceSample += f.count;
    ctx.events.push({ type: 'record/failed', atMs: now, topic: topic.name, partition: f.partition, count: f.count, reason: f.reason });
  }
  return results;
}

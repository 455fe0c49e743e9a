/**
 * The idempotent producer (KIP-98): InitProducerId hands out a producer id and epoch, and each
 * partition remembers, per producer, the sequence number of the last batch it appended and the
 * last five batches (Kafka's ProducerStateManager / ProducerAppendInfo). A batch is then:
 * - a duplicate of one of those five (a retry whose first attempt was written): not appended
 *   again, answered with the offsets it got the first time;
 * - in sequence (its first sequence follows the last one): appended;
 * - from an older epoch: INVALID_PRODUCER_EPOCH;
 * - from an id this cluster never handed out: UNKNOWN_PRODUCER_ID;
 * - anything else: OUT_OF_ORDER_SEQUENCE_NUMBER.
 *
 * Sequences are int32 and wrap to 0 after 2147483647, as Kafka's do.
 */
import type { SimState } from '../state.ts';
import type { ProducerBatchInfo, SequenceFailure } from '../types.ts';

/** Batches remembered per producer and partition (Kafka's ProducerStateEntry.NUM_BATCHES_TO_RETAIN). */
export const BATCHES_TO_RETAIN = 5;

export interface ProducerBatch {
  firstSeq: number;
  lastSeq: number;
  firstOffset: number;
}

export interface ProducerPartitionEntry {
  epoch: number;
  lastSeq: number;
  batches: ProducerBatch[];
}

export interface ProducerIdState {
  nextId: number;
  /** producer id -> its current epoch */
  epochs: Record<string, number>;
  /** "topic\u0000partition" -> producer id -> entry */
  partitions: Record<string, Record<string, ProducerPartitionEntry>>;
}


function ids(state: SimState): ProducerIdState {
  if (!state.producerIds) state.producerIds = { nextId: 0, epochs: {}, partitions: {} };
  return state.producerIds;
}

/** Epochs are int16 (Kafka's Short.MAX_VALUE is the last one). */
const MAX_EPOCH = 32767;

/**
 * InitProducerId for a non-transactional producer: a new id at epoch 0, or (KIP-360, when the
 * producer sends its current id and epoch) the same id with the next epoch.
 */
export function initProducerId(state: SimState, current?: { producerId: number; producerEpoch: number }): { producerId: number; producerEpoch: number } | { error: 'invalid-producer-epoch' } {
  const s = ids(state);
  if (current && current.producerId >= 0) {
    const epoch = s.epochs[String(current.producerId)];
    if (epoch === undefined || epoch !== current.producerEpoch) return { error: 'invalid-producer-epoch' };
    if (epoch < MAX_EPOCH) {
      s.epochs[String(current.producerId)] = epoch + 1;
      return { producerId: current.producerId, producerEpoch: epoch + 1 };
    }
  }
  const producerId = s.nextId++;
  s.epochs[String(producerId)] = 0;
  return { producerId, producerEpoch: 0 };
}

function nextSeq(seq: number, n: number): number {
  return (seq + n) % 2 ** 31;
}

export type SequenceCheck = { ok: true } | { duplicate: ProducerBatch } | { error: SequenceFailure };

/** Checks a batch of `count` records against the partition's producer state (before appending). */
export function checkSequence(state: SimState, topic: string, partition: number, info: ProducerBatchInfo, count: number): SequenceCheck {
  const s = ids(state);
  const current = s.epochs[String(info.producerId)];
  if (current === undefined) return { error: 'unknown-producer-id' };
  if (info.producerEpoch < current) return { error: 'invalid-producer-epoch' };
  const entry = s.partitions[`${topic}\u0000${partition}`]?.[String(info.producerId)];
  const lastSeq = nextSeq(info.baseSequence, count - 1);
  if (!entry || entry.epoch !== info.producerEpoch) {
    // a new producer (or epoch) on this partition starts at sequence 0
    return info.baseSequence === 0 ? { ok: true } : { error: 'out-of-order-sequence' };
  }
  const dup = entry.batches.find((b) => b.firstSeq === info.baseSequence && b.lastSeq === lastSeq);
  if (dup) return { duplicate: dup };
  return info.baseSequence === nextSeq(entry.lastSeq, 1) ? { ok: true } : { error: 'out-of-order-sequence' };
}

/** Records an appended batch. */
export function recordBatch(state: SimState, topic: string, partition: number, info: ProducerBatchInfo, count: number, firstOffset: number): void {
  const s = ids(state);
  const key = `${topic}\u0000${partition}`;
  const byProducer = (s.partitions[key] ??= {});
  const lastSeq = nextSeq(info.baseSequence, count - 1);
  let entry = byProducer[String(info.producerId)];
  if (!entry || entry.epoch !== info.producerEpoch) {
    entry = { epoch: info.producerEpoch, lastSeq, batches: [] };
    byProducer[String(info.producerId)] = entry;
  }
  entry.lastSeq = lastSeq;
  entry.batches.push({ firstSeq: info.baseSequence, lastSeq, firstOffset });
  if (entry.batches.length > BATCHES_TO_RETAIN) entry.batches.shift();
}

/** A deleted topic's producer state goes with it. */
export function dropTopicProducerState(state: SimState, topic: string): void {
  const s = state.producerIds;
  if (!s) return;
  for (const k of Object.keys(s.partitions)) if (k.startsWith(`${topic}\u0000`)) delete s.partitions[k];
}

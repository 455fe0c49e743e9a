/**
 * Keys and values of explicitly sent records (producer/send), kept per partition in a bounded
 * store, and reading records back (client/fetch, the lab's views).
 */
import { DEFAULTS } from '../config.ts';
import { topicOf } from '../cluster/metadata.ts';
import type { PartitionState, PayloadStore, RecordMeta, SimState, TopicState } from '../state.ts';
import type { FetchedRecord, SendRecord } from '../types.ts';

/** The payload store size limit of a state (older states without the setting use the default). */
export function payloadCap(state: SimState): number {
  return state.config.payloadRecords ?? DEFAULTS.payloadRecords;
}

/** Keeps a record's headers, client timestamp and encoding beside its key and value (null when it has none). */
export function pushMeta(pl: PayloadStore, r: SendRecord): void {
  const has = r.headers !== undefined || r.timestampMs !== undefined || r.encoding !== undefined;
  if (!has && !pl.meta) return;
  if (!pl.meta) pl.meta = new Array<RecordMeta | null>(pl.offsets.length - 1).fill(null);
  if (!has) {
    pl.meta.push(null);
    return;
  }
  const m: RecordMeta = {};
  if (r.headers !== undefined) m.headers = r.headers.map((h) => ({ key: h.key, value: h.value }));
  if (r.timestampMs !== undefined) m.timestampMs = r.timestampMs;
  if (r.encoding !== undefined) m.encoding = r.encoding;
  pl.meta.push(m);
}

export function payloadOf(P: PartitionState): PayloadStore {
  if (!P.payload) P.payload = { offsets: [], keys: [], values: [], at: [] };
  return P.payload;
}

/** Index of the first payload entry with offset >= o (binary search). */
export function lowerBound(offsets: number[], o: number): number {
  let lo = 0;
  let hi = offsets.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (offsets[mid]! < o) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The records of a partition from `from` (count of them), with whatever key, value and time are still kept. */
export function readRecords(state: SimState, topic: TopicState, p: number, from: number, count: number): FetchedRecord[] {
  const P = topic.partitions[p]!;
  const ringCap = state.config.recentRecords;
  const pl = P.payload;
  let i = pl ? lowerBound(pl.offsets, from) : 0;
  const out: FetchedRecord[] = [];
  for (let o = from; o < from + count; o++) {
    let key: string | null = null;
    let value: string | null = null;
    let at: number | null = null;
    if (pl) while (i < pl.offsets.length && pl.offsets[i]! < o) i++;
    let meta: RecordMeta | null = null;
    if (pl && i < pl.offsets.length && pl.offsets[i] === o) {
      key = pl.keys[i]!;
      value = pl.values[i]!;
      at = pl.at[i]!;
      meta = pl.meta?.[i] ?? null;
    } else if (o >= P.logEnd - ringCap) {
      const slot = o % ringCap;
      key = P.recent.keys[slot] ?? null;
      at = P.recent.at[slot] ?? null;
    }
    const rec: FetchedRecord = { topic: topic.name, partition: p, offset: o, key, value, producedAtMs: at };
    if (meta) {
      if (meta.headers) rec.headers = meta.headers.map((h) => ({ ...h }));
      if (meta.timestampMs !== undefined) rec.timestampMs = meta.timestampMs;
      if (meta.encoding) rec.encoding = meta.encoding;
    }
    out.push(rec);
  }
  return out;
}

/**
 * Public read of a partition's records from `from` (at most `count`, clipped to the log), with the
 * keys, values and times still kept. For adapters that show record contents (the lab).
 */
export function partitionRecords(state: SimState, topicName: string, partition: number, from: number, count: number): FetchedRecord[] {
  const topic = topicOf(state, topicName);
  const P = topic.partitions[partition];
  if (!P) return [];
  const start = Math.max(from, P.logStart);
  const end = Math.min(P.logEnd, from + Math.max(0, count));
  return end > start ? readRecords(state, topic, partition, start, end - start) : [];
}

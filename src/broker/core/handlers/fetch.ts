/**
 * Fetch: records from each requested partition's fetch offset up to the high watermark, as one
 * record batch per partition, within partition_max_bytes and max_bytes (the first batch is sent
 * whole even when larger, KIP-74, so that a consumer always makes progress). When fewer than
 * min_bytes are available the request waits, up to max_wait_ms, for more to arrive, as Kafka's
 * delayed fetch does. Fetch sessions (KIP-227) are not kept: every response is a full one with
 * session id 0, which clients accept.
 */
import { partitionRecords, type SimState } from '../../../sim/index.ts';
import { ERR } from '../../protocol/errors.ts';
import { Writer } from '../../protocol/primitives.ts';
import { encodeBatch, buildBatch, type PlainRecord } from '../../records/batch.ts';
import type { KafkaCluster } from '../cluster.ts';
import { simToBytes } from '../payload.ts';
import { findTopic, highWatermark } from '../simRead.ts';
import type { Handler, RequestContext } from './types.ts';

interface FetchReq {
  maxWaitMs: number;
  minBytes: number;
  maxBytes: number;
  isolationLevel: number;
  topics: { topic: string; partitions: { partition: number; fetchOffset: number; partitionMaxBytes: number }[] }[];
}

const EMPTY = new Uint8Array(0);

/** Records read from the simulation per step while filling a batch. */
const READ_CHUNK = 256;

interface PartitionOut {
  partitionIndex: number;
  errorCode: number;
  highWatermark: number;
  lastStableOffset: number;
  logStartOffset: number;
  abortedTransactions: null;
  preferredReadReplica: number;
  records: Uint8Array | null;
}

/** Records a fetch response carries: `count` records of a partition from `fromOffset`. */
interface Served {
  topic: string;
  partition: number;
  fromOffset: number;
  count: number;
}

/** The records of one partition from `from`, as one encoded batch of at most `maxBytes` (at least one record). */
export function readBatch(cluster: KafkaCluster, topic: string, partition: number, from: number, to: number, maxBytes: number, maxRecords = Infinity, served?: Served[]): Uint8Array | null {
  if (from >= to) return null;
  to = Math.min(to, from + maxRecords);
  const sim: SimState = cluster.sim;
  const plain: PlainRecord[] = [];
  let size = 61;
  let at = from;
  outer: while (at < to) {
    const chunk = partitionRecords(sim, topic, partition, at, Math.min(READ_CHUNK, to - at));
    if (!chunk.length) break;
    for (const r of chunk) {
      const b = simToBytes(r);
      let est = 24 + (b.key?.length ?? 0) + (b.value?.length ?? 0);
      for (const h of b.headers) est += 8 + h.key.length * 3 + (h.value?.length ?? 0);
      if (plain.length > 0 && size + est > maxBytes) break outer;
      size += est;
      plain.push({ key: b.key, value: b.value, headers: b.headers, timestamp: r.timestampMs ?? cluster.epochAt(r.producedAtMs ?? 0) });
      at = r.offset + 1;
    }
  }
  if (!plain.length) return null;
  const base = at - plain.length;
  served?.push({ topic, partition, fromOffset: base, count: plain.length });
  return encodeBatch(buildBatch(base, plain), new Writer(size + 64));
}

/**
 * The live view's "slow downstream" for a group of real clients: the broker cannot slow the
 * client's own code, so it slows what the client gets. A fetch from a client whose id matches a
 * member of a slowed group, for partitions that member owns, waits SLOW_FETCH_DELAY_MS x (s - 1)
 * longer and carries at most SLOW_FETCH_RECORDS / s records per partition. A simplification:
 * Kafka's fetch requests do not name the group, so the client id and the assignment decide.
 */
export const SLOW_FETCH_DELAY_MS = 200;
export const SLOW_FETCH_RECORDS = 100;

export function slowdownFor(ctx: RequestContext, req: FetchReq): number {
  let s = 1;
  const clientId = ctx.header.clientId ?? '';
  for (const g of ctx.cluster.sim.classicGroups ?? []) {
    if (g.downstreamSlowdown <= 1) continue;
    for (const m of g.members) {
      if (m.clientId !== clientId) continue;
      const owns = req.topics.some((t) => t.partitions.some((p) => m.assigned.some((a) => a.topic === t.topic && a.partitions.includes(p.partition))));
      if (owns) s = Math.max(s, g.downstreamSlowdown);
    }
  }
  return s;
}

interface FetchOnce {
  body: object;
  bytes: number;
  served: Served[];
}

/** The response chosen for a fetch: tells the cluster's client listeners what it carries. */
function answer(ctx: RequestContext, r: FetchOnce): object {
  for (const s of r.served) ctx.cluster.reportClient({ kind: 'fetched', remote: ctx.connection.remote, ...s });
  return r.body;
}

function fetchOnce(ctx: RequestContext, req: FetchReq, maxRecords = Infinity): FetchOnce {
  const served: Served[] = [];
  const { cluster, brokerId } = ctx;
  let budget = req.maxBytes > 0 ? req.maxBytes : 0x7fffffff;
  let total = 0;
  const responses = req.topics.map((t) => ({
    topic: t.topic,
    partitions: t.partitions.map((p): PartitionOut => {
      const out = (errorCode: number, hw = -1, logStart = -1, records: Uint8Array | null = null): PartitionOut => ({
        partitionIndex: p.partition,
        errorCode,
        highWatermark: hw,
        lastStableOffset: hw,
        logStartOffset: logStart,
        abortedTransactions: null,
        preferredReadReplica: -1,
        // no records is an empty record set, never null (librdkafka refuses a null one)
        records: records ?? EMPTY,
      });
      const topic = findTopic(cluster.sim, t.topic);
      const P = topic?.partitions[p.partition];
      if (!topic || !P) return out(ERR.UNKNOWN_TOPIC_OR_PARTITION);
      if (P.leader !== brokerId) return out(ERR.NOT_LEADER_OR_FOLLOWER);
      const hw = highWatermark(P);
      if (p.fetchOffset < P.logStart || p.fetchOffset > P.logEnd) return out(ERR.OFFSET_OUT_OF_RANGE, hw, P.logStart);
      const limit = Math.min(p.partitionMaxBytes > 0 ? p.partitionMaxBytes : 0x7fffffff, total === 0 ? Math.max(budget, 1) : budget);
      if (total > 0 && budget <= 0) return out(ERR.NONE, hw, P.logStart);
      const records = readBatch(cluster, t.topic, p.partition, p.fetchOffset, hw, limit, maxRecords, served);
      if (records) {
        total += records.length;
        budget -= records.length;
      }
      return out(ERR.NONE, hw, P.logStart, records);
    }),
  }));
  return { body: { throttleTimeMs: 0, errorCode: ERR.NONE, sessionId: 0, responses }, bytes: total, served };
}

export const handleFetch: Handler = (ctx: RequestContext, req: FetchReq) => {
  const slow = slowdownFor(ctx, req);
  if (slow > 1) {
    const cap = Math.max(1, Math.floor(SLOW_FETCH_RECORDS / slow));
    const at = ctx.cluster.now() + SLOW_FETCH_DELAY_MS * (slow - 1);
    return ctx.cluster.waitFor(() => (ctx.cluster.now() >= at ? answer(ctx, fetchOnce(ctx, req, cap)) : undefined), SLOW_FETCH_DELAY_MS * (slow - 1), () => answer(ctx, fetchOnce(ctx, req, cap)));
  }
  const first = fetchOnce(ctx, req);
  const minBytes = Math.max(0, req.minBytes);
  const hasError = (first.body as { responses: { partitions: PartitionOut[] }[] }).responses.some((t) => t.partitions.some((p) => p.errorCode !== ERR.NONE));
  if (first.bytes >= minBytes || req.maxWaitMs <= 0 || hasError) return answer(ctx, first);
  // Kafka's delayed fetch: wait for min_bytes to arrive, or for max_wait_ms
  const cluster = ctx.cluster;
  const marks = () => req.topics.map((t) => t.partitions.map((p) => {
    const P = findTopic(cluster.sim, t.topic)?.partitions[p.partition];
    return P ? highWatermark(P) : -1;
  }).join(',')).join(';');
  const before = marks();
  return cluster.waitFor(
    () => {
      if (!ctx.connection.isOpen) return {};
      if (marks() === before) return undefined;
      const next = fetchOnce(ctx, req);
      return next.bytes >= minBytes ? answer(ctx, next) : undefined;
    },
    req.maxWaitMs,
    () => answer(ctx, fetchOnce(ctx, req)),
  );
};

/**
 * The simulator's own rate producers, as Kafka's producer behaves with its default settings
 * (KafkaProducer, RecordAccumulator, Sender):
 *
 * - Every tick each produces `ratePerSec` records (fractional records carry over), keyed as its
 *   KeyConfig says, through the built-in partitioner (keyless records only to partitions that
 *   have a leader, KIP-794).
 * - NOT_LEADER_OR_FOLLOWER, LEADER_NOT_AVAILABLE, NOT_ENOUGH_REPLICAS and a leader that does not
 *   answer are retriable: the records wait in the accumulator, in order per partition
 *   (idempotence keeps that order), and are retried until they are written or
 *   `delivery.timeout.ms` (120000) expires; only then does the send fail.
 * - acks=all: a record is acknowledged once every in-sync replica has it (the high watermark
 *   passed it) and the ISR is at least min.insync.replicas; until then it stays in the buffer.
 *   At most `max.in.flight.requests.per.connection` (5) batches per partition await an answer.
 * - Waiting and unacknowledged records take `buffer.memory` (33554432 bytes); when it is full,
 *   send() blocks (the application produces nothing) up to `max.block.ms` (60000), then throws.
 *
 * Simplifications: retries happen on the next 50 ms tick after the partition can take the write
 * (no retry.backoff.ms, no metadata refresh delay); a batch's buffer use is its records' bytes.
 */
import { topicOf } from '../cluster/metadata.ts';
import { leaderUp } from '../cluster/partition.ts';
import { DEFAULTS } from '../config.ts';
import type { Ctx } from '../ctx.ts';
import { cachedPartitionForKey, partitionForUser, randomKey, saltedKey, sampleUser, sampleZipf, userKey, userPartitionMemo, zipfTableOf } from '../keys.ts';
import { appendRecord, ENTITY_SHIFT, takePoison } from '../log/log.ts';
import type { AckQueue, PartitionState, ProducerState, SimState, TopicState, WaitQueue } from '../state.ts';
import { TICK_MS, type ProduceFailure, type ProduceWait } from '../types.ts';
import { nextStickyPartition } from './partitioner.ts';

/** Why a partition cannot take this producer's write now, or null when it can (Partition.appendRecordsToLeader's checks). */
export function writeBlocker(state: SimState, topic: TopicState, P: PartitionState, acks: string): ProduceWait | null {
  if (P.leader < 0) return 'no-leader';
  if (!state.brokers[P.leader]!.up) return 'leader-unreachable';
  if (acks === 'all' && P.isr.length < topic.minInsyncReplicas) return 'not-enough-replicas';
  return null;
}

/** Records per buffer.memory (each record takes its recordBytes). */
function capacity(prod: ProducerState): number {
  return Math.max(1, Math.floor(prod.bufferMemory / prod.recordBytes));
}

/** Most acks=all records awaiting acknowledgement per partition: max.in.flight batches of batch.size bytes. */
function inFlightCap(prod: ProducerState): number {
  return DEFAULTS.maxInFlight * Math.max(1, Math.floor(prod.batchSize / prod.recordBytes));
}

function waitQueue(prod: ProducerState, p: number, reason: ProduceWait): WaitQueue {
  let q = prod.waiting[p];
  if (!q) {
    q = { head: 0, at: [], user: [], seq: [], key: [], reason };
    prod.waiting[p] = q;
  }
  return q;
}

const waitingIn = (q: WaitQueue | null | undefined) => (q ? q.at.length - q.head : 0);
const unackedIn = (q: AckQueue | null | undefined) => (q ? q.n : 0);

function compactWait(q: WaitQueue): void {
  if (q.head > 1024 && q.head * 2 > q.at.length) {
    q.at.splice(0, q.head);
    q.user.splice(0, q.head);
    q.seq.splice(0, q.head);
    q.key.splice(0, q.head);
    q.head = 0;
  }
}

interface Tally {
  counts: number[];
  bases: number[];
  /** created on the first failure or late acknowledgement (most ticks have none) */
  fails: Map<string, { partition: number; reason: ProduceFailure; count: number }> | null;
  late: Map<number, { count: number; maxWaitMs: number }> | null;
}

function fail(t: Tally, p: number, reason: ProduceFailure, n: number): void {
  const k = `${p}:${reason}`;
  if (t.fails === null) t.fails = new Map();
  const f = t.fails.get(k) ?? { partition: p, reason, count: 0 };
  f.count += n;
  t.fails.set(k, f);
}

/** Records acknowledged after waiting `waitedMs` (the caller takes them out of buffered). */
function acknowledged(prod: ProducerState, t: Tally, p: number, n: number, waitedMs: number): void {
  if (waitedMs <= 0) return;
  prod.stats.delayed += n;
  if (waitedMs > prod.stats.maxLatencyMs) prod.stats.maxLatencyMs = waitedMs;
  if (waitedMs > prod.latencySinceSample) prod.latencySinceSample = waitedMs;
  if (t.late === null) t.late = new Map();
  const l = t.late.get(p) ?? { count: 0, maxWaitMs: 0 };
  l.count += n;
  if (waitedMs > l.maxWaitMs) l.maxWaitMs = waitedMs;
  t.late.set(p, l);
}

/** An acks=all record in the leader's log, not yet on every in-sync replica: acknowledged when the high watermark passes it. */
function awaitAck(prod: ProducerState, p: number, offset: number, sentAt: number): void {
  let q = prod.unacked[p];
  if (!q) {
    q = { head: 0, n: 0, end: [], count: [], at: [] };
    prod.unacked[p] = q;
  }
  q.n += 1;
  prod.buffered += 1;
  const last = q.end.length - 1;
  if (last >= q.head && q.at[last] === sentAt && q.end[last] === offset) {
    q.end[last] = offset + 1;
    q.count[last]! += 1;
  } else {
    q.end.push(offset + 1);
    q.count.push(1);
    q.at.push(sentAt);
  }
}

/** Appends one record of producer pi (sent at `sentAt`) to the leader's log; acks=all waits for the high watermark. */
function write(state: SimState, prod: ProducerState, pi: number, topic: TopicState, P: PartitionState, p: number, key: string | null, user: number, seq: number, sentAt: number, t: Tally, ctx: Ctx, now: number): void {
  const offset = appendRecord(P, state.config.recentRecords, key, user, pi * ENTITY_SHIFT + user, seq, now);
  if (t.bases[p] === -1) t.bases[p] = offset;
  t.counts[p]! += 1;
  if (P.poisonNext) takePoison(P, topic.name, offset, ctx, now);
  if (prod.acks === 'all' && P.hw <= offset) awaitAck(prod, p, offset, sentAt);
  else acknowledged(prod, t, p, 1, now - sentAt);
}

/** Acknowledge unacked acks=all records the high watermark has passed (with enough in-sync replicas); expire the ones past delivery.timeout.ms. */
function settleUnacked(state: SimState, prod: ProducerState, topic: TopicState, t: Tally, now: number): void {
  for (let p = 0; p < prod.unacked.length; p++) {
    const q = prod.unacked[p];
    if (!q) continue;
    const P = topic.partitions[p]!;
    // below min.insync.replicas the broker answers NOT_ENOUGH_REPLICAS_AFTER_APPEND: the producer retries (idempotence drops the duplicate) until it has enough
    const enough = P.isr.length >= topic.minInsyncReplicas && leaderUp(state, P);
    while (q.head < q.end.length) {
      const i = q.head;
      if (enough && q.end[i]! <= P.hw) {
        q.n -= q.count[i]!;
        prod.buffered -= q.count[i]!;
        acknowledged(prod, t, p, q.count[i]!, now - q.at[i]!);
      } else if (now - q.at[i]! >= prod.deliveryTimeoutMs) {
        // the send fails although the records are in the log
        q.n -= q.count[i]!;
        prod.buffered -= q.count[i]!;
        prod.stats.expired += q.count[i]!;
        fail(t, p, 'delivery-timeout', q.count[i]!);
      } else break;
      q.head += 1;
    }
    if (q.head >= q.end.length) prod.unacked[p] = null;
  }
}

/** Retry waiting records, oldest first: write them if the partition takes writes now, fail those past delivery.timeout.ms. */
function retryWaiting(state: SimState, prod: ProducerState, pi: number, topic: TopicState, t: Tally, ctx: Ctx, now: number): void {
  const cap = inFlightCap(prod);
  for (let p = 0; p < prod.waiting.length; p++) {
    const q = prod.waiting[p];
    if (!q) continue;
    const P = topic.partitions[p]!;
    let expired = 0;
    while (q.head < q.at.length && now - q.at[q.head]! >= prod.deliveryTimeoutMs) {
      q.head += 1;
      expired += 1;
    }
    if (expired) {
      prod.buffered -= expired;
      prod.stats.expired += expired;
      fail(t, p, 'delivery-timeout', expired);
    }
    const blocker = writeBlocker(state, topic, P, prod.acks);
    if (blocker) q.reason = blocker;
    else {
      let room = prod.acks === 'all' ? cap - unackedIn(prod.unacked[p]) : Infinity;
      while (q.head < q.at.length && room > 0) {
        const i = q.head;
        prod.buffered -= 1;
        write(state, prod, pi, topic, P, p, q.key[i]!, q.user[i]!, q.seq[i]!, q.at[i]!, t, ctx, now);
        q.head += 1;
        room -= 1;
      }
      if (q.head < q.at.length) q.reason = 'in-flight';
    }
    if (q.head >= q.at.length) prod.waiting[p] = null;
    else compactWait(q);
  }
}

/** Produce one tick of producer `pi`: retries and acknowledgements first, then this tick's new records. */
export function produce(state: SimState, pi: number, ctx: Ctx, now: number): void {
  const prod = state.producers[pi]!;
  if (prod.ratePerSec <= 0 && prod.buffered === 0 && prod.blockedSinceMs < 0) return;
  const topic = topicOf(state, prod.topic);
  const parts = topic.partitions;
  const np = parts.length;
  const t: Tally = { counts: new Array<number>(np).fill(0), bases: new Array<number>(np).fill(-1), fails: null, late: null };
  if (prod.buffered > 0) {
    settleUnacked(state, prod, topic, t, now);
    retryWaiting(state, prod, pi, topic, t, ctx, now);
  }
  const x = prod.carry + (prod.ratePerSec * TICK_MS) / 1000;
  const n = prod.ratePerSec > 0 ? Math.floor(x + 1e-9) : 0;
  prod.carry = x - n;
  const rng = state.rng;
  const keys = prod.keys;
  const room = capacity(prod);
  const inFlight = inFlightCap(prod);
  const recent = state.config.recentRecords;
  const entityBase = pi * ENTITY_SHIFT;
  const acksAll = prod.acks === 'all';
  // per partition this tick: 0 unknown, 1 writes go straight to the log, 2 records must wait
  const route = new Array<number>(np).fill(0);
  // looked up once per tick rather than per record (same draws, same partitions)
  const zipf = zipfTableOf(keys);
  const users = keys.users;
  const userParts = userPartitionMemo(np);
  for (let i = 0; i < n; i++) {
    if (prod.buffered >= room) {
      // buffer.memory is full: send() blocks; the application sends nothing more until there is room
      if (prod.blockedSinceMs < 0) {
        prod.blockedSinceMs = now;
        ctx.events.push({ type: 'producer/blocked', atMs: now, producer: prod.id, bufferedRecords: prod.buffered });
      } else if (now - prod.blockedSinceMs >= prod.maxBlockMs) {
        // max.block.ms ran out: this send() throws (a TimeoutException) and the next one blocks again
        prod.stats.blockedTimeouts += 1;
        prod.blockedSinceMs = now;
        fail(t, -1, 'buffer-exhausted', 1);
      }
      prod.carry = 0;
      break;
    }
    if (prod.blockedSinceMs >= 0) {
      ctx.events.push({ type: 'producer/unblocked', atMs: now, producer: prod.id, blockedMs: now - prod.blockedSinceMs });
      prod.blockedSinceMs = -1;
    }
    const user = zipf !== null ? sampleZipf(zipf, users, rng) : sampleUser(keys, rng);
    let key: string | null;
    let p: number;
    switch (keys.mode) {
      case 'user':
        key = userKey(user);
        p = userParts[user] ?? partitionForUser(user, np);
        break;
      case 'salted':
        if (user === 0) {
          key = saltedKey(0, prod.saltCounter % keys.saltBuckets);
          prod.saltCounter = (prod.saltCounter + 1) % keys.saltBuckets;
          p = cachedPartitionForKey(key, np);
        } else {
          key = userKey(user);
          p = partitionForUser(user, np);
        }
        break;
      case 'random':
        key = randomKey(rng);
        p = cachedPartitionForKey(key, np);
        break;
      case 'none':
      default:
        key = null;
        if (prod.stickyPartition < 0 || prod.stickyPartition >= np || prod.stickyBytes + prod.recordBytes > prod.batchSize || parts[prod.stickyPartition]!.leader < 0) {
          prod.stickyPartition = nextStickyPartition(rng, np, prod.stickyPartition, (q) => parts[q]!.leader >= 0);
          prod.stickyBytes = 0;
        }
        p = prod.stickyPartition;
        prod.stickyBytes += prod.recordBytes;
        break;
    }
    const seq = prod.userSeq[user]!;
    prod.userSeq[user] = seq + 1;
    const P = parts[p]!;
    let r = route[p]!;
    if (r === 0) {
      r = prod.waiting[p] || writeBlocker(state, topic, P, prod.acks) ? 2 : 1;
      route[p] = r;
    }
    if (r === 1 && acksAll && P.hw < P.logEnd && unackedIn(prod.unacked[p]) >= inFlight) {
      route[p] = r = 2;
    }
    if (r === 1) {
      // the common case: straight into the leader's log
      const offset = appendRecord(P, recent, key, user, entityBase + user, seq, now);
      if (t.bases[p] === -1) t.bases[p] = offset;
      t.counts[p]! += 1;
      if (P.poisonNext) takePoison(P, topic.name, offset, ctx, now);
      if (acksAll && P.hw <= offset) awaitAck(prod, p, offset, now);
      continue;
    }
    // the partition cannot take it now (or older records wait before it): it waits in the accumulator, in order
    const fresh = !prod.waiting[p];
    prod.buffered += 1;
    const q = waitQueue(prod, p, writeBlocker(state, topic, P, prod.acks) ?? 'in-flight');
    q.at.push(now);
    q.user.push(user);
    q.seq.push(seq);
    q.key.push(key);
    if (fresh) ctx.events.push({ type: 'producer/waiting', atMs: now, producer: prod.id, topic: topic.name, partition: p, reason: q.reason });
  }
  report(prod, topic, t, ctx, now);
}

function report(prod: ProducerState, topic: TopicState, t: Tally, ctx: Ctx, now: number): void {
  let produced = 0;
  const np = t.counts.length;
  for (let p = 0; p < np; p++) {
    const c = t.counts[p]!;
    if (c === 0) continue;
    produced += c;
    if (ctx.recordEvents) ctx.events.push({ type: 'record/produced', atMs: now, topic: topic.name, partition: p, baseOffset: t.bases[p]!, count: c });
  }
  topic.produced += produced;
  topic.producedSinceSample += produced;
  if (t.late) for (const [p, l] of t.late) ctx.events.push({ type: 'producer/delivered-late', atMs: now, producer: prod.id, topic: topic.name, partition: p, count: l.count, maxWaitMs: l.maxWaitMs });
  if (t.fails) for (const f of t.fails.values()) {
    topic.failed += f.count;
    topic.failedSinceSample += f.count;
    ctx.events.push({ type: 'record/failed', atMs: now, topic: topic.name, partition: f.partition, count: f.count, reason: f.reason, producer: prod.id });
  }
}

/** Records waiting to be written, per partition (for the view). */
export function waitingPerPartition(prod: ProducerState, np: number): number[] {
  const out = new Array<number>(np).fill(0);
  for (let p = 0; p < np && p < prod.waiting.length; p++) out[p] = waitingIn(prod.waiting[p]);
  return out;
}

/** acks=all records written but not yet acknowledged, per partition (for the view). */
export function unackedPerPartition(prod: ProducerState, np: number): number[] {
  const out = new Array<number>(np).fill(0);
  for (let p = 0; p < np && p < prod.unacked.length; p++) out[p] = unackedIn(prod.unacked[p]);
  return out;
}

/** How long the oldest record still in the buffer has waited (0 when none). */
export function oldestWaitMs(prod: ProducerState, now: number): number {
  let oldest = now;
  for (const q of prod.waiting) if (q && q.head < q.at.length && q.at[q.head]! < oldest) oldest = q.at[q.head]!;
  for (const q of prod.unacked) if (q && q.head < q.at.length && q.at[q.head]! < oldest) oldest = q.at[q.head]!;
  return now - oldest;
}

/**
 * Explicit records and client-driven groups: the parts of the engine that outside code (the lab's
 * KafkaJS-style clients) drives one call at a time.
 *
 * - producer/send appends exactly the records given (keyed ones on partitionForKey's partition,
 *   unkeyed ones on a sticky partition per topic, or an explicit partition) and keeps their keys
 *   and values in a bounded per-partition payload store.
 * - client/join, client/fetch and client/commit let a client be a member of a group whose driver
 *   is 'client'. The engine keeps membership, heartbeats, session and poll timeouts, the assignor,
 *   rebalances and the committed offsets, exactly as for its own groups.
 *
 * These functions update the state in place and push events into ctx; applyAction (actions.ts)
 * validates the action first, calls them and records the action.
 */
import { partitionForKey } from './kafka/index.ts';
import { DEFAULTS } from './config.ts';
import { deliver, commitPartition, fetchPosition, memberReady, POISON_CAP, pushMember, requestRebalance, revokeAll, startGroup, topicOf, type Ctx } from './engine.ts';
import { nextInt } from './rng.ts';
import type { GroupState, MemberState, PartitionState, PayloadStore, SimState, TopicState } from './state.ts';
import type { Acks, FetchedRecord, SendRecord, SendResult } from './types.ts';

/** batch.size for the sticky partition of unkeyed sends (Kafka's default). */
export const SEND_BATCH_BYTES = DEFAULTS.batchSize;
/** Bytes a record takes beyond its key and value in the sticky partitioner's count (an estimate of Kafka's per-record overhead). */
export const SEND_RECORD_OVERHEAD_BYTES = 20;
/** Entity marker in a partition's tracking window for explicitly sent records (no producer sequence to check). */
export const EXPLICIT_ENTITY = -1;

/** The payload store size limit of a state (older states without the setting use the default). */
export function payloadCap(state: SimState): number {
  return state.config.payloadRecords ?? DEFAULTS.payloadRecords;
}

function recordBytes(r: SendRecord): number {
  return (r.key?.length ?? 0) + (r.value?.length ?? 0) + SEND_RECORD_OVERHEAD_BYTES;
}

/** Kafka's built-in partitioner for unkeyed records: stay on one partition until a batch's worth of bytes went there. */
function stickyPartition(state: SimState, topic: TopicState, bytes: number): number {
  const np = topic.partitions.length;
  let s = topic.sendSticky;
  if (!s || s.partition >= np || s.bytes + bytes > SEND_BATCH_BYTES) {
    const prev = s ? s.partition : -1;
    let next = nextInt(state.rng, np);
    if (np > 1 && next === prev) next = (next + 1 + nextInt(state.rng, np - 1)) % np;
    s = { partition: next, bytes: 0 };
    topic.sendSticky = s;
  }
  s.bytes += bytes;
  return s.partition;
}

function payloadOf(P: PartitionState): PayloadStore {
  if (!P.payload) P.payload = { offsets: [], keys: [], values: [], at: [] };
  return P.payload;
}

/**
 * Appends the records in order. Records to an offline partition, or (acks=all) to a partition with
 * fewer in-sync replicas than min.insync.replicas, fail; the others get consecutive offsets per
 * partition. Returns where each record went, in the order given.
 */
export function sendRecords(state: SimState, topicName: string, records: SendRecord[], acks: Acks, ctx: Ctx, now: number): SendResult[] {
  const topic = topicOf(state, topicName);
  const np = topic.partitions.length;
  const ringCap = state.config.recentRecords;
  const cap = payloadCap(state);
  const results: SendResult[] = [];
  const counts = new Array<number>(np).fill(0);
  const bases = new Array<number>(np).fill(-1);
  const fails = new Map<string, { partition: number; reason: 'partition-offline' | 'not-enough-replicas'; count: number }>();
  const touched = new Set<number>();
  for (const r of records) {
    const p = r.partition !== undefined ? r.partition : r.key !== null ? partitionForKey(r.key, np) : stickyPartition(state, topic, recordBytes(r));
    const P = topic.partitions[p]!;
    const reason = P.leader < 0 ? 'partition-offline' : acks === 'all' && P.isr.length < topic.minInsyncReplicas ? 'not-enough-replicas' : null;
    if (reason) {
      const k = `${p}:${reason}`;
      const f = fails.get(k) ?? { partition: p, reason, count: 0 };
      f.count += 1;
      fails.set(k, f);
      results.push({ partition: p, error: reason });
      continue;
    }
    const offset = P.logEnd;
    P.logEnd = offset + 1;
    if (bases[p] === -1) bases[p] = offset;
    counts[p]! += 1;
    const ring = P.recent;
    const slot = offset % ringCap;
    ring.keys[slot] = r.key;
    ring.users[slot] = -1;
    ring.at[slot] = now;
    P.track.entity.push(EXPLICIT_ENTITY);
    P.track.seq.push(0);
    const pl = payloadOf(P);
    pl.offsets.push(offset);
    pl.keys.push(r.key);
    pl.values.push(r.value);
    pl.at.push(now);
    touched.add(p);
    if (P.poisonNext) {
      P.poisonNext = false;
      P.poison.push(offset);
      if (P.poison.length > POISON_CAP) P.poison.shift();
      ctx.events.push({ type: 'record/poisoned', atMs: now, topic: topic.name, partition: p, offset });
    }
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

/** Index of the first payload entry with offset >= o (binary search). */
function lowerBound(offsets: number[], o: number): number {
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
    if (pl && i < pl.offsets.length && pl.offsets[i] === o) {
      key = pl.keys[i]!;
      value = pl.values[i]!;
      at = pl.at[i]!;
    } else if (o >= P.logEnd - ringCap) {
      const slot = o % ringCap;
      key = P.recent.keys[slot] ?? null;
      at = P.recent.at[slot] ?? null;
    }
    out.push({ topic: topic.name, partition: p, offset: o, key, value, producedAtMs: at });
  }
  return out;
}

/** A client's JoinGroup: a new member with its own id; the group rebalances. */
export function joinClient(state: SimState, g: GroupState, id: string, fromBeginning: boolean | undefined, ctx: Ctx, now: number): MemberState {
  const m = pushMember(g, id, ctx, now);
  if (fromBeginning !== undefined) m.offsetReset = fromBeginning ? 'earliest' : 'latest';
  if (!g.started) {
    if (now >= g.startAtMs) startGroup(state, g, ctx, now);
  } else requestRebalance(state, g, ctx, now, 'member-joined');
  return m;
}

/**
 * A client's poll: records from the member's partitions at the group's positions (fair: each
 * fetch starts at the next partition), at most `max`. Nothing while an eager rebalance runs (the
 * member gives up its partitions and joins) or when the member owns nothing; during a cooperative
 * rebalance it keeps reading the partitions it still owns. Positions advance; the records count as
 * consumed by the member.
 */
export function fetchForClient(state: SimState, g: GroupState, m: MemberState, max: number, ctx: Ctx, now: number): FetchedRecord[] {
  m.lastPollMs = now;
  if (m.rejoinPending) {
    // it was dropped after max.poll.interval.ms; this poll is its new JoinGroup
    m.rejoinPending = false;
    m.inGroup = true;
    ctx.events.push({ type: 'consumer/joined', atMs: now, group: g.id, member: m.id });
    requestRebalance(state, g, ctx, now, 'member-joined');
    return [];
  }
  if (m.awaitingPoll) m.awaitingPoll = false;
  if (!m.inGroup) return [];
  const r = g.rebalance;
  if (r && r.protocol === 'eager') {
    revokeAll(state, g, m, ctx, now);
    return [];
  }
  const owned = m.owned;
  const n = owned.length;
  if (!n) return [];
  const topic = topicOf(state, g.topic);
  let left = max;
  const out: FetchedRecord[] = [];
  const start = m.fetchCursor % n;
  for (let k = 0; k < n && left > 0; k++) {
    const p = owned[(start + k) % n]!;
    const P = topic.partitions[p]!;
    if (P.leader < 0) continue;
    const pos = fetchPosition(g, P, p, m.offsetReset ?? g.autoOffsetReset);
    const take = Math.min(P.logEnd - pos, left);
    if (take <= 0) continue;
    out.push(...readRecords(state, topic, p, pos, take));
    deliver(g, m, topic, p, pos, take, ctx, now);
    g.position[p] = pos + take;
    left -= take;
  }
  m.fetchCursor = (start + 1) % n;
  if (out.length) m.awaitingPoll = true;
  return out;
}

/** Why a client's commit is refused, or null when it may commit these offsets. */
export function commitRefusal(state: SimState, g: GroupState, m: MemberState | undefined, memberId: string, offsets: { partition: number; offset: number }[]): string | null {
  if (!m || m.crashed || !m.inGroup) {
    return `member "${memberId}" is not a member of group "${g.id}" (it left, crashed or was removed): the coordinator refuses its commit`;
  }
  const parts = topicOf(state, g.topic).partitions;
  for (const o of offsets) {
    if (!Number.isInteger(o.partition) || o.partition < 0 || o.partition >= parts.length) return `partition ${String(o.partition)} does not exist in topic "${g.topic}"`;
    if (!m.owned.includes(o.partition)) {
      return `member "${m.id}" does not own partition ${o.partition} of "${g.topic}"${g.rebalance ? ' (the group is rebalancing)' : ''}: the coordinator refuses the commit`;
    }
    const end = parts[o.partition]!.logEnd;
    if (!Number.isInteger(o.offset) || o.offset < 0 || o.offset > end) return `offset ${String(o.offset)} for partition ${o.partition} must be a whole number between 0 and the log end (${end})`;
  }
  return null;
}

/** Stores the commits (validated with commitRefusal first). */
export function commitForClient(g: GroupState, offsets: { partition: number; offset: number }[], ctx: Ctx, now: number): void {
  for (const o of offsets) commitPartition(g, o.partition, o.offset, ctx, now);
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

/**
 * The earliest simulated time at which stepping would change a group by itself: a group starting,
 * a rebalance round that can complete (every member ready), a crashed member's session running
 * out, a member's max.poll.interval.ms running out. Null when nothing is pending. Rate producers
 * and auto-driven members act on every step and are not counted. Adapters that drive the
 * simulation from their own clock (the lab) use it to know when to step next; one whose clients
 * have no poll timeout (KafkaJS) passes { pollTimeouts: false }.
 */
export function nextDeadlineMs(state: SimState, options?: { pollTimeouts?: boolean }): number | null {
  const polls = options?.pollTimeouts ?? true;
  let next = Infinity;
  const now = state.timeMs;
  for (const g of state.groups) {
    if (!g.started) {
      next = Math.min(next, Math.max(now, g.startAtMs));
      continue;
    }
    const r = g.rebalance;
    if (r && g.members.filter((m) => m.inGroup).every((m) => memberReady(g, m))) next = Math.min(next, Math.max(now, r.roundStartedAtMs + g.rebalanceMs));
    for (const m of g.members) {
      if (m.crashed) next = Math.min(next, Math.max(now, m.lastHeartbeatMs + g.timeouts.sessionTimeoutMs));
      else if (polls && m.inGroup) next = Math.min(next, Math.max(now, m.lastPollMs + g.timeouts.maxPollIntervalMs + 1));
    }
  }
  return next === Infinity ? null : next;
}

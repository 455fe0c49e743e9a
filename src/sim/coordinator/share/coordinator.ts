/**
 * KIP-932 share groups: members share partitions. Every member may fetch from every partition of
 * the subscribed topic; the broker hands each record to one member at a time under an acquisition
 * lock, and the member acknowledges it (ACCEPT, RELEASE or REJECT). A record whose lock runs out
 * is available again; one that reaches the delivery count limit is archived. There are no
 * committed offsets and no ordering guarantee; the start of each share-partition comes from the
 * group's own share.auto.offset.reset.
 *
 * Simplifications: Kafka's share group assignor (SimpleAssignor) spreads partitions over members
 * and shares a partition among several members when there are more members than partitions; here
 * every member is assigned every partition (what the issue asks to show: any member, any
 * partition). Acknowledgements take effect when the application finishes each record (Kafka sends
 * them with the next ShareFetch or ShareAcknowledge). A share member's poll loop is not bounded
 * by max.poll.interval.ms here. Records are read up to the high watermark.
 */
import { topicOf } from '../../cluster/metadata.ts';
import { NEVER_COMPLETES, sampleBatchCost } from '../../consumer/batch.ts';
import { lastSeqArray } from '../../consumer/deliver.ts';
import type { Ctx } from '../../ctx.ts';
import { ENTITY_SHIFT } from '../../log/log.ts';
import type { BatchSegment, GroupState, MemberState, ShareGroupRuntime, SimState, TopicState } from '../../state.ts';
import { TICK_MS, type LeaveReason } from '../../types.ts';
import { addMember } from '../group.ts';
import { acknowledge, acquire, advanceStart, expireLocks, followLogStart, initSharePartition, newSharePartition, releaseMember, type AckType } from './sharePartition.ts';

export function shareRuntime(g: GroupState): ShareGroupRuntime {
  if (!g.share) {
    g.share = {
      groupEpoch: 0,
      partitions: [],
      stats: { acquired: 0, accepted: 0, released: 0, rejected: 0, archived: 0, redelivered: 0, lockExpired: 0, ackRefused: 0 },
      windowFull: [],
    };
  }
  return g.share;
}

/** Share-partitions for every partition of the topic (new partitions too), initialised with share.auto.offset.reset. */
function ensurePartitions(state: SimState, g: GroupState): void {
  const r = shareRuntime(g);
  const topic = topicOf(state, g.topic);
  while (r.partitions.length < topic.partitions.length) {
    const sp = newSharePartition();
    initSharePartition(sp, topic.partitions[r.partitions.length]!, g.shareGroup!.autoOffsetReset);
    r.partitions.push(sp);
    r.windowFull.push(false);
  }
}

function assignAll(state: SimState, g: GroupState): void {
  const n = topicOf(state, g.topic).partitions.length;
  const all = Array.from({ length: n }, (_, p) => p);
  for (const m of g.members) if (m.inGroup && !m.crashed) m.owned = [...all];
}

/** Membership changed: a new group epoch; every member is assigned every partition. */
export function shareMembershipChanged(state: SimState, g: GroupState, ctx: Ctx, now: number): void {
  if (!g.started) return;
  ensurePartitions(state, g);
  const r = shareRuntime(g);
  r.groupEpoch += 1;
  g.generation = r.groupEpoch;
  assignAll(state, g);
  for (const m of g.members) {
    if (!m.inGroup || m.crashed) continue;
    m.memberEpoch = r.groupEpoch;
    ctx.events.push({ type: 'consumer/assigned', atMs: now, group: g.id, member: m.id, partitions: [...m.owned] });
  }
}

export function startShareGroup(state: SimState, g: GroupState, ctx: Ctx, now: number): void {
  g.started = true;
  ensurePartitions(state, g);
  for (let i = 0; i < g.initialConsumers; i++) addMember(g, ctx, now);
  shareMembershipChanged(state, g, ctx, now);
}

export function addShareMembers(state: SimState, g: GroupState, count: number, ctx: Ctx, now: number): void {
  for (let i = 0; i < count; i++) addMember(g, ctx, now);
  shareMembershipChanged(state, g, ctx, now);
}

/** A member leaves (or is fenced): the records it holds are released at once. */
export function removeShareMember(state: SimState, g: GroupState, m: MemberState, ctx: Ctx, now: number, reason: LeaveReason): void {
  const idx = g.members.indexOf(m);
  if (idx >= 0) g.members.splice(idx, 1);
  m.inGroup = false;
  m.owned = [];
  m.batch = null;
  const r = shareRuntime(g);
  r.partitions.forEach((sp, p) => {
    const { released, archived } = releaseMember(sp, m.id, g.shareGroup!.deliveryCountLimit);
    if (released.length) {
      r.stats.released += released.length;
      ctx.events.push({ type: 'share/acknowledged', atMs: now, group: g.id, member: m.id, partition: p, offsets: released, ack: 'release' });
    }
    if (archived.length) {
      r.stats.archived += archived.length;
      ctx.events.push({ type: 'share/archived', atMs: now, group: g.id, partition: p, offsets: archived, reason: 'delivery-limit' });
    }
    advanceStart(sp);
  });
  ctx.events.push({ type: 'consumer/left', atMs: now, group: g.id, member: m.id, reason });
  shareMembershipChanged(state, g, ctx, now);
}

/** One tick of a share group: session timeouts, lock expiry, retention, then every member's application loop. */
export function stepShareGroup(state: SimState, g: GroupState, ctx: Ctx, now: number): void {
  ensurePartitions(state, g);
  const s = g.shareGroup!;
  const r = shareRuntime(g);
  for (let i = g.members.length - 1; i >= 0; i--) {
    const m = g.members[i]!;
    if (m.crashed) {
      // group.share.session.timeout.ms after its last heartbeat
      if (now - m.lastHeartbeatMs >= s.sessionTimeoutMs) removeShareMember(state, g, m, ctx, now, 'session-timeout');
    } else if (now - m.lastHeartbeatMs >= s.heartbeatIntervalMs) m.lastHeartbeatMs = now;
  }
  const topic = topicOf(state, g.topic);
  r.partitions.forEach((sp, p) => {
    g.stats.skipped += followLogStart(sp, topic.partitions[p]!);
    const { byMember, archived } = expireLocks(sp, now, s.deliveryCountLimit);
    for (const [member, offsets] of byMember) {
      r.stats.lockExpired += offsets.length;
      ctx.events.push({ type: 'share/lock-expired', atMs: now, group: g.id, partition: p, offsets, member });
    }
    if (archived.length) {
      r.stats.archived += archived.length;
      ctx.events.push({ type: 'share/archived', atMs: now, group: g.id, partition: p, offsets: archived, reason: 'delivery-limit' });
    }
    if (archived.length || byMember.size) advanceStart(sp);
  });
  // members poll concurrently in Kafka; here the one that goes first rotates every tick, so that no member is always served last
  const n = g.members.length;
  for (let k = 0; k < n; k++) {
    const m = g.members[(state.tick + k) % n]!;
    if (!m.crashed && m.inGroup) shareConsumeMember(state, g, topic, m, ctx, now);
  }
}

/** A share consumer's poll: acquire up to max.poll.records records over the partitions, starting at the next one. */
function sharePoll(state: SimState, g: GroupState, topic: TopicState, m: MemberState, ctx: Ctx, now: number): boolean {
  const r = shareRuntime(g);
  const s = g.shareGroup!;
  const n = r.partitions.length;
  if (!n) return false;
  let left = g.timeouts.maxPollRecords;
  const segments: BatchSegment[] = [];
  const start = m.fetchCursor % n;
  for (let k = 0; k < n && left > 0; k++) {
    const p = (start + k) % n;
    const P = topic.partitions[p]!;
    if (P.leader < 0) continue;
    const sp = r.partitions[p]!;
    const got = acquire(sp, P.hw, m.id, left, now, s.recordLockDurationMs, s.maxRecordLocks);
    if (got.windowFull && !r.windowFull[p]) {
      r.windowFull[p] = true;
      ctx.events.push({ type: 'share/window-full', atMs: now, group: g.id, partition: p, startOffset: sp.startOffset, inFlight: sp.endOffset - sp.startOffset });
    } else if (!got.windowFull) r.windowFull[p] = false;
    if (!got.offsets.length) continue;
    left -= got.offsets.length;
    r.stats.acquired += got.offsets.length;
    r.stats.redelivered += got.redelivered;
    ctx.events.push({ type: 'share/acquired', atMs: now, group: g.id, member: m.id, partition: p, offsets: got.offsets, redelivered: got.redelivered, lockUntilMs: now + s.recordLockDurationMs });
    // contiguous runs become batch segments
    const offs = [...got.offsets].sort((a, b) => a - b);
    let from = offs[0]!;
    let count = 1;
    for (let i = 1; i < offs.length; i++) {
      if (offs[i] === from + count) count += 1;
      else {
        segments.push({ partition: p, from, count });
        from = offs[i]!;
        count = 1;
      }
    }
    segments.push({ partition: p, from, count });
  }
  m.fetchCursor = (start + 1) % n;
  const total = segments.reduce((a, x) => a + x.count, 0);
  if (!total) return false;
  const cost = sampleBatchCost(state, g, total);
  m.batch = { segments, seg: 0, doneInSeg: 0, remaining: total, costMs: cost, progressMs: 0, deadLetter: false };
  return true;
}

function ack(g: GroupState, m: MemberState, p: number, offsets: number[], type: AckType, ctx: Ctx, now: number): number {
  const r = shareRuntime(g);
  const sp = r.partitions[p]!;
  const lim = g.shareGroup!.deliveryCountLimit;
  const ok: number[] = [];
  const archivedLimit: number[] = [];
  let refused = 0;
  for (const o of offsets) {
    const out = acknowledge(sp, o, m.id, type, lim);
    if (out === 'refused') {
      refused += 1;
      r.stats.ackRefused += 1;
      ctx.events.push({ type: 'share/ack-refused', atMs: now, group: g.id, member: m.id, partition: p, offset: o });
      continue;
    }
    ok.push(o);
    if (out === 'archived-limit') archivedLimit.push(o);
  }
  if (ok.length) {
    if (type === 'accept') r.stats.accepted += ok.length;
    else if (type === 'release') r.stats.released += ok.length;
    else r.stats.rejected += ok.length;
    if (ctx.recordEvents || type !== 'accept') ctx.events.push({ type: 'share/acknowledged', atMs: now, group: g.id, member: m.id, partition: p, offsets: ok, ack: type });
  }
  if (type === 'reject' && ok.length) {
    r.stats.archived += ok.length;
    ctx.events.push({ type: 'share/archived', atMs: now, group: g.id, partition: p, offsets: ok, reason: 'rejected' });
  }
  if (archivedLimit.length) {
    r.stats.archived += archivedLimit.length;
    ctx.events.push({ type: 'share/archived', atMs: now, group: g.id, partition: p, offsets: archivedLimit, reason: 'delivery-limit' });
  }
  advanceStart(sp);
  return refused;
}

/** Processed records: counted, checked for per-user order, and ACCEPTed. */
function processRun(g: GroupState, m: MemberState, topic: TopicState, p: number, from: number, count: number, ctx: Ctx, now: number): void {
  const tr = topic.partitions[p]!.track;
  let outOfOrder = 0;
  for (let o = Math.max(from, tr.base); o < from + count && o - tr.base < tr.entity.length; o++) {
    const e = tr.entity[o - tr.base]!;
    if (e < 0) continue;
    const pi = (e / ENTITY_SHIFT) | 0;
    const u = e - pi * ENTITY_SHIFT;
    const arr = lastSeqArray(g, pi, u);
    const sq = tr.seq[o - tr.base]!;
    if (sq < arr[u]!) outOfOrder++;
    else arr[u] = sq;
  }
  g.stats.outOfOrder += outOfOrder;
  m.processed += count;
  g.stats.processed += count;
  g.processedSinceSample += count;
  if (ctx.recordEvents) ctx.events.push({ type: 'record/consumed', atMs: now, group: g.id, member: m.id, topic: g.topic, partition: p, fromOffset: from, count });
  const offsets = Array.from({ length: count }, (_, i) => from + i);
  // processed, but the lock had run out: the broker refuses the ACCEPT and someone processes it again
  g.stats.duplicates += ack(g, m, p, offsets, 'accept', ctx, now);
}

/** A share member's application loop for one tick: poll (acquire), process record by record, acknowledge. */
export function shareConsumeMember(state: SimState, g: GroupState, topic: TopicState, m: MemberState, ctx: Ctx, now: number): void {
  let budget = TICK_MS;
  const end = now + TICK_MS;
  let guard = 0;
  while (budget > 0 && guard++ < 10_000) {
    const t = end - budget;
    if (m.hung) {
      if (g.downstream.failureRate >= 1) return;
      m.hung = null;
      if (m.batch) {
        m.batch.costMs = sampleBatchCost(state, g, Math.max(1, m.batch.remaining));
        m.batch.progressMs = 0;
      }
      continue;
    }
    if (!m.batch) {
      m.lastPollMs = t;
      if (!sharePoll(state, g, topic, m, ctx, now)) return;
    }
    const b = m.batch!;
    if (b.costMs === NEVER_COMPLETES) {
      const sg = b.segments[b.seg]!;
      m.hung = { partition: sg.partition, offset: sg.from + b.doneInSeg, sinceMs: t, reason: 'downstream-down' };
      ctx.events.push({ type: 'consumer/stuck', atMs: now, group: g.id, member: m.id, topic: g.topic, partition: sg.partition, offset: sg.from + b.doneInSeg, reason: 'downstream-down' });
      return;
    }
    const canDo = b.costMs <= 0 ? b.remaining : Math.floor((budget + b.progressMs) / b.costMs + 1e-9);
    let k = Math.min(b.remaining, canDo);
    let done = 0;
    while (k > 0) {
      const sg = b.segments[b.seg]!;
      const from = sg.from + b.doneInSeg;
      let take = Math.min(k, sg.count - b.doneInSeg);
      const P = topic.partitions[sg.partition]!;
      let poisonAt = -1;
      for (const off of P.poison) {
        if (off >= from && off < from + take) {
          take = off - from;
          poisonAt = off;
          break;
        }
      }
      if (take > 0) processRun(g, m, topic, sg.partition, from, take, ctx, now);
      let step = take;
      if (poisonAt >= 0) {
        // the application fails on this record and acknowledges it as it chose: RELEASE or REJECT
        ack(g, m, sg.partition, [poisonAt], g.shareGroup!.onFailure, ctx, now);
        step += 1;
      }
      done += step;
      k -= step;
      b.doneInSeg += step;
      b.remaining -= step;
      if (b.doneInSeg >= sg.count) {
        b.seg += 1;
        b.doneInSeg = 0;
      }
    }
    const used = b.costMs <= 0 ? 0 : Math.max(0, done * b.costMs - b.progressMs);
    if (b.remaining <= 0) {
      budget -= Math.min(budget, used);
      b.progressMs = 0;
      m.batch = null;
      continue;
    }
    b.progressMs = budget + b.progressMs - done * b.costMs;
    budget = 0;
  }
}

/**
 * A simulator-driven member's application loop within one tick: poll, process the batch record by
 * record (hanging on a poison record or a dead downstream), dead-letter records that time out,
 * commit, and take part in an eager rebalance between batches.
 */
import { commitOwned } from '../coordinator/offsets.ts';
import { memberProtocol } from '../coordinator/classic/protocol.ts';
import { revokeAll } from '../coordinator/classic/rebalance.ts';
import { revokeAtPoll } from '../coordinator/consumer/coordinator.ts';
import { rejoinGroup } from '../coordinator/dispatch.ts';
import type { Ctx } from '../ctx.ts';
import type { GroupState, MemberState, SimState, TopicState } from '../state.ts';
import { TICK_MS } from '../types.ts';
import { NEVER_COMPLETES, sampleBatchCost } from './batch.ts';
import { deliver } from './deliver.ts';
import { poll } from './fetch.ts';

export function consumeMember(state: SimState, g: GroupState, topic: TopicState, m: MemberState, ctx: Ctx, now: number): void {
  let budget = TICK_MS;
  const end = now + TICK_MS;
  let guard = 0;
  while (budget > 0 && guard++ < 10_000) {
    const t = end - budget;
    if (m.hung && m.hung.reason === 'downstream-down' && g.downstream.failureRate < 1) {
      // the dependency is back: the retried call succeeds and the batch goes on
      m.hung = null;
      if (m.batch) {
        m.batch.costMs = sampleBatchCost(state, g, Math.max(1, m.batch.remaining));
        m.batch.progressMs = 0;
      }
      continue;
    }
    if (m.hung) {
      if (!g.dlq.enabled) return;
      const fireAt = m.hung.sinceMs + g.dlq.recordTimeoutMs;
      if (fireAt > end) return;
      deadLetter(g, m, ctx, Math.max(t, fireAt));
      budget = end - Math.max(t, fireAt);
      continue;
    }
    if (!m.batch) {
      if (m.rejoinPending) {
        rejoinGroup(state, g, m, ctx, now);
        m.lastPollMs = t;
        return;
      }
      if (!m.inGroup || m.leftStatic) return;
      m.lastPollMs = t;
      // KIP-848: partitions the coordinator asked for are given up inside poll(), then it heartbeats
      if (m.revoking) revokeAtPoll(state, g, m, ctx, now);
      if (g.commit.mode === 'auto' && t - m.lastAutoCommitMs >= g.commit.intervalMs) {
        m.lastAutoCommitMs = t;
        commitOwned(g, m, ctx, now);
      }
      const r = g.rebalance;
      if (r && memberProtocol(g, m) === 'eager') {
        revokeAll(state, g, m, ctx, now);
        return;
      }
      if (!poll(state, g, topic, m)) return;
    }
    const b = m.batch!;
    if (b.costMs === NEVER_COMPLETES) {
      const s = b.segments[b.seg]!;
      m.hung = { partition: s.partition, offset: s.from + b.doneInSeg, sinceMs: t, reason: 'downstream-down' };
      ctx.events.push({ type: 'consumer/stuck', atMs: now, group: g.id, member: m.id, topic: g.topic, partition: s.partition, offset: s.from + b.doneInSeg, reason: 'downstream-down' });
      continue;
    }
    const canDo = b.costMs <= 0 ? b.remaining : Math.floor((budget + b.progressMs) / b.costMs + 1e-9);
    let k = Math.min(b.remaining, canDo);
    // deliver k records in order, stopping at a poison record
    let hungAt = -1;
    let delivered = 0;
    while (k > 0) {
      const s = b.segments[b.seg]!;
      const from = s.from + b.doneInSeg;
      let take = Math.min(k, s.count - b.doneInSeg);
      const P = topic.partitions[s.partition]!;
      if (P.poison.length) {
        for (const off of P.poison) {
          if (off >= from && off < from + take) {
            take = off - from;
            hungAt = off;
            break;
          }
        }
      }
      if (take > 0) deliver(g, m, topic, s.partition, from, take, ctx, now);
      delivered += take;
      k -= take;
      b.doneInSeg += take;
      b.remaining -= take;
      if (hungAt >= 0) {
        m.hung = { partition: s.partition, offset: hungAt, sinceMs: 0, reason: 'poison' };
        break;
      }
      if (b.doneInSeg >= s.count) {
        b.seg += 1;
        b.doneInSeg = 0;
      }
    }
    const used = b.costMs <= 0 ? 0 : Math.max(0, delivered * b.costMs - b.progressMs);
    if (m.hung) {
      b.progressMs = 0;
      budget -= Math.min(budget, used);
      m.hung.sinceMs = end - budget;
      ctx.events.push({ type: 'consumer/stuck', atMs: now, group: g.id, member: m.id, topic: g.topic, partition: m.hung.partition, offset: m.hung.offset, reason: 'poison' });
      continue;
    }
    if (b.remaining <= 0) {
      budget -= Math.min(budget, used);
      b.progressMs = 0;
      completeBatch(state, g, m, ctx, now);
      continue;
    }
    b.progressMs = budget + b.progressMs - delivered * b.costMs;
    budget = 0;
  }
}

export function deadLetter(g: GroupState, m: MemberState, ctx: Ctx, at: number): void {
  const h = m.hung!;
  m.hung = null;
  g.stats.deadLettered += 1;
  ctx.events.push({ type: 'record/dead-lettered', atMs: at, group: g.id, member: m.id, topic: g.topic, partition: h.partition, offset: h.offset });
  const b = m.batch;
  if (!b) return;
  // the record counts as handled: move past it
  const s = b.segments[b.seg];
  if (s && s.partition === h.partition && s.from + b.doneInSeg === h.offset) {
    b.doneInSeg += 1;
    b.remaining -= 1;
    b.progressMs = 0;
    if (m.owned.includes(h.partition)) g.done[h.partition] = h.offset + 1;
    if (g.processedHW[h.partition]! < h.offset + 1) g.processedHW[h.partition] = h.offset + 1;
    if (b.doneInSeg >= s.count) {
      b.seg += 1;
      b.doneInSeg = 0;
    }
  }
  if (b.remaining <= 0) m.batch = null;
}

export function completeBatch(state: SimState, g: GroupState, m: MemberState, ctx: Ctx, now: number): void {
  const b = m.batch!;
  m.batch = null;
  if (g.commit.mode === 'after-processing') {
    if (m.inGroup) {
      const parts = [...new Set(b.segments.map((s) => s.partition))].filter((p) => m.owned.includes(p));
      commitOwned(g, m, ctx, now, parts);
    } else {
      ctx.events.push({ type: 'offset/commit-failed', atMs: now, group: g.id, member: m.id, reason: 'not-a-member' });
    }
  }
  if (g.rebalance && m.inGroup && memberProtocol(g, m) === 'eager') revokeAll(state, g, m, ctx, now);
}

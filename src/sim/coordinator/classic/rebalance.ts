/**
 * The classic group protocol's rebalances (JoinGroup/SyncGroup): eager (every member revokes
 * everything, one round) and cooperative (KIP-429: only moving partitions are revoked, a second
 * round assigns them). The assignment itself runs Kafka's client-side assignors from kafka/.
 */
import { assignPartitions, parseTopicPartition } from '../../kafka/index.ts';
import { topicOf } from '../../cluster/metadata.ts';
import { dropSegments } from '../../consumer/batch.ts';
import type { Ctx } from '../../ctx.ts';
import type { GroupState, MemberState, SimState } from '../../state.ts';
import type { RebalanceReason } from '../../types.ts';
import { addMember } from '../group.ts';
import { commitOwned } from '../offsets.ts';

export function startGroup(state: SimState, g: GroupState, ctx: Ctx, now: number): void {
  g.started = true;
  for (let i = 0; i < g.initialConsumers; i++) addMember(g, ctx, now);
  if (g.members.length) requestRebalance(state, g, ctx, now, 'group-started');
}

export function requestRebalance(state: SimState, g: GroupState, ctx: Ctx, now: number, reason: RebalanceReason): void {
  if (!g.started) return;
  if (g.rebalance) {
    // joins and leaves during the first round are folded into it; later ones need another rebalance
    if (g.rebalance.round === 2 && !g.rebalanceQueued) g.rebalanceQueued = reason;
    return;
  }
  if (!g.members.some((m) => m.inGroup)) return;
  g.generation += 1;
  g.rebalance = { generation: g.generation, startedAtMs: now, roundStartedAtMs: now, round: 1, reason, protocol: g.protocol, target: null, moving: [] };
  ctx.events.push({ type: 'group/rebalance-started', atMs: now, group: g.id, generation: g.generation, protocol: g.protocol, reason });
  if (g.protocol === 'eager') {
    // eager: every member gives up everything; idle members revoke at once, busy ones after their batch
    for (const m of g.members) if (m.inGroup && !m.batch && !m.hung && !m.awaitingPoll) revokeAll(state, g, m, ctx, now);
  }
}

export function revokeAll(state: SimState, g: GroupState, m: MemberState, ctx: Ctx, now: number): void {
  if (!m.owned.length) return;
  if (g.commit.mode === 'auto') commitOwned(g, m, ctx, now);
  const parts = m.owned;
  m.owned = [];
  ctx.events.push({ type: 'consumer/revoked', atMs: now, group: g.id, member: m.id, partitions: parts });
  void state;
}

export function finishRebalance(g: GroupState, ctx: Ctx, now: number): void {
  const r = g.rebalance!;
  g.rebalance = null;
  g.stats.rebalances += 1;
  ctx.events.push({ type: 'group/rebalance-completed', atMs: now, group: g.id, generation: r.generation, durationMs: now - r.startedAtMs });
}

/** The position a newly assigned partition starts from: the committed offset, else auto.offset.reset (the member's own, if it has one). */
export function startPosition(state: SimState, g: GroupState, p: number, m?: MemberState): number {
  const P = topicOf(state, g.topic).partitions[p]!;
  const c = g.committed[p];
  if (c !== null && c !== undefined && c >= P.logStart) return Math.min(c, P.logEnd);
  return (m?.offsetReset ?? g.autoOffsetReset) === 'earliest' ? P.logStart : P.logEnd;
}

export function giveTo(state: SimState, g: GroupState, m: MemberState, parts: number[]): void {
  for (const p of parts) {
    const pos = startPosition(state, g, p, m);
    g.position[p] = pos;
    g.done[p] = pos;
    if (g.processedHW[p]! < 0) g.processedHW[p] = pos;
    if (!m.owned.includes(p)) m.owned.push(p);
  }
  m.owned.sort((a, b) => a - b);
}

export function computeTarget(state: SimState, g: GroupState): Record<string, number[]> {
  const topic = topicOf(state, g.topic);
  const live = g.members.filter((m) => m.inGroup && !m.crashed);
  const result = assignPartitions(
    g.assignor,
    { [g.topic]: topic.partitions.length },
    live.map((m) => ({ id: m.id, topics: [g.topic], ownedPartitions: m.owned.map((p) => `${g.topic}-${p}`), generation: g.generation - 1 })),
  );
  const out: Record<string, number[]> = {};
  for (const m of live) {
    const list = result[m.id] ?? [];
    out[m.id] = list.map((tp) => parseTopicPartition(tp).partition).sort((a, b) => a - b);
  }
  return out;
}

/** Whether a member is ready for the current rebalance round to complete (call only while g.rebalance is set). */
export function memberReady(g: GroupState, m: MemberState): boolean {
  if (m.crashed || m.hung) return false;
  if (m.awaitingPoll) {
    // a client still handling its last fetch: it joins on its next fetch (cooperative: a fetch after the round started)
    return g.rebalance!.protocol === 'cooperative' && m.lastPollMs >= g.rebalance!.roundStartedAtMs;
  }
  if (!m.batch) return true;
  // cooperative members keep polling; a poll after the round started is their JoinGroup
  return g.rebalance!.protocol === 'cooperative' && m.lastPollMs >= g.rebalance!.roundStartedAtMs;
}

export function progressRebalance(state: SimState, g: GroupState, ctx: Ctx, now: number): void {
  const r = g.rebalance;
  if (!r) return;
  if (now - r.roundStartedAtMs < g.rebalanceMs) return;
  const inGroup = g.members.filter((m) => m.inGroup);
  if (!inGroup.every((m) => memberReady(g, m))) return;
  if (r.protocol === 'eager') {
    const target = computeTarget(state, g);
    for (const m of inGroup) {
      m.owned = [];
      giveTo(state, g, m, target[m.id] ?? []);
      ctx.events.push({ type: 'consumer/assigned', atMs: now, group: g.id, member: m.id, partitions: [...m.owned] });
    }
    finishRebalance(g, ctx, now);
  } else if (r.round === 1) {
    const target = computeTarget(state, g);
    const owned = new Set<number>();
    for (const m of inGroup) for (const p of m.owned) owned.add(p);
    const moving: number[] = [];
    for (const m of inGroup) {
      const want = target[m.id] ?? [];
      const revoke = m.owned.filter((p) => !want.includes(p));
      if (revoke.length) {
        commitOwned(g, m, ctx, now, revoke);
        m.owned = m.owned.filter((p) => want.includes(p));
        if (m.batch) dropSegments(m, revoke);
        moving.push(...revoke);
        ctx.events.push({ type: 'consumer/revoked', atMs: now, group: g.id, member: m.id, partitions: revoke });
      }
      // partitions nobody owned can be handed out in the first round already
      const fresh = want.filter((p) => !owned.has(p));
      if (fresh.length) {
        giveTo(state, g, m, fresh);
        ctx.events.push({ type: 'consumer/assigned', atMs: now, group: g.id, member: m.id, partitions: fresh });
      }
    }
    if (!moving.length) {
      finishRebalance(g, ctx, now);
    } else {
      r.round = 2;
      r.roundStartedAtMs = now;
      r.target = target;
      r.moving = moving.sort((a, b) => a - b);
      ctx.events.push({ type: 'group/rebalance-round', atMs: now, group: g.id, generation: r.generation, round: 2 });
    }
  } else {
    const target = r.target ?? {};
    let orphaned = false;
    for (const p of r.moving) {
      const m = inGroup.find((x) => (target[x.id] ?? []).includes(p) && !x.crashed);
      if (!m) {
        orphaned = true;
        continue;
      }
      giveTo(state, g, m, [p]);
    }
    for (const m of inGroup) {
      const got = r.moving.filter((p) => m.owned.includes(p));
      if (got.length) ctx.events.push({ type: 'consumer/assigned', atMs: now, group: g.id, member: m.id, partitions: got });
    }
    finishRebalance(g, ctx, now);
    if (orphaned && !g.rebalanceQueued) g.rebalanceQueued = 'member-left';
  }
  if (!g.rebalance && g.rebalanceQueued) {
    const reason = g.rebalanceQueued;
    g.rebalanceQueued = null;
    requestRebalance(state, g, ctx, now, reason);
  }
}

/**
 * The classic group protocol's rebalances (JoinGroup/SyncGroup), per member as Kafka's
 * ConsumerCoordinator runs them (KIP-429):
 *
 * - An eager member gives up all its partitions before each JoinGroup round.
 * - A cooperative member keeps them; after a round's SyncGroup it gives up only the partitions
 *   the new assignment no longer lists, and then rejoins, so the group runs another round in which
 *   those partitions are assigned. A rebalance that moves partitions therefore takes two rounds
 *   (revoke, then assign); one that moves none takes one.
 *
 * The assignor is the one the coordinator selected (GroupMetadata.selectProtocol); it runs as one
 * call of Kafka's client-side assignor from kafka/ (cooperative-sticky withholds partitions that
 * another member still owns, as CooperativeStickyAssignor does).
 */
import { assignPartitions, parseTopicPartition, type AssignorName } from '../../kafka/index.ts';
import { topicOf } from '../../cluster/metadata.ts';
import { dropSegments } from '../../consumer/batch.ts';
import type { Ctx } from '../../ctx.ts';
import type { GroupState, MemberState, SimState } from '../../state.ts';
import type { RebalanceReason } from '../../types.ts';
import { addMember } from '../group.ts';
import { commitOwned } from '../offsets.ts';
import { assignorsOf, groupProtocol, memberProtocol, selectAssignor } from './protocol.ts';

export function startGroup(state: SimState, g: GroupState, ctx: Ctx, now: number): void {
  g.started = true;
  for (let i = 0; i < g.initialConsumers; i++) addMember(g, ctx, now);
  if (g.members.length) requestRebalance(state, g, ctx, now, 'group-started');
}

export function requestRebalance(state: SimState, g: GroupState, ctx: Ctx, now: number, reason: RebalanceReason): void {
  if (!g.started) return;
  if (g.rebalance) {
    // joins and leaves during the first round are folded into it; later ones need another rebalance
    if (g.rebalance.round >= 2 && !g.rebalanceQueued) g.rebalanceQueued = reason;
    return;
  }
  if (!g.members.some((m) => m.inGroup)) return;
  g.generation += 1;
  g.protocol = groupProtocol(g);
  g.rebalance = { generation: g.generation, startedAtMs: now, roundStartedAtMs: now, round: 1, reason, protocol: g.protocol, moving: [] };
  const mixed = g.protocol === 'eager' && g.members.some((m) => m.inGroup && !m.crashed && memberProtocol(g, m) === 'cooperative');
  ctx.events.push({ type: 'group/rebalance-started', atMs: now, group: g.id, generation: g.generation, protocol: g.protocol, reason, ...(mixed ? { mixed: true } : {}) });
  revokeEager(state, g, ctx, now);
}

/** Before each JoinGroup round, eager members give up everything: idle ones at once, busy ones after their batch. */
function revokeEager(state: SimState, g: GroupState, ctx: Ctx, now: number): void {
  for (const m of g.members) {
    if (m.inGroup && !m.batch && !m.hung && !m.awaitingPoll && memberProtocol(g, m) === 'eager') revokeAll(state, g, m, ctx, now);
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
  // latest is the high watermark (ListOffsets LATEST for a read_uncommitted consumer)
  return (m?.offsetReset ?? g.autoOffsetReset) === 'earliest' ? P.logStart : P.hw;
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

/** One run of the selected assignor over the live members (member id -> partitions, sorted). */
export function computeTarget(state: SimState, g: GroupState, assignor: AssignorName = g.assignor): Record<string, number[]> {
  const topic = topicOf(state, g.topic);
  const live = g.members.filter((m) => m.inGroup && !m.crashed);
  const result = assignPartitions(
    assignor,
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
  // cooperative members keep polling; a poll after the round started is their JoinGroup
  const rejoined = memberProtocol(g, m) === 'cooperative' && m.lastPollMs >= g.rebalance!.roundStartedAtMs;
  // a client still handling its last fetch joins on its next fetch
  if (m.awaitingPoll) return rejoined;
  // an eager member joins once its batch is done (it revokes everything then)
  if (!m.batch) return true;
  return rejoined;
}

export function progressRebalance(state: SimState, g: GroupState, ctx: Ctx, now: number): void {
  const r = g.rebalance;
  if (!r) return;
  if (now - r.roundStartedAtMs < g.rebalanceMs) return;
  const inGroup = g.members.filter((m) => m.inGroup);
  if (!inGroup.every((m) => memberReady(g, m))) return;
  const live = inGroup.filter((m) => !m.crashed);
  g.assignor = selectAssignor(live.map((m) => assignorsOf(g, m))) ?? g.assignor;
  if (inGroup.every((m) => memberProtocol(g, m) === 'eager')) {
    // eager: every member revoked everything before joining; one round hands everything out
    const target = computeTarget(state, g);
    for (const m of inGroup) {
      m.owned = [];
      giveTo(state, g, m, target[m.id] ?? []);
      ctx.events.push({ type: 'consumer/assigned', atMs: now, group: g.id, member: m.id, partitions: [...m.owned] });
    }
    finishRebalance(g, ctx, now);
  } else {
    const target = computeTarget(state, g);
    const owned = new Set<number>();
    for (const m of inGroup) for (const p of m.owned) owned.add(p);
    const moving: number[] = [];
    for (const m of inGroup) {
      const want = target[m.id] ?? [];
      // a cooperative member gives up only what its new assignment no longer lists (eager members own nothing now)
      const revoke = m.owned.filter((p) => !want.includes(p));
      if (revoke.length) {
        commitOwned(g, m, ctx, now, revoke);
        m.owned = m.owned.filter((p) => want.includes(p));
        if (m.batch) dropSegments(m, revoke);
        moving.push(...revoke);
        ctx.events.push({ type: 'consumer/revoked', atMs: now, group: g.id, member: m.id, partitions: revoke });
      }
      // partitions nobody owned are handed out now; ones still owned by another member are withheld by the assignor
      const fresh = want.filter((p) => !owned.has(p));
      if (fresh.length) {
        giveTo(state, g, m, fresh);
        ctx.events.push({ type: 'consumer/assigned', atMs: now, group: g.id, member: m.id, partitions: fresh });
      }
    }
    if (!moving.length) {
      finishRebalance(g, ctx, now);
    } else {
      // the members that revoked rejoin at once: a new JoinGroup round (a new generation) assigns what they gave up
      r.round += 1;
      r.roundStartedAtMs = now;
      g.generation += 1;
      r.generation = g.generation;
      r.moving = moving.sort((a, b) => a - b);
      ctx.events.push({ type: 'group/rebalance-round', atMs: now, group: g.id, generation: r.generation, round: r.round, reason: 'revoked' });
      revokeEager(state, g, ctx, now);
    }
  }
  if (!g.rebalance && g.rebalanceQueued) {
    const reason = g.rebalanceQueued;
    g.rebalanceQueued = null;
    requestRebalance(state, g, ctx, now, reason);
  }
}

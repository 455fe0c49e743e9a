/**
 * Classic-protocol membership over time: heartbeats from the client's background thread,
 * `session.timeout.ms` for a member that stops heartbeating (a crash), `max.poll.interval.ms` for
 * one that stops polling, leaving (LeaveGroup), and a client's JoinGroup. Each loss of a member
 * starts a rebalance.
 */
import type { Ctx } from '../../ctx.ts';
import type { GroupState, MemberState, SimState } from '../../state.ts';
import type { LeaveReason } from '../../types.ts';
import { pushMember } from '../group.ts';
import { commitOwned } from '../offsets.ts';
import { finishRebalance, requestRebalance, startGroup } from './rebalance.ts';

/** Heartbeats, session timeouts of crashed members and poll timeouts, for one tick. */
export function checkMembers(state: SimState, g: GroupState, ctx: Ctx, now: number): void {
  const t = g.timeouts;
  // heartbeats (a background thread: alive even while processing hangs) and session timeouts
  for (let i = g.members.length - 1; i >= 0; i--) {
    const m = g.members[i]!;
    if (m.crashed) {
      if (now - m.lastHeartbeatMs >= t.sessionTimeoutMs) removeMember(state, g, m, ctx, now, 'session-timeout');
      continue;
    }
    if (now - m.lastHeartbeatMs >= t.heartbeatIntervalMs) m.lastHeartbeatMs = now;
    if (m.inGroup && now - m.lastPollMs > t.maxPollIntervalMs) {
      // poll timeout: the client leaves the group; it rejoins on its next poll
      m.inGroup = false;
      m.owned = [];
      m.rejoinPending = true;
      if (m.awaitingPoll) m.awaitingPoll = false;
      ctx.events.push({ type: 'consumer/left', atMs: now, group: g.id, member: m.id, reason: 'poll-timeout' });
      afterMembershipLoss(state, g, ctx, now);
    }
  }
}

export function removeMember(state: SimState, g: GroupState, m: MemberState, ctx: Ctx, now: number, reason: LeaveReason): void {
  if (reason === 'left' && g.commit.mode === 'auto' && m.inGroup && !m.crashed) commitOwned(g, m, ctx, now);
  const idx = g.members.indexOf(m);
  if (idx >= 0) g.members.splice(idx, 1);
  const wasIn = m.inGroup;
  m.inGroup = false;
  m.owned = [];
  ctx.events.push({ type: 'consumer/left', atMs: now, group: g.id, member: m.id, reason });
  if (wasIn) afterMembershipLoss(state, g, ctx, now);
}

export function afterMembershipLoss(state: SimState, g: GroupState, ctx: Ctx, now: number): void {
  if (!g.members.some((m) => m.inGroup)) {
    if (g.rebalance) finishRebalance(g, ctx, now);
    return;
  }
  requestRebalance(state, g, ctx, now, 'member-left');
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

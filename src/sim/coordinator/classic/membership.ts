/**
 * Classic-protocol membership over time: heartbeats from the client's background thread,
 * `session.timeout.ms` for a member that stops heartbeating (a crash), `max.poll.interval.ms` for
 * one that stops polling, leaving (LeaveGroup), and a client's JoinGroup. Each loss of a member
 * starts a rebalance.
 */
import type { Ctx } from '../../ctx.ts';
import type { GroupState, MemberState, SimState } from '../../state.ts';
import type { AssignorName } from '../../kafka/index.ts';
import type { LeaveReason } from '../../types.ts';
import { memberId, pushMember } from '../group.ts';
import { commitOwned } from '../offsets.ts';
import { memberLists, supportsAssignors } from './protocol.ts';
import { finishRebalance, requestRebalance, revokeAll, startGroup } from './rebalance.ts';

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
  if ((reason === 'left' || reason === 'restarted') && g.commit.mode === 'auto' && m.inGroup && !m.crashed) commitOwned(g, m, ctx, now);
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

/**
 * group/set-assignor: every member restarts at once with this partition.assignment.strategy. Each
 * drops its in-flight batch and gives up its partitions (committing them with auto-commit); the
 * group rebalances under the new list. (Member ids are kept, a simplification: restarted dynamic
 * members would get new ones.) Any rolling bounce in progress stops.
 */
export function restartAllWith(state: SimState, g: GroupState, assignors: AssignorName[], ctx: Ctx, now: number): void {
  delete g.bounce;
  g.assignors = [...assignors];
  for (const m of g.members) {
    delete m.assignors;
    if (!m.inGroup || m.crashed) continue;
    m.batch = null;
    m.hung = null;
    revokeAll(state, g, m, ctx, now);
  }
  requestRebalance(state, g, ctx, now, 'assignor-changed');
}

/** group/rolling-bounce: restart the members one at a time with `assignors` (see stepBounce). */
export function startBounce(g: GroupState, assignors: AssignorName[], ctx: Ctx, now: number): void {
  const pending = g.members.filter((m) => !m.crashed).map((m) => m.id);
  g.bounce = { assignors: [...assignors], pending };
  ctx.events.push({ type: 'group/bounce-started', atMs: now, group: g.id, assignors: [...assignors], members: pending.length });
}

/**
 * One step of a rolling bounce: when no rebalance is running, the next member restarts: it leaves
 * (LeaveGroup, committing with auto-commit) and a new process joins with a new member id and the
 * new list, in one rebalance. A joiner whose list shares no assignor with every remaining member
 * is refused (INCONSISTENT_GROUP_PROTOCOL, GroupMetadata.supportsProtocols) and the bounce stops.
 * After the last restart the group's list becomes the new one.
 */
export function stepBounce(state: SimState, g: GroupState, ctx: Ctx, now: number): void {
  const b = g.bounce;
  if (!b || g.rebalance) return;
  let m: MemberState | undefined;
  while (b.pending.length && !m) {
    const id = b.pending.shift()!;
    m = g.members.find((x) => x.id === id && !x.crashed);
  }
  if (!m) {
    g.assignors = [...b.assignors];
    for (const x of g.members) delete x.assignors;
    delete g.bounce;
    ctx.events.push({ type: 'group/bounce-completed', atMs: now, group: g.id, assignors: [...g.assignors] });
    return;
  }
  const newId = memberId(g);
  ctx.events.push({ type: 'consumer/restarted', atMs: now, group: g.id, member: m.id, newMember: newId, assignors: [...b.assignors] });
  if (!supportsAssignors(memberLists(g, m), b.assignors)) {
    removeMember(state, g, m, ctx, now, 'restarted');
    ctx.events.push({ type: 'consumer/join-refused', atMs: now, group: g.id, member: newId, reason: 'inconsistent-group-protocol', assignors: [...b.assignors] });
    ctx.events.push({ type: 'group/bounce-stopped', atMs: now, group: g.id, reason: 'inconsistent-group-protocol' });
    delete g.bounce;
    return;
  }
  // the new process's JoinGroup and the old one's LeaveGroup start one rebalance together
  const joined = pushMember(g, newId, ctx, now);
  if (!sameList(b.assignors, g.assignors)) joined.assignors = [...b.assignors];
  removeMember(state, g, m, ctx, now, 'restarted');
}

function sameList(a: readonly AssignorName[], b: readonly AssignorName[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

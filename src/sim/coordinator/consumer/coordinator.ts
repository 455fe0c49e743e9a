/**
 * KIP-848 consumer groups (group.protocol=consumer): the group coordinator computes the target
 * assignment itself and members converge on it one heartbeat at a time. There is no JoinGroup
 * barrier: a member that is not affected keeps fetching throughout.
 *
 * - Group epoch: bumped when membership changes (a member joins, leaves, is fenced or the
 *   partition count changes); the coordinator then computes a new target assignment with its
 *   server-side assignor (`uniform` or `range`, assignors.ts) and stamps it with the group epoch.
 * - Member epoch: each member catches up with the target epoch when it heartbeats. If it owns
 *   partitions that the target gives to someone else, the coordinator first asks it to revoke
 *   them and holds its epoch back (UNREVOKED_PARTITIONS). It gives them up at its next poll
 *   (committing them) and heartbeats at once. Then it takes the new epoch and the partitions of
 *   its target that are free; the others reach it at later heartbeats once their previous owner
 *   has released them (UNRELEASED_PARTITIONS). A partition is never owned by two members.
 * - `group.consumer.session.timeout.ms` and `group.consumer.heartbeat.interval.ms` are broker
 *   settings (Kafka's "Consumer Rebalance Protocol" operations page); `max.poll.interval.ms` stays
 *   on the client: a member that does not poll in time leaves the group (epoch -1) and joins again
 *   with epoch 0 at its next poll.
 * - Static membership: a member with group.instance.id that shuts down leaves with epoch -2; its
 *   partitions stay reserved for it (not reassigned, not fetched) until the session timeout. If it
 *   comes back with the same instance id in time it gets them back with no new group epoch
 *   (KIP-848, "Static membership").
 *
 * Simplifications: a heartbeat is answered at once (no request latency); the target assignment is
 * computed at the epoch bump (Kafka may batch it, consumer.assignment.interval.ms in 4.3+);
 * revocation happens between two batches (the client runs onPartitionsRevoked inside poll()).
 */
import { topicOf } from '../../cluster/metadata.ts';
import type { Ctx } from '../../ctx.ts';
import type { ConsumerGroupRuntime, GroupState, MemberState, SimState } from '../../state.ts';
import { TICK_MS, type ConsumerMemberState, type LeaveReason, type RebalanceReason } from '../../types.ts';
import { addMember } from '../group.ts';
import { commitOwned } from '../offsets.ts';
import { giveTo } from '../classic/rebalance.ts';
import { assignServerSide } from './assignors.ts';

function rt(g: GroupState): ConsumerGroupRuntime {
  if (!g.kip848) g.kip848 = { groupEpoch: 0, assignmentEpoch: 0, target: {} };
  return g.kip848;
}

/** Members the coordinator counts: joined and not fenced yet (crashed and temporarily departed static members still count until their session expires). */
function groupMembers(g: GroupState): MemberState[] {
  return g.members.filter((m) => m.inGroup);
}

/** A membership change: the group epoch goes up and the coordinator computes the new target assignment. */
export function bumpGroupEpoch(state: SimState, g: GroupState, ctx: Ctx, now: number, reason: RebalanceReason): void {
  if (!g.started) return;
  const r = rt(g);
  const n = topicOf(state, g.topic).partitions.length;
  r.groupEpoch += 1;
  r.target = assignServerSide(g.consumerGroup!.assignor, groupMembers(g).map((m) => m.id), n, r.target);
  r.assignmentEpoch = r.groupEpoch;
  g.generation = r.groupEpoch;
  g.stats.rebalances += 1;
  ctx.events.push({ type: 'group/epoch-bumped', atMs: now, group: g.id, groupEpoch: r.groupEpoch, reason, assignor: g.consumerGroup!.assignor, target: cloneTarget(r.target) });
}

function cloneTarget(t: Record<string, number[]>): Record<string, number[]> {
  return Object.fromEntries(Object.entries(t).map(([k, v]) => [k, [...v]]));
}

function ownedByOther(g: GroupState, m: MemberState, p: number): boolean {
  for (const x of g.members) if (x !== m && x.inGroup && x.owned.includes(p)) return true;
  return false;
}

/** The coordinator's answer to one heartbeat of member m (ConsumerGroupHeartbeat): reconcile it one step. */
export function heartbeat(state: SimState, g: GroupState, m: MemberState, ctx: Ctx, now: number): void {
  m.lastHeartbeatMs = now;
  if (!m.inGroup || m.revoking?.length) return;
  const r = rt(g);
  const want = r.target[m.id] ?? [];
  if ((m.memberEpoch ?? 0) !== r.assignmentEpoch) {
    const revoke = m.owned.filter((p) => !want.includes(p));
    if (revoke.length) {
      m.revoking = revoke;
      ctx.events.push({ type: 'consumer/revocation-requested', atMs: now, group: g.id, member: m.id, memberEpoch: m.memberEpoch ?? 0, partitions: [...revoke] });
      return;
    }
    m.memberEpoch = r.assignmentEpoch;
    const free = want.filter((p) => !m.owned.includes(p) && !ownedByOther(g, m, p));
    if (free.length) giveTo(state, g, m, free);
    ctx.events.push({ type: 'consumer/epoch-updated', atMs: now, group: g.id, member: m.id, memberEpoch: m.memberEpoch, partitions: [...m.owned], waiting: want.filter((p) => !m.owned.includes(p)) });
    if (free.length) ctx.events.push({ type: 'consumer/assigned', atMs: now, group: g.id, member: m.id, partitions: free });
    return;
  }
  // same epoch: partitions released since the last heartbeat
  const free = want.filter((p) => !m.owned.includes(p) && !ownedByOther(g, m, p));
  if (free.length) {
    giveTo(state, g, m, free);
    ctx.events.push({ type: 'consumer/assigned', atMs: now, group: g.id, member: m.id, partitions: free });
  }
}

/** Client side, between two batches (inside poll): give up what the coordinator asked for, commit it, and heartbeat at once. */
export function revokeAtPoll(state: SimState, g: GroupState, m: MemberState, ctx: Ctx, now: number): void {
  const asked = m.revoking;
  if (!asked?.length) return;
  m.revoking = undefined;
  const want = rt(g).target[m.id] ?? [];
  const revoke = asked.filter((p) => m.owned.includes(p) && !want.includes(p));
  if (revoke.length) {
    commitOwned(g, m, ctx, now, revoke);
    m.owned = m.owned.filter((p) => !revoke.includes(p));
    ctx.events.push({ type: 'consumer/revoked', atMs: now, group: g.id, member: m.id, partitions: revoke });
  }
  heartbeat(state, g, m, ctx, now);
}

export function startConsumerGroup(state: SimState, g: GroupState, ctx: Ctx, now: number): void {
  g.started = true;
  for (let i = 0; i < g.initialConsumers; i++) newMember(g, ctx, now);
  if (!g.members.length) return;
  bumpGroupEpoch(state, g, ctx, now, 'group-started');
  for (const m of g.members) heartbeat(state, g, m, ctx, now);
}

function newMember(g: GroupState, ctx: Ctx, now: number): MemberState {
  const m = addMember(g, ctx, now);
  m.memberEpoch = 0;
  if (g.consumerGroup!.staticMembership) m.instanceId = `${g.id}-instance-${g.nextMemberNumber - 1}`;
  return m;
}

/**
 * consumer/add: new members join with epoch 0 (a new group epoch). In a group of static members,
 * a member whose process is gone (crashed, or shut down with epoch -2) and whose session has not
 * expired comes back first under its group.instance.id and keeps its partitions: no new epoch.
 */
export function addConsumerMembers(state: SimState, g: GroupState, count: number, ctx: Ctx, now: number): void {
  let joined = 0;
  for (let i = 0; i < count; i++) {
    const back = g.consumerGroup!.staticMembership ? g.members.find((m) => m.inGroup && m.instanceId && (m.leftStatic || m.crashed)) : undefined;
    if (back) {
      back.leftStatic = false;
      back.crashed = false;
      back.batch = null;
      back.hung = null;
      back.lastHeartbeatMs = now;
      back.lastPollMs = now;
      back.lastAutoCommitMs = now;
      // committed offsets are where it resumes
      for (const p of back.owned) giveTo(state, g, back, [p]);
      ctx.events.push({ type: 'consumer/static-rejoined', atMs: now, group: g.id, member: back.id, instanceId: back.instanceId! });
      continue;
    }
    newMember(g, ctx, now);
    joined += 1;
  }
  if (!joined) return;
  bumpGroupEpoch(state, g, ctx, now, 'member-joined');
  for (const m of g.members.slice(-joined)) heartbeat(state, g, m, ctx, now);
}

/** consumer/remove: a dynamic member leaves (epoch -1, its partitions are free at once); a static one leaves temporarily (epoch -2). */
export function removeConsumerMember(state: SimState, g: GroupState, m: MemberState, ctx: Ctx, now: number): void {
  if (m.instanceId && m.inGroup && !m.crashed) {
    if (g.commit.mode === 'auto') commitOwned(g, m, ctx, now);
    m.leftStatic = true;
    m.batch = null;
    m.hung = null;
    m.lastHeartbeatMs = now;
    ctx.events.push({ type: 'consumer/static-left', atMs: now, group: g.id, member: m.id, instanceId: m.instanceId });
    return;
  }
  if (g.commit.mode === 'auto' && m.inGroup && !m.crashed) commitOwned(g, m, ctx, now);
  dropMember(state, g, m, ctx, now, 'left');
}

function dropMember(state: SimState, g: GroupState, m: MemberState, ctx: Ctx, now: number, reason: LeaveReason): void {
  const idx = g.members.indexOf(m);
  if (idx >= 0) g.members.splice(idx, 1);
  const wasIn = m.inGroup;
  m.inGroup = false;
  m.owned = [];
  m.revoking = undefined;
  m.memberEpoch = -1;
  ctx.events.push({ type: 'consumer/left', atMs: now, group: g.id, member: m.id, reason });
  if (wasIn) afterLeave(state, g, ctx, now);
}

function afterLeave(state: SimState, g: GroupState, ctx: Ctx, now: number): void {
  bumpGroupEpoch(state, g, ctx, now, 'member-left');
}

/** A member dropped by max.poll.interval.ms joins again at its next poll, with epoch 0. */
export function rejoinConsumerMember(state: SimState, g: GroupState, m: MemberState, ctx: Ctx, now: number): void {
  m.rejoinPending = false;
  m.inGroup = true;
  m.memberEpoch = 0;
  m.lastPollMs = now;
  ctx.events.push({ type: 'consumer/joined', atMs: now, group: g.id, member: m.id });
  bumpGroupEpoch(state, g, ctx, now, 'member-joined');
  heartbeat(state, g, m, ctx, now);
}

/** The coordinator's and the clients' timers for one tick: session timeouts, heartbeats, poll timeouts; then paused partition-time. */
export function checkConsumerMembers(state: SimState, g: GroupState, ctx: Ctx, now: number): void {
  const s = g.consumerGroup!;
  for (let i = g.members.length - 1; i >= 0; i--) {
    const m = g.members[i]!;
    if (m.crashed || m.leftStatic) {
      // no heartbeats: fenced after group.consumer.session.timeout.ms; its partitions are then free
      if (m.inGroup && now - m.lastHeartbeatMs >= s.sessionTimeoutMs) dropMember(state, g, m, ctx, now, 'session-timeout');
      continue;
    }
    if (!m.inGroup) continue;
    // the client's background thread heartbeats every group.consumer.heartbeat.interval.ms, even while the application hangs
    if (now - m.lastHeartbeatMs >= s.heartbeatIntervalMs) heartbeat(state, g, m, ctx, now);
    if (now - m.lastPollMs > g.timeouts.maxPollIntervalMs) {
      // max.poll.interval.ms (client): the member leaves with epoch -1 and rejoins at its next poll
      m.inGroup = false;
      m.owned = [];
      m.revoking = undefined;
      m.memberEpoch = -1;
      m.rejoinPending = true;
      ctx.events.push({ type: 'consumer/left', atMs: now, group: g.id, member: m.id, reason: 'poll-timeout' });
      afterLeave(state, g, ctx, now);
    }
  }
  accountConsumerPausedTime(state, g);
}

/** Partition-time during which the group has live members but a partition has no live owner fetching it. */
function accountConsumerPausedTime(state: SimState, g: GroupState): void {
  const n = topicOf(state, g.topic).partitions.length;
  let live = 0;
  let owned = 0;
  for (const m of g.members) {
    if (!m.inGroup || m.crashed || m.leftStatic) continue;
    live += 1;
    owned += m.owned.length;
  }
  if (!live || owned >= n) return;
  g.stats.pausedMs += (TICK_MS * (n - owned)) / n;
}

/**
 * Kafka's MemberState of a member, for the view ('reconciling': its epoch is behind the target and
 * it has nothing to give up; it catches up at its next heartbeat).
 */
export function consumerMemberState(g: GroupState, m: MemberState): ConsumerMemberState {
  if (m.leftStatic) return 'left-static';
  if (m.revoking?.length) return 'unrevoked-partitions';
  const r = rt(g);
  if ((m.memberEpoch ?? 0) !== r.assignmentEpoch) return 'reconciling';
  const want = r.target[m.id] ?? [];
  return want.every((p) => m.owned.includes(p)) ? 'stable' : 'unreleased-partitions';
}

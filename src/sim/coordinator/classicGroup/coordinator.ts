/**
 * The classic group coordinator for outside clients: Kafka's ClassicGroup state machine
 * (Empty -> PreparingRebalance -> CompletingRebalance -> Stable) driven by JoinGroup, SyncGroup,
 * Heartbeat, LeaveGroup and OffsetCommit, as Kafka's GroupCoordinator runs it
 * (group-coordinator/.../classic/ClassicGroup.java and GroupMetadataManager's classicGroup*).
 *
 * The assignment runs in the client: the coordinator picks a protocol every member supports,
 * hands the leader every member's metadata, and passes the leader's assignment on to each member.
 * It keeps membership, generations, heartbeats and session timeouts, the rebalance timeout, and
 * committed offsets, and answers with Kafka's error codes.
 *
 * Simplifications: static membership (group.instance.id) is accepted but treated as dynamic; the
 * join phase and timeouts are checked once per simulation step (50 ms), not at the exact
 * millisecond; offsets never expire (offsets.retention.minutes).
 */
import { javaStringHash } from '../../kafka/javaHash.ts';
import { nextU32 } from '../../rng.ts';
import type { Ctx } from '../../ctx.ts';
import type { SimState } from '../../state.ts';
import type { SimAction } from '../../types.ts';
import type { ClassicGroupError, ClassicGroupState, ClassicJoinResult, ClassicMemberState, ClassicProtocol, CommittedOffset, CoordinatorConfig } from './types.ts';

/**
 * Kafka's defaults for the coordinator's broker configs (KafkaConfig / GroupCoordinatorConfig):
 * group.initial.rebalance.delay.ms 3000 (KIP-134), group.min.session.timeout.ms 6000,
 * group.max.session.timeout.ms 1800000, group.max.size 2147483647 (capped here at the
 * simulator's 256 members), offsets.topic.num.partitions 50, offsets.topic.replication.factor 3.
 */
export const DEFAULT_COORDINATOR: CoordinatorConfig = {
  initialRebalanceDelayMs: 3_000,
  minSessionTimeoutMs: 6_000,
  maxSessionTimeoutMs: 1_800_000,
  maxSize: 256,
  offsetsTopicPartitions: 50,
  offsetsTopicReplicationFactor: 3,
};

/** offset.metadata.max.bytes (Kafka's default 4096). */
export const OFFSET_METADATA_MAX_BYTES = 4096;

export function coordinatorConfig(state: SimState): CoordinatorConfig {
  return { ...DEFAULT_COORDINATOR, ...state.config.coordinator };
}

export function classicGroups(state: SimState): ClassicGroupState[] {
  if (!state.classicGroups) state.classicGroups = [];
  return state.classicGroups;
}

export function findClassicGroup(state: SimState, groupId: string): ClassicGroupState | undefined {
  return state.classicGroups?.find((g) => g.groupId === groupId);
}

/**
 * The broker that coordinates a group: the leader of its __consumer_offsets partition,
 * abs(groupId.hashCode()) % offsets.topic.num.partitions (Kafka's GroupCoordinator.partitionFor),
 * whose replicas are placed like any topic's and whose leader is its first live replica. -1 when
 * none of its replicas is up (COORDINATOR_NOT_AVAILABLE).
 */
export function groupCoordinator(state: SimState, groupId: string, partitions?: number): number {
  const cfg = coordinatorConfig(state);
  const n = state.brokers.length;
  const p = (javaStringHash(groupId) & 0x7fffffff) % (partitions ?? cfg.offsetsTopicPartitions);
  const rf = Math.min(cfg.offsetsTopicReplicationFactor, n);
  for (let i = 0; i < rf; i++) {
    const b = (p + i) % n;
    if (state.brokers[b]!.up) return b;
  }
  return -1;
}

function newGroup(groupId: string): ClassicGroupState {
  return {
    groupId,
    state: 'Empty',
    generationId: 0,
    protocolType: null,
    protocolName: null,
    leaderId: null,
    members: [],
    pendingMembers: [],
    rebalanceStartedAtMs: 0,
    joinDeadlineMs: 0,
    initialDelay: null,
    lastJoin: null,
    offsets: {},
    rebalances: 0,
    downstreamSlowdown: 1,
  };
}

/** A member id as Kafka makes one: the client id, a dash and a (seeded) UUID. */
function newMemberId(state: SimState, clientId: string): string {
  const hex = (n: number) => (n >>> 0).toString(16).padStart(8, '0');
  const u = hex(nextU32(state.rng)) + hex(nextU32(state.rng)) + hex(nextU32(state.rng)) + hex(nextU32(state.rng));
  return `${clientId}-${u.slice(0, 8)}-${u.slice(8, 12)}-${u.slice(12, 16)}-${u.slice(16, 20)}-${u.slice(20, 32)}`;
}

function rebalanceProtocolOf(g: ClassicGroupState): 'eager' | 'cooperative' {
  return g.protocolName === 'cooperative-sticky' ? 'cooperative' : 'eager';
}

/** Protocols every member supports; the one most members prefer wins (ClassicGroup.selectProtocol). */
function selectProtocol(members: ClassicMemberState[]): string {
  let candidates = members[0]!.protocols.map((p) => p.name);
  for (const m of members) candidates = candidates.filter((c) => m.protocols.some((p) => p.name === c));
  const votes = new Map<string, number>();
  for (const m of members) {
    const pick = m.protocols.find((p) => candidates.includes(p.name))!.name;
    votes.set(pick, (votes.get(pick) ?? 0) + 1);
  }
  let best = candidates[0]!;
  for (const c of candidates) if ((votes.get(c) ?? 0) > (votes.get(best) ?? 0)) best = c;
  return best;
}

/** Whether a joining member shares a protocol with every current member. */
function supportsGroupProtocols(g: ClassicGroupState, protocolType: string, protocols: ClassicProtocol[], except?: string): boolean {
  const others = g.members.filter((m) => m.memberId !== except);
  if (!others.length) return protocols.length > 0;
  if (g.protocolType !== protocolType) return false;
  return protocols.some((p) => others.every((m) => m.protocols.some((q) => q.name === p.name)));
}

function prepareRebalance(state: SimState, g: ClassicGroupState, ctx: Ctx, now: number, reason: 'member-joined' | 'member-left'): void {
  const cfg = coordinatorConfig(state);
  const wasEmpty = g.state === 'Empty';
  for (const m of g.members) m.awaitingSync = false;
  g.state = 'PreparingRebalance';
  g.rebalanceStartedAtMs = now;
  const timeout = Math.max(0, ...g.members.map((m) => m.rebalanceTimeoutMs));
  g.joinDeadlineMs = now + timeout;
  g.initialDelay = wasEmpty && cfg.initialRebalanceDelayMs > 0 ? { untilMs: now + Math.min(cfg.initialRebalanceDelayMs, timeout), capMs: now + timeout } : null;
  ctx.events.push({ type: 'group/rebalance-started', atMs: now, group: g.groupId, generation: g.generationId + 1, protocol: rebalanceProtocolOf(g), reason: wasEmpty ? 'group-started' : reason });
}

function completeJoin(g: ClassicGroupState, ctx: Ctx, now: number): void {
  // members that did not rejoin within the rebalance timeout are out
  for (const m of [...g.members]) if (!m.awaitingJoin) dropMember(g, m, ctx, now, 'session-timeout');
  g.pendingMembers = [];
  g.initialDelay = null;
  g.generationId += 1;
  if (!g.members.length) {
    g.state = 'Empty';
    g.protocolName = null;
    g.leaderId = null;
    g.lastJoin = null;
    ctx.events.push({ type: 'group/rebalance-completed', atMs: now, group: g.groupId, generation: g.generationId, durationMs: now - g.rebalanceStartedAtMs });
    return;
  }
  g.protocolName = selectProtocol(g.members);
  if (!g.leaderId || !g.members.some((m) => m.memberId === g.leaderId)) g.leaderId = g.members[0]!.memberId;
  g.state = 'CompletingRebalance';
  for (const m of g.members) {
    m.awaitingJoin = false;
    m.joinedGeneration = g.generationId;
    m.assignment = '';
    m.assigned = [];
    m.lastHeartbeatMs = now;
  }
  g.lastJoin = {
    generationId: g.generationId,
    protocolName: g.protocolName,
    leaderId: g.leaderId,
    members: g.members.map((m) => ({ memberId: m.memberId, groupInstanceId: m.groupInstanceId, metadata: m.protocols.find((p) => p.name === g.protocolName)!.metadata })),
  };
}

/** Completes the join phase when Kafka's coordinator would: everyone rejoined, or the deadline passed. */
function maybeCompleteJoin(g: ClassicGroupState, ctx: Ctx, now: number): void {
  if (g.state !== 'PreparingRebalance') return;
  if (g.initialDelay) {
    if (now >= g.initialDelay.untilMs) completeJoin(g, ctx, now);
    return;
  }
  const all = g.members.every((m) => m.awaitingJoin) && g.pendingMembers.length === 0;
  if (all || now >= g.joinDeadlineMs) completeJoin(g, ctx, now);
}

function dropMember(g: ClassicGroupState, m: ClassicMemberState, ctx: Ctx, now: number, reason: 'left' | 'session-timeout'): void {
  g.members.splice(g.members.indexOf(m), 1);
  ctx.events.push({ type: 'consumer/left', atMs: now, group: g.groupId, member: m.memberId, reason });
  if (g.leaderId === m.memberId) g.leaderId = g.members[0]?.memberId ?? null;
}

/** A member leaves or expires: the group rebalances (Kafka's removeMemberAndUpdateGroup). */
function removeMember(state: SimState, g: ClassicGroupState, m: ClassicMemberState, ctx: Ctx, now: number, reason: 'left' | 'session-timeout'): void {
  dropMember(g, m, ctx, now, reason);
  if (g.state === 'Stable' || g.state === 'CompletingRebalance') prepareRebalance(state, g, ctx, now, 'member-left');
  maybeCompleteJoin(g, ctx, now);
}

/** A JoinGroup request: the fields of the `group/join` action (types.ts documents each one). */
export type JoinRequest = Omit<Extract<SimAction, { type: 'group/join' }>, 'type'>;

export interface JoinOutcome {
  error: ClassicGroupError | null;
  memberId: string;
  /** answered at once (a member rejoining a stable group with unchanged metadata) */
  result?: ClassicJoinResult;
  /** the generation before this join: the answer is the next generation's */
  waitingForGeneration: number;
}

function resultFor(g: ClassicGroupState, memberId: string): ClassicJoinResult {
  const s = g.lastJoin!;
  return { ...s, memberId, members: memberId === s.leaderId ? s.members.map((m) => ({ ...m })) : [] };
}

function sameProtocols(a: ClassicProtocol[], b: ClassicProtocol[]): boolean {
  return a.length === b.length && a.every((p, i) => p.name === b[i]!.name && p.metadata === b[i]!.metadata);
}

/** JoinGroup (GroupMetadataManager.classicGroupJoin). */
export function joinGroup(state: SimState, req: JoinRequest, ctx: Ctx, now: number): JoinOutcome {
  const cfg = coordinatorConfig(state);
  const fail = (error: ClassicGroupError, memberId = req.memberId): JoinOutcome => ({ error, memberId, waitingForGeneration: -1 });
  if (!req.group) return fail('INVALID_GROUP_ID');
  if (req.sessionTimeoutMs < cfg.minSessionTimeoutMs || req.sessionTimeoutMs > cfg.maxSessionTimeoutMs) return fail('INVALID_SESSION_TIMEOUT');
  if (!req.protocolType || !req.protocols.length) return fail('INCONSISTENT_GROUP_PROTOCOL');
  let g = findClassicGroup(state, req.group);
  if (!g) {
    if (req.memberId) return fail('UNKNOWN_MEMBER_ID');
    g = newGroup(req.group);
    classicGroups(state).push(g);
  }
  if (g.state === 'Dead') return fail('COORDINATOR_NOT_AVAILABLE');
  const known = req.memberId ? g.members.find((m) => m.memberId === req.memberId) : undefined;
  if (!known) {
    const pending = req.memberId ? g.pendingMembers.findIndex((p) => p.memberId === req.memberId) : -1;
    if (req.memberId && pending < 0) return fail('UNKNOWN_MEMBER_ID');
    if (!supportsGroupProtocols(g, req.protocolType, req.protocols)) return fail('INCONSISTENT_GROUP_PROTOCOL');
    if (g.members.length >= cfg.maxSize) return fail('GROUP_MAX_SIZE_REACHED');
    if (!req.memberId && req.requireKnownMemberId) {
      // KIP-394: hand out an id; the member joins with it in its next JoinGroup
      const id = newMemberId(state, req.clientId);
      g.pendingMembers.push({ memberId: id, expiresAtMs: now + req.sessionTimeoutMs });
      return { error: 'MEMBER_ID_REQUIRED', memberId: id, waitingForGeneration: -1 };
    }
    const memberId = req.memberId || newMemberId(state, req.clientId);
    if (pending >= 0) g.pendingMembers.splice(pending, 1);
    const m: ClassicMemberState = {
      memberId,
      groupInstanceId: req.groupInstanceId,
      clientId: req.clientId,
      clientHost: req.clientHost,
      sessionTimeoutMs: req.sessionTimeoutMs,
      rebalanceTimeoutMs: req.rebalanceTimeoutMs,
      protocols: req.protocols.map((p) => ({ ...p })),
      subscribedTopics: [...req.subscribedTopics],
      assignment: '',
      assigned: [],
      lastHeartbeatMs: now,
      awaitingJoin: true,
      awaitingSync: false,
      joinedGeneration: -1,
    };
    g.members.push(m);
    g.protocolType = req.protocolType;
    ctx.events.push({ type: 'consumer/joined', atMs: now, group: g.groupId, member: memberId });
    const before = g.generationId;
    if (g.state === 'PreparingRebalance') {
      g.joinDeadlineMs = Math.max(g.joinDeadlineMs, g.rebalanceStartedAtMs + m.rebalanceTimeoutMs);
      if (g.initialDelay) g.initialDelay.untilMs = Math.min(now + cfg.initialRebalanceDelayMs, g.initialDelay.capMs);
    } else prepareRebalance(state, g, ctx, now, 'member-joined');
    maybeCompleteJoin(g, ctx, now);
    return { error: null, memberId, waitingForGeneration: before };
  }
  // a known member
  if (!supportsGroupProtocols(g, req.protocolType, req.protocols, known.memberId)) return fail('INCONSISTENT_GROUP_PROTOCOL');
  known.lastHeartbeatMs = now;
  known.sessionTimeoutMs = req.sessionTimeoutMs;
  known.rebalanceTimeoutMs = req.rebalanceTimeoutMs;
  const unchanged = sameProtocols(known.protocols, req.protocols);
  known.protocols = req.protocols.map((p) => ({ ...p }));
  known.subscribedTopics = [...req.subscribedTopics];
  const before = g.generationId;
  switch (g.state) {
    case 'PreparingRebalance':
      known.awaitingJoin = true;
      maybeCompleteJoin(g, ctx, now);
      return { error: null, memberId: known.memberId, waitingForGeneration: before };
    case 'CompletingRebalance':
      if (unchanged && g.lastJoin) return { error: null, memberId: known.memberId, result: resultFor(g, known.memberId), waitingForGeneration: before };
      known.awaitingJoin = true;
      prepareRebalance(state, g, ctx, now, 'member-joined');
      maybeCompleteJoin(g, ctx, now);
      return { error: null, memberId: known.memberId, waitingForGeneration: before };
    case 'Stable':
      if (unchanged && known.memberId !== g.leaderId && g.lastJoin) return { error: null, memberId: known.memberId, result: resultFor(g, known.memberId), waitingForGeneration: before };
      known.awaitingJoin = true;
      prepareRebalance(state, g, ctx, now, 'member-joined');
      maybeCompleteJoin(g, ctx, now);
      return { error: null, memberId: known.memberId, waitingForGeneration: before };
    default:
      return fail('UNKNOWN_MEMBER_ID');
  }
}

/** The JoinGroup answer a waiting member is owed, once the join phase is over; null while it waits. */
export function joinOutcome(state: SimState, groupId: string, memberId: string, sinceGeneration: number): ClassicJoinResult | { error: ClassicGroupError } | null {
  const g = findClassicGroup(state, groupId);
  const m = g?.members.find((x) => x.memberId === memberId);
  if (!g || !m) return { error: 'UNKNOWN_MEMBER_ID' };
  if (m.awaitingJoin) return null;
  if (g.lastJoin && m.joinedGeneration > sinceGeneration && g.lastJoin.generationId === m.joinedGeneration) return resultFor(g, memberId);
  return { error: 'REBALANCE_IN_PROGRESS' };
}

export interface SyncAssignment {
  memberId: string;
  assignment: string;
  partitions: { topic: string; partitions: number[] }[];
}

/** SyncGroup (GroupMetadataManager.classicGroupSync): the leader's assignment goes to every member. */
export function syncGroup(state: SimState, groupId: string, memberId: string, generationId: number, assignments: SyncAssignment[], ctx: Ctx, now: number): { error: ClassicGroupError | null; assignment?: string } {
  const g = findClassicGroup(state, groupId);
  const m = g?.members.find((x) => x.memberId === memberId);
  if (!g || !m) return { error: 'UNKNOWN_MEMBER_ID' };
  if (generationId !== g.generationId) return { error: 'ILLEGAL_GENERATION' };
  m.lastHeartbeatMs = now;
  switch (g.state) {
    case 'PreparingRebalance':
      return { error: 'REBALANCE_IN_PROGRESS' };
    case 'Stable':
      return { error: null, assignment: m.assignment };
    case 'CompletingRebalance':
      m.awaitingSync = true;
      if (memberId === g.leaderId) {
        for (const x of g.members) {
          const a = assignments.find((y) => y.memberId === x.memberId);
          x.assignment = a?.assignment ?? '';
          x.assigned = a ? a.partitions.map((tp) => ({ topic: tp.topic, partitions: [...tp.partitions].sort((p, q) => p - q) })) : [];
          x.awaitingSync = false;
          x.lastHeartbeatMs = now;
          const parts = x.assigned.flatMap((tp) => tp.partitions);
          ctx.events.push({ type: 'consumer/assigned', atMs: now, group: g.groupId, member: x.memberId, partitions: parts });
        }
        g.state = 'Stable';
        g.rebalances += 1;
        ctx.events.push({ type: 'group/rebalance-completed', atMs: now, group: g.groupId, generation: g.generationId, durationMs: now - g.rebalanceStartedAtMs });
        return { error: null, assignment: m.assignment };
      }
      return { error: null };
    default:
      return { error: 'UNKNOWN_MEMBER_ID' };
  }
}

/** The SyncGroup answer a waiting follower is owed; null while the leader has not sent the assignment. */
export function syncOutcome(state: SimState, groupId: string, memberId: string, generationId: number): { assignment: string } | { error: ClassicGroupError } | null {
  const g = findClassicGroup(state, groupId);
  const m = g?.members.find((x) => x.memberId === memberId);
  if (!g || !m) return { error: 'UNKNOWN_MEMBER_ID' };
  if (g.generationId !== generationId || g.state === 'PreparingRebalance') return { error: 'REBALANCE_IN_PROGRESS' };
  if (g.state === 'Stable') return { assignment: m.assignment };
  return null;
}

/** Heartbeat (GroupMetadataManager.classicGroupHeartbeat). */
export function heartbeat(state: SimState, groupId: string, memberId: string, generationId: number, now: number): ClassicGroupError | null {
  const g = findClassicGroup(state, groupId);
  if (!g) return 'UNKNOWN_MEMBER_ID';
  if (g.state === 'Dead') return 'COORDINATOR_NOT_AVAILABLE';
  const m = g.members.find((x) => x.memberId === memberId);
  if (!m) return 'UNKNOWN_MEMBER_ID';
  if (generationId !== g.generationId) return 'ILLEGAL_GENERATION';
  m.lastHeartbeatMs = now;
  return g.state === 'PreparingRebalance' ? 'REBALANCE_IN_PROGRESS' : null;
}

/** LeaveGroup for one member. */
export function leaveGroup(state: SimState, groupId: string, memberId: string, ctx: Ctx, now: number): ClassicGroupError | null {
  const g = findClassicGroup(state, groupId);
  if (!g) return 'UNKNOWN_MEMBER_ID';
  const pending = g.pendingMembers.findIndex((p) => p.memberId === memberId);
  if (pending >= 0) {
    g.pendingMembers.splice(pending, 1);
    maybeCompleteJoin(g, ctx, now);
    return null;
  }
  const m = g.members.find((x) => x.memberId === memberId);
  if (!m) return 'UNKNOWN_MEMBER_ID';
  removeMember(state, g, m, ctx, now, 'left');
  return null;
}

export interface CommitRequest {
  group: string;
  memberId: string;
  generationId: number;
  offsets: { topic: string; partition: number; offset: number; metadata: string | null; leaderEpoch: number }[];
}

/** OffsetCommit (GroupCoordinator.handleCommitOffsets): a fenced generation gets ILLEGAL_GENERATION. */
export function commitOffsets(state: SimState, req: CommitRequest, ctx: Ctx, now: number): ClassicGroupError | null {
  let g = findClassicGroup(state, req.group);
  if (!req.group) return 'INVALID_GROUP_ID';
  if (!g) {
    // a group that only stores offsets in Kafka (no group management) may commit with generation -1
    if (req.generationId >= 0) return 'ILLEGAL_GENERATION';
    g = newGroup(req.group);
    classicGroups(state).push(g);
  }
  if (g.state === 'Dead') return 'COORDINATOR_NOT_AVAILABLE';
  if (req.offsets.some((o) => (o.metadata?.length ?? 0) > OFFSET_METADATA_MAX_BYTES)) return 'OFFSET_METADATA_TOO_LARGE';
  if (!(req.generationId < 0 && g.state === 'Empty')) {
    const m = g.members.find((x) => x.memberId === req.memberId);
    if (!m) return 'UNKNOWN_MEMBER_ID';
    if (req.generationId !== g.generationId) return 'ILLEGAL_GENERATION';
    if (g.state === 'CompletingRebalance') return 'REBALANCE_IN_PROGRESS';
    m.lastHeartbeatMs = now;
  }
  for (const o of req.offsets) {
    const byTopic = (g.offsets[o.topic] ??= {});
    const c: CommittedOffset = { offset: o.offset, metadata: o.metadata, leaderEpoch: o.leaderEpoch, commitTimeMs: now };
    byTopic[String(o.partition)] = c;
    if (ctx.recordEvents) ctx.events.push({ type: 'offset/committed', atMs: now, group: g.groupId, topic: o.topic, partition: o.partition, offset: o.offset });
  }
  return null;
}

/** Committed offsets of a group: topic -> partition -> offset (empty when the group is unknown). */
export function committedOffsets(state: SimState, groupId: string): Map<string, Map<number, CommittedOffset>> {
  const out = new Map<string, Map<number, CommittedOffset>>();
  const g = findClassicGroup(state, groupId);
  if (!g) return out;
  for (const [topic, parts] of Object.entries(g.offsets)) {
    out.set(topic, new Map(Object.entries(parts).map(([p, c]) => [Number(p), { ...c }])));
  }
  return out;
}

/** DeleteGroups: only an empty group can go. */
export function deleteGroup(state: SimState, groupId: string, ctx: Ctx, now: number): ClassicGroupError | null {
  const g = findClassicGroup(state, groupId);
  if (!g || g.state === 'Dead') return 'GROUP_ID_NOT_FOUND';
  if (g.state !== 'Empty') return 'NON_EMPTY_GROUP';
  g.state = 'Dead';
  state.classicGroups = classicGroups(state).filter((x) => x !== g);
  ctx.events.push({ type: 'group/removed', atMs: now, group: groupId });
  return null;
}

/** Committed offsets of a deleted topic go with it (Kafka's GroupMetadataManager cleans them up). */
export function dropTopicOffsets(state: SimState, topic: string): void {
  for (const g of state.classicGroups ?? []) delete g.offsets[topic];
}

/** Once per step: session timeouts, expired pending members, join deadlines. */
export function stepClassicGroups(state: SimState, ctx: Ctx, now: number): void {
  for (const g of state.classicGroups ?? []) {
    if (g.pendingMembers.length) {
      const before = g.pendingMembers.length;
      g.pendingMembers = g.pendingMembers.filter((p) => p.expiresAtMs > now);
      if (g.pendingMembers.length !== before) maybeCompleteJoin(g, ctx, now);
    }
    for (const m of [...g.members]) {
      // members waiting in JoinGroup or SyncGroup are kept alive by the waiting request itself
      if (m.awaitingJoin || m.awaitingSync) continue;
      if (now - m.lastHeartbeatMs >= m.sessionTimeoutMs) removeMember(state, g, m, ctx, now, 'session-timeout');
    }
    maybeCompleteJoin(g, ctx, now);
  }
}

/** The earliest time at which stepping would change a classic group by itself, or null. */
export function nextClassicDeadline(state: SimState): number | null {
  let next = Infinity;
  for (const g of state.classicGroups ?? []) {
    if (g.state === 'PreparingRebalance') next = Math.min(next, g.initialDelay ? g.initialDelay.untilMs : g.joinDeadlineMs);
    for (const p of g.pendingMembers) next = Math.min(next, p.expiresAtMs);
    for (const m of g.members) if (!m.awaitingJoin && !m.awaitingSync) next = Math.min(next, m.lastHeartbeatMs + m.sessionTimeoutMs);
  }
  return next === Infinity ? null : Math.max(next, state.timeMs);
}

/** Sets the simulated slowdown of a group's consumers (the live view's "slow downstream"). */
export function setClassicSlowdown(state: SimState, groupId: string, slowdown: number): boolean {
  const g = findClassicGroup(state, groupId);
  if (!g) return false;
  g.downstreamSlowdown = slowdown;
  return true;
}

/**
 * The classic group protocol and committed offsets. The simulator's classic group coordinator
 * (src/sim/coordinator/classicGroup) keeps membership, generations, heartbeats and session
 * timeouts, rebalances and committed offsets; this file turns requests into its actions and waits
 * where Kafka's coordinator holds a request: a JoinGroup until every member has rejoined (or the
 * rebalance timeout), a SyncGroup until the leader has sent the assignment. The assignment itself
 * runs in the client (the group leader), so KafkaJS's and librdkafka's assignors run unchanged.
 *
 * Each group has a coordinator broker, the leader of its __consumer_offsets partition
 * (abs(groupId.hashCode) % offsets.topic.num.partitions); requests sent elsewhere get
 * NOT_COORDINATOR, and FindCoordinator tells clients where to go.
 */
import { classicGroupView, committedOffsets, groupCoordinator, joinOutcome, syncOutcome, type ClassicGroupError, type ClassicJoinResult } from '../../../sim/index.ts';
import { APIS } from '../../protocol/apis.ts';
import { ERR } from '../../protocol/errors.ts';
import { decodeAssignment, decodeSubscription } from '../../protocol/messages/consumerProtocol.ts';
import type { KafkaCluster } from '../cluster.ts';
import { fromBase64, toBase64 } from '../payload.ts';
import { findTopic } from '../simRead.ts';
import { NO_RESPONSE, type Handler, type RequestContext } from './types.ts';

/** FindCoordinator key types. */
const KEY_TYPE_GROUP = 0;

function code(e: ClassicGroupError | null | undefined): number {
  if (!e) return ERR.NONE;
  return (ERR as Record<string, number>)[e] ?? ERR.UNKNOWN_SERVER_ERROR;
}

/** The broker coordinating a group, or -1 when its __consumer_offsets partition has no live replica. */
export function coordinatorOf(cluster: KafkaCluster, groupId: string): number {
  return groupCoordinator(cluster.sim, groupId, cluster.config.offsetsTopicNumPartitions);
}

/** NOT_COORDINATOR when this broker does not coordinate the group (COORDINATOR_NOT_AVAILABLE when none does). */
function notHere(ctx: RequestContext, groupId: string): number | null {
  const c = coordinatorOf(ctx.cluster, groupId);
  if (c < 0) return ERR.COORDINATOR_NOT_AVAILABLE;
  return c === ctx.brokerId ? null : ERR.NOT_COORDINATOR;
}

export const handleFindCoordinator: Handler = (ctx, req: { key: string; keyType: number }) => {
  const none = { throttleTimeMs: 0, nodeId: -1, host: '', port: -1 };
  if (req.keyType !== KEY_TYPE_GROUP) {
    return { ...none, errorCode: ERR.TRANSACTIONAL_ID_AUTHORIZATION_FAILED, errorMessage: 'transactions are not available in the simulator' };
  }
  const c = coordinatorOf(ctx.cluster, req.key);
  if (c < 0) return { ...none, errorCode: ERR.COORDINATOR_NOT_AVAILABLE, errorMessage: 'no live broker holds this group\'s __consumer_offsets partition' };
  const e = ctx.cluster.endpoint(c);
  return { throttleTimeMs: 0, errorCode: ERR.NONE, errorMessage: null, nodeId: c, host: e.host, port: e.port };
};

interface JoinReq {
  groupId: string;
  sessionTimeoutMs: number;
  rebalanceTimeoutMs: number;
  memberId: string;
  groupInstanceId: string | null;
  protocolType: string;
  protocols: { name: string; metadata: Uint8Array }[];
}

function joinResponse(r: ClassicJoinResult | { error: ClassicGroupError; memberId?: string }) {
  if ('error' in r && r.error) {
    return { throttleTimeMs: 0, errorCode: code(r.error), generationId: -1, protocolName: '', leader: '', memberId: r.memberId ?? '', members: [] };
  }
  const ok = r as ClassicJoinResult;
  return {
    throttleTimeMs: 0,
    errorCode: ERR.NONE,
    generationId: ok.generationId,
    protocolName: ok.protocolName,
    leader: ok.leaderId,
    memberId: ok.memberId,
    members: ok.members.map((m) => ({ memberId: m.memberId, groupInstanceId: m.groupInstanceId, metadata: fromBase64(m.metadata) })),
  };
}

/** Tells the cluster's client listeners that this connection speaks for a group member. */
function speaksFor(ctx: RequestContext, group: string, memberId: string): void {
  const request = ctx.api.name as 'JoinGroup' | 'SyncGroup' | 'Heartbeat' | 'OffsetCommit';
  if (memberId !== '') ctx.cluster.reportClient({ kind: 'member', remote: ctx.connection.remote, group, memberId, request });
}

export const handleJoinGroup: Handler = (ctx, req: JoinReq) => {
  const { cluster } = ctx;
  const err = notHere(ctx, req.groupId);
  if (err !== null) return joinResponse({ error: err === ERR.NOT_COORDINATOR ? 'NOT_COORDINATOR' : 'COORDINATOR_NOT_AVAILABLE' });
  speaksFor(ctx, req.groupId, req.memberId);
  // the topics each member subscribes to, for the view (the coordinator itself treats metadata as opaque)
  const first = req.protocols[0];
  const subscription = req.protocolType === 'consumer' && first ? decodeSubscription(first.metadata) : null;
  const r = cluster.act({
    type: 'group/join',
    group: req.groupId,
    memberId: req.memberId,
    groupInstanceId: req.groupInstanceId,
    clientId: ctx.header.clientId ?? '',
    clientHost: ctx.connection.remote,
    sessionTimeoutMs: req.sessionTimeoutMs,
    rebalanceTimeoutMs: req.rebalanceTimeoutMs < 0 ? req.sessionTimeoutMs : req.rebalanceTimeoutMs,
    protocolType: req.protocolType,
    protocols: req.protocols.map((p) => ({ name: p.name, metadata: toBase64(p.metadata) })),
    // KIP-394: from JoinGroup v4 a new member first gets its id with MEMBER_ID_REQUIRED
    requireKnownMemberId: ctx.header.apiVersion >= 4,
    subscribedTopics: subscription?.topics ?? [],
  });
  const j = r.join!;
  if (j.error) return joinResponse({ error: j.error, memberId: j.memberId });
  if (j.result) return joinResponse(j.result);
  const memberId = j.memberId;
  const requestedAt = j.waitingForGeneration;
  return cluster.waitFor(
    () => {
      const out = joinOutcome(cluster.sim, req.groupId, memberId, requestedAt);
      return out ? joinResponse(out) : undefined;
    },
    // the coordinator answers by the rebalance timeout at the latest; the simulation enforces it
    Math.max(req.rebalanceTimeoutMs, req.sessionTimeoutMs) + 5_000,
    () => joinResponse({ error: 'UNKNOWN_MEMBER_ID' }),
  );
};

interface SyncReq {
  groupId: string;
  generationId: number;
  memberId: string;
  groupInstanceId: string | null;
  assignments: { memberId: string; assignment: Uint8Array }[];
}

export const handleSyncGroup: Handler = (ctx, req: SyncReq) => {
  const { cluster } = ctx;
  const respond = (e: ClassicGroupError | null, assignment: Uint8Array = new Uint8Array(0)) => ({ throttleTimeMs: 0, errorCode: code(e), assignment });
  const err = notHere(ctx, req.groupId);
  if (err !== null) return { throttleTimeMs: 0, errorCode: err, assignment: new Uint8Array(0) };
  speaksFor(ctx, req.groupId, req.memberId);
  const r = cluster.act({
    type: 'group/sync',
    group: req.groupId,
    memberId: req.memberId,
    generationId: req.generationId,
    assignments: req.assignments.map((a) => {
      const decoded = decodeAssignment(a.assignment);
      return { memberId: a.memberId, assignment: toBase64(a.assignment), partitions: decoded?.assignedPartitions.map((tp) => ({ topic: tp.topic, partitions: [...tp.partitions] })) ?? [] };
    }),
  });
  const s = r.sync!;
  if (s.error) return respond(s.error);
  if (s.assignment !== undefined) return respond(null, fromBase64(s.assignment));
  return cluster.waitFor(
    () => {
      const out = syncOutcome(cluster.sim, req.groupId, req.memberId, req.generationId);
      if (!out) return undefined;
      return 'error' in out ? respond(out.error) : respond(null, fromBase64(out.assignment));
    },
    60_000,
    () => respond('REBALANCE_IN_PROGRESS'),
  );
};

export const handleHeartbeat: Handler = (ctx, req: { groupId: string; generationId: number; memberId: string }) => {
  const err = notHere(ctx, req.groupId);
  if (err !== null) return { throttleTimeMs: 0, errorCode: err };
  speaksFor(ctx, req.groupId, req.memberId);
  const r = ctx.cluster.act({ type: 'group/heartbeat', group: req.groupId, memberId: req.memberId, generationId: req.generationId });
  return { throttleTimeMs: 0, errorCode: code(r.groupError) };
};

export const handleLeaveGroup: Handler = (ctx, req: { groupId: string; memberId: string; members: { memberId: string; groupInstanceId: string | null }[] }) => {
  const err = notHere(ctx, req.groupId);
  const ids = ctx.header.apiVersion >= 3 ? req.members.map((m) => m.memberId) : [req.memberId];
  if (err !== null) return { throttleTimeMs: 0, errorCode: err, members: [] };
  const results = ids.map((memberId) => {
    const r = ctx.cluster.act({ type: 'group/leave', group: req.groupId, memberId });
    return { memberId, groupInstanceId: null, errorCode: code(r.groupError) };
  });
  // v0-2 answer with the one member's error; v3+ put errors per member and NONE at the top (unless the group is unknown)
  const top = ctx.header.apiVersion >= 3 ? ERR.NONE : (results[0]?.errorCode ?? ERR.NONE);
  return { throttleTimeMs: 0, errorCode: top, members: results };
};

interface CommitReq {
  groupId: string;
  generationIdOrMemberEpoch: number;
  memberId: string;
  topics: { name: string; partitions: { partitionIndex: number; committedOffset: number; committedLeaderEpoch: number; committedMetadata: string | null }[] }[];
}

export const handleOffsetCommit: Handler = (ctx, req: CommitReq) => {
  const { cluster } = ctx;
  const err = notHere(ctx, req.groupId);
  const all = (e: number) => ({ throttleTimeMs: 0, topics: req.topics.map((t) => ({ name: t.name, partitions: t.partitions.map((p) => ({ partitionIndex: p.partitionIndex, errorCode: e })) })) });
  if (err !== null) return all(err);
  speaksFor(ctx, req.groupId, req.memberId);
  // a listener closed the connection (the lab's crash before a commit): the commit never arrived
  if (!ctx.connection.isOpen) return NO_RESPONSE;
  // partitions that do not exist are answered UNKNOWN_TOPIC_OR_PARTITION; the rest go to the coordinator
  const offsets: { topic: string; partition: number; offset: number; metadata: string | null; leaderEpoch: number }[] = [];
  for (const t of req.topics) {
    for (const p of t.partitions) {
      if (findTopic(cluster.sim, t.name)?.partitions[p.partitionIndex]) offsets.push({ topic: t.name, partition: p.partitionIndex, offset: p.committedOffset, metadata: p.committedMetadata, leaderEpoch: p.committedLeaderEpoch });
    }
  }
  const r = offsets.length
    ? cluster.act({ type: 'offset/commit', group: req.groupId, memberId: req.memberId, generationId: req.generationIdOrMemberEpoch, offsets })
    : null;
  const groupErr = r?.groupError ?? null;
  return {
    throttleTimeMs: 0,
    topics: req.topics.map((t) => ({
      name: t.name,
      partitions: t.partitions.map((p) => ({
        partitionIndex: p.partitionIndex,
        errorCode: !findTopic(cluster.sim, t.name)?.partitions[p.partitionIndex] ? ERR.UNKNOWN_TOPIC_OR_PARTITION : code(groupErr),
      })),
    })),
  };
};

interface OffsetFetchReq {
  groupId: string;
  topics: { name: string; partitionIndexes: number[] }[] | null;
}

export const handleOffsetFetch: Handler = (ctx, req: OffsetFetchReq) => {
  const { cluster } = ctx;
  const err = notHere(ctx, req.groupId);
  if (err !== null) {
    return { throttleTimeMs: 0, errorCode: err, topics: (req.topics ?? []).map((t) => ({ name: t.name, partitions: t.partitionIndexes.map((p) => ({ partitionIndex: p, committedOffset: -1, committedLeaderEpoch: -1, metadata: '', errorCode: err })) })) };
  }
  const committed = committedOffsets(cluster.sim, req.groupId);
  const wanted = req.topics ?? [...committed.keys()].map((name) => ({ name, partitionIndexes: [...(committed.get(name)?.keys() ?? [])] }));
  return {
    throttleTimeMs: 0,
    errorCode: ERR.NONE,
    topics: wanted.map((t) => ({
      name: t.name,
      partitions: t.partitionIndexes.map((p) => {
        const c = committed.get(t.name)?.get(p);
        return { partitionIndex: p, committedOffset: c ? c.offset : -1, committedLeaderEpoch: c ? c.leaderEpoch : -1, metadata: c ? (c.metadata ?? '') : '', errorCode: ERR.NONE };
      }),
    })),
  };
};

export const handleDescribeGroups: Handler = (ctx, req: { groups: string[] }) => ({
  throttleTimeMs: 0,
  groups: req.groups.map((id) => {
    const err = notHere(ctx, id);
    const base = { groupId: id, groupState: 'Dead', protocolType: '', protocolData: '', members: [], authorizedOperations: -2147483648 };
    if (err !== null) return { ...base, errorCode: err };
    const g = classicGroupView(ctx.cluster.sim, id);
    if (!g) return { ...base, errorCode: ERR.NONE };
    const stable = g.state === 'Stable';
    return {
      errorCode: ERR.NONE,
      groupId: id,
      groupState: g.state,
      protocolType: g.protocolType ?? '',
      protocolData: stable ? (g.protocolName ?? '') : '',
      members: g.members.map((m) => ({
        memberId: m.id,
        groupInstanceId: m.groupInstanceId,
        clientId: m.clientId,
        clientHost: m.clientHost,
        memberMetadata: stable ? fromBase64(m.metadata ?? '') : new Uint8Array(0),
        memberAssignment: stable ? fromBase64(m.assignment) : new Uint8Array(0),
      })),
      authorizedOperations: -2147483648,
    };
  }),
});

export const handleListGroups: Handler = (ctx, req: { statesFilter: string[] }) => {
  const all = ctx.cluster.sim.classicGroups ?? [];
  const filter = req.statesFilter.map((s) => s.toLowerCase());
  return {
    throttleTimeMs: 0,
    errorCode: ERR.NONE,
    groups: all
      .filter((g) => coordinatorOf(ctx.cluster, g.groupId) === ctx.brokerId)
      .filter((g) => !filter.length || filter.includes(g.state.toLowerCase()))
      .map((g) => ({ groupId: g.groupId, protocolType: g.protocolType ?? '', groupState: g.state })),
  };
};

export const handleDeleteGroups: Handler = (ctx, req: { groupsNames: string[] }) => ({
  throttleTimeMs: 0,
  results: req.groupsNames.map((groupId) => {
    const err = notHere(ctx, groupId);
    if (err !== null) return { groupId, errorCode: err };
    const r = ctx.cluster.act({ type: 'group/delete', group: groupId });
    return { groupId, errorCode: code(r.groupError) };
  }),
});

export const GROUP_HANDLERS: [number, Handler][] = [
  [APIS.FindCoordinator.key, handleFindCoordinator],
  [APIS.JoinGroup.key, handleJoinGroup],
  [APIS.SyncGroup.key, handleSyncGroup],
  [APIS.Heartbeat.key, handleHeartbeat],
  [APIS.LeaveGroup.key, handleLeaveGroup],
  [APIS.OffsetCommit.key, handleOffsetCommit],
  [APIS.OffsetFetch.key, handleOffsetFetch],
  [APIS.DescribeGroups.key, handleDescribeGroups],
  [APIS.ListGroups.key, handleListGroups],
  [APIS.DeleteGroups.key, handleDeleteGroups],
];

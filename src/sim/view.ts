/**
 * snapshotView: a view-friendly read model built from the state (fresh objects on every call, so
 * the view may keep them; cheap enough to call once per animation frame).
 */
import { topicOf } from './cluster/metadata.ts';
import { groupLag } from './metrics.ts';
import { viewOfClassicGroup } from './coordinator/classicGroup/view.ts';
import { assignorsOf, groupProtocol, memberProtocol, protocolOf } from './coordinator/classic/protocol.ts';
import { userColor, userKey } from './keys.ts';
import { partitionForKey } from './kafka/index.ts';

/** number of key colours (as userColor) */
const KEY_COLORS = 12;
import type { GroupState, MemberState, ProducerState, SimState } from './state.ts';
import { oldestWaitMs, unackedPerPartition, waitingPerPartition } from './producer/producer.ts';
import type { GroupSettingsView, GroupView, MemberStatus, MemberView, PartitionView, ProducerView, RecordView, SeriesView, SettingsView, SimView } from './types.ts';
import { consumerMemberState } from './coordinator/consumer/coordinator.ts';
import { ACQUIRED, countStates, shareLag, STATE_NAMES } from './coordinator/share/sharePartition.ts';
import type { ConsumerGroupView, SharePartitionView, ShareGroupView } from './types.ts';

export function memberStatus(g: GroupState, m: MemberState): MemberStatus {
  if (m.crashed || m.leftStatic) return 'crashed';
  if (m.hung) return 'stuck';
  if (g.type === 'share') return m.inGroup ? (m.batch ? 'active' : 'idle') : 'rebalancing';
  if (g.type === 'consumer') {
    if (!m.inGroup) return 'rebalancing';
    return m.owned.length ? 'active' : (g.kip848?.target[m.id]?.length ?? 0) > 0 ? 'rebalancing' : 'idle';
  }
  if (!m.inGroup) return 'rebalancing';
  const r = g.rebalance;
  if (r && (memberProtocol(g, m) === 'eager' || m.owned.length === 0)) return 'rebalancing';
  if (m.owned.length === 0) return 'idle';
  return 'active';
}

function series(t: number[], v: (number | null)[]): SeriesView {
  return { t: [...t], v: [...v] };
}

export function groupView(state: SimState, g: GroupState): GroupView {
  const { lag, max, total, unknown } = groupLag(state, g);
  const members: MemberView[] = g.members.map((m) => {
    const mv: MemberView = {
      id: m.id,
      status: memberStatus(g, m),
      partitions: [...m.owned],
      assignors: [...assignorsOf(g, m)],
      protocol: memberProtocol(g, m),
      processed: m.processed,
      lastPollAtMs: m.lastPollMs,
    };
    if (m.hung) mv.stuckOn = { topic: g.topic, partition: m.hung.partition, offset: m.hung.offset, sinceMs: m.hung.sinceMs };
    return mv;
  });
  return {
    id: g.id,
    topic: g.topic,
    ...(g.driver === 'client' ? { driver: 'client' as const } : {}),
    assignor: g.assignor,
    protocol: groupProtocol(g),
    assignors: [...g.assignors],
    ...(g.bounce ? { bounce: { assignors: [...g.bounce.assignors], remaining: g.bounce.pending.length } } : {}),
    generation: g.generation,
    rebalancing: g.rebalance !== null,
    members,
    committed: [...g.committed],
    lag,
    maxLag: max,
    totalLag: total,
    lagUnknown: unknown,
    rebalances: g.stats.rebalances,
    pausedMs: Math.round(g.stats.pausedMs),
    deadLettered: g.stats.deadLettered,
    processed: g.stats.processed,
    duplicates: g.stats.duplicates,
    outOfOrder: g.stats.outOfOrder,
    ...(g.type === 'consumer' ? { type: 'consumer' as const, consumerGroup: consumerGroupView(g) } : {}),
    ...(g.type === 'share' ? { type: 'share' as const, shareGroup: shareGroupView(state, g) } : {}),
  };
}

function consumerGroupView(g: GroupState): ConsumerGroupView {
  const r = g.kip848 ?? { groupEpoch: 0, assignmentEpoch: 0, target: {} };
  return {
    groupEpoch: r.groupEpoch,
    assignmentEpoch: r.assignmentEpoch,
    assignor: g.consumerGroup!.assignor,
    target: Object.fromEntries(Object.entries(r.target).map(([k, v]) => [k, [...v]])),
    members: g.members
      .filter((m) => m.inGroup)
      .map((m) => {
        const want = r.target[m.id] ?? [];
        return {
          id: m.id,
          memberEpoch: m.memberEpoch ?? 0,
          state: consumerMemberState(g, m),
          revoking: [...(m.revoking ?? [])],
          waiting: want.filter((p) => !m.owned.includes(p)),
          ...(m.instanceId ? { instanceId: m.instanceId } : {}),
        };
      }),
  };
}

/** In-flight records shown per share-partition (the rest are counted). */
export const SHARE_RECORDS_SHOWN = 48;

function shareGroupView(state: SimState, g: GroupState): ShareGroupView {
  const r = g.share;
  const parts = topicOf(state, g.topic).partitions;
  const partitions: SharePartitionView[] = (r?.partitions ?? []).map((sp, p) => ({
    partition: p,
    startOffset: sp.startOffset,
    endOffset: sp.endOffset,
    counts: countStates(sp),
    records: sp.state.slice(0, SHARE_RECORDS_SHOWN).map((st, i) => ({
      offset: sp.startOffset + i,
      state: STATE_NAMES[st]!,
      deliveryCount: sp.deliveries[i]!,
      ...(st === ACQUIRED ? { member: sp.holder[i]!, lockUntilMs: sp.lockUntil[i]! } : {}),
    })),
  }));
  return {
    partitions,
    stats: { ...(r?.stats ?? { acquired: 0, accepted: 0, released: 0, rejected: 0, archived: 0, redelivered: 0, lockExpired: 0, ackRefused: 0 }) },
    lag: parts.map((P, p) => (r?.partitions[p] ? shareLag(r.partitions[p], P.hw) : 0)),
  };
}

function groupSettings(g: GroupState): GroupSettingsView {
  return {
    assignors: [...g.assignors],
    assignor: g.assignor,
    protocol: protocolOf(g.assignors),
    timeouts: { ...g.timeouts },
    processing: { ...g.processing },
    commit: { ...g.commit },
    downstream: { ...g.downstream },
    dlq: { ...g.dlq },
    autoOffsetReset: g.autoOffsetReset,
    rebalanceMs: g.rebalanceMs,
  };
}

/** The live settings of every group, producer and topic (copies). */
export function settingsView(state: SimState): SettingsView {
  return {
    groups: Object.fromEntries(state.groups.map((g) => [g.id, groupSettings(g)])),
    cluster: { brokerSessionTimeoutMs: state.config.brokerSessionTimeoutMs, replicaLagTimeMaxMs: state.config.replicaLagTimeMaxMs },
    producers: state.producers.map((p) => ({
      id: p.id,
      topic: p.topic,
      ratePerSec: p.ratePerSec,
      keys: { ...p.keys },
      acks: p.acks,
      recordBytes: p.recordBytes,
      batchSize: p.batchSize,
      deliveryTimeoutMs: p.deliveryTimeoutMs,
      bufferMemory: p.bufferMemory,
      maxBlockMs: p.maxBlockMs,
    })),
    topics: Object.fromEntries(
      state.topics.map((t) => [t.name, { replicationFactor: t.replicationFactor, minInsyncReplicas: t.minInsyncReplicas, retentionMs: t.retentionMs, retentionBytes: t.retentionBytes }]),
    ),
  };
}

export function snapshotView(state: SimState): SimView {
  const cap = state.config.recentRecords;
  return {
    timeMs: state.timeMs,
    tick: state.tick,
    brokers: state.brokers.map((b) => (b.up ? { id: b.id, up: true } : b.fenced ? { id: b.id, up: false, fenced: true } : { id: b.id, up: false, fenced: false, fencesAtMs: b.stoppedAtMs + state.config.brokerSessionTimeoutMs })),
    topics: state.topics.map((t) => ({
      name: t.name,
      produced: t.produced,
      failed: t.failed,
      partitions: t.partitions.map((P): PartitionView => {
        const r = P.recent;
        const recent: RecordView[] = [];
        const first = Math.max(P.logStart, P.logEnd - cap);
        for (let o = first; o < P.logEnd; o++) {
          const i = o % cap;
          const user = r.users[i]!;
          const key = r.keys[i] ?? null;
          // explicitly sent records (user -1) are coloured by their key
          const keyColor = user >= 0 ? userColor(user) : key === null ? 0 : partitionForKey(key, KEY_COLORS);
          recent.push({ offset: o, key, keyColor, user: user >= 0 ? userKey(user) : (key ?? ''), producedAtMs: r.at[i]!, poison: P.poison.includes(o) });
        }
        return {
          topic: t.name,
          id: P.id,
          leader: P.leader,
          replicas: [...P.replicas],
          isr: [...P.isr],
          offline: P.leader < 0,
          leaderUnreachable: P.leader >= 0 && !state.brokers[P.leader]!.up,
          logStartOffset: P.logStart,
          logEndOffset: P.logEnd,
          highWatermark: P.hw,
          lagging: P.lagging.map((l) => ({ ...l })),
          recent,
        };
      }),
    })),
    producers: state.producers.map((p) => producerView(state, p)),
    groups: state.groups.map((g) => groupView(state, g)),
    ...(state.classicGroups?.length ? { classicGroups: state.classicGroups.map((g) => viewOfClassicGroup(state, g)) } : {}),
    metrics: {
      topics: Object.fromEntries(state.topics.map((t) => [t.name, { inPerSec: series(t.series.t, t.series.inPerSec), failedPerSec: series(t.series.t, t.series.failedPerSec) }])),
      producers: Object.fromEntries(state.producers.map((p) => [p.id, { buffered: series(p.series.t, p.series.buffered), latencyMaxMs: series(p.series.t, p.series.latencyMaxMs) }])),
      groups: Object.fromEntries(
        state.groups.map((g) => [
          g.id,
          {
            lagMax: series(g.series.t, g.series.lagMax),
            lagTotal: series(g.series.t, g.series.lagTotal),
            outPerSec: series(g.series.t, g.series.outPerSec),
            rebalancing: series(g.series.t, g.series.rebalancing),
            deadLettered: series(g.series.t, g.series.deadLettered),
          },
        ]),
      ),
    },
    settings: settingsView(state),
  };
}

export function producerView(state: SimState, p: ProducerState): ProducerView {
  const np = topicOf(state, p.topic).partitions.length;
  return {
    id: p.id,
    topic: p.topic,
    acks: p.acks,
    ratePerSec: p.ratePerSec,
    buffered: p.buffered,
    bufferCapacity: Math.max(1, Math.floor(p.bufferMemory / p.recordBytes)),
    waiting: waitingPerPartition(p, np),
    waitReasons: Array.from({ length: np }, (_, i) => p.waiting[i]?.reason ?? null),
    unacked: unackedPerPartition(p, np),
    oldestWaitMs: oldestWaitMs(p, state.timeMs),
    blockedSinceMs: p.blockedSinceMs >= 0 ? p.blockedSinceMs : null,
    delayed: p.stats.delayed,
    maxLatencyMs: p.stats.maxLatencyMs,
    expired: p.stats.expired,
    deliveryTimeoutMs: p.deliveryTimeoutMs,
    maxBlockMs: p.maxBlockMs,
  };
}

/** Convenience: the view of one group, or undefined. */
export function findGroupView(state: SimState, id: string): GroupView | undefined {
  const g = state.groups.find((x) => x.id === id);
  return g ? groupView(state, g) : undefined;
}

export { topicOf };

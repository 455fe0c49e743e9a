/**
 * Shared group-coordinator code, whatever the group type: a group's state and its member registry
 * (member ids, JoinGroup bookkeeping). Each group type (today `classic/`) builds its protocol on
 * top of this; see coordinator/index.ts.
 */
import { topicOf } from '../cluster/metadata.ts';
import type { Ctx } from '../ctx.ts';
import type { GroupState, MemberState, SimState } from '../state.ts';
import type { ResolvedGroupConfig } from '../types.ts';

export function newGroup(state: SimState, g: ResolvedGroupConfig): GroupState {
  const n = topicOf(state, g.topic).partitions.length;
  return {
    id: g.id,
    topic: g.topic,
    assignors: [...g.assignors],
    assignor: g.assignor,
    protocol: g.protocol,
    timeouts: { ...g.timeouts },
    processing: { ...g.processing },
    commit: { ...g.commit },
    downstream: { ...g.downstream },
    dlq: { ...g.dlq },
    autoOffsetReset: g.autoOffsetReset,
    rebalanceMs: g.rebalanceMs,
    startAtMs: g.startAtMs,
    ...(g.driver === 'client' ? { driver: 'client' as const } : {}),
    ...(g.type === 'consumer' ? { type: 'consumer' as const, consumerGroup: { ...g.consumerGroup! }, kip848: { groupEpoch: 0, assignmentEpoch: 0, target: {} } } : {}),
    ...(g.type === 'share' ? { type: 'share' as const, shareGroup: { ...g.shareGroup! } } : {}),
    initialConsumers: g.consumers,
    started: false,
    nextMemberNumber: 1,
    members: [],
    generation: 0,
    rebalance: null,
    rebalanceQueued: null,
    committed: new Array<number | null>(n).fill(null),
    position: new Array<number>(n).fill(0),
    done: new Array<number>(n).fill(0),
    processedHW: new Array<number>(n).fill(-1),
    lastSeq: [],
    stats: { processed: 0, duplicates: 0, outOfOrder: 0, skipped: 0, deadLettered: 0, rebalances: 0, pausedMs: 0, peakMaxLag: 0 },
    processedSinceSample: 0,
    series: { t: [], lagMax: [], lagTotal: [], outPerSec: [], rebalancing: [], deadLettered: [] },
  };
}

/**
 * The next dynamic member id of a group (a consumer that (re)starts without group.instance.id gets
 * a new one): `<group.id>-<n>`, numbered from 1 in the order members join. Kafka's own consumers
 * name themselves `consumer-<group.id>-<n>` by default, n counting from 1 (ConsumerConfig: the
 * generated client.id, from KafkaConsumer's CONSUMER_CLIENT_ID_SEQUENCE); the module drops the
 * `consumer-` prefix, so the simulator, the lab's clients and the diagrams all say `billing-1`.
 */
export function memberId(g: Pick<GroupState, 'id' | 'nextMemberNumber'>): string {
  const n = g.nextMemberNumber++;
  return `${g.id}-${n}`;
}

export function addMember(g: GroupState, ctx: Ctx, now: number): MemberState {
  return pushMember(g, memberId(g), ctx, now);
}

/** Adds a member with the given id (a new JoinGroup) and reports it. */
export function pushMember(g: GroupState, id: string, ctx: Ctx, now: number): MemberState {
  const m: MemberState = {
    id,
    inGroup: true,
    crashed: false,
    owned: [],
    batch: null,
    hung: null,
    lastPollMs: now,
    lastHeartbeatMs: now,
    lastAutoCommitMs: now,
    fetchCursor: 0,
    processed: 0,
    rejoinPending: false,
  };
  g.members.push(m);
  ctx.events.push({ type: 'consumer/joined', atMs: now, group: g.id, member: m.id });
  return m;
}

/**
 * The simulation engine: creation, the fixed-tick step, producing, consuming, consumer-group
 * membership and rebalances, metrics and retention. Pure TypeScript over plain data; the state is
 * updated in place for speed (see types.ts).
 */
import { assignPartitions, parseTopicPartition } from './kafka/index.ts';
import { resolveConfig, SimConfigError } from './config.ts';
import { cachedPartitionForKey, partitionForUser, randomKey, saltedKey, sampleUser, userKey } from './keys.ts';
import { createRng, nextExponential, nextFloat, nextInt, nextNormal, type RngState } from './rng.ts';
import type {
  BatchSegment,
  GroupState,
  MemberState,
  PartitionState,
  SimState,
  TopicState,
} from './state.ts';
import {
  TICK_MS,
  type LeaveReason,
  type OffsetResetPolicy,
  type RebalanceReason,
  type ResolvedGroupConfig,
  type SimConfig,
  type SimEvent,
  type StepOptions,
  type StepResult,
  type TopicConfig,
} from './types.ts';

/** entity = producerIndex * ENTITY_SHIFT + user */
export const ENTITY_SHIFT = 1 << 20;
/** max offsets tracked per partition for ordering / loss checks */
export const TRACK_CAP = 20_000;
/** batch cost when the downstream is down: records never complete (JSON-safe, unlike Infinity) */
export const NEVER_COMPLETES = -1;
/** max poison offsets remembered per partition */
export const POISON_CAP = 64;
/** max entries in a partition's time index before it is coarsened */
export const TIME_INDEX_CAP = 256;

// ---------------------------------------------------------------------------------------------
// Creation
// ---------------------------------------------------------------------------------------------

export function createSimulation(config: SimConfig, seed: number): SimState {
  if (typeof seed !== 'number' || !Number.isInteger(seed)) {
    throw new SimConfigError([{ path: 'seed', message: 'seed must be a whole number' }]);
  }
  const rc = resolveConfig(config);
  const state: SimState = {
    version: 1,
    seed,
    config: rc,
    inputConfig: JSON.parse(JSON.stringify(config)) as SimConfig,
    timeMs: 0,
    tick: 0,
    rng: createRng(seed),
    brokers: Array.from({ length: rc.brokers }, (_, id) => ({ id, up: true, catchUpAtMs: -1 })),
    topics: [],
    producers: [],
    groups: [],
    actions: [],
    nextMetricsAtMs: rc.metricsIntervalMs,
  };
  rc.topics.forEach((t, ti) => state.topics.push(newTopic(state, t, ti)));
  for (const p of rc.producers) {
    state.producers.push({
      id: p.id,
      topic: p.topic,
      ratePerSec: p.ratePerSec,
      keys: { ...p.keys },
      recordBytes: p.recordBytes,
      acks: p.acks,
      batchSize: p.batchSize,
      carry: 0,
      stickyPartition: -1,
      stickyBytes: 0,
      userSeq: new Array<number>(p.keys.users).fill(0),
      saltCounter: 0,
    });
  }
  for (const g of rc.groups) state.groups.push(newGroup(state, g));
  return state;
}

/** A topic's state with its partitions placed on the brokers (topic index ti decides the placement). */
export function newTopic(state: SimState, t: Required<TopicConfig>, ti: number): TopicState {
  const topic: TopicState = {
    name: t.name,
    replicationFactor: t.replicationFactor,
    retentionMs: t.retentionMs,
    retentionBytes: t.retentionBytes,
    minInsyncReplicas: t.minInsyncReplicas,
    partitions: [],
    produced: 0,
    failed: 0,
    producedSinceSample: 0,
    failedSinceSample: 0,
    series: { t: [], inPerSec: [], failedPerSec: [] },
  };
  for (let p = 0; p < t.partitions; p++) topic.partitions.push(newPartition(state, ti, p, t.replicationFactor));
  return topic;
}

export function newPartition(state: SimState, topicIndex: number, p: number, rf: number): PartitionState {
  const n = state.brokers.length;
  const replicas: number[] = [];
  for (let i = 0; i < rf; i++) replicas.push((p + topicIndex + i) % n);
  const isr = replicas.filter((b) => state.brokers[b]!.up);
  const leader = isr.length ? isr[0]! : -1;
  return {
    id: p,
    replicas,
    isr: isr.length ? isr : [replicas[0]!],
    leader,
    logStart: 0,
    logEnd: 0,
    recent: { keys: [], users: [], at: [] },
    track: { base: 0, entity: [], seq: [] },
    poison: [],
    poisonNext: false,
    timeIndex: { t: [state.timeMs], o: [0] },
  };
}

export function newGroup(state: SimState, g: ResolvedGroupConfig): GroupState {
  const n = topicOf(state, g.topic).partitions.length;
  return {
    id: g.id,
    topic: g.topic,
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

// ---------------------------------------------------------------------------------------------
// Lookups
// ---------------------------------------------------------------------------------------------

export function topicOf(state: SimState, name: string): TopicState {
  for (const t of state.topics) if (t.name === name) return t;
  throw new Error(`unknown topic "${name}"`);
}

export function topicIndexOf(state: SimState, name: string): number {
  return state.topics.findIndex((t) => t.name === name);
}

export function groupOf(state: SimState, id: string): GroupState | undefined {
  for (const g of state.groups) if (g.id === id) return g;
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// Step
// ---------------------------------------------------------------------------------------------

/** Per-step context: the event list and whether per-record events are wanted. */
export interface Ctx {
  events: SimEvent[];
  recordEvents: boolean;
}

/** Advance the simulation by one TICK_MS. Updates `state` in place and returns it with the step's events. */
export function stepSimulation(state: SimState, options?: StepOptions): StepResult {
  const ctx: Ctx = { events: [], recordEvents: options?.recordEvents ?? true };
  const now = state.timeMs;
  catchUpBrokers(state, ctx, now);
  for (const g of state.groups) {
    if (!g.started && now >= g.startAtMs) startGroup(state, g, ctx, now);
  }
  for (let i = 0; i < state.producers.length; i++) produce(state, i, ctx, now);
  for (const g of state.groups) {
    if (g.started) stepGroup(state, g, ctx, now);
  }
  state.timeMs = now + TICK_MS;
  state.tick += 1;
  if (state.timeMs >= state.nextMetricsAtMs) {
    sampleMetrics(state, ctx);
    state.nextMetricsAtMs += state.config.metricsIntervalMs;
  }
  return { state, events: ctx.events };
}

// ---------------------------------------------------------------------------------------------
// Producing
// ---------------------------------------------------------------------------------------------

function produce(state: SimState, pi: number, ctx: Ctx, now: number): void {
  const prod = state.producers[pi]!;
  if (prod.ratePerSec <= 0) return;
  const x = prod.carry + (prod.ratePerSec * TICK_MS) / 1000;
  const n = Math.floor(x + 1e-9);
  prod.carry = x - n;
  if (n <= 0) return;
  const topic = topicOf(state, prod.topic);
  const parts = topic.partitions;
  const np = parts.length;
  const rng = state.rng;
  const counts = new Array<number>(np).fill(0);
  const bases = new Array<number>(np).fill(-1);
  let offlineFails: number[] | null = null;
  let isrFails: number[] | null = null;
  const keys = prod.keys;
  const cap = state.config.recentRecords;
  const entityBase = pi * ENTITY_SHIFT;
  for (let i = 0; i < n; i++) {
    const user = sampleUser(keys, rng);
    let key: string | null;
    let p: number;
    switch (keys.mode) {
      case 'user':
        key = userKey(user);
        p = partitionForUser(user, np);
        break;
      case 'salted':
        if (user === 0) {
          key = saltedKey(0, prod.saltCounter % keys.saltBuckets);
          prod.saltCounter = (prod.saltCounter + 1) % keys.saltBuckets;
          p = cachedPartitionForKey(key, np);
        } else {
          key = userKey(user);
          p = partitionForUser(user, np);
        }
        break;
      case 'random':
        key = randomKey(rng);
        p = cachedPartitionForKey(key, np);
        break;
      case 'none':
      default:
        key = null;
        if (prod.stickyPartition < 0 || prod.stickyPartition >= np || prod.stickyBytes + prod.recordBytes > prod.batchSize) {
          // Kafka's built-in partitioner for unkeyed records: stay on one partition until a batch fills.
          let next = nextInt(rng, np);
          if (np > 1 && next === prod.stickyPartition) next = (next + 1 + nextInt(rng, np - 1)) % np;
          prod.stickyPartition = next;
          prod.stickyBytes = 0;
        }
        p = prod.stickyPartition;
        prod.stickyBytes += prod.recordBytes;
        break;
    }
    const P = parts[p]!;
    if (P.leader < 0) {
      if (!offlineFails) offlineFails = new Array<number>(np).fill(0);
      offlineFails[p]! += 1;
      continue;
    }
    if (prod.acks === 'all' && P.isr.length < topic.minInsyncReplicas) {
      if (!isrFails) isrFails = new Array<number>(np).fill(0);
      isrFails[p]! += 1;
      continue;
    }
    const seq = prod.userSeq[user]!;
    prod.userSeq[user] = seq + 1;
    const offset = P.logEnd;
    P.logEnd = offset + 1;
    if (bases[p] === -1) bases[p] = offset;
    counts[p]! += 1;
    const r = P.recent;
    const slot = offset % cap;
    r.keys[slot] = key;
    r.users[slot] = user;
    r.at[slot] = now;
    const t = P.track;
    t.entity.push(entityBase + user);
    t.seq.push(seq);
    if (P.poisonNext) {
      P.poisonNext = false;
      P.poison.push(offset);
      if (P.poison.length > POISON_CAP) P.poison.shift();
      ctx.events.push({ type: 'record/poisoned', atMs: now, topic: topic.name, partition: p, offset });
    }
  }
  let produced = 0;
  for (let p = 0; p < np; p++) {
    const c = counts[p]!;
    if (c === 0) continue;
    produced += c;
    if (ctx.recordEvents) ctx.events.push({ type: 'record/produced', atMs: now, topic: topic.name, partition: p, baseOffset: bases[p]!, count: c });
  }
  topic.produced += produced;
  topic.producedSinceSample += produced;
  for (const [fails, reason] of [
    [offlineFails, 'partition-offline'],
    [isrFails, 'not-enough-replicas'],
  ] as const) {
    if (!fails) continue;
    for (let p = 0; p < np; p++) {
      const c = fails[p]!;
      if (c === 0) continue;
      topic.failed += c;
      topic.failedSinceSample += c;
      ctx.events.push({ type: 'record/failed', atMs: now, topic: topic.name, partition: p, count: c, reason });
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Brokers
// ---------------------------------------------------------------------------------------------

function catchUpBrokers(state: SimState, ctx: Ctx, now: number): void {
  for (const b of state.brokers) {
    if (!b.up || b.catchUpAtMs < 0 || now < b.catchUpAtMs) continue;
    b.catchUpAtMs = -1;
    for (const t of state.topics) {
      for (const P of t.partitions) {
        if (!P.replicas.includes(b.id) || P.isr.includes(b.id)) continue;
        P.isr = P.replicas.filter((r) => r === b.id || P.isr.includes(r));
        ctx.events.push({ type: 'partition/isr-changed', atMs: now, topic: t.name, partition: P.id, isr: [...P.isr] });
      }
    }
  }
}

export function stopBroker(state: SimState, brokerId: number, ctx: Ctx): void {
  const now = state.timeMs;
  const b = state.brokers[brokerId]!;
  if (!b.up) return;
  b.up = false;
  b.catchUpAtMs = -1;
  ctx.events.push({ type: 'broker/stopped', atMs: now, broker: brokerId });
  for (const t of state.topics) {
    for (const P of t.partitions) {
      if (!P.replicas.includes(brokerId)) continue;
      if (P.isr.includes(brokerId) && P.isr.length > 1) {
        // the ISR never shrinks to empty: the last in-sync replica stays listed even when down
        P.isr = P.isr.filter((r) => r !== brokerId);
        ctx.events.push({ type: 'partition/isr-changed', atMs: now, topic: t.name, partition: P.id, isr: [...P.isr] });
      }
      if (P.leader === brokerId) {
        const next = P.isr.find((r) => r !== brokerId && state.brokers[r]!.up);
        if (next !== undefined) {
          P.leader = next;
          ctx.events.push({ type: 'partition/leader-changed', atMs: now, topic: t.name, partition: P.id, from: brokerId, to: next });
        } else {
          P.leader = -1;
          ctx.events.push({ type: 'partition/offline', atMs: now, topic: t.name, partition: P.id });
        }
      }
    }
  }
}

export function startBroker(state: SimState, brokerId: number, ctx: Ctx): void {
  const now = state.timeMs;
  const b = state.brokers[brokerId]!;
  if (b.up) return;
  b.up = true;
  ctx.events.push({ type: 'broker/started', atMs: now, broker: brokerId });
  for (const t of state.topics) {
    for (const P of t.partitions) {
      // an offline partition whose last in-sync replica returns comes back with it as leader
      if (P.leader < 0 && P.isr.includes(brokerId)) {
        P.leader = brokerId;
        ctx.events.push({ type: 'partition/leader-changed', atMs: now, topic: t.name, partition: P.id, from: -1, to: brokerId });
      }
    }
  }
  b.catchUpAtMs = now + state.config.replicaCatchUpMs;
}

// ---------------------------------------------------------------------------------------------
// Consumer groups
// ---------------------------------------------------------------------------------------------

function memberId(g: GroupState): string {
  const n = g.nextMemberNumber++;
  return `${g.id}-c${n < 10 ? '0' : ''}${n}`;
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

export function commitPartition(g: GroupState, p: number, offset: number, ctx: Ctx, now: number): void {
  if (g.committed[p] === offset) return;
  g.committed[p] = offset;
  if (ctx.recordEvents) ctx.events.push({ type: 'offset/committed', atMs: now, group: g.id, topic: g.topic, partition: p, offset });
}

/** What a commit of this member's progress stores: auto-commit and commit-after-processing both commit processed positions. */
function commitOwned(g: GroupState, m: MemberState, ctx: Ctx, now: number, parts: number[] = m.owned): void {
  // a client-driven group's client commits for itself (client/commit)
  if (g.driver === 'client') return;
  for (const p of parts) commitPartition(g, p, g.done[p]!, ctx, now);
}

export function revokeAll(state: SimState, g: GroupState, m: MemberState, ctx: Ctx, now: number): void {
  if (!m.owned.length) return;
  if (g.commit.mode === 'auto') commitOwned(g, m, ctx, now);
  const parts = m.owned;
  m.owned = [];
  ctx.events.push({ type: 'consumer/revoked', atMs: now, group: g.id, member: m.id, partitions: parts });
  void state;
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

function afterMembershipLoss(state: SimState, g: GroupState, ctx: Ctx, now: number): void {
  if (!g.members.some((m) => m.inGroup)) {
    if (g.rebalance) finishRebalance(g, ctx, now);
    return;
  }
  requestRebalance(state, g, ctx, now, 'member-left');
}

function finishRebalance(g: GroupState, ctx: Ctx, now: number): void {
  const r = g.rebalance!;
  g.rebalance = null;
  g.stats.rebalances += 1;
  ctx.events.push({ type: 'group/rebalance-completed', atMs: now, group: g.id, generation: r.generation, durationMs: now - r.startedAtMs });
}

/** The position a newly assigned partition starts from: the committed offset, else auto.offset.reset (the member's own, if it has one). */
function startPosition(state: SimState, g: GroupState, p: number, m?: MemberState): number {
  const P = topicOf(state, g.topic).partitions[p]!;
  const c = g.committed[p];
  if (c !== null && c !== undefined && c >= P.logStart) return Math.min(c, P.logEnd);
  return (m?.offsetReset ?? g.autoOffsetReset) === 'earliest' ? P.logStart : P.logEnd;
}

function giveTo(state: SimState, g: GroupState, m: MemberState, parts: number[]): void {
  for (const p of parts) {
    const pos = startPosition(state, g, p, m);
    g.position[p] = pos;
    g.done[p] = pos;
    if (g.processedHW[p]! < 0) g.processedHW[p] = pos;
    if (!m.owned.includes(p)) m.owned.push(p);
  }
  m.owned.sort((a, b) => a - b);
}

function computeTarget(state: SimState, g: GroupState): Record<string, number[]> {
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

function progressRebalance(state: SimState, g: GroupState, ctx: Ctx, now: number): void {
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

function dropSegments(m: MemberState, parts: number[]): void {
  const b = m.batch!;
  // keep the current segment (it is being processed); drop later ones of revoked partitions
  const keep: BatchSegment[] = [];
  for (let i = 0; i < b.segments.length; i++) {
    const s = b.segments[i]!;
    if (i > b.seg && parts.includes(s.partition)) {
      b.remaining -= s.count;
      continue;
    }
    keep.push(s);
  }
  b.segments = keep;
}

function stepGroup(state: SimState, g: GroupState, ctx: Ctx, now: number): void {
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
  progressRebalance(state, g, ctx, now);
  if (g.rebalance) {
    const n = g.position.length;
    if (g.rebalance.protocol === 'eager') g.stats.pausedMs += TICK_MS;
    else {
      let unowned = n;
      for (const m of g.members) if (m.inGroup && !m.crashed) unowned -= m.owned.length;
      g.stats.pausedMs += (TICK_MS * Math.max(0, unowned)) / n;
    }
  }
  // a client-driven group's members fetch through client/fetch
  if (g.driver === 'client') return;
  const topic = topicOf(state, g.topic);
  for (const m of g.members) {
    if (!m.crashed) consumeMember(state, g, topic, m, ctx, now);
  }
}

function sampleBatchCost(state: SimState, g: GroupState, n: number): number {
  const mean = g.processing.meanMs * g.downstream.slowdown;
  const f = g.downstream.failureRate;
  if (f >= 1) return NEVER_COMPLETES;
  const perRecordMean = mean / (1 - f);
  if (perRecordMean <= 0) return 0;
  const rng: RngState = state.rng;
  let total: number;
  switch (g.processing.distribution) {
    case 'fixed':
      return perRecordMean;
    case 'uniform':
      if (n <= 12) {
        total = 0;
        for (let i = 0; i < n; i++) total += nextFloat(rng) * 2 * perRecordMean;
      } else total = n * perRecordMean + nextNormal(rng) * perRecordMean * Math.sqrt(n / 3);
      break;
    case 'exponential':
    default:
      if (n <= 12) {
        total = 0;
        for (let i = 0; i < n; i++) total += nextExponential(rng, perRecordMean);
      } else total = n * perRecordMean + nextNormal(rng) * perRecordMean * Math.sqrt(n);
      break;
  }
  return Math.max(0, total) / n;
}

function consumeMember(state: SimState, g: GroupState, topic: TopicState, m: MemberState, ctx: Ctx, now: number): void {
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
        m.rejoinPending = false;
        m.inGroup = true;
        m.lastPollMs = t;
        ctx.events.push({ type: 'consumer/joined', atMs: now, group: g.id, member: m.id });
        requestRebalance(state, g, ctx, now, 'member-joined');
        return;
      }
      if (!m.inGroup) return;
      m.lastPollMs = t;
      if (g.commit.mode === 'auto' && t - m.lastAutoCommitMs >= g.commit.intervalMs) {
        m.lastAutoCommitMs = t;
        commitOwned(g, m, ctx, now);
      }
      const r = g.rebalance;
      if (r && r.protocol === 'eager') {
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

/**
 * Where a fetch of partition p starts. A position below the log start is Kafka's
 * OffsetOutOfRange (retention deleted those records): auto.offset.reset decides, and the
 * skipped records are counted.
 */
export function fetchPosition(g: GroupState, P: PartitionState, p: number, reset: OffsetResetPolicy): number {
  let pos = g.position[p]!;
  if (pos < P.logStart) {
    pos = reset === 'earliest' ? P.logStart : P.logEnd;
    g.stats.skipped += Math.max(0, pos - g.done[p]!);
    g.done[p] = pos;
    if (g.processedHW[p]! < pos) g.processedHW[p] = pos;
  }
  return pos;
}

function poll(state: SimState, g: GroupState, topic: TopicState, m: MemberState): boolean {
  const owned = m.owned;
  const n = owned.length;
  if (!n) return false;
  let left = g.timeouts.maxPollRecords;
  const segments: BatchSegment[] = [];
  let total = 0;
  const start = m.fetchCursor % n;
  for (let k = 0; k < n && left > 0; k++) {
    const p = owned[(start + k) % n]!;
    const P = topic.partitions[p]!;
    if (P.leader < 0) continue;
    const pos = fetchPosition(g, P, p, g.autoOffsetReset);
    const take = Math.min(P.logEnd - pos, left);
    if (take > 0) {
      segments.push({ partition: p, from: pos, count: take });
      g.position[p] = pos + take;
      left -= take;
      total += take;
    }
  }
  m.fetchCursor = (start + 1) % n;
  if (!total) return false;
  let cost = sampleBatchCost(state, g, total);
  const dead = g.dlq.enabled && cost > g.dlq.recordTimeoutMs;
  if (dead) cost = g.dlq.recordTimeoutMs;
  m.batch = { segments, seg: 0, doneInSeg: 0, remaining: total, costMs: cost, progressMs: 0, deadLetter: dead };
  return true;
}

export function deliver(g: GroupState, m: MemberState, topic: TopicState, p: number, from: number, count: number, ctx: Ctx, now: number): void {
  const hw = g.processedHW[p]!;
  const end = from + count;
  if (hw >= 0 && from > hw) g.stats.skipped += from - hw;
  const dupEnd = Math.min(end, hw);
  const dups = dupEnd > from ? dupEnd - from : 0;
  g.stats.duplicates += dups;
  const batch = m.batch;
  if (batch && batch.deadLetter) {
    for (let o = from; o < end; o++) {
      g.stats.deadLettered += 1;
      ctx.events.push({ type: 'record/dead-lettered', atMs: now, group: g.id, member: m.id, topic: g.topic, partition: p, offset: o });
    }
  } else {
    const P = topic.partitions[p]!;
    const tr = P.track;
    const base = tr.base;
    const ent = tr.entity;
    const seqs = tr.seq;
    const lim = Math.min(end, base + ent.length);
    let outOfOrder = 0;
    let lastPi = -1;
    let arr: number[] = [];
    for (let o = Math.max(from, hw, base); o < lim; o++) {
      const i = o - base;
      const e = ent[i]!;
      // explicitly sent records (producer/send) carry no producer sequence to check
      if (e < 0) continue;
      const s = seqs[i]!;
      const pi = (e / ENTITY_SHIFT) | 0;
      const u = e - pi * ENTITY_SHIFT;
      if (pi !== lastPi) {
        arr = lastSeqArray(g, pi, u);
        lastPi = pi;
      } else if (u >= arr.length) arr = lastSeqArray(g, pi, u);
      if (s < arr[u]!) outOfOrder++;
      else arr[u] = s;
    }
    g.stats.outOfOrder += outOfOrder;
  }
  if (end > hw) g.processedHW[p] = end;
  // a member that lost the partition (a zombie after a poll timeout) still processes, but its progress does not count
  if (m.owned.includes(p)) g.done[p] = end;
  m.processed += count;
  g.stats.processed += count;
  g.processedSinceSample += count;
  if (ctx.recordEvents) ctx.events.push({ type: 'record/consumed', atMs: now, group: g.id, member: m.id, topic: g.topic, partition: p, fromOffset: from, count });
}

/** The per-user last-seen sequence array of producer pi, dense and long enough for user u. */
function lastSeqArray(g: GroupState, pi: number, u: number): number[] {
  while (g.lastSeq.length <= pi) g.lastSeq.push([]);
  const arr = g.lastSeq[pi]!;
  if (arr.length <= u) {
    const want = Math.max(u + 1, arr.length * 2, 64);
    for (let i = arr.length; i < want; i++) arr.push(-1);
  }
  return arr;
}

function deadLetter(g: GroupState, m: MemberState, ctx: Ctx, at: number): void {
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

function completeBatch(state: SimState, g: GroupState, m: MemberState, ctx: Ctx, now: number): void {
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
  if (g.rebalance && g.rebalance.protocol === 'eager' && m.inGroup) revokeAll(state, g, m, ctx, now);
}

// ---------------------------------------------------------------------------------------------
// Metrics and retention (once per metrics interval)
// ---------------------------------------------------------------------------------------------

function pushCapped(arr: number[], v: number, cap: number): void {
  arr.push(v);
  if (arr.length > cap) arr.splice(0, arr.length - cap);
}

/** Lag per partition (null when the group has not committed for it). */
export function groupLag(state: SimState, g: GroupState): { lag: (number | null)[]; max: number; total: number } {
  const parts = topicOf(state, g.topic).partitions;
  const lag: (number | null)[] = [];
  let max = 0;
  let total = 0;
  for (let p = 0; p < parts.length; p++) {
    const c = g.committed[p];
    if (c === null || c === undefined) {
      lag.push(null);
      continue;
    }
    const l = Math.max(0, parts[p]!.logEnd - c);
    lag.push(l);
    if (l > max) max = l;
    total += l;
  }
  return { lag, max, total };
}

function sampleMetrics(state: SimState, ctx: Ctx): void {
  const now = state.timeMs;
  const cap = state.config.metricsCapacity;
  const perSec = 1000 / state.config.metricsIntervalMs;
  for (const t of state.topics) {
    pushCapped(t.series.t, now, cap);
    pushCapped(t.series.inPerSec, t.producedSinceSample * perSec, cap);
    pushCapped(t.series.failedPerSec, t.failedSinceSample * perSec, cap);
    t.producedSinceSample = 0;
    t.failedSinceSample = 0;
    applyRetention(state, t, ctx, now);
  }
  for (const g of state.groups) {
    const { max, total } = groupLag(state, g);
    if (max > g.stats.peakMaxLag) g.stats.peakMaxLag = max;
    const s = g.series;
    pushCapped(s.t, now, cap);
    pushCapped(s.lagMax, max, cap);
    pushCapped(s.lagTotal, total, cap);
    pushCapped(s.outPerSec, g.processedSinceSample * perSec, cap);
    pushCapped(s.rebalancing, g.rebalance ? 1 : 0, cap);
    pushCapped(s.deadLettered, g.stats.deadLettered, cap);
    g.processedSinceSample = 0;
  }
  trimTracking(state);
}

function applyRetention(state: SimState, t: TopicState, ctx: Ctx, now: number): void {
  const prod = state.producers.find((p) => p.topic === t.name);
  const recordBytes = prod ? prod.recordBytes : 100;
  for (const P of t.partitions) {
    const ti = P.timeIndex;
    ti.t.push(now);
    ti.o.push(P.logEnd);
    if (ti.t.length > TIME_INDEX_CAP) {
      // coarsen: keep every other entry (always keep the newest)
      const nt: number[] = [];
      const no: number[] = [];
      for (let i = ti.t.length - 1; i >= 0; i -= 2) {
        nt.push(ti.t[i]!);
        no.push(ti.o[i]!);
      }
      ti.t = nt.reverse();
      ti.o = no.reverse();
    }
    let start = P.logStart;
    // time: records older than retention.ms (the index says: before t[i], offsets were below o[i])
    const cutoff = now - t.retentionMs;
    for (let i = ti.t.length - 1; i >= 0; i--) {
      if (ti.t[i]! <= cutoff) {
        if (ti.o[i]! > start) start = ti.o[i]!;
        break;
      }
    }
    if (t.retentionBytes > 0) {
      const keep = Math.floor(t.retentionBytes / recordBytes);
      if (P.logEnd - keep > start) start = P.logEnd - keep;
    }
    if (start > P.logStart) {
      P.logStart = start;
      ctx.events.push({ type: 'log/truncated', atMs: now, topic: t.name, partition: P.id, logStartOffset: start });
      // drop index entries wholly below the log start (keep one)
      let drop = 0;
      while (drop < ti.o.length - 1 && ti.o[drop + 1]! <= start) drop++;
      if (drop) {
        ti.t.splice(0, drop);
        ti.o.splice(0, drop);
      }
      P.poison = P.poison.filter((o) => o >= start);
      const pl = P.payload;
      if (pl && pl.offsets.length && pl.offsets[0]! < start) {
        let k = 0;
        while (k < pl.offsets.length && pl.offsets[k]! < start) k++;
        pl.offsets.splice(0, k);
        pl.keys.splice(0, k);
        pl.values.splice(0, k);
        pl.at.splice(0, k);
      }
    }
  }
}

function trimTracking(state: SimState): void {
  for (const t of state.topics) {
    const groups = state.groups.filter((g) => g.topic === t.name);
    for (const P of t.partitions) {
      const tr = P.track;
      // tracked records are needed until every group has processed them once (re-deliveries are duplicates, not checked)
      let need = P.logEnd;
      for (const g of groups) {
        const hw = g.started ? (g.processedHW[P.id] ?? -1) : -1;
        if (hw < 0) {
          need = Math.min(need, P.logStart);
          break;
        }
        need = Math.min(need, hw);
      }
      need = Math.max(need, P.logStart, tr.base + tr.entity.length - TRACK_CAP);
      const drop = Math.min(tr.entity.length, need - tr.base);
      if (drop > 0 && (drop > 1024 || tr.entity.length > TRACK_CAP)) {
        tr.entity.splice(0, drop);
        tr.seq.splice(0, drop);
        tr.base += drop;
      }
    }
  }
}

export { TICK_MS };

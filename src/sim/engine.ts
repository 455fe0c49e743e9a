/**
 * The simulation's entry points: creation and the fixed-tick step. Each step runs Kafka's
 * components in a fixed order over the plain state, updated in place for speed (see types.ts):
 *
 *   cluster/     brokers, placement, leaders and in-sync replicas (replica manager)
 *   producer/    rate producers, producer/send, the built-in partitioner
 *   log/         appending, retention (log manager), payloads
 *   coordinator/ shared group-coordinator code and one folder per group type (classic/, consumer/, share/)
 *   consumer/    fetching and processing by members
 *   metrics.ts   lag and the sampled series
 */
import { stepClassicGroups } from './coordinator/classicGroup/coordinator.ts';
import { replicaManagerTick } from './cluster/replicaManager.ts';
import { newTopic } from './cluster/topics.ts';
import { resolveConfig, SimConfigError } from './config.ts';
import { checkMembers, stepBounce } from './coordinator/classic/membership.ts';
import { progressRebalance } from './coordinator/classic/rebalance.ts';
import { checkConsumerMembers } from './coordinator/consumer/coordinator.ts';
import { startAnyGroup } from './coordinator/dispatch.ts';
import { stepShareGroup } from './coordinator/share/coordinator.ts';
import { newGroup } from './coordinator/group.ts';
import { topicOf } from './cluster/metadata.ts';
import { consumeMember } from './consumer/processing.ts';
import type { Ctx } from './ctx.ts';
import { runLogManager } from './log/logManager.ts';
import { accountPausedTime, sampleMetrics } from './metrics.ts';
import { produce } from './producer/producer.ts';
import { createRng } from './rng.ts';
import type { GroupState, SimState } from './state.ts';
import { TICK_MS, type SimConfig, type StepOptions, type StepResult } from './types.ts';

// Re-exported so that older imports from engine.ts keep working.
export type { Ctx } from './ctx.ts';
export { ENTITY_SHIFT, TRACK_CAP, TRACK_TOTAL, TRACK_MIN, trackCap, POISON_CAP, TIME_INDEX_CAP } from './log/log.ts';
export { NEVER_COMPLETES } from './consumer/batch.ts';
export { newTopic, newPartition } from './cluster/topics.ts';
export { topicOf, topicIndexOf, groupOf } from './cluster/metadata.ts';
export { newGroup, addMember, pushMember } from './coordinator/group.ts';
export { stopBroker, startBroker } from './cluster/controller.ts';
export { startGroup, requestRebalance, revokeAll, memberReady } from './coordinator/classic/rebalance.ts';
export { removeMember } from './coordinator/classic/membership.ts';
export { commitPartition } from './coordinator/offsets.ts';
export { fetchPosition } from './consumer/fetch.ts';
export { deliver } from './consumer/deliver.ts';
export { groupLag } from './metrics.ts';

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
    brokers: Array.from({ length: rc.brokers }, (_, id) => ({ id, up: true, catchUpAtMs: -1, stoppedAtMs: -1, fenced: false })),
    topics: [],
    producers: [],
    groups: [],
    actions: [],
    nextMetricsAtMs: rc.metricsIntervalMs,
    laggingReplicas: 0,
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
      deliveryTimeoutMs: p.deliveryTimeoutMs,
      bufferMemory: p.bufferMemory,
      maxBlockMs: p.maxBlockMs,
      waiting: [],
      unacked: [],
      buffered: 0,
      blockedSinceMs: -1,
      stats: { delayed: 0, maxLatencyMs: 0, expired: 0, blockedTimeouts: 0 },
      latencySinceSample: 0,
      series: { t: [], buffered: [], latencyMaxMs: [] },
    });
  }
  for (const g of rc.groups) state.groups.push(newGroup(state, g));
  return state;
}

/** Advance the simulation by one TICK_MS. Updates `state` in place and returns it with the step's events. */
export function stepSimulation(state: SimState, options?: StepOptions): StepResult {
  const ctx: Ctx = { events: [], recordEvents: options?.recordEvents ?? true };
  const now = state.timeMs;
  replicaManagerTick(state, ctx, now);
  for (const g of state.groups) {
    if (!g.started && now >= g.startAtMs) startAnyGroup(state, g, ctx, now);
  }
  for (let i = 0; i < state.producers.length; i++) produce(state, i, ctx, now);
  for (const g of state.groups) {
    if (g.started) stepGroup(state, g, ctx, now);
  }
  if (state.classicGroups?.length) stepClassicGroups(state, ctx, now);
  state.timeMs = now + TICK_MS;
  state.tick += 1;
  if (state.timeMs >= state.nextMetricsAtMs) {
    sampleMetrics(state);
    runLogManager(state, ctx, state.timeMs);
    state.nextMetricsAtMs += state.config.metricsIntervalMs;
  }
  return { state, events: ctx.events };
}

/** One group's tick: the coordinator (membership, rebalance), paused time, then its members' processing. */
function stepGroup(state: SimState, g: GroupState, ctx: Ctx, now: number): void {
  if (g.type === 'share') return stepShareGroup(state, g, ctx, now);
  if (g.type === 'consumer') checkConsumerMembers(state, g, ctx, now);
  else {
    checkMembers(state, g, ctx, now);
    progressRebalance(state, g, ctx, now);
    if (g.bounce) stepBounce(state, g, ctx, now);
    accountPausedTime(g);
  }
  // a client-driven group's members fetch through client/fetch
  if (g.driver === 'client') return;
  const topic = topicOf(state, g.topic);
  for (const m of g.members) {
    if (!m.crashed) consumeMember(state, g, topic, m, ctx, now);
  }
}

export { TICK_MS };

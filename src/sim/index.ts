/**
 * Streamlab's log simulator: a deterministic, steppable model of a Kafka cluster, producers and
 * consumer groups. Pure TypeScript over plain, serialisable data. This is its public surface; ARCHITECTURE.md
 * ("The log simulator") describes the model and where each Kafka component lives.
 */
export * from './types.ts';
export { createSimulation, stepSimulation } from './engine.ts';
export { groupLag } from './metrics.ts';
export { applyAction, SimActionError, offsetForTime, MAX_SEND_RECORDS } from './actions.ts';
export { validateConfig, resolveConfig, validateGroupConfig, SimConfigError, DEFAULTS, MAX_PARTITIONS, MAX_BROKERS, simConfigSchema, topicConfigSchema, validateTopicConfig } from './config.ts';
export { partitionRecords } from './log/payload.ts';
export { nextDeadlineMs } from './coordinator/deadlines.ts';
export { classicGroupView, committedOffsets, DEFAULT_COORDINATOR, groupCoordinator, joinOutcome, syncOutcome } from './coordinator/classicGroup/index.ts';
export { BATCHES_TO_RETAIN } from './producer/idempotence.ts';
export { snapshotView, settingsView, groupView, findGroupView, memberStatus } from './view.ts';
export { parseScenario, validateScenario, runScenario, checkExpectation, observe, scenarioSchema, ScenarioError } from './scenario.ts';
export { cloneSimulation, recordingOf, replay, runUntil, createTimeline, seek, act, type Timeline } from './recorder.ts';
export { createRng, nextU32, nextFloat, type RngState } from './rng.ts';
export { userKey, userColor } from './keys.ts';
export type { SimState } from './state.ts';
export { murmur2, toPositive, partitionForKey, assignPartitions, parseTopicPartition } from './kafka/index.ts';
export type { MemberSubscription } from './kafka/index.ts';

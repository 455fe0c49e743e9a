/**
 * Topic administration as Kafka's controller answers it: CreateTopics, auto-creation from
 * Metadata, DeleteTopics and CreatePartitions, each checked the way Kafka checks it and then
 * applied to the simulation as an action (topic/create, topic/delete, topic/set-partitions).
 */
import { MAX_PARTITIONS, SimActionError } from '../../sim/index.ts';
import { ERR } from '../protocol/errors.ts';
import type { KafkaCluster } from './cluster.ts';
import { findTopic, topicNameProblem } from './simRead.ts';

export interface TopicResult {
  errorCode: number;
  errorMessage: string | null;
}

const OK: TopicResult = { errorCode: ERR.NONE, errorMessage: null };

/** The simulator keeps topic names to 64 characters (its config schema); Kafka allows 249. */
export const SIM_MAX_TOPIC_NAME = 64;

/** Topic configs CreateTopics may set, and how each maps onto the simulator's topic settings. */
const TOPIC_CONFIGS: Record<string, (v: number) => Record<string, number> | null> = {
  'retention.ms': (v) => (Number.isInteger(v) && v > 0 ? { retentionMs: v } : v === -1 ? { retentionMs: 1e13 } : null),
  'retention.bytes': (v) => (v === -1 ? { retentionBytes: -1 } : Number.isInteger(v) && v > 0 ? { retentionBytes: v } : null),
  'min.insync.replicas': (v) => (Number.isInteger(v) && v >= 1 ? { minInsyncReplicas: v } : null),
};

function fail(errorCode: number, errorMessage: string): TopicResult {
  return { errorCode, errorMessage };
}

/** Checks and (unless validateOnly) creates a topic. numPartitions/replicationFactor -1 take the broker defaults. */
export function createTopic(
  cluster: KafkaCluster,
  name: string,
  numPartitions: number,
  replicationFactor: number,
  configs: { name: string; value: string | null }[] = [],
  options: { validateOnly?: boolean; manualAssignment?: boolean } = {},
): TopicResult {
  const problem = topicNameProblem(name);
  if (problem) return fail(ERR.INVALID_TOPIC_EXCEPTION, problem);
  if (name.length > SIM_MAX_TOPIC_NAME) return fail(ERR.INVALID_TOPIC_EXCEPTION, `the simulator keeps topic names to ${SIM_MAX_TOPIC_NAME} characters`);
  if (findTopic(cluster.sim, name)) return fail(ERR.TOPIC_ALREADY_EXISTS, `Topic '${name}' already exists.`);
  if (options.manualAssignment) return fail(ERR.INVALID_REPLICA_ASSIGNMENT, 'the simulator places replicas itself; manual replica assignments are not supported');
  const partitions = numPartitions === -1 ? cluster.config.numPartitions : numPartitions;
  const rf = replicationFactor === -1 ? cluster.config.defaultReplicationFactor : replicationFactor;
  if (!Number.isInteger(partitions) || partitions < 1) return fail(ERR.INVALID_PARTITIONS, 'Number of partitions must be larger than 0.');
  if (partitions > MAX_PARTITIONS) return fail(ERR.INVALID_PARTITIONS, `the simulator allows at most ${MAX_PARTITIONS} partitions per topic`);
  const live = cluster.sim.brokers.filter((b) => b.up).length;
  if (!Number.isInteger(rf) || rf < 1) return fail(ERR.INVALID_REPLICATION_FACTOR, 'Replication factor must be larger than 0.');
  if (rf > live) return fail(ERR.INVALID_REPLICATION_FACTOR, `Replication factor: ${rf} larger than available brokers: ${live}.`);
  const settings: Record<string, number> = {};
  for (const c of configs) {
    const map = TOPIC_CONFIGS[c.name];
    if (!map) return fail(ERR.INVALID_CONFIG, `the simulator does not model topic config "${c.name}" (it takes ${Object.keys(TOPIC_CONFIGS).join(', ')})`);
    const v = c.value === null ? NaN : Number(c.value);
    const mapped = Number.isFinite(v) ? map(v) : null;
    if (!mapped) return fail(ERR.INVALID_CONFIG, `Invalid value ${String(c.value)} for configuration ${c.name}`);
    Object.assign(settings, mapped);
  }
  if (options.validateOnly) return OK;
  try {
    cluster.act({ type: 'topic/create', topic: { name, partitions, replicationFactor: rf, ...settings } });
  } catch (e) {
    if (e instanceof SimActionError) return fail(ERR.INVALID_REQUEST, e.message);
    throw e;
  }
  return OK;
}

export function deleteTopic(cluster: KafkaCluster, name: string): TopicResult {
  if (!findTopic(cluster.sim, name)) return fail(ERR.UNKNOWN_TOPIC_OR_PARTITION, 'This server does not host this topic-partition.');
  try {
    cluster.act({ type: 'topic/delete', topic: name });
  } catch (e) {
    if (e instanceof SimActionError) return fail(ERR.INVALID_REQUEST, e.message);
    throw e;
  }
  return OK;
}

export function createPartitions(cluster: KafkaCluster, name: string, count: number, options: { validateOnly?: boolean; manualAssignment?: boolean } = {}): TopicResult {
  const t = findTopic(cluster.sim, name);
  if (!t) return fail(ERR.UNKNOWN_TOPIC_OR_PARTITION, 'This server does not host this topic-partition.');
  if (options.manualAssignment) return fail(ERR.INVALID_REPLICA_ASSIGNMENT, 'the simulator places replicas itself; manual replica assignments are not supported');
  const have = t.partitions.length;
  if (!Number.isInteger(count) || count <= have) return fail(ERR.INVALID_PARTITIONS, `Topic currently has ${have} partitions, which is higher than the requested ${count}.`);
  if (count > MAX_PARTITIONS) return fail(ERR.INVALID_PARTITIONS, `the simulator allows at most ${MAX_PARTITIONS} partitions per topic`);
  if (options.validateOnly) return OK;
  cluster.act({ type: 'topic/set-partitions', topic: name, partitions: count });
  return OK;
}

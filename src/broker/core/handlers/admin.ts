/**
 * Admin requests: CreateTopics, DeleteTopics, CreatePartitions, DescribeConfigs, and
 * InitProducerId for idempotent producers. Transactional ids are refused with
 * TRANSACTIONAL_ID_AUTHORIZATION_FAILED, the code Kafka sends when a client may not use one: the
 * simulator has no transactions yet, and a non-retriable error tells the client so at once.
 */
import { ERR } from '../../protocol/errors.ts';
import type { KafkaCluster } from '../cluster.ts';
import { findTopic } from '../simRead.ts';
import { createPartitions, createTopic, deleteTopic } from '../topics.ts';
import type { Handler } from './types.ts';

interface CreateTopicsReq {
  topics: { name: string; numPartitions: number; replicationFactor: number; assignments: unknown[]; configs: { name: string; value: string | null }[] }[];
  validateOnly: boolean;
}

export const handleCreateTopics: Handler = (ctx, req: CreateTopicsReq) => ({
  throttleTimeMs: 0,
  topics: req.topics.map((t) => {
    const r = createTopic(ctx.cluster, t.name, t.numPartitions, t.replicationFactor, t.configs, { validateOnly: req.validateOnly, manualAssignment: t.assignments.length > 0 });
    return { name: t.name, errorCode: r.errorCode, errorMessage: r.errorMessage };
  }),
});

export const handleDeleteTopics: Handler = (ctx, req: { topicNames: string[] }) => ({
  throttleTimeMs: 0,
  responses: req.topicNames.map((name) => ({ name, errorCode: deleteTopic(ctx.cluster, name).errorCode })),
});

interface CreatePartitionsReq {
  topics: { name: string; count: number; assignments: unknown[] | null }[];
  validateOnly: boolean;
}

export const handleCreatePartitions: Handler = (ctx, req: CreatePartitionsReq) => ({
  throttleTimeMs: 0,
  results: req.topics.map((t) => {
    const r = createPartitions(ctx.cluster, t.name, t.count, { validateOnly: req.validateOnly, manualAssignment: (t.assignments?.length ?? 0) > 0 });
    return { name: t.name, errorCode: r.errorCode, errorMessage: r.errorMessage };
  }),
});

/** Kafka's ConfigResource types and config sources. */
export const RESOURCE_TOPIC = 2;
export const RESOURCE_BROKER = 4;
const SOURCE_DYNAMIC_TOPIC = 1;
const SOURCE_STATIC_BROKER = 4;
const SOURCE_DEFAULT = 5;

interface ConfigEntry {
  name: string;
  value: string;
  source: number;
}

function topicConfigs(cluster: KafkaCluster, name: string): ConfigEntry[] | null {
  const t = findTopic(cluster.sim, name);
  if (!t) return null;
  const dflt = 604_800_000;
  return [
    { name: 'cleanup.policy', value: 'delete', source: SOURCE_DEFAULT },
    { name: 'compression.type', value: 'producer', source: SOURCE_DEFAULT },
    { name: 'max.message.bytes', value: String(cluster.config.messageMaxBytes), source: SOURCE_DEFAULT },
    { name: 'message.timestamp.type', value: 'CreateTime', source: SOURCE_DEFAULT },
    { name: 'min.insync.replicas', value: String(t.minInsyncReplicas), source: t.minInsyncReplicas === cluster.config.minInsyncReplicas ? SOURCE_DEFAULT : SOURCE_DYNAMIC_TOPIC },
    { name: 'retention.bytes', value: String(t.retentionBytes), source: t.retentionBytes === -1 ? SOURCE_DEFAULT : SOURCE_DYNAMIC_TOPIC },
    { name: 'retention.ms', value: String(t.retentionMs), source: t.retentionMs === dflt ? SOURCE_DEFAULT : SOURCE_DYNAMIC_TOPIC },
  ];
}

function brokerConfigs(cluster: KafkaCluster): ConfigEntry[] {
  const c = cluster.config;
  return [
    { name: 'auto.create.topics.enable', value: String(c.autoCreateTopicsEnable), source: SOURCE_STATIC_BROKER },
    { name: 'connections.max.idle.ms', value: String(c.connectionsMaxIdleMs), source: SOURCE_STATIC_BROKER },
    { name: 'default.replication.factor', value: String(c.defaultReplicationFactor), source: SOURCE_STATIC_BROKER },
    { name: 'group.initial.rebalance.delay.ms', value: String(c.groupInitialRebalanceDelayMs), source: SOURCE_STATIC_BROKER },
    { name: 'message.max.bytes', value: String(c.messageMaxBytes), source: SOURCE_STATIC_BROKER },
    { name: 'min.insync.replicas', value: String(c.minInsyncReplicas), source: SOURCE_STATIC_BROKER },
    { name: 'num.partitions', value: String(c.numPartitions), source: SOURCE_STATIC_BROKER },
    { name: 'offsets.topic.num.partitions', value: String(c.offsetsTopicNumPartitions), source: SOURCE_STATIC_BROKER },
    { name: 'socket.request.max.bytes', value: String(c.socketRequestMaxBytes), source: SOURCE_STATIC_BROKER },
  ];
}

interface DescribeConfigsReq {
  resources: { resourceType: number; resourceName: string; configurationKeys: string[] | null }[];
  includeSynonyms: boolean;
}

export const handleDescribeConfigs: Handler = (ctx, req: DescribeConfigsReq) => ({
  throttleTimeMs: 0,
  results: req.resources.map((r) => {
    const base = { resourceType: r.resourceType, resourceName: r.resourceName };
    let entries: ConfigEntry[] | null;
    if (r.resourceType === RESOURCE_TOPIC) entries = topicConfigs(ctx.cluster, r.resourceName);
    else if (r.resourceType === RESOURCE_BROKER) {
      const id = Number(r.resourceName);
      entries = r.resourceName === '' || (Number.isInteger(id) && ctx.cluster.brokerIds.includes(id)) ? brokerConfigs(ctx.cluster) : null;
    } else return { ...base, errorCode: ERR.INVALID_REQUEST, errorMessage: `resource type ${r.resourceType} is not described by this broker (topics and brokers are)`, configs: [] };
    if (!entries) {
      const code = r.resourceType === RESOURCE_TOPIC ? ERR.UNKNOWN_TOPIC_OR_PARTITION : ERR.INVALID_REQUEST;
      return { ...base, errorCode: code, errorMessage: `unknown resource "${r.resourceName}"`, configs: [] };
    }
    const keys = r.configurationKeys;
    const picked = keys === null || keys.length === 0 ? entries : entries.filter((e) => keys.includes(e.name));
    return {
      ...base,
      errorCode: ERR.NONE,
      errorMessage: null,
      configs: picked.map((e) => ({
        name: e.name,
        value: e.value,
        readOnly: r.resourceType === RESOURCE_BROKER,
        isDefault: e.source === SOURCE_DEFAULT,
        configSource: e.source,
        isSensitive: false,
        synonyms: req.includeSynonyms ? [{ name: e.name, value: e.value, source: e.source }] : [],
      })),
    };
  }),
});

interface InitProducerIdReq {
  transactionalId: string | null;
  transactionTimeoutMs: number;
  producerId: number;
  producerEpoch: number;
}

export const handleInitProducerId: Handler = (ctx, req: InitProducerIdReq) => {
  if (req.transactionalId !== null) return { throttleTimeMs: 0, errorCode: ERR.TRANSACTIONAL_ID_AUTHORIZATION_FAILED, producerId: -1, producerEpoch: -1 };
  const r = ctx.cluster.act({ type: 'producer/init-id', ...(req.producerId >= 0 ? { producerId: req.producerId, producerEpoch: req.producerEpoch } : {}) });
  const id = r.producerId;
  if (!id || 'error' in id) return { throttleTimeMs: 0, errorCode: id && 'error' in id ? ERR.INVALID_PRODUCER_EPOCH : ERR.UNKNOWN_SERVER_ERROR, producerId: -1, producerEpoch: -1 };
  return { throttleTimeMs: 0, errorCode: ERR.NONE, producerId: id.producerId, producerEpoch: id.producerEpoch };
};

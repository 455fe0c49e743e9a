/**
 * Metadata: the registered, unfenced brokers with their addresses (a crashed broker is listed, and
 * still leads its partitions, until the KRaft controller fences it after broker.session.timeout.ms:
 * clients meet a refused connection meanwhile and retry; Kafka's KRaftMetadataCache lists brokers
 * that are not fenced), and each topic's partitions with leader,
 * replicas and ISR, so that clients send each request to the partition's leader. A topic that
 * does not exist is created when the request allows it (v4+) and auto.create.topics.enable is
 * set, with num.partitions partitions and default.replication.factor replicas, as Kafka does.
 */
import { ERR } from '../../protocol/errors.ts';
import type { KafkaCluster } from '../cluster.ts';
import { findTopic } from '../simRead.ts';
import { createTopic } from '../topics.ts';
import type { Handler } from './types.ts';

export function describeTopic(cluster: KafkaCluster, name: string) {
  const t = findTopic(cluster.sim, name);
  if (!t) return { errorCode: ERR.UNKNOWN_TOPIC_OR_PARTITION, name, isInternal: false, partitions: [] };
  const alive = (b: number) => isAlive(cluster, b);
  return {
    errorCode: ERR.NONE,
    name,
    isInternal: false,
    partitions: t.partitions.map((P) => ({
      errorCode: P.leader < 0 ? ERR.LEADER_NOT_AVAILABLE : ERR.NONE,
      partitionIndex: P.id,
      leaderId: P.leader,
      replicaNodes: [...P.replicas],
      isrNodes: [...P.isr],
      offlineReplicas: P.replicas.filter((b) => !alive(b)),
    })),
  };
}

/** Up, or stopped but not yet fenced by the controller. */
function isAlive(cluster: KafkaCluster, broker: number): boolean {
  const b = cluster.sim.brokers[broker];
  return !!b && (b.up || !b.fenced);
}

export function liveBrokers(cluster: KafkaCluster) {
  return cluster.sim.brokers
    .filter((b) => b.up || !b.fenced)
    .map((b) => {
      const e = cluster.endpoint(b.id);
      return { nodeId: b.id, host: e.host, port: e.port, rack: null };
    });
}

export const handleMetadata: Handler = (ctx, req: { topics: { name: string }[] | null; allowAutoTopicCreation: boolean }) => {
  const { cluster } = ctx;
  const v = ctx.header.apiVersion;
  // v0: an empty list means every topic; v1+: null means every topic
  const names = req.topics === null || (v === 0 && req.topics.length === 0) ? null : req.topics.map((t) => t.name);
  const autoCreate = cluster.config.autoCreateTopicsEnable && (v < 4 || req.allowAutoTopicCreation);
  const topics = (names ?? cluster.sim.topics.map((t) => t.name)).map((name) => {
    if (!findTopic(cluster.sim, name) && autoCreate) {
      const r = createTopic(cluster, name, -1, -1);
      if (r.errorCode !== ERR.NONE && r.errorCode !== ERR.TOPIC_ALREADY_EXISTS) {
        return { errorCode: r.errorCode === ERR.INVALID_REPLICATION_FACTOR ? ERR.LEADER_NOT_AVAILABLE : r.errorCode, name, isInternal: false, partitions: [] };
      }
    }
    return describeTopic(cluster, name);
  });
  const live = liveBrokers(cluster);
  return {
    throttleTimeMs: 0,
    brokers: live,
    clusterId: cluster.clusterId,
    controllerId: live.length ? Math.min(...live.map((b) => b.nodeId)) : -1,
    topics,
  };
};

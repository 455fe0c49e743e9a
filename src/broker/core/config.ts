/**
 * The broker settings the protocol front end honours, with Apache Kafka's defaults
 * (https://kafka.apache.org/documentation/#brokerconfigs). Names are Kafka's, in camelCase.
 */
export interface BrokerConfig {
  /** auto.create.topics.enable: Metadata for an unknown topic creates it (default true) */
  autoCreateTopicsEnable: boolean;
  /** num.partitions: partitions of an auto-created topic, and of CreateTopics with -1 (default 1) */
  numPartitions: number;
  /** default.replication.factor: replicas of an auto-created topic (default 1) */
  defaultReplicationFactor: number;
  /** min.insync.replicas: cluster default for acks=all writes (default 1) */
  minInsyncReplicas: number;
  /** message.max.bytes: largest record batch a produce may carry (default 1048588) */
  messageMaxBytes: number;
  /** socket.request.max.bytes: largest request frame; a larger one closes the connection (default 104857600) */
  socketRequestMaxBytes: number;
  /** connections.max.idle.ms: an idle connection is closed after this long (default 600000) */
  connectionsMaxIdleMs: number;
  /** group.initial.rebalance.delay.ms: an empty group waits this long for more members (default 3000) */
  groupInitialRebalanceDelayMs: number;
  /** group.min.session.timeout.ms (default 6000) */
  groupMinSessionTimeoutMs: number;
  /** group.max.session.timeout.ms (default 1800000) */
  groupMaxSessionTimeoutMs: number;
  /** offsets.topic.num.partitions: partitions of __consumer_offsets, which decide each group's coordinator (default 50) */
  offsetsTopicNumPartitions: number;
  /** broker.session.timeout.ms (KRaft): the controller fences a broker that stopped heartbeating after this long (default 9000) */
  brokerSessionTimeoutMs: number;
  /** replica.lag.time.max.ms: a follower that has not caught up for this long leaves the ISR (default 30000) */
  replicaLagTimeMaxMs: number;
}

export const KAFKA_BROKER_DEFAULTS: BrokerConfig = {
  autoCreateTopicsEnable: true,
  numPartitions: 1,
  defaultReplicationFactor: 1,
  minInsyncReplicas: 1,
  messageMaxBytes: 1_048_588,
  socketRequestMaxBytes: 104_857_600,
  connectionsMaxIdleMs: 600_000,
  groupInitialRebalanceDelayMs: 3_000,
  groupMinSessionTimeoutMs: 6_000,
  groupMaxSessionTimeoutMs: 1_800_000,
  offsetsTopicNumPartitions: 50,
  brokerSessionTimeoutMs: 9_000,
  replicaLagTimeMaxMs: 30_000,
};

import { describe, expect, it } from 'vitest';
import { KAFKA_BROKER_DEFAULTS } from './config.ts';
import { SOCKET_REQUEST_MAX_BYTES } from './framing.ts';

describe('broker defaults', () => {
  it("are Apache Kafka's broker config defaults (KafkaConfig / the broker configs documentation)", () => {
    expect(KAFKA_BROKER_DEFAULTS).toEqual({
      autoCreateTopicsEnable: true, // auto.create.topics.enable
      numPartitions: 1, // num.partitions
      defaultReplicationFactor: 1, // default.replication.factor
      minInsyncReplicas: 1, // min.insync.replicas
      messageMaxBytes: 1_048_588, // message.max.bytes
      socketRequestMaxBytes: 104_857_600, // socket.request.max.bytes
      connectionsMaxIdleMs: 600_000, // connections.max.idle.ms
      groupInitialRebalanceDelayMs: 3_000, // group.initial.rebalance.delay.ms
      groupMinSessionTimeoutMs: 6_000, // group.min.session.timeout.ms
      groupMaxSessionTimeoutMs: 1_800_000, // group.max.session.timeout.ms
      offsetsTopicNumPartitions: 50, // offsets.topic.num.partitions
      brokerSessionTimeoutMs: 9_000, // broker.session.timeout.ms (KRaft)
      replicaLagTimeMaxMs: 30_000, // replica.lag.time.max.ms
    });
    expect(SOCKET_REQUEST_MAX_BYTES).toBe(KAFKA_BROKER_DEFAULTS.socketRequestMaxBytes);
  });
});

/**
 * Kafka broker settings the kit's docker-compose.yml may use, each checked by hand against the
 * constant that defines it in Apache Kafka's source (paths in apache/kafka, 3.9/4.x layout).
 * The kit test maps every KAFKA_* variable to a setting name and requires it to be listed here.
 */
export const verifiedBrokerConfigs: Record<string, string> = {
  'node.id': 'server/src/main/java/org/apache/kafka/server/config/KRaftConfigs.java (NODE_ID_CONFIG)',
  'process.roles': 'server/src/main/java/org/apache/kafka/server/config/KRaftConfigs.java (PROCESS_ROLES_CONFIG)',
  'controller.listener.names': 'server/src/main/java/org/apache/kafka/server/config/KRaftConfigs.java (CONTROLLER_LISTENER_NAMES_CONFIG)',
  'controller.quorum.voters': 'raft/src/main/java/org/apache/kafka/raft/QuorumConfig.java (QUORUM_PREFIX "controller.quorum." + "voters")',
  listeners: 'server/src/main/java/org/apache/kafka/network/SocketServerConfigs.java (LISTENERS_CONFIG)',
  'advertised.listeners': 'server/src/main/java/org/apache/kafka/network/SocketServerConfigs.java (ADVERTISED_LISTENERS_CONFIG)',
  'listener.security.protocol.map': 'server/src/main/java/org/apache/kafka/network/SocketServerConfigs.java (LISTENER_SECURITY_PROTOCOL_MAP_CONFIG)',
  'inter.broker.listener.name': 'server/src/main/java/org/apache/kafka/server/config/ReplicationConfigs.java (INTER_BROKER_LISTENER_NAME_CONFIG)',
  'offsets.topic.replication.factor': 'group-coordinator/src/main/java/org/apache/kafka/coordinator/group/GroupCoordinatorConfig.java (OFFSETS_TOPIC_REPLICATION_FACTOR_CONFIG)',
  'group.initial.rebalance.delay.ms': 'group-coordinator/src/main/java/org/apache/kafka/coordinator/group/GroupCoordinatorConfig.java (GROUP_INITIAL_REBALANCE_DELAY_MS_CONFIG)',
  'transaction.state.log.replication.factor': 'transaction-coordinator/src/main/java/org/apache/kafka/coordinator/transaction/TransactionLogConfig.java (TRANSACTIONS_TOPIC_REPLICATION_FACTOR_CONFIG)',
  'transaction.state.log.min.isr': 'transaction-coordinator/src/main/java/org/apache/kafka/coordinator/transaction/TransactionLogConfig.java (TRANSACTIONS_TOPIC_MIN_ISR_CONFIG)',
  'log.dirs': 'server-common/src/main/java/org/apache/kafka/server/config/ServerLogConfigs.java (LOG_DIRS_CONFIG)',
};

/**
 * Variables the apache/kafka image reads that are not broker settings (docker/examples/README.md
 * in apache/kafka: "Environment variables commonly used in Kafka can be provided ..., for example CLUSTER_ID").
 */
export const imageVariables = new Set(['CLUSTER_ID']);

/**
 * The image's rule for turning a setting name into a variable name (docker/examples/README.md in
 * apache/kafka): "." -> "_", "_" -> "__", "-" -> "___", then prefix KAFKA_. This is its inverse.
 */
export function configNameOf(variable: string): string | null {
  if (!variable.startsWith('KAFKA_')) return null;
  return variable
    .slice('KAFKA_'.length)
    .replace(/___|__|_/g, (m) => (m === '___' ? '-' : m === '__' ? '_' : '.'))
    .toLowerCase();
}

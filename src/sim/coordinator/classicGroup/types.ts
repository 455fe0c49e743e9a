/**
 * Types of the classic group coordinator for outside clients (Kafka's ClassicGroup and its
 * JoinGroup/SyncGroup protocol). Plain JSON data: protocol metadata and assignments are kept as
 * base64 text, exactly as the clients sent them, because the coordinator does not interpret them.
 */

/** Kafka's ClassicGroupState names (kafka-consumer-groups --describe --state shows them). */
export type ClassicGroupPhase = 'Empty' | 'PreparingRebalance' | 'CompletingRebalance' | 'Stable' | 'Dead';

/** The error codes the coordinator answers with, by Kafka's names (org.apache.kafka.common.protocol.Errors). */
export type ClassicGroupError =
  | 'COORDINATOR_NOT_AVAILABLE'
  | 'NOT_COORDINATOR'
  | 'INVALID_GROUP_ID'
  | 'INVALID_SESSION_TIMEOUT'
  | 'INCONSISTENT_GROUP_PROTOCOL'
  | 'UNKNOWN_MEMBER_ID'
  | 'MEMBER_ID_REQUIRED'
  | 'ILLEGAL_GENERATION'
  | 'REBALANCE_IN_PROGRESS'
  | 'GROUP_MAX_SIZE_REACHED'
  | 'NON_EMPTY_GROUP'
  | 'GROUP_ID_NOT_FOUND'
  | 'OFFSET_METADATA_TOO_LARGE'
  | 'INVALID_COMMIT_OFFSET_SIZE';

export interface ClassicProtocol {
  name: string;
  /** the member's metadata for this protocol, base64 */
  metadata: string;
}

export interface ClassicMemberState {
  memberId: string;
  groupInstanceId: string | null;
  clientId: string;
  clientHost: string;
  sessionTimeoutMs: number;
  rebalanceTimeoutMs: number;
  /** in the member's order of preference */
  protocols: ClassicProtocol[];
  /** topics the member subscribes to (decoded by the caller from its metadata; for the view) */
  subscribedTopics: string[];
  /** the assignment the leader gave it in the current generation, base64 ('' before one arrives) */
  assignment: string;
  /** that assignment decoded by the caller (for the view and the lag table) */
  assigned: { topic: string; partitions: number[] }[];
  lastHeartbeatMs: number;
  /** its JoinGroup for the current rebalance has arrived and waits for the others */
  awaitingJoin: boolean;
  /** its SyncGroup waits for the leader's assignment */
  awaitingSync: boolean;
  /** the generation whose JoinGroup response it is owed or has had */
  joinedGeneration: number;
}

export interface CommittedOffset {
  offset: number;
  metadata: string | null;
  leaderEpoch: number;
  /** simulated time of the commit */
  commitTimeMs: number;
}

/** What a completed join phase handed out (the JoinGroup responses of that generation). */
export interface ClassicJoinSnapshot {
  generationId: number;
  protocolName: string;
  leaderId: string;
  /** every member with its metadata for the chosen protocol (only the leader receives the list) */
  members: { memberId: string; groupInstanceId: string | null; metadata: string }[];
}

export interface ClassicGroupState {
  groupId: string;
  state: ClassicGroupPhase;
  generationId: number;
  protocolType: string | null;
  protocolName: string | null;
  leaderId: string | null;
  members: ClassicMemberState[];
  /** ids handed out with MEMBER_ID_REQUIRED (KIP-394) that have not joined yet, with their expiry */
  pendingMembers: { memberId: string; expiresAtMs: number }[];
  /** when the current rebalance started */
  rebalanceStartedAtMs: number;
  /** the join phase ends at this time at the latest (rebalance timeout, or the initial delay) */
  joinDeadlineMs: number;
  /** the first rebalance of an empty group waits group.initial.rebalance.delay.ms for more members */
  initialDelay: { untilMs: number; capMs: number } | null;
  lastJoin: ClassicJoinSnapshot | null;
  /** committed offsets: topic -> partition (as a string key) -> offset */
  offsets: Record<string, Record<string, CommittedOffset>>;
  rebalances: number;
  /** simulated slowdown of this group's consumers' fetches (the live view's "slow downstream"), >= 1 */
  downstreamSlowdown: number;
}

/** The coordinator's settings (Kafka broker configs), with Kafka's defaults in DEFAULT_COORDINATOR. */
export interface CoordinatorConfig {
  /** group.initial.rebalance.delay.ms */
  initialRebalanceDelayMs: number;
  /** group.min.session.timeout.ms */
  minSessionTimeoutMs: number;
  /** group.max.session.timeout.ms */
  maxSessionTimeoutMs: number;
  /** group.max.size */
  maxSize: number;
  /** offsets.topic.num.partitions */
  offsetsTopicPartitions: number;
  /** offsets.topic.replication.factor (capped at the broker count) */
  offsetsTopicReplicationFactor: number;
}

/** A JoinGroup answer. */
export interface ClassicJoinResult extends ClassicJoinSnapshot {
  memberId: string;
}

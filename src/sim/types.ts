/**
 * Public types of the Streamlab log simulator.
 *
 * Everything here is plain, JSON-serialisable data. The simulator is driven by pure functions in
 * `src/sim/index.ts`:
 *
 *   const sim = createSimulation(config, seed);          // throws SimConfigError on bad config
 *   const { events } = stepSimulation(sim);               // advance one TICK_MS of simulated time
 *   applyAction(sim, { type: 'consumer/add', group: 'billing' });
 *   const view = snapshotView(sim);                       // view-friendly read model
 *
 * For speed, `stepSimulation` and `applyAction` update the state object IN PLACE and return it
 * (`result.state === sim`). Use `cloneSimulation(sim)` (or structuredClone / JSON round-trip) to
 * keep an old copy; `sim.tick` increases on every step, so a store can use it as a change marker.
 */
import type { AssignorName } from './kafka/index.ts';
import type { SimState } from './state.ts';
import type { ClassicGroupError, ClassicGroupPhase, ClassicJoinResult, ClassicProtocol, CoordinatorConfig } from './coordinator/classicGroup/types.ts';

export type { ClassicGroupError, ClassicGroupPhase, ClassicJoinResult, ClassicProtocol, CoordinatorConfig };

export type { AssignorName };

/** Fixed simulated step: every stepSimulation call advances time by this many milliseconds. */
export const TICK_MS = 50;

// ---------------------------------------------------------------------------------------------
// Configuration (input of createSimulation). Optional fields take Kafka's defaults (see DEFAULTS).
// ---------------------------------------------------------------------------------------------

export type Acks = 'all' | '1' | '0';
export type RebalanceProtocol = 'eager' | 'cooperative';
export type OffsetResetPolicy = 'earliest' | 'latest';
/**
 * Who drives a group's members: 'auto' (default): the simulator polls and processes records for
 * them; 'client': outside code (the lab's consumer) joins, fetches and commits through the
 * client/* actions, while the simulator still owns membership, heartbeats, session timeouts,
 * assignment, rebalances and committed offsets.
 */
export type GroupDriver = 'auto' | 'client';

export interface TopicConfig {
  name: string;
  /** 1..256 */
  partitions: number;
  /** 1..brokers; default min(3, brokers) */
  replicationFactor?: number;
  /** retention.ms; default 604800000 (7 days). */
  retentionMs?: number;
  /** retention.bytes; default -1 (no size limit). Records are `recordBytes` each. */
  retentionBytes?: number;
  /** min.insync.replicas for this topic; default: cluster minInsyncReplicas. */
  minInsyncReplicas?: number;
}

/**
 * How a producer picks record keys. Every record belongs to a user (an "entity") drawn from a
 * population with a traffic distribution; `mode` decides what the key is:
 * - 'user': key = the user id (per-user ordering kept, one partition per user)
 * - 'random': key = a fresh random string per record (per-user ordering lost)
 * - 'none': no key (Kafka's sticky partitioner for unkeyed records)
 * - 'salted': key = user id, except the hottest user (user-0) which is split into
 *   `saltBuckets` sub-keys "user-0#0".."user-0#k-1", spreading its load over up to k partitions.
 */
export interface KeyConfig {
  mode: 'user' | 'random' | 'none' | 'salted';
  /** user population size, 1..1_000_000; default 1000 */
  users?: number;
  /** traffic per user: uniform, Zipf (rank^-exponent), or one hot tenant (user-0) with `hotShare`. Default 'uniform'. */
  distribution?: 'uniform' | 'zipf' | 'hot';
  /** Zipf exponent, > 0; default 1.1 */
  zipfExponent?: number;
  /** share of all traffic sent by user-0 when distribution is 'hot', 0..1; default 0.5 */
  hotShare?: number;
  /** for mode 'salted': number of sub-keys for the hot key, 2..256; default 8 */
  saltBuckets?: number;
}

export interface ProducerConfig {
  id: string;
  topic: string;
  /** records per second, 0..100000 */
  ratePerSec: number;
  keys?: KeyConfig;
  /** bytes per record (for sticky batches and size retention); default 100 */
  recordBytes?: number;
  /** acks; default 'all' */
  acks?: Acks;
  /** batch.size in bytes (sticky partitioner switches partition when a batch fills); default 16384 */
  batchSize?: number;
  /** delivery.timeout.ms: how long a record may wait (retried) before the send fails; default 120000 */
  deliveryTimeoutMs?: number;
  /** buffer.memory in bytes: records waiting to be written or acknowledged; default 33554432 */
  bufferMemory?: number;
  /** max.block.ms: how long send() blocks on a full buffer before it throws; default 60000 */
  maxBlockMs?: number;
}

export interface GroupTimeouts {
  /** session.timeout.ms; default 45000 */
  sessionTimeoutMs: number;
  /** heartbeat.interval.ms; default 3000 */
  heartbeatIntervalMs: number;
  /** max.poll.interval.ms; default 300000 */
  maxPollIntervalMs: number;
  /** max.poll.records; default 500 */
  maxPollRecords: number;
}

export interface ProcessingConfig {
  /** mean processing time per record in ms (>= 0); default 1 */
  meanMs: number;
  /** distribution of the per-record time around the mean; default 'exponential' */
  distribution: 'fixed' | 'uniform' | 'exponential';
}

export type CommitPolicy =
  /** enable.auto.commit=true; positions are committed every intervalMs (default 5000) on poll */
  | { mode: 'auto'; intervalMs: number }
  /** commit synchronously after each processed batch */
  | { mode: 'after-processing' };

export interface DownstreamConfig {
  /** multiplier on processing time, >= 1 means slower; default 1 */
  slowdown: number;
  /** probability each call fails and is retried, 0..1; 1 = the dependency is down; default 0 */
  failureRate: number;
}

export interface DlqConfig {
  /** when true, a record whose processing exceeds recordTimeoutMs is sent to `<topic>.dlq` */
  enabled: boolean;
  /** per-record processing timeout in ms; default 10000 */
  recordTimeoutMs: number;
}

export interface GroupConfig {
  id: string;
  topic: string;
  /** initial number of members, 0..256 */
  consumers: number;
  /**
   * partition.assignment.strategy: the ordered list of assignors each member offers. Default
   * Kafka's `[range, cooperative-sticky]` (ConsumerConfig, 3.0+), which runs range, eager. The
   * rebalance protocol follows from it (KIP-429): cooperative only when every assignor in the list
   * supports it, i.e. `[cooperative-sticky]`. Give `assignors` or `assignor`, not both.
   */
  assignors?: AssignorName[];
  /** shorthand for `assignors: [assignor]` */
  assignor?: AssignorName;
  /**
   * Kept so that older configs still load: it must equal the protocol the assignors give
   * (`[range, ...]` is eager); the simulator derives it and never takes it as a setting.
   */
  protocol?: RebalanceProtocol;
  timeouts?: Partial<GroupTimeouts>;
  processing?: Partial<ProcessingConfig>;
  commit?: CommitPolicy;
  downstream?: Partial<DownstreamConfig>;
  dlq?: Partial<DlqConfig>;
  /** auto.offset.reset for partitions without a committed offset; default 'latest' */
  autoOffsetReset?: OffsetResetPolicy;
  /** time one rebalance round takes (join + sync), ms; default 3000 */
  rebalanceMs?: number;
  /** simulated time at which the group starts (its members join then); default 0 */
  startAtMs?: number;
  /** default 'auto'; a 'client' group starts with no members (consumers must be 0) */
  driver?: GroupDriver;
  /**
   * The group's type (Kafka 4's group coordinator keeps one per group): 'classic' (default; the
   * JoinGroup/SyncGroup protocol, group.protocol=classic), 'consumer' (KIP-848,
   * group.protocol=consumer) or 'share' (KIP-932 share groups). Client-driven groups are classic.
   */
  type?: GroupType;
  /** settings of a 'consumer' group (KIP-848); Kafka's defaults otherwise */
  consumerGroup?: Partial<ConsumerGroupSettings>;
  /** settings of a 'share' group (KIP-932); Kafka's defaults otherwise */
  shareGroup?: Partial<ShareGroupSettings>;
}

export type GroupType = 'classic' | 'consumer' | 'share';

/** The server-side assignors of KIP-848 (group.consumer.assignors: `uniform`, then `range`). */
export type ServerAssignorName = 'uniform' | 'range';

/** A consumer group's (KIP-848) settings. Defaults: coordinator/consumer/config.ts, with sources. */
export interface ConsumerGroupSettings {
  /** group.remote.assignor (client) choosing among group.consumer.assignors (broker); default 'uniform' */
  assignor: ServerAssignorName;
  /** group.consumer.session.timeout.ms (broker; group config consumer.session.timeout.ms); default 45000 */
  sessionTimeoutMs: number;
  /** group.consumer.heartbeat.interval.ms (broker; group config consumer.heartbeat.interval.ms); default 5000 */
  heartbeatIntervalMs: number;
  /** every member sets group.instance.id (static membership, KIP-345 as carried into KIP-848); default false */
  staticMembership: boolean;
}

/** What a share consumer's application acknowledges for a record it failed to process. */
export type ShareFailureAck = 'release' | 'reject';

/** A share group's (KIP-932) settings. Defaults: coordinator/share/config.ts, with sources. */
export interface ShareGroupSettings {
  /** group.share.record.lock.duration.ms (group config share.record.lock.duration.ms); default 30000 */
  recordLockDurationMs: number;
  /** group.share.delivery.count.limit (range 2..10); default 5 */
  deliveryCountLimit: number;
  /** group.share.partition.max.record.locks: in-flight records per share-partition (range 100..10000); default 2000 */
  maxRecordLocks: number;
  /** share.auto.offset.reset (a group config, not the consumer's auto.offset.reset); default 'latest' */
  autoOffsetReset: OffsetResetPolicy;
  /** group.share.session.timeout.ms; default 45000 */
  sessionTimeoutMs: number;
  /** group.share.heartbeat.interval.ms; default 5000 */
  heartbeatIntervalMs: number;
  /** what the application acknowledges when a record fails (a poison record): RELEASE (try again) or REJECT (give up); default 'release' */
  onFailure: ShareFailureAck;
}

export interface SimConfig {
  /** number of brokers, 1..12; default 3 */
  brokers?: number;
  /** cluster default min.insync.replicas; default 1 */
  minInsyncReplicas?: number;
  topics: TopicConfig[];
  producers?: ProducerConfig[];
  groups?: GroupConfig[];
  /** metrics sampling period in simulated ms; default 1000 */
  metricsIntervalMs?: number;
  /** number of samples each time series keeps (ring buffer); default 600 */
  metricsCapacity?: number;
  /** records kept with key per partition for the view; default 64 */
  recentRecords?: number;
  /** time a restarted broker needs to catch up and rejoin the ISR, ms; default 2000 */
  replicaCatchUpMs?: number;
  /** broker.session.timeout.ms (KRaft): the controller fences a broker that sent no heartbeat for this long; default 9000 */
  brokerSessionTimeoutMs?: number;
  /** replica.lag.time.max.ms: the leader drops a follower from the ISR that has not caught up for this long; default 30000 */
  replicaLagTimeMaxMs?: number;
  /** keys and values of explicitly sent records (producer/send) kept per partition; older ones are dropped, offsets stay; default 10000 */
  payloadRecords?: number;
  /** the classic group coordinator's settings for outside clients (Kafka's group.* broker configs); Kafka's defaults otherwise */
  coordinator?: Partial<CoordinatorConfig>;
  /** keep every applied action in state.actions (for recordings); default true. A long-running broker turns it off. */
  recordActions?: boolean;
}

/** A config with every default filled in (what the state stores). */
export interface ResolvedConfig {
  brokers: number;
  minInsyncReplicas: number;
  topics: Required<TopicConfig>[];
  producers: (Required<Omit<ProducerConfig, 'keys'>> & { keys: Required<KeyConfig> })[];
  groups: ResolvedGroupConfig[];
  metricsIntervalMs: number;
  metricsCapacity: number;
  recentRecords: number;
  replicaCatchUpMs: number;
  brokerSessionTimeoutMs: number;
  replicaLagTimeMaxMs: number;
  /** absent in states made before it existed: DEFAULTS.payloadRecords applies */
  payloadRecords?: number;
  coordinator?: Partial<CoordinatorConfig>;
  recordActions?: boolean;
}

export interface ResolvedGroupConfig {
  id: string;
  topic: string;
  consumers: number;
  /** partition.assignment.strategy of the group's members (new members join with it) */
  assignors: AssignorName[];
  /** the assignor the group uses: its first choice when every member has the same list; after each rebalance, the one the coordinator selected */
  assignor: AssignorName;
  /** derived from the assignors (KIP-429); while members differ, cooperative only when every member is */
  protocol: RebalanceProtocol;
  timeouts: GroupTimeouts;
  processing: ProcessingConfig;
  commit: CommitPolicy;
  downstream: DownstreamConfig;
  dlq: DlqConfig;
  autoOffsetReset: OffsetResetPolicy;
  rebalanceMs: number;
  startAtMs: number;
  /** set only for client-driven groups */
  driver?: 'client';
  /** absent: 'classic' */
  type?: GroupType;
  /** set for 'consumer' groups */
  consumerGroup?: ConsumerGroupSettings;
  /** set for 'share' groups */
  shareGroup?: ShareGroupSettings;
}

export interface ConfigIssue {
  /** dotted path into the config, e.g. "topics.0.partitions" or "groups.1.topic" */
  path: string;
  message: string;
}

export type ValidationResult = { ok: true; config: ResolvedConfig } | { ok: false; issues: ConfigIssue[] };

// ---------------------------------------------------------------------------------------------
// Actions (user inputs). All serialisable; recorded with their simulated time.
// ---------------------------------------------------------------------------------------------

export type OffsetResetTarget =
  | { to: 'earliest' }
  | { to: 'latest' }
  | { to: 'offset'; offset: number }
  /** first offset whose record was produced at or after atMs (simulated time) */
  | { to: 'time'; atMs: number };

export type SimAction =
  | { type: 'consumer/add'; group: string; count?: number }
  /** graceful leave (LeaveGroup): triggers a rebalance immediately */
  | { type: 'consumer/remove'; group: string; member?: string }
  /** the process dies: no LeaveGroup; the coordinator notices after session.timeout.ms */
  | { type: 'consumer/crash'; group: string; member?: string }
  | { type: 'group/add'; group: GroupConfig }
  | { type: 'group/remove'; group: string }
  /**
   * Every member restarts at once with this partition.assignment.strategy (`assignor` is short for
   * a list of one): each gives up its partitions (committing them with auto-commit) and the group
   * rebalances with the new list. Give `assignor` or `assignors`.
   */
  | { type: 'group/set-assignor'; group: string; assignor?: AssignorName; assignors?: AssignorName[] }
  /**
   * A rolling bounce: the members restart one at a time with this list, each after the previous
   * rebalance has finished (each restart is a LeaveGroup and a JoinGroup with a new member id).
   * A restarted member whose list shares no assignor with the others is refused
   * (INCONSISTENT_GROUP_PROTOCOL) and the bounce stops.
   */
  | { type: 'group/rolling-bounce'; group: string; assignors: AssignorName[] }
  /**
   * No longer accepted (the simulator refuses it with a message): Kafka has no protocol setting;
   * the protocol follows from partition.assignment.strategy (KIP-429). Kept in the type for old recordings.
   */
  | { type: 'group/set-protocol'; group: string; protocol: RebalanceProtocol }
  | { type: 'group/set-timeouts'; group: string; timeouts: Partial<GroupTimeouts> }
  | { type: 'group/set-processing'; group: string; processing: Partial<ProcessingConfig>; commit?: CommitPolicy }
  /** Kafka only allows resetting offsets of an inactive group; the simulator pauses the group, resets, and rebalances. */
  | ({ type: 'group/reset-offsets'; group: string } & OffsetResetTarget)
  | { type: 'group/set-dlq'; group: string; dlq: Partial<DlqConfig> }
  | { type: 'producer/set-rate'; producer: string; ratePerSec: number }
  | { type: 'producer/set-keys'; producer: string; keys: KeyConfig }
  /** Kafka can only increase the partition count. */
  | { type: 'topic/set-partitions'; topic: string; partitions: number }
  | { type: 'broker/stop'; broker: number }
  | { type: 'broker/start'; broker: number }
  | { type: 'downstream/set'; group: string; downstream: Partial<DownstreamConfig> }
  /** the next record produced to the partition (default: 0) is a poison record */
  | { type: 'record/poison'; topic: string; partition?: number }
  /**
   * append exactly these records (a KafkaJS producer.send, a real client's Produce); acks default
   * 'all'. With `producer` (an idempotent producer's batch) every record must name the same
   * partition, and the batch is checked against the producer's sequence numbers first.
   */
  | { type: 'producer/send'; topic: string; records: SendRecord[]; acks?: Acks; producer?: ProducerBatchInfo }
  /** InitProducerId for an idempotent producer: a new id, or the next epoch of the given one (KIP-360) */
  | { type: 'producer/init-id'; producerId?: number; producerEpoch?: number }
  /** delete a topic (DeleteTopics): its records, committed offsets and producer state go */
  | { type: 'topic/delete'; topic: string }
  /** JoinGroup of the classic protocol (an outside client; the coordinator in coordinator/classicGroup) */
  | {
      type: 'group/join';
      group: string;
      memberId: string;
      groupInstanceId: string | null;
      clientId: string;
      clientHost: string;
      sessionTimeoutMs: number;
      rebalanceTimeoutMs: number;
      protocolType: string;
      protocols: ClassicProtocol[];
      /** KIP-394 (JoinGroup v4+): a new member first gets its id with MEMBER_ID_REQUIRED */
      requireKnownMemberId: boolean;
      subscribedTopics: string[];
    }
  /** SyncGroup: the leader sends every member's assignment (base64, with the decoded partitions) */
  | { type: 'group/sync'; group: string; memberId: string; generationId: number; assignments: { memberId: string; assignment: string; partitions: { topic: string; partitions: number[] }[] }[] }
  | { type: 'group/heartbeat'; group: string; memberId: string; generationId: number }
  | { type: 'group/leave'; group: string; memberId: string }
  /** DeleteGroups: only an empty classic group */
  | { type: 'group/delete'; group: string }
  /** OffsetCommit of the classic protocol; generationId -1 with no member for groups that only store offsets */
  | { type: 'offset/commit'; group: string; memberId: string; generationId: number; offsets: { topic: string; partition: number; offset: number; metadata: string | null; leaderEpoch: number }[] }
  /** slow a classic group's consumers down (their fetches wait longer): the live view's "slow downstream" */
  | { type: 'group/set-slowdown'; group: string; slowdown: number }
  /** create a topic (an admin createTopics call) */
  | { type: 'topic/create'; topic: TopicConfig }
  /**
   * A client joins a client-driven group with its own member id. fromBeginning sets this member's
   * auto.offset.reset (earliest when true, latest when false; default: the group's).
   * Leaving is consumer/remove and a crash is consumer/crash, both with the member id.
   */
  | { type: 'client/join'; group: string; member: string; topic?: string; fromBeginning?: boolean }
  /** the member fetches up to `max` records (default max.poll.records) from its partitions at its positions */
  | { type: 'client/fetch'; group: string; member: string; max?: number }
  /** the member commits these offsets (the next offset to read, per partition) */
  | { type: 'client/commit'; group: string; member: string; offsets: { partition: number; offset: number }[] };

/** One record of a producer/send: partition from the key (murmur2) unless given; unkeyed records go to the sticky partition. */
export interface SendRecord {
  key: string | null;
  value: string | null;
  partition?: number;
  /** record headers (Kafka 0.11+), values as the key and value are kept */
  headers?: RecordHeaderText[];
  /** the record's timestamp (CreateTime), epoch ms, as the client set it */
  timestampMs?: number;
  /** 'base64': key, value and header values are base64 of bytes that are not UTF-8 text */
  encoding?: 'base64';
}

export interface RecordHeaderText {
  key: string;
  value: string | null;
}

/** An idempotent producer's batch (KIP-98): its id, epoch and the sequence number of its first record. */
export interface ProducerBatchInfo {
  producerId: number;
  producerEpoch: number;
  baseSequence: number;
}

/** Where each record of a producer/send went, in the order sent (KafkaJS's RecordMetadata). `duplicate`: an idempotent retry, not appended again. */
export type SendResult = { partition: number; offset: number; duplicate?: true } | { partition: number; error: ProduceFailure | SequenceFailure };

/** An idempotent producer's batch refused (OUT_OF_ORDER_SEQUENCE_NUMBER, INVALID_PRODUCER_EPOCH, UNKNOWN_PRODUCER_ID). */
export type SequenceFailure = 'out-of-order-sequence' | 'invalid-producer-epoch' | 'unknown-producer-id';

/** A record returned by client/fetch. Key and value are null when not kept (rate producers' values, or payloads older than payloadRecords). */
export interface FetchedRecord {
  topic: string;
  partition: number;
  offset: number;
  key: string | null;
  value: string | null;
  /** simulated time it was appended, null when no longer known */
  producedAtMs: number | null;
  headers?: RecordHeaderText[];
  /** the client's timestamp, epoch ms (explicitly sent records that carried one) */
  timestampMs?: number;
  encoding?: 'base64';
}

/** What applyAction returns: the step result plus, for producer/send and client/fetch, their outcome. */
export interface ActionResult extends StepResult {
  /** producer/send: one entry per record, in the order sent */
  sent?: SendResult[];
  /** client/fetch: the records fetched, in delivery order */
  fetched?: FetchedRecord[];
  /** producer/init-id */
  producerId?: { producerId: number; producerEpoch: number } | { error: 'invalid-producer-epoch' };
  /** group/join: an error, an immediate answer, or the generation whose completion answers it */
  join?: { error: ClassicGroupError | null; memberId: string; result?: ClassicJoinResult; waitingForGeneration: number };
  /** group/sync: an error, the assignment, or neither (it waits for the leader) */
  sync?: { error: ClassicGroupError | null; assignment?: string };
  /** group/heartbeat, group/leave, group/delete, offset/commit, group/set-slowdown: the coordinator's error, null when none */
  groupError?: ClassicGroupError | null;
}

export type SimActionType = SimAction['type'];

export interface TimedAction {
  atMs: number;
  action: SimAction;
}

/** Everything needed to reproduce a run: same config, seed and actions give the same trace. */
export interface Recording {
  config: SimConfig;
  seed: number;
  actions: TimedAction[];
}

// ---------------------------------------------------------------------------------------------
// Events (output of every step / action). Named area/verb.
// ---------------------------------------------------------------------------------------------

export type LeaveReason = 'left' | 'crashed' | 'session-timeout' | 'poll-timeout' | 'group-removed' | 'restarted';
/** 'revoked': cooperative members gave up partitions in the previous JoinGroup round and rejoin so that they can be assigned (KIP-429) */
export type RebalanceReason = 'member-joined' | 'member-left' | 'partitions-changed' | 'assignor-changed' | 'offsets-reset' | 'group-started' | 'revoked';
/**
 * Why a write failed. For producer/send (answered at once, the client retries): 'partition-offline'
 * (no leader: LEADER_NOT_AVAILABLE), 'not-enough-replicas' (NOT_ENOUGH_REPLICAS, acks=all with fewer
 * in-sync replicas than min.insync.replicas), 'request-timed-out' (the leader's broker is down and
 * not yet fenced: no answer, REQUEST_TIMED_OUT). For the simulator's own producers, which retry
 * retriable errors themselves: 'delivery-timeout' (delivery.timeout.ms expired while the record
 * waited) and 'buffer-exhausted' (send() blocked for max.block.ms on a full buffer.memory).
 */
export type ProduceFailure = 'not-enough-replicas' | 'partition-offline' | 'request-timed-out' | 'delivery-timeout' | 'buffer-exhausted';
/**
 * Why a simulated producer's records wait (all retriable): 'leader-unreachable' (the leader's broker
 * is down and not yet fenced), 'no-leader' (the partition is offline), 'not-enough-replicas'
 * (acks=all below min.insync.replicas), 'in-flight' (max.in.flight.requests.per.connection batches
 * already await acknowledgement).
 */
export type ProduceWait = 'leader-unreachable' | 'no-leader' | 'not-enough-replicas' | 'in-flight';

/**
 * Per-record activity is reported in batches: one `record/produced` per partition per step and one
 * `record/consumed` per member and partition per step, with a count and the first offset, so a
 * step at 2,000 records/s allocates a few dozen small objects, not thousands.
 */
export type SimEvent =
  | { type: 'record/produced'; atMs: number; topic: string; partition: number; baseOffset: number; count: number }
  /** partition -1: the record was never partitioned (send() threw, buffer-exhausted) */
  | { type: 'record/failed'; atMs: number; topic: string; partition: number; count: number; reason: ProduceFailure; producer?: string }
  /** a simulated producer's records to this partition started waiting in its buffer (it retries until delivery.timeout.ms) */
  | { type: 'producer/waiting'; atMs: number; producer: string; topic: string; partition: number; reason: ProduceWait }
  /** records that had waited were acknowledged this step: how many, and the longest wait */
  | { type: 'producer/delivered-late'; atMs: number; producer: string; topic: string; partition: number; count: number; maxWaitMs: number }
  /** buffer.memory is full: send() blocks (records are not produced) up to max.block.ms */
  | { type: 'producer/blocked'; atMs: number; producer: string; bufferedRecords: number }
  | { type: 'producer/unblocked'; atMs: number; producer: string; blockedMs: number }
  | { type: 'record/consumed'; atMs: number; group: string; member: string; topic: string; partition: number; fromOffset: number; count: number }
  | { type: 'record/dead-lettered'; atMs: number; group: string; member: string; topic: string; partition: number; offset: number }
  | { type: 'record/poisoned'; atMs: number; topic: string; partition: number; offset: number }
  | { type: 'offset/committed'; atMs: number; group: string; topic: string; partition: number; offset: number }
  | { type: 'offset/commit-failed'; atMs: number; group: string; member: string; reason: 'not-a-member' }
  | { type: 'log/truncated'; atMs: number; topic: string; partition: number; logStartOffset: number }
  | { type: 'consumer/joined'; atMs: number; group: string; member: string }
  | { type: 'consumer/left'; atMs: number; group: string; member: string; reason: LeaveReason }
  | { type: 'consumer/assigned'; atMs: number; group: string; member: string; partitions: number[] }
  | { type: 'consumer/revoked'; atMs: number; group: string; member: string; partitions: number[] }
  | { type: 'consumer/stuck'; atMs: number; group: string; member: string; topic: string; partition: number; offset: number; reason: 'poison' | 'downstream-down' }
  | { type: 'consumer/crashed'; atMs: number; group: string; member: string }
  | { type: 'group/created'; atMs: number; group: string; topic: string }
  | { type: 'group/removed'; atMs: number; group: string }
  /** protocol: eager unless every member is cooperative; mixed: some members are cooperative (they keep their partitions) and some eager */
  | { type: 'group/rebalance-started'; atMs: number; group: string; generation: number; protocol: RebalanceProtocol; reason: RebalanceReason; mixed?: boolean }
  /** another JoinGroup round of the same rebalance (cooperative: members revoked partitions in the previous round and rejoin) */
  | { type: 'group/rebalance-round'; atMs: number; group: string; generation: number; round: number; reason: 'revoked' }
  | { type: 'group/rebalance-completed'; atMs: number; group: string; generation: number; durationMs: number }
  | { type: 'group/offsets-reset'; atMs: number; group: string; target: OffsetResetTarget }
  | { type: 'group/config-changed'; atMs: number; group: string; field: 'assignor' | 'protocol' | 'timeouts' | 'processing' | 'dlq' | 'downstream' }
  /** a member restarts with a new partition.assignment.strategy (a rolling bounce): it left as `member` and joins again as `newMember` */
  | { type: 'consumer/restarted'; atMs: number; group: string; member: string; newMember: string; assignors: AssignorName[] }
  /** the coordinator refused a JoinGroup: the member's assignors share none with every current member (INCONSISTENT_GROUP_PROTOCOL) */
  | { type: 'consumer/join-refused'; atMs: number; group: string; member: string; reason: 'inconsistent-group-protocol'; assignors: AssignorName[] }
  | { type: 'group/bounce-started'; atMs: number; group: string; assignors: AssignorName[]; members: number }
  | { type: 'group/bounce-completed'; atMs: number; group: string; assignors: AssignorName[] }
  | { type: 'group/bounce-stopped'; atMs: number; group: string; reason: 'inconsistent-group-protocol' }
  /** the broker process stopped (no controlled shutdown); the controller fences it after fencedAfterMs (broker.session.timeout.ms) */
  | { type: 'broker/stopped'; atMs: number; broker: number; fencedAfterMs?: number }
  /** the controller fenced the broker: its session expired `afterMs` after it stopped; it leaves every ISR and leadership moves */
  | { type: 'broker/fenced'; atMs: number; broker: number; afterMs: number }
  | { type: 'broker/started'; atMs: number; broker: number }
  | { type: 'partition/leader-changed'; atMs: number; topic: string; partition: number; from: number; to: number }
  | { type: 'partition/offline'; atMs: number; topic: string; partition: number }
  /** reason: 'fenced' (the controller fenced the broker), 'lagging' (no catch-up within replica.lag.time.max.ms), 'caught-up' (a follower rejoined) */
  | { type: 'partition/isr-changed'; atMs: number; topic: string; partition: number; isr: number[]; removed?: number; added?: number; reason?: 'fenced' | 'lagging' | 'caught-up' }
  | { type: 'topic/partitions-increased'; atMs: number; topic: string; from: number; to: number }
  | { type: 'topic/created'; atMs: number; topic: string; partitions: number }
  | { type: 'topic/deleted'; atMs: number; topic: string }
  | { type: 'producer/rate-changed'; atMs: number; producer: string; ratePerSec: number }
  | { type: 'producer/keys-changed'; atMs: number; producer: string; keys: KeyConfig }
  // KIP-848 consumer groups
  /** the group epoch went up (a member joined or left) and the coordinator computed a new target assignment */
  | { type: 'group/epoch-bumped'; atMs: number; group: string; groupEpoch: number; reason: RebalanceReason; assignor: ServerAssignorName; target: Record<string, number[]> }
  /** the coordinator told a member (in its heartbeat response) to give up these partitions; it keeps its epoch until it has */
  | { type: 'consumer/revocation-requested'; atMs: number; group: string; member: string; memberEpoch: number; partitions: number[] }
  /** a member reached the target epoch; `waiting`: partitions of its target that another member has not released yet */
  | { type: 'consumer/epoch-updated'; atMs: number; group: string; member: string; memberEpoch: number; partitions: number[]; waiting: number[] }
  /** a static member left temporarily (epoch -2): its partitions stay reserved for it until the session timeout */
  | { type: 'consumer/static-left'; atMs: number; group: string; member: string; instanceId: string }
  /** a static member came back with the same group.instance.id and took its partitions back without a new epoch */
  | { type: 'consumer/static-rejoined'; atMs: number; group: string; member: string; instanceId: string }
  // KIP-932 share groups
  /** a member acquired records of a share-partition (each under an acquisition lock); `redelivered` of them had been delivered before */
  | { type: 'share/acquired'; atMs: number; group: string; member: string; partition: number; offsets: number[]; redelivered: number; lockUntilMs: number }
  /** the member acknowledged records: ACCEPT, RELEASE or REJECT */
  | { type: 'share/acknowledged'; atMs: number; group: string; member: string; partition: number; offsets: number[]; ack: 'accept' | 'release' | 'reject' }
  /** acquisition locks ran out: the records are available again (or archived at the delivery count limit) */
  | { type: 'share/lock-expired'; atMs: number; group: string; partition: number; offsets: number[]; member: string }
  /** records archived: rejected, or released / timed out at the delivery count limit */
  | { type: 'share/archived'; atMs: number; group: string; partition: number; offsets: number[]; reason: 'rejected' | 'delivery-limit' }
  /** an acknowledgement arrived after the lock had expired: the broker refuses it (the record may be processed twice) */
  | { type: 'share/ack-refused'; atMs: number; group: string; member: string; partition: number; offset: number }
  /** the in-flight window of a share-partition is full (group.share.partition.max.record.locks): no new records are acquired */
  | { type: 'share/window-full'; atMs: number; group: string; partition: number; startOffset: number; inFlight: number };

export type SimEventType = SimEvent['type'];
export type SimEventOf<T extends SimEventType> = Extract<SimEvent, { type: T }>;

export interface StepOptions {
  /** include record/produced, record/consumed and offset/committed events (default true) */
  recordEvents?: boolean;
}

export interface StepResult {
  /** the same object that was passed in, advanced (state is updated in place) */
  state: Simulation;
  events: SimEvent[];
}

// ---------------------------------------------------------------------------------------------
// Read model for the view (snapshotView). Freshly built on each call; safe to keep.
// ---------------------------------------------------------------------------------------------

export type MemberStatus = 'active' | 'idle' | 'rebalancing' | 'stuck' | 'crashed';

export interface RecordView {
  offset: number;
  /** null for unkeyed records */
  key: string | null;
  /** 0..11, stable per key (user), for colouring; unkeyed records get the user's colour too */
  keyColor: number;
  /** the user (entity) the record belongs to, e.g. "user-17" */
  user: string;
  producedAtMs: number;
  poison: boolean;
}

export interface PartitionView {
  topic: string;
  id: number;
  /** broker id of the leader, -1 when offline */
  leader: number;
  replicas: number[];
  isr: number[];
  offline: boolean;
  /** the leader's broker is down but not yet fenced: writes and reads wait (absent in views built by hand) */
  leaderUnreachable?: boolean;
  logStartOffset: number;
  logEndOffset: number;
  /** high watermark: consumers read only below it; lag is measured against it (absent in views built by hand: the log end offset) */
  highWatermark?: number;
  /** in-sync followers that stopped fetching: since when, and their log end offset (they hold the high watermark back) */
  lagging?: { broker: number; sinceMs: number; leo: number }[];
  /** the most recent records (bounded by config.recentRecords), oldest first */
  recent: RecordView[];
}

export interface MemberView {
  id: string;
  status: MemberStatus;
  /** this member's partition.assignment.strategy (differs from the group's during a rolling bounce) */
  assignors?: AssignorName[];
  /** eager or cooperative, from its assignors (KIP-429) */
  protocol?: RebalanceProtocol;
  /** partitions currently owned (empty while revoked during a rebalance) */
  partitions: number[];
  stuckOn?: { topic: string; partition: number; offset: number; sinceMs: number };
  /** records this member has processed */
  processed: number;
  lastPollAtMs: number;
}

export interface GroupView {
  id: string;
  topic: string;
  /** set only for client-driven groups */
  driver?: 'client';
  /** the assignor the group selected in its last rebalance */
  assignor: AssignorName;
  /** eager unless every member is cooperative (KIP-429) */
  protocol: RebalanceProtocol;
  /** partition.assignment.strategy new members join with (absent in views built by hand) */
  assignors?: AssignorName[];
  /** a rolling bounce in progress: the list members restart with, and how many are still to restart */
  bounce?: { assignors: AssignorName[]; remaining: number };
  generation: number;
  rebalancing: boolean;
  members: MemberView[];
  /** committed offset per partition (index = partition), null when nothing is committed */
  committed: (number | null)[];
  /** lag per partition: high watermark − committed offset, null when nothing is committed (unknown: kafka-consumer-groups prints "-") */
  lag: (number | null)[];
  /** the largest partition lag; null (unknown) while a partition that holds records has no committed offset */
  maxLag: number | null;
  /** the sum of the partition lags; null (unknown) under the same condition */
  totalLag: number | null;
  /** partitions that hold records but have no committed offset (why maxLag and totalLag are unknown); absent in views built by hand */
  lagUnknown?: number[];
  rebalances: number;
  pausedMs: number;
  deadLettered: number;
  processed: number;
  duplicates: number;
  outOfOrder: number;
  /** absent: 'classic' */
  type?: GroupType;
  /** KIP-848: epochs, the target assignment and each member's reconciliation */
  consumerGroup?: ConsumerGroupView;
  /** KIP-932: share-partitions with their in-flight records */
  shareGroup?: ShareGroupView;
}

/** A KIP-848 member's reconciliation state (Kafka's MemberState names). */
export type ConsumerMemberState = 'stable' | 'reconciling' | 'unrevoked-partitions' | 'unreleased-partitions' | 'left-static';

export interface ConsumerGroupView {
  groupEpoch: number;
  assignmentEpoch: number;
  assignor: ServerAssignorName;
  /** member id -> partitions of the target assignment */
  target: Record<string, number[]>;
  members: { id: string; memberEpoch: number; state: ConsumerMemberState; revoking: number[]; waiting: number[]; instanceId?: string }[];
}

/** Record states of a share-partition (KIP-932). */
export type ShareRecordState = 'available' | 'acquired' | 'acknowledged' | 'archived';

export interface SharePartitionView {
  partition: number;
  /** share-partition start offset (SPSO): records below it are done */
  startOffset: number;
  /** share-partition end offset (SPEO): the next offset never acquired yet */
  endOffset: number;
  /** records in [startOffset, endOffset) by state */
  counts: Record<ShareRecordState, number>;
  /** the first in-flight records (bounded), offset ascending */
  records: { offset: number; state: ShareRecordState; deliveryCount: number; member?: string; lockUntilMs?: number }[];
}

export interface ShareGroupView {
  partitions: SharePartitionView[];
  stats: { acquired: number; accepted: number; released: number; rejected: number; archived: number; redelivered: number; lockExpired: number; ackRefused: number };
  /** records not yet acknowledged or archived, per partition: high watermark - SPSO - done records in the window */
  lag: number[];
}

export interface BrokerView {
  id: number;
  up: boolean;
  /** stopped and fenced by the controller (its session expired) */
  fenced?: boolean;
  /** stopped, not yet fenced: when the controller will fence it (stop time + broker.session.timeout.ms) */
  fencesAtMs?: number;
}

/** A simulated producer's buffer (RecordAccumulator) and what waits in it. */
export interface ProducerView {
  id: string;
  topic: string;
  acks: Acks;
  ratePerSec: number;
  /** records in buffer.memory: waiting to be written plus written but not yet acknowledged */
  buffered: number;
  /** how many records buffer.memory holds (buffer.memory / record size) */
  bufferCapacity: number;
  /** per partition: records waiting to be written (retried) */
  waiting: number[];
  /** per partition: why they wait, or null */
  waitReasons: (ProduceWait | null)[];
  /** per partition: acks=all records in the log, waiting for every in-sync replica */
  unacked: number[];
  /** the longest any record still in the buffer has waited, ms */
  oldestWaitMs: number;
  /** send() blocked on a full buffer since this time, or null */
  blockedSinceMs: number | null;
  /** records acknowledged after waiting, the longest such wait, and records whose delivery.timeout.ms expired */
  delayed: number;
  maxLatencyMs: number;
  expired: number;
  deliveryTimeoutMs: number;
  maxBlockMs: number;
}

export interface SeriesView {
  /** sample times (simulated ms), oldest first */
  t: number[];
  /** null where the value was unknown (lag without a committed offset) */
  v: (number | null)[];
}

export interface MetricsView {
  topics: Record<string, { inPerSec: SeriesView; failedPerSec: SeriesView }>;
  /** records in each producer's buffer, and the longest wait of a record acknowledged in each interval (ms) */
  producers?: Record<string, { buffered: SeriesView; latencyMaxMs: SeriesView }>;
  groups: Record<string, { lagMax: SeriesView; lagTotal: SeriesView; outPerSec: SeriesView; rebalancing: SeriesView; deadLettered: SeriesView }>;
}

/** The live settings of a consumer group (after defaults and every action so far). */
export interface GroupSettingsView {
  /** partition.assignment.strategy */
  assignors: AssignorName[];
  assignor: AssignorName;
  /** derived from the assignors, never set */
  protocol: RebalanceProtocol;
  timeouts: GroupTimeouts;
  processing: ProcessingConfig;
  commit: CommitPolicy;
  downstream: DownstreamConfig;
  dlq: DlqConfig;
  autoOffsetReset: OffsetResetPolicy;
  rebalanceMs: number;
}

/** The live settings of a producer. */
export interface ProducerSettingsView {
  id: string;
  topic: string;
  ratePerSec: number;
  keys: Required<KeyConfig>;
  acks: Acks;
  recordBytes: number;
  batchSize: number;
  deliveryTimeoutMs?: number;
  bufferMemory?: number;
  maxBlockMs?: number;
}

/** The settings of a topic. */
export interface TopicSettingsView {
  replicationFactor: number;
  minInsyncReplicas: number;
  retentionMs: number;
  retentionBytes: number;
}

/** Settings a control panel shows, so that it never needs the internal state. */
export interface SettingsView {
  /** broker.session.timeout.ms and replica.lag.time.max.ms (absent in views built by hand) */
  cluster?: { brokerSessionTimeoutMs: number; replicaLagTimeMaxMs: number };
  /** by group id */
  groups: Record<string, GroupSettingsView>;
  /** in config order */
  producers: ProducerSettingsView[];
  /** by topic name */
  topics: Record<string, TopicSettingsView>;
}

/** A classic group of outside clients as kafka-consumer-groups --describe shows it. */
export interface ClassicGroupView {
  id: string;
  state: ClassicGroupPhase;
  generation: number;
  protocolType: string | null;
  /** the assignor the members chose (e.g. "RoundRobinAssigner", "range", "cooperative-sticky") */
  protocolName: string | null;
  leader: string | null;
  members: {
    id: string;
    groupInstanceId: string | null;
    clientId: string;
    clientHost: string;
    subscribedTopics: string[];
    /** the assignor names the member offered in JoinGroup, in its order of preference (its partition.assignment.strategy) */
    protocols: string[];
    assigned: { topic: string; partitions: number[] }[];
    /** base64 of the member's metadata for the chosen protocol and of its assignment (DescribeGroups) */
    metadata: string | null;
    assignment: string;
  }[];
  /** one row per committed or assigned partition: CURRENT-OFFSET, LOG-END-OFFSET (the high watermark) and LAG, with its owner */
  offsets: { topic: string; partition: number; committed: number | null; logEndOffset: number; lag: number | null; memberId: string | null }[];
  rebalances: number;
  downstreamSlowdown: number;
}

export interface SimView {
  /** classic groups of outside clients (a real Kafka client's consumer groups), when there are any */
  classicGroups?: ClassicGroupView[];
  timeMs: number;
  tick: number;
  brokers: BrokerView[];
  topics: { name: string; partitions: PartitionView[]; produced: number; failed: number }[];
  /** the simulated producers (absent in views built by hand) */
  producers?: ProducerView[];
  groups: GroupView[];
  metrics: MetricsView;
  /** live settings (snapshotView always fills it; views built by hand may leave it out) */
  settings?: SettingsView;
}

// ---------------------------------------------------------------------------------------------
// Scenarios (content/scenarios/<id>.json, schema in scenario.ts)
// ---------------------------------------------------------------------------------------------

export type Comparison = { equals: number } | { atLeast: number } | { atMost: number } | { between: [number, number] };

export type Expectation =
  | ({ kind: 'idleConsumers'; group: string } & Comparison)
  | ({ kind: 'activeConsumers'; group: string } & Comparison)
  | ({ kind: 'maxLag'; group: string } & Comparison)
  | ({ kind: 'peakMaxLag'; group: string } & Comparison)
  | ({ kind: 'totalLag'; group: string } & Comparison)
  | ({ kind: 'rebalances'; group: string } & Comparison)
  | ({ kind: 'pausedMs'; group: string } & Comparison)
  | ({ kind: 'processed'; group: string } & Comparison)
  | ({ kind: 'outOfOrder'; group: string } & Comparison)
  | ({ kind: 'deadLettered'; group: string } & Comparison)
  | ({ kind: 'stuckConsumers'; group: string } & Comparison)
  /** 1 when the group's max and total lag are unknown (a partition holding records has no committed offset), else 0 */
  | ({ kind: 'lagUnknown'; group: string } & Comparison)
  /** live members whose assignors make them cooperative (KIP-429) */
  | ({ kind: 'cooperativeMembers'; group: string } & Comparison)
  /** live members (in the group, not crashed) */
  | ({ kind: 'members'; group: string } & Comparison)
  /** the longest a record of this producer waited before it was acknowledged, ms */
  | ({ kind: 'maxWriteLatencyMs'; producer: string } & Comparison)
  /** records in the producer's buffer at the end (waiting or unacknowledged) */
  | ({ kind: 'bufferedRecords'; producer: string } & Comparison)
  /** records acknowledged after waiting */
  | ({ kind: 'delayedWrites'; producer: string } & Comparison)
  /** records whose delivery.timeout.ms expired (they failed) */
  | ({ kind: 'expiredWrites'; producer: string } & Comparison)
  /** members that have processed at least one record */
  | ({ kind: 'busyConsumers'; group: string } & Comparison)
  /** share groups: records archived (rejected, or at the delivery count limit) */
  | ({ kind: 'archived'; group: string } & Comparison)
  /** share groups: deliveries of records that had been delivered before */
  | ({ kind: 'redelivered'; group: string } & Comparison)
  /** consumer and share groups: the group epoch (classic groups: the generation) */
  | ({ kind: 'groupEpoch'; group: string } & Comparison)
  | ({ kind: 'produced'; topic: string } & Comparison)
  | ({ kind: 'failedWrites'; topic: string } & Comparison)
  /** share (0..1) of the topic's records that went to its busiest partition */
  | ({ kind: 'hottestPartitionShare'; topic: string } & Comparison)
  | ({ kind: 'offlinePartitions'; topic: string } & Comparison)
  /** committed offsets of the group cover everything produced (lag 0 on every partition) */
  | { kind: 'caughtUp'; group: string }
  | { kind: 'leaderNot'; topic: string; broker: number };

export interface Scenario {
  id: string;
  title: string;
  summary: string;
  config: SimConfig;
  seed: number;
  actions: TimedAction[];
  runMs: number;
  expect: Expectation[];
}

export interface Outcome {
  expectation: Expectation;
  passed: boolean;
  observed: number | string;
}

export interface ScenarioRun {
  state: Simulation;
  /** count of events by type over the whole run */
  eventCounts: Partial<Record<SimEventType, number>>;
  outcomes: Outcome[];
  passed: boolean;
}

/** The simulation state: plain data, see state.ts. Read it through snapshotView(). */
export type Simulation = SimState;

/**
 * The simulation state: one plain, JSON-serialisable object. The view should read it through
 * snapshotView() (view.ts); the field layout below is internal and may change.
 *
 * Conventions: offsets are numbers (next offset to write = logEndOffset); `null` committed offset
 * means the group never committed for that partition; arrays indexed by partition id.
 */
import type {
  AssignorName,
  ProduceWait,
  KeyConfig,
  OffsetResetPolicy,
  RebalanceProtocol,
  RebalanceReason,
  ResolvedConfig,
  ResolvedGroupConfig,
  TimedAction,
  Acks,
} from './types.ts';

export interface BrokerState {
  id: number;
  up: boolean;
  /** when a restarted broker rejoins the ISR of its partitions (-1: nothing pending) */
  catchUpAtMs: number;
  /** when it stopped (-1 while up): the controller fences it broker.session.timeout.ms later */
  stoppedAtMs: number;
  /** the controller has fenced it (its session expired): it is out of every ISR and leads nothing */
  fenced: boolean;
}

/**
 * Last-N records of a partition with their keys (older records are only counted): a ring of
 * N = config.recentRecords slots; the record at offset o sits in slot o % N.
 */
export interface RecentWindow {
  keys: (string | null)[];
  users: number[];
  at: number[];
}

/** Who produced what, per offset, for the ordering and no-loss checks (bounded; trimmed as groups consume). */
export interface TrackWindow {
  base: number;
  /** entity = producerIndex * 2^20 + userIndex */
  entity: number[];
  seq: number[];
}

export interface PartitionState {
  id: number;
  replicas: number[];
  isr: number[];
  /** broker id, -1 when offline */
  leader: number;
  logStart: number;
  logEnd: number;
  /** high watermark: the lowest log end offset of the in-sync replicas; consumers read below it */
  hw: number;
  /** in-sync followers that stopped fetching (their broker is down): since when, and their log end offset then */
  lagging: { broker: number; sinceMs: number; leo: number }[];
  recent: RecentWindow;
  track: TrackWindow;
  /** offsets of poison records (bounded) */
  poison: number[];
  /** set by record/poison: the next record appended here is poison */
  poisonNext: boolean;
  /** coarse time index: at time t[i] the log end offset was o[i] (bounded, coarsened when full) */
  timeIndex: { t: number[]; o: number[] };
  /** keys and values of explicitly sent records, offsets ascending (bounded by config.payloadRecords); created on the first send */
  payload?: PayloadStore;
}

export interface PayloadStore {
  offsets: number[];
  keys: (string | null)[];
  values: (string | null)[];
  at: number[];
  /** headers, client timestamp and encoding per entry (null when a record has none); created with the first record that has any */
  meta?: (RecordMeta | null)[];
}

export interface RecordMeta {
  headers?: import('./types.ts').RecordHeaderText[];
  timestampMs?: number;
  encoding?: 'base64';
}

export interface TopicState {
  name: string;
  replicationFactor: number;
  retentionMs: number;
  retentionBytes: number;
  minInsyncReplicas: number;
  partitions: PartitionState[];
  produced: number;
  failed: number;
  /** sampling accumulators */
  producedSinceSample: number;
  failedSinceSample: number;
  series: { t: number[]; inPerSec: number[]; failedPerSec: number[] };
  /** sticky partition for unkeyed records of producer/send (created on first use) */
  sendSticky?: { partition: number; bytes: number };
}

export interface ProducerState {
  id: string;
  topic: string;
  ratePerSec: number;
  keys: Required<KeyConfig>;
  recordBytes: number;
  acks: Acks;
  batchSize: number;
  /** fractional records carried to the next tick */
  carry: number;
  stickyPartition: number;
  stickyBytes: number;
  /** per-user next sequence number */
  userSeq: number[];
  /** round-robin counter for salted sub-keys */
  saltCounter: number;
  /** delivery.timeout.ms, buffer.memory (bytes), max.block.ms */
  deliveryTimeoutMs: number;
  bufferMemory: number;
  maxBlockMs: number;
  /** per partition (sparse): records waiting in the accumulator to be written, oldest first */
  waiting: (WaitQueue | null)[];
  /** per partition (sparse): acks=all records written to the leader, waiting for the in-sync replicas (the high watermark) */
  unacked: (AckQueue | null)[];
  /** records in buffer.memory: waiting plus unacked */
  buffered: number;
  /** since when send() has been blocked on a full buffer (-1: not blocked) */
  blockedSinceMs: number;
  /** records acknowledged after waiting, and the longest wait so far */
  stats: { delayed: number; maxLatencyMs: number; expired: number; blockedTimeouts: number };
  /** the longest wait of a record acknowledged since the last metrics sample */
  latencySinceSample: number;
  series: { t: number[]; buffered: number[]; latencyMaxMs: number[] };
}

/** A partition's records waiting in the producer (RecordAccumulator), oldest first from `head`. */
export interface WaitQueue {
  head: number;
  at: number[];
  user: number[];
  seq: number[];
  key: (string | null)[];
  /** why they wait (the last error the partition gave) */
  reason: ProduceWait;
}

/** acks=all records already in the leader's log, waiting for acknowledgement, in chunks from `head`. */
export interface AckQueue {
  head: number;
  /** records in the queue */
  n: number;
  /** offset after the chunk's last record (acknowledged once the high watermark reaches it) */
  end: number[];
  count: number[];
  at: number[];
}

export interface BatchSegment {
  partition: number;
  from: number;
  count: number;
}

export interface InFlightBatch {
  segments: BatchSegment[];
  /** index of the segment being processed and records done in it */
  seg: number;
  doneInSeg: number;
  remaining: number;
  /** processing cost per record in this batch (ms); -1: never completes (the downstream is down) */
  costMs: number;
  /** ms already spent on the current record */
  progressMs: number;
  /** every record of this batch exceeds the per-record timeout and goes to the dead-letter topic */
  deadLetter: boolean;
}

export interface HungState {
  partition: number;
  offset: number;
  sinceMs: number;
  reason: 'poison' | 'downstream-down';
}

export interface MemberState {
  id: string;
  /** part of the group's membership (false after a poll timeout until it rejoins, or after it left) */
  inGroup: boolean;
  crashed: boolean;
  /** partitions owned and fetched from */
  owned: number[];
  batch: InFlightBatch | null;
  hung: HungState | null;
  lastPollMs: number;
  lastHeartbeatMs: number;
  lastAutoCommitMs: number;
  /** next partition index to start fetching from (fair fetching) */
  fetchCursor: number;
  processed: number;
  /** rejoin (a new rebalance) once the in-flight batch is done */
  rejoinPending: boolean;
  /** this member's partition.assignment.strategy when it differs from the group's (a member restarted in a rolling bounce) */
  assignors?: AssignorName[];
  /** client-driven members: this member's auto.offset.reset (the group's when absent) */
  offsetReset?: OffsetResetPolicy;
  /** client-driven members: the last fetch returned records that the client is still handling (its next fetch is its next poll) */
  awaitingPoll?: boolean;
  /** KIP-848 and KIP-932 members: the member epoch (0 before the first heartbeat response) */
  memberEpoch?: number;
  /** KIP-848: partitions the coordinator asked this member to revoke, not yet given up */
  revoking?: number[];
  /** KIP-848: group.instance.id of a static member */
  instanceId?: string;
  /** KIP-848: a static member that left temporarily (epoch -2); its partitions wait for it until the session timeout */
  leftStatic?: boolean;
}

/** KIP-848: the group coordinator's view of a consumer group (GroupMetadataManager's ConsumerGroup). */
export interface ConsumerGroupRuntime {
  groupEpoch: number;
  /** the epoch of the current target assignment (equal to groupEpoch once computed) */
  assignmentEpoch: number;
  /** member id -> target partitions */
  target: Record<string, number[]>;
}

/** KIP-932: one share-partition: its window of in-flight records [startOffset, endOffset). */
export interface SharePartitionState {
  /** -1 until the share-partition is initialised (share.auto.offset.reset) */
  startOffset: number;
  endOffset: number;
  /** per offset in the window (index = offset - startOffset): 0 available, 1 acquired, 2 acknowledged, 3 archived */
  state: number[];
  deliveries: number[];
  lockUntil: number[];
  /** member holding the acquisition lock ('' none) */
  holder: string[];
  /** earliest lock expiry in the window (Infinity-free: -1 when none) */
  nextExpiryMs: number;
}

export interface ShareGroupRuntime {
  groupEpoch: number;
  partitions: SharePartitionState[];
  stats: { acquired: number; accepted: number; released: number; rejected: number; archived: number; redelivered: number; lockExpired: number; ackRefused: number };
  /** window-full events already reported, per partition (reported once per filling) */
  windowFull: boolean[];
}

export interface RebalanceState {
  /** generation of the current JoinGroup round (each round is a new generation) */
  generation: number;
  startedAtMs: number;
  roundStartedAtMs: number;
  /** 1, then 2 after cooperative members revoked partitions (KIP-429: revoke, then assign) */
  round: number;
  reason: RebalanceReason;
  /** eager unless every member is cooperative */
  protocol: RebalanceProtocol;
  /** cooperative: partitions revoked in the previous round, paused until a later round assigns them */
  moving: number[];
}

/** A group's live settings start as its resolved config (actions change them later). */
export interface GroupState extends Omit<ResolvedGroupConfig, 'consumers'> {
  /** members created when the group starts (at startAtMs) */
  initialConsumers: number;
  started: boolean;
  nextMemberNumber: number;
  members: MemberState[];
  generation: number;
  rebalance: RebalanceState | null;
  /** another rebalance is needed once the current one completes */
  rebalanceQueued: RebalanceReason | null;
  /** a rolling bounce in progress: members still to restart (ids), and the list they restart with */
  bounce?: { assignors: AssignorName[]; pending: string[] };
  /** per partition */
  committed: (number | null)[];
  /** fetch position (next offset to fetch) of the owner */
  position: number[];
  /** next offset after the last record processed in order (what a commit would store) */
  done: number[];
  /** highest offset + 1 ever processed (records below it processed again are duplicates) */
  processedHW: number[];
  /** per producer index: last sequence number seen per user (-1 none) */
  lastSeq: number[][];
  stats: {
    processed: number;
    duplicates: number;
    outOfOrder: number;
    skipped: number;
    deadLettered: number;
    rebalances: number;
    pausedMs: number;
    peakMaxLag: number;
  };
  processedSinceSample: number;
  /** KIP-848 consumer groups */
  kip848?: ConsumerGroupRuntime;
  /** KIP-932 share groups */
  share?: ShareGroupRuntime;
  /** lagMax and lagTotal hold null where the lag was unknown (see metrics.ts groupLag) */
  series: { t: number[]; lagMax: (number | null)[]; lagTotal: (number | null)[]; outPerSec: number[]; rebalancing: number[]; deadLettered: number[] };
}

export interface SimState {
  version: 1;
  seed: number;
  /** the resolved config the simulation was created with (live settings are in the sub-states) */
  config: ResolvedConfig;
  timeMs: number;
  tick: number;
  /** seeded PRNG state (see rng.ts) */
  rng: number[];
  brokers: BrokerState[];
  topics: TopicState[];
  producers: ProducerState[];
  groups: GroupState[];
  /** every action applied so far, with its simulated time (a Recording is {config, seed, actions}) */
  actions: TimedAction[];
  /** the original (unresolved) config, for recordings */
  inputConfig: import('./types.ts').SimConfig;
  nextMetricsAtMs: number;
  /** classic groups of outside clients (coordinator/classicGroup), created with the first one */
  classicGroups?: import('./coordinator/classicGroup/types.ts').ClassicGroupState[];
  /** idempotent producers (producer/idempotence.ts), created with the first InitProducerId */
  producerIds?: import('./producer/idempotence.ts').ProducerIdState;
  /** lagging follower replicas over all partitions (0: the replica manager has nothing to watch) */
  laggingReplicas: number;
}

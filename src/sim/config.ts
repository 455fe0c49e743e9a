/**
 * Config validation and defaults. `validateConfig` never throws (for UI forms); `resolveConfig`
 * throws a SimConfigError listing every issue. Defaults follow Apache Kafka's client and broker
 * defaults where one exists.
 */
import { z } from 'zod';
import { DEFAULT_ASSIGNORS, protocolOf } from './coordinator/classic/protocol.ts';
import { consumerGroupSchema, resolveConsumerGroup } from './coordinator/consumer/config.ts';
import { resolveShareGroup, shareGroupSchema } from './coordinator/share/config.ts';
import type {
  ConfigIssue,
  GroupConfig,
  KeyConfig,
  ResolvedConfig,
  ResolvedGroupConfig,
  SimConfig,
  TopicConfig,
  ValidationResult,
} from './types.ts';

export const DEFAULTS = {
  brokers: 3,
  minInsyncReplicas: 1,
  retentionMs: 604_800_000,
  retentionBytes: -1,
  recordBytes: 100,
  batchSize: 16_384,
  /** delivery.timeout.ms, producer config */
  deliveryTimeoutMs: 120_000,
  /** buffer.memory, producer config (32 MiB) */
  bufferMemory: 33_554_432,
  /** max.block.ms, producer config */
  maxBlockMs: 60_000,
  /** max.in.flight.requests.per.connection, producer config (at most 5 with idempotence) */
  maxInFlight: 5,
  acks: 'all',
  users: 1000,
  zipfExponent: 1.1,
  hotShare: 0.5,
  saltBuckets: 8,
  sessionTimeoutMs: 45_000,
  heartbeatIntervalMs: 3_000,
  maxPollIntervalMs: 300_000,
  maxPollRecords: 500,
  autoCommitIntervalMs: 5_000,
  processingMeanMs: 1,
  processingDistribution: 'exponential',
  recordTimeoutMs: 10_000,
  /** partition.assignment.strategy: [RangeAssignor, CooperativeStickyAssignor] (ConsumerConfig, Kafka 3.0+) */
  assignors: DEFAULT_ASSIGNORS,
  /** what the default list selects: range (each member votes for its first assignor) */
  assignor: 'range',
  /** what the default list gives: eager, because range supports only EAGER (ConsumerCoordinator, KIP-429) */
  protocol: 'eager',
  autoOffsetReset: 'latest',
  rebalanceMs: 3_000,
  metricsIntervalMs: 1_000,
  metricsCapacity: 600,
  recentRecords: 64,
  replicaCatchUpMs: 2_000,
  /** broker.session.timeout.ms, KRaft broker config */
  brokerSessionTimeoutMs: 9_000,
  /** replica.lag.time.max.ms, broker config (Partition.maybeShrinkIsr) */
  replicaLagTimeMaxMs: 30_000,
  payloadRecords: 10_000,
} as const;

/**
 * Parse without zod's generated fast path (it builds code with new Function): the simulator also
 * runs where creating code from strings is blocked (the lab's sandboxed worker, a strict CSP).
 */
export const NO_CODEGEN = { jitless: true } as const;

export const MAX_PARTITIONS = 256;
export const MAX_BROKERS = 12;
export const MAX_MEMBERS = 256;
export const MAX_USERS = 1_000_000;

export class SimConfigError extends Error {
  readonly issues: ConfigIssue[];
  constructor(issues: ConfigIssue[]) {
    super(`Invalid simulation config:\n${issues.map((i) => `  ${i.path || '(root)'}: ${i.message}`).join('\n')}`);
    this.name = 'SimConfigError';
    this.issues = issues;
  }
}

const finite = () => z.number({ error: 'must be a number' }).refine(Number.isFinite, 'must be a finite number (not NaN or Infinity)');
const int = (min: number, max: number, what = 'value') =>
  z
    .number({ error: 'must be a number' })
    .refine(Number.isFinite, 'must be a finite number (not NaN or Infinity)')
    .refine(Number.isInteger, 'must be a whole number')
    .refine((n) => n >= min && n <= max, `${what} must be between ${min} and ${max}`);
const nonNeg = (what = 'value') => finite().refine((n) => n >= 0, `${what} must not be negative`);
const positive = (what = 'value') => finite().refine((n) => n > 0, `${what} must be greater than 0`);
const id = z.string({ error: 'must be a string' }).min(1, 'must not be empty').max(64, 'at most 64 characters');
const assignor = z.enum(['range', 'roundrobin', 'sticky', 'cooperative-sticky'], { error: 'unknown assignor (range, roundrobin, sticky, cooperative-sticky)' });
const protocol = z.enum(['eager', 'cooperative'], { error: "must be 'eager' or 'cooperative'" });

export const keyConfigSchema = z.strictObject({
  mode: z.enum(['user', 'random', 'none', 'salted'], { error: "must be 'user', 'random', 'none' or 'salted'" }),
  users: int(1, MAX_USERS, 'users').optional(),
  distribution: z.enum(['uniform', 'zipf', 'hot'], { error: "must be 'uniform', 'zipf' or 'hot'" }).optional(),
  zipfExponent: positive('zipfExponent').refine((n) => n <= 5, 'zipfExponent must be at most 5').optional(),
  hotShare: finite().refine((n) => n >= 0 && n <= 1, 'hotShare must be between 0 and 1').optional(),
  saltBuckets: int(2, 256, 'saltBuckets').optional(),
});

export const timeoutsSchema = z.strictObject({
  sessionTimeoutMs: int(1, 3_600_000, 'session.timeout.ms').optional(),
  heartbeatIntervalMs: int(1, 3_600_000, 'heartbeat.interval.ms').optional(),
  maxPollIntervalMs: int(1, 86_400_000, 'max.poll.interval.ms').optional(),
  maxPollRecords: int(1, 100_000, 'max.poll.records').optional(),
});

export const processingSchema = z.strictObject({
  meanMs: nonNeg('meanMs').refine((n) => n <= 600_000, 'meanMs must be at most 600000').optional(),
  distribution: z.enum(['fixed', 'uniform', 'exponential'], { error: "must be 'fixed', 'uniform' or 'exponential'" }).optional(),
});

export const commitSchema = z.discriminatedUnion(
  'mode',
  [z.strictObject({ mode: z.literal('auto'), intervalMs: int(1, 86_400_000, 'auto.commit.interval.ms') }), z.strictObject({ mode: z.literal('after-processing') })],
  { error: "commit.mode must be 'auto' or 'after-processing'" },
);

export const downstreamSchema = z.strictObject({
  slowdown: finite().refine((n) => n >= 1 && n <= 10_000, 'slowdown must be between 1 and 10000').optional(),
  failureRate: finite().refine((n) => n >= 0 && n <= 1, 'failureRate must be between 0 and 1').optional(),
});

export const dlqSchema = z.strictObject({
  enabled: z.boolean({ error: 'must be true or false' }).optional(),
  recordTimeoutMs: int(1, 86_400_000, 'recordTimeoutMs').optional(),
});

export const groupConfigSchema = z.strictObject({
  id,
  topic: id,
  consumers: int(0, MAX_MEMBERS, 'consumers'),
  assignors: z
    .array(assignor, { error: 'must be a list of assignors' })
    .min(1, 'list at least one assignor')
    .max(4, 'at most the four assignors')
    .refine((l) => new Set(l).size === l.length, 'an assignor is listed twice')
    .optional(),
  assignor: assignor.optional(),
  protocol: protocol.optional(),
  timeouts: timeoutsSchema.optional(),
  processing: processingSchema.optional(),
  commit: commitSchema.optional(),
  downstream: downstreamSchema.optional(),
  dlq: dlqSchema.optional(),
  autoOffsetReset: z.enum(['earliest', 'latest'], { error: "must be 'earliest' or 'latest'" }).optional(),
  rebalanceMs: int(0, 600_000, 'rebalanceMs').optional(),
  startAtMs: int(0, 1e12, 'startAtMs').optional(),
  driver: z.enum(['auto', 'client'], { error: "driver must be 'auto' or 'client'" }).optional(),
  type: z.enum(['classic', 'consumer', 'share'], { error: "type must be 'classic', 'consumer' or 'share'" }).optional(),
  consumerGroup: consumerGroupSchema.optional(),
  shareGroup: shareGroupSchema.optional(),
});

export const topicConfigSchema = z.strictObject({
  name: id.regex(/^[a-zA-Z0-9._-]+$/, 'topic names use letters, digits, ".", "_" and "-"'),
  partitions: int(1, MAX_PARTITIONS, 'partitions'),
  replicationFactor: int(1, MAX_BROKERS, 'replication factor').optional(),
  retentionMs: int(1, 1e13, 'retention.ms').optional(),
  retentionBytes: z.union([z.literal(-1), int(1, 1e15, 'retention.bytes')], { error: 'retention.bytes must be -1 (unlimited) or a positive whole number' }).optional(),
  minInsyncReplicas: int(1, MAX_BROKERS, 'min.insync.replicas').optional(),
});

export const simConfigSchema = z.strictObject({
  brokers: int(1, MAX_BROKERS, 'brokers').optional(),
  minInsyncReplicas: int(1, MAX_BROKERS, 'min.insync.replicas').optional(),
  // a cluster may start with no topic, as a Kafka cluster does: clients create them
  topics: z.array(topicConfigSchema, { error: 'must be a list of topics' }),
  producers: z
    .array(
      z.strictObject({
        id,
        topic: id,
        ratePerSec: nonNeg('ratePerSec').refine((n) => n <= 100_000, 'ratePerSec must be at most 100000'),
        keys: keyConfigSchema.optional(),
        recordBytes: int(1, 1_048_576, 'recordBytes').optional(),
        acks: z.enum(['all', '1', '0'], { error: "acks must be 'all', '1' or '0'" }).optional(),
        batchSize: int(1, 16_777_216, 'batch.size').optional(),
        deliveryTimeoutMs: int(50, 86_400_000, 'delivery.timeout.ms').optional(),
        bufferMemory: int(1, 1_073_741_824, 'buffer.memory').optional(),
        maxBlockMs: int(0, 86_400_000, 'max.block.ms').optional(),
      }),
    )
    .optional(),
  groups: z.array(groupConfigSchema).optional(),
  metricsIntervalMs: int(50, 3_600_000, 'metricsIntervalMs').refine((n) => n % 50 === 0, 'metricsIntervalMs must be a multiple of the 50 ms tick').optional(),
  metricsCapacity: int(2, 100_000, 'metricsCapacity').optional(),
  recentRecords: int(1, 4096, 'recentRecords').optional(),
  replicaCatchUpMs: int(0, 3_600_000, 'replicaCatchUpMs').optional(),
  brokerSessionTimeoutMs: int(50, 3_600_000, 'broker.session.timeout.ms').optional(),
  replicaLagTimeMaxMs: int(50, 3_600_000, 'replica.lag.time.max.ms').optional(),
  payloadRecords: int(1, 1_000_000, 'payloadRecords').optional(),
  coordinator: z
    .strictObject({
      initialRebalanceDelayMs: int(0, 300_000, 'group.initial.rebalance.delay.ms').optional(),
      minSessionTimeoutMs: int(1, 86_400_000, 'group.min.session.timeout.ms').optional(),
      maxSessionTimeoutMs: int(1, 86_400_000, 'group.max.session.timeout.ms').optional(),
      maxSize: int(1, MAX_MEMBERS, 'group.max.size').optional(),
      offsetsTopicPartitions: int(1, 1000, 'offsets.topic.num.partitions').optional(),
      offsetsTopicReplicationFactor: int(1, MAX_BROKERS, 'offsets.topic.replication.factor').optional(),
    })
    .optional(),
  recordActions: z.boolean({ error: 'must be true or false' }).optional(),
});

function zodIssues(error: z.ZodError): ConfigIssue[] {
  return error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message }));
}

export function resolveKeys(keys: KeyConfig | undefined): Required<KeyConfig> {
  return {
    mode: keys?.mode ?? 'user',
    users: keys?.users ?? DEFAULTS.users,
    distribution: keys?.distribution ?? 'uniform',
    zipfExponent: keys?.zipfExponent ?? DEFAULTS.zipfExponent,
    hotShare: keys?.hotShare ?? DEFAULTS.hotShare,
    saltBuckets: keys?.saltBuckets ?? DEFAULTS.saltBuckets,
  };
}

export function resolveGroup(g: GroupConfig): ResolvedGroupConfig {
  const assignors = g.assignors ? [...g.assignors] : g.assignor ? [g.assignor] : [...DEFAULTS.assignors];
  return {
    id: g.id,
    topic: g.topic,
    consumers: g.consumers,
    assignors,
    assignor: assignors[0]!,
    protocol: protocolOf(assignors),
    timeouts: {
      sessionTimeoutMs: g.timeouts?.sessionTimeoutMs ?? DEFAULTS.sessionTimeoutMs,
      heartbeatIntervalMs: g.timeouts?.heartbeatIntervalMs ?? DEFAULTS.heartbeatIntervalMs,
      maxPollIntervalMs: g.timeouts?.maxPollIntervalMs ?? DEFAULTS.maxPollIntervalMs,
      maxPollRecords: g.timeouts?.maxPollRecords ?? DEFAULTS.maxPollRecords,
    },
    processing: {
      meanMs: g.processing?.meanMs ?? DEFAULTS.processingMeanMs,
      distribution: g.processing?.distribution ?? DEFAULTS.processingDistribution,
    },
    commit: g.commit ?? { mode: 'auto', intervalMs: DEFAULTS.autoCommitIntervalMs },
    downstream: { slowdown: g.downstream?.slowdown ?? 1, failureRate: g.downstream?.failureRate ?? 0 },
    dlq: { enabled: g.dlq?.enabled ?? false, recordTimeoutMs: g.dlq?.recordTimeoutMs ?? DEFAULTS.recordTimeoutMs },
    autoOffsetReset: g.autoOffsetReset ?? DEFAULTS.autoOffsetReset,
    rebalanceMs: g.rebalanceMs ?? DEFAULTS.rebalanceMs,
    startAtMs: g.startAtMs ?? 0,
    ...(g.driver === 'client' ? { driver: 'client' as const } : {}),
    ...(g.type === 'consumer' ? { type: 'consumer' as const, consumerGroup: resolveConsumerGroup(g.consumerGroup) } : {}),
    ...(g.type === 'share' ? { type: 'share' as const, shareGroup: resolveShareGroup(g.shareGroup) } : {}),
  };
}

/**
 * The assignors given once, and a `protocol` (kept for older configs) only when it is the one the
 * assignors give: Kafka has no protocol setting; it follows from partition.assignment.strategy (KIP-429).
 */
function strategyIssues(input: GroupConfig, g: ResolvedGroupConfig, path: string): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  if (input.assignor !== undefined && input.assignors !== undefined) issues.push({ path: `${path}.assignor`, message: 'give assignor or assignors (partition.assignment.strategy), not both' });
  if (input.protocol !== undefined && input.protocol !== g.protocol) {
    issues.push({
      path: `${path}.protocol`,
      message: `the rebalance protocol follows from the assignors (KIP-429): [${g.assignors.join(', ')}] runs ${g.protocol}${g.protocol === 'eager' ? '; only [cooperative-sticky] runs cooperative' : ''}`,
    });
  }
  return issues;
}

function driverIssues(g: ResolvedGroupConfig, path: string): ConfigIssue[] {
  if (g.driver === 'client' && g.consumers !== 0) return [{ path: `${path}.consumers`, message: 'a client-driven group starts with no members: its clients join it (consumers must be 0)' }];
  if (g.driver === 'client' && g.type) return [{ path: `${path}.type`, message: 'client-driven groups use the classic protocol (type must be classic)' }];
  const c = g.consumerGroup;
  if (c && c.heartbeatIntervalMs >= c.sessionTimeoutMs) {
    return [{ path: `${path}.consumerGroup.heartbeatIntervalMs`, message: `group.consumer.heartbeat.interval.ms (${c.heartbeatIntervalMs}) must be lower than group.consumer.session.timeout.ms (${c.sessionTimeoutMs})` }];
  }
  return [];
}

function timeoutIssues(t: { sessionTimeoutMs: number; heartbeatIntervalMs: number }, path: string): ConfigIssue[] {
  if (t.heartbeatIntervalMs >= t.sessionTimeoutMs) {
    return [{ path: `${path}.heartbeatIntervalMs`, message: `heartbeat.interval.ms (${t.heartbeatIntervalMs}) must be lower than session.timeout.ms (${t.sessionTimeoutMs})` }];
  }
  return [];
}

/** Validate a group config against known topics (for the group/add action and forms). */
export function validateGroupConfig(input: unknown, topics: string[], existingGroups: string[] = [], path = 'group'): { ok: true; group: ResolvedGroupConfig } | { ok: false; issues: ConfigIssue[] } {
  const parsed = groupConfigSchema.safeParse(input, NO_CODEGEN);
  if (!parsed.success) return { ok: false, issues: zodIssues(parsed.error).map((i) => ({ ...i, path: i.path ? `${path}.${i.path}` : path })) };
  const g = resolveGroup(parsed.data as GroupConfig);
  const issues: ConfigIssue[] = [];
  if (!topics.includes(g.topic)) issues.push({ path: `${path}.topic`, message: `unknown topic "${g.topic}"` });
  if (existingGroups.includes(g.id)) issues.push({ path: `${path}.id`, message: `duplicate group id "${g.id}"` });
  issues.push(...timeoutIssues(g.timeouts, `${path}.timeouts`));
  issues.push(...strategyIssues(parsed.data as GroupConfig, g, path));
  issues.push(...driverIssues(g, path));
  return issues.length ? { ok: false, issues } : { ok: true, group: g };
}

/** Validate a topic config for the topic/create action (existing names and the cluster size). */
export function validateTopicConfig(
  input: unknown,
  existing: string[],
  brokers: number,
  clusterMinIsr: number,
): { ok: true; topic: Required<TopicConfig> } | { ok: false; issues: ConfigIssue[] } {
  const parsed = topicConfigSchema.safeParse(input, NO_CODEGEN);
  if (!parsed.success) return { ok: false, issues: zodIssues(parsed.error).map((i) => ({ ...i, path: i.path ? `topic.${i.path}` : 'topic' })) };
  const t = parsed.data as TopicConfig;
  const issues: ConfigIssue[] = [];
  if (existing.includes(t.name)) issues.push({ path: 'topic.name', message: `topic "${t.name}" already exists` });
  const rf = t.replicationFactor ?? Math.min(3, brokers);
  if (rf > brokers) issues.push({ path: 'topic.replicationFactor', message: `replication factor ${rf} is larger than the number of brokers (${brokers})` });
  const minIsr = t.minInsyncReplicas ?? clusterMinIsr;
  if (minIsr > rf) issues.push({ path: 'topic.minInsyncReplicas', message: `min.insync.replicas (${minIsr}) is larger than the replication factor (${rf})` });
  if (issues.length) return { ok: false, issues };
  return {
    ok: true,
    topic: { name: t.name, partitions: t.partitions, replicationFactor: rf, retentionMs: t.retentionMs ?? DEFAULTS.retentionMs, retentionBytes: t.retentionBytes ?? DEFAULTS.retentionBytes, minInsyncReplicas: minIsr },
  };
}

/** Validate and fill defaults. Never throws. */
export function validateConfig(input: unknown): ValidationResult {
  const parsed = simConfigSchema.safeParse(input, NO_CODEGEN);
  if (!parsed.success) return { ok: false, issues: zodIssues(parsed.error) };
  const c = parsed.data as SimConfig;
  const issues: ConfigIssue[] = [];
  const brokers = c.brokers ?? DEFAULTS.brokers;
  const minIsr = c.minInsyncReplicas ?? DEFAULTS.minInsyncReplicas;
  const topicNames: string[] = [];
  const topics = c.topics.map((t, i) => {
    if (topicNames.includes(t.name)) issues.push({ path: `topics.${i}.name`, message: `duplicate topic name "${t.name}"` });
    topicNames.push(t.name);
    const rf = t.replicationFactor ?? Math.min(3, brokers);
    if (rf > brokers) issues.push({ path: `topics.${i}.replicationFactor`, message: `replication factor ${rf} is larger than the number of brokers (${brokers})` });
    const topicMinIsr = t.minInsyncReplicas ?? minIsr;
    if (topicMinIsr > rf) {
      issues.push({
        path: t.minInsyncReplicas !== undefined ? `topics.${i}.minInsyncReplicas` : 'minInsyncReplicas',
        message: `min.insync.replicas (${topicMinIsr}) is larger than the replication factor (${rf}) of topic "${t.name}": every acks=all write would fail`,
      });
    }
    return {
      name: t.name,
      partitions: t.partitions,
      replicationFactor: rf,
      retentionMs: t.retentionMs ?? DEFAULTS.retentionMs,
      retentionBytes: t.retentionBytes ?? DEFAULTS.retentionBytes,
      minInsyncReplicas: topicMinIsr,
    };
  });
  const producerIds: string[] = [];
  const producers = (c.producers ?? []).map((p, i) => {
    if (producerIds.includes(p.id)) issues.push({ path: `producers.${i}.id`, message: `duplicate producer id "${p.id}"` });
    producerIds.push(p.id);
    if (!topicNames.includes(p.topic)) issues.push({ path: `producers.${i}.topic`, message: `unknown topic "${p.topic}"` });
    return {
      id: p.id,
      topic: p.topic,
      ratePerSec: p.ratePerSec,
      keys: resolveKeys(p.keys),
      recordBytes: p.recordBytes ?? DEFAULTS.recordBytes,
      acks: p.acks ?? DEFAULTS.acks,
      batchSize: p.batchSize ?? DEFAULTS.batchSize,
      deliveryTimeoutMs: p.deliveryTimeoutMs ?? DEFAULTS.deliveryTimeoutMs,
      bufferMemory: p.bufferMemory ?? DEFAULTS.bufferMemory,
      maxBlockMs: p.maxBlockMs ?? DEFAULTS.maxBlockMs,
    };
  });
  const groupIds: string[] = [];
  const groups = (c.groups ?? []).map((g, i) => {
    if (groupIds.includes(g.id)) issues.push({ path: `groups.${i}.id`, message: `duplicate group id "${g.id}"` });
    groupIds.push(g.id);
    if (!topicNames.includes(g.topic)) issues.push({ path: `groups.${i}.topic`, message: `unknown topic "${g.topic}"` });
    const r = resolveGroup(g);
    issues.push(...timeoutIssues(r.timeouts, `groups.${i}.timeouts`));
    issues.push(...strategyIssues(g, r, `groups.${i}`));
    issues.push(...driverIssues(r, `groups.${i}`));
    return r;
  });
  if (issues.length) return { ok: false, issues };
  const config: ResolvedConfig = {
    brokers,
    minInsyncReplicas: minIsr,
    topics,
    producers,
    groups,
    metricsIntervalMs: c.metricsIntervalMs ?? DEFAULTS.metricsIntervalMs,
    metricsCapacity: c.metricsCapacity ?? DEFAULTS.metricsCapacity,
    recentRecords: c.recentRecords ?? DEFAULTS.recentRecords,
    replicaCatchUpMs: c.replicaCatchUpMs ?? DEFAULTS.replicaCatchUpMs,
    brokerSessionTimeoutMs: c.brokerSessionTimeoutMs ?? DEFAULTS.brokerSessionTimeoutMs,
    replicaLagTimeMaxMs: c.replicaLagTimeMaxMs ?? DEFAULTS.replicaLagTimeMaxMs,
    ...(c.payloadRecords !== undefined ? { payloadRecords: c.payloadRecords } : {}),
    ...(c.coordinator !== undefined ? { coordinator: { ...c.coordinator } } : {}),
    ...(c.recordActions !== undefined ? { recordActions: c.recordActions } : {}),
  };
  return { ok: true, config };
}

/** Validate and fill defaults; throws SimConfigError listing every issue. */
export function resolveConfig(input: unknown): ResolvedConfig {
  const r = validateConfig(input);
  if (!r.ok) throw new SimConfigError(r.issues);
  return r.config;
}

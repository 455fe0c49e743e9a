/**
 * Settings of KIP-932 share groups and their defaults, each with its source (Kafka's
 * ShareGroupConfig, GroupCoordinatorConfig and the group configs page).
 */
import { z } from 'zod';
import type { ShareGroupSettings } from '../../types.ts';

export const SHARE_GROUP_DEFAULTS: ShareGroupSettings = {
  // group.share.record.lock.duration.ms = 30000 (ShareGroupConfig.SHARE_GROUP_RECORD_LOCK_DURATION_MS_DEFAULT)
  recordLockDurationMs: 30_000,
  // group.share.delivery.count.limit = 5, valid 2..10 (ShareGroupConfig.SHARE_GROUP_DELIVERY_COUNT_LIMIT_DEFAULT)
  deliveryCountLimit: 5,
  // group.share.partition.max.record.locks = 2000, valid 100..10000 (ShareGroupConfig in Kafka 4.1+;
  // KIP-932 and Kafka 4.0 had 200)
  maxRecordLocks: 2_000,
  // share.auto.offset.reset = latest (Kafka's group configs; a share group's own setting: the
  // consumer's auto.offset.reset does not apply)
  autoOffsetReset: 'latest',
  // group.share.session.timeout.ms = 45000 and group.share.heartbeat.interval.ms = 5000
  // (GroupCoordinatorConfig.SHARE_GROUP_SESSION_TIMEOUT_MS_DEFAULT, SHARE_GROUP_HEARTBEAT_INTERVAL_MS_DEFAULT)
  sessionTimeoutMs: 45_000,
  heartbeatIntervalMs: 5_000,
  // the application's choice, not a Kafka config: a failed record is released for another try
  onFailure: 'release',
};

const int = (min: number, max: number, what: string) =>
  z
    .number({ error: 'must be a number' })
    .refine(Number.isFinite, 'must be a finite number (not NaN or Infinity)')
    .refine(Number.isInteger, 'must be a whole number')
    .refine((n) => n >= min && n <= max, `${what} must be between ${min} and ${max}`);

export const shareGroupSchema = z.strictObject({
  // ShareGroupConfig's ranges: lock duration 1000..3600000, delivery count limit 2..10, record locks 100..10000
  recordLockDurationMs: int(1_000, 3_600_000, 'group.share.record.lock.duration.ms').optional(),
  deliveryCountLimit: int(2, 10, 'group.share.delivery.count.limit').optional(),
  maxRecordLocks: int(100, 10_000, 'group.share.partition.max.record.locks').optional(),
  autoOffsetReset: z.enum(['earliest', 'latest'], { error: "share.auto.offset.reset must be 'earliest' or 'latest'" }).optional(),
  // Simplification: Kafka's brokers bound these (group.share.min/max.session.timeout.ms 45000/60000,
  // group.share.min/max.heartbeat.interval.ms 5000/15000 by default); the simulator accepts wider values
  // so that a scenario can compress time.
  sessionTimeoutMs: int(1, 3_600_000, 'group.share.session.timeout.ms').optional(),
  heartbeatIntervalMs: int(1, 3_600_000, 'group.share.heartbeat.interval.ms').optional(),
  onFailure: z.enum(['release', 'reject'], { error: "onFailure must be 'release' or 'reject'" }).optional(),
});

export function resolveShareGroup(s: Partial<ShareGroupSettings> | undefined): ShareGroupSettings {
  return { ...SHARE_GROUP_DEFAULTS, ...Object.fromEntries(Object.entries(s ?? {}).filter(([, v]) => v !== undefined)) };
}

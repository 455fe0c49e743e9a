/**
 * Settings of KIP-848 consumer groups (group.protocol=consumer) and their defaults, each with its
 * source. The session timeout and the heartbeat interval are broker settings in this protocol (the
 * coordinator hands the interval to members in every heartbeat response); `max.poll.interval.ms`
 * stays on the client (the group's `timeouts.maxPollIntervalMs`).
 */
import { z } from 'zod';
import type { ConsumerGroupSettings } from '../../types.ts';

export const CONSUMER_GROUP_DEFAULTS: ConsumerGroupSettings = {
  // group.consumer.assignors defaults to [uniform, range]; the first is used unless the client
  // sets group.remote.assignor (GroupCoordinatorConfig.CONSUMER_GROUP_ASSIGNORS_CONFIG; Kafka's
  // "Consumer Rebalance Protocol" operations page).
  assignor: 'uniform',
  // group.consumer.session.timeout.ms = 45000 (GroupCoordinatorConfig.CONSUMER_GROUP_SESSION_TIMEOUT_MS_DEFAULT)
  sessionTimeoutMs: 45_000,
  // group.consumer.heartbeat.interval.ms = 5000 (GroupCoordinatorConfig.CONSUMER_GROUP_HEARTBEAT_INTERVAL_MS_DEFAULT)
  heartbeatIntervalMs: 5_000,
  // group.instance.id has no default (dynamic members); static membership is opt-in
  staticMembership: false,
};

const int = (min: number, max: number, what: string) =>
  z
    .number({ error: 'must be a number' })
    .refine(Number.isFinite, 'must be a finite number (not NaN or Infinity)')
    .refine(Number.isInteger, 'must be a whole number')
    .refine((n) => n >= min && n <= max, `${what} must be between ${min} and ${max}`);

export const consumerGroupSchema = z.strictObject({
  assignor: z.enum(['uniform', 'range'], { error: "the server-side assignor must be 'uniform' or 'range' (group.consumer.assignors)" }).optional(),
  // Simplification: Kafka's brokers bound these (group.consumer.min/max.session.timeout.ms 45000/60000,
  // group.consumer.min/max.heartbeat.interval.ms 5000/15000 by default, GroupCoordinatorConfig); the
  // simulator accepts wider values so that a scenario can compress time.
  sessionTimeoutMs: int(1, 3_600_000, 'group.consumer.session.timeout.ms').optional(),
  heartbeatIntervalMs: int(1, 3_600_000, 'group.consumer.heartbeat.interval.ms').optional(),
  staticMembership: z.boolean({ error: 'must be true or false' }).optional(),
});

export function resolveConsumerGroup(s: Partial<ConsumerGroupSettings> | undefined): ConsumerGroupSettings {
  return { ...CONSUMER_GROUP_DEFAULTS, ...Object.fromEntries(Object.entries(s ?? {}).filter(([, v]) => v !== undefined)) };
}

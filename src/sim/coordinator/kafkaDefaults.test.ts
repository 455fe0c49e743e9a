import { describe, expect, it } from 'vitest';
import { CONSUMER_GROUP_DEFAULTS } from './consumer/config.ts';
import { SHARE_GROUP_DEFAULTS } from './share/config.ts';
import { validateConfig } from '../config.ts';

// Every KIP-848 / KIP-932 default the simulator uses, one test each, named after its source.
// Checked against Kafka's code and docs for issue #11:
// - GroupCoordinatorConfig and ShareGroupConfig in apache/kafka (group-coordinator module),
// - https://kafka.apache.org/42/operations/consumer-rebalance-protocol ("Consumer Rebalance Protocol"),
// - https://kafka.apache.org/42/configuration/group-configs (group-level overrides and share.auto.offset.reset),
// - KIP-848 and KIP-932.

const shareCfg = (shareGroup: Record<string, unknown>) => ({
  topics: [{ name: 'jobs', partitions: 1 }],
  producers: [],
  groups: [{ id: 'w', topic: 'jobs', consumers: 1, type: 'share', shareGroup }],
});

describe('KIP-848 consumer group defaults', () => {
  it('group.consumer.assignors = [uniform, range]: uniform is used unless the member asks (GroupCoordinatorConfig.CONSUMER_GROUP_ASSIGNORS_DEFAULT; "Consumer Rebalance Protocol")', () => {
    expect(CONSUMER_GROUP_DEFAULTS.assignor).toBe('uniform');
  });
  it('group.consumer.session.timeout.ms = 45000 (GroupCoordinatorConfig.CONSUMER_GROUP_SESSION_TIMEOUT_MS_DEFAULT)', () => {
    expect(CONSUMER_GROUP_DEFAULTS.sessionTimeoutMs).toBe(45_000);
  });
  it('group.consumer.heartbeat.interval.ms = 5000 (GroupCoordinatorConfig.CONSUMER_GROUP_HEARTBEAT_INTERVAL_MS_DEFAULT)', () => {
    expect(CONSUMER_GROUP_DEFAULTS.heartbeatIntervalMs).toBe(5_000);
  });
  it('group.instance.id has no default: members are dynamic unless configured (ConsumerConfig.GROUP_INSTANCE_ID_CONFIG)', () => {
    expect(CONSUMER_GROUP_DEFAULTS.staticMembership).toBe(false);
  });
});

describe('KIP-932 share group defaults', () => {
  it('group.share.record.lock.duration.ms = 30000, valid 1000..3600000 (ShareGroupConfig.SHARE_GROUP_RECORD_LOCK_DURATION_MS_DEFAULT)', () => {
    expect(SHARE_GROUP_DEFAULTS.recordLockDurationMs).toBe(30_000);
    expect(validateConfig(shareCfg({ recordLockDurationMs: 999 })).ok).toBe(false);
    expect(validateConfig(shareCfg({ recordLockDurationMs: 3_600_001 })).ok).toBe(false);
    expect(validateConfig(shareCfg({ recordLockDurationMs: 1_000 })).ok).toBe(true);
  });
  it('group.share.delivery.count.limit = 5, valid 2..10 (ShareGroupConfig.SHARE_GROUP_DELIVERY_COUNT_LIMIT_DEFAULT)', () => {
    expect(SHARE_GROUP_DEFAULTS.deliveryCountLimit).toBe(5);
    expect(validateConfig(shareCfg({ deliveryCountLimit: 1 })).ok).toBe(false);
    expect(validateConfig(shareCfg({ deliveryCountLimit: 10 })).ok).toBe(true);
  });
  it('group.share.partition.max.record.locks = 2000 since Kafka 4.1 (200 in 4.0), valid 100..10000 (ShareGroupConfig.SHARE_GROUP_PARTITION_MAX_RECORD_LOCKS_DEFAULT)', () => {
    expect(SHARE_GROUP_DEFAULTS.maxRecordLocks).toBe(2_000);
    expect(validateConfig(shareCfg({ maxRecordLocks: 10_001 })).ok).toBe(false);
  });
  it('share.auto.offset.reset = latest, a group config of its own (Kafka group configs, GroupConfig.SHARE_AUTO_OFFSET_RESET_DEFAULT)', () => {
    expect(SHARE_GROUP_DEFAULTS.autoOffsetReset).toBe('latest');
  });
  it('group.share.session.timeout.ms = 45000 (GroupCoordinatorConfig.SHARE_GROUP_SESSION_TIMEOUT_MS_DEFAULT)', () => {
    expect(SHARE_GROUP_DEFAULTS.sessionTimeoutMs).toBe(45_000);
  });
  it('group.share.heartbeat.interval.ms = 5000 (GroupCoordinatorConfig.SHARE_GROUP_HEARTBEAT_INTERVAL_MS_DEFAULT)', () => {
    expect(SHARE_GROUP_DEFAULTS.heartbeatIntervalMs).toBe(5_000);
  });
});

import { describe, expect, it } from 'vitest';
import { ERR } from '../../protocol/errors.ts';
import { sendErrorCode } from './produce.ts';

// Kafka's codes for the simulator's produce failures (org.apache.kafka.common.protocol.Errors):
// all three replication failures are retriable, so a real client retries them until delivery.timeout.ms.
describe('produce: the simulator failure as Kafka error code', () => {
  it('maps offline, not-yet-fenced and below-min.insync.replicas to their retriable Kafka errors', () => {
    expect(sendErrorCode('partition-offline')).toBe(ERR.NOT_LEADER_OR_FOLLOWER);
    expect(sendErrorCode('request-timed-out')).toBe(ERR.REQUEST_TIMED_OUT);
    expect(ERR.REQUEST_TIMED_OUT).toBe(7);
    expect(sendErrorCode('not-enough-replicas')).toBe(ERR.NOT_ENOUGH_REPLICAS);
    expect(sendErrorCode('no-such-failure')).toBe(ERR.UNKNOWN_SERVER_ERROR);
  });
});

import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseTopicPartition } from './index.ts';

describe('parseTopicPartition', () => {
  it('splits at the last dash', () => {
    expect(parseTopicPartition('orders-3')).toEqual({ topic: 'orders', partition: 3 });
    expect(parseTopicPartition('payments-eu-west-12')).toEqual({ topic: 'payments-eu-west', partition: 12 });
    expect(parseTopicPartition('t-1-0')).toEqual({ topic: 't-1', partition: 0 });
  });

  it('rejects strings without a partition number', () => {
    for (const bad of ['orders', 'orders-', '-3', 'orders-x', 'orders-1.5', '']) {
      expect(() => parseTopicPartition(bad)).toThrow();
    }
  });

  it('round-trips any topic name and partition', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1 }), fc.nat(100000), (topic, partition) => {
        expect(parseTopicPartition(`${topic}-${partition}`)).toEqual({ topic, partition });
      }),
    );
  });
});

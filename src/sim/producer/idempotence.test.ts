import { describe, expect, it } from 'vitest';
import { applyAction, BATCHES_TO_RETAIN, createSimulation, type SendRecord } from '../index.ts';

const recs = (n: number, partition = 0): SendRecord[] => Array.from({ length: n }, (_, i) => ({ key: null, value: `v${i}`, partition }));

describe('idempotent producer (KIP-98)', () => {
  it('keeps the last five batches per producer and partition, as Kafka (ProducerStateEntry.NUM_BATCHES_TO_RETAIN)', () => {
    expect(BATCHES_TO_RETAIN).toBe(5);
  });

  it('appends in-sequence batches, answers a retried batch with its first offsets without appending it again, refuses gaps and stale epochs', () => {
    const s = createSimulation({ brokers: 1, topics: [{ name: 't', partitions: 1 }] }, 1);
    const id = applyAction(s, { type: 'producer/init-id' }).producerId!;
    expect(id).toEqual({ producerId: 0, producerEpoch: 0 });
    const send = (baseSequence: number, n: number, epoch = 0) => applyAction(s, { type: 'producer/send', topic: 't', records: recs(n), producer: { producerId: 0, producerEpoch: epoch, baseSequence } }).sent!;
    expect(send(0, 3).map((r) => ('offset' in r ? r.offset : r.error))).toEqual([0, 1, 2]);
    expect(send(3, 2).map((r) => ('offset' in r ? r.offset : r.error))).toEqual([3, 4]);
    // the retry of the first batch: same offsets, nothing appended
    expect(send(0, 3)).toEqual([0, 1, 2].map((offset) => ({ partition: 0, offset, duplicate: true })));
    expect(s.topics[0]!.partitions[0]!.logEnd).toBe(5);
    expect(send(7, 1)[0]).toEqual({ partition: 0, error: 'out-of-order-sequence' });
    const bumped = applyAction(s, { type: 'producer/init-id', producerId: 0, producerEpoch: 0 }).producerId;
    expect(bumped).toEqual({ producerId: 0, producerEpoch: 1 });
    expect(send(5, 1, 0)[0]).toEqual({ partition: 0, error: 'invalid-producer-epoch' });
    expect(send(0, 1, 1)[0]).toMatchObject({ offset: 5 });
    expect(applyAction(s, { type: 'producer/send', topic: 't', records: recs(1), producer: { producerId: 99, producerEpoch: 0, baseSequence: 0 } }).sent![0]).toEqual({ partition: 0, error: 'unknown-producer-id' });
  });
});

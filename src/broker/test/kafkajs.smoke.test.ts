import { afterEach, describe, expect, it } from 'vitest';
import type { TcpCluster } from '../node/tcp.ts';
import { kafkaFor, Partitioners, startCluster, until } from './harness.ts';

let cluster: TcpCluster | null = null;
afterEach(async () => {
  await cluster?.close();
  cluster = null;
});

describe('KafkaJS against the TCP broker (smoke)', () => {
  it('creates a topic, produces and consumes in a group', async () => {
    cluster = await startCluster({ brokers: 3 });
    const kafka = kafkaFor(cluster);
    const admin = kafka.admin();
    await admin.connect();
    await admin.createTopics({ topics: [{ topic: 'orders', numPartitions: 3, replicationFactor: 3 }] });
    await admin.disconnect();
    const producer = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner });
    await producer.connect();
    await producer.send({ topic: 'orders', messages: [{ key: 'a', value: '1', headers: { h: 'x' } }, { key: 'b', value: '2' }, { value: '3' }] });
    const consumer = kafka.consumer({ groupId: 'billing' });
    await consumer.connect();
    await consumer.subscribe({ topic: 'orders', fromBeginning: true });
    const got: string[] = [];
    await consumer.run({ eachMessage: async ({ message }) => void got.push(`${message.key?.toString() ?? '-'}=${message.value?.toString()}:${message.headers?.h?.toString() ?? ''}`) });
    await until(() => got.length === 3, 20_000, 'three records');
    expect(got.sort()).toEqual(['-=3:', 'a=1:x', 'b=2:']);
    await consumer.disconnect();
    await producer.disconnect();
  }, 40_000);
});

import { afterEach, describe, expect, it } from 'vitest';
import { Kafka, logLevel, Partitioners, type ISocketFactory } from 'kafkajs';
import { KafkaCluster } from '../core/cluster.ts';
import { memorySocketFactory } from './socket.ts';

let cluster: KafkaCluster | null = null;
afterEach(() => {
  cluster?.close();
  cluster = null;
});

describe('in-memory transport (KafkaJS socketFactory)', () => {
  it('runs KafkaJS unchanged over the in-memory duplex: admin, producer, consumer group', async () => {
    cluster = new KafkaCluster({ brokers: 3, config: { groupInitialRebalanceDelayMs: 0 } });
    const kafka = new Kafka({ clientId: 'mem', brokers: ['broker-0:9092'], // KafkaJS's types ask for a full net.Socket; it uses only what MemorySocket has
      socketFactory: memorySocketFactory(cluster) as unknown as ISocketFactory, logLevel: logLevel.NOTHING });
    const admin = kafka.admin();
    await admin.connect();
    await admin.createTopics({ topics: [{ topic: 'mem', numPartitions: 2, replicationFactor: 3 }] });
    await admin.disconnect();
    const producer = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner });
    await producer.connect();
    await producer.send({ topic: 'mem', messages: [{ key: 'a', value: '1' }, { key: 'b', value: '2' }, { key: 'c', value: '3' }] });
    await producer.disconnect();
    const consumer = kafka.consumer({ groupId: 'mem-group' });
    await consumer.connect();
    await consumer.subscribe({ topic: 'mem', fromBeginning: true });
    const got: string[] = [];
    await consumer.run({ eachMessage: async ({ message }) => void got.push(message.value!.toString()) });
    const end = Date.now() + 15_000;
    while (got.length < 3 && Date.now() < end) await new Promise((r) => setTimeout(r, 20));
    await consumer.disconnect();
    expect(got.sort()).toEqual(['1', '2', '3']);
    // closing is asynchronous, like a socket's
    await new Promise((r) => setTimeout(r, 50));
    expect(cluster.connectionCount).toBe(0);
  }, 30_000);

  it('refuses a connection to an unknown address or a stopped broker with ECONNREFUSED', async () => {
    cluster = new KafkaCluster({ brokers: 2 });
    cluster.stopBroker(1);
    const factory = memorySocketFactory(cluster);
    for (const [host, port] of [
      ['nowhere', 9092],
      ['broker-1', 9092],
    ] as const) {
      const s = factory({ host, port, onConnect: () => {} });
      const err = await new Promise<Error & { code?: string }>((resolve) => s.on('error', resolve));
      expect(err.code).toBe('ECONNREFUSED');
    }
  });
});

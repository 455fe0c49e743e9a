/**
 * KafkaJS 2.2.4, unchanged, against the TCP broker on ephemeral ports: its producers, consumers
 * (its own assignors), admin client, and a broker stopped in the middle of a run.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CompressionTypes, type EachBatchPayload, type Kafka } from 'kafkajs';
import { partitionForKey } from '../../sim/index.ts';
import type { TcpCluster } from '../node/tcp.ts';
import { kafkaFor, Partitioners, startCluster, until } from './harness.ts';

let cluster: TcpCluster;
let kafka: Kafka;

beforeAll(async () => {
  // a stopped broker is fenced (and its partitions' leaders move) after broker.session.timeout.ms;
  // shortened from Kafka's 9000 ms so that the failover test fits KafkaJS's retry budget
  cluster = await startCluster({ brokers: 3, config: { brokerSessionTimeoutMs: 1_500 } });
  kafka = kafkaFor(cluster);
  const admin = kafka.admin();
  await admin.connect();
  await admin.createTopics({
    topics: [
      { topic: 'keyed', numPartitions: 6, replicationFactor: 3 },
      { topic: 'groups', numPartitions: 4, replicationFactor: 2 },
      { topic: 'control', numPartitions: 2, replicationFactor: 1 },
    ],
  });
  await admin.disconnect();
});

afterAll(async () => {
  await cluster.close();
});

async function produceAll(topic: string, messages: { key?: string; value: string; headers?: Record<string, string> }[], idempotent = false, gzip = false) {
  const producer = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner, idempotent, ...(idempotent ? { maxInFlightRequests: 1 } : {}) });
  await producer.connect();
  const meta = await producer.send({ topic, acks: -1, messages, ...(gzip ? { compression: CompressionTypes.GZIP } : {}) });
  await producer.disconnect();
  return meta;
}

describe('KafkaJS producer', () => {
  it('puts keyed records where murmur2 puts them, spreads unkeyed (gzip) ones, keeps headers and timestamps', async () => {
    const keys = Array.from({ length: 30 }, (_, i) => `user-${i}`);
    const before = Date.now();
    await produceAll(
      'keyed',
      keys.map((k) => ({ key: k, value: `v-${k}`, headers: { source: 'test', k } })),
      true,
    );
    // unkeyed, gzip-compressed
    await produceAll('keyed', Array.from({ length: 12 }, (_, i) => ({ value: `nokey-${i}` })), false, true);
    const consumer = kafka.consumer({ groupId: 'keyed-reader' });
    await consumer.connect();
    await consumer.subscribe({ topic: 'keyed', fromBeginning: true });
    const seen: { key: string | null; partition: number; header: string | undefined; ts: number }[] = [];
    await consumer.run({
      eachMessage: async ({ partition, message }) => {
        seen.push({ key: message.key?.toString() ?? null, partition, header: message.headers?.source?.toString(), ts: Number(message.timestamp) });
      },
    });
    await until(() => seen.length === 42, 20_000, '42 records');
    await consumer.disconnect();
    for (const s of seen.filter((x) => x.key !== null)) {
      expect(s.partition).toBe(partitionForKey(s.key!, 6));
      expect(s.header).toBe('test');
    }
    // timestamps are the producer's epoch ms, not simulated time
    for (const s of seen) expect(s.ts).toBeGreaterThanOrEqual(before - 1000);
    const unkeyed = new Set(seen.filter((x) => x.key === null).map((x) => x.partition));
    expect(unkeyed.size).toBeGreaterThan(1);
  }, 40_000);
});

describe('KafkaJS consumer groups', () => {
  it('two groups read everything independently; a group of two splits the partitions', async () => {
    await produceAll('groups', Array.from({ length: 40 }, (_, i) => ({ key: `k${i}`, value: String(i) })));
    const read = async (groupId: string, members: number) => {
      const got = new Map<string, Set<number>>();
      const consumers = Array.from({ length: members }, () => kafka.consumer({ groupId, heartbeatInterval: 500, sessionTimeout: 10_000 }));
      let count = 0;
      await Promise.all(
        consumers.map(async (c, i) => {
          await c.connect();
          await c.subscribe({ topic: 'groups', fromBeginning: true });
          await c.run({
            eachMessage: async ({ partition }) => {
              count++;
              const s = got.get(`m${i}`) ?? new Set<number>();
              s.add(partition);
              got.set(`m${i}`, s);
            },
          });
        }),
      );
      // wait until every member owns partitions (a rebalance may run while members join)
      await until(async () => {
        const d = await describeGroup(groupId);
        return d.members.length === members && d.members.every((m) => m.memberAssignment.length > 0) && count >= 40;
      }, 30_000, `group ${groupId}`);
      const d = await describeGroup(groupId);
      await Promise.all(consumers.map((c) => c.disconnect()));
      return { got, d, count };
    };
    const [one, two] = await Promise.all([read('solo', 1), read('pair', 2)]);
    expect(one.count).toBeGreaterThanOrEqual(40);
    expect(two.count).toBeGreaterThanOrEqual(40);
    expect(two.d.state).toBe('Stable');
    expect(two.d.protocol).toBe('RoundRobinAssigner');
  }, 60_000);

  it('commits, pauses and resumes, seeks, and reads with eachBatch', async () => {
    await produceAll('control', Array.from({ length: 20 }, (_, i) => ({ key: `c${i}`, value: String(i) })));
    const consumer = kafka.consumer({ groupId: 'control-group' });
    await consumer.connect();
    await consumer.subscribe({ topic: 'control', fromBeginning: true });
    const values: number[] = [];
    let paused = false;
    await consumer.run({
      autoCommit: false,
      eachBatch: async ({ batch, resolveOffset, heartbeat, commitOffsetsIfNecessary }: EachBatchPayload) => {
        for (const m of batch.messages) {
          values.push(Number(m.value!.toString()));
          resolveOffset(m.offset);
        }
        await consumer.commitOffsets([{ topic: batch.topic, partition: batch.partition, offset: String(Number(batch.lastOffset()) + 1) }]);
        await heartbeat();
        await commitOffsetsIfNecessary();
        if (!paused) {
          paused = true;
          consumer.pause([{ topic: 'control', partitions: [batch.partition] }]);
          setTimeout(() => consumer.resume([{ topic: 'control', partitions: [batch.partition] }]), 300);
        }
      },
    });
    await until(() => values.length >= 20, 20_000, 'all 20 records');
    const admin = kafka.admin();
    await admin.connect();
    const committed = await admin.fetchOffsets({ groupId: 'control-group', topics: ['control'] });
    const total = committed[0]!.partitions.reduce((n, p) => n + Number(p.offset), 0);
    expect(total).toBe(20);
    // seek partition 0 back to its start: its records come again
    const p0 = (await admin.fetchTopicOffsets('control')).find((p) => p.partition === 0)!;
    const before = values.length;
    consumer.seek({ topic: 'control', partition: 0, offset: '0' });
    await until(() => values.length >= before + Number(p0.high), 20_000, 'records again after seek');
    await consumer.disconnect();
    await admin.disconnect();
  }, 40_000);
});

async function describeGroup(groupId: string) {
  const admin = kafka.admin();
  await admin.connect();
  const r = await admin.describeGroups([groupId]);
  await admin.disconnect();
  return r.groups[0]!;
}

describe('KafkaJS admin', () => {
  it('creates, lists, describes, grows and deletes topics; lists and describes groups; reads configs and offsets by time', async () => {
    const admin = kafka.admin();
    await admin.connect();
    expect(await admin.createTopics({ topics: [{ topic: 'adm', numPartitions: 2, replicationFactor: 1 }] })).toBe(true);
    expect(await admin.createTopics({ topics: [{ topic: 'adm', numPartitions: 2, replicationFactor: 1 }] })).toBe(false);
    expect(await admin.listTopics()).toContain('adm');
    await admin.createPartitions({ topicPartitions: [{ topic: 'adm', count: 4 }] });
    const meta = await admin.fetchTopicMetadata({ topics: ['adm'] });
    expect(meta.topics[0]!.partitions.length).toBe(4);
    const cfg = await admin.describeConfigs({ includeSynonyms: false, resources: [{ type: 2, name: 'adm' }] });
    expect(cfg.resources[0]!.configEntries.find((e) => e.configName === 'retention.ms')?.configValue).toBe('604800000');
    const start = Date.now();
    const producer = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner });
    await producer.connect();
    await producer.send({ topic: 'adm', messages: [{ value: 'a', partition: 0, timestamp: String(start) }, { value: 'b', partition: 0, timestamp: String(start + 10_000) }] });
    await producer.disconnect();
    const byTime = await admin.fetchTopicOffsetsByTimestamp('adm', start + 5_000);
    expect(byTime.find((p) => p.partition === 0)!.offset).toBe('1');
    const groups = await admin.listGroups();
    expect(groups.groups.map((g) => g.groupId)).toEqual(expect.arrayContaining(['keyed-reader']));
    await admin.deleteTopics({ topics: ['adm'] });
    expect(await admin.listTopics()).not.toContain('adm');
    await expect(admin.deleteGroups(['keyed-reader'])).resolves.toBeDefined();
    await admin.disconnect();
  }, 30_000);
});

describe('KafkaJS and a broker that stops', () => {
  it('keeps producing and consuming through leader failover', async () => {
    const admin = kafka.admin();
    await admin.connect();
    await admin.createTopics({ topics: [{ topic: 'failover', numPartitions: 3, replicationFactor: 3 }] });
    await admin.disconnect();
    const producer = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner, retry: { retries: 20, initialRetryTime: 50, maxRetryTime: 500 } });
    await producer.connect();
    const consumer = kafka.consumer({ groupId: 'failover-reader', heartbeatInterval: 300, sessionTimeout: 10_000 });
    await consumer.connect();
    await consumer.subscribe({ topic: 'failover', fromBeginning: true });
    const seen = new Set<string>();
    await consumer.run({ eachMessage: async ({ message }) => void seen.add(message.value!.toString()) });
    let sent = 0;
    const sendSome = async (n: number) => {
      for (let i = 0; i < n; i++) {
        await producer.send({ topic: 'failover', acks: -1, messages: [{ key: `k${sent}`, value: `m${sent}` }] });
        sent++;
      }
    };
    await sendSome(30);
    await until(() => seen.size === 30, 20_000, 'first 30');
    // stop the broker leading partition 0: its listener closes; leadership moves once the controller fences it
    const leader = cluster.cluster.sim.topics.find((t) => t.name === 'failover')!.partitions[0]!.leader;
    cluster.cluster.stopBroker(leader);
    await sendSome(30);
    await until(() => seen.size === 60, 30_000, 'all 60 after failover');
    const now = cluster.cluster.sim.topics.find((t) => t.name === 'failover')!.partitions[0]!.leader;
    expect(now).not.toBe(leader);
    cluster.cluster.startBroker(leader);
    await consumer.disconnect();
    await producer.disconnect();
  }, 60_000);
});

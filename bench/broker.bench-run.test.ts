// Broker benchmark (npm run bench): KafkaJS 2.2.4 through the TCP broker on 127.0.0.1 (ephemeral
// ports, 3 brokers). Prints records produced and consumed per second and the p50/p99 latency of
// Produce and Fetch requests as KafkaJS measures them (its REQUEST instrumentation events: from
// writing the request to reading the response). Asserts only that every record arrived.
import { expect, it } from 'vitest';
import { Kafka, logLevel, Partitioners } from 'kafkajs';
import { TcpCluster } from '../src/broker/node/tcp.ts';

const RECORDS = 20_000;
const BATCH = 100;
const PARTITIONS = 6;

function pct(sorted: number[], p: number): number {
  if (!sorted.length) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((sorted.length - 1) * p))]!;
}

it('broker: KafkaJS produce and consume throughput, request latency', async () => {
  const t = await TcpCluster.start({ brokers: 3, port: 0, config: { groupInitialRebalanceDelayMs: 0 } });
  const kafka = new Kafka({ clientId: 'bench', brokers: t.addresses, logLevel: logLevel.NOTHING });
  const admin = kafka.admin();
  await admin.connect();
  await admin.createTopics({ topics: [{ topic: 'bench', numPartitions: PARTITIONS, replicationFactor: 3 }] });
  await admin.disconnect();

  const latency: Record<string, number[]> = { Produce: [], Fetch: [] };
  const producer = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner });
  producer.on(producer.events.REQUEST, (e: { payload: { apiName: string; duration: number } }) => latency[e.payload.apiName]?.push(e.payload.duration));
  await producer.connect();
  const value = 'x'.repeat(100);
  const p0 = performance.now();
  for (let i = 0; i < RECORDS; i += BATCH) {
    await producer.send({ topic: 'bench', acks: -1, messages: Array.from({ length: BATCH }, (_, j) => ({ key: `k${i + j}`, value })) });
  }
  const produceSecs = (performance.now() - p0) / 1000;
  await producer.disconnect();

  const consumer = kafka.consumer({ groupId: 'bench-readers', maxWaitTimeInMs: 100 });
  consumer.on(consumer.events.REQUEST, (e: { payload: { apiName: string; duration: number } }) => latency[e.payload.apiName]?.push(e.payload.duration));
  await consumer.connect();
  await consumer.subscribe({ topic: 'bench', fromBeginning: true });
  let got = 0;
  let c0 = 0;
  const done = new Promise<void>((resolve) => {
    void consumer.run({
      eachBatch: async ({ batch }) => {
        if (!c0) c0 = performance.now();
        got += batch.messages.length;
        if (got >= RECORDS) resolve();
      },
    });
  });
  await done;
  const consumeSecs = (performance.now() - c0) / 1000;
  await consumer.disconnect();
  await t.close();
  expect(got).toBeGreaterThanOrEqual(RECORDS);
  const fmt = (n: number) => n.toLocaleString('en', { maximumFractionDigits: 0 });
  const lines = [
    `broker (KafkaJS over TCP, 3 brokers, ${PARTITIONS} partitions, ${RECORDS.toLocaleString('en')} records of 100 bytes, sends of ${BATCH}, acks=all):`,
    `  produced ${fmt(RECORDS / produceSecs)} records/s, consumed ${fmt(RECORDS / consumeSecs)} records/s (from the first batch on)`,
  ];
  for (const api of ['Produce', 'Fetch']) {
    const d = latency[api]!.sort((a, b) => a - b);
    lines.push(`  ${api} request latency: p50 ${pct(d, 0.5).toFixed(1)} ms, p99 ${pct(d, 0.99).toFixed(1)} ms (${d.length} requests)`);
  }
  console.log(lines.join('\n'));
}, 300_000);

import { afterEach, describe, expect, it } from 'vitest';
import { Kafka, KafkaJSConnectionError, logLevel, Partitioners, type ISocketFactory } from 'kafkajs';
import { snapshotView } from '../../sim/index.ts';
import { KafkaCluster } from '../core/cluster.ts';
import { servePort, type PortServer } from './server.ts';
import { PortLink, portSocketFactory } from './socket.ts';
import type { PortEnd } from './protocol.ts';

// The MessagePort transport: KafkaJS in one end of a MessageChannel, the broker core at the other.
// Every byte crosses the channel as a transferred ArrayBuffer (structured clone), as it crosses
// from the lab's sandboxed worker to the page.

let cluster: KafkaCluster | null = null;
let server: PortServer | null = null;
const channels: MessageChannel[] = [];
afterEach(() => {
  server?.close();
  cluster?.close();
  for (const c of channels.splice(0)) {
    c.port1.close();
    c.port2.close();
  }
  server = null;
  cluster = null;
});

function setUp(options: { brokers?: number; refused?: string[]; maxConnections?: number; socketRequestMaxBytes?: number } = {}) {
  cluster = new KafkaCluster({ brokers: options.brokers ?? 1, config: { groupInitialRebalanceDelayMs: 0, ...(options.socketRequestMaxBytes ? { socketRequestMaxBytes: options.socketRequestMaxBytes } : {}) } });
  const channel = new MessageChannel();
  channels.push(channel);
  server = servePort(cluster, channel.port1 as unknown as PortEnd, { onRefused: (r) => options.refused?.push(r), maxConnections: options.maxConnections });
  return { cluster, server, clientPort: channel.port2 as unknown as PortEnd };
}

const kafkaOver = (port: PortEnd, extra: object = {}) =>
  // KafkaJS's types ask for a whole net.Socket; at run time it uses only what PortSocket has.
  new Kafka({ clientId: 'port-test', brokers: ['broker-0:9092'], socketFactory: portSocketFactory(port) as unknown as ISocketFactory, logLevel: logLevel.NOTHING, retry: { retries: 3, initialRetryTime: 50, maxRetryTime: 200 }, ...extra });

async function until(check: () => boolean, what: string, timeoutMs = 15_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('MessagePort transport (KafkaJS socketFactory across a realm boundary)', () => {
  it('runs KafkaJS unchanged: admin, keyed, keyless and headed records, a consumer group; every byte crosses the port', async () => {
    const { cluster, server, clientPort } = setUp({ brokers: 3 });
    const kafka = kafkaOver(clientPort);
    const admin = kafka.admin();
    await admin.connect();
    await admin.createTopics({ topics: [{ topic: 'orders', numPartitions: 3, replicationFactor: 3 }] });
    expect(await admin.listTopics()).toContain('orders');
    await admin.disconnect();

    const producer = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner });
    await producer.connect();
    await producer.send({
      topic: 'orders',
      messages: [
        { key: 'u-1', value: 'a', headers: { source: 'web' } },
        { key: 'u-2', value: 'b' },
        { value: 'c' },
        { value: 'd' },
      ],
    });
    await producer.disconnect();

    const consumer = kafka.consumer({ groupId: 'billing' });
    await consumer.connect();
    await consumer.subscribe({ topics: ['orders'], fromBeginning: true });
    const got: { value: string; header: string | null; timestamp: number }[] = [];
    await consumer.run({
      eachMessage: async ({ message }) => {
        got.push({ value: message.value!.toString(), header: message.headers?.source?.toString() ?? null, timestamp: Number(message.timestamp) });
      },
    });
    await until(() => got.length === 4, 'four records');
    await consumer.disconnect();

    expect(got.map((g) => g.value).sort()).toEqual(['a', 'b', 'c', 'd']);
    expect(got.find((g) => g.value === 'a')!.header).toBe('web');
    // message.timestamp is epoch milliseconds, as against Kafka
    for (const g of got) expect(Math.abs(g.timestamp - Date.now())).toBeLessThan(60_000);
    // The records are in the simulator, the single source of truth.
    const simTopic = snapshotView(cluster.sim).topics.find((t) => t.name === 'orders')!;
    expect(simTopic.partitions.reduce((n, p) => n + p.logEndOffset, 0)).toBe(4);
    expect(server.bytesIn).toBeGreaterThan(0);
    expect(server.bytesOut).toBeGreaterThan(0);
    await until(() => server.connections === 0 && cluster.connectionCount === 0, 'every connection to close');
  }, 40_000);

  it('transfers the bytes it writes (the sender keeps no copy) and refuses an unknown address with ECONNREFUSED', async () => {
    const { clientPort } = setUp();
    const link = new PortLink(clientPort);
    const s = link.open('broker-0', 9092);
    await new Promise((r) => s.once('connect', r));
    const sent: { bytes?: ArrayBuffer } = {};
    const realPost = clientPort.postMessage.bind(clientPort);
    clientPort.postMessage = (m: unknown, transfer?: Transferable[]) => {
      sent.bytes = (m as { bytes?: ArrayBuffer }).bytes;
      realPost(m, transfer);
    };
    s.write(new Uint8Array([0, 0, 0, 0]));
    expect(sent.bytes?.byteLength).toBe(0); // detached: it moved to the other realm
    s.end();

    // A second port to the same cluster, as a second sandbox would have.
    const second = new MessageChannel();
    channels.push(second);
    const secondServer = servePort(cluster!, second.port1 as unknown as PortEnd);
    const kafka = kafkaOver(second.port2 as unknown as PortEnd, { brokers: ['localhost:9092'], retry: { retries: 0 } });
    const admin = kafka.admin();
    const err = await admin.connect().then(() => null, (e: unknown) => e as Error);
    // KafkaJS's own error for a refused connection, as for a closed TCP port (wrapped by its retrier or not).
    const cause = (err as { cause?: unknown } | null)?.cause ?? err;
    expect(cause).toBeInstanceOf(KafkaJSConnectionError);
    expect(String((cause as Error).message)).toMatch(/ECONNREFUSED/);
    secondServer.close();
  }, 30_000);

  it('refuses malformed messages from the client end, says why, and keeps serving', async () => {
    const refused: string[] = [];
    const { server, clientPort } = setUp({ refused, maxConnections: 2, socketRequestMaxBytes: 1024 });
    const bad: unknown[] = [
      null,
      'open',
      [1, 2],
      { t: 'open', conn: 0, host: 'broker-0', port: 9092 },
      { t: 'open', conn: 1.5, host: 'broker-0', port: 9092 },
      { t: 'open', conn: 1, host: '', port: 9092 },
      { t: 'open', conn: 1, host: 'broker-0', port: 70_000 },
      { t: 'data', conn: 1, bytes: 'not bytes' },
      { t: 'data', conn: 1, bytes: new Uint8Array(4) },
      { t: 'data', conn: 1, bytes: new ArrayBuffer(1025) },
      { t: 'eval', conn: 1 },
    ];
    for (const m of bad) clientPort.postMessage(m);
    await until(() => refused.length === bad.length, 'every bad message to be refused');
    expect(refused).toContain('the client end sent a message that is not an object');
    expect(refused).toContain('the client end sent data that is not an ArrayBuffer');
    expect(refused).toContain('the client end sent a data chunk of 1025 bytes (at most 1024)');
    expect(server.connections).toBe(0);

    // A reused connection number and one connection too many are refused too.
    const replies: unknown[] = [];
    clientPort.addEventListener('message', (e: MessageEvent) => replies.push(e.data));
    clientPort.start();
    for (const conn of [7, 7, 8, 9]) clientPort.postMessage({ t: 'open', conn, host: 'broker-0', port: 9092 });
    await until(() => replies.length === 3, 'three answers');
    expect(replies).toEqual([{ t: 'opened', conn: 7 }, { t: 'opened', conn: 8 }, { t: 'refused', conn: 9, message: 'too many connections (at most 2)' }]);
    expect(refused.slice(bad.length)).toEqual(['the client end opened connection 7 twice', 'the client end opened more than 2 connections at once']);
    expect(server.connections).toBe(2);

    // And a real client still works beside them.
    const kafka = kafkaOver(clientPort);
    clientPort.postMessage({ t: 'end', conn: 7 });
    clientPort.postMessage({ t: 'end', conn: 8 });
    await until(() => server.connections === 0, 'connections 7 and 8 to close');
    const admin = kafka.admin();
    await admin.connect();
    await admin.createTopics({ topics: [{ topic: 'after', numPartitions: 1 }] });
    expect(await admin.listTopics()).toContain('after');
    await admin.disconnect();
  }, 30_000);

  it('names the client of each connection, refuses a client number that is not a positive integer, and drops a client as a dying process', async () => {
    const refused: string[] = [];
    const { server, clientPort } = setUp({ refused });
    clientPort.postMessage({ t: 'open', conn: 1, host: 'broker-0', port: 9092, client: 0 });
    await until(() => refused.length === 1, 'the bad client number to be refused');
    expect(refused).toEqual(['the client end sent an open with a client that is not a positive integer']);

    const link = new PortLink(clientPort);
    const one = new Kafka({ clientId: 'same', brokers: ['broker-0:9092'], socketFactory: portSocketFactory(link, 1) as unknown as ISocketFactory, logLevel: logLevel.NOTHING, retry: { retries: 0 } });
    const two = new Kafka({ clientId: 'same', brokers: ['broker-0:9092'], socketFactory: portSocketFactory(link, 2) as unknown as ISocketFactory, logLevel: logLevel.NOTHING, retry: { retries: 0 } });
    const a = one.admin();
    const b = two.admin();
    await a.connect();
    await b.connect();
    await a.listTopics();
    await b.listTopics();
    const names = ['port:1', 'port:2', 'port:3', 'port:4', 'port:5'].map((r) => server.clientOf(r));
    expect(names.filter((c) => c === 1).length).toBeGreaterThan(0);
    expect(names.filter((c) => c === 2).length).toBeGreaterThan(0);
    expect(server.clientOf('elsewhere:1')).toBeNull();

    const open = server.connections;
    const dropped = server.dropClient(1);
    expect(dropped).toBeGreaterThan(0);
    await until(() => server.connections === open - dropped, "client 1's connections to close");
    // its process is gone: a new connection of client 1 is refused, client 2 goes on
    await expect(one.admin().connect()).rejects.toThrow(/ECONNREFUSED broker-0:9092/);
    expect(await b.listTopics()).toEqual([]);
    await b.disconnect();
  }, 30_000);
});

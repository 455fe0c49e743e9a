import { expect, test } from '@playwright/test';
import { Kafka, logLevel, Partitioners, type Consumer, type Producer } from 'kafkajs';
import { startLiveServer, type LiveServer } from '../src/broker/node/live.ts';
import { TcpCluster } from '../src/broker/node/tcp.ts';
import { expectNoAxeViolations, shot } from './fixtures';

// The live view of `npm run broker`: a TCP cluster on ephemeral ports and its live server (which
// serves the built module from dist/, as the webServer built it), with KafkaJS producing and a
// consumer group reading, as an instructor would run it.
test.describe('live view (#/live)', () => {
  let cluster: TcpCluster;
  let live: LiveServer;
  let producer: Producer;
  let consumer: Consumer;
  let timer: ReturnType<typeof setInterval> | undefined;

  test.beforeAll(async () => {
    cluster = await TcpCluster.start({ brokers: 3, port: 0, config: { groupInitialRebalanceDelayMs: 0 } });
    live = await startLiveServer(cluster.cluster, { host: '127.0.0.1', port: 0, root: 'dist' });
    const kafka = new Kafka({ clientId: 'e2e-live', brokers: cluster.addresses, logLevel: logLevel.NOTHING });
    const admin = kafka.admin();
    await admin.connect();
    await admin.createTopics({ topics: [{ topic: 'orders', numPartitions: 4, replicationFactor: 3 }, { topic: 'payments', numPartitions: 2, replicationFactor: 2 }] });
    await admin.disconnect();
    producer = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner });
    await producer.connect();
    let n = 0;
    const send = async () => {
      const batch = Array.from({ length: 5 }, () => ({ key: `user-${n++ % 12}`, value: `order ${n}` }));
      await producer.send({ topic: 'orders', messages: batch }).catch(() => {});
      await producer.send({ topic: 'payments', messages: [{ key: `user-${n % 12}`, value: 'paid' }] }).catch(() => {});
    };
    await send();
    timer = setInterval(() => void send(), 200);
    consumer = kafka.consumer({ groupId: 'billing', heartbeatInterval: 500 });
    await consumer.connect();
    await consumer.subscribe({ topic: 'orders', fromBeginning: true });
    await consumer.run({ eachMessage: async () => {} });
  });

  test.afterAll(async () => {
    if (timer) clearInterval(timer);
    await consumer?.disconnect().catch(() => {});
    await producer?.disconnect().catch(() => {});
    await live?.close();
    await cluster?.close();
  });

  test('draws every topic, lists brokers and committed offsets, stops a broker, and passes axe', async ({ page }) => {
    test.setTimeout(180_000);
    await page.goto(`http://127.0.0.1:${live.port}/#/live`);
    await expect(page.getByRole('status')).toContainText('Connected to cluster streamlab-sim');
    await expect(page.locator('[data-live-topic]')).toHaveCount(2);
    const group = page.locator('[data-live-group="billing"]');
    await expect(group).toContainText('Stable', { timeout: 20_000 });
    await expect(group.locator('tbody tr')).toHaveCount(4, { timeout: 20_000 });
    await shot(page, 'live-1280');
    await page.getByRole('button', { name: 'Stop broker 1' }).click();
    await expect(page.locator('[data-broker="1"]')).toContainText('stopped');
    await page.getByLabel('Show').selectOption('orders');
    await expect(page.locator('[data-live-topic]')).toHaveCount(1);
    await page.getByRole('combobox', { name: 'Slow down the consumers of billing' }).selectOption('5');
    await expect(page.getByRole('combobox', { name: 'Slow down the consumers of billing' })).toHaveValue('5');
    await expectNoAxeViolations(page, '#/live');
    await page.getByRole('button', { name: 'Start broker 1' }).click();
    await expect(page.locator('[data-broker="1"]')).toContainText('up');
    await page.setViewportSize({ width: 390, height: 844 });
    await shot(page, 'live-390');
  });

  test('tells how to start the broker when none answers', async ({ page }) => {
    await page.goto('./#/live?ws=ws://127.0.0.1:9/live');
    await expect(page.getByRole('heading', { name: 'Start the broker' })).toBeVisible();
    await expectNoAxeViolations(page, '#/live without a broker');
  });
});

import { Kafka, logLevel, Partitioners, type Consumer, type Producer } from 'kafkajs';
import { startLiveServer, type LiveServer } from '../src/broker/node/live.ts';
import { TcpCluster } from '../src/broker/node/tcp.ts';
import { expect, test, expectNoAxeViolations, shot } from './fixtures';

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
    await page.setViewportSize({ width: 1280, height: 720 });
    // The broker's server sends the page's policy as a header too, with frame-ancestors (as npm start does).
    const header = (await page.request.get(`http://127.0.0.1:${live.port}/`)).headers()['content-security-policy'] ?? '';
    expect(header).toMatch(/script-src 'self' 'sha256-/);
    expect(header).toMatch(/; frame-ancestors 'self'$/);
    await page.goto(`http://127.0.0.1:${live.port}/#/live`);
    await expect(page.locator('.live').getByRole('status')).toContainText('Connected to cluster streamlab-sim');
    // The busiest topic is shown first; the picker stacks every topic on request.
    await expect(page.locator('[data-live-topic]')).toHaveCount(1);
    await expect(page.locator('[data-live-topic="orders"]')).toBeVisible();
    await page.getByLabel('Show').selectOption('__all__');
    await expect(page.locator('[data-live-topic]')).toHaveCount(2);
    await page.getByLabel('Show').selectOption('orders');
    await expect(page.locator('[data-live-topic]')).toHaveCount(1);
    const group = page.locator('[data-live-group="billing"]');
    await expect(group).toContainText('Stable', { timeout: 20_000 });
    await expect(group.locator('tbody tr')).toHaveCount(4, { timeout: 20_000 });
    const board = page.locator('[data-live-board="orders"]');
    await expect(board.locator('tbody tr')).toHaveCount(4);
    // Members read as client id and short id, in the board and in the offsets table.
    await expect(board.locator('.live__owner').first()).toContainText(/^e2e-live · [0-9a-z]{1,6}$/, { timeout: 20_000 });
    await expect(group.locator('.live__member').first()).toContainText(/^e2e-live · /);
    // Every partition shows its replicas, in-sync ones marked.
    await expect(board.locator('tbody tr').first().locator('[data-replica]')).toHaveCount(3);
    await expect(board.locator('tbody tr').first().locator('[data-isr]')).toHaveCount(3);
    await shot(page, 'live-1280');

    // One screen (1280x720, later 1366x768), unscrolled, holds the broker controls, the topic's board and the leadership log.
    const inView = async () => {
      await page.evaluate(() => window.scrollTo(0, 0));
      const boxes = await page.evaluate(() => {
        const sel = ['.live__brokers', '[data-live-topic] figcaption', '.live__board', '.live__log-wrap', ...[0, 1, 2].map((b) => `[data-broker="${b}"] button`)];
        return sel.map((s) => {
          const r = document.querySelector(s)?.getBoundingClientRect();
          return { s, w: window.innerWidth, h: window.innerHeight, found: !!r, top: r?.top ?? -1, bottom: r?.bottom ?? 1e9, left: r?.left ?? -1, right: r?.right ?? 1e9 };
        });
      });
      for (const b of boxes) {
        expect(b.found, `${b.s} present`).toBe(true);
        expect(b.top, `${b.s} top`).toBeGreaterThanOrEqual(0);
        expect(b.bottom, `${b.s} bottom within the viewport`).toBeLessThanOrEqual(b.h);
        expect(b.left, `${b.s} left`).toBeGreaterThanOrEqual(0);
        expect(b.right, `${b.s} right within the viewport`).toBeLessThanOrEqual(b.w);
      }
      // The brokers sit on one row.
      const tops = await page.locator('.live__broker').evaluateAll((els) => els.map((e) => Math.round(e.getBoundingClientRect().top)));
      expect(new Set(tops).size, 'brokers on one row').toBe(1);
    };
    await inView();

    // Text a room can read: nothing under 16 px in the controls, the board, the log and the offsets tables.
    const small = await page.evaluate(() => {
      const out: string[] = [];
      for (const el of document.querySelectorAll('.live__head, .live__lede, .live__bar, .live__topic, .live__log-wrap, .live__group')) {
        const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
        for (let n = walker.nextNode(); n; n = walker.nextNode()) {
          const parent = n.parentElement;
          if (!parent || !n.textContent?.trim() || parent.closest('.visually-hidden')) continue;
          const size = parseFloat(getComputedStyle(parent).fontSize);
          if (size < 16) out.push(`${size}px: ${n.textContent.trim().slice(0, 40)}`);
        }
      }
      return out;
    });
    expect(small, 'text under 16 px').toEqual([]);
    expect(await page.locator('.live').evaluate((e) => parseFloat(getComputedStyle(e).fontSize))).toBeGreaterThanOrEqual(18);

    // No member label overflows its box.
    const overflowing = await page.locator('.live__owner-cell, .live__owner, .live__member').evaluateAll((els) =>
      els.filter((e) => e.scrollWidth > e.clientWidth + 1).map((e) => `${e.className}: ${e.textContent}`),
    );
    expect(overflowing, 'member boxes overflowing').toEqual([]);

    // Stopping a broker moves leadership: the new leader is highlighted and the log narrates it.
    await page.getByRole('button', { name: 'Stop broker 1' }).click();
    await expect(page.locator('[data-broker="1"]')).toContainText('stopped');
    await expect(page.getByRole('log')).toContainText(/orders P\d leader b1 → b[02]/, { timeout: 60_000 });
    await expect(board.locator('.live__leader--moved').first()).toContainText(/b[02] \(was b1\)/);
    await expect(board.locator('[data-leader="1"]')).toHaveCount(0);
    await expect(board.locator('tbody tr').first().locator('[data-replica="1"]:not([data-isr])')).toHaveCount(1, { timeout: 60_000 });
    // The non-visual account says the same.
    await expect(page.locator('[data-live-topic="orders"] p.visually-hidden')).toContainText('Stopped brokers: 1');
    await inView();
    await shot(page, 'live-1280-leader-moved');
    await page.getByRole('combobox', { name: 'Slow down the consumers of billing' }).selectOption('5');
    await expect(page.getByRole('combobox', { name: 'Slow down the consumers of billing' })).toHaveValue('5');
    await expectNoAxeViolations(page, '#/live');
    await page.getByRole('button', { name: 'Start broker 1' }).click();
    await expect(page.locator('[data-broker="1"]')).toContainText('up');
    await page.setViewportSize({ width: 1366, height: 768 });
    await inView();
    await shot(page, 'live-1366');
    await page.setViewportSize({ width: 390, height: 844 });
    await shot(page, 'live-390');
  });

  test('tells how to start the broker when none answers', async ({ page }) => {
    await page.goto('./#/live?ws=ws://127.0.0.1:9/live');
    await expect(page.getByRole('heading', { name: 'Start the broker' })).toBeVisible();
    await expectNoAxeViolations(page, '#/live without a broker');
  });
});

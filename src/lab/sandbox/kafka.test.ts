import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { createContext, runInContext, type Context } from 'node:vm';
import { classicGroupView, snapshotView } from '../../sim/index.ts';
import { KafkaCluster } from '../../broker/core/cluster.ts';
import { servePort, type PortServer } from '../../broker/port/server.ts';
import type { PortEnd } from '../../broker/port/protocol.ts';
import { compileCell } from '../session/script.ts';
import { createLedgerModule } from './shim.ts';
import { labHintFor } from '../session/hints.ts';
import { ClusterTrace, labViewOf } from '../session/clusterTrace.ts';
import { runChecks, type CheckId } from '../checks.ts';
import { bundleForSandbox } from '../../../vite-plugins/lab-runtime.ts';

// The real `kafkajs` package, bundled for the browser exactly as the lab's sandbox bundles it
// (Node's built-ins replaced by the `buffer` and `events` packages and src/lab/sandbox/node/),
// run in a separate JavaScript realm that has only what a browser worker has: no require, no
// process, no Buffer, no net. Its only way to the broker is a MessagePort; the broker core and
// the simulator stay in this realm. Tutorial programs run unchanged against it.

const here = new URL('.', import.meta.url).pathname;
let bundle = '';

beforeAll(async () => {
  bundle = (await bundleForSandbox(`${here}kafka.ts`, 'streamlabKafka')).code;
}, 120_000);

interface Sandbox {
  cluster: KafkaCluster;
  /** the lab's trace, read from the broker's simulator */
  trace: ClusterTrace;
  server: PortServer;
  lines: string[];
  errors: string[];
  /** runs a program (as the lab runs a learner's file); resolves when its top level ends */
  run(file: string): Promise<void>;
  /** runs source code under a file name (TypeScript or JavaScript), with './ledger.ts' */
  runSource(name: string, code: string): Promise<void>;
  /** the orders the ledger charged, in order */
  charged: string[];
  /** sends SIGTERM to every program that trapped it (their own shutdown code runs) */
  terminate(): Promise<void>;
  until(check: () => boolean, what: string, ms?: number): Promise<void>;
  close(): void;
}

const open: Sandbox[] = [];
afterAll(() => {
  for (const s of open.splice(0)) s.close();
});

/** A realm like the sandbox's worker, KafkaJS loaded into it, its port served by a fresh cluster at localhost:9092. */
function sandbox(): Sandbox {
  const cluster = new KafkaCluster({ brokers: 1, config: { groupInitialRebalanceDelayMs: 0 } });
  cluster.setEndpoint(0, { host: 'localhost', port: 9092 });
  const channel = new MessageChannel();
  const refused: string[] = [];
  const server = servePort(cluster, channel.port1 as unknown as PortEnd, { onRefused: (r) => refused.push(r) });
  const lines: string[] = [];
  const errors: string[] = [];
  const say = (into: string[]) => (...a: unknown[]) => into.push(a.map((x) => (typeof x === 'string' ? x : x instanceof Error ? `${x.name}: ${x.message}` : JSON.stringify(x))).join(' '));
  const timers = new Set<ReturnType<typeof setTimeout>>();
  const intervals = new Set<ReturnType<typeof setInterval>>();
  // What a dedicated worker has (and KafkaJS or the programs use); nothing of Node's.
  const realm: Context = createContext({
    console: { log: say(lines), info: say(lines), warn: say(lines), error: say(errors), debug: () => {} },
    setTimeout: (fn: () => void, ms?: number) => {
      const t = setTimeout(() => {
        timers.delete(t);
        fn();
      }, ms);
      timers.add(t);
      return t;
    },
    clearTimeout: (t: ReturnType<typeof setTimeout>) => {
      timers.delete(t);
      clearTimeout(t);
    },
    setInterval: (fn: () => void, ms?: number) => {
      const t = setInterval(fn, ms);
      intervals.add(t);
      return t;
    },
    clearInterval: (t: ReturnType<typeof setInterval>) => {
      intervals.delete(t);
      clearInterval(t);
    },
    queueMicrotask,
    TextEncoder,
    TextDecoder,
    performance,
    crypto: globalThis.crypto,
    port: channel.port2,
  });
  expect(runInContext('typeof require + typeof process + typeof Buffer + typeof module', realm)).toBe('undefinedundefinedundefinedundefined');
  runInContext(bundle, realm);
  runInContext('var kafkajs = streamlabKafka.kafkaJsOver(streamlabKafka.linkFor(port));', realm);

  const traps = new Map<string, (() => unknown)[]>();
  const processShim = {
    env: {},
    pid: 1,
    once: (signal: string, fn: () => unknown) => traps.set(signal, [...(traps.get(signal) ?? []), fn]),
    on: (signal: string, fn: () => unknown) => traps.set(signal, [...(traps.get(signal) ?? []), fn]),
    kill: () => undefined,
    exit: () => undefined,
  };
  runInContext('var __process = null;', realm);
  (realm as Record<string, unknown>).__process = processShim;

  const charged: string[] = [];
  const trace = new ClusterTrace(cluster, () => '', (remote) => server.clientOf(remote));
  trace.arm([], (client) => server.dropClient(client));
  const ledger = createLedgerModule((orderId, amount) => {
    charged.push(orderId);
    trace.charge(orderId, amount);
  });
  const s: Sandbox = {
    cluster,
    trace,
    server,
    lines,
    errors,
    charged,
    async run(file) {
      await s.runSource(file, readFileSync(`${here}fixtures/${file}`, 'utf8'));
    },
    async runSource(name, code) {
      const js = compileCell(name, code);
      const fn = runInContext(`(async function (require, module, exports, process) {\n${js}\n})`, realm) as (...a: unknown[]) => Promise<void>;
      const require = (spec: string) => {
        if (spec === 'kafkajs') return runInContext('kafkajs', realm);
        if (spec === './ledger.ts') return ledger;
        throw new Error(`no module ${spec}`);
      };
      const mod = { exports: {} };
      await fn(require, mod, mod.exports, processShim);
    },
    async terminate() {
      const fns = traps.get('SIGTERM') ?? [];
      traps.delete('SIGTERM');
      await Promise.all(fns.map((f) => f()));
    },
    async until(check, what, ms = 20_000) {
      const end = Date.now() + ms;
      while (!check()) {
        if (Date.now() > end) throw new Error(`timed out waiting for ${what}; output:\n${lines.join('\n')}\nerrors:\n${errors.join('\n')}\nrefused: ${refused.join('; ')}`);
        await new Promise((r) => setTimeout(r, 25));
      }
    },
    close() {
      for (const t of timers) clearTimeout(t);
      for (const t of intervals) clearInterval(t);
      server.close();
      cluster.close();
      channel.port1.close();
      channel.port2.close();
    },
  };
  open.push(s);
  return s;
}

/** Grades checks on what the broker's simulator recorded (no code text, no word of the sandbox). */
const grade = (s: Sandbox, ids: CheckId[]) => runChecks(ids, { trace: s.trace.trace, view: labViewOf(s.cluster, 0), error: null, timeMs: 0 });
const kit = (f: string) => readFileSync(`content/labs/lab-3-1/kit/src/${f}.ts`, 'utf8');

const logEnd = (c: KafkaCluster, topic: string) => snapshotView(c.sim).topics.find((t) => t.name === topic)?.partitions.reduce((n, p) => n + p.logEndOffset, 0) ?? 0;

describe('KafkaJS bundled for the sandbox, over the MessagePort, running tutorial programs unchanged', () => {
  it('the bundle needs nothing of Node: no require() of a built-in is left in it', () => {
    expect(bundle.length).toBeGreaterThan(100_000);
    expect(bundle).not.toMatch(/\brequire\(["'](net|tls|zlib|util|crypto|assert|events|buffer)["']\)/);
  });

  it("KafkaJS's getting-started program: auto-created topic, one record, read back by a group", async () => {
    const s = sandbox();
    await s.run('getting-started.js');
    await s.until(() => s.lines.some((l) => l.includes('Hello KafkaJS user!')), 'the greeting to be read');
    expect(s.lines.find((l) => l.includes('Hello'))).toBe('{"partition":0,"offset":"0","value":"Hello KafkaJS user!"}');
    // auto.create.topics.enable with Kafka's num.partitions (1)
    expect(snapshotView(s.cluster.sim).topics.find((t) => t.name === 'test-topic')?.partitions.length).toBe(1);
    expect(s.server.bytesIn).toBeGreaterThan(0);
    expect(s.errors).toEqual([]);
    s.close();
  }, 60_000);

  it("KafkaJS's example producer and consumer side by side: gzip batches, keys, epoch-ms timestamps, shutdown on SIGTERM", async () => {
    const s = sandbox();
    await s.run('example-producer.js');
    await s.run('example-consumer.js');
    await s.until(() => s.lines.filter((l) => l.startsWith('sent ')).length >= 3, 'three batches sent');
    await s.until(() => s.lines.filter((l) => l.startsWith('- topic-test[')).length >= logEnd(s.cluster, 'topic-test') - 10 && s.lines.some((l) => l.startsWith('- topic-test[')), 'the consumer to read');
    await s.terminate();
    await s.until(() => s.lines.includes('producer disconnected') && s.lines.includes('consumer disconnected'), 'both programs to disconnect');
    const read = s.lines.filter((l) => l.startsWith('- topic-test['));
    const m = /^- topic-test\[(\d+) \| (\d+)\] \/ (\d+) (key-\d+)#value-\d+-\d{4}-/.exec(read[0]!);
    expect(m).not.toBeNull();
    expect(Math.abs(Number(m![3]) - Date.now())).toBeLessThan(120_000);
    const sentTotal = Number(/total (\d+)/.exec(s.lines.filter((l) => l.startsWith('sent ')).pop()!)![1]);
    expect(logEnd(s.cluster, 'topic-test')).toBe(sentTotal);
    expect(s.errors).toEqual([]);
    s.close();
  }, 90_000);

  it('an admin walkthrough: create (and create again), describe, grow, offsets, configs, groups, delete', async () => {
    const s = sandbox();
    await s.run('admin-tour.js');
    // Creating a topic that exists: KafkaJS logs the broker's TOPIC_ALREADY_EXISTS at ERROR and returns false, as against Kafka.
    expect(s.errors).toHaveLength(1);
    expect(s.errors[0]).toMatch(/CreateTopics.*Topic creation errors/);
    // (KafkaJS's own log lines, such as its partitioner warning, aside)
    expect(s.lines.filter((l) => !l.startsWith('{"level"'))).toEqual([
      'created true',
      'created again false',
      'topics payments,refunds',
      'payments partitions 3',
      'payments partitions now 5',
      'payments high 2',
      'retention.ms 86400000',
      'groups []',
      'topics after delete payments',
      'done',
    ]);
    s.close();
  }, 60_000);

  it('eachBatch with resolveOffset and heartbeat, headers, and the pause() handed to eachMessage', async () => {
    const s = sandbox();
    await s.run('batch-and-pause.js');
    await s.until(() => s.lines.some((l) => / 12 so far$/.test(l)), 'all 12 clicks batched');
    await s.until(() => s.lines.includes('audited a-3'), 'the auditor to resume and finish');
    // (which partition's batch comes first is up to the fetch; each record keeps its own headers)
    expect(s.lines.find((l) => l.startsWith('first header'))).toMatch(/^first header t-\d+ web$/);
    const audit = s.lines.filter((l) => l.startsWith('audited') || l.startsWith('paused') || l.startsWith('resuming'));
    expect(audit.slice(0, 3)).toEqual(['audited a-1', 'paused at a-2', 'resuming']);
    expect(audit).toContain('audited a-2');
    s.close();
  }, 90_000);

  it('graded from the broker: keyless orders fail step 2, an auto-created topic fails step 1, a commit of the last offset read fails the commit check', async () => {
    const keyless = sandbox();
    await keyless.runSource('create-topic', kit('create-topic'));
    await keyless.runSource('producer', kit('producer').replace('{ key: order.userId, value: JSON.stringify(order) }', '{ value: JSON.stringify(order) }'));
    const [topic, keyed, together] = grade(keyless, ['topic-partitions', 'keyed-by-user', 'user-one-partition']);
    expect(topic!.passed).toBe(true);
    expect(keyed).toMatchObject({ passed: false, observed: '60 orders of 60 had no key, so the partitioner spread them without regard to the user.' });
    expect(together!.passed).toBe(false);
    // KafkaJS's default partitioner spreads keyless records round-robin over the partitions
    const used = new Set(keyless.trace.trace.flatMap((e) => (e.type === 'record/produced' ? [e.partition] : [])));
    expect(used.size).toBe(6);
    keyless.close();

    const auto = sandbox();
    await auto.runSource('producer', kit('producer'));
    const [autoTopic] = grade(auto, ['topic-partitions']);
    expect(autoTopic).toMatchObject({ passed: false, observed: 'orders was created automatically, with 1 partition, when the first record was sent to it.' });
    auto.close();

    const offByOne = sandbox();
    await offByOne.runSource('create-topic', kit('create-topic'));
    await offByOne.runSource('producer', kit('producer'));
    await offByOne.runSource(
      'consumers',
      `import { Kafka } from 'kafkajs';
const kafka = new Kafka({ clientId: 'off-by-one', brokers: ['localhost:9092'] });
for (const groupId of ['billing', 'audit']) {
  const consumer = kafka.consumer({ groupId });
  await consumer.connect();
  await consumer.subscribe({ topics: ['orders'], fromBeginning: true });
  await consumer.run({
    autoCommit: false,
    eachMessage: async ({ topic, partition, message }) => {
      await consumer.commitOffsets([{ topic, partition, offset: message.offset }]);
      console.log(groupId + ' read ' + message.offset);
    },
  });
}`,
    );
    await offByOne.until(() => offByOne.lines.filter((l) => l.includes(' read ')).length >= 120, 'both groups to read all 60 orders', 60_000);
    await offByOne.until(() => offByOne.trace.trace.filter((e) => e.type === 'offset/committed').length >= 120, 'the 120 commits', 30_000);
    const [commits] = grade(offByOne, ['commits']);
    expect(commits).toMatchObject({ passed: false, hint: expect.stringMatching(/^A commit names the next offset to read, not the last one read/) });
    offByOne.close();
  }, 120_000);

  it("the broker's trace of the kit's step 4 and 5 programs: the second billing consumer leaves with LeaveGroup owning partitions, billing rebalances; the search indexer backfills", async () => {
    const s = sandbox();
    await s.runSource('create-topic', kit('create-topic'));
    await s.runSource('producer', kit('producer'));
    await s.runSource('consumers', kit('consumers'));
    await s.runSource('second-billing', kit('second-billing'));
    await s.runSource('search-indexer', kit('search-indexer'));
    const committed = (group: string) => (classicGroupView(s.cluster.sim, group)?.offsets ?? []).filter((o) => o.topic === 'orders').reduce((n, o) => n + (o.committed ?? 0), 0);
    for (const group of ['billing', 'audit', 'search-indexer']) await s.until(() => committed(group) === 60, `${group} to commit all 60 orders (now ${committed(group)})`, 60_000);
    const left = s.trace.trace.find((e) => e.type === 'consumer/left');
    expect(left).toMatchObject({ group: 'billing', reason: 'disconnected', owned: [expect.any(Number), expect.any(Number), expect.any(Number)] });
    const started = s.trace.trace.find((e) => e.type === 'group/rebalance-started' && e.group === 'billing' && e.reason === 'member-left');
    expect(started).toBeDefined();
    const generation = started?.type === 'group/rebalance-started' ? started.generation : -1;
    await s.until(() => s.trace.trace.some((e) => e.type === 'group/rebalance-completed' && e.group === 'billing' && e.generation === generation), 'billing to finish its rebalance');
    const completed = s.trace.trace.find((e) => e.type === 'group/rebalance-completed' && e.generation === generation && e.group === 'billing');
    // the one member left owns all six partitions
    expect(Object.values(completed?.type === 'group/rebalance-completed' ? completed.assignment : {})).toEqual([[0, 1, 2, 3, 4, 5]]);
    const [backfill] = grade(s, ['backfill']);
    expect(backfill).toMatchObject({ passed: true, observed: 'search-indexer joined after 60 of 60 orders were written (all of them) and still read every one from offset 0.' });
    s.close();
  }, 120_000);

  it("the lab's crash before a commit drops the consumer's sockets: KafkaJS sees its connections end, billing rebalances after the session timeout, redelivers, and the idempotent kit billing charges each order once (without the ledger check it charges twice)", async () => {
    const run = async (code: string) => {
      const s = sandbox();
      s.trace.arm([{ kind: 'crash-before-commit', group: 'billing', afterMessages: 5 }], (client) => s.server.dropClient(client));
      await s.runSource('create-topic', kit('create-topic'));
      await s.runSource('producer', kit('producer'));
      await s.runSource('billing-a', code);
      await s.runSource('billing-b', code);
      const committed = () => (classicGroupView(s.cluster.sim, 'billing')?.offsets ?? []).filter((o) => o.topic === 'orders').reduce((n, o) => n + (o.committed ?? 0), 0);
      await s.until(() => committed() === 60, `billing to commit all 60 orders (now ${committed()})`, 90_000);
      return s;
    };
    const good = await run(kit('idempotent-billing'));
    const crash = good.trace.trace.find((e) => e.type === 'consumer/crashed');
    expect(crash).toMatchObject({ group: 'billing' });
    // the crashed member was removed by its session timeout (kit: sessionTimeout 10 000 ms), not by a LeaveGroup
    const gone = good.trace.trace.find((e) => e.type === 'consumer/left' && crash?.type === 'consumer/crashed' && e.member === crash.member);
    expect(gone).toMatchObject({ reason: 'crashed' });
    expect(gone!.at - crash!.at).toBeGreaterThanOrEqual(5_000);
    const [idempotent] = grade(good, ['idempotent']);
    expect(idempotent).toMatchObject({ passed: true, observed: expect.stringMatching(/crashed before a commit; \d+ orders? (was|were) delivered again, and each of the 60 orders was charged exactly once\.$/) });
    good.close();

    const naive = await run(kit('idempotent-billing').replace('if (wasCharged(order.orderId)) {', 'if (false) {'));
    const [twice] = grade(naive, ['idempotent']);
    expect(twice).toMatchObject({ passed: false, observed: expect.stringMatching(/charged twice/) });
    naive.close();
  }, 240_000);

  it("a transactional producer fails with KafkaJS's own error (the lab's broker has no transactions), and the lab adds its hint", async () => {
    const s = sandbox();
    await s.run('transactional-producer.js');
    expect(s.lines).not.toContain('committed');
    const failed = s.errors.find((l) => l.startsWith('transaction failed: '));
    // The broker answers FindCoordinator for the transactional id with TRANSACTIONAL_ID_AUTHORIZATION_FAILED; KafkaJS then says it found no coordinator.
    expect(failed).toBe('transaction failed: KafkaJSGroupCoordinatorNotFound: Failed to find group coordinator');
    expect(labHintFor(failed!)?.id).toBe('transactions');
    expect(labHintFor(failed!)?.text).toMatch(/^Lab hint: the lab’s broker has no transactions/);
    s.close();
  }, 60_000);

  it("compression: gzip is written; Snappy fails with KafkaJS's KafkaJSNotImplemented, LZ4 with a hand-registered codec with the broker's UNSUPPORTED_COMPRESSION_TYPE; both get the lab's hint", async () => {
    const s = sandbox();
    await s.run('compressed-producer.js');
    expect(s.lines).toContain('gzip sent');
    expect(s.lines).not.toContain('snappy sent');
    expect(s.lines).not.toContain('lz4 sent');
    const snappy = s.errors.find((l) => l.startsWith('snappy failed: '));
    const lz4 = s.errors.find((l) => l.startsWith('lz4 failed: '));
    expect(snappy).toBe('snappy failed: KafkaJSNotImplemented: Snappy compression not implemented');
    expect(lz4).toMatch(/^lz4 failed: KafkaJS\w+: The requesting client does not support the compression type of given partition$/);
    for (const line of [snappy!, lz4!]) expect(labHintFor(line)?.id).toBe('compression');
    // only the gzip batch reached the log
    expect(logEnd(s.cluster, 'metrics')).toBe(1);
    s.close();
  }, 60_000);

  it("the lab kit's programs run unchanged: topic, 60 keyed orders, billing and audit each read every order and commit", async () => {
    const s = sandbox();
    await s.runSource('create-topic', kit('create-topic'));
    await s.runSource('producer', kit('producer'));
    await s.runSource('consumers', kit('consumers'));
    await s.until(() => s.lines.filter((l) => l.startsWith('audit: ')).length >= 60 && s.charged.length >= 60, 'both groups to read all 60 orders', 60_000);
    expect(s.lines[0]).toBe('Created topic orders with 6 partitions');
    const view = snapshotView(s.cluster.sim);
    const orders = view.topics.find((t) => t.name === 'orders')!;
    expect(orders.partitions).toHaveLength(6);
    expect(orders.partitions.reduce((n, p) => n + p.logEndOffset, 0)).toBe(60);
    // Each user's orders sit in one partition (murmur2 of the key, KafkaJS's default partitioner).
    const partitionOf = new Map<string, Set<string>>();
    for (const l of s.lines) {
      const m = /^o-\d+ for (u-\d) -> partition (\d+)/.exec(l);
      if (m) partitionOf.set(m[1]!, (partitionOf.get(m[1]!) ?? new Set()).add(m[2]!));
    }
    expect(partitionOf.size).toBe(6);
    for (const parts of partitionOf.values()) expect(parts.size).toBe(1);
    expect(new Set(s.charged).size).toBe(60);
    // Both groups committed every partition up to its log end (KafkaJS's auto-commit, in the simulator's group coordinator).
    for (const group of ['billing', 'audit']) {
      const committed = () => (classicGroupView(s.cluster.sim, group)?.offsets ?? []).filter((o) => o.topic === 'orders').reduce((n, o) => n + (o.committed ?? 0), 0);
      await s.until(() => committed() === 60, `${group} to commit all 60 orders (now ${committed()})`, 30_000);
    }
    // Graded from the broker's own record of the run: the topic, the keys and partitions, both groups' commits.
    const results = grade(s, ['topic-partitions', 'keyed-by-user', 'user-one-partition', 'commits', 'groups-independent', 'read-in-order']);
    expect(results.map((r) => [r.id, r.passed, r.observed])).toEqual([
      ['topic-partitions', true, 'orders has 6 partitions.'],
      ['keyed-by-user', true, 'All 60 orders from 6 users were keyed by their userId.'],
      ['user-one-partition', true, expect.stringMatching(/^Each of 6 users stayed in one partition, and the users spread over \d partitions/)],
      ['commits', true, expect.stringMatching(/^Both groups committed exactly the end of every partition/)],
      ['groups-independent', true, 'billing and audit each read all 60 orders, as separate groups.'],
      ['read-in-order', true, 'billing and audit read every user’s orders in the order they were written.'],
    ]);
    const joined = s.trace.trace.filter((e) => e.type === 'consumer/joined').map((e) => (e.type === 'consumer/joined' ? e.group : ''));
    expect(new Set(joined)).toEqual(new Set(['billing', 'audit']));
    s.close();
  }, 120_000);
});

import { afterEach, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runInThisContext } from 'node:vm';
import * as kafkajs from 'kafkajs';
import { classicGroupView, snapshotView } from '../../sim/index.ts';
import { compileCell } from '../../lab/session/script.ts';
import type { TcpCluster } from '../node/tcp.ts';
import { startCluster, until } from './harness.ts';

// The lab kit's programs (content/labs/lab-3-1/kit/src) with Node's KafkaJS against the TCP broker,
// as `npm run broker` serves it: the only change is the broker address, given the kit's way, in
// KAFKA_BROKERS. The ledger is the kit's own (a JSON file, here in a temporary folder).

const kitDir = 'content/labs/lab-3-1/kit/src';
let cluster: TcpCluster | null = null;
let dir: string | null = null;
const clients: { disconnect(): Promise<void> }[] = [];
afterEach(async () => {
  for (const c of clients.splice(0)) await c.disconnect().catch(() => undefined);
  await cluster?.close();
  cluster = null;
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = null;
});

/** kafkajs as the kit imports it, noting every client so the test can disconnect what the programs leave running. */
function trackedKafkaJs(): typeof kafkajs {
  class Kafka extends kafkajs.Kafka {
    override producer(...a: Parameters<kafkajs.Kafka['producer']>) {
      const p = super.producer(...a);
      clients.push(p);
      return p;
    }
    override consumer(...a: Parameters<kafkajs.Kafka['consumer']>) {
      const c = super.consumer(...a);
      clients.push(c);
      return c;
    }
    override admin(...a: Parameters<kafkajs.Kafka['admin']>) {
      const ad = super.admin(...a);
      clients.push(ad);
      return ad;
    }
  }
  return { ...kafkajs, Kafka } as typeof kafkajs;
}

describe("the lab kit's programs with Node against the TCP broker", () => {
  it('create-topic, producer and consumers: 60 orders keyed by user, billing and audit each read and commit all of them', async () => {
    cluster = await startCluster({ brokers: 1 });
    dir = mkdtempSync(join(tmpdir(), 'streamlab-kit-'));
    const ledgerFile = join(dir, 'ledger.json');
    const before = process.env.LEDGER_FILE;
    process.env.LEDGER_FILE = ledgerFile;
    const ledger = (await import('../../../content/labs/lab-3-1/kit/src/ledger.ts')) as object;
    if (before === undefined) delete process.env.LEDGER_FILE;
    else process.env.LEDGER_FILE = before;

    const lines: string[] = [];
    const say = (...a: unknown[]) => void lines.push(a.map(String).join(' '));
    const env = { KAFKA_BROKERS: cluster.addresses.join(','), LEDGER_FILE: ledgerFile };
    const mod = trackedKafkaJs();
    const run = async (file: string) => {
      const js = compileCell(file, readFileSync(`${kitDir}/${file}.ts`, 'utf8'));
      const fn = runInThisContext(`(async function (require, module, exports, console, process) {\n${js}\n})`) as (...a: unknown[]) => Promise<void>;
      const require = (spec: string) => (spec === 'kafkajs' ? mod : spec === './ledger.ts' ? ledger : (() => { throw new Error(`no module ${spec}`); })());
      const m = { exports: {} };
      await fn(require, m, m.exports, { log: say, info: say, warn: () => {}, error: say }, { env });
    };

    await run('create-topic');
    await run('producer');
    await run('consumers');
    await until(() => lines.filter((l) => l.startsWith('audit: ')).length >= 60 && lines.filter((l) => l.startsWith('billing: charged')).length >= 60, 60_000, 'both groups to read all 60 orders');
    expect(lines[0]).toBe('Created topic orders with 6 partitions');
    const orders = snapshotView(cluster.cluster.sim).topics.find((t) => t.name === 'orders')!;
    expect(orders.partitions.reduce((n, p) => n + p.logEndOffset, 0)).toBe(60);
    const charges = JSON.parse(readFileSync(ledgerFile, 'utf8')) as { orderId: string }[];
    expect(new Set(charges.map((c) => c.orderId)).size).toBe(60);
    for (const group of ['billing', 'audit']) {
      const committed = () => (classicGroupView(cluster!.cluster.sim, group)?.offsets ?? []).filter((o) => o.topic === 'orders').reduce((n, o) => n + (o.committed ?? 0), 0);
      await until(() => committed() === 60, 30_000, `${group} to commit all 60 orders`);
    }
  }, 120_000);
});

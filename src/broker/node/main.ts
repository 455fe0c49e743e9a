/**
 * `npm run broker`: the simulated Kafka cluster on 127.0.0.1, one TCP listener per broker
 * (9092, 9093, ... or from --port), plus the live view (`#/live`) on --live-port. Prints the
 * addresses and a short live summary; `stop N` / `start N` on stdin stop and start a broker;
 * Ctrl-C stops everything cleanly.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import type { KafkaCluster } from '../core/cluster.ts';
import { TcpCluster } from './tcp.ts';
import { startLiveServer, type LiveServer } from './live.ts';

export interface CliOptions {
  port: number;
  brokers: number;
  host: string;
  livePort: number;
  live: boolean;
  seed: number;
  partitions: number | undefined;
  replicationFactor: number | undefined;
  record: string | null;
  quiet: boolean;
}

const USAGE = `Usage: npm run broker -- [options]
  --port N                 port of broker 0; broker i listens on N+i (default 9092)
  --brokers K              number of brokers, 1..12 (default 3)
  --host H                 address to listen on and advertise (default 127.0.0.1)
  --live-port N            port of the live view, #/live (default 8092; 0 picks a free one)
  --no-live                no live view
  --partitions N           num.partitions for auto-created topics (Kafka's default: 1)
  --replication-factor N   default.replication.factor for auto-created topics (Kafka's default: 1)
  --seed N                 the simulation's seed (default 1)
  --record FILE            write every request and response frame to FILE (JSON, hex) on exit
  --quiet                  no live summary line`;

export function parseArgs(argv: string[]): CliOptions | { error: string } | { help: true } {
  const o: CliOptions = { port: 9092, brokers: 3, host: '127.0.0.1', livePort: 8092, live: true, seed: 1, partitions: undefined, replicationFactor: undefined, record: null, quiet: false };
  const num = (v: string | undefined, name: string, min: number, max: number): number | { error: string } => {
    const n = Number(v);
    return v !== undefined && Number.isInteger(n) && n >= min && n <= max ? n : { error: `${name} needs a whole number from ${min} to ${max}` };
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const next = () => argv[++i];
    let r: number | { error: string };
    switch (a) {
      case '-h':
      case '--help':
        return { help: true };
      case '--port':
        if (typeof (r = num(next(), '--port', 1, 65535)) !== 'number') return r;
        o.port = r;
        break;
      case '--brokers':
        if (typeof (r = num(next(), '--brokers', 1, 12)) !== 'number') return r;
        o.brokers = r;
        break;
      case '--live-port':
        if (typeof (r = num(next(), '--live-port', 0, 65535)) !== 'number') return r;
        o.livePort = r;
        break;
      case '--partitions':
        if (typeof (r = num(next(), '--partitions', 1, 256)) !== 'number') return r;
        o.partitions = r;
        break;
      case '--replication-factor':
        if (typeof (r = num(next(), '--replication-factor', 1, 12)) !== 'number') return r;
        o.replicationFactor = r;
        break;
      case '--seed':
        if (typeof (r = num(next(), '--seed', -(2 ** 31), 2 ** 31 - 1)) !== 'number') return r;
        o.seed = r;
        break;
      case '--host': {
        const h = next();
        if (!h) return { error: '--host needs an address' };
        o.host = h;
        break;
      }
      case '--record': {
        const f = next();
        if (!f) return { error: '--record needs a file name' };
        o.record = f;
        break;
      }
      case '--no-live':
        o.live = false;
        break;
      case '--quiet':
        o.quiet = true;
        break;
      default:
        return { error: `unknown option ${a}\n${USAGE}` };
    }
  }
  if (o.replicationFactor !== undefined && o.replicationFactor > o.brokers) return { error: '--replication-factor cannot exceed --brokers' };
  return o;
}

/**
 * One line of the broker's stdin: `stop N` or `start N` stops or starts simulated broker N.
 * Returns what to print (a confirmation, or how to use it); empty lines give ''.
 */
export function brokerCommand(cluster: KafkaCluster, line: string): string {
  if (!line.trim()) return '';
  const m = /^\s*(stop|start)\s+(\d+)\s*$/.exec(line);
  if (!m) return 'commands: stop N, start N';
  const id = Number(m[2]);
  if (!cluster.brokerIds.includes(id)) return `there is no broker ${id} (brokers: ${cluster.brokerIds.join(', ')})`;
  if (m[1] === 'stop') {
    if (!cluster.isUp(id)) return `broker ${id} is already stopped`;
    cluster.stopBroker(id);
    return `broker ${id} stopped: its port is closed, and partitions with replicas elsewhere get new leaders`;
  }
  if (cluster.isUp(id)) return `broker ${id} is already running`;
  cluster.startBroker(id);
  return `broker ${id} started`;
}

/**
 * Runs brokerCommand on every line of `input`, a terminal or a pipe alike (a script, or
 * `tail -f commands | npm run broker`), and prints its answers. Returns the readline interface
 * (close it to stop reading).
 */
export function readCommands(cluster: KafkaCluster, input: NodeJS.ReadableStream, print: (line: string) => void): readline.Interface {
  const rl = readline.createInterface({ input, terminal: false });
  rl.on('line', (line) => {
    const out = brokerCommand(cluster, line);
    if (out) print(out);
  });
  return rl;
}

function summaryLine(t: TcpCluster, started: number): string {
  const c = t.cluster;
  const v = c.sim;
  const brokers = c.brokerIds.map((id) => `${id}:${c.isUp(id) ? 'up' : 'DOWN'}(${c.connectionsOf(id)})`).join(' ');
  const records = v.topics.reduce((n, x) => n + x.partitions.reduce((m, P) => m + P.logEnd - P.logStart, 0), 0);
  const groups = (v.classicGroups ?? []).map((g) => `${g.groupId}:${g.state}/${g.members.length}`).join(' ');
  let reqs = 0;
  for (const n of c.requestCounts.values()) reqs += n;
  const secs = Math.round((Date.now() - started) / 1000);
  return `[${secs}s] brokers ${brokers} | topics ${v.topics.length} | records ${records} | groups ${groups || '-'} | requests ${reqs}`;
}

export async function main(argv: string[], siteRoot: string): Promise<void> {
  const parsed = parseArgs(argv);
  if ('help' in parsed) {
    console.log(USAGE);
    return;
  }
  if ('error' in parsed) {
    console.error(parsed.error);
    process.exitCode = 2;
    return;
  }
  const o = parsed;
  const frames: { t: number; broker: number; dir: 'in' | 'out'; hex: string }[] = [];
  let t: TcpCluster;
  try {
    t = await TcpCluster.start({
      brokers: o.brokers,
      host: o.host,
      port: o.port,
      seed: o.seed,
      config: { ...(o.partitions ? { numPartitions: o.partitions } : {}), ...(o.replicationFactor ? { defaultReplicationFactor: o.replicationFactor } : {}) },
      log: (line) => {
        if (!o.quiet) process.stdout.write(`\n${line}\n`);
      },
      ...(o.record ? { record: (broker: number, dir: 'in' | 'out', bytes: Uint8Array) => void frames.push({ t: Date.now(), broker, dir, hex: Buffer.from(bytes).toString('hex') }) } : {}),
    });
  } catch (e) {
    console.error(`Could not listen on ${o.host}:${o.port}..${o.port + o.brokers - 1}: ${(e as Error).message}\nIs another broker running? Try --port with another number.`);
    process.exitCode = 1;
    return;
  }
  const started = Date.now();
  console.log(`Streamlab's simulated Kafka cluster (${o.brokers} broker${o.brokers > 1 ? 's' : ''}, cluster id ${t.cluster.clusterId})`);
  for (const id of t.cluster.brokerIds) console.log(`  broker ${id}: ${o.host}:${t.port(id)}`);
  console.log(`Bootstrap servers: ${t.addresses.join(',')}`);
  console.log(`  kcat -b ${t.addresses[0]} -L`);
  console.log(`  new Kafka({ brokers: ['${t.addresses[0]}'] })   // KafkaJS`);
  let live: LiveServer | null = null;
  if (o.live) {
    try {
      live = await startLiveServer(t.cluster, { host: o.host, port: o.livePort, root: siteRoot, log: (s) => !o.quiet && process.stdout.write(`\n${s}\n`) });
    } catch {
      live = await startLiveServer(t.cluster, { host: o.host, port: 0, root: siteRoot });
    }
    console.log(`Live view: ${live.url}`);
  }
  console.log(`Type "stop N" or "start N" to stop or start broker N; Ctrl-C stops the cluster.`);
  const tty = process.stdout.isTTY;
  const timer = o.quiet
    ? null
    : setInterval(
        () => {
          const line = summaryLine(t, started);
          if (tty) process.stdout.write(`\r\x1b[2K${line}`);
          else console.log(line);
        },
        tty ? 1000 : 10_000,
      );
  const rl = readCommands(t.cluster, process.stdin, (out) => console.log(tty ? `\n${out}` : out));
  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  if (timer) clearInterval(timer);
  rl.close();
  if (tty) process.stdout.write('\n');
  await live?.close();
  await t.close();
  if (o.record) {
    writeFileSync(path.resolve(o.record), JSON.stringify({ recordedAt: new Date().toISOString(), frames }, null, 1));
    console.log(`Wrote ${frames.length} frames to ${o.record}`);
  }
  console.log('Cluster stopped.');
}

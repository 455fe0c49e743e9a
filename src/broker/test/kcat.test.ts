/**
 * kcat 1.7 (librdkafka 2.0, Debian's package) against the TCP broker: metadata, keyed produce
 * with the Java client's murmur2 partitioner, consume to the end, and a balanced group (-G) of
 * two processes using librdkafka's own assignor. `.ci/run` installs kcat; without it (and outside
 * CI) these tests are skipped with a note.
 */
import { execFileSync, spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { partitionForKey } from '../../sim/index.ts';
import type { TcpCluster } from '../node/tcp.ts';
import { startCluster, until } from './harness.ts';

function hasKcat(): boolean {
  try {
    execFileSync('kcat', ['-V'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

const available = hasKcat();
if (!available && process.env.CI) throw new Error('kcat is not installed: .ci/run installs it (apt-get install -y kcat)');
if (!available) console.warn('kcat is not installed: skipping the kcat tests (apt-get install -y kcat)');

interface Run {
  out: string;
  code: number | null;
}

/** Runs kcat; stops it (SIGINT) after ms if still running. */
function kcat(args: string[], input?: string, ms = 15_000): Promise<Run> & { proc: ReturnType<typeof spawn> } {
  const proc = spawn('kcat', args, { stdio: ['pipe', 'pipe', 'pipe'] });
  const p = new Promise<Run>((resolve) => {
    let out = '';
    proc.stdout.on('data', (d: Buffer) => (out += d.toString()));
    proc.stderr.on('data', (d: Buffer) => (out += d.toString()));
    const timer = setTimeout(() => proc.kill('SIGINT'), ms);
    proc.on('close', (code) => {
      clearTimeout(timer);
      resolve({ out, code });
    });
  });
  if (input !== undefined) proc.stdin.end(input);
  else proc.stdin.end();
  return Object.assign(p, { proc });
}

let cluster: TcpCluster;
let bootstrap: string;

describe.skipIf(!available)('kcat (librdkafka) against the TCP broker', () => {
  beforeAll(async () => {
    cluster = await startCluster({ brokers: 3 });
    bootstrap = cluster.addresses[0]!;
    cluster.cluster.act({ type: 'topic/create', topic: { name: 'kc', partitions: 4, replicationFactor: 2 } });
  });
  afterAll(async () => {
    await cluster?.close();
  });

  it('lists metadata as JSON: every broker with its address, every partition with leader and replicas', async () => {
    const r = await kcat(['-b', bootstrap, '-L', '-J']);
    expect(r.code).toBe(0);
    const meta = JSON.parse(r.out) as { brokers: { id: number; name: string }[]; topics: { topic: string; partitions: { partition: number; leader: number; replicas: unknown[] }[] }[] };
    expect(meta.brokers.map((b) => b.name).sort()).toEqual([...cluster.addresses].sort());
    const kc = meta.topics.find((t) => t.topic === 'kc')!;
    expect(kc.partitions.length).toBe(4);
    expect(kc.partitions.every((p) => p.replicas.length === 2)).toBe(true);
  }, 30_000);

  it('produces keyed lines that land where murmur2 puts them, then consumes them to the end', async () => {
    const keys = Array.from({ length: 20 }, (_, i) => `key-${i}`);
    const p = await kcat(['-b', bootstrap, '-P', '-K', ':', '-t', 'kc', '-X', 'topic.partitioner=murmur2_random'], keys.map((k) => `${k}:value-${k}`).join('\n') + '\n');
    expect(p.code).toBe(0);
    const c = await kcat(['-b', bootstrap, '-C', '-t', 'kc', '-e', '-f', '%k %p %o %s\n']);
    const lines = c.out.split('\n').filter((l) => l.startsWith('key-'));
    expect(lines.length).toBe(20);
    for (const line of lines) {
      const [key, partition, , value] = line.split(' ');
      expect(Number(partition)).toBe(partitionForKey(key!, 4));
      expect(value).toBe(`value-${key}`);
    }
  }, 40_000);

  it('produces with gzip and the idempotent producer, and reads the records back', async () => {
    const p = await kcat(['-b', bootstrap, '-P', '-t', 'kc', '-p', '0', '-z', 'gzip', '-X', 'enable.idempotence=true'], 'g1\ng2\ng3\n');
    expect(p.code).toBe(0);
    const c = await kcat(['-b', bootstrap, '-C', '-t', 'kc', '-p', '0', '-e', '-f', '%s\n']);
    expect(c.out.split('\n').filter((l) => /^g\d$/.test(l))).toEqual(['g1', 'g2', 'g3']);
  }, 40_000);

  it('reads as a balanced group (-G) of two, each member getting part of the partitions', async () => {
    const a = kcat(['-b', bootstrap, '-G', 'kc-group', '-o', 'beginning', '-f', 'A %p %o\n', 'kc'], undefined, 25_000);
    await until(() => cluster.cluster.sim.classicGroups?.find((g) => g.groupId === 'kc-group')?.state === 'Stable', 20_000, 'first member');
    const b = kcat(['-b', bootstrap, '-G', 'kc-group', '-o', 'beginning', '-f', 'B %p %o\n', 'kc'], undefined, 25_000);
    await until(() => {
      const g = cluster.cluster.sim.classicGroups?.find((x) => x.groupId === 'kc-group');
      return g?.state === 'Stable' && g.members.length === 2 && g.members.every((m) => m.assigned.some((t) => t.partitions.length > 0));
    }, 20_000, 'two balanced members');
    const g = cluster.cluster.sim.classicGroups!.find((x) => x.groupId === 'kc-group')!;
    const owned = g.members.flatMap((m) => m.assigned.flatMap((t) => t.partitions)).sort();
    expect(owned).toEqual([0, 1, 2, 3]);
    expect(g.members[0]!.assigned[0]!.partitions.length).toBe(2);
    a.proc.kill('SIGINT');
    b.proc.kill('SIGINT');
    const [ra, rb] = await Promise.all([a, b]);
    expect(ra.out + rb.out).toMatch(/rebalanced/);
  }, 60_000);
});

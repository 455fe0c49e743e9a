import { describe, expect, it } from 'vitest';
import { partitionForKey } from '../sim/kafka/index.ts';
import type { SimView } from '../sim/types.ts';
import { labs } from './lab-data.ts';
import { runLab } from './session/inProcess.ts';
import type { LabEvent, LabView } from './runtime/types.ts';
import { runOptionsForStep } from './steps.ts';
import { focusTopic, focusView, labKeyColor, toSimView } from './toSimView.ts';

const lab = labs['lab-3-1']!;
const step = (id: string) => lab.steps.find((s) => s.id === id)!;

/** Runs a step of the reference solution (optionally with extra cells after it), keeping every snapshot posted on the way. */
async function runStep(id: string, extra: { name: string; code: string }[] = []) {
  const opts = runOptionsForStep(lab, step(id), lab.solution);
  const snapshots: LabView[] = [];
  const r = await runLab({ ...opts, cells: [...opts.cells, ...extra], onView: (v) => snapshots.push(structuredClone(v)) });
  expect(r.error).toBeNull();
  return { ...r, snapshots };
}

const of = <T extends LabEvent['type']>(trace: LabEvent[], type: T) => trace.filter((e): e is Extract<LabEvent, { type: T }> => e.type === type);
const group = (v: SimView, id: string) => {
  const g = v.groups.find((x) => x.id === id);
  if (!g) throw new Error(`no group ${id}`);
  return g;
};

describe('toSimView on a run of the reference solution', () => {
  it('shows the orders topic with its partitions, log ends and recent keyed records, led by the single broker', async () => {
    const r = await runStep('consumers');
    const v = toSimView(r.view);
    expect(v.brokers).toEqual([{ id: 0, up: true }]);
    const orders = v.topics.find((t) => t.name === 'orders')!;
    const produced = of(r.trace, 'record/produced').filter((e) => e.topic === 'orders');
    expect(orders.partitions).toHaveLength(of(r.trace, 'topic/created').find((e) => e.topic === 'orders')!.partitions);
    expect(orders.produced).toBe(produced.length);
    for (const p of orders.partitions) {
      const here = produced.filter((e) => e.partition === p.id);
      expect(p).toMatchObject({ topic: 'orders', leader: 0, replicas: [0], isr: [0], offline: false, logStartOffset: 0, logEndOffset: here.length });
      // the newest records, oldest first, with the key the producer sent and its time
      const tail = here.slice(-p.recent.length);
      expect(p.recent.map((x) => [x.offset, x.key, x.producedAtMs])).toEqual(tail.map((e) => [e.offset, e.key, e.at]));
      for (const x of p.recent) {
        expect(x.user).toBe(x.key);
        expect(x.keyColor).toBe(labKeyColor(x.key));
        expect(partitionForKey(x.key!, orders.partitions.length)).toBe(p.id);
      }
    }
    // keys spread over more than one partition and colour
    expect(orders.partitions.filter((p) => p.logEndOffset > 0).length).toBeGreaterThan(1);
    expect(new Set(orders.partitions.flatMap((p) => p.recent.map((x) => x.keyColor))).size).toBeGreaterThan(1);
  });

  it('gives each group its committed offsets, lags, owners and counters', async () => {
    const r = await runStep('consumers');
    const v = toSimView(r.view);
    const orders = v.topics.find((t) => t.name === 'orders')!;
    expect(v.groups.map((g) => g.id).sort()).toEqual(['audit', 'billing']);
    const commits = of(r.trace, 'offset/committed');
    for (const g of v.groups) {
      expect(g.topic).toBe('orders');
      expect(g.committed).toHaveLength(orders.partitions.length);
      for (const p of orders.partitions) {
        const last = commits.filter((c) => c.group === g.id && c.partition === p.id).at(-1);
        expect(g.committed[p.id]).toBe(last ? last.offset : null);
        expect(g.lag[p.id]).toBe(last ? p.logEndOffset - last.offset : null);
      }
      const lags = g.lag.filter((l): l is number => l !== null);
      expect(g.maxLag).toBe(Math.max(0, ...lags));
      expect(g.totalLag).toBe(lags.reduce((a, b) => a + b, 0));
      expect(g.processed).toBe(of(r.trace, 'record/consumed').filter((c) => c.group === g.id).length);
      expect(g.rebalances).toBeGreaterThanOrEqual(1);
      expect(g.members).toHaveLength(1);
      // one member per group owns every partition
      expect(g.members[0]!.partitions).toEqual(orders.partitions.map((p) => p.id));
      expect(g.members[0]!.status).toBe('active');
    }
    // at the end both groups have read and committed everything
    for (const g of v.groups) for (const p of orders.partitions) if (p.logEndOffset > 0) expect(g.lag[p.id]).toBe(0);
  });

  it('shows billing behind audit while the run is live', async () => {
    const r = await runStep('consumers');
    // Some snapshot during the run has billing (50 ms per order) with more lag than audit.
    const live = r.snapshots.map((s) => toSimView(s)).filter((v) => v.groups.length === 2);
    expect(live.length).toBeGreaterThan(1);
    expect(live.some((v) => (group(v, 'billing').totalLag ?? -1) > (group(v, 'audit').totalLag ?? Infinity))).toBe(true);
    // and lag is unknown (null) before a group has committed anything on a partition
    expect(live.some((v) => group(v, 'billing').lag.some((l, p) => l === null && v.topics[0]!.partitions[p]!.logEndOffset > 0))).toBe(true);
    // snapshots are in time order
    const times = r.snapshots.map((s) => s.timeMs);
    expect(times).toEqual([...times].sort((a, b) => a - b));
  });

  it('marks members that own no partition as idle, and members of a rebalancing group as rebalancing', async () => {
    // Six more audit consumers join after the reference solution: seven members for six partitions.
    const more = `import { Kafka } from 'kafkajs';
const kafka = new Kafka({ clientId: 'more', brokers: ['localhost:9092'] });
for (let i = 0; i < 6; i++) {
  const c = kafka.consumer({ groupId: 'audit' });
  await c.connect();
  await c.subscribe({ topics: ['orders'], fromBeginning: true });
  await c.run({ eachMessage: async () => {} });
}`;
    const r = await runStep('consumers', [{ name: 'more-audit', code: more }]);
    const v = toSimView(r.view);
    const audit = group(v, 'audit');
    expect(audit.members).toHaveLength(7);
    const idle = audit.members.filter((m) => m.status === 'idle');
    expect(idle).toHaveLength(1);
    expect(idle[0]!.partitions).toEqual([]);
    expect(audit.members.filter((m) => m.status === 'active').every((m) => m.partitions.length === 1)).toBe(true);
    // while the new members joined, a snapshot showed the whole group rebalancing
    const during = r.snapshots.map((s) => toSimView(s)).find((x) => x.groups.some((g) => g.id === 'audit' && g.rebalancing && g.members.length > 1));
    expect(during).toBeDefined();
    expect(group(during!, 'audit').members.every((m) => m.status === 'rebalancing')).toBe(true);
  });

  it('shows a crashed member, and the records the group handled twice after it', async () => {
    const r = await runStep('idempotent');
    const crash = of(r.trace, 'consumer/crashed')[0]!;
    const crashedView = r.snapshots.map((s) => toSimView(s)).find((v) => v.groups.some((g) => g.members.some((m) => m.id === crash.member && m.status === 'crashed')));
    expect(crashedView).toBeDefined();
    const seen = new Map<string, number>();
    for (const c of of(r.trace, 'record/consumed').filter((c) => c.group === 'billing')) seen.set(`${c.partition}:${c.offset}`, (seen.get(`${c.partition}:${c.offset}`) ?? 0) + 1);
    const twice = [...seen.values()].reduce((n, k) => n + k - 1, 0);
    expect(twice).toBeGreaterThan(0);
    expect(group(toSimView(r.view), 'billing').duplicates).toBe(twice);
  });
});

describe('focusView', () => {
  it('puts the orders topic first and keeps only the groups reading it', () => {
    const lab: LabView = {
      timeMs: 1000,
      produced: 0,
      topics: [
        { name: 'payments', partitions: [{ id: 0, logEnd: 0, recent: [] }] },
        { name: 'orders', partitions: [{ id: 0, logEnd: 2, recent: [] }, { id: 1, logEnd: 0, recent: [] }] },
      ],
      groups: [
        { id: 'pay', topic: 'payments', generation: 1, rebalancing: false, members: [], committed: [null], lag: [null], processed: 0, duplicates: 0, pausedMs: 0 },
        { id: 'billing', topic: 'orders', generation: 1, rebalancing: false, members: [], committed: [1, null], lag: [1, null], processed: 1, duplicates: 0, pausedMs: 0 },
        { id: 'fresh', topic: null, generation: 0, rebalancing: false, members: [], committed: [], lag: [], processed: 0, duplicates: 0, pausedMs: 0 },
      ],
    };
    const v = toSimView(lab);
    expect(focusTopic(v)).toBe('orders');
    const f = focusView(v);
    expect(f.topics.map((t) => t.name)).toEqual(['orders', 'payments']);
    expect(f.groups.map((g) => g.id)).toEqual(['billing', 'fresh']);
    expect(group(f, 'billing')).toMatchObject({ maxLag: 1, totalLag: 1 });
    // without an orders topic, the topic most groups read comes first
    const noOrders = toSimView({ ...lab, topics: [{ name: 'a', partitions: [] }, lab.topics[0]!] });
    expect(focusTopic(noOrders)).toBe('payments');
    expect(focusView(toSimView({ ...lab, topics: [], groups: [] }))).toMatchObject({ topics: [], groups: [] });
  });

  it('colours keys stably: numbered keys as the simulator colours users, others by hash', () => {
    expect(labKeyColor('user-7')).toBe(7);
    expect(labKeyColor('user-19')).toBe(7);
    expect(labKeyColor('alice')).toBe(labKeyColor('alice'));
    const colours = new Set(['alice', 'bob', 'carol', 'dave', 'erin', 'frank'].map(labKeyColor));
    expect(colours.size).toBeGreaterThan(2);
    for (const c of colours) expect(c).toBeGreaterThanOrEqual(0);
    for (const c of colours) expect(c).toBeLessThan(12);
  });
});

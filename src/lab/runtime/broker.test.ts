import { describe, expect, it } from 'vitest';
import { snapshotView } from '../../sim/index.ts';
import { runLab } from '../session/inProcess.ts';
import { Broker, Clock } from './broker.ts';

/** Runs the simulated clock until nothing is left to do. */
async function settle(clock: Clock): Promise<void> {
  for (let i = 0; i < 10_000; i++) {
    await new Promise((r) => setImmediate(r));
    const t = clock.takeNext();
    if (!t) return;
    clock.now = Math.max(clock.now, t.at);
    t.fn();
  }
}

describe('the lab broker is the simulator', () => {
  it('keeps topics, records, groups, assignments, commits and lag in the simulation', async () => {
    const clock = new Clock();
    const b = new Broker([], 10_000, clock);
    expect(b.simulation).toBeNull();
    b.createTopic('orders', 3);
    for (let i = 0; i < 12; i++) b.append('cell', 'orders', `user-${i % 4}`, `{"n":${i}}`);
    const handled: string[] = [];
    for (let i = 0; i < 2; i++) {
      const m = b.newMember('billing', 10_000);
      m.topics.push('orders');
      m.fromBeginning = true;
      m.handler = async (r) => {
        handled.push(`${r.partition}:${r.offset}`);
      };
      b.join(m);
    }
    await settle(clock);
    const sim = b.simulation!;
    const view = snapshotView(sim);
    expect(view.brokers).toEqual([{ id: 0, up: true }]);
    expect(view.topics.map((t) => [t.name, t.partitions.length, t.produced])).toEqual([['orders', 3, 12]]);
    const g = view.groups.find((x) => x.id === 'billing')!;
    expect(g.driver).toBe('client');
    expect(g.members.map((m) => m.id)).toEqual(['billing-1', 'billing-2']);
    expect(g.members.flatMap((m) => m.partitions).sort()).toEqual([0, 1, 2]);
    // every partition with records is committed up to its end (an empty one has nothing to commit)
    expect(g.committed.map((c) => c ?? 0)).toEqual(view.topics[0]!.partitions.map((p) => p.logEndOffset));
    expect(view.topics[0]!.partitions.filter((p) => p.logEndOffset > 0).length).toBeGreaterThan(1);
    expect(g.totalLag).toBe(0);
    expect(new Set(handled).size).toBe(12);
    // the lab's own view is read from the simulation
    const lab = b.view();
    const lg = lab.groups.find((x) => x.id === 'billing')!;
    expect(lg.committed).toEqual(g.committed);
    expect(lg.lag).toEqual(g.lag);
    expect(lg.generation).toBe(g.generation);
    expect(lg.members.map((m) => m.partitions)).toEqual(g.members.map((m) => m.partitions));
    expect(lab.topics[0]!.partitions.map((p) => p.logEnd)).toEqual(view.topics[0]!.partitions.map((p) => p.logEndOffset));
    expect(lab.topics[0]!.partitions.flatMap((p) => p.recent.map((r) => r.value)).sort()).toEqual(Array.from({ length: 12 }, (_, i) => `{"n":${i}}`).sort());
  });

  it('a commit for a partition the member does not own is refused by the simulator', async () => {
    const clock = new Clock();
    const b = new Broker([], 10_000, clock);
    b.createTopic('orders', 2);
    const members = ['a', 'b'].map(() => {
      const m = b.newMember('g', 10_000);
      m.topics.push('orders');
      m.handler = async () => {};
      b.join(m);
      return m;
    });
    await settle(clock);
    const owned = snapshotView(b.simulation!).groups[0]!.members.map((m) => m.partitions);
    expect(owned).toEqual([[0], [1]]);
    expect(b.commit(members[0]!, 'orders', 1, 0)).toEqual({ refused: expect.stringMatching(/does not own partition 1 of "orders"/) });
    expect(b.commit(members[0]!, 'orders', 0, 0)).toBe('ok');
  });

  it('a learner’s run leaves a simulation whose group state matches the trace', async () => {
    const r = await runLab({
      cells: [
        {
          name: 'all',
          code: `import { Kafka } from 'kafkajs';
const k = new Kafka({ brokers: ['x:1'] });
const a = k.admin();
await a.connect();
await a.createTopics({ topics: [{ topic: 'orders', numPartitions: 2 }] });
const p = k.producer();
await p.connect();
for (let i = 0; i < 6; i++) await p.send({ topic: 'orders', messages: [{ key: 'u' + i, value: String(i) }] });
const c = k.consumer({ groupId: 'audit' });
await c.connect();
await c.subscribe({ topics: ['orders'], fromBeginning: true });
await c.run({ eachMessage: async () => {} });`,
        },
      ],
    });
    expect(r.error).toBeNull();
    const commits = r.trace.filter((e) => e.type === 'offset/committed');
    const last = new Map(commits.map((e) => [e.partition, e.offset]));
    expect(r.view.groups[0]!.committed).toEqual([last.get(0) ?? null, last.get(1) ?? null]);
    expect(r.view.groups[0]!.lag).toEqual([0, 0]);
  });
});

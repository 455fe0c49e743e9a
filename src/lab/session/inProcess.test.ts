import { describe, expect, it } from 'vitest';
import { partitionForKey } from '../../sim/kafka/index.ts';
import { TICK_MS } from '../../sim/index.ts';
import { runLab } from './inProcess.ts';
import type { LabEvent } from '../runtime/types.ts';

const setup = `import { Kafka } from 'kafkajs';
const kafka = new Kafka({ clientId: 't', brokers: ['localhost:9092'] });
const admin = kafka.admin();
await admin.connect();
await admin.createTopics({ topics: [{ topic: 'orders', numPartitions: 4 }] });
await admin.disconnect();
`;

const run = (...cells: string[]) => runLab({ cells: cells.map((code, i) => ({ name: `cell${i + 1}`, code })) });
const of = <T extends LabEvent['type']>(trace: LabEvent[], type: T) => trace.filter((e): e is Extract<LabEvent, { type: T }> => e.type === type);

describe('runLab', () => {
  it('strips TypeScript types and partitions keys with murmur2, as Kafka does', async () => {
    const r = await run(
      setup,
      `import { Kafka } from 'kafkajs';
const p = new Kafka({ brokers: ['x:1'] }).producer();
await p.connect();
const keys: string[] = ['alice', 'bob', 'carol', 'dave', 'erin'];
for (const key of keys) await p.send({ topic: 'orders', messages: [{ key, value: 'v' }] });`,
    );
    expect(r.error).toBeNull();
    const produced = of(r.trace, 'record/produced');
    expect(produced.map((e) => e.key)).toEqual(['alice', 'bob', 'carol', 'dave', 'erin']);
    for (const e of produced) expect(e.partition).toBe(partitionForKey(e.key!, 4));
  });

  it('returns the partition and offset of each send, as KafkaJS does', async () => {
    const r = await run(
      setup,
      `import { Kafka } from 'kafkajs';
const p = new Kafka({ brokers: ['x:1'] }).producer();
await p.connect();
for (let i = 0; i < 3; i++) {
  const [m] = await p.send({ topic: 'orders', messages: [{ key: 'same', value: String(i) }] });
  console.log(m.partition, m.baseOffset);
}`,
    );
    const p = partitionForKey('same', 4);
    expect(of(r.trace, 'log').map((l) => l.text)).toEqual([`${p} 0`, `${p} 1`, `${p} 2`]);
  });

  it('maps an exception to the learner’s line', async () => {
    const r = await run(`const a: number = 1;\n\nif (a > 0) {\n  throw new RangeError('too big');\n}`);
    expect(r.error).toMatchObject({ kind: 'exception', cell: 'cell1', line: 4, message: 'RangeError: too big (cell1.ts, line 4)' });
  });

  it('reports a syntax error with its line', async () => {
    const r = await run(`const a = 1;\nconst b = ;\n`);
    expect(r.error).toMatchObject({ kind: 'compile', cell: 'cell1', line: 2 });
  });

  it('refuses imports other than kafkajs and ./ledger', async () => {
    const r = await run(`import fs from 'node:fs';\nconsole.log(fs);`);
    expect(r.error?.kind).toBe('import');
    expect(r.error?.message).toMatch(/Cannot import "node:fs": in the lab you can import only 'kafkajs' and '\.\/ledger\.ts'/);
  });

  it('names a KafkaJS method outside the supported subset', async () => {
    const r = await run(`import { Kafka } from 'kafkajs';\nconst admin = new Kafka({ brokers: ['x:1'] }).admin();\nawait admin.connect();\nawait admin.deleteTopics({ topics: ['orders'] });`);
    expect(r.error).toMatchObject({ kind: 'unsupported', line: 4 });
    expect(r.error?.message).toMatch(/admin\.deleteTopics is not part of the KafkaJS subset/);
  });

  it('stops an async loop that never ends (in simulated time here)', async () => {
    const r = await runLab({
      cells: [{ name: 'loop', code: `${setup}const p = kafka.producer();\nawait p.connect();\nwhile (true) {\n  await new Promise((r) => setTimeout(r, 1000));\n}` }],
      maxSimMs: 20_000,
    });
    expect(r.error).toMatchObject({ kind: 'runaway' });
    expect(r.error?.message).toMatch(/The run went on for 20 seconds of simulated time: something keeps it going/);
    expect(r.timeMs).toBeLessThanOrEqual(20_000);
  });

  it('stops a producer that never stops producing', async () => {
    const r = await runLab({
      cells: [{ name: 'flood', code: `${setup}const p = kafka.producer();\nawait p.connect();\nfor (;;) await p.send({ topic: 'orders', messages: [{ key: 'k', value: 'v' }] });` }],
      maxRecords: 500,
    });
    expect(r.error).toMatchObject({ kind: 'runaway' });
    expect(of(r.trace, 'record/produced')).toHaveLength(501);
  });

  it('reports an exception thrown in eachMessage with its group and line', async () => {
    const r = await run(
      setup,
      `import { Kafka } from 'kafkajs';
const k = new Kafka({ brokers: ['x:1'] });
const p = k.producer();
await p.connect();
await p.send({ topic: 'orders', messages: [{ key: 'a', value: 'not json' }] });
const c = k.consumer({ groupId: 'billing' });
await c.connect();
await c.subscribe({ topics: ['orders'], fromBeginning: true });
await c.run({ eachMessage: async ({ message }) => {
  JSON.parse(message.value!.toString());
} });`,
    );
    expect(r.error).toMatchObject({ kind: 'exception', cell: 'cell2', line: 10 });
    expect(r.error?.message).toMatch(/^eachMessage in group billing threw SyntaxError/);
  });

  it('gives two groups their own offsets and splits partitions inside a group', async () => {
    const r = await run(
      setup,
      `import { Kafka } from 'kafkajs';
const k = new Kafka({ brokers: ['x:1'] });
const p = k.producer();
await p.connect();
for (let i = 0; i < 40; i++) await p.send({ topic: 'orders', messages: [{ key: 'user-' + (i % 8), value: String(i) }] });
for (const [group, n] of [['a', 2], ['b', 1]] as const) {
  for (let i = 0; i < n; i++) {
    const c = k.consumer({ groupId: group });
    await c.connect();
    await c.subscribe({ topics: ['orders'], fromBeginning: true });
    await c.run({ eachMessage: async () => {} });
  }
}`,
    );
    expect(r.error).toBeNull();
    const consumed = of(r.trace, 'record/consumed');
    expect(consumed.filter((c) => c.group === 'a')).toHaveLength(40);
    expect(consumed.filter((c) => c.group === 'b')).toHaveLength(40);
    const aMembers = r.view.groups.find((g) => g.id === 'a')!.members;
    expect(aMembers).toHaveLength(2);
    expect([...aMembers[0]!.partitions, ...aMembers[1]!.partitions].sort()).toEqual([0, 1, 2, 3]);
    for (const g of r.view.groups) expect(g.lag.every((l, p) => l === 0 || (l === null && r.view.topics[0]!.partitions[p]!.logEnd === 0))).toBe(true);
  });

  it('a crash before the commit makes the partition’s next owner read the uncommitted records again', async () => {
    const r = await runLab({
      cells: [
        { name: 'setup', code: setup },
        {
          name: 'work',
          code: `import { Kafka } from 'kafkajs';
const k = new Kafka({ brokers: ['x:1'] });
const p = k.producer();
await p.connect();
for (let i = 0; i < 20; i++) await p.send({ topic: 'orders', messages: [{ key: 'k' + i, value: String(i) }] });
for (let i = 0; i < 2; i++) {
  const c = k.consumer({ groupId: 'billing', sessionTimeout: 5000 });
  await c.connect();
  await c.subscribe({ topics: ['orders'], fromBeginning: true });
  await c.run({ eachMessage: async () => {} });
}`,
        },
      ],
      faults: [{ kind: 'crash-before-commit', group: 'billing', afterMessages: 1 }],
    });
    expect(r.error).toBeNull();
    const crash = of(r.trace, 'consumer/crashed')[0]!;
    const left = of(r.trace, 'consumer/left').find((e) => e.member === crash.member)!;
    expect(left.reason).toBe('crashed');
    // removed session.timeout.ms after its last heartbeat, which came at most one heartbeat interval (a third of the session here) before the crash
    expect(left.at - crash.at).toBeGreaterThan(5000 - Math.floor(5000 / 3) - TICK_MS);
    expect(left.at - crash.at).toBeLessThanOrEqual(5000 + 2 * TICK_MS);
    const seen = new Map<string, number>();
    for (const c of of(r.trace, 'record/consumed')) seen.set(`${c.partition}:${c.offset}`, (seen.get(`${c.partition}:${c.offset}`) ?? 0) + 1);
    expect(seen.size).toBe(20);
    expect([...seen.values()].some((n) => n === 2)).toBe(true);
    expect(r.view.groups[0]!.lag.every((l) => l === 0 || l === null)).toBe(true);
  });
});

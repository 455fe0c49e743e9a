import { describe, expect, it } from 'vitest';
import { labs } from './lab-data.ts';
import { runLab } from './session/inProcess.ts';
import { gradeStep, runOptionsForStep } from './steps.ts';
import { checkIds, runChecks, type CheckId } from './checks.ts';

const lab = labs['lab-3-1']!;
const step = (id: string) => {
  const s = lab.steps.find((x) => x.id === id);
  if (!s) throw new Error(`no step ${id}`);
  return s;
};

/** The reference solution with one file edited; fails loudly if the edit does not apply. */
function withEdit(cell: string, from: string | RegExp, to: string | ((m: string) => string)): Record<string, string> {
  const code = lab.solution[cell]!;
  const edited = typeof to === 'string' ? code.replace(from, to) : code.replace(from, to);
  if (edited === code) throw new Error(`edit of ${cell} did not apply: ${String(from)}`);
  return { ...lab.solution, [cell]: edited };
}

async function grade(stepId: string, code: Record<string, string>) {
  const s = step(stepId);
  const run = await runLab(runOptionsForStep(lab, s, code));
  return { run, ...gradeStep(s, run) };
}

function result(r: Awaited<ReturnType<typeof grade>>, id: CheckId) {
  const found = r.results.find((x) => x.id === id);
  if (!found) throw new Error(`no result for ${id}`);
  return found;
}

describe('the reference solution', () => {
  for (const s of lab.steps) {
    it(`passes every check of step ${s.id}`, async () => {
      const r = await grade(s.id, lab.solution);
      expect(r.run.error).toBeNull();
      for (const c of r.results) expect({ id: c.id, passed: c.passed, observed: c.observed }).toMatchObject({ passed: true });
      expect(r.passed).toBe(true);
    });
  }
});

describe('the starter code fails its own step', () => {
  for (const s of lab.steps) {
    it(`step ${s.id}`, async () => {
      const code = { ...lab.solution, [s.cell]: lab.starter[s.cell]! };
      const r = await grade(s.id, code);
      expect(r.passed).toBe(false);
      expect(r.run.error).toBeNull();
      expect(r.results.some((c) => !c.passed && c.hint)).toBe(true);
    });
  }
});

describe('typical mistakes fail the right check with the right message', () => {
  it('one partition', async () => {
    const r = await grade('topic', withEdit('create-topic', 'numPartitions: 6', 'numPartitions: 1'));
    expect(result(r, 'topic-partitions')).toMatchObject({ passed: false, observed: expect.stringContaining('1 partition') });
  });

  it('producing without creating the topic: auto-created with one partition', async () => {
    const s = step('producer');
    const run = await runLab({ cells: [{ name: 'producer', code: lab.solution['producer']! }] });
    const [topic] = gradeStep({ ...s, checks: ['topic-partitions'] }, run).results;
    expect(topic).toMatchObject({ passed: false, observed: expect.stringContaining('created automatically') });
  });

  it('random keys', async () => {
    const r = await grade('producer', withEdit('producer', 'key: order.userId', 'key: `k-${Math.floor(Math.random() * 1e6)}`'));
    expect(result(r, 'keyed-by-user')).toMatchObject({ passed: false, observed: expect.stringMatching(/had a key that is not the user id/) });
    expect(result(r, 'keyed-by-user').hint).toMatch(/key: order\.userId/);
    // With 60 orders over 6 partitions, random keys put at least one user's orders in several partitions.
    expect(result(r, 'user-one-partition')).toMatchObject({ passed: false, observed: expect.stringMatching(/in more than one partition/) });
  });

  it('no keys', async () => {
    const r = await grade('producer', withEdit('producer', 'key: order.userId, ', ''));
    expect(result(r, 'keyed-by-user').observed).toMatch(/60 orders of 60 had no key/);
  });

  it('values that are not JSON orders', async () => {
    const r = await grade('producer', withEdit('producer', 'value: JSON.stringify(order)', 'value: order.orderId'));
    expect(result(r, 'keyed-by-user').observed).toMatch(/not a JSON order/);
  });

  it('one shared group id for billing and audit', async () => {
    const code = withEdit('consumers', /groupId: '(billing|audit)'/g, "groupId: 'orders-app'");
    const r = await grade('consumers', code);
    const c = result(r, 'groups-independent');
    expect(c.passed).toBe(false);
    expect(c.observed).toMatch(/orders-app \(2 consumers, read 60 of 60\)/);
    expect(c.hint).toMatch(/share the group id orders-app/);
  });

  it('audit without fromBeginning misses the orders written before it joined', async () => {
    const code = withEdit('consumers', "await audit.subscribe({ topics: ['orders'], fromBeginning: true });", "await audit.subscribe({ topics: ['orders'] });");
    const r = await grade('consumers', code);
    expect(result(r, 'groups-independent')).toMatchObject({ passed: false, observed: 'audit read 0 of 60 orders.' });
    expect(result(r, 'groups-independent').hint).toMatch(/fromBeginning: true/);
  });

  it('no commit', async () => {
    const code = withEdit('consumers', /await (billing|audit)\.run\(\{/g, (m) => `${m} autoCommit: false,`);
    const r = await grade('consumers', code);
    expect(result(r, 'groups-independent').passed).toBe(true);
    expect(result(r, 'commits')).toMatchObject({ passed: false, observed: expect.stringMatching(/^billing committed no offsets/) });
  });

  it('committing the offset just read instead of the next one', async () => {
    const code = withEdit(
      'consumers',
      'await audit.run({\n  eachMessage: async ({ partition, message }) => {',
      "await audit.run({\n  autoCommit: false,\n  eachMessage: async ({ partition, message }) => {\n    await audit.commitOffsets([{ topic: 'orders', partition, offset: message.offset }]);",
    );
    const r = await grade('consumers', code);
    const c = result(r, 'commits');
    expect(c).toMatchObject({ passed: false, observed: expect.stringMatching(/^audit committed offset \d+ for partition \d+, whose log ends at \d+/) });
    expect(c.hint).toMatch(/next offset to read/);
  });

  it('a second billing consumer that never leaves', async () => {
    const r = await grade('rebalance', withEdit('second-billing', 'await consumer.disconnect();', ''));
    expect(result(r, 'rebalance-no-loss')).toMatchObject({ passed: false, observed: 'No billing consumer left the group during the run.' });
  });

  it('a second consumer in another group is not a billing rebalance', async () => {
    const r = await grade('rebalance', withEdit('second-billing', "groupId: 'billing'", "groupId: 'billing-2'"));
    expect(result(r, 'rebalance-no-loss')).toMatchObject({ passed: false, observed: 'billing had 1 consumer in this run.' });
  });

  it('search indexer without fromBeginning', async () => {
    const r = await grade('backfill', withEdit('search-indexer', ", fromBeginning: true", ''));
    expect(result(r, 'backfill')).toMatchObject({ passed: false, observed: 'search-indexer read 0 of 60 orders.' });
  });

  it('billing that is not idempotent charges a redelivered order twice', async () => {
    const code = withEdit('idempotent-billing', /if \(wasCharged\(order\.orderId\)\) \{[\s\S]*?\} else \{([\s\S]*?)\n\s{4}\}/, '$1');
    const r = await grade('idempotent', code);
    expect(result(r, 'idempotent')).toMatchObject({ passed: false, observed: expect.stringMatching(/crashed before committing; 1 order was delivered again and 1 order was charged twice/) });
  });

  it('billing that never commits is never crashed by the lab, and is told why', async () => {
    const code = withEdit('idempotent-billing', /\n\s*await consumer\.commitOffsets\(.*\);/, '');
    const r = await grade('idempotent', code);
    expect(result(r, 'idempotent')).toMatchObject({ passed: false, observed: expect.stringMatching(/No billing consumer crashed/) });
  });

  it('a run that stopped with an error fails every check with the error', async () => {
    const r = await grade('topic', withEdit('create-topic', 'await admin.connect();', "await admin.connect();\nthrow new Error('boom');"));
    expect(r.passed).toBe(false);
    expect(result(r, 'topic-partitions').observed).toMatch(/The run stopped before it finished: boom \(create-topic\.ts, line 9\)/);
  });
});

/**
 * One solution per check that only looks right: each would pass a laxer version of the check
 * (an "any topic", "has a key", "committed at least the end", "no order was broken" check...),
 * and each fails, because the check's claim does not truly hold in the trace.
 */
describe('every check fails unless its claim truly holds in the trace', () => {
  const checkedHere = new Set<CheckId>();
  const expectFails = (r: Awaited<ReturnType<typeof grade>>, id: CheckId, observed: RegExp) => {
    checkedHere.add(id);
    expect(r.run.error).toBeNull();
    expect(result(r, id)).toMatchObject({ passed: false, observed: expect.stringMatching(observed) });
    expect(result(r, id).hint).toBeTruthy();
    expect(r.passed).toBe(false);
  };

  it('topic-partitions: a six-partition topic with the wrong name, and orders auto-created next to it', async () => {
    const r = await grade('producer', withEdit('create-topic', "topic: 'orders'", "topic: 'order'"));
    const [topic] = gradeStep({ ...step('producer'), checks: ['topic-partitions'] }, r.run).results;
    checkedHere.add('topic-partitions');
    expect(topic).toMatchObject({ passed: false, observed: expect.stringMatching(/orders was created automatically, with 1 partition/) });
  });

  it('keyed-by-user: every order has a key, but the order id', async () => {
    expectFails(await grade('producer', withEdit('producer', 'key: order.userId', 'key: order.orderId')), 'keyed-by-user', /had a key that is not the user id/);
  });

  it('user-one-partition: without keys, step 2 fails even where the orders happened to stay together', async () => {
    const r = await grade('producer', withEdit('producer', 'key: order.userId, ', ''));
    expectFails(r, 'user-one-partition', /had no key|in more than one partition/);
    expect(result(r, 'keyed-by-user').passed).toBe(false);
  });

  it('user-one-partition: keyed, but every order pinned to partition 0', async () => {
    const r = await grade('producer', withEdit('producer', 'key: order.userId, ', 'key: order.userId, partition: 0, '));
    expect(result(r, 'keyed-by-user').passed).toBe(true);
    expectFails(r, 'user-one-partition', /^All 60 orders went to partition 0, so every user stayed together trivially/);
  });

  it('groups-independent: audit joins and reads, then leaves halfway', async () => {
    const code = withEdit('consumers', /\}\);\s*$/, "});\nawait new Promise((r) => setTimeout(r, 150));\nawait audit.disconnect();\n");
    const r = await grade('consumers', code);
    expectFails(r, 'groups-independent', /^audit read \d+ of 60 orders\.$/);
  });

  it('commits: offsets committed beyond the log end (a laxer "at least the end" check would pass)', async () => {
    const code = withEdit(
      'consumers',
      'await audit.run({\n  eachMessage: async ({ partition, message }) => {',
      "await audit.run({\n  autoCommit: false,\n  eachMessage: async ({ partition, message }) => {\n    await audit.commitOffsets([{ topic: 'orders', partition, offset: String(Number(message.offset) + 100) }]);",
    );
    // The simulator's coordinator refuses such commits, so audit ends with none; Kafka stores them, and the check says why that is wrong.
    expectFails(await grade('consumers', code), 'commits', /^audit committed (no offsets|offset \d+ for partition \d+, beyond its log end \d+)/);
  });

  it('commits: an offset stored beyond the log end fails, as a broker that accepts it would leave it', async () => {
    const good = await grade('consumers', lab.solution);
    const trace = good.run.trace.map((e) => (e.type === 'offset/committed' && e.group === 'audit' ? { ...e, offset: e.offset + 100 } : e));
    const [commits] = runChecks(['commits'], { ...good.run, trace });
    expect(commits).toMatchObject({ passed: false, observed: expect.stringMatching(/^audit committed offset \d+ for partition \d+, beyond its log end \d+: after a restart it would skip the next 100 records/) });
  });

  it('read-in-order: audit reads nothing, so nothing it read was out of order', async () => {
    const code = withEdit('consumers', "await audit.subscribe({ topics: ['orders'], fromBeginning: true });", "await audit.subscribe({ topics: ['orders'] });");
    expectFails(await grade('consumers', code), 'read-in-order', /^audit read 0 of 60 orders, so the order in which it reads/);
  });

  it('rebalance-no-loss: the second consumer leaves only after billing has read everything', async () => {
    const r = await grade('rebalance', withEdit('second-billing', 'await sleep(1000);', 'await sleep(20_000);'));
    expectFails(r, 'rebalance-no-loss', /left after billing had read everything in its partitions, so nothing had to be taken over/);
  });

  it('backfill: an indexer that reads every order because it started before any was written', async () => {
    // The indexer's own file writes the history after it joined: it reads all 60 new orders, but backfills nothing.
    const s = step('backfill');
    const run = await runLab({
      cells: [
        { name: 'create-topic', code: lab.solution['create-topic']! },
        { name: 'search-indexer', code: lab.solution['search-indexer']! },
        { name: 'producer', code: lab.solution['producer']! },
      ],
    });
    const [backfill] = gradeStep(s, run).results;
    checkedHere.add('backfill');
    expect(backfill).toMatchObject({ passed: false, observed: 'search-indexer joined before any order was written, so there was no history to backfill.' });
  });

  it('idempotent: every order charged once up front, outside billing, while billing only commits', async () => {
    const upFront = `for (let n = 1; n <= 60; n++) charge(\`o-\${n}\`, 1);\n`;
    let code = withEdit('idempotent-billing', "const consumer = kafka.consumer(", `${upFront}const consumer = kafka.consumer(`);
    code = { ...code, 'idempotent-billing': code['idempotent-billing']!.replace(/if \(wasCharged\(order\.orderId\)\) \{[\s\S]*?\} else \{[\s\S]*?\n\s{4}\}/, "console.log('already charged:', order.orderId, wasCharged(order.orderId));") };
    expect(code['idempotent-billing']).toContain(upFront);
    const r = await grade('idempotent', code);
    expectFails(r, 'idempotent', /was charged while no billing consumer was handling it/);
  });

  it('covers every check', () => {
    expect([...checkedHere].sort()).toEqual([...checkIds].sort());
  });
});

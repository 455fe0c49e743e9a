import { describe, expect, it } from 'vitest';
import { labs } from './lab-data.ts';
import { runLab } from './session/inProcess.ts';
import { gradeStep, runOptionsForStep } from './steps.ts';
import type { CheckId } from './checks.ts';

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

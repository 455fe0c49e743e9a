import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { labs } from '../lab-data.ts';
import { Clock } from '../runtime/broker.ts';
import { gradeStep, runOptionsForStep } from '../steps.ts';
import { runLab } from './inProcess.ts';
import type { PageMessage, SandboxMessage } from './protocol.ts';
import { LabSession } from './session.ts';
import { checkSandboxMessage } from './validate.ts';

const lab = labs['lab-3-1']!;

function session() {
  const sent: PageMessage[] = [];
  const s = new LabSession({ cells: [{ name: 'create-topic', firstLine: 2, lines: 10 }], clock: new Clock(), send: (m) => sent.push(m) });
  s.receive({ t: 'ready' });
  return { s, sent };
}

describe('messages from the sandbox are untrusted input', () => {
  const good: SandboxMessage[] = [
    { t: 'ready' },
    { t: 'hb', timers: 0, busy: false },
    { t: 'log', cell: 'create-topic', level: 'warn', text: 'hello' },
    { t: 'cell', cell: 'create-topic', state: 'done' },
    { t: 'call', id: 1, call: { op: 'produce', cell: 'create-topic', topic: 'orders', messages: [{ key: 'u-1', value: '{}', partition: null }] } },
    { t: 'handled', id: 3, error: null },
    { t: 'charge', orderId: 'o-1', amount: 12.5 },
  ];
  for (const m of good) {
    it(`accepts a well-formed ${m.t}`, () => {
      expect(checkSandboxMessage(m)).toEqual({ ok: true, message: m });
    });
  }

  const bad: [string, unknown][] = [
    ['nothing', undefined],
    ['a string', 'done'],
    ['an old-style result', { type: 'done', result: { trace: [], view: {}, error: null, timeMs: 0 } }],
    ['an unknown kind', { t: 'pass', checks: 'all' }],
    ['an extra field', { t: 'cell', cell: 'create-topic', state: 'done', passed: true }],
    ['a negative timer count', { t: 'hb', timers: -1, busy: false }],
    ['a fractional id', { t: 'handled', id: 1.5, error: null }],
    ['a cell name that is not a file name', { t: 'cell', cell: '../etc', state: 'done' }],
    ['an oversized log line', { t: 'log', cell: 'create-topic', level: 'log', text: 'x'.repeat(10_000) }],
    ['an unknown broker call', { t: 'call', id: 1, call: { op: 'grade', passed: true } }],
    ['a produce with a numeric key', { t: 'call', id: 1, call: { op: 'produce', cell: 'create-topic', topic: 'orders', messages: [{ key: 7, value: null, partition: null }] } }],
    ['an infinite amount', { t: 'charge', orderId: 'o-1', amount: Infinity }],
    ['an error with an unknown kind', { t: 'fail', error: { name: 'E', message: 'm', cell: null, line: null, kind: 'pass' } }],
    ['a prototype trick', JSON.parse('{"t":"ready","__proto__":{"t":"hb"}}')],
  ];
  for (const [what, m] of bad) {
    it(`refuses ${what}`, () => {
      expect(checkSandboxMessage(m).ok).toBe(false);
    });
  }

  it('stops the run at the first malformed message, and ignores everything after it', () => {
    const { s, sent } = session();
    s.receive({ type: 'done', result: { trace: [{ type: 'topic/created', at: 0, topic: 'orders', partitions: 6, auto: false }] } });
    expect(s.failure).toMatchObject({ kind: 'refused', message: expect.stringMatching(/^The sandbox running your code sent the page a message it does not accept/) });
    s.receive({ t: 'call', id: 1, call: { op: 'createTopics', cell: 'create-topic', topics: [{ topic: 'orders', numPartitions: 6 }] } });
    expect(sent).toEqual([]);
    expect(s.finish().trace).toEqual([]);
  });

  it('refuses a reply to a delivery it never sent, and a file it does not run', () => {
    const a = session();
    a.s.receive({ t: 'handled', id: 42, error: null });
    expect(a.s.failure?.kind).toBe('refused');
    const b = session();
    b.s.receive({ t: 'log', cell: 'producer', level: 'log', text: 'not in this run' });
    expect(b.s.failure?.kind).toBe('refused');
  });

  it('keeps an error’s file and line only when they point into the learner’s files', () => {
    const { s } = session();
    s.receive({ t: 'fail', error: { name: 'TypeError', message: 'x is not a function', cell: 'create-topic', line: 9999, kind: 'exception' } });
    expect(s.failure).toEqual({ kind: 'exception', message: 'TypeError: x is not a function (create-topic.ts)', cell: 'create-topic', line: null });
  });

  it("adds the lab's hint after KafkaJS's own error when the error shows what the lab's broker cannot do", () => {
    const { s } = session();
    s.receive({ t: 'fail', error: { name: 'KafkaJSNotImplemented', message: 'Snappy compression not implemented', cell: 'create-topic', line: 3, kind: 'exception' } });
    expect(s.failure?.message).toMatch(/^KafkaJSNotImplemented: Snappy compression not implemented \(create-topic\.ts, line 3\) Lab hint: the lab’s broker and KafkaJS in the browser handle records uncompressed or gzip-compressed only\./);
    const plain = session();
    plain.s.receive({ t: 'fail', error: { name: 'TypeError', message: 'x is not a function', cell: null, line: null, kind: 'exception' } });
    expect(plain.s.failure?.message).toBe('TypeError: x is not a function');
  });

  it('follows a console line that shows a KafkaJS error the lab cannot avoid with the hint, once per run', () => {
    const { s } = session();
    const line = 'transaction failed: KafkaJSNonRetriableError: Transactional Id authorization failed';
    s.receive({ t: 'log', cell: 'create-topic', level: 'error', text: line });
    s.receive({ t: 'log', cell: 'create-topic', level: 'error', text: line });
    s.receive({ t: 'log', cell: 'create-topic', level: 'log', text: 'done' });
    const logs = s.finish().trace.flatMap((e) => (e.type === 'log' ? [[e.level, e.text]] : []));
    expect(logs).toEqual([
      ['error', line],
      ['warn', expect.stringMatching(/^Lab hint: the lab’s broker has no transactions/)],
      ['error', line],
      ['log', 'done'],
    ]);
  });

  it('answers a bad call with an error reply, as a broker answers with an error code, and keeps running', () => {
    const { s, sent } = session();
    s.receive({ t: 'call', id: 1, call: { op: 'createTopics', cell: 'create-topic', topics: [{ topic: 'orders', numPartitions: 1000 }] } });
    s.receive({ t: 'call', id: 2, call: { op: 'commit', member: 'nobody-1', offsets: [] } });
    expect(sent).toEqual([
      { t: 'reply', id: 1, ok: false, error: { name: 'RangeError', message: 'numPartitions for orders must be from 1 to 64 in this lab (got 1000).' } },
      { t: 'reply', id: 2, ok: false, error: { name: 'Error', message: 'unknown consumer nobody-1' } },
    ]);
    expect(s.failure).toBeNull();
  });

  it('is not idle while the sandbox says it is busy, or has timers, or while a delivery is out', () => {
    const { s } = session();
    s.receive({ t: 'cell', cell: 'create-topic', state: 'done' });
    expect(s.idle()).toBe(false); // busy until the sandbox says otherwise
    s.receive({ t: 'hb', timers: 1, busy: false });
    expect(s.idle()).toBe(false);
    s.receive({ t: 'hb', timers: 0, busy: false });
    expect(s.idle()).toBe(true);
    s.receive({ t: 'hb', timers: 0, busy: true });
    expect(s.idle()).toBe(false);
  });
});

describe('a sandbox whose runtime was tampered with cannot fake a pass', () => {
  it('a runtime that reports a forged result in place of every message gets the run refused, and the step fails', async () => {
    const s = lab.steps.find((x) => x.id === 'topic')!;
    const forged = { type: 'done', result: { trace: [{ type: 'topic/created', at: 0, topic: 'orders', partitions: 6, auto: false }], view: {}, error: null } };
    const run = await runLab({ ...runOptionsForStep(lab, s, lab.starter), tamper: () => forged });
    expect(run.error?.kind).toBe('refused');
    expect(gradeStep(s, run).passed).toBe(false);
  });

  it('well-formed lies are only the learner’s own requests: the broker records what it did, so the checks still fail', async () => {
    // Every log line claims success: the trace the checks read does not change.
    const s = lab.steps.find((x) => x.id === 'topic')!;
    const run = await runLab({
      ...runOptionsForStep(lab, s, lab.starter),
      tamper: (m) => (m.t === 'log' ? { ...m, text: '✓ All checks passed' } : m),
    });
    expect(run.error).toBeNull();
    const graded = gradeStep(s, run);
    expect(graded.passed).toBe(false);
    expect(graded.results[0]!.observed).toMatch(/orders has 1 partition/);
  });
});

describe('public/lab-sandbox.html', () => {
  const html = readFileSync(new URL('../../../public/lab-sandbox.html', import.meta.url), 'utf8');
  const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(html)?.[1] ?? '';
  const directives = new Map(csp.split(';').map((d) => d.trim().split(/\s+/)).map(([k, ...v]) => [k!, v]));

  it('allows no request of any kind and no code from strings: only its own inline script, and workers from blob: URLs', () => {
    expect(directives.get('default-src')).toEqual(["'none'"]);
    expect(directives.get('worker-src')).toEqual(['blob:']);
    expect(directives.get('base-uri')).toEqual(["'none'"]);
    const scriptSrc = directives.get('script-src') ?? [];
    expect(scriptSrc).toHaveLength(1);
    expect(scriptSrc[0]).toMatch(/^'sha256-[A-Za-z0-9+/]+=*'$/);
    for (const forbidden of ["'unsafe-eval'", "'unsafe-inline'", "'wasm-unsafe-eval'", '*', 'http:', 'https:', 'data:', "'self'"]) expect(csp).not.toContain(forbidden);
    expect([...directives.keys()].filter((k) => k.startsWith('connect') || k.startsWith('font') || k.startsWith('img'))).toEqual([]);
  });

  it('lists the hash of the one inline script it has (edit the script: update the hash)', () => {
    const scripts = [...html.matchAll(/<script>([\s\S]*?)<\/script>/g)].map((m) => m[1]!);
    expect(scripts).toHaveLength(1);
    const hash = createHash('sha256').update(scripts[0]!, 'utf8').digest('base64');
    expect(directives.get('script-src')).toEqual([`'sha256-${hash}'`]);
    expect(html).not.toMatch(/<script[^>]+src=/);
  });
});

import { describe, expect, it } from 'vitest';
import { labs } from '../lab-data.ts';
import type { RunError } from '../runtime/types.ts';
import { runOptionsForStep, verdict } from '../steps.ts';
import { runLab } from './inProcess.ts';
import { errorHeading, runStops } from './messages.ts';

/** The words of a text, lower case, without punctuation. */
const words = (s: string) => s.toLowerCase().replace(/[^a-z0-9\s]/g, ' ').split(/\s+/).filter(Boolean);

/** Fails when the message repeats its heading, or says "1 <plural>" or "<n ≠ 1> <singular>" for the lab's nouns. */
function expectReadable(e: RunError) {
  const heading = errorHeading(e.kind);
  const text = `${heading} ${e.message}`;
  // no sentence of the heading comes back in the message ("Your code could not be read. Your code could not be read: ...")
  const h = words(heading);
  if (h.length >= 3) expect(words(e.message).join(' ')).not.toContain(h.join(' '));
  // nor does the message start with the heading's first word again ("Stopped. Stopped: ...")
  if (h.length === 1) expect(words(e.message)[0]).not.toBe(h[0]);
  expect(text).not.toMatch(/\b1 (seconds|records|requests|orders|partitions|checks|lines)\b/);
  expect(text).not.toMatch(/\b([02-9]|\d{2,}) (second|record|request|order|partition|check|line)\b(?!s)/);
}

const lab = labs['lab-3-1']!;

describe('what the lab says when a run stops early', () => {
  it('never repeats the heading, and numbers agree with their nouns', async () => {
    const errors: RunError[] = [
      runStops.tooLong(30_000),
      runStops.tooLong(1_000),
      runStops.silent(6_000),
      runStops.didNotStart(15_000),
      runStops.outOfMemory('Array buffer allocation failed'),
      runStops.byLearner(),
      runStops.refused('Unrecognized key: "passed"'),
      runStops.tooManyMessages(250_000),
      runStops.tooManyRecords(10_000),
      runStops.tooLongSimulated(20_000),
    ];
    // and what real runs report: a syntax error, an exception, an import, the KafkaJS subset's limit
    const step = lab.steps[0]!;
    for (const code of ['const b = ;', "throw new Error('boom');", "import fs from 'node:fs';\nconsole.log(fs);", "import { Kafka } from 'kafkajs';\nconst a = new Kafka({ brokers: ['x:1'] }).admin();\nawait a.connect();\nawait a.alterConfigs({});"]) {
      const r = await runLab({ ...runOptionsForStep(lab, step, { 'create-topic': code }) });
      expect(r.error).not.toBeNull();
      errors.push(r.error!);
    }
    expect(new Set(errors.map((e) => e.kind))).toEqual(new Set(['runaway', 'crashed', 'stopped', 'refused', 'compile', 'exception', 'import', 'unsupported']));
    for (const e of errors) expectReadable(e);
  });

  it('a syntax error says where, once', async () => {
    const r = await runLab({ ...runOptionsForStep(lab, lab.steps[0]!, { 'create-topic': 'const a = 1;\nconst b = ;\n' }) });
    expect(`${errorHeading(r.error!.kind)} ${r.error!.message}`).toBe('Your code could not be read. Unexpected token (create-topic.ts, line 2)');
  });

  it('counts checks in plain English', () => {
    const c = (passed: boolean) => ({ id: 'commits' as const, title: '', passed, observed: '', hint: null });
    expect(verdict([c(true)])).toBe('The check passed.');
    expect(verdict([c(false)])).toBe('The check did not pass.');
    expect(verdict([c(true), c(true)])).toBe('Both checks passed.');
    expect(verdict([c(false), c(false)])).toBe('Neither check passed.');
    expect(verdict([c(true), c(false)])).toBe('1 of 2 checks did not pass.');
    expect(verdict([c(true), c(true), c(true)])).toBe('All 3 checks passed.');
    expect(verdict([c(false), c(false), c(false)])).toBe('None of the 3 checks passed.');
  });
});

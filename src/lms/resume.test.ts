import { readFileSync, readdirSync } from 'node:fs';
import { deflateSync, strToU8 } from 'fflate';
import { describe, expect, it } from 'vitest';
import { sections } from '../content';
import type { Answer, Attempt, QuizResponse } from '../quiz/answer';
import { bestPercent, createAttempt } from '../quiz/engine';
import { loadItems } from '../quiz/items';
import { mulberry32 } from '../quiz/rng';
import { MAX_CELL_CHARS } from '../store/slices/lab';
import { QUIZ_HISTORY_LIMIT } from '../store/slices/quiz';
import { decodeResume, encodeResume, mergeResume, SUSPEND_DATA_LIMIT, type ResumeState } from './resume';

const { items, byId } = loadItems();
const lab = JSON.parse(readFileSync('content/labs/lab-3-1/lab.json', 'utf8')) as { id?: string; steps: { id: string; cell: string }[] };
const labId = 'lab-3-1';
const promptIds = readdirSync('content/lessons').flatMap((f) => [...readFileSync(`content/lessons/${f}`, 'utf8').matchAll(/::reflect\{id="([^"]+)"/g)].map((m) => m[1]!));

/** Text that does not compress: letters drawn from a seeded PRNG. */
function noise(length: number, seed: number): string {
  const rand = mulberry32(seed);
  const alphabet = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 .,;:()[]{}<>=+-*/';
  let s = '';
  for (let i = 0; i < length; i++) s += alphabet[Math.floor(rand() * alphabet.length)];
  return s;
}

/** An answer to item `id`; numbers as long as a double allows, or whole numbers as learners type them. */
function answerFor(id: string, rand: () => number, longNumbers: boolean): Answer {
  const num = () => (longNumbers ? rand() * 1e9 : Math.round(rand() * 1000));
  const item = byId.get(id)!;
  switch (item.type) {
    case 'single':
      return { kind: 'single', choice: item.choices[Math.floor(rand() * item.choices.length)]!.id };
    case 'multiple':
      return { kind: 'multiple', choices: item.choices.map((c) => c.id) };
    case 'ordering':
      return { kind: 'ordering', order: [...item.steps.map((s) => s.id)].reverse() };
    case 'numeric':
      return { kind: 'numeric', value: num() };
    case 'predict':
      return { kind: 'predict', value: num() };
  }
}

/** An attempt with every question answered and a seeded mix of scores; finished unless `open`. */
function answeredAttempt(seed: number, open = false, longNumbers = true): Attempt {
  const startedAt = new Date(Date.UTC(2026, 0, 1) + seed * 3_600_000).toISOString();
  const a = createAttempt(byId, { seed, pool: items.map((i) => i.id), kind: 'full', startedAt });
  const rand = mulberry32(seed);
  const responses: Record<string, QuizResponse> = {};
  a.itemIds.forEach((id, i) => {
    const score = Math.round(rand() * 4) / 4;
    const answeredAt = new Date(Date.parse(startedAt) + i * 37_123 + Math.floor(rand() * 1000)).toISOString();
    responses[id] = { answer: answerFor(id, rand, longNumbers), score, correct: score === 1, observed: longNumbers ? rand() * 1e6 : Math.round(rand() * 100), answeredAt };
  });
  return { ...a, responses, finishedAt: open ? null : new Date(Date.parse(startedAt) + 1_800_000).toISOString(), position: a.itemIds.length - 1 };
}

/** The heaviest learner the app lets exist: every limit reached, text that does not compress. */
function worstCaseLearner(longNumbers = true): ResumeState {
  const all = Object.fromEntries(sections.map((s) => [s.id, true as const]));
  const history = Array.from({ length: QUIZ_HISTORY_LIMIT }, (_, i) => answeredAttempt(1000 + i, false, longNumbers));
  const selfCheck: Record<string, QuizResponse> = {};
  for (const item of items.filter((i) => i.section === 'self-check')) selfCheck[item.id] = history[0]!.responses[item.id]!;
  return {
    progress: { visited: all, completed: all, notes: Object.fromEntries(promptIds.map((id, i) => [id, noise(20_000, i)])), lastSection: sections.at(-1)!.id },
    quiz: { current: answeredAttempt(99, true, longNumbers), history, selfCheck },
    lab: {
      code: { [labId]: Object.fromEntries(lab.steps.map((s, i) => [s.cell, noise(MAX_CELL_CHARS, 500 + i)])) },
      passed: { [labId]: Object.fromEntries(lab.steps.map((s) => [s.id, true as const])) },
      current: { [labId]: lab.steps.at(-1)!.id },
    },
  };
}

function typicalLearner(): ResumeState {
  const s = worstCaseLearner();
  return {
    progress: { ...s.progress, notes: { [promptIds[0]!]: 'Billing and audit each keep their own offsets.' } },
    quiz: { current: null, history: s.quiz.history.slice(0, 1), selfCheck: {} },
    lab: { ...s.lab, code: { [labId]: { [lab.steps[0]!.cell]: 'await admin.createTopics({ topics: [{ topic: "orders", numPartitions: 6 }] });\n' } } },
  };
}

describe('suspend_data: encodeResume / decodeResume', () => {
  it('fits the worst-case learner in SCORM 1.2\'s 4,096 characters and keeps everything the LMS is told', { timeout: 60_000 }, () => {
    const learner = worstCaseLearner();
    expect(JSON.stringify(learner).length).toBeGreaterThan(100 * SUSPEND_DATA_LIMIT);
    const { text, leftOut } = encodeResume(learner);
    expect(text.length).toBeLessThanOrEqual(SUSPEND_DATA_LIMIT);
    expect(text).toMatch(/^[A-Za-z0-9+/=.]+$/);
    const decoded = decodeResume(text);
    if (!decoded.ok || !decoded.state) throw new Error('did not decode');
    const back = decoded.state;
    expect(back.progress.completed).toEqual(learner.progress.completed);
    expect(back.progress.visited).toEqual(learner.progress.visited);
    expect(back.progress.lastSection).toBe(learner.progress.lastSection);
    expect(back.lab.passed).toEqual(learner.lab.passed);
    expect(back.lab.current).toEqual(learner.lab.current);
    // the score reported to the LMS comes back the same after a relaunch on a new device
    expect(bestPercent(back.quiz.history)).toBe(bestPercent(learner.quiz.history));
    // what did not fit is named (and stays in this browser's storage)
    if (!back.quiz.current) expect(leftOut).toContain('the quiz attempt in progress');
    expect(leftOut).toContain(`note ${promptIds[0]}`);
    expect(leftOut).toContain(`lab code ${labId}/${lab.steps[0]!.cell}`);
  });

  it('keeps the attempt in progress (answers as learners type them) before notes and code', { timeout: 60_000 }, () => {
    const learner = worstCaseLearner(false);
    const decoded = decodeResume(encodeResume(learner).text);
    if (!decoded.ok || !decoded.state) throw new Error('did not decode');
    const current = learner.quiz.current!;
    const unanswered = Object.fromEntries(Object.entries(current.choiceOrder).filter(([id]) => !current.responses[id]));
    expect(decoded.state.quiz.current).toEqual({ ...current, choiceOrder: unanswered });
    expect(Object.keys(decoded.state.progress.notes)).toEqual([]);
  });

  it('round-trips a typical learner, leaving out only the choice order of finished attempts', () => {
    const learner = typicalLearner();
    const { text, leftOut } = encodeResume(learner);
    expect(leftOut).toEqual([]);
    const summarisedHistory = learner.quiz.history.map((a) => ({ ...a, choiceOrder: {}, drafts: {} }));
    expect(decodeResume(text)).toEqual({ ok: true, state: { ...learner, quiz: { ...learner.quiz, history: summarisedHistory } } });
  });

  it('never exceeds a smaller limit, down to the bare minimum', { timeout: 60_000 }, () => {
    const learner = worstCaseLearner();
    for (const limit of [3000, 2000, 1200, 600]) expect(encodeResume(learner, limit).text.length).toBeLessThanOrEqual(limit);
  });

  it('reads an empty string as a first launch and refuses anything else it cannot read, without throwing', () => {
    expect(decodeResume('')).toEqual({ ok: true, state: null });
    expect(decodeResume('lesson=3;score=80')).toEqual({ ok: false, why: 'it was not written by Streamlab' });
    expect(decodeResume('SL1.%%%')).toMatchObject({ ok: false, why: expect.stringContaining('damaged') });
    expect(decodeResume('SL1.aGVsbG8=')).toMatchObject({ ok: false, why: expect.stringContaining('damaged') });
    const wrongShape = 'SL1.' + btoa(String.fromCharCode(...deflateSync(strToU8('{"progress":{"completed":42}}'))));
    expect(decodeResume(wrongShape)).toEqual({ ok: false, why: 'its contents are damaged or incomplete' });
  });
});

describe('mergeResume', () => {
  const empty = (): ResumeState => ({
    progress: { visited: {}, completed: {}, notes: {}, lastSection: null },
    quiz: { current: null, history: [], selfCheck: {} },
    lab: { code: {}, passed: {}, current: {} },
  });

  it('loses nothing either side holds', () => {
    const local = empty();
    local.progress.completed = { a: true };
    local.progress.notes = { n1: 'full local note' };
    local.lab.code = { [labId]: { producer: 'local code' } };
    local.quiz.history = [answeredAttempt(1)];
    const fromLms = empty();
    fromLms.progress.completed = { b: true };
    fromLms.progress.lastSection = 'b';
    fromLms.progress.notes = { n1: 'summarised', n2: 'only in the LMS' };
    fromLms.lab.passed = { [labId]: { topic: true } };
    fromLms.quiz.history = [answeredAttempt(2)];
    const m = mergeResume(local, fromLms);
    expect(m.progress.completed).toEqual({ a: true, b: true });
    expect(m.progress.lastSection).toBe('b');
    expect(m.progress.notes).toEqual({ n1: 'full local note', n2: 'only in the LMS' });
    expect(m.lab.code[labId]).toEqual({ producer: 'local code' });
    expect(m.lab.passed[labId]).toEqual({ topic: true });
    expect(m.quiz.history.map((a) => a.id).sort()).toEqual([answeredAttempt(1).id, answeredAttempt(2).id].sort());
  });

  it('keeps the attempt in progress with more answers, and never one that is already finished', () => {
    const local = empty();
    const fromLms = empty();
    const open = answeredAttempt(7, true);
    const fewer = { ...open, responses: Object.fromEntries(Object.entries(open.responses).slice(0, 2)) };
    local.quiz.current = fewer;
    fromLms.quiz.current = open;
    expect(mergeResume(local, fromLms).quiz.current).toEqual(open);
    expect(mergeResume({ ...local, quiz: { ...local.quiz, current: open } }, { ...fromLms, quiz: { ...fromLms.quiz, current: fewer } }).quiz.current).toEqual(open);
    const finished = answeredAttempt(7);
    fromLms.quiz.history = [finished];
    expect(mergeResume(local, fromLms).quiz.current).toBeNull();
  });

  it('keeps at most the history limit, newest first kept', () => {
    const local = empty();
    local.quiz.history = Array.from({ length: 30 }, (_, i) => answeredAttempt(i));
    const fromLms = empty();
    fromLms.quiz.history = Array.from({ length: 30 }, (_, i) => answeredAttempt(100 + i));
    const m = mergeResume(local, fromLms, QUIZ_HISTORY_LIMIT);
    expect(m.quiz.history).toHaveLength(QUIZ_HISTORY_LIMIT);
    expect(m.quiz.history.at(-1)!.id).toBe(answeredAttempt(129).id);
  });
});

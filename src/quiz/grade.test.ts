import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { describeTolerance, gradeAnswer, pairAgreement, withinTolerance } from './grade';
import { quizItemSchema, type QuizItem } from './schema';

const choice = (id: string, correct: boolean) => ({ id, text: `Choice ${id}`, correct, feedback: `Feedback for ${id}` });
const base = { section: 'backpressure', prompt: 'Question?', explanation: 'Because.' };
const make = (x: unknown) => quizItemSchema.parse(x) as QuizItem;

const multi = make({ ...base, id: 'm', type: 'multiple', choices: [choice('a', true), choice('b', true), choice('c', true), choice('d', false), choice('e', false)] });
const order = make({ ...base, id: 'o', type: 'ordering', steps: ['s1', 's2', 's3', 's4'].map((id) => ({ id, text: id })) });
const numeric = make({ ...base, id: 'n', type: 'numeric', answer: 100, tolerance: { abs: 2, rel: 0.05 }, misconceptions: [{ value: 50, feedback: 'half' }] });
const predict = make({ ...base, explanation: 'was {value}', id: 'p', type: 'predict', measure: { kind: 'partitionOfKey', key: 'k', partitions: 4 }, misconceptions: [{ value: 3, feedback: 'three' }] });
const single = make({ ...base, id: 's', type: 'single', choices: [choice('a', false), choice('b', true)] });

describe('single choice', () => {
  it('scores the right choice 1 and any other 0, with that choice’s feedback', () => {
    expect(gradeAnswer(single, { kind: 'single', choice: 'b' })).toEqual({ score: 1, correct: true, feedback: ['Feedback for b'] });
    expect(gradeAnswer(single, { kind: 'single', choice: 'a' })).toEqual({ score: 0, correct: false, feedback: ['Feedback for a'] });
    expect(gradeAnswer(single, { kind: 'single', choice: 'zzz' }).score).toBe(0);
    expect(gradeAnswer(single, { kind: 'numeric', value: 1 }).score).toBe(0);
  });
});

describe('multiple choice partial credit (+1/k per true pick, −1/k per false pick, floored at 0)', () => {
  const g = (...choices: string[]) => gradeAnswer(multi, { kind: 'multiple', choices });
  it('gives full marks only for exactly the true statements', () => {
    expect(g('a', 'b', 'c')).toMatchObject({ score: 1, correct: true, feedback: [] });
    expect(g('c', 'a', 'b').correct).toBe(true);
  });
  it('gives proportional credit and subtracts for false picks', () => {
    expect(g('a').score).toBeCloseTo(1 / 3);
    expect(g('a', 'b').score).toBeCloseTo(2 / 3);
    expect(g('a', 'b', 'c', 'd').score).toBeCloseTo(2 / 3);
    expect(g('a', 'b', 'd').score).toBeCloseTo(1 / 3);
    expect(g('a', 'b', 'c', 'd').correct).toBe(false);
  });
  it('never goes below zero', () => {
    expect(g('d', 'e').score).toBe(0);
    expect(g('a', 'd', 'e').score).toBe(0);
    expect(g().score).toBe(0);
  });
  it('explains every false pick and every missed true statement', () => {
    const fb = g('a', 'd').feedback;
    expect(fb).toContain('Feedback for d');
    expect(fb.some((f) => f.includes('Choice b') && f.includes('Feedback for b'))).toBe(true);
    expect(fb.some((f) => f.includes('Choice c'))).toBe(true);
    expect(fb.some((f) => f.includes('Choice a'))).toBe(false);
  });
  it('scores an answer naming an unknown choice as 0', () => {
    expect(g('a', 'b', 'c', 'nope').score).toBe(0);
  });
  it('is always in [0, 1] and 1 only for the exact true set (property)', () => {
    fc.assert(
      fc.property(fc.subarray(['a', 'b', 'c', 'd', 'e']), (picked) => {
        const r = g(...picked);
        expect(r.score).toBeGreaterThanOrEqual(0);
        expect(r.score).toBeLessThanOrEqual(1);
        expect(r.correct).toBe([...picked].sort().join() === 'a,b,c');
      }),
    );
  });
});

describe('numeric tolerance', () => {
  it('accepts within the larger of the absolute and relative tolerance', () => {
    expect(withinTolerance(104.9, 100, { abs: 2, rel: 0.05 })).toBe(true);
    expect(withinTolerance(105.1, 100, { abs: 2, rel: 0.05 })).toBe(false);
    expect(withinTolerance(0.1 + 0.2, 0.3, {})).toBe(true);
    expect(withinTolerance(8249, 8250, {})).toBe(false);
    expect(withinTolerance(Number.NaN, 1, { abs: 100 })).toBe(false);
  });
  it('grades answers and recognizes a known misconception', () => {
    expect(gradeAnswer(numeric, { kind: 'numeric', value: 96 }).correct).toBe(true);
    expect(gradeAnswer(numeric, { kind: 'numeric', value: 50 })).toEqual({ score: 0, correct: false, feedback: ['half'] });
    expect(gradeAnswer(numeric, { kind: 'numeric', value: 10 })).toEqual({ score: 0, correct: false, feedback: [] });
  });
  it('describes the tolerance in words', () => {
    expect(describeTolerance({ abs: 2, rel: 0.05 }, 'ms')).toBe('±2 ms or ±5%, whichever is larger');
    expect(describeTolerance({ rel: 0.25 })).toBe('±25%');
    expect(describeTolerance({})).toBeNull();
  });
});

describe('ordering', () => {
  const g = (...order: string[]) => gradeAnswer(order_, { kind: 'ordering', order });
  const order_ = order;
  it('gives full marks for the exact order only', () => {
    expect(g('s1', 's2', 's3', 's4')).toMatchObject({ score: 1, correct: true });
    expect(g('s2', 's1', 's3', 's4').correct).toBe(false);
  });
  it('gives the share of pairs in the right relative order', () => {
    expect(g('s2', 's1', 's3', 's4').score).toBeCloseTo(5 / 6);
    expect(g('s4', 's3', 's2', 's1').score).toBe(0);
    expect(pairAgreement(['a', 'b', 'c'], ['a', 'c', 'b'])).toBeCloseTo(2 / 3);
  });
  it('scores incomplete or duplicated orders as 0', () => {
    expect(g('s1', 's2', 's3').score).toBe(0);
    expect(g('s1', 's1', 's2', 's3').score).toBe(0);
  });
});

describe('predict, then run', () => {
  it('grades against the observed value, never without it', () => {
    expect(gradeAnswer(predict, { kind: 'predict', value: 2 }, 2)).toMatchObject({ score: 1, correct: true });
    expect(gradeAnswer(predict, { kind: 'predict', value: 3 }, 2)).toEqual({ score: 0, correct: false, feedback: ['three'] });
    expect(gradeAnswer(predict, { kind: 'predict', value: 2 }).correct).toBe(false);
  });
});

describe('units, plurals and scores for people', () => {
  it('says "1 broker" and "2 brokers", "1 record/s", and leaves % and symbols alone', async () => {
    const { withUnit, plural, formatScore } = await import('./grade');
    expect(withUnit(1, 'brokers')).toBe('1 broker');
    expect(withUnit(2, 'brokers')).toBe('2 brokers');
    expect(withUnit(1, 'records/s')).toBe('1 record/s');
    expect(withUnit(1, 'ms')).toBe('1 ms');
    expect(withUnit(50, '%')).toBe('50%');
    expect(plural(1, 'question')).toBe('1 question');
    expect(plural(3, 'unanswered question')).toBe('3 unanswered questions');
    expect(formatScore(7.667)).toBe('7.7');
    expect(formatScore(33.333)).toBe('33.3');
    expect(formatScore(12)).toBe('12');
  });
});


import { describe, expect, it } from 'vitest';
import type { Attempt, QuizResponse } from './answer';
import { attemptSchema } from './answer';
import { bestPercent, createAttempt, firstOpenPosition, missedIds, scoreAttempt, sectionsToRevisit } from './engine';
import { loadItems } from './items';
import { mulberry32, shuffled } from './rng';

const { items, byId } = loadItems();
const all = items.map((i) => i.id);
const start = (seed: number, pool = all) => createAttempt(byId, { seed, pool, kind: 'full', startedAt: '2026-01-02T03:04:05.000Z' });
const resp = (score: number): QuizResponse => ({ answer: { kind: 'numeric', value: 0 }, score, correct: score === 1, answeredAt: 'now' });

describe('seeded PRNG', () => {
  it('is reproducible and differs between seeds', () => {
    const a = mulberry32(42);
    const b = mulberry32(42);
    const xs = Array.from({ length: 5 }, () => a());
    expect(Array.from({ length: 5 }, () => b())).toEqual(xs);
    expect(mulberry32(43)()).not.toBe(xs[0]);
    for (const x of xs) expect(x >= 0 && x < 1).toBe(true);
  });
  it('shuffles into a permutation without touching the input', () => {
    const input = [1, 2, 3, 4, 5, 6, 7, 8];
    const out = shuffled(input, mulberry32(7));
    expect([...out].sort()).toEqual(input);
    expect(input).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
  });
});

describe('createAttempt', () => {
  it('reproduces the same questions and choice orders from the same seed', () => {
    expect(start(1234)).toEqual(start(1234));
    expect(start(1234, [...all].reverse())).toEqual(start(1234));
  });
  it('shuffles questions and choices differently for different seeds', () => {
    const a = start(1);
    const b = start(2);
    expect(a.itemIds).not.toEqual(b.itemIds);
    expect([...a.itemIds].sort()).toEqual([...all].sort());
    const anyChoiceDiffers = a.itemIds.some((id) => a.choiceOrder[id] && a.choiceOrder[id]!.join() !== b.choiceOrder[id]!.join());
    expect(anyChoiceDiffers).toBe(true);
  });
  it('never starts an ordering question already in the right order, and passes its own schema', () => {
    for (let seed = 0; seed < 50; seed++) {
      const a = start(seed);
      for (const item of items) if (item.type === 'ordering') expect(a.choiceOrder[item.id]!.join()).not.toBe(item.steps.map((s) => s.id).join());
      expect(attemptSchema.safeParse(a).success).toBe(true);
    }
  });
  it('asks only known questions from the pool', () => {
    const a = start(5, ['sc-random-keys', 'nope', 'sc-random-keys']);
    expect(a.itemIds).toEqual(['sc-random-keys']);
  });
});

describe('scoring and review', () => {
  const attempt: Pick<Attempt, 'itemIds' | 'responses'> = {
    itemIds: ['sc-random-keys', 'backpressure-mechanisms', 'failures-lag-value', 'security-risks'],
    responses: { 'sc-random-keys': resp(1), 'backpressure-mechanisms': resp(2 / 3), 'failures-lag-value': resp(0) },
  };
  it('adds partial credit and counts unanswered questions as zero', () => {
    expect(scoreAttempt(attempt)).toEqual({ points: 1.667, max: 4, percent: 41.7, answered: 3, correct: 1 });
  });
  it('lists missed questions (not full marks or unanswered) in asked order', () => {
    expect(missedIds(attempt)).toEqual(['backpressure-mechanisms', 'failures-lag-value', 'security-risks']);
    expect(firstOpenPosition(attempt)).toBe(3);
  });
  it('names the sections to revisit in module order', () => {
    expect(sectionsToRevisit(attempt, items)).toEqual([
      { section: 'backpressure', missed: 1, asked: 1 },
      { section: 'production-failures', missed: 1, asked: 1 },
      { section: 'security', missed: 1, asked: 1 },
    ]);
  });
  it('keeps the best score over finished full attempts only', () => {
    const mk = (kind: Attempt['kind'], finished: boolean, score: number): Attempt => ({
      ...start(1, ['sc-random-keys']),
      kind,
      finishedAt: finished ? 'x' : null,
      responses: { 'sc-random-keys': resp(score) },
    });
    expect(bestPercent([])).toBeNull();
    expect(bestPercent([mk('full', true, 0), mk('retry', true, 1), mk('full', false, 1)])).toBe(0);
    expect(bestPercent([mk('full', true, 0), mk('full', true, 1)])).toBe(100);
  });
});

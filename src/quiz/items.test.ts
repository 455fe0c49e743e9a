import { describe, expect, it } from 'vitest';
import { scenarioIdsOnDisk } from '../content/load-from-disk';
import { validateConfig } from '../sim/index.ts';
import { correctAnswer, gradeAnswer } from './grade';
import { loadItems, parseItems } from './items';
import { fillValue, runPrediction } from './predict';
import type { QuizItem } from './schema';

const { items, problems } = loadItems();
const scenarios = new Set(scenarioIdsOnDisk());

describe('quiz items in content/quiz', () => {
  it('all pass the schema, with unique ids and known sections', () => {
    expect(problems).toEqual([]);
    expect(items.length).toBeGreaterThanOrEqual(16);
  });

  it('include the four self-check questions and every item type', () => {
    expect(items.filter((i) => i.selfCheck).map((i) => i.id)).toEqual([
      'sc-four-partitions-six-consumers',
      'sc-billing-exactly-once',
      'sc-one-group-lagging',
      'sc-random-keys',
    ]);
    expect(new Set(items.map((i) => i.type))).toEqual(new Set(['single', 'multiple', 'numeric', 'ordering', 'predict']));
  });

  it('cover the module beyond the self-check', () => {
    const covered = new Set(items.filter((i) => !i.selfCheck).map((i) => i.section));
    for (const s of ['delivery-guarantees', 'backpressure', 'production-failures', 'three-properties', 'messaging-models', 'security', 'common-mistakes', 'backpressure-propagation']) {
      expect(covered, s).toContain(s);
    }
  });

  it('only name scenarios that exist', () => {
    for (const item of items) if (item.scenario) expect(scenarios, item.id).toContain(item.scenario);
  });

  const fixed = items.filter((i): i is Exclude<QuizItem, { type: 'predict' }> => i.type !== 'predict');
  it.each(fixed.map((i) => [i.id, i] as const))('%s: the correct answer is graded correct and every listed wrong answer wrong', (_id, item) => {
    const right = gradeAnswer(item, correctAnswer(item));
    expect(right).toMatchObject({ score: 1, correct: true });
    switch (item.type) {
      case 'single':
        for (const c of item.choices.filter((c) => !c.correct)) {
          expect(gradeAnswer(item, { kind: 'single', choice: c.id }), c.id).toMatchObject({ score: 0, correct: false, feedback: [c.feedback] });
        }
        break;
      case 'multiple': {
        const rightIds = item.choices.filter((c) => c.correct).map((c) => c.id);
        for (const c of item.choices.filter((c) => !c.correct)) {
          const g = gradeAnswer(item, { kind: 'multiple', choices: [...rightIds, c.id] });
          expect(g.correct, c.id).toBe(false);
          expect(g.score).toBeLessThan(1);
          expect(g.feedback).toContain(c.feedback);
        }
        break;
      }
      case 'numeric':
        expect(item.misconceptions.length).toBeGreaterThan(0);
        for (const m of item.misconceptions) expect(gradeAnswer(item, { kind: 'numeric', value: m.value }), String(m.value)).toMatchObject({ correct: false, feedback: [m.feedback] });
        break;
      case 'ordering':
        for (const w of item.wrongOrders) expect(gradeAnswer(item, { kind: 'ordering', order: w.order })).toMatchObject({ correct: false, feedback: [w.feedback] });
        break;
    }
  });

  it('give feedback for every wrong choice of single- and multiple-choice items', () => {
    for (const item of items) {
      if (item.type !== 'single' && item.type !== 'multiple') continue;
      for (const c of item.choices) expect(c.feedback.length, `${item.id}/${c.id}`).toBeGreaterThan(20);
    }
  });

  const predicts = items.filter((i): i is Extract<QuizItem, { type: 'predict' }> => i.type === 'predict');
  it.each(predicts.map((i) => [i.id, i] as const))('%s: the simulator runs, its value is graded correct and each misconception wrong', (_id, item) => {
    if (item.run) expect(validateConfig(item.run.config).ok).toBe(true);
    const result = runPrediction(item);
    expect(Number.isFinite(result.value)).toBe(true);
    expect(result.value).toBeGreaterThanOrEqual(item.min);
    expect(result.value).toBeLessThanOrEqual(item.max);
    if (item.integer) expect(Number.isInteger(result.value)).toBe(true);
    expect(result.facts.length).toBeGreaterThan(0);
    expect(gradeAnswer(item, correctAnswer(item, result.value), result.value)).toMatchObject({ score: 1, correct: true });
    expect(item.misconceptions.length).toBeGreaterThan(0);
    for (const m of item.misconceptions) {
      expect(gradeAnswer(item, { kind: 'predict', value: m.value }, result.value), String(m.value)).toMatchObject({ correct: false, feedback: [m.feedback] });
    }
    expect(item.explanation).toContain('{value}');
    expect(fillValue(item.explanation, result.value)).not.toContain('{value}');
  });

  // The explanations of the Kafka 4 predict items say what the run shows; pin that the run does show it.
  it('share-group predict items: all six members busy on four partitions; only the poison record archived (KIP-932)', () => {
    const busy = predicts.find((p) => p.id === 'predict-share-busy-consumers')!;
    const members = (busy.run!.config as { groups: { consumers: number }[] }).groups[0]!.consumers;
    expect(runPrediction(busy).value).toBe(members);
    const poison = predicts.find((p) => p.id === 'predict-share-poison-archived')!;
    const r = runPrediction(poison);
    expect(r.value).toBe(1);
    // delivered 5 times (group.share.delivery.count.limit default, ShareGroupConfig): 4 redeliveries
    expect(r.facts.join(' ')).toMatch(/of which 4 were redeliveries/);
  });

  it('the simulator is deterministic for a predict item (same run, same value)', () => {
    const lag = predicts.find((p) => p.measure.kind === 'totalLag')!;
    expect(runPrediction(lag).value).toBe(runPrediction(lag).value);
    expect(runPrediction(lag).value).toBeGreaterThan(0);
  });
});

describe('parseItems', () => {
  const good = { id: 'x-one', section: 'backpressure', type: 'numeric', prompt: 'How many?', explanation: 'Because.', answer: 3 };
  it('reports schema problems, duplicate ids and unknown sections instead of throwing', () => {
    const r = parseItems({
      'a.yaml': [good, good, { ...good, id: 'x-two', section: 'nowhere' }, { ...good, id: 'x-three', type: 'single', choices: [] }],
      'b.yaml': { not: 'a list' },
    });
    expect(r.items.map((i) => i.id)).toEqual(['x-one']);
    expect(r.problems).toHaveLength(4);
    expect(r.problems[0]).toMatch(/"x-one" is used twice/);
    expect(r.problems[1]).toMatch(/unknown section "nowhere"/);
    expect(r.problems[2]).toMatch(/a\.yaml item 4: choices/);
    expect(r.problems[3]).toMatch(/b\.yaml: expected a list/);
  });
  it('rejects a single-choice item with two correct choices', () => {
    const choice = (id: string, correct: boolean) => ({ id, text: `choice ${id}`, correct, feedback: 'why this is so' });
    const r = parseItems({ 'c.yaml': [{ id: 'x-four', section: 'backpressure', type: 'single', prompt: 'Which?', explanation: 'Because.', choices: [choice('a', true), choice('b', true)] }] });
    expect(r.items).toEqual([]);
    expect(r.problems[0]).toMatch(/exactly one correct choice/);
  });
});

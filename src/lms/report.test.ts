import { describe, expect, it } from 'vitest';
import type { Attempt, QuizResponse } from '../quiz/answer';
import { buildReport, cmiValues, lmsPassMark, sessionTime } from './report';

const ids = ['a', 'b', 'c', 'd'];
const progress = (completed: string[], visited: string[] = completed, lastSection: string | null = null) => ({
  completed: Object.fromEntries(completed.map((id) => [id, true as const])),
  visited: Object.fromEntries(visited.map((id) => [id, true as const])),
  notes: {},
  lastSection,
});
/** A finished full attempt of `n` questions, `right` of them right. */
function attempt(id: string, n: number, right: number, kind: Attempt['kind'] = 'full'): Attempt {
  const itemIds = Array.from({ length: n }, (_, i) => `q${i}`);
  const responses: Record<string, QuizResponse> = {};
  itemIds.forEach((q, i) => (responses[q] = { answer: { kind: 'numeric', value: i }, score: i < right ? 1 : 0, correct: i < right, answeredAt: 't' }));
  return { id, seed: 1, kind, retryOf: null, startedAt: 't', finishedAt: 'u', itemIds, choiceOrder: {}, responses, drafts: {}, position: 0 };
}
const values = (pairs: [string, string][]) => Object.fromEntries(pairs);

describe('buildReport', () => {
  it('reports the share of sections completed and completion once every section is done', () => {
    expect(buildReport(progress(['a'], ['a', 'b'], 'b'), [], ids, 0.8)).toMatchObject({ progress: 0.25, completed: false, scorePercent: null, passed: null, location: 'b' });
    expect(buildReport(progress(ids), [], ids, 0.8)).toMatchObject({ progress: 1, completed: true });
    expect(buildReport(progress(['a'], ['a', 'b']), [], ids, 0.8).sections.map((s) => s.status)).toEqual(['completed', 'visited', 'new', 'new']);
  });

  it('scores the best finished full attempt against the pass mark (retries do not count)', () => {
    const history = [attempt('x', 10, 7), attempt('y', 10, 8), attempt('r', 2, 2, 'retry')];
    expect(buildReport(progress([]), history, ids, 0.8)).toMatchObject({ scorePercent: 80, passed: true });
    expect(buildReport(progress([]), history, ids, 0.81)).toMatchObject({ scorePercent: 80, passed: false });
    expect(buildReport(progress([]), [attempt('r', 2, 2, 'retry')], ids, 0.5)).toMatchObject({ scorePercent: null, passed: null });
  });
});

describe('cmiValues', () => {
  it('SCORM 1.2: one lesson_status, incomplete -> completed -> passed/failed; raw score 0-100; objectives per section', () => {
    const mid = values(cmiValues('1.2', buildReport(progress(['a', 'b'], ['a', 'b', 'c'], 'c'), [attempt('x', 4, 4)], ids, 0.8), 'SL1.x'));
    expect(mid['cmi.core.lesson_status']).toBe('incomplete');
    expect(mid['cmi.core.score.raw']).toBe('100');
    expect(mid['cmi.core.lesson_location']).toBe('c');
    expect(mid['cmi.objectives.2.id']).toBe('c');
    expect(mid['cmi.objectives.2.status']).toBe('incomplete');
    expect(mid['cmi.objectives.3.status']).toBe('not attempted');
    expect(mid['cmi.core.exit']).toBe('suspend');
    expect(mid['cmi.suspend_data']).toBe('SL1.x');
    expect(values(cmiValues('1.2', buildReport(progress(ids), [], ids, 0.8), ''))['cmi.core.lesson_status']).toBe('completed');
    expect(values(cmiValues('1.2', buildReport(progress(ids), [attempt('x', 4, 3)], ids, 0.8), ''))).toMatchObject({ 'cmi.core.lesson_status': 'failed', 'cmi.core.score.raw': '75' });
    expect(values(cmiValues('1.2', buildReport(progress(ids), [attempt('x', 4, 4)], ids, 0.8), ''))['cmi.core.lesson_status']).toBe('passed');
    // SCORM 1.2 has no progress or scaled score
    expect(Object.keys(mid).some((k) => /progress|scaled|success|completion/.test(k))).toBe(false);
  });

  it('SCORM 2004: completion, success, progress_measure and scaled score apart', () => {
    const v = values(cmiValues('2004', buildReport(progress(['a'], ['a'], 'a'), [attempt('x', 3, 2)], ids, 0.6), 'SL1.y'));
    expect(v).toMatchObject({
      'cmi.progress_measure': '0.25',
      'cmi.completion_status': 'incomplete',
      'cmi.success_status': 'passed',
      'cmi.score.scaled': '0.667',
      'cmi.score.raw': '66.7',
      'cmi.score.min': '0',
      'cmi.score.max': '100',
      'cmi.location': 'a',
      'cmi.objectives.0.completion_status': 'completed',
      'cmi.exit': 'suspend',
      'cmi.suspend_data': 'SL1.y',
    });
    const none = values(cmiValues('2004', buildReport(progress(ids), [], ids, 0.8), ''));
    expect(none['cmi.completion_status']).toBe('completed');
    expect(none['cmi.success_status']).toBe('unknown');
    expect('cmi.score.scaled' in none).toBe(false);
  });

  it('sets the score range before the score, as LMSs that check raw against min/max need', () => {
    const keys = cmiValues('1.2', buildReport(progress([]), [attempt('x', 2, 1)], ids, 0.8), '').map(([k]) => k);
    expect(keys.indexOf('cmi.core.score.max')).toBeLessThan(keys.indexOf('cmi.core.score.raw'));
  });
});

describe('sessionTime', () => {
  it('writes SCORM 1.2 CMITimespan and SCORM 2004 ISO 8601 durations', () => {
    expect(sessionTime('1.2', 65_500)).toBe('0000:01:05.50');
    expect(sessionTime('1.2', 3_723_000)).toBe('0001:02:03.00');
    expect(sessionTime('2004', 65_500)).toBe('PT0H1M5.5S');
    expect(sessionTime('2004', 0)).toBe('PT0H0M0S');
  });
});

describe('lmsPassMark', () => {
  it('reads the LMS mastery score (1.2, 0-100) or scaled passing score (2004, -1..1); blank or nonsense is null', () => {
    expect(lmsPassMark('1.2', '75')).toBe(0.75);
    expect(lmsPassMark('2004', '0.7')).toBe(0.7);
    expect(lmsPassMark('2004', '-0.5')).toBe(0);
    for (const bad of ['', '  ', 'abc', '150', null]) expect(lmsPassMark('1.2', bad)).toBeNull();
    expect(lmsPassMark('2004', '2')).toBeNull();
  });
});

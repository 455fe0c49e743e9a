import { describe, expect, it } from 'vitest';
import { mergeLab, mergePrefs, mergeProgress, mergeQuiz } from './merge';
import { labSpec, type LabState } from './slices/lab';
import { progressSpec, type Progress } from './slices/progress';
import { quizSpec, type QuizState } from './slices/quiz';
import type { Attempt } from '../quiz/answer';

const progress = (p: Partial<Progress>): Progress => ({ ...progressSpec.defaults(), ...p });
const lab = (l: Partial<LabState>): LabState => ({ ...labSpec.defaults(), ...l });

describe('merging another tab into this one', () => {
  it('completed sections are a union', () => {
    const a = progress({ visited: { s1: true }, completed: { s1: true }, completedAt: { s1: 100 } });
    const b = progress({ visited: { s2: true }, completed: { s2: true }, completedAt: { s2: 200 } });
    const ab = mergeProgress(a, b);
    expect(ab.completed).toEqual({ s1: true, s2: true });
    expect(ab.visited).toEqual({ s1: true, s2: true });
    expect(mergeProgress(b, a).completed).toEqual(ab.completed);
  });

  it('a section unticked later stays unticked; ticked later stays ticked', () => {
    const ticked = progress({ completed: { s1: true }, completedAt: { s1: 100 } });
    const unticked = progress({ completed: {}, completedAt: { s1: 300 } });
    expect(mergeProgress(ticked, unticked).completed).toEqual({});
    expect(mergeProgress(unticked, ticked).completed).toEqual({});
    const reticked = progress({ completed: { s1: true }, completedAt: { s1: 400 } });
    expect(mergeProgress(unticked, reticked).completed).toEqual({ s1: true });
  });

  it('data saved before edit times existed merges as a union', () => {
    expect(mergeProgress(progress({ completed: { a: true } }), progress({ completed: { b: true } })).completed).toEqual({ a: true, b: true });
  });

  it('each note keeps its latest edit', () => {
    const a = progress({ notes: { p1: 'old', p2: 'mine' }, notesAt: { p1: 100, p2: 500 } });
    const b = progress({ notes: { p1: 'new', p2: 'theirs' }, notesAt: { p1: 200, p2: 400 } });
    expect(mergeProgress(a, b).notes).toEqual({ p1: 'new', p2: 'mine' });
    expect(mergeProgress(b, a).notes).toEqual({ p1: 'new', p2: 'mine' });
  });

  it('each lab cell keeps its latest edit, a reset included', () => {
    const a = lab({ code: { 'lab-3-1': { producer: 'A producer', consumers: 'A consumers' } }, edited: { 'lab-3-1': { producer: 100, consumers: 300 } } });
    const b = lab({ code: { 'lab-3-1': { producer: 'B producer', ledger: 'B ledger' } }, edited: { 'lab-3-1': { producer: 200, consumers: 400, ledger: 50 } } });
    const merged = mergeLab(a, b);
    // producer: B's is later; consumers: B reset it (no code) later than A's edit; ledger: only B has it
    expect(merged.code).toEqual({ 'lab-3-1': { producer: 'B producer', ledger: 'B ledger' } });
    expect(mergeLab(b, a).code).toEqual(merged.code);
  });

  it("lab steps passed are a union; the current step stays this tab's", () => {
    const a = lab({ passed: { 'lab-3-1': { topic: true } }, current: { 'lab-3-1': 'producer' } });
    const b = lab({ passed: { 'lab-3-1': { producer: true } }, current: { 'lab-3-1': 'consumers' } });
    const m = mergeLab(a, b);
    expect(m.passed).toEqual({ 'lab-3-1': { topic: true, producer: true } });
    expect(m.current).toEqual({ 'lab-3-1': 'producer' });
  });

  it("returns this tab's own object when nothing changes, so saving stops", () => {
    const a = progress({ completed: { s1: true }, completedAt: { s1: 100 }, notesAt: {} });
    expect(mergeProgress(a, a)).toBe(a);
    const merged = mergeProgress(a, progress({ completed: { s2: true }, completedAt: { s2: 5 } }));
    expect(mergeProgress(merged, merged)).toBe(merged);
    const l = lab({ code: { 'lab-3-1': { producer: 'x' } }, edited: { 'lab-3-1': { producer: 1 } } });
    expect(mergeLab(l, structuredClone(l))).toBe(l);
  });

  it('finished quiz attempts are a union; an attempt finished elsewhere is no longer in progress here', () => {
    const attempt = (id: string, finishedAt: string | null): Attempt =>
      ({ id, seed: 1, kind: 'full', retryOf: null, startedAt: '2026-01-01T00:00:00Z', finishedAt, itemIds: [], choiceOrder: {}, responses: {}, drafts: {}, position: 0 }) as Attempt;
    const a: QuizState = { ...quizSpec.defaults(), current: attempt('x', null), history: [attempt('h1', '2026-01-01T01:00:00Z')] };
    const b: QuizState = { ...quizSpec.defaults(), history: [attempt('h1', '2026-01-01T01:00:00Z'), attempt('x', '2026-01-01T02:00:00Z')] };
    const m = mergeQuiz(a, b);
    expect(m.history.map((h) => h.id)).toEqual(['h1', 'x']);
    expect(m.current).toBeNull();
  });

  it('preferences: the other tab changed them last', () => {
    expect(mergePrefs({ theme: 'light' }, { theme: 'dark' })).toEqual({ theme: 'dark' });
    const p = { theme: 'dark' as const };
    expect(mergePrefs(p, { theme: 'dark' })).toBe(p);
  });
});

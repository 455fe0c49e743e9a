import { beforeEach, describe, expect, it } from 'vitest';
import { useStore } from '../store';
import { loadSlice, saveSlice } from '../store/persist';
import { quizSpec } from '../store/slices/quiz';
import { createAttempt } from './engine';
import { loadItems } from './items';
import { MemoryStorage } from '../test/memoryStorage';


const { byId } = loadItems();
const attempt = () => createAttempt(byId, { seed: 77, pool: ['sc-random-keys', 'failures-lag-value'], kind: 'full', startedAt: '2026-01-01T00:00:00.000Z' });

beforeEach(() => useStore.setState({ quiz: quizSpec.defaults() }));

describe('quiz slice', () => {
  it('keeps drafts and checked answers of the attempt in progress, once per question', () => {
    const s = useStore.getState();
    s.startQuizAttempt(attempt());
    s.setQuizDraft('sc-random-keys', { kind: 'single', choice: 'none' });
    s.setQuizDraft('not-asked', { kind: 'single', choice: 'x' });
    expect(useStore.getState().quiz.current!.drafts).toEqual({ 'sc-random-keys': { kind: 'single', choice: 'none' } });
    const r = { answer: { kind: 'single' as const, choice: 'scattered' }, score: 1, correct: true, answeredAt: 't' };
    s.recordQuizResponse('sc-random-keys', r);
    s.recordQuizResponse('sc-random-keys', { ...r, score: 0, correct: false });
    const cur = useStore.getState().quiz.current!;
    expect(cur.responses['sc-random-keys']).toEqual(r);
    expect(cur.drafts).toEqual({});
    s.setQuizPosition(99);
    expect(useStore.getState().quiz.current!.position).toBe(1);
  });

  it('moves a finished attempt to the history', () => {
    const s = useStore.getState();
    s.startQuizAttempt(attempt());
    s.finishQuizAttempt('2026-01-01T00:10:00.000Z');
    const q = useStore.getState().quiz;
    expect(q.current).toBeNull();
    expect(q.history).toHaveLength(1);
    expect(q.history[0]!.finishedAt).toBe('2026-01-01T00:10:00.000Z');
  });

  it('survives a reload: a half-finished attempt is saved and read back unchanged', () => {
    const storage = new MemoryStorage();
    const s = useStore.getState();
    s.startQuizAttempt(attempt());
    s.setQuizDraft('failures-lag-value', { kind: 'numeric', value: 8250 });
    s.recordQuizResponse('sc-random-keys', { answer: { kind: 'single', choice: 'none' }, score: 0, correct: false, answeredAt: 't' });
    expect(saveSlice(quizSpec, useStore.getState().quiz, storage)).toBeNull();
    const loaded = loadSlice(quizSpec, storage);
    expect(loaded.problem).toBeNull();
    expect(loaded.value).toEqual(useStore.getState().quiz);
  });

  it('reports corrupted saved data and starts clean, keeping a backup', () => {
    const storage = new MemoryStorage();
    storage.setItem(quizSpec.key, JSON.stringify({ app: 'streamlab', slice: quizSpec.slice, version: 1, data: { current: { seed: 'oops' }, history: [], selfCheck: {} } }));
    const loaded = loadSlice(quizSpec, storage);
    expect(loaded.value).toEqual(quizSpec.defaults());
    expect(loaded.problem).toMatch(/could not be read/);
    expect(storage.getItem(`${quizSpec.key}:backup`)).toContain('oops');
    storage.setItem(quizSpec.key, '{not json');
    expect(loadSlice(quizSpec, storage).problem).toMatch(/not valid JSON/);
  });
});

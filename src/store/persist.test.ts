import { describe, expect, it } from 'vitest';
import { z } from 'zod/mini';
import { loadSlice, saveSlice, type PersistedSliceSpec } from './persist';
import { MemoryStorage } from '../test/memoryStorage';


const spec: PersistedSliceSpec<{ count: number; names: string[] }> = {
  key: 'test:slice',
  slice: 'progress',
  version: 2,
  schema: z.object({ count: z.number().check(z.int(), z.minimum(0)), names: z.array(z.string()) }),
  defaults: () => ({ count: 0, names: [] }),
  migrations: { 1: (old) => ({ count: (old as { n: number }).n, names: [] }) },
};

describe('persisted slices', () => {
  it('round-trips what it saves', () => {
    const s = new MemoryStorage();
    expect(saveSlice(spec, { count: 3, names: ['a'] }, s)).toBeNull();
    expect(loadSlice(spec, s)).toEqual({ value: { count: 3, names: ['a'] }, problem: null });
  });

  it('starts clean without a message when nothing is stored', () => {
    expect(loadSlice(spec, new MemoryStorage())).toEqual({ value: { count: 0, names: [] }, problem: null });
  });

  it('migrates older versions', () => {
    const s = new MemoryStorage();
    s.setItem(spec.key, JSON.stringify({ app: 'streamlab', slice: 'progress', version: 1, data: { n: 7 } }));
    expect(loadSlice(spec, s)).toEqual({ value: { count: 7, names: [] }, problem: null });
  });

  it.each([
    ['not JSON', '{oops', /not valid JSON/],
    ['another app', JSON.stringify({ hello: 'world' }), /not written by this version/],
    ['a newer format', JSON.stringify({ app: 'streamlab', slice: 'progress', version: 9, data: {} }), /newer Streamlab/],
    ['damaged data', JSON.stringify({ app: 'streamlab', slice: 'progress', version: 2, data: { count: -1, names: 'x' } }), /damaged/],
    ['no version', JSON.stringify({ app: 'streamlab', slice: 'progress', data: {} }), /no valid version/],
  ])('reports %s, keeps a backup copy and falls back to defaults', (_name, raw, why) => {
    const s = new MemoryStorage();
    s.setItem(spec.key, raw);
    const { value, problem } = loadSlice(spec, s);
    expect(value).toEqual({ count: 0, names: [] });
    expect(problem).toMatch(why);
    expect(problem).toMatch(/test:slice:backup/);
    expect(s.getItem(`${spec.key}:backup`)).toBe(raw);
    expect(s.getItem(spec.key)).toBeNull();
  });

  it('says so when the browser refuses to save', () => {
    const s = new MemoryStorage();
    s.setItem = () => {
      throw new DOMException('quota', 'QuotaExceededError');
    };
    expect(saveSlice(spec, { count: 1, names: [] }, s)).toMatch(/could not save/);
  });
});

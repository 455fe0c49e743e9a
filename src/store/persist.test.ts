import { describe, expect, it, vi } from 'vitest';
import { z } from 'zod/mini';
import { loadSlice, readStored, saveSlice, storageAvailable, type PersistedSliceSpec } from './persist';
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

  it('says so when the browser refuses to save, and what to do', () => {
    const s = new MemoryStorage();
    s.setItem = () => {
      throw new DOMException('quota', 'QuotaExceededError');
    };
    const message = saveSlice(spec, { count: 1, names: [] }, s);
    expect(message).toMatch(/could not save your progress/);
    expect(message).toMatch(/keep it open/);
    expect(message).toMatch(/Free some space/);
    expect(message).toMatch(/Try saving again/);
  });

  it('says so when there is no storage at all', () => {
    expect(saveSlice(spec, { count: 1, names: [] }, null)).toMatch(/does not let Streamlab store anything.*normal window/);
  });

  it('does not rewrite what is stored already', () => {
    const s = new MemoryStorage();
    expect(saveSlice(spec, { count: 2, names: [] }, s)).toBeNull();
    s.setItem = () => {
      throw new DOMException('quota', 'QuotaExceededError');
    };
    expect(saveSlice(spec, { count: 2, names: [] }, s)).toBeNull();
  });

  it('only claims a backup copy was kept when it was', () => {
    const s = new MemoryStorage();
    const raw = '{oops';
    s.setItem(spec.key, raw);
    s.setItem = () => {
      throw new DOMException('quota', 'QuotaExceededError');
    };
    const { value, problem, unreadable } = loadSlice(spec, s);
    expect(value).toEqual({ count: 0, names: [] });
    expect(problem).toMatch(/not valid JSON/);
    expect(problem).not.toMatch(/copy of the old data was kept/);
    expect(problem).toMatch(/would not store a copy/);
    expect(unreadable).toBe(raw);
    // the original is left in place, not deleted without a copy
    expect(s.getItem(spec.key)).toBe(raw);
    expect(s.getItem(`${spec.key}:backup`)).toBeNull();
  });

  it('reads stored envelopes for merging, ignoring anything unreadable', () => {
    const s = new MemoryStorage();
    saveSlice(spec, { count: 4, names: ['x'] }, s);
    expect(readStored(spec, s.getItem(spec.key))).toEqual({ count: 4, names: ['x'] });
    expect(readStored(spec, '{oops')).toBeNull();
    expect(readStored(spec, null)).toBeNull();
  });
});

describe('finding storage', () => {
  it('probes by reading, so a full quota still counts as storage', () => {
    const full = new MemoryStorage();
    full.setItem = () => {
      throw new DOMException('quota', 'QuotaExceededError');
    };
    vi.stubGlobal('localStorage', full);
    try {
      expect(storageAvailable()).toBe(full);
    } finally {
      vi.unstubAllGlobals();
    }
  });
  it('gives null where reading storage is refused', () => {
    const blocked = new MemoryStorage();
    blocked.getItem = () => {
      throw new DOMException('denied', 'SecurityError');
    };
    vi.stubGlobal('localStorage', blocked);
    try {
      expect(storageAvailable()).toBeNull();
    } finally {
      vi.unstubAllGlobals();
    }
  });
});

import { describe, expect, it } from 'vitest';
import { create } from 'zustand';
import { loadSlice, saveSlice } from '../persist';
import { createLabSlice, labSpec, MAX_CELL_CHARS, type LabSlice } from './lab';
import type { AppState } from '../index';

function memoryStorage(): Storage {
  const m = new Map<string, string>();
  return {
    get length() {
      return m.size;
    },
    clear: () => m.clear(),
    getItem: (k) => m.get(k) ?? null,
    key: (i) => [...m.keys()][i] ?? null,
    removeItem: (k) => void m.delete(k),
    setItem: (k, v) => void m.set(k, String(v)),
  };
}

const makeStore = () => create<LabSlice>()((...a) => createLabSlice(...(a as unknown as Parameters<typeof createLabSlice>)) as LabSlice) as unknown as { getState: () => AppState };

describe('lab slice', () => {
  it('keeps code and progress per lab, and survives a save and a load', () => {
    const store = makeStore();
    const s = () => store.getState();
    s().setLabCode('lab-3-1', 'producer', 'const x = 1;');
    s().setLabStepPassed('lab-3-1', 'topic', true);
    s().setLabStepPassed('lab-3-1', 'producer', true);
    s().setLabStepPassed('lab-3-1', 'producer', false);
    s().setLabCurrent('lab-3-1', 'consumers');
    expect(s().lab).toEqual({
      code: { 'lab-3-1': { producer: 'const x = 1;' } },
      passed: { 'lab-3-1': { topic: true } },
      current: { 'lab-3-1': 'consumers' },
      edited: { 'lab-3-1': { producer: expect.any(Number) } },
    });
    const storage = memoryStorage();
    expect(saveSlice(labSpec, s().lab, storage)).toBeNull();
    expect(loadSlice(labSpec, storage)).toEqual({ value: s().lab, problem: null });
    s().resetLabCode('lab-3-1', 'producer');
    expect(s().lab.code['lab-3-1']).toEqual({});
    s().resetLab('lab-3-1');
    expect(s().lab).toEqual({ ...labSpec.defaults(), edited: {} });
  });

  it('clips code to the size it can keep', () => {
    const store = makeStore();
    store.getState().setLabCode('lab-3-1', 'producer', 'x'.repeat(MAX_CELL_CHARS + 10));
    expect(store.getState().lab.code['lab-3-1']!['producer']).toHaveLength(MAX_CELL_CHARS);
  });

  it('rejects saved data with bad ids', () => {
    expect(labSpec.schema.safeParse({ code: { '../x': {} }, passed: {}, current: {} }).success).toBe(false);
    expect(labSpec.schema.safeParse({ code: {}, passed: { 'lab-3-1': { topic: false } }, current: {} }).success).toBe(false);
  });
});

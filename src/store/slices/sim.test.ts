import { describe, expect, it } from 'vitest';
import { useStore } from '../index';

const status = { playing: true, speed: 1, timeMs: 100, maxReachedMs: 100, seed: 1, version: 1 };

describe('sim slice', () => {
  it('keeps one status per visualiser instance and drops it', () => {
    useStore.getState().publishVisualiser('a', status);
    useStore.getState().publishVisualiser('b', { ...status, playing: false });
    expect(useStore.getState().visualisers.a?.playing).toBe(true);
    expect(useStore.getState().visualisers.b?.playing).toBe(false);
    useStore.getState().dropVisualiser('a');
    expect(useStore.getState().visualisers.a).toBeUndefined();
    expect(useStore.getState().visualisers.b).toBeDefined();
  });
  it('does not notify subscribers when nothing changed', () => {
    useStore.getState().publishVisualiser('c', status);
    let calls = 0;
    const unsub = useStore.subscribe(() => calls++);
    useStore.getState().publishVisualiser('c', { ...status });
    expect(calls).toBe(0);
    useStore.getState().publishVisualiser('c', { ...status, timeMs: 150 });
    expect(calls).toBe(1);
    unsub();
  });
});

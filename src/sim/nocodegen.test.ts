import { describe, expect, it } from 'vitest';
import { applyAction } from './actions.ts';
import { createSimulation } from './engine.ts';
import { snapshotView } from './view.ts';

// Its own file, so that no schema has compiled zod's generated fast path before Function is taken away.
describe('where code cannot be generated from strings', () => {
  it('creates, validates and applies client actions without new Function (the lab’s sandboxed worker)', () => {
    const original = globalThis.Function;
    const refuse = () => {
      throw new EvalError('no code from strings');
    };
    Object.defineProperty(globalThis, 'Function', { value: refuse, configurable: true, writable: true });
    try {
      const s = createSimulation({ brokers: 1, topics: [{ name: 'orders', partitions: 2 }] }, 5);
      applyAction(s, { type: 'topic/create', topic: { name: 'audit', partitions: 1 } });
      applyAction(s, { type: 'group/add', group: { id: 'g', topic: 'orders', consumers: 0, driver: 'client', timeouts: { sessionTimeoutMs: 10_000 } } });
      applyAction(s, { type: 'group/set-timeouts', group: 'g', timeouts: { sessionTimeoutMs: 6_000 } });
      applyAction(s, { type: 'client/join', group: 'g', member: 'm1', fromBeginning: true });
      expect(() => applyAction(s, { type: 'group/add', group: { id: 'bad', topic: 'nope', consumers: 0 } })).toThrow(/unknown topic/);
      expect(snapshotView(s).groups.map((g) => g.id)).toEqual(['g']);
    } finally {
      Object.defineProperty(globalThis, 'Function', { value: original, configurable: true, writable: true });
    }
  });
});

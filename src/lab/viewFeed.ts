/**
 * The latest snapshot of a lab run, outside React state: the worker posts many snapshots a
 * second, the canvas redraws from each one, and the text facts re-render only a few times a
 * second. Listeners are called synchronously on every push.
 */
import type { LabView } from './runtime/types.ts';

export interface ViewFeed {
  get: () => LabView;
  push: (view: LabView) => void;
  /** returns the unsubscribe function */
  subscribe: (listener: () => void) => () => void;
}

export function createViewFeed(initial: LabView): ViewFeed {
  let current = initial;
  const listeners = new Set<() => void>();
  return {
    get: () => current,
    push: (view) => {
      current = view;
      for (const l of [...listeners]) l();
    },
    subscribe: (listener) => {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
  };
}

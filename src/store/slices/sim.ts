import type { StateCreator } from 'zustand';
import type { AppState } from '../index';

/**
 * What React shows about each running visualiser, published by its runner at a low rate (a few
 * times a second), never per animation frame. The simulation itself lives outside the store, in
 * the visualiser's runner (one per instance; several can be on one lesson page).
 */
export interface VisualiserStatus {
  playing: boolean;
  speed: number;
  timeMs: number;
  /** the end of the scrub slider */
  maxReachedMs: number;
  seed: number;
  /** changes whenever anything React shows changed (tick, log, settings) */
  version: number;
  /** scrolled out of view (or the page hidden): time stands still until it is back */
  away?: boolean;
}

export interface SimSlice {
  visualisers: Record<string, VisualiserStatus>;
  publishVisualiser: (instanceId: string, status: VisualiserStatus) => void;
  dropVisualiser: (instanceId: string) => void;
}

const same = (a: VisualiserStatus | undefined, b: VisualiserStatus) =>
  !!a && a.playing === b.playing && a.speed === b.speed && a.timeMs === b.timeMs && a.maxReachedMs === b.maxReachedMs && a.seed === b.seed && a.version === b.version && !!a.away === !!b.away;

export const createSimSlice: StateCreator<AppState, [], [], SimSlice> = (set) => ({
  visualisers: {},
  publishVisualiser: (instanceId, status) =>
    set((s) => (same(s.visualisers[instanceId], status) ? s : { visualisers: { ...s.visualisers, [instanceId]: status } })),
  dropVisualiser: (instanceId) =>
    set((s) => {
      if (!(instanceId in s.visualisers)) return s;
      const next = { ...s.visualisers };
      delete next[instanceId];
      return { visualisers: next };
    }),
});

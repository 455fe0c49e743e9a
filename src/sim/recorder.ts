/**
 * Recording, replay and seeking. A Recording is {config, seed, actions}; replaying it gives the
 * same state as the live run (same seed, config and actions give the same trace). A Timeline adds
 * snapshots every N simulated seconds so seek() does not replay from zero.
 */
import { applyAction } from './actions.ts';
import { createSimulation, stepSimulation } from './engine.ts';
import type { SimState } from './state.ts';
import { TICK_MS, type Recording, type SimAction, type SimEvent, type StepOptions, type TimedAction } from './types.ts';

/** A deep copy of the state (plain data, so structuredClone is exact). */
export function cloneSimulation(state: SimState): SimState {
  return structuredClone(state);
}

/** The recording of a live simulation so far. */
export function recordingOf(state: SimState): Recording {
  return { config: structuredClone(state.inputConfig), seed: state.seed, actions: structuredClone(state.actions) };
}

/**
 * Advance `state` to `untilMs`, applying each scheduled action (sorted by atMs, stable) at the first
 * tick boundary at or after its time. Actions before state.timeMs must already have been applied:
 * pass `fromIndex` to skip them. Returns the index of the next unapplied action.
 */
export function runUntil(
  state: SimState,
  actions: TimedAction[],
  untilMs: number,
  options?: StepOptions & { fromIndex?: number; onEvents?: (events: SimEvent[]) => void },
): number {
  let i = options?.fromIndex ?? 0;
  const onEvents = options?.onEvents;
  const stepOpts: StepOptions = { recordEvents: options?.recordEvents ?? (onEvents !== undefined) };
  for (;;) {
    while (i < actions.length && actions[i]!.atMs <= state.timeMs) {
      const r = applyAction(state, actions[i]!.action);
      if (onEvents && r.events.length) onEvents(r.events);
      i++;
    }
    if (state.timeMs + TICK_MS > untilMs) break;
    const r = stepSimulation(state, stepOpts);
    if (onEvents && r.events.length) onEvents(r.events);
  }
  return i;
}

function sortedActions(actions: TimedAction[]): TimedAction[] {
  return actions.map((a, idx) => ({ a, idx })).sort((x, y) => x.a.atMs - y.a.atMs || x.idx - y.idx).map((x) => x.a);
}

/** Rebuild the state of a recording at `untilMs` (rounded down to a tick). */
export function replay(recording: Recording, untilMs: number): SimState {
  const state = createSimulation(recording.config, recording.seed);
  runUntil(state, sortedActions(recording.actions), untilMs, { recordEvents: false });
  return state;
}

export interface Timeline {
  recording: Recording;
  snapshotEveryMs: number;
  /** snapshots in time order; snapshots[0] is the initial state */
  snapshots: { atMs: number; state: SimState }[];
}

/** Build a timeline from a recording, with snapshots every `snapshotEveryMs` up to `untilMs`. */
export function createTimeline(recording: Recording, untilMs: number, snapshotEveryMs = 10_000): Timeline {
  if (!(snapshotEveryMs >= TICK_MS)) throw new RangeError(`snapshotEveryMs must be at least ${TICK_MS}`);
  const actions = sortedActions(recording.actions);
  const state = createSimulation(recording.config, recording.seed);
  const snapshots = [{ atMs: 0, state: cloneSimulation(state) }];
  let idx = 0;
  for (let t = snapshotEveryMs; t <= untilMs; t += snapshotEveryMs) {
    idx = runUntil(state, actions, t, { fromIndex: idx, recordEvents: false });
    snapshots.push({ atMs: state.timeMs, state: cloneSimulation(state) });
  }
  return { recording: { ...recording, actions }, snapshotEveryMs, snapshots };
}

/** The state at `ms` (rounded down to a tick): restores the nearest snapshot and replays the rest. */
export function seek(timeline: Timeline, ms: number): SimState {
  let snap = timeline.snapshots[0]!;
  for (const s of timeline.snapshots) if (s.atMs <= ms) snap = s;
  const state = cloneSimulation(snap.state);
  const actions = timeline.recording.actions;
  // actions applied before the snapshot are already in its state.actions
  const from = state.actions.length;
  runUntil(state, actions, ms, { fromIndex: from, recordEvents: false });
  return state;
}

/** Apply an action to a live simulation (convenience re-export for recorder users). */
export function act(state: SimState, action: SimAction): SimEvent[] {
  return applyAction(state, action).events;
}

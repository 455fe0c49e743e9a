import { useCallback, useEffect, useRef, useState } from 'react';
import type { Model, SimEvent } from '../../sim/models/common';
import { replay, runScenario, type Recorded, type ScenarioStep } from '../../sim/models/scenario';

/**
 * Drives a pure model from requestAnimationFrame: play, pause, step, speed, reset. The model
 * state lives in a ref; React re-renders at most RENDER_HZ times a second (never per record).
 * Every learner action is recorded with the tick it happened at, so settings + seed + recording
 * + tick rebuild exactly the same moment (share links, "show me" experiments).
 */

export const SPEEDS = [0.5, 1, 2, 4, 10] as const;
const RENDER_MS = 100;
const MAX_STEPS_PER_FRAME = 2000;
const EVENT_LOG = 30;

export interface RunnerSnapshot<C, A> {
  config: C;
  seed: number;
  recording: Recorded<A>[];
  tick: number;
}

export function useModelRunner<C, S extends { tick: number; t: number }, A>(
  model: Model<C, S, A>,
  initial: RunnerSnapshot<C, A>,
  opts: { autoplay: boolean; maxTicks?: number; /** merge two actions recorded at the same tick (e.g. a slider drag) */ coalesce?: (prev: A, next: A) => A | null },
) {
  const build = (snap: RunnerSnapshot<C, A>) => replay(model, snap.config, snap.seed, snap.recording, snap.tick);
  const stateRef = useRef<S | null>(null);
  const baseRef = useRef<{ config: C; seed: number }>({ config: initial.config, seed: initial.seed });
  const recRef = useRef<Recorded<A>[]>([...initial.recording]);
  const eventsRef = useRef<SimEvent[]>([]);
  if (stateRef.current === null) stateRef.current = build(initial);
  const [, setVersion] = useState(0);
  const [playing, setPlaying] = useState(opts.autoplay);
  const [speed, setSpeed] = useState<number>(1);
  const speedRef = useRef(speed);
  speedRef.current = speed;
  const maxTicks = opts.maxTicks ?? Infinity;
  const coalesceRef = useRef(opts.coalesce);
  coalesceRef.current = opts.coalesce;

  const refresh = useCallback(() => setVersion((v) => v + 1), []);
  const remember = (evs: SimEvent[]) => {
    if (evs.length === 0) return;
    const log = eventsRef.current;
    for (const e of evs) if (e.type !== 'producer/publish') log.push(e);
    if (log.length > EVENT_LOG) log.splice(0, log.length - EVENT_LOG);
  };

  useEffect(() => {
    if (!playing) return undefined;
    let raf = 0;
    let last = performance.now();
    let lastRender = last;
    let acc = 0;
    const frame = (now: number) => {
      const s = stateRef.current!;
      acc += Math.min(now - last, 250) * speedRef.current;
      last = now;
      let n = 0;
      while (acc >= model.tickMs && n < MAX_STEPS_PER_FRAME && s.tick < maxTicks) {
        remember(model.step(s).events);
        acc -= model.tickMs;
        n++;
      }
      if (s.tick >= maxTicks) {
        setPlaying(false);
        refresh();
        return;
      }
      if (now - lastRender >= RENDER_MS) {
        lastRender = now;
        refresh();
      }
      raf = requestAnimationFrame(frame);
    };
    raf = requestAnimationFrame(frame);
    return () => cancelAnimationFrame(raf);
  }, [playing, model, refresh, maxTicks]);  

  const apply = useCallback(
    (action: A) => {
      const s = stateRef.current!;
      try {
        const { events } = model.apply(s, action);
        const rec = recRef.current;
        const last = rec[rec.length - 1];
        const merged = last && last.tick === s.tick && coalesceRef.current ? coalesceRef.current(last.action, action) : null;
        if (last && merged) last.action = merged;
        else rec.push({ tick: s.tick, action });
        remember(events);
      } finally {
        refresh();
      }
    },
    [model, refresh],  
  );

  const step = useCallback(() => {
    setPlaying(false);
    const s = stateRef.current!;
    if (s.tick < maxTicks) remember(model.step(s).events);
    refresh();
  }, [model, refresh, maxTicks]);  

  const reset = useCallback(
    (config?: C, seed?: number) => {
      baseRef.current = { config: config ?? baseRef.current.config, seed: seed ?? baseRef.current.seed };
      recRef.current = [];
      eventsRef.current = [];
      stateRef.current = model.create(baseRef.current.config, baseRef.current.seed);
      refresh();
    },
    [model, refresh],
  );

  /** Replays a scripted experiment from a fresh state and stops at its end. */
  const runSteps = useCallback(
    (config: C, seed: number, steps: readonly ScenarioStep<A>[]) => {
      const r = runScenario(model, config, seed, steps);
      baseRef.current = { config, seed };
      recRef.current = r.recording;
      eventsRef.current = r.events.filter((e) => e.type !== 'producer/publish').slice(-EVENT_LOG);
      stateRef.current = r.state;
      setPlaying(false);
      refresh();
    },
    [model, refresh],
  );

  const snapshot = useCallback((): RunnerSnapshot<C, A> => ({ config: baseRef.current.config, seed: baseRef.current.seed, recording: [...recRef.current], tick: stateRef.current!.tick }), []);

  const runner: Runner<C, S, A> = { state: stateRef.current, events: eventsRef.current, playing, setPlaying, speed, setSpeed, apply, step, reset, runSteps, snapshot, base: baseRef.current };
  return runner;
}

export type Runner<C, S, A> = {
  state: S;
  events: SimEvent[];
  playing: boolean;
  setPlaying: (p: boolean | ((p: boolean) => boolean)) => void;
  speed: number;
  setSpeed: (s: number) => void;
  apply: (a: A) => void;
  step: () => void;
  reset: (config?: C, seed?: number) => void;
  runSteps: (config: C, seed: number, steps: readonly ScenarioStep<A>[]) => void;
  snapshot: () => RunnerSnapshot<C, A>;
  base: { config: C; seed: number };
};

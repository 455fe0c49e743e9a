import { useCallback, useEffect, useRef, useState } from 'react';
import type { Model, SimEvent } from '../../sim/models/common';
import type { Recorded, ScenarioStep } from '../../sim/models/scenario';
import { ModelTimeline, type Script } from './timeline';

/**
 * Drives a model's timeline (timeline.ts) from requestAnimationFrame: play, pause, step, step
 * back, speed, seek, reset, experiments. React re-renders at most every RENDER_MS (never per
 * record). Settings + seed + recording + tick rebuild exactly the same moment (share links).
 * Playback stops by itself at the end of an experiment and when the run is over (`done`): the
 * clock does not run on after "Run complete".
 */

export const SPEEDS = [0.5, 1, 2, 4, 10] as const;
const RENDER_MS = 100;
const MAX_STEPS_PER_FRAME = 2000;

export interface RunnerSnapshot<C, A> {
  config: C;
  seed: number;
  recording: Recorded<A>[];
  tick: number;
}

export function useModelRunner<C, S extends { tick: number; t: number }, A>(
  model: Model<C, S, A>,
  initial: RunnerSnapshot<C, A>,
  opts: {
    autoplay: boolean;
    maxTicks?: number;
    /** merge two actions recorded at the same tick (e.g. a slider drag) */
    coalesce?: (prev: A, next: A) => A | null;
    /** the run is over (nothing more can happen): the clock stops */
    done?: (s: S) => boolean;
    /** `initial` already replayed (a share link opened in slices by SharedModelMoment) */
    prebuilt?: S;
  },
) {
  const optsRef = useRef(opts);
  optsRef.current = opts;
  const tlRef = useRef<ModelTimeline<C, S, A> | null>(null);
  if (tlRef.current === null) {
    const tlOpts = {
      ...(opts.maxTicks !== undefined ? { maxTicks: opts.maxTicks } : {}),
      done: (s: S) => optsRef.current.done?.(s) ?? false,
      coalesce: (a: A, b: A) => optsRef.current.coalesce?.(a, b) ?? null,
    };
    tlRef.current = opts.prebuilt
      ? ModelTimeline.resume(model, initial.config, initial.seed, initial.recording, opts.prebuilt, tlOpts)
      : ModelTimeline.at(model, initial.config, initial.seed, initial.recording, initial.tick, tlOpts);
  }
  const tl = tlRef.current;
  const [, setVersion] = useState(0);
  const [playing, setPlayingState] = useState(opts.autoplay);
  const [speed, setSpeed] = useState<number>(1);
  const speedRef = useRef(speed);
  speedRef.current = speed;

  const refresh = useCallback(() => setVersion((v) => v + 1), []);

  const setPlaying = useCallback((p: boolean | ((p: boolean) => boolean)) => {
    setPlayingState((prev) => {
      const next = typeof p === 'function' ? p(prev) : p;
      // after the end nothing more happens: the clock stays where it is
      return next && tlRef.current!.atEnd() ? false : next;
    });
  }, []);

  useEffect(() => {
    if (!playing) return undefined;
    let raf = 0;
    let last = performance.now();
    let lastRender = last;
    let acc = 0;
    const t = tlRef.current!;
    const frame = (now: number) => {
      acc += Math.min(now - last, 250) * speedRef.current;
      last = now;
      let n = 0;
      while (acc >= model.tickMs && n < MAX_STEPS_PER_FRAME && !t.atEnd()) {
        t.stepOnce();
        acc -= model.tickMs;
        n++;
      }
      if (t.atEnd()) {
        setPlayingState(false);
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
  }, [playing, model, refresh]);

  const act = useCallback(
    <R,>(f: (t: ModelTimeline<C, S, A>) => R): R => {
      try {
        return f(tlRef.current!);
      } finally {
        refresh();
      }
    },
    [refresh],
  );
  const apply = useCallback((action: A) => act((t) => t.apply(action)), [act]);
  const seek = useCallback((tick: number) => act((t) => t.seek(tick)), [act]);
  const step = useCallback(() => {
    setPlayingState(false);
    act((t) => {
      if (!t.atEnd()) t.stepOnce();
    });
  }, [act]);
  const stepBack = useCallback(() => {
    setPlayingState(false);
    act((t) => t.seek(t.state.tick - 1));
  }, [act]);
  const reset = useCallback((config?: C, seed?: number) => act((t) => t.reset(config, seed)), [act]);
  /** Lays out a scripted experiment from a fresh state and plays it at the current speed. */
  const runSteps = useCallback(
    (config: C, seed: number, steps: readonly ScenarioStep<A>[], id = 'experiment') => {
      act((t) => t.load(id, config, seed, steps));
      setPlayingState(true);
    },
    [act],
  );
  const snapshot = useCallback((): RunnerSnapshot<C, A> => {
    const t = tlRef.current!;
    return { config: t.config, seed: t.seed, recording: t.recordedSoFar(), tick: t.state.tick };
  }, []);

  const runner: Runner<C, S, A> = {
    state: tl.state,
    events: tl.events,
    playing,
    setPlaying,
    speed,
    setSpeed,
    apply,
    step,
    stepBack,
    seek,
    reset,
    runSteps,
    snapshot,
    base: { config: tl.config, seed: tl.seed },
    script: tl.script,
    maxTick: tl.maxTick,
    finished: tl.atEnd(),
    moments: tl.moments(),
  };
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
  stepBack: () => void;
  seek: (tick: number) => void;
  reset: (config?: C, seed?: number) => void;
  runSteps: (config: C, seed: number, steps: readonly ScenarioStep<A>[], id?: string) => void;
  snapshot: () => RunnerSnapshot<C, A>;
  base: { config: C; seed: number };
  /** the experiment being shown, if any */
  script: Script | null;
  /** the end of the scrubber: the experiment's end, or the furthest moment reached */
  maxTick: number;
  /** playback cannot go on: the end of the experiment, or the run is over */
  finished: boolean;
  /** ticks of the experiment's scripted moments (its start, each action, its end); empty without one */
  moments: number[];
};

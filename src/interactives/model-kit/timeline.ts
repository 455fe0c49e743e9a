import type { Model, SimEvent } from '../../sim/models/common';
import type { Recorded, ScenarioStep } from '../../sim/models/scenario';

/**
 * One run of a teaching model on a timeline, outside React: the state, every recorded action
 * with its tick, checkpoints for going back, and the events of the last moments. An experiment
 * ("show me") is a recording laid out ahead of time (`load`): its actions wait at their ticks and
 * happen as the clock reaches them, so the experiment plays at whatever speed the learner picks,
 * and the scrubber can go anywhere in it. The hook `useModelRunner` drives it from animation frames.
 */

const EVENT_LOG = 30;
/** a checkpoint (a copy of the state) every this many ticks, for going back */
const CHECKPOINT_EVERY = 200;
const CHECKPOINT_CAP = 40;

/** An experiment laid out on the timeline: which one, and the tick where it ends. */
export interface Script {
  id: string;
  endTick: number;
}

/** Ticks at which each `do` step happens, and the tick where the steps end. */
export function layOut<A>(steps: readonly ScenarioStep<A>[], tickMs: number): { recording: Recorded<A>[]; endTick: number } {
  let tick = 0;
  const recording: Recorded<A>[] = [];
  for (const st of steps) {
    if ('do' in st) recording.push({ tick, action: st.do });
    else tick += Math.round((st.runSeconds * 1000) / tickMs);
  }
  return { recording, endTick: tick };
}

interface Checkpoint<S> {
  tick: number;
  state: S;
  next: number;
  events: SimEvent[];
}

export interface TimelineOptions<S, A> {
  /** no tick beyond this (a runaway guard) */
  maxTicks?: number;
  /** the run is over (nothing more can happen): playback stops and the clock stays put */
  done?: (s: S) => boolean;
  /** merge two actions recorded at the same tick (e.g. a slider drag) */
  coalesce?: (prev: A, next: A) => A | null;
}

export class ModelTimeline<C, S extends { tick: number }, A> {
  state: S;
  config: C;
  seed: number;
  /** every action, sorted by tick; the first `next` have been applied to `state` */
  recording: Recorded<A>[] = [];
  next = 0;
  /** notable events of the last moments, oldest first */
  events: SimEvent[] = [];
  script: Script | null = null;
  /** the furthest tick reached (the scrubber's end, with the script's end) */
  maxReached = 0;
  private checkpoints: Checkpoint<S>[] = [];

  constructor(
    readonly model: Model<C, S, A>,
    config: C,
    seed: number,
    readonly opts: TimelineOptions<S, A> = {},
  ) {
    this.config = config;
    this.seed = seed;
    this.state = this.fresh();
  }

  /** A recorded run up to `tick` (share links): the same state replay() builds. */
  static at<C, S extends { tick: number }, A>(model: Model<C, S, A>, config: C, seed: number, recording: readonly Recorded<A>[], tick: number, opts: TimelineOptions<S, A> = {}) {
    const t = new ModelTimeline(model, config, seed, opts);
    t.recording = [...recording].sort((a, b) => a.tick - b.tick);
    t.state = t.fresh();
    t.seek(tick);
    return t;
  }

  /**
   * A recorded run whose state is already built (a share link replayed in slices by
   * SharedModelMoment with startReplay, which ends with exactly `at`'s state): every recorded
   * action at or before the state's tick counts as applied. Checkpoints: tick 0 and this moment, so
   * going back replays from tick 0; no events from before this moment are listed.
   */
  static resume<C, S extends { tick: number }, A>(model: Model<C, S, A>, config: C, seed: number, recording: readonly Recorded<A>[], state: S, opts: TimelineOptions<S, A> = {}) {
    const t = new ModelTimeline(model, config, seed, opts);
    t.recording = [...recording].sort((a, b) => a.tick - b.tick);
    t.state = t.fresh();
    t.state = state;
    t.next = t.recording.filter((r) => r.tick <= state.tick).length;
    t.maxReached = state.tick;
    t.checkpoint();
    return t;
  }

  get maxTick(): number {
    return Math.max(this.maxReached, this.state.tick, this.script?.endTick ?? 0);
  }

  /** Playback stops here by itself: the end of an experiment, the tick cap, or a finished run. */
  atEnd(): boolean {
    const s = this.state;
    return s.tick >= (this.opts.maxTicks ?? Infinity) || (this.script !== null && s.tick >= this.script.endTick) || (this.opts.done?.(s) ?? false);
  }

  /** The experiment's scripted moments, as ticks: its start, each action, its end (none without one). */
  moments(): number[] {
    const sc = this.script;
    if (!sc) return [];
    return [...new Set([0, ...this.recording.map((r) => r.tick).filter((t) => t <= sc.endTick), sc.endTick])].sort((a, b) => a - b);
  }

  /** Advance one tick, applying the recorded actions due first. */
  stepOnce(): void {
    const s = this.state;
    this.applyDue();
    this.remember(this.model.step(s).events);
    if (s.tick % CHECKPOINT_EVERY === 0) this.checkpoint();
    if (s.tick > this.maxReached) this.maxReached = s.tick;
    this.applyDue();
  }

  /** Go to `tick`: back from the nearest checkpoint, forward by stepping. */
  seek(tick: number): void {
    const target = Math.max(0, Math.min(Math.round(tick), this.opts.maxTicks ?? Infinity));
    if (target < this.state.tick) {
      let cp = this.checkpoints[0]!;
      for (const c of this.checkpoints) if (c.tick <= target) cp = c;
      this.state = structuredClone(cp.state);
      this.next = cp.next;
      this.events = [...cp.events];
    }
    while (this.state.tick < target) this.stepOnce();
    this.applyDue();
  }

  /** A learner's action, now. Recorded actions after now are dropped: acting starts a new branch. */
  apply(action: A): void {
    const s = this.state;
    if (this.next < this.recording.length) this.recording.splice(this.next);
    this.script = null;
    this.checkpoints = this.checkpoints.filter((c) => c.tick <= s.tick);
    this.maxReached = s.tick;
    const { events } = this.model.apply(s, action);
    const last = this.recording[this.recording.length - 1];
    const merged = last && last.tick === s.tick && this.opts.coalesce ? this.opts.coalesce(last.action, action) : null;
    if (last && merged) last.action = merged;
    else this.recording.push({ tick: s.tick, action });
    this.next = this.recording.length;
    this.remember(events);
  }

  /** Start again from tick 0 (with new settings or seed, if given); no recorded actions. */
  reset(config: C = this.config, seed: number = this.seed): void {
    this.config = config;
    this.seed = seed;
    this.recording = [];
    this.script = null;
    this.maxReached = 0;
    this.state = this.fresh();
  }

  /** Lay out an experiment from tick 0; it plays as the clock advances and ends at its last step. */
  load(id: string, config: C, seed: number, steps: readonly ScenarioStep<A>[]): void {
    const { recording, endTick } = layOut(steps, this.model.tickMs);
    this.config = config;
    this.seed = seed;
    this.recording = recording;
    this.script = { id, endTick };
    this.maxReached = 0;
    this.state = this.fresh();
  }

  /** What has happened up to now (a script's later actions are not part of this moment). */
  recordedSoFar(): Recorded<A>[] {
    return this.recording.filter((r) => r.tick <= this.state.tick);
  }

  private fresh(): S {
    this.state = this.model.create(this.config, this.seed);
    this.next = 0;
    this.events = [];
    this.checkpoints = [];
    this.applyDue();
    this.checkpoint();
    return this.state;
  }

  private applyDue(): void {
    const rec = this.recording;
    while (this.next < rec.length && rec[this.next]!.tick <= this.state.tick) this.remember(this.model.apply(this.state, rec[this.next++]!.action).events);
  }

  private remember(evs: SimEvent[]): void {
    if (evs.length === 0) return;
    const log = this.events;
    for (const e of evs) if (e.type !== 'producer/publish') log.push(e);
    if (log.length > EVENT_LOG) log.splice(0, log.length - EVENT_LOG);
  }

  private checkpoint(): void {
    const s = this.state;
    const cps = this.checkpoints;
    if (cps.length && cps[cps.length - 1]!.tick >= s.tick) return;
    cps.push({ tick: s.tick, state: structuredClone(s), next: this.next, events: [...this.events] });
    if (cps.length > CHECKPOINT_CAP) this.checkpoints = cps.filter((_, i) => i === 0 || i >= cps.length / 2 || i % 2 === 0);
  }
}

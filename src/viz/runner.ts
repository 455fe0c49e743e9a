import {
  SimActionError,
  applyAction,
  createSimulation,
  runUntil,
  snapshotView,
  TICK_MS,
  type SimAction,
  type SimConfig,
  type SimEvent,
  type SimState,
  type SimView,
  type TimedAction,
} from '../sim';
import { nextFrame } from '../share/frames';
import { pack, unpack, type Packed } from './checkpoint';
import { peakRates } from './cost';
import { narrateLines, type LogLine } from './narrate';

/**
 * Drives one simulation for one visualiser instance, outside React: advances simulated time by
 * wall-clock time times the speed, applies the scenario's scheduled actions and the learner's
 * actions, keeps a narrated log, checkpoints for seeking back, and exposes a view snapshot.
 *
 * Every action ever applied is in `timeline` (sorted by time), so {config, seed, timeline}
 * reproduces any moment: that is what share links carry.
 */

export interface TimelineEntry extends TimedAction {
  /** true when the learner did it (as opposed to the scenario's script) */
  user: boolean;
}

export interface RunnerSetup {
  config: SimConfig;
  seed: number;
  /** scheduled actions (scenario script, and for share links the learner's actions too) */
  timeline: TimelineEntry[];
}

export const SPEED_MIN = 0.25;
export const SPEED_MAX = 50;
export const SPEEDS = [0.25, 0.5, 1, 2, 5, 10, 20, 50] as const;
const LOG_CAP = 200;
/** Snapshots for scrubbing back are taken every 10 s of simulated time, or more often for a costly run (below). */
const CHECKPOINT_EVERY_MS = 10_000;
const CHECKPOINT_MIN_EVERY_MS = 1_000;
/**
 * Simulation work (records produced and delivered, plus partitions and consumers stepped; see
 * viz/cost.ts) between two snapshots at most: going back replays at most this much, which keeps
 * a scrub back short whatever the rates (down to one snapshot a simulated second).
 */
const CHECKPOINT_WORK = 250_000;
const CHECKPOINT_CAP = 48;
/** The snapshots together stay under this many bytes (older ones are thinned out first). */
export const HISTORY_BUDGET_BYTES = 48 * 1024 * 1024;
/** never simulate more than this per animation frame (keeps a frame short after a long pause) */
const MAX_STEPS_PER_ADVANCE = 60;
/** seekGradually checks the clock after each stretch of this much simulated time */
const SLICE_STEP_MS = 2 * TICK_MS;

export { nextFrame };

export class SimRunner {
  setup: RunnerSetup;
  sim: SimState;
  timeline: TimelineEntry[];
  nextIdx = 0;
  playing = false;
  speed = 1;
  /** the furthest simulated time reached (the end of the scrub slider) */
  maxReachedMs = 0;
  log: LogLine[] = [];
  /** bumped whenever the log, the settings or the timeline change */
  version = 0;
  /**
   * bumped only when the picture must be redrawn at once, even while paused: an action, a seek,
   * a restart. A new log line alone does not bump it (the log is not on the canvas), so a stream
   * of log lines (say, a write failing every tick) never forces a full redraw every frame.
   */
  sceneVersion = 0;
  /** true while the visualiser is scrolled out of view (or its page hidden): time stands still */
  outOfView = false;
  /** scheduled actions the simulator refused (skipped), with its reasons */
  refused: string[] = [];
  private acc = 0;
  /** seekGradually calls under way (a newer seek may start before an aborted one has unwound) */
  private seeksInFlight = 0;
  /** compact copies of past moments (viz/checkpoint.ts), for seeking back */
  private checkpoints: { atMs: number; state: Packed; nextIdx: number; log: LogLine[] }[] = [];
  /** simulated ms between snapshots, from what this run costs per second */
  private checkpointEveryMs = CHECKPOINT_EVERY_MS;
  private cachedView: SimView | null = null;
  private cachedTick = -1;

  constructor(setup: RunnerSetup) {
    this.setup = { config: setup.config, seed: setup.seed, timeline: sortTimeline(setup.timeline) };
    this.timeline = [...this.setup.timeline];
    this.sim = createSimulation(setup.config, setup.seed);
    this.checkpointEveryMs = checkpointSpacing(setup.config, this.timeline);
    this.checkpoint();
    this.catchUpActions();
  }

  /** Bytes held by the snapshots kept for seeking back (an estimate: typed arrays exactly). */
  get historyBytes(): number {
    return this.checkpoints.reduce((n, c) => n + c.state.bytes, 0);
  }

  /** How many snapshots are kept, and how far apart they are taken (simulated ms). */
  get history(): { count: number; everyMs: number } {
    return { count: this.checkpoints.length, everyMs: this.checkpointEveryMs };
  }

  get timeMs(): number {
    return this.sim.timeMs;
  }

  /** The view of the current moment (rebuilt only when the simulation moved). */
  view(): SimView {
    if (!this.cachedView || this.cachedTick !== this.sim.tick || this.dirtyView) {
      this.cachedView = snapshotView(this.sim);
      this.cachedTick = this.sim.tick;
      this.dirtyView = false;
    }
    return this.cachedView;
  }
  private dirtyView = false;

  /** Advance by `wallMs` of real time at the current speed (when playing). Returns true if time moved. */
  advance(wallMs: number): boolean {
    // while seekGradually is on its way, time moves only by the seek (play resumes after it)
    if (!this.playing || wallMs <= 0 || this.seeksInFlight > 0) return false;
    this.acc += Math.min(wallMs, 250) * this.speed;
    let steps = Math.floor(this.acc / TICK_MS);
    if (steps <= 0) return false;
    this.acc -= steps * TICK_MS;
    steps = Math.min(steps, MAX_STEPS_PER_ADVANCE);
    this.runTo(this.sim.timeMs + steps * TICK_MS);
    return true;
  }

  /** Advance exactly one tick (for "step"). */
  step(): void {
    this.runTo(this.sim.timeMs + TICK_MS);
  }

  /** Go back exactly one tick (for "step back"); at time 0 nothing changes. */
  stepBack(): void {
    if (this.sim.timeMs <= 0) return;
    this.seek(this.sim.timeMs - TICK_MS);
  }

  /** Jump ahead by `ms` of simulated time, as fast as possible. */
  fastForward(ms: number): void {
    this.runTo(this.sim.timeMs + ms);
  }

  private runTo(untilMs: number): void {
    let t = this.sim.timeMs;
    while (t < untilMs) {
      const next = Math.min(untilMs, (Math.floor(t / this.checkpointEveryMs) + 1) * this.checkpointEveryMs);
      try {
        this.nextIdx = runUntil(this.sim, this.timeline, next, {
          fromIndex: this.nextIdx,
          recordEvents: false,
          onEvents: (events) => this.onEvents(events),
        });
      } catch (err) {
        if (!this.dropRefused(err)) throw err;
        continue;
      }
      if (this.sim.timeMs === t) break;
      t = this.sim.timeMs;
      if (t % this.checkpointEveryMs === 0) this.checkpoint();
    }
    if (this.sim.timeMs > this.maxReachedMs) this.maxReachedMs = this.sim.timeMs;
  }

  private catchUpActions(): void {
    for (let guard = 0; guard <= this.timeline.length; guard++) {
      try {
        this.nextIdx = runUntil(this.sim, this.timeline, this.sim.timeMs, { fromIndex: this.nextIdx, recordEvents: false, onEvents: (e) => this.onEvents(e) });
        return;
      } catch (err) {
        if (!this.dropRefused(err)) throw err;
      }
    }
  }

  /**
   * A scheduled action the simulator refused (it applies actions in timeline order and records
   * each one it accepts, so the refused one is the next after those): drop it, say so in the log,
   * and carry on. Returns false for any other error.
   */
  private dropRefused(err: unknown): boolean {
    if (!(err instanceof SimActionError)) return false;
    const idx = this.sim.actions.length;
    const entry = this.timeline[idx];
    if (!entry) return false;
    this.timeline.splice(idx, 1);
    this.nextIdx = idx;
    this.refused.push(err.message);
    this.log.push({ atMs: this.sim.timeMs, text: `a scheduled change was refused and skipped (${err.message})`, tone: 'fault' });
    this.version++;
    return true;
  }

  private onEvents(events: SimEvent[]): void {
    const lines = narrateLines(events);
    if (lines.length) {
      for (const line of lines) this.log.push(line);
      if (this.log.length > LOG_CAP) this.log.splice(0, this.log.length - LOG_CAP);
      this.version++;
    }
  }

  private checkpoint(): void {
    const at = this.sim.timeMs;
    if (this.checkpoints.some((c) => c.atMs === at)) return;
    this.checkpoints.push({ atMs: at, state: pack(this.sim), nextIdx: this.nextIdx, log: [...this.log] });
    this.checkpoints.sort((a, b) => a.atMs - b.atMs);
    // Too many, or too many bytes: keep the first, thin out every other one in the older half
    // (recent moments stay close together, older ones further apart).
    while (this.checkpoints.length > 3 && (this.checkpoints.length > CHECKPOINT_CAP || this.historyBytes > HISTORY_BUDGET_BYTES)) {
      const n = this.checkpoints.length;
      this.checkpoints = this.checkpoints.filter((_, i) => i === 0 || i >= n / 2 || i % 2 === 0);
      if (this.checkpoints.length === n) break;
    }
  }

  /**
   * Apply a learner's action now. Returns null on success or a message explaining why it was
   * refused (the simulation is unchanged then). Scheduled learner actions after now are dropped:
   * acting after scrubbing back starts a new branch of history.
   */
  act(action: SimAction): string | null {
    try {
      const { events } = applyAction(this.sim, action);
      const now = this.sim.timeMs;
      const before = this.timeline.slice(0, this.nextIdx);
      const after = this.timeline.slice(this.nextIdx).filter((e) => !e.user);
      this.timeline = [...before, { atMs: now, action, user: true }, ...after];
      this.nextIdx = before.length + 1;
      this.checkpointEveryMs = checkpointSpacing(this.setup.config, this.timeline);
      this.checkpoints = this.checkpoints.filter((c) => c.atMs <= now);
      this.maxReachedMs = now;
      this.onEvents(events);
      this.dirtyView = true;
      this.version++;
      this.sceneVersion++;
      return null;
    } catch (err) {
      return err instanceof Error ? err.message.replace(/^[a-z/-]+: /, '') : 'this change could not be applied';
    }
  }

  /** Go to simulated time `ms` (rounded down to a tick), back or forward. */
  seek(ms: number): void {
    const target = Math.max(0, Math.floor(ms / TICK_MS) * TICK_MS);
    if (target >= this.sim.timeMs) {
      this.runTo(target);
      this.version++;
      this.sceneVersion++;
      return;
    }
    this.restoreBefore(target);
    const keepMax = this.maxReachedMs;
    this.runTo(target);
    this.maxReachedMs = keepMax;
    this.dirtyView = true;
    this.version++;
    this.sceneVersion++;
  }

  /** Restore the latest snapshot at or before `target`. */
  private restoreBefore(target: number): void {
    let cp = this.checkpoints[0]!;
    for (const c of this.checkpoints) if (c.atMs <= target) cp = c;
    this.sim = unpack<SimState>(cp.state);
    this.nextIdx = cp.nextIdx;
    this.log = [...cp.log];
    this.acc = 0;
  }

  /**
   * `seek`, done in slices of about `sliceMs` of wall time with the browser given a turn between
   * slices (`pause`, by default the next animation frame), so the page keeps drawing and
   * answering input however long the way is. `onProgress` gets the share of the way done (0..1)
   * after each slice. When `signal` aborts, it stops between slices and rejects with an
   * AbortError; the runner is then at some moment before `ms`, still consistent.
   */
  async seekGradually(ms: number, options: { signal?: AbortSignal; onProgress?: (done: number) => void; sliceMs?: number; pause?: () => Promise<void> } = {}): Promise<void> {
    const { signal, onProgress, sliceMs = 25, pause = nextFrame } = options;
    const target = Math.max(0, Math.floor(ms / TICK_MS) * TICK_MS);
    const keepMax = this.maxReachedMs;
    if (target < this.sim.timeMs) this.restoreBefore(target);
    const from = this.sim.timeMs;
    this.seeksInFlight++;
    try {
      while (this.sim.timeMs < target) {
        if (signal?.aborted) throw new DOMException('Seeking was cancelled.', 'AbortError');
        const deadline = performance.now() + sliceMs;
        do {
          const before = this.sim.timeMs;
          this.runTo(Math.min(target, before + SLICE_STEP_MS));
          if (this.sim.timeMs === before) break;
        } while (this.sim.timeMs < target && performance.now() < deadline);
        onProgress?.((this.sim.timeMs - from) / Math.max(1, target - from));
        if (this.sim.timeMs < target) await pause();
      }
    } finally {
      this.seeksInFlight--;
      // finished or stopped part-way: either way the picture shows a new moment
      if (this.maxReachedMs < keepMax) this.maxReachedMs = keepMax;
      this.dirtyView = true;
      this.version++;
      this.sceneVersion++;
    }
  }

  /** Start again from time 0: same seed (or a new one), the script only (learner actions dropped). */
  restart(seed = this.setup.seed, config = this.setup.config): void {
    const sim = createSimulation(config, seed); // throws on an invalid config, before anything changes
    this.setup = { config, seed, timeline: this.setup.timeline.filter((e) => !e.user) };
    this.timeline = [...this.setup.timeline];
    this.sim = sim;
    this.checkpointEveryMs = checkpointSpacing(config, this.timeline);
    this.nextIdx = 0;
    this.log = [];
    this.acc = 0;
    this.maxReachedMs = 0;
    this.checkpoints = [];
    this.checkpoint();
    this.catchUpActions();
    this.dirtyView = true;
    this.version++;
    this.sceneVersion++;
  }

  setSpeed(speed: number): void {
    this.speed = Math.min(SPEED_MAX, Math.max(SPEED_MIN, speed));
    this.version++;
  }

  setPlaying(playing: boolean): void {
    this.playing = playing;
    this.acc = 0;
    this.version++;
  }
}

/** Simulated ms between snapshots: 10 s, or less for a run that does a lot each second. */
function checkpointSpacing(config: SimConfig, timeline: TimelineEntry[]): number {
  const rate = peakRates(config, timeline);
  const perSecond = rate.records + rate.steps;
  const ms = Math.floor(CHECKPOINT_WORK / Math.max(1, perSecond)) * 1000;
  return Math.min(CHECKPOINT_EVERY_MS, Math.max(CHECKPOINT_MIN_EVERY_MS, ms));
}

export function sortTimeline(t: TimelineEntry[]): TimelineEntry[] {
  return t.map((e, i) => ({ e, i })).sort((a, b) => a.e.atMs - b.e.atMs || a.i - b.i).map((x) => x.e);
}

/** Next speed up or down the ladder of SPEEDS. */
export function nextSpeed(current: number, dir: 1 | -1): number {
  if (dir > 0) return SPEEDS.find((s) => s > current + 1e-9) ?? SPEED_MAX;
  return [...SPEEDS].reverse().find((s) => s < current - 1e-9) ?? SPEED_MIN;
}

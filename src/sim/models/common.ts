/**
 * Shared plumbing for the small teaching models in this folder (messaging models, delivery
 * guarantees, backpressure, backpressure chain). Each model is pure TypeScript:
 *
 *   const s = model.create(config, seed);   // plain, JSON-serialisable state
 *   model.step(s);                          // advance one fixed tick (model.tickMs of simulated time)
 *   model.apply(s, action);                 // a learner's action (toggle, fault, slider)
 *   model.metrics(s);                       // flat named numbers for counters and expectations
 *
 * Like the main simulator, step and apply update the state IN PLACE and return it with the events
 * that happened (named area/verb). Clone with structuredClone or a JSON round-trip to keep a copy.
 */

export interface SimEvent {
  /** area/verb, e.g. "consumer/crash" */
  type: string;
  /** simulated milliseconds */
  t: number;
  text: string;
}

export interface StepResult<S> {
  state: S;
  events: SimEvent[];
}

export type Metrics = Record<string, number>;

export interface Model<C, S, A> {
  id: string;
  tickMs: number;
  create(config: C, seed: number): S;
  step(state: S): StepResult<S>;
  apply(state: S, action: A): StepResult<S>;
  metrics(state: S): Metrics;
}

// ---------------------------------------------------------------------------------------------
// Seeded randomness: mulberry32, whose whole state is one uint32 kept inside the model state.
// ---------------------------------------------------------------------------------------------

export function seedRng(seed: number): number {
  if (!Number.isFinite(seed)) throw new RangeError(`seed must be a finite number, got ${seed}`);
  return (Math.trunc(seed) ^ 0x5bd1e995) >>> 0;
}

/** Uniform float in [0, 1); advances holder.rng. */
export function random(holder: { rng: number }): number {
  holder.rng = (holder.rng + 0x6d2b79f5) >>> 0;
  let z = holder.rng;
  z = Math.imul(z ^ (z >>> 15), z | 1);
  z ^= z + Math.imul(z ^ (z >>> 7), z | 61);
  return ((z ^ (z >>> 14)) >>> 0) / 4294967296;
}

// ---------------------------------------------------------------------------------------------
// Bounded time series: a fixed number of samples; the oldest is dropped when full.
// ---------------------------------------------------------------------------------------------

export interface SeriesBuffer {
  cap: number;
  t: number[];
  v: Record<string, number[]>;
}

export function createSeries(names: readonly string[], cap: number): SeriesBuffer {
  const v: Record<string, number[]> = {};
  for (const n of names) v[n] = [];
  return { cap, t: [], v };
}

export function pushSample(buf: SeriesBuffer, t: number, values: Record<string, number>): void {
  buf.t.push(t);
  for (const [name, arr] of Object.entries(buf.v)) arr.push(values[name] ?? 0);
  if (buf.t.length > buf.cap) {
    const extra = buf.t.length - buf.cap;
    buf.t.splice(0, extra);
    for (const arr of Object.values(buf.v)) arr.splice(0, extra);
  }
}

// ---------------------------------------------------------------------------------------------
// A first-in-first-out buffer of counts, remembering when each run of records arrived, so the
// model can report how long records waited (latency) and how old the oldest one is (retention).
// Runs are merged when there are too many, which keeps memory bounded however deep the buffer.
// ---------------------------------------------------------------------------------------------

export interface Fifo {
  /** [count, arrival time in ms] pairs, oldest first */
  runs: [number, number][];
  size: number;
}

const MAX_RUNS = 256;

export function createFifo(): Fifo {
  return { runs: [], size: 0 };
}

export function fifoPush(f: Fifo, n: number, t: number): void {
  if (n <= 0) return;
  const last = f.runs[f.runs.length - 1];
  if (last && last[1] === t) last[0] += n;
  else f.runs.push([n, t]);
  f.size += n;
  if (f.runs.length > MAX_RUNS) {
    // merge the two oldest runs (count-weighted arrival time)
    const [a, b] = f.runs as [[number, number], [number, number]];
    const merged: [number, number] = [a[0] + b[0], Math.round((a[0] * a[1] + b[0] * b[1]) / (a[0] + b[0]))];
    f.runs.splice(0, 2, merged);
  }
}

/** Removes up to n records from the front; returns how many and the sum of their arrival times. */
export function fifoTake(f: Fifo, n: number): { taken: number; sumArrival: number } {
  let want = Math.min(n, f.size);
  let taken = 0;
  let sumArrival = 0;
  while (want > 0 && f.runs.length > 0) {
    const head = f.runs[0]!;
    const k = Math.min(want, head[0]);
    head[0] -= k;
    want -= k;
    taken += k;
    sumArrival += k * head[1];
    if (head[0] === 0) f.runs.shift();
  }
  f.size -= taken;
  return { taken, sumArrival };
}

/** Removes records that arrived before `cutoff`; returns how many. */
export function fifoDropOlderThan(f: Fifo, cutoff: number): number {
  let dropped = 0;
  while (f.runs.length > 0 && f.runs[0]![1] < cutoff) {
    dropped += f.runs[0]![0];
    f.runs.shift();
  }
  f.size -= dropped;
  return dropped;
}

export function fifoClear(f: Fifo): number {
  const n = f.size;
  f.runs = [];
  f.size = 0;
  return n;
}

export function oldestArrival(f: Fifo): number | null {
  return f.runs[0]?.[1] ?? null;
}

/** Whole units for this tick from a fractional rate, carrying the remainder in holder[key]. */
export function carry<K extends string>(holder: Record<K, number>, key: K, amount: number): number {
  const total = holder[key] + Math.max(0, amount);
  const whole = Math.floor(total + 1e-9);
  holder[key] = total - whole;
  return whole;
}

export const clampNum = (v: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, v));

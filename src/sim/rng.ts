/**
 * Seeded pseudo-random numbers (sfc32, a small fast counter-based generator). The generator's
 * whole state is a plain number[4] that lives inside the simulation state, so snapshots,
 * JSON round-trips and replays continue the exact same sequence.
 */

export type RngState = number[];

/** Expand a 32-bit seed into a generator state (splitmix32 scrambling, then a short warm-up). */
export function createRng(seed: number): RngState {
  if (!Number.isFinite(seed)) throw new RangeError(`seed must be a finite number, got ${seed}`);
  let s = Math.trunc(seed) >>> 0;
  const next = (): number => {
    s = (s + 0x9e3779b9) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    return (z ^ (z >>> 16)) >>> 0;
  };
  const state: RngState = [next(), next(), next(), 1];
  for (let i = 0; i < 12; i++) nextU32(state);
  return state;
}

/** Next unsigned 32-bit integer. */
export function nextU32(r: RngState): number {
  let a = r[0]! | 0;
  let b = r[1]! | 0;
  let c = r[2]! | 0;
  let d = r[3]! | 0;
  const t = (((a + b) | 0) + d) | 0;
  d = (d + 1) | 0;
  a = b ^ (b >>> 9);
  b = (c + (c << 3)) | 0;
  c = (c << 21) | (c >>> 11);
  c = (c + t) | 0;
  r[0] = a;
  r[1] = b;
  r[2] = c;
  r[3] = d;
  return t >>> 0;
}

/** Uniform float in [0, 1). */
export function nextFloat(r: RngState): number {
  return nextU32(r) / 4294967296;
}

/** Uniform integer in [0, n). */
export function nextInt(r: RngState, n: number): number {
  return Math.floor(nextFloat(r) * n);
}

/** Standard normal (Box-Muller; one value per call, the pair's twin is discarded for simplicity). */
export function nextNormal(r: RngState): number {
  let u = nextFloat(r);
  if (u < 1e-12) u = 1e-12;
  const v = nextFloat(r);
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}

/** Exponential with the given mean. */
export function nextExponential(r: RngState, mean: number): number {
  return -Math.log(1 - nextFloat(r)) * mean;
}

/**
 * The sum of `n` draws of nextExponential(r, mean), added in draw order: the same numbers and the
 * same generator state afterwards as calling it n times, with the generator kept in locals
 * (the per-record processing cost of a small batch, the simulator's hottest draw).
 */
export function sumExponentials(r: RngState, n: number, mean: number): number {
  let a = r[0]! | 0;
  let b = r[1]! | 0;
  let c = r[2]! | 0;
  let d = r[3]! | 0;
  let total = 0;
  for (let i = 0; i < n; i++) {
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    total += -Math.log(1 - (t >>> 0) / 4294967296) * mean;
  }
  r[0] = a;
  r[1] = b;
  r[2] = c;
  r[3] = d;
  return total;
}

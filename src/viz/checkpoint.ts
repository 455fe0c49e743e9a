/**
 * Compact copies of plain data (simulation states) for the visualiser's scrubbing history.
 *
 * `structuredClone` copies a long array of numbers one element at a time into a new JS array:
 * slow for the simulator's per-offset windows and metric series, and the copy is as large as the
 * original. `pack` copies the same data but stores every long all-number array as a typed array
 * (Int32Array when every value is a 32-bit integer, else Float64Array): a block copy, 4 bytes
 * per number for the common case, and no per-element objects for the garbage collector to walk.
 * `unpack` gives back plain data equal to the original (arrays are arrays again), so a restored
 * state continues exactly as the original would.
 *
 * Only plain JSON-like data is supported (objects, arrays, strings, numbers, booleans, null,
 * undefined), which is what a simulation state is.
 */

/** Arrays shorter than this are copied as they are (a typed array would not pay). */
const PACK_MIN_LENGTH = 32;

/** A packed array of numbers (a class, so no plain data object can be mistaken for one). */
class PackedNumbers {
  constructor(readonly values: Int32Array | Float64Array) {}
}

export interface Packed {
  readonly data: unknown;
  /** an estimate of the bytes the packed copy holds (typed arrays exactly, the rest roughly) */
  readonly bytes: number;
}

/** A compact deep copy of `value` (see the module comment). */
export function pack(value: unknown): Packed {
  let bytes = 0;
  const walk = (v: unknown): unknown => {
    if (typeof v !== 'object' || v === null) {
      bytes += typeof v === 'string' ? 16 + v.length * 2 : 8;
      return v;
    }
    if (Array.isArray(v)) {
      if (v.length >= PACK_MIN_LENGTH) {
        let allNumbers = true;
        let allInt32 = true;
        for (let i = 0; i < v.length; i++) {
          const x: unknown = v[i];
          if (typeof x !== 'number') {
            allNumbers = false;
            break;
          }
          if (allInt32 && ((x | 0) !== x || Object.is(x, -0))) allInt32 = false;
        }
        if (allNumbers) {
          const typed = allInt32 ? Int32Array.from(v as number[]) : Float64Array.from(v as number[]);
          bytes += 32 + typed.byteLength;
          return new PackedNumbers(typed);
        }
      }
      bytes += 16 + v.length * 8;
      return v.map(walk);
    }
    const out: Record<string, unknown> = {};
    bytes += 24;
    for (const [k, x] of Object.entries(v)) {
      bytes += 8;
      out[k] = walk(x);
    }
    return out;
  };
  const data = walk(value);
  return { data, bytes };
}

/** A fresh, plain deep copy of what `pack` was given. */
export function unpack<T>(packed: Packed): T {
  const walk = (v: unknown): unknown => {
    if (typeof v !== 'object' || v === null) return v;
    if (v instanceof PackedNumbers) return Array.from(v.values);
    if (Array.isArray(v)) return v.map(walk);
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) out[k] = walk(x);
    return out;
  };
  return walk(packed.data) as T;
}

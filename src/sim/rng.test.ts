import { describe, expect, it } from 'vitest';
import { createRng, nextExponential, nextFloat, nextInt, nextNormal, nextU32, sumExponentials } from './rng.ts';

describe('rng', () => {
  it('is deterministic for a seed and differs across seeds', () => {
    const a = createRng(42);
    const b = createRng(42);
    const c = createRng(43);
    const xs = Array.from({ length: 5 }, () => nextU32(a));
    const ys = Array.from({ length: 5 }, () => nextU32(b));
    const zs = Array.from({ length: 5 }, () => nextU32(c));
    expect(xs).toEqual(ys);
    expect(xs).not.toEqual(zs);
  });

  it('continues identically after a JSON round-trip of its state', () => {
    const a = createRng(7);
    for (let i = 0; i < 10; i++) nextU32(a);
    const b = JSON.parse(JSON.stringify(a)) as number[];
    expect(Array.from({ length: 10 }, () => nextU32(a))).toEqual(Array.from({ length: 10 }, () => nextU32(b)));
  });

  it('produces floats in [0,1) with a plausible mean and integers in range', () => {
    const r = createRng(1);
    let sum = 0;
    const counts = [0, 0, 0, 0];
    for (let i = 0; i < 20000; i++) {
      const f = nextFloat(r);
      expect(f).toBeGreaterThanOrEqual(0);
      expect(f).toBeLessThan(1);
      sum += f;
      const k = nextInt(r, 4);
      counts[k]! += 1;
    }
    expect(sum / 20000).toBeGreaterThan(0.48);
    expect(sum / 20000).toBeLessThan(0.52);
    for (const c of counts) expect(c).toBeGreaterThan(4500);
  });

  it('normal samples have mean ~0 and variance ~1', () => {
    const r = createRng(3);
    let s = 0;
    let s2 = 0;
    const n = 20000;
    for (let i = 0; i < n; i++) {
      const x = nextNormal(r);
      s += x;
      s2 += x * x;
    }
    expect(Math.abs(s / n)).toBeLessThan(0.05);
    expect(Math.abs(s2 / n - 1)).toBeLessThan(0.08);
  });

  it('rejects a non-finite seed', () => {
    expect(() => createRng(Number.NaN)).toThrow(RangeError);
  });

  it('sumExponentials gives bit for bit the sum of n nextExponential draws and leaves the generator where they would', () => {
    for (const seed of [1, 101, 0xdeadbeef]) {
      for (const n of [0, 1, 5, 12]) {
        const a = createRng(seed);
        const b = createRng(seed);
        let expected = 0;
        for (let i = 0; i < n; i++) expected += nextExponential(a, 1.5);
        expect(sumExponentials(b, n, 1.5)).toBe(expected);
        expect(b).toEqual(a);
        expect(nextU32(b)).toBe(nextU32(a));
      }
    }
  });
});

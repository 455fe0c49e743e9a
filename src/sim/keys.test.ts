import { describe, expect, it } from 'vitest';
import { resolveKeys } from './config.ts';
import { partitionForKey } from './kafka/index.ts';
import { cachedPartitionForKey, partitionForUser, sampleUser, saltedKey, userKey } from './keys.ts';
import { createRng } from './rng.ts';

function frequencies(keys: Parameters<typeof resolveKeys>[0], n: number): number[] {
  const k = resolveKeys(keys);
  const rng = createRng(5);
  const counts = new Array<number>(k.users).fill(0);
  for (let i = 0; i < n; i++) counts[sampleUser(k, rng)]! += 1;
  return counts.map((c) => c / n);
}

describe('key sampling', () => {
  it('uniform traffic spreads evenly over users', () => {
    const f = frequencies({ mode: 'user', users: 10 }, 50_000);
    for (const x of f) expect(Math.abs(x - 0.1)).toBeLessThan(0.01);
  });

  it('a hot tenant gets its share, the rest is spread', () => {
    const f = frequencies({ mode: 'user', users: 11, distribution: 'hot', hotShare: 0.7 }, 50_000);
    expect(Math.abs(f[0]! - 0.7)).toBeLessThan(0.01);
    for (const x of f.slice(1)) expect(Math.abs(x - 0.03)).toBeLessThan(0.006);
  });

  it('Zipf frequencies follow rank^-s', () => {
    const s = 1.1;
    const users = 50;
    const f = frequencies({ mode: 'user', users, distribution: 'zipf', zipfExponent: s }, 200_000);
    let h = 0;
    for (let i = 1; i <= users; i++) h += 1 / Math.pow(i, s);
    for (const rank of [1, 2, 5, 20, 50]) {
      const expected = 1 / Math.pow(rank, s) / h;
      expect(Math.abs(f[rank - 1]! - expected)).toBeLessThan(0.01 + expected * 0.05);
    }
  });

  it('memoised partition lookups agree with partitionForKey', () => {
    for (const n of [1, 3, 12, 256]) {
      for (let u = 0; u < 300; u += 7) {
        expect(partitionForUser(u, n)).toBe(partitionForKey(userKey(u), n));
        expect(cachedPartitionForKey(saltedKey(u, 3), n)).toBe(partitionForKey(`user-${u}#3`, n));
      }
    }
  });
});

import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { murmur2, partitionForKey, toPositive } from './index.ts';

const utf8 = (s: string) => new TextEncoder().encode(s);

describe('murmur2 (Kafka Utils.murmur2)', () => {
  // Vectors from Kafka's UtilsTest.testMurmur2
  it.each([
    ['21', -973932308],
    ['foobar', -790332482],
    ['a-little-bit-long-string', -985981536],
    ['a-little-bit-longer-string', -1486304829],
    ['lkjh234lh9fiuh90y23oiuhsafujhadof229phr9h19h89h8', -58897971],
    ['abc', 479470107],
  ])('testMurmur2: %s -> %i', (input, expected) => {
    expect(murmur2(utf8(input))).toBe(expected);
  });

  it('returns a signed 32-bit integer for any bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), (bytes) => {
        const h = murmur2(bytes);
        expect(Number.isInteger(h)).toBe(true);
        expect(h).toBeGreaterThanOrEqual(-(2 ** 31));
        expect(h).toBeLessThan(2 ** 31);
      }),
    );
  });

  it('does not read past the array (tail lengths 0..3 differ)', () => {
    const base = utf8('abcdefg');
    const hashes = new Set([4, 5, 6, 7].map((n) => murmur2(base.subarray(0, n))));
    expect(hashes.size).toBe(4);
  });
});

describe('toPositive (Kafka Utils.toPositive)', () => {
  it('masks the sign bit rather than negating', () => {
    expect(toPositive(-1)).toBe(0x7fffffff);
    expect(toPositive(-(2 ** 31))).toBe(0);
    expect(toPositive(10)).toBe(10);
    expect(toPositive(-10)).toBe(2147483638);
  });

  it('is never negative and keeps the low 31 bits', () => {
    fc.assert(
      fc.property(fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 }), (n) => {
        const p = toPositive(n);
        expect(p).toBeGreaterThanOrEqual(0);
        expect(p).toBe(n >= 0 ? n : n + 2 ** 31);
      }),
    );
  });
});

describe('partitionForKey (BuiltInPartitioner.partitionForKey with StringSerializer)', () => {
  it('uses toPositive(murmur2(utf8 key)) % numPartitions', () => {
    // -790332482 is murmur2("foobar") per UtilsTest; toPositive gives 1357151166
    expect(partitionForKey('foobar', 1)).toBe(0);
    expect(partitionForKey('foobar', 3)).toBe(1357151166 % 3);
    expect(partitionForKey('foobar', 10)).toBe(6);
    expect(partitionForKey('21', 7)).toBe(toPositive(-973932308) % 7);
    expect(partitionForKey('abc', 12)).toBe(479470107 % 12);
  });

  it('hashes the UTF-8 bytes of non-ASCII keys', () => {
    const key = 'kü-☃';
    expect(partitionForKey(key, 97)).toBe(toPositive(murmur2(utf8(key))) % 97);
    expect(utf8(key).length).toBeGreaterThan(key.length);
  });

  it('rejects a non-positive partition count', () => {
    expect(() => partitionForKey('k', 0)).toThrow(RangeError);
    expect(() => partitionForKey('k', -3)).toThrow(RangeError);
  });

  it('is in range and stable for any key and partition count', () => {
    fc.assert(
      fc.property(fc.string(), fc.integer({ min: 1, max: 1000 }), (key, n) => {
        const p = partitionForKey(key, n);
        expect(Number.isInteger(p)).toBe(true);
        expect(p).toBeGreaterThanOrEqual(0);
        expect(p).toBeLessThan(n);
        expect(partitionForKey(key, n)).toBe(p);
      }),
    );
  });

  it('spreads distinct keys over all partitions', () => {
    const counts = new Array<number>(8).fill(0);
    for (let i = 0; i < 4000; i++) counts[partitionForKey(`user-${i}`, 8)]!++;
    for (const c of counts) expect(c).toBeGreaterThan(350);
  });
});

/**
 * Record keys and partition choice for producers: user sampling (uniform, Zipf, one hot tenant),
 * key modes (user id, random, none, salted hot key) and Kafka's partitioning (murmur2 for keyed
 * records via partitionForKey, a sticky partition for unkeyed records).
 *
 * Caches here are pure memoisation of deterministic functions (never part of the state).
 */
import { partitionForKey } from './kafka/index.ts';
import { nextFloat, nextInt, nextU32, type RngState } from './rng.ts';
import type { KeyConfig } from './types.ts';

const USER_KEY_CACHE: string[] = [];

/** "user-<n>": the key of user n. */
export function userKey(user: number): string {
  let k = USER_KEY_CACHE[user];
  if (k === undefined) {
    k = `user-${user}`;
    if (user < 1_000_000) USER_KEY_CACHE[user] = k;
  }
  return k;
}

/** The sub-key of a salted hot key. */
export function saltedKey(user: number, bucket: number): string {
  return `${userKey(user)}#${bucket}`;
}

const ZIPF_CACHE = new Map<string, Float64Array>();

function zipfCdf(users: number, exponent: number): Float64Array {
  const id = `${users}:${exponent}`;
  let cdf = ZIPF_CACHE.get(id);
  if (!cdf) {
    cdf = new Float64Array(users);
    let sum = 0;
    for (let i = 0; i < users; i++) {
      sum += 1 / Math.pow(i + 1, exponent);
      cdf[i] = sum;
    }
    for (let i = 0; i < users; i++) cdf[i] = cdf[i]! / sum;
    if (ZIPF_CACHE.size > 32) ZIPF_CACHE.clear();
    ZIPF_CACHE.set(id, cdf);
  }
  return cdf;
}

/** Draw the user (0-based) of the next record. user-0 is the hottest under 'zipf' and 'hot'. */
export function sampleUser(keys: Required<KeyConfig>, rng: RngState): number {
  const n = keys.users;
  if (n <= 1) return 0;
  switch (keys.distribution) {
    case 'uniform':
      return nextInt(rng, n);
    case 'hot':
      return nextFloat(rng) < keys.hotShare ? 0 : 1 + nextInt(rng, n - 1);
    case 'zipf': {
      const cdf = zipfCdf(n, keys.zipfExponent);
      const u = nextFloat(rng);
      let lo = 0;
      let hi = n - 1;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (cdf[mid]! < u) lo = mid + 1;
        else hi = mid;
      }
      return lo;
    }
  }
}

/** A fresh random key (for the 'random' mode): 8 hex digits. */
export function randomKey(rng: RngState): string {
  return `k-${nextU32(rng).toString(16).padStart(8, '0')}`;
}

const PARTITION_CACHE = new Map<number, Map<string, number>>();

/** partitionForKey with memoisation for repeated keys (user ids). */
export function cachedPartitionForKey(key: string, numPartitions: number): number {
  let m = PARTITION_CACHE.get(numPartitions);
  if (!m) {
    m = new Map();
    PARTITION_CACHE.set(numPartitions, m);
  }
  let p = m.get(key);
  if (p === undefined) {
    p = partitionForKey(key, numPartitions);
    if (m.size > 200_000) m.clear();
    m.set(key, p);
  }
  return p;
}

/** Colour index (0..11) for a user, stable across the run. */
export function userColor(user: number): number {
  return user % 12;
}

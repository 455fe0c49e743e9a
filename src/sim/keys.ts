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

/** Walker/Vose alias table for O(1) sampling from a fixed discrete distribution. */
export interface AliasTable {
  prob: Float64Array;
  alias: Int32Array;
}

const ZIPF_CACHE = new Map<string, AliasTable>();
let lastZipf: { users: number; exponent: number; table: AliasTable } | null = null;

function buildAlias(weights: Float64Array): AliasTable {
  const n = weights.length;
  let sum = 0;
  for (let i = 0; i < n; i++) sum += weights[i]!;
  const scaled = new Float64Array(n);
  for (let i = 0; i < n; i++) scaled[i] = (weights[i]! * n) / sum;
  const prob = new Float64Array(n);
  const alias = new Int32Array(n);
  const small: number[] = [];
  const large: number[] = [];
  for (let i = 0; i < n; i++) (scaled[i]! < 1 ? small : large).push(i);
  while (small.length && large.length) {
    const s = small.pop()!;
    const l = large[large.length - 1]!;
    prob[s] = scaled[s]!;
    alias[s] = l;
    scaled[l] = scaled[l]! + scaled[s]! - 1;
    if (scaled[l]! < 1) {
      large.pop();
      small.push(l);
    }
  }
  for (const i of large) prob[i] = 1;
  for (const i of small) prob[i] = 1;
  return { prob, alias };
}

function zipfTable(users: number, exponent: number): AliasTable {
  if (lastZipf && lastZipf.users === users && lastZipf.exponent === exponent) return lastZipf.table;
  const id = `${users}:${exponent}`;
  let table = ZIPF_CACHE.get(id);
  if (!table) {
    const w = new Float64Array(users);
    for (let i = 0; i < users; i++) w[i] = 1 / Math.pow(i + 1, exponent);
    table = buildAlias(w);
    if (ZIPF_CACHE.size > 32) ZIPF_CACHE.clear();
    ZIPF_CACHE.set(id, table);
  }
  lastZipf = { users, exponent, table };
  return table;
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
      // user i has weight 1/(i+1)^exponent
      const t = zipfTable(n, keys.zipfExponent);
      const x = nextFloat(rng) * n;
      const i = Math.floor(x);
      return x - i < t.prob[i]! ? i : t.alias[i]!;
    }
  }
}

/** The Zipf alias table of a KeyConfig with distribution 'zipf' (for sampleZipf), or null for other distributions or one user. */
export function zipfTableOf(keys: Required<KeyConfig>): AliasTable | null {
  return keys.distribution === 'zipf' && keys.users > 1 ? zipfTable(keys.users, keys.zipfExponent) : null;
}

/** sampleUser for a 'zipf' KeyConfig of `users` users with its table looked up once (zipfTableOf): the same draw and result. */
export function sampleZipf(t: AliasTable, users: number, rng: RngState): number {
  const x = nextFloat(rng) * users;
  const i = Math.floor(x);
  return x - i < t.prob[i]! ? i : t.alias[i]!;
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

const USER_PARTITION_CACHE = new Map<number, number[]>();

/** The partition of user n's key ("user-<n>") for a partition count (memoised per count). */
export function partitionForUser(user: number, numPartitions: number): number {
  const arr = userPartitionMemo(numPartitions);
  let p = arr[user];
  if (p === undefined) {
    p = cachedPartitionForKey(userKey(user), numPartitions);
    if (user < 1_000_000) arr[user] = p;
  }
  return p;
}

/** The memo of partitionForUser for a partition count: entry n is user n's partition once computed (undefined before). */
export function userPartitionMemo(numPartitions: number): (number | undefined)[] {
  let arr = USER_PARTITION_CACHE.get(numPartitions);
  if (!arr) {
    arr = [];
    USER_PARTITION_CACHE.set(numPartitions, arr);
  }
  return arr;
}

/** Colour index (0..11) for a user, stable across the run. */
export function userColor(user: number): number {
  return user % 12;
}

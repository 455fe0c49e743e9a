/**
 * Key hashing as done by Apache Kafka's Java producer.
 *
 * Kafka's default partitioner hashes the serialized key with a 32-bit MurmurHash2 variant
 * (seed 0x9747b28c), masks the sign bit away and takes the remainder modulo the partition
 * count. All arithmetic below mimics Java `int` semantics: Math.imul for wrapping
 * multiplication, `>>>` for Java's unsigned shift and `| 0` to come back to signed 32 bits.
 */

const SEED = 0x9747b28c | 0;
const M = 0x5bd1e995;
const R = 24;

/** Kafka's Utils.murmur2: a signed 32-bit hash of the given bytes. */
export function murmur2(bytes: Uint8Array): number {
  const length = bytes.length;
  let h = (SEED ^ length) | 0;
  const whole = length - (length % 4);
  for (let i = 0; i < whole; i += 4) {
    // little-endian read of four bytes
    let k = (bytes[i]! | (bytes[i + 1]! << 8) | (bytes[i + 2]! << 16) | (bytes[i + 3]! << 24)) | 0;
    k = Math.imul(k, M);
    k ^= k >>> R;
    k = Math.imul(k, M);
    h = Math.imul(h, M);
    h ^= k;
  }
  // the tail: up to three bytes, handled the way Kafka's fall-through switch does
  const rest = length % 4;
  if (rest === 3) h ^= bytes[whole + 2]! << 16;
  if (rest >= 2) h ^= bytes[whole + 1]! << 8;
  if (rest >= 1) {
    h ^= bytes[whole]!;
    h = Math.imul(h, M);
  }
  h ^= h >>> 13;
  h = Math.imul(h, M);
  h ^= h >>> 15;
  return h | 0;
}

/** Kafka's Utils.toPositive: clears the sign bit (not Math.abs, which fails for the minimum int). */
export function toPositive(n: number): number {
  return n & 0x7fffffff;
}

const encoder = new TextEncoder();

/** UTF-8 bytes of a string, as Kafka's StringSerializer produces them by default. */
export function utf8(text: string): Uint8Array {
  return encoder.encode(text);
}

/**
 * The partition Kafka's producer picks for a keyed record (BuiltInPartitioner.partitionForKey),
 * assuming the key is serialized with the default StringSerializer (UTF-8).
 */
export function partitionForKey(key: string, numPartitions: number): number {
  if (!Number.isInteger(numPartitions) || numPartitions <= 0) {
    throw new RangeError(`numPartitions must be a positive integer, got ${numPartitions}`);
  }
  return toPositive(murmur2(utf8(key))) % numPartitions;
}

/**
 * Just enough of java.util.HashMap's behaviour to reproduce its iteration order.
 *
 * Kafka's sticky assignors walk HashMaps and HashSets in places where the walk order changes
 * the result (which members keep the extra partition, which partition a movement undoes). To
 * give the same answers as Kafka we reproduce the order Java would use: entries are visited
 * bucket by bucket (bucket = spread(hashCode) & (capacity - 1)), and within a bucket in the
 * order they were inserted. Capacity starts at 16 (or tableSizeFor(initialCapacity)), doubles
 * when size exceeds 0.75 × capacity, and also doubles when a bucket reaches 9 entries while
 * the table is smaller than 64 (HashMap.treeifyBin). Resizing keeps insertion order within a
 * bucket, so (bucket, insertion sequence) is the iteration key. computeIfAbsent differs from put:
 * it links new entries at the head of their bucket and resizes before inserting.
 *
 * Not modelled: the order inside a "tree bin" (9 or more keys colliding in one bucket of a
 * table of 64 or more), which needs pathological hash collisions.
 */

/** Java's String.hashCode over UTF-16 code units, with int overflow. */
export function javaStringHash(s: string): number {
  let h = 0;
  for (let i = 0; i < s.length; i++) h = (Math.imul(31, h) + s.charCodeAt(i)) | 0;
  return h;
}

/** org.apache.kafka.common.TopicPartition.hashCode(). */
export function topicPartitionHash(topic: string, partition: number): number {
  const result = (31 + partition) | 0;
  return (Math.imul(31, result) + javaStringHash(topic)) | 0;
}

/** HashMap.hash(): spreads the high bits down. */
function spread(h: number): number {
  return (h ^ (h >>> 16)) | 0;
}

/** HashMap.tableSizeFor(): the smallest power of two >= cap (at least 1). */
function tableSizeFor(cap: number): number {
  let n = 1;
  while (n < cap) n *= 2;
  return n;
}

const TREEIFY_THRESHOLD = 8;
const MIN_TREEIFY_CAPACITY = 64;

interface Slot {
  spreadHash: number;
  seq: number;
}

/** A set of string keys (each with its Java hash) that knows Java's iteration order. */
export class JavaHashOrder {
  private capacity = 0;
  private readonly initialCapacity: number;
  private seq = 0;
  private headSeq = 0;
  private readonly slots = new Map<string, Slot>();

  /** initialCapacity as passed to `new HashMap<>(n)`; omit for `new HashMap<>()`. */
  constructor(initialCapacity?: number) {
    this.initialCapacity = initialCapacity === undefined ? 16 : tableSizeFor(initialCapacity);
  }

  get size(): number {
    return this.slots.size;
  }

  has(key: string): boolean {
    return this.slots.has(key);
  }

  /**
   * computeIfAbsent: unlike put, Java resizes before inserting (when the map is already over
   * its threshold), links the new entry at the head of its bucket, and treeifies a bucket that
   * already held 7 entries.
   */
  addViaComputeIfAbsent(key: string, javaHash: number): void {
    if (this.slots.has(key)) return;
    if (this.capacity === 0) this.capacity = this.initialCapacity;
    else if (this.slots.size > Math.floor(this.capacity * 0.75)) this.capacity *= 2;
    const spreadHash = spread(javaHash);
    const bucket = spreadHash & (this.capacity - 1);
    let inBucket = 0;
    for (const s of this.slots.values()) if ((s.spreadHash & (this.capacity - 1)) === bucket) inBucket++;
    this.slots.set(key, { spreadHash, seq: -++this.headSeq });
    if (inBucket >= TREEIFY_THRESHOLD - 1 && this.capacity < MIN_TREEIFY_CAPACITY) this.capacity *= 2;
  }

  /** put/add: a key already present keeps its place. */
  add(key: string, javaHash: number): void {
    if (this.slots.has(key)) return;
    if (this.capacity === 0) this.capacity = this.initialCapacity;
    const spreadHash = spread(javaHash);
    const bucket = spreadHash & (this.capacity - 1);
    let inBucket = 0;
    for (const s of this.slots.values()) if ((s.spreadHash & (this.capacity - 1)) === bucket) inBucket++;
    this.slots.set(key, { spreadHash, seq: this.seq++ });
    // putVal: a bin that already had TREEIFY_THRESHOLD nodes triggers treeifyBin, which resizes small tables
    if (inBucket >= TREEIFY_THRESHOLD && this.capacity < MIN_TREEIFY_CAPACITY) this.capacity *= 2;
    if (this.slots.size > Math.floor(this.capacity * 0.75)) this.capacity *= 2;
  }

  delete(key: string): void {
    this.slots.delete(key);
  }

  /** Keys in the order Java's iterator would return them. */
  keys(): string[] {
    const mask = this.capacity - 1;
    return [...this.slots.entries()]
      .sort((a, b) => (a[1].spreadHash & mask) - (b[1].spreadHash & mask) || a[1].seq - b[1].seq)
      .map(([k]) => k);
  }

  /** What `iterator().next()` would return. */
  first(): string | undefined {
    const mask = this.capacity - 1;
    let best: string | undefined;
    let bestBucket = Infinity;
    let bestSeq = Infinity;
    for (const [k, s] of this.slots) {
      const b = s.spreadHash & mask;
      if (b < bestBucket || (b === bestBucket && s.seq < bestSeq)) {
        best = k;
        bestBucket = b;
        bestSeq = s.seq;
      }
    }
    return best;
  }
}

/**
 * The iteration order of a `new HashMap<>()` (or HashSet) into which `keys` were inserted in this
 * order, by put/add or, with `viaComputeIfAbsent`, by computeIfAbsent.
 */
export function javaHashMapOrder(keys: readonly string[], viaComputeIfAbsent = false): string[] {
  const order = new JavaHashOrder();
  for (const k of keys) {
    if (viaComputeIfAbsent) order.addViaComputeIfAbsent(k, javaStringHash(k));
    else order.add(k, javaStringHash(k));
  }
  return order.keys();
}

/**
 * The simulator's own rate producers: every tick each produces `ratePerSec` records (fractional
 * records carry over), keyed as its KeyConfig says, through the built-in partitioner, and appends
 * them to the partition leaders.
 */
import { topicOf } from '../cluster/metadata.ts';
import type { Ctx } from '../ctx.ts';
import { cachedPartitionForKey, partitionForUser, randomKey, saltedKey, sampleUser, userKey } from '../keys.ts';
import { appendRecord, ENTITY_SHIFT, takePoison } from '../log/log.ts';
import type { SimState } from '../state.ts';
import { TICK_MS } from '../types.ts';
import { nextStickyPartition } from './partitioner.ts';

/** Produce one tick's records of producer `pi`. */
export function produce(state: SimState, pi: number, ctx: Ctx, now: number): void {
  const prod = state.producers[pi]!;
  if (prod.ratePerSec <= 0) return;
  const x = prod.carry + (prod.ratePerSec * TICK_MS) / 1000;
  const n = Math.floor(x + 1e-9);
  prod.carry = x - n;
  if (n <= 0) return;
  const topic = topicOf(state, prod.topic);
  const parts = topic.partitions;
  const np = parts.length;
  const rng = state.rng;
  const counts = new Array<number>(np).fill(0);
  const bases = new Array<number>(np).fill(-1);
  let offlineFails: number[] | null = null;
  let isrFails: number[] | null = null;
  const keys = prod.keys;
  const cap = state.config.recentRecords;
  const entityBase = pi * ENTITY_SHIFT;
  for (let i = 0; i < n; i++) {
    const user = sampleUser(keys, rng);
    let key: string | null;
    let p: number;
    switch (keys.mode) {
      case 'user':
        key = userKey(user);
        p = partitionForUser(user, np);
        break;
      case 'salted':
        if (user === 0) {
          key = saltedKey(0, prod.saltCounter % keys.saltBuckets);
          prod.saltCounter = (prod.saltCounter + 1) % keys.saltBuckets;
          p = cachedPartitionForKey(key, np);
        } else {
          key = userKey(user);
          p = partitionForUser(user, np);
        }
        break;
      case 'random':
        key = randomKey(rng);
        p = cachedPartitionForKey(key, np);
        break;
      case 'none':
      default:
        key = null;
        if (prod.stickyPartition < 0 || prod.stickyPartition >= np || prod.stickyBytes + prod.recordBytes > prod.batchSize) {
          prod.stickyPartition = nextStickyPartition(rng, np, prod.stickyPartition);
          prod.stickyBytes = 0;
        }
        p = prod.stickyPartition;
        prod.stickyBytes += prod.recordBytes;
        break;
    }
    const P = parts[p]!;
    if (P.leader < 0) {
      if (!offlineFails) offlineFails = new Array<number>(np).fill(0);
      offlineFails[p]! += 1;
      continue;
    }
    if (prod.acks === 'all' && P.isr.length < topic.minInsyncReplicas) {
      if (!isrFails) isrFails = new Array<number>(np).fill(0);
      isrFails[p]! += 1;
      continue;
    }
    const seq = prod.userSeq[user]!;
    prod.userSeq[user] = seq + 1;
    const offset = appendRecord(P, cap, key, user, entityBase + user, seq, now);
    if (bases[p] === -1) bases[p] = offset;
    counts[p]! += 1;
    takePoison(P, topic.name, offset, ctx, now);
  }
  let produced = 0;
  for (let p = 0; p < np; p++) {
    const c = counts[p]!;
    if (c === 0) continue;
    produced += c;
    if (ctx.recordEvents) ctx.events.push({ type: 'record/produced', atMs: now, topic: topic.name, partition: p, baseOffset: bases[p]!, count: c });
  }
  topic.produced += produced;
  topic.producedSinceSample += produced;
  for (const [fails, reason] of [
    [offlineFails, 'partition-offline'],
    [isrFails, 'not-enough-replicas'],
  ] as const) {
    if (!fails) continue;
    for (let p = 0; p < np; p++) {
      const c = fails[p]!;
      if (c === 0) continue;
      topic.failed += c;
      topic.failedSinceSample += c;
      ctx.events.push({ type: 'record/failed', atMs: now, topic: topic.name, partition: p, count: c, reason });
    }
  }
}

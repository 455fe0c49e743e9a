/**
 * A member's in-flight batch (what one poll returned and the application is processing): its
 * processing cost and dropping the parts of revoked partitions.
 */
import { nextFloat, nextNormal, sumExponentials, type RngState } from '../rng.ts';
import type { BatchSegment, GroupState, MemberState, SimState } from '../state.ts';

/** batch cost when the downstream is down: records never complete (JSON-safe, unlike Infinity) */
export const NEVER_COMPLETES = -1;

export function sampleBatchCost(state: SimState, g: GroupState, n: number): number {
  const mean = g.processing.meanMs * g.downstream.slowdown;
  const f = g.downstream.failureRate;
  if (f >= 1) return NEVER_COMPLETES;
  const perRecordMean = mean / (1 - f);
  if (perRecordMean <= 0) return 0;
  const rng: RngState = state.rng;
  let total: number;
  switch (g.processing.distribution) {
    case 'fixed':
      return perRecordMean;
    case 'uniform':
      if (n <= 12) {
        total = 0;
        for (let i = 0; i < n; i++) total += nextFloat(rng) * 2 * perRecordMean;
      } else total = n * perRecordMean + nextNormal(rng) * perRecordMean * Math.sqrt(n / 3);
      break;
    case 'exponential':
    default:
      if (n <= 12) total = sumExponentials(rng, n, perRecordMean);
      else total = n * perRecordMean + nextNormal(rng) * perRecordMean * Math.sqrt(n);
      break;
  }
  return Math.max(0, total) / n;
}

export function dropSegments(m: MemberState, parts: number[]): void {
  const b = m.batch!;
  // keep the current segment (it is being processed); drop later ones of revoked partitions
  const keep: BatchSegment[] = [];
  for (let i = 0; i < b.segments.length; i++) {
    const s = b.segments[i]!;
    if (i > b.seg && parts.includes(s.partition)) {
      b.remaining -= s.count;
      continue;
    }
    keep.push(s);
  }
  b.segments = keep;
}

/**
 * Metrics: consumer lag per partition and per group, and the time series sampled once per
 * metrics interval (records in/out per second, lag, rebalancing, dead-letter depth).
 */
import { topicOf } from './cluster/metadata.ts';
import type { GroupState, SimState } from './state.ts';
import { TICK_MS } from './types.ts';

export function pushCapped(arr: number[], v: number, cap: number): void {
  arr.push(v);
  if (arr.length > cap) arr.splice(0, arr.length - cap);
}

/** Paused partition-time during a rebalance, weighted by the share of partitions nobody owns (eager: the whole group). */
export function accountPausedTime(g: GroupState): void {
  if (!g.rebalance) return;
  const n = g.position.length;
  if (g.rebalance.protocol === 'eager') g.stats.pausedMs += TICK_MS;
  else {
    let unowned = n;
    for (const m of g.members) if (m.inGroup && !m.crashed) unowned -= m.owned.length;
    g.stats.pausedMs += (TICK_MS * Math.max(0, unowned)) / n;
  }
}

/** Lag per partition (null when the group has not committed for it). */
export function groupLag(state: SimState, g: GroupState): { lag: (number | null)[]; max: number; total: number } {
  const parts = topicOf(state, g.topic).partitions;
  const lag: (number | null)[] = [];
  let max = 0;
  let total = 0;
  for (let p = 0; p < parts.length; p++) {
    const c = g.committed[p];
    if (c === null || c === undefined) {
      lag.push(null);
      continue;
    }
    const l = Math.max(0, parts[p]!.logEnd - c);
    lag.push(l);
    if (l > max) max = l;
    total += l;
  }
  return { lag, max, total };
}

/** Sample every topic's and group's series (call once per metrics interval, at state.timeMs). */
export function sampleMetrics(state: SimState): void {
  const now = state.timeMs;
  const cap = state.config.metricsCapacity;
  const perSec = 1000 / state.config.metricsIntervalMs;
  for (const t of state.topics) {
    pushCapped(t.series.t, now, cap);
    pushCapped(t.series.inPerSec, t.producedSinceSample * perSec, cap);
    pushCapped(t.series.failedPerSec, t.failedSinceSample * perSec, cap);
    t.producedSinceSample = 0;
    t.failedSinceSample = 0;
  }
  for (const g of state.groups) {
    const { max, total } = groupLag(state, g);
    if (max > g.stats.peakMaxLag) g.stats.peakMaxLag = max;
    const s = g.series;
    pushCapped(s.t, now, cap);
    pushCapped(s.lagMax, max, cap);
    pushCapped(s.lagTotal, total, cap);
    pushCapped(s.outPerSec, g.processedSinceSample * perSec, cap);
    pushCapped(s.rebalancing, g.rebalance ? 1 : 0, cap);
    pushCapped(s.deadLettered, g.stats.deadLettered, cap);
    g.processedSinceSample = 0;
  }
}

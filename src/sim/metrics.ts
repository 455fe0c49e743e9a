/**
 * Metrics: consumer lag per partition and per group, and the time series sampled once per
 * metrics interval (records in/out per second, lag, rebalancing, dead-letter depth).
 */
import { topicOf } from './cluster/metadata.ts';
import { shareLag } from './coordinator/share/sharePartition.ts';
import type { GroupState, SimState } from './state.ts';
import { TICK_MS } from './types.ts';
import { memberProtocol } from './coordinator/classic/protocol.ts';

export function pushCapped<T>(arr: T[], v: T, cap: number): void {
  arr.push(v);
  if (arr.length > cap) arr.splice(0, arr.length - cap);
}

/** Paused partition-time during a rebalance, weighted by the share of partitions nobody owns (eager: the whole group). */
export function accountPausedTime(g: GroupState): void {
  if (!g.rebalance) return;
  const n = g.position.length;
  // eager members stop everything; a group of only eager members is paused as a whole
  if (g.rebalance.protocol === 'eager' && g.members.every((m) => !m.inGroup || memberProtocol(g, m) === 'eager')) g.stats.pausedMs += TICK_MS;
  else {
    let unowned = n;
    for (const m of g.members) if (m.inGroup && !m.crashed) unowned -= m.owned.length;
    g.stats.pausedMs += (TICK_MS * Math.max(0, unowned)) / n;
  }
}

/** A group's lag, as kafka-consumer-groups measures it (see groupLag). */
export interface GroupLag {
  /** per partition: high watermark − committed offset; null (unknown, Kafka's tools print "-") without a committed offset */
  lag: (number | null)[];
  /** largest lag over the partitions; null (unknown) while a partition that holds records has no committed offset */
  max: number | null;
  /** sum of the lags; null (unknown) under the same condition */
  total: number | null;
  /** the partitions that hold records but have no committed offset: the reason max and total are unknown */
  unknown: number[];
}

/**
 * Consumer lag per partition: the high watermark (what consumers can read) minus the group's
 * committed offset, never negative. A partition without a committed offset has unknown lag, as
 * kafka-consumer-groups shows it ("-"); the group's max and total lag are then unknown too
 * (never 0 while records may be unread), unless that partition holds no record at all.
 */
export function groupLag(state: SimState, g: GroupState): GroupLag {
  const parts = topicOf(state, g.topic).partitions;
  const lag: (number | null)[] = [];
  const unknown: number[] = [];
  let max = 0;
  let total = 0;
  if (g.share) {
    // a share group commits no offsets: its lag is what it has not yet acknowledged or archived
    for (let p = 0; p < parts.length; p++) {
      const sp = g.share.partitions[p];
      const l = sp ? shareLag(sp, parts[p]!.hw) : 0;
      lag.push(l);
      if (l > max) max = l;
      total += l;
    }
    return { lag, max, total, unknown };
  }
  for (let p = 0; p < parts.length; p++) {
    const P = parts[p]!;
    const c = g.committed[p];
    if (c === null || c === undefined) {
      lag.push(null);
      if (P.hw > P.logStart) unknown.push(p);
      continue;
    }
    const l = Math.max(0, P.hw - c);
    lag.push(l);
    if (l > max) max = l;
    total += l;
  }
  return unknown.length ? { lag, max: null, total: null, unknown } : { lag, max, total, unknown };
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
  for (const p of state.producers) {
    pushCapped(p.series.t, now, cap);
    pushCapped(p.series.buffered, p.buffered, cap);
    pushCapped(p.series.latencyMaxMs, p.latencySinceSample, cap);
    p.latencySinceSample = 0;
  }
  for (const g of state.groups) {
    const { max, total } = groupLag(state, g);
    if (max !== null && max > g.stats.peakMaxLag) g.stats.peakMaxLag = max;
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

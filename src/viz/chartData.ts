import type { Series, Shade } from '../charts/scales';
import type { SeriesView, SimView } from '../sim/types';

/**
 * Chart inputs from the simulator's metrics: lag per group (max and total; gaps where it is
 * unknown), records in and out per second, the producers' buffered records and longest write
 * latency, dead-letter depth, and rebalance periods as shaded spans.
 */

const GROUP_COLORS = ['var(--accent)', 'var(--tip)', 'var(--warn)', 'var(--ok)', 'var(--danger)'];

export function groupColor(i: number): string {
  return GROUP_COLORS[i % GROUP_COLORS.length] ?? 'var(--accent)';
}

/** Spans where a 0/1 series is 1 (sample i covers [t[i-1], t[i]]). */
export function shadesFrom(s: SeriesView, periodMs: number): Shade[] {
  const out: Shade[] = [];
  let start: number | null = null;
  for (let i = 0; i < s.t.length; i++) {
    const on = (s.v[i] ?? 0) > 0;
    const t = s.t[i]!;
    if (on && start === null) start = t - periodMs;
    if (!on && start !== null) {
      out.push({ fromMs: start, toMs: s.t[i - 1] ?? t });
      start = null;
    }
  }
  if (start !== null) out.push({ fromMs: start, toMs: s.t[s.t.length - 1]! });
  return out;
}

export type ChartId = 'lag' | 'throughput' | 'writes' | 'buffered' | 'latency' | 'deadLetter';

export interface ChartSet {
  lag: Series[];
  throughput: Series[];
  /** records waiting in each producer's buffer (retried or awaiting acknowledgement) */
  buffered: Series[];
  /** the longest wait of a record acknowledged in each interval, in seconds */
  latency: Series[];
  /** records accepted and failed per second (failed: not enough in-sync replicas, or offline) */
  writes: Series[];
  deadLetter: Series[];
  shades: Shade[];
}

/**
 * A series with the live value at `atMs` appended, when that is after its last sample (an unknown
 * lag is null: the line has a gap at "now", as it has in the samples).
 */
function withNow(s: SeriesView, atMs: number, value: number | null): SeriesView {
  const last = s.t[s.t.length - 1];
  if (last !== undefined && atMs <= last) return s;
  return { t: [...s.t, atMs], v: [...s.v, value] };
}

/** The last `windowMs` of every series (charts show a sliding window). */
function tail(s: SeriesView, fromMs: number): SeriesView {
  let i = 0;
  while (i < s.t.length && s.t[i]! < fromMs) i++;
  return i === 0 ? s : { t: s.t.slice(i), v: s.v.slice(i) };
}

export function chartSet(view: SimView, periodMs = 1000, windowMs = 120_000): ChartSet {
  const from = view.timeMs - windowMs;
  const lag: Series[] = [];
  const throughput: Series[] = [];
  const writes: Series[] = [];
  const deadLetter: Series[] = [];
  const buffered: Series[] = [];
  const latency: Series[] = [];
  const shades: Shade[] = [];
  for (const p of view.producers ?? []) {
    const m = view.metrics.producers?.[p.id];
    if (!m) continue;
    buffered.push({ id: `${p.id}-buffered`, label: `${p.id} records in its buffer`, color: 'var(--ink)', ...tail(m.buffered, from) });
    const l = tail(m.latencyMaxMs, from);
    latency.push({ id: `${p.id}-latency`, label: `${p.id} longest wait for an acknowledgement`, color: 'var(--danger)', t: l.t, v: l.v.map((v) => (v === null ? null : v / 1000)) });
  }
  const topic = view.topics[0];
  const tm = topic ? view.metrics.topics[topic.name] : undefined;
  if (tm) {
    throughput.push({ id: 'in', label: 'records in/s', color: 'var(--ink)', ...tail(tm.inPerSec, from) });
    writes.push({ id: 'accepted', label: 'written/s', color: 'var(--ok)', ...tail(tm.inPerSec, from) });
    writes.push({ id: 'failed', label: 'failed/s', color: 'var(--danger)', dashed: true, ...tail(tm.failedPerSec, from) });
  }
  view.groups.forEach((g, i) => {
    const m = view.metrics.groups[g.id];
    if (!m) return;
    const color = groupColor(i);
    // lag is known at every tick, so the lag lines end at "now", not at the last metrics sample
    lag.push({ id: `${g.id}-max`, label: `${g.id} max lag`, color, ...withNow(tail(m.lagMax, from), view.timeMs, g.maxLag) });
    lag.push({ id: `${g.id}-total`, label: `${g.id} total lag`, color, dashed: true, ...withNow(tail(m.lagTotal, from), view.timeMs, g.totalLag) });
    throughput.push({ id: `${g.id}-out`, label: `${g.id} out/s`, color, dashed: true, ...tail(m.outPerSec, from) });
    deadLetter.push({ id: `${g.id}-dlq`, label: `${g.id} dead-lettered`, color, ...tail(m.deadLettered, from) });
    shades.push(...shadesFrom(tail(m.rebalancing, from), periodMs));
  });
  return { lag, throughput, writes, buffered, latency, deadLetter, shades };
}

/**
 * The log manager's periodic work, once per metrics interval: retention by time and size
 * (`retention.ms`, `retention.bytes`), the coarse time index, and trimming the ordering-check window.
 * Kafka deletes whole segments; the simulator moves the log start offset record by record.
 */
import type { Ctx } from '../ctx.ts';
import type { SimState, TopicState } from '../state.ts';
import { TIME_INDEX_CAP, trackCap } from './log.ts';

/** Retention and tracking-window trimming for every topic (call once per metrics interval). */
export function runLogManager(state: SimState, ctx: Ctx, now: number): void {
  for (const t of state.topics) applyRetention(state, t, ctx, now);
  trimTracking(state);
}

export function applyRetention(state: SimState, t: TopicState, ctx: Ctx, now: number): void {
  const prod = state.producers.find((p) => p.topic === t.name);
  const recordBytes = prod ? prod.recordBytes : 100;
  for (const P of t.partitions) {
    const ti = P.timeIndex;
    ti.t.push(now);
    ti.o.push(P.logEnd);
    if (ti.t.length > TIME_INDEX_CAP) {
      // coarsen: keep every other entry (always keep the newest)
      const nt: number[] = [];
      const no: number[] = [];
      for (let i = ti.t.length - 1; i >= 0; i -= 2) {
        nt.push(ti.t[i]!);
        no.push(ti.o[i]!);
      }
      ti.t = nt.reverse();
      ti.o = no.reverse();
    }
    let start = P.logStart;
    // time: records older than retention.ms (the index says: before t[i], offsets were below o[i])
    const cutoff = now - t.retentionMs;
    for (let i = ti.t.length - 1; i >= 0; i--) {
      if (ti.t[i]! <= cutoff) {
        if (ti.o[i]! > start) start = ti.o[i]!;
        break;
      }
    }
    if (t.retentionBytes > 0) {
      const keep = Math.floor(t.retentionBytes / recordBytes);
      if (P.logEnd - keep > start) start = P.logEnd - keep;
    }
    // retention deletes only below the high watermark (UnifiedLog deletes segments under it)
    if (start > P.hw) start = P.hw;
    if (start > P.logStart) {
      P.logStart = start;
      ctx.events.push({ type: 'log/truncated', atMs: now, topic: t.name, partition: P.id, logStartOffset: start });
      // drop index entries wholly below the log start (keep one)
      let drop = 0;
      while (drop < ti.o.length - 1 && ti.o[drop + 1]! <= start) drop++;
      if (drop) {
        ti.t.splice(0, drop);
        ti.o.splice(0, drop);
      }
      P.poison = P.poison.filter((o) => o >= start);
      const pl = P.payload;
      if (pl && pl.offsets.length && pl.offsets[0]! < start) {
        let k = 0;
        while (k < pl.offsets.length && pl.offsets[k]! < start) k++;
        pl.offsets.splice(0, k);
        pl.keys.splice(0, k);
        pl.values.splice(0, k);
        pl.at.splice(0, k);
        pl.meta?.splice(0, k);
      }
    }
  }
}

export function trimTracking(state: SimState): void {
  const cap = trackCap(state.topics.reduce((n, t) => n + t.partitions.length, 0));
  for (const t of state.topics) {
    const groups = state.groups.filter((g) => g.topic === t.name);
    for (const P of t.partitions) {
      const tr = P.track;
      // tracked records are needed until every group has processed them once (re-deliveries are duplicates, not checked)
      let need = P.logEnd;
      for (const g of groups) {
        const hw = g.started ? (g.processedHW[P.id] ?? -1) : -1;
        if (hw < 0) {
          need = Math.min(need, P.logStart);
          break;
        }
        need = Math.min(need, hw);
      }
      need = Math.max(need, P.logStart, tr.base + tr.entity.length - cap);
      const drop = Math.min(tr.entity.length, need - tr.base);
      if (drop > 0 && (drop > 1024 || tr.entity.length > cap)) {
        tr.entity.splice(0, drop);
        tr.seq.splice(0, drop);
        tr.base += drop;
      }
    }
  }
}

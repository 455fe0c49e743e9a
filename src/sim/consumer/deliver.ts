/**
 * Delivering records to a member's application: what counts as processed, duplicated, skipped
 * or out of per-user order, and the group's progress per partition.
 */
import type { Ctx } from '../ctx.ts';
import { ENTITY_SHIFT } from '../log/log.ts';
import type { GroupState, MemberState, TopicState } from '../state.ts';

export function deliver(g: GroupState, m: MemberState, topic: TopicState, p: number, from: number, count: number, ctx: Ctx, now: number): void {
  const hw = g.processedHW[p]!;
  const end = from + count;
  if (hw >= 0 && from > hw) g.stats.skipped += from - hw;
  const dupEnd = Math.min(end, hw);
  const dups = dupEnd > from ? dupEnd - from : 0;
  g.stats.duplicates += dups;
  const batch = m.batch;
  if (batch && batch.deadLetter) {
    for (let o = from; o < end; o++) {
      g.stats.deadLettered += 1;
      ctx.events.push({ type: 'record/dead-lettered', atMs: now, group: g.id, member: m.id, topic: g.topic, partition: p, offset: o });
    }
  } else {
    const P = topic.partitions[p]!;
    const tr = P.track;
    const base = tr.base;
    const ent = tr.entity;
    const seqs = tr.seq;
    const lim = Math.min(end, base + ent.length);
    let outOfOrder = 0;
    let lastPi = -1;
    let arr: number[] = [];
    for (let o = Math.max(from, hw, base); o < lim; o++) {
      const i = o - base;
      const e = ent[i]!;
      // explicitly sent records (producer/send) carry no producer sequence to check
      if (e < 0) continue;
      const s = seqs[i]!;
      const pi = (e / ENTITY_SHIFT) | 0;
      const u = e - pi * ENTITY_SHIFT;
      if (pi !== lastPi) {
        arr = lastSeqArray(g, pi, u);
        lastPi = pi;
      } else if (u >= arr.length) arr = lastSeqArray(g, pi, u);
      if (s < arr[u]!) outOfOrder++;
      else arr[u] = s;
    }
    g.stats.outOfOrder += outOfOrder;
  }
  if (end > hw) g.processedHW[p] = end;
  // a member that lost the partition (a zombie after a poll timeout) still processes, but its progress does not count
  if (m.owned.includes(p)) g.done[p] = end;
  m.processed += count;
  g.stats.processed += count;
  g.processedSinceSample += count;
  if (ctx.recordEvents) ctx.events.push({ type: 'record/consumed', atMs: now, group: g.id, member: m.id, topic: g.topic, partition: p, fromOffset: from, count });
}

/** The per-user last-seen sequence array of producer pi, dense and long enough for user u. */
export function lastSeqArray(g: GroupState, pi: number, u: number): number[] {
  while (g.lastSeq.length <= pi) g.lastSeq.push([]);
  const arr = g.lastSeq[pi]!;
  if (arr.length <= u) {
    const want = Math.max(u + 1, arr.length * 2, 64);
    for (let i = arr.length; i < want; i++) arr.push(-1);
  }
  return arr;
}

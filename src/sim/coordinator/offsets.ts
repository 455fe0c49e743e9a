/**
 * Committed offsets, stored by the group coordinator per group and partition (Kafka's
 * OffsetCommit / `__consumer_offsets`): commits of the simulator's own members and validated
 * commits of client-driven members.
 */
import { topicOf } from '../cluster/metadata.ts';
import type { Ctx } from '../ctx.ts';
import type { GroupState, MemberState, SimState } from '../state.ts';

export function commitPartition(g: GroupState, p: number, offset: number, ctx: Ctx, now: number): void {
  if (g.committed[p] === offset) return;
  g.committed[p] = offset;
  if (ctx.recordEvents) ctx.events.push({ type: 'offset/committed', atMs: now, group: g.id, topic: g.topic, partition: p, offset });
}

/** What a commit of this member's progress stores: auto-commit and commit-after-processing both commit processed positions. */
export function commitOwned(g: GroupState, m: MemberState, ctx: Ctx, now: number, parts: number[] = m.owned): void {
  // a client-driven group's client commits for itself (client/commit)
  if (g.driver === 'client') return;
  for (const p of parts) commitPartition(g, p, g.done[p]!, ctx, now);
}

/** Why a client's commit is refused, or null when it may commit these offsets. */
export function commitRefusal(state: SimState, g: GroupState, m: MemberState | undefined, memberId: string, offsets: { partition: number; offset: number }[]): string | null {
  if (!m || m.crashed || !m.inGroup) {
    return `member "${memberId}" is not a member of group "${g.id}" (it left, crashed or was removed): the coordinator refuses its commit`;
  }
  const parts = topicOf(state, g.topic).partitions;
  for (const o of offsets) {
    if (!Number.isInteger(o.partition) || o.partition < 0 || o.partition >= parts.length) return `partition ${String(o.partition)} does not exist in topic "${g.topic}"`;
    if (!m.owned.includes(o.partition)) {
      return `member "${m.id}" does not own partition ${o.partition} of "${g.topic}"${g.rebalance ? ' (the group is rebalancing)' : ''}: the coordinator refuses the commit`;
    }
    const end = parts[o.partition]!.logEnd;
    if (!Number.isInteger(o.offset) || o.offset < 0 || o.offset > end) return `offset ${String(o.offset)} for partition ${o.partition} must be a whole number between 0 and the log end (${end})`;
  }
  return null;
}

/** Stores the commits (validated with commitRefusal first). */
export function commitForClient(g: GroupState, offsets: { partition: number; offset: number }[], ctx: Ctx, now: number): void {
  for (const o of offsets) commitPartition(g, o.partition, o.offset, ctx, now);
}

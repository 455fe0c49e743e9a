/**
 * Fetching: where a member's fetch of a partition starts (the position, or auto.offset.reset on
 * OffsetOutOfRange), the simulator's own members' poll, and a client-driven member's fetch.
 */
import { topicOf } from '../cluster/metadata.ts';
import { leaderUp } from '../cluster/partition.ts';
import { memberProtocol } from '../coordinator/classic/protocol.ts';
import { requestRebalance, revokeAll } from '../coordinator/classic/rebalance.ts';
import type { Ctx } from '../ctx.ts';
import { readRecords } from '../log/payload.ts';
import type { BatchSegment, GroupState, MemberState, PartitionState, SimState, TopicState } from '../state.ts';
import type { FetchedRecord, OffsetResetPolicy } from '../types.ts';
import { sampleBatchCost } from './batch.ts';
import { deliver } from './deliver.ts';

/**
 * Where a fetch of partition p starts. A position below the log start is Kafka's
 * OffsetOutOfRange (retention deleted those records): auto.offset.reset decides, and the
 * skipped records are counted.
 */
export function fetchPosition(g: GroupState, P: PartitionState, p: number, reset: OffsetResetPolicy): number {
  let pos = g.position[p]!;
  if (pos < P.logStart) {
    // latest is the high watermark: ListOffsets LATEST for a read_uncommitted consumer
    pos = reset === 'earliest' ? P.logStart : P.hw;
    g.stats.skipped += Math.max(0, pos - g.done[p]!);
    g.done[p] = pos;
    if (g.processedHW[p]! < pos) g.processedHW[p] = pos;
  }
  return pos;
}

export function poll(state: SimState, g: GroupState, topic: TopicState, m: MemberState): boolean {
  const owned = m.owned;
  const n = owned.length;
  if (!n) return false;
  let left = g.timeouts.maxPollRecords;
  // allocated on the first partition with records (most polls within a tick find none)
  let segments: BatchSegment[] | null = null;
  let total = 0;
  const start = m.fetchCursor % n;
  for (let k = 0; k < n && left > 0; k++) {
    const p = owned[(start + k) % n]!;
    const P = topic.partitions[p]!;
    if (!leaderUp(state, P)) continue;
    const pos = fetchPosition(g, P, p, g.autoOffsetReset);
    // consumers read only below the high watermark (records every in-sync replica has)
    const take = Math.min(P.hw - pos, left);
    if (take > 0) {
      if (segments === null) segments = [];
      segments.push({ partition: p, from: pos, count: take });
      g.position[p] = pos + take;
      left -= take;
      total += take;
    }
  }
  m.fetchCursor = (start + 1) % n;
  if (!total || segments === null) return false;
  let cost = sampleBatchCost(state, g, total);
  const dead = g.dlq.enabled && cost > g.dlq.recordTimeoutMs;
  if (dead) cost = g.dlq.recordTimeoutMs;
  m.batch = { segments, seg: 0, doneInSeg: 0, remaining: total, costMs: cost, progressMs: 0, deadLetter: dead };
  return true;
}

/**
 * A client's poll: records from the member's partitions at the group's positions (fair: each
 * fetch starts at the next partition), at most `max`. Nothing while an eager rebalance runs (the
 * member gives up its partitions and joins) or when the member owns nothing; during a cooperative
 * rebalance it keeps reading the partitions it still owns. Positions advance; the records count as
 * consumed by the member.
 */
export function fetchForClient(state: SimState, g: GroupState, m: MemberState, max: number, ctx: Ctx, now: number): FetchedRecord[] {
  m.lastPollMs = now;
  if (m.rejoinPending) {
    // it was dropped after max.poll.interval.ms; this poll is its new JoinGroup
    m.rejoinPending = false;
    m.inGroup = true;
    ctx.events.push({ type: 'consumer/joined', atMs: now, group: g.id, member: m.id });
    requestRebalance(state, g, ctx, now, 'member-joined');
    return [];
  }
  if (m.awaitingPoll) m.awaitingPoll = false;
  if (!m.inGroup) return [];
  const r = g.rebalance;
  if (r && memberProtocol(g, m) === 'eager') {
    revokeAll(state, g, m, ctx, now);
    return [];
  }
  const owned = m.owned;
  const n = owned.length;
  if (!n) return [];
  const topic = topicOf(state, g.topic);
  let left = max;
  const out: FetchedRecord[] = [];
  const start = m.fetchCursor % n;
  for (let k = 0; k < n && left > 0; k++) {
    const p = owned[(start + k) % n]!;
    const P = topic.partitions[p]!;
    if (!leaderUp(state, P)) continue;
    const pos = fetchPosition(g, P, p, m.offsetReset ?? g.autoOffsetReset);
    const take = Math.min(P.hw - pos, left);
    if (take <= 0) continue;
    out.push(...readRecords(state, topic, p, pos, take));
    deliver(g, m, topic, p, pos, take, ctx, now);
    g.position[p] = pos + take;
    left -= take;
  }
  m.fetchCursor = (start + 1) % n;
  if (out.length) m.awaitingPoll = true;
  return out;
}

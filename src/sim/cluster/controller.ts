/**
 * The KRaft controller's part in failures: a broker that stops heartbeating is fenced after
 * `broker.session.timeout.ms` (9000 ms, KRaft broker config); fencing removes it from every ISR
 * (the last in-sync replica stays listed: the ISR never becomes empty) and elects a new leader for
 * each partition it led, from the remaining in-sync replicas that are up. With none, the partition
 * is offline (no unclean election: `unclean.leader.election.enable` is false by default).
 * A restarted broker registers again and is unfenced.
 */
import type { Ctx } from '../ctx.ts';
import type { PartitionState, SimState, TopicState } from '../state.ts';
import { updateHighWatermark } from './partition.ts';

/** A broker process stops (a crash: no controlled shutdown). The controller only notices when its session expires. */
export function stopBroker(state: SimState, brokerId: number, ctx: Ctx): void {
  const now = state.timeMs;
  const b = state.brokers[brokerId]!;
  if (!b.up) return;
  b.up = false;
  b.catchUpAtMs = -1;
  b.stoppedAtMs = now;
  ctx.events.push({ type: 'broker/stopped', atMs: now, broker: brokerId, fencedAfterMs: state.config.brokerSessionTimeoutMs });
  for (const t of state.topics) {
    for (const P of t.partitions) {
      // a follower in the ISR stops fetching: it holds the high watermark (and acks=all writes) back until it leaves the ISR
      if (P.leader !== brokerId && P.isr.includes(brokerId) && !P.lagging.some((l) => l.broker === brokerId)) {
        P.lagging.push({ broker: brokerId, sinceMs: now, leo: P.logEnd });
      }
    }
  }
}

/** The controller fences every stopped broker whose session (broker.session.timeout.ms) has expired. */
export function fenceExpiredBrokers(state: SimState, ctx: Ctx, now: number): void {
  for (const b of state.brokers) {
    if (b.up || b.fenced || b.stoppedAtMs < 0 || now - b.stoppedAtMs < state.config.brokerSessionTimeoutMs) continue;
    b.fenced = true;
    ctx.events.push({ type: 'broker/fenced', atMs: now, broker: b.id, afterMs: now - b.stoppedAtMs });
    for (const t of state.topics) for (const P of t.partitions) if (P.replicas.includes(b.id)) fenceReplica(state, t, P, b.id, ctx, now);
  }
}

function fenceReplica(state: SimState, t: TopicState, P: PartitionState, brokerId: number, ctx: Ctx, now: number): void {
  if (P.isr.includes(brokerId) && P.isr.length > 1) {
    P.isr = P.isr.filter((r) => r !== brokerId);
    ctx.events.push({ type: 'partition/isr-changed', atMs: now, topic: t.name, partition: P.id, isr: [...P.isr], removed: brokerId, reason: 'fenced' });
  }
  P.lagging = P.lagging.filter((l) => l.broker !== brokerId);
  if (P.leader === brokerId) {
    const next = P.isr.find((r) => r !== brokerId && state.brokers[r]!.up);
    if (next !== undefined) {
      P.leader = next;
      ctx.events.push({ type: 'partition/leader-changed', atMs: now, topic: t.name, partition: P.id, from: brokerId, to: next });
    } else {
      P.leader = -1;
      ctx.events.push({ type: 'partition/offline', atMs: now, topic: t.name, partition: P.id });
    }
  }
  updateHighWatermark(P);
}

export function startBroker(state: SimState, brokerId: number, ctx: Ctx): void {
  const now = state.timeMs;
  const b = state.brokers[brokerId]!;
  if (b.up) return;
  b.up = true;
  b.fenced = false;
  b.stoppedAtMs = -1;
  ctx.events.push({ type: 'broker/started', atMs: now, broker: brokerId });
  for (const t of state.topics) {
    for (const P of t.partitions) {
      // an offline partition whose last in-sync replica returns comes back with it as leader
      if (P.leader < 0 && P.isr.includes(brokerId)) {
        P.leader = brokerId;
        ctx.events.push({ type: 'partition/leader-changed', atMs: now, topic: t.name, partition: P.id, from: -1, to: brokerId });
      }
    }
  }
  b.catchUpAtMs = now + state.config.replicaCatchUpMs;
}

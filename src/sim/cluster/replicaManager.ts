/**
 * Replication in time, on each partition's leader (Kafka's ReplicaManager and Partition):
 *
 * - A follower that is up fetches continuously; while it is in sync the simulator copies records
 *   at once. A follower that stops fetching is `lagging` from that moment: its log end offset
 *   stays where it stopped.
 * - The high watermark is the lowest log end offset among the in-sync replicas (the leader is one
 *   of them): consumers read only below it and lag is measured against it. A lagging follower
 *   still in the ISR holds it back, and with it every acks=all acknowledgement.
 * - `Partition.maybeShrinkIsr`: the leader removes a follower that has not caught up for more
 *   than `replica.lag.time.max.ms` (30000 ms). A stopped broker is usually removed earlier, when
 *   the controller fences it (controller.ts).
 * - A restarted broker catches up (`replicaCatchUpMs`) and rejoins the ISR of its partitions.
 */
import type { Ctx } from '../ctx.ts';
import type { SimState } from '../state.ts';
import { fenceExpiredBrokers } from './controller.ts';
import { leaderUp, updateHighWatermark } from './partition.ts';

/** The replica manager's work each tick: fencing (controller), ISR shrink and expansion, high watermarks. */
export function replicaManagerTick(state: SimState, ctx: Ctx, now: number): void {
  let work = false;
  for (const b of state.brokers) if (!b.up || b.catchUpAtMs >= 0) work = true;
  if (!work && state.laggingReplicas === 0) return;
  fenceExpiredBrokers(state, ctx, now);
  catchUpBrokers(state, ctx, now);
  shrinkIsrs(state, ctx, now);
  let lagging = 0;
  for (const t of state.topics) for (const P of t.partitions) lagging += P.lagging.length;
  state.laggingReplicas = lagging;
}

/** Partition.maybeShrinkIsr: followers that have not caught up for more than replica.lag.time.max.ms leave the ISR. */
function shrinkIsrs(state: SimState, ctx: Ctx, now: number): void {
  const maxLag = state.config.replicaLagTimeMaxMs;
  for (const t of state.topics) {
    for (const P of t.partitions) {
      if (!P.lagging.length || !leaderUp(state, P)) continue;
      const out = P.lagging.filter((l) => now - l.sinceMs > maxLag && P.isr.includes(l.broker) && l.broker !== P.leader);
      if (!out.length) continue;
      for (const l of out) {
        P.isr = P.isr.filter((r) => r !== l.broker);
        ctx.events.push({ type: 'partition/isr-changed', atMs: now, topic: t.name, partition: P.id, isr: [...P.isr], removed: l.broker, reason: 'lagging' });
      }
      P.lagging = P.lagging.filter((l) => !out.includes(l));
      updateHighWatermark(P);
    }
  }
}

/** A restarted broker that has caught up rejoins the ISR of each of its partitions; its replicas stop lagging. */
function catchUpBrokers(state: SimState, ctx: Ctx, now: number): void {
  for (const b of state.brokers) {
    if (!b.up || b.catchUpAtMs < 0 || now < b.catchUpAtMs) continue;
    b.catchUpAtMs = -1;
    for (const t of state.topics) {
      for (const P of t.partitions) {
        if (!P.replicas.includes(b.id)) continue;
        if (P.lagging.some((l) => l.broker === b.id)) {
          P.lagging = P.lagging.filter((l) => l.broker !== b.id);
          updateHighWatermark(P);
        }
        if (P.isr.includes(b.id)) continue;
        P.isr = P.replicas.filter((r) => r === b.id || P.isr.includes(r));
        ctx.events.push({ type: 'partition/isr-changed', atMs: now, topic: t.name, partition: P.id, isr: [...P.isr], added: b.id, reason: 'caught-up' });
        updateHighWatermark(P);
      }
    }
  }
}

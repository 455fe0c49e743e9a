/**
 * Brokers stopping and starting, and what that does to each partition's leader and in-sync
 * replicas (Kafka's ReplicaManager and the controller's leader election). See ARCHITECTURE.md
 * "The model: Cluster" for the rules and what is simplified.
 */
import type { Ctx } from '../ctx.ts';
import type { SimState } from '../state.ts';

/** The replica manager's work each tick: restarted brokers that have caught up rejoin the ISRs. */
export function replicaManagerTick(state: SimState, ctx: Ctx, now: number): void {
  catchUpBrokers(state, ctx, now);
}

function catchUpBrokers(state: SimState, ctx: Ctx, now: number): void {
  for (const b of state.brokers) {
    if (!b.up || b.catchUpAtMs < 0 || now < b.catchUpAtMs) continue;
    b.catchUpAtMs = -1;
    for (const t of state.topics) {
      for (const P of t.partitions) {
        if (!P.replicas.includes(b.id) || P.isr.includes(b.id)) continue;
        P.isr = P.replicas.filter((r) => r === b.id || P.isr.includes(r));
        ctx.events.push({ type: 'partition/isr-changed', atMs: now, topic: t.name, partition: P.id, isr: [...P.isr] });
      }
    }
  }
}

export function stopBroker(state: SimState, brokerId: number, ctx: Ctx): void {
  const now = state.timeMs;
  const b = state.brokers[brokerId]!;
  if (!b.up) return;
  b.up = false;
  b.catchUpAtMs = -1;
  ctx.events.push({ type: 'broker/stopped', atMs: now, broker: brokerId });
  for (const t of state.topics) {
    for (const P of t.partitions) {
      if (!P.replicas.includes(brokerId)) continue;
      if (P.isr.includes(brokerId) && P.isr.length > 1) {
        // the ISR never shrinks to empty: the last in-sync replica stays listed even when down
        P.isr = P.isr.filter((r) => r !== brokerId);
        ctx.events.push({ type: 'partition/isr-changed', atMs: now, topic: t.name, partition: P.id, isr: [...P.isr] });
      }
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
    }
  }
}

export function startBroker(state: SimState, brokerId: number, ctx: Ctx): void {
  const now = state.timeMs;
  const b = state.brokers[brokerId]!;
  if (b.up) return;
  b.up = true;
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

/**
 * When the coordinator would next act by itself, for adapters that step the simulation from
 * their own clock (the lab).
 */
import { nextClassicDeadline } from './classicGroup/coordinator.ts';
import type { SimState } from '../state.ts';
import { memberReady } from './classic/rebalance.ts';

/**
 * The earliest simulated time at which stepping would change a group by itself: a group starting,
 * a rebalance round that can complete (every member ready), a crashed member's session running
 * out, a member's max.poll.interval.ms running out. Null when nothing is pending. Rate producers
 * and auto-driven members act on every step and are not counted. Adapters that drive the
 * simulation from their own clock (the lab) use it to know when to step next; one whose clients
 * have no poll timeout (KafkaJS) passes { pollTimeouts: false }.
 */
export function nextDeadlineMs(state: SimState, options?: { pollTimeouts?: boolean }): number | null {
  const polls = options?.pollTimeouts ?? true;
  let next = Infinity;
  const now = state.timeMs;
  for (const g of state.groups) {
    if (!g.started) {
      next = Math.min(next, Math.max(now, g.startAtMs));
      continue;
    }
    const r = g.rebalance;
    if (r && g.members.filter((m) => m.inGroup).every((m) => memberReady(g, m))) next = Math.min(next, Math.max(now, r.roundStartedAtMs + g.rebalanceMs));
    for (const m of g.members) {
      if (m.crashed) next = Math.min(next, Math.max(now, m.lastHeartbeatMs + g.timeouts.sessionTimeoutMs));
      else if (polls && m.inGroup) next = Math.min(next, Math.max(now, m.lastPollMs + g.timeouts.maxPollIntervalMs + 1));
    }
  }
  const classic = nextClassicDeadline(state);
  if (classic !== null) next = Math.min(next, classic);
  return next === Infinity ? null : next;
}

import type { BrokerView, GroupView, PartitionView, ProduceWait, ProducerView, SimView } from '../sim/types';
import { formatTime, listNumbers } from './narrate';

/**
 * The words the visualiser uses for the quantities the picture shows: lag (and when it is
 * unknown), brokers that are down and when they are fenced, the high watermark and lagging
 * in-sync replicas, and what waits in a producer's buffer. Shared by the summary, the tables and
 * the canvas so that they always agree.
 */

/** The visualiser's rule for lag, stated once for learners. */
export const LAG_RULE =
  'Lag is the high watermark minus the committed offset. A partition that has no committed offset has unknown lag (kafka-consumer-groups prints “-”), and while any partition holding records has none, the group’s max and total lag are unknown too. Unknown is never shown as 0.';

const n = (x: number) => x.toLocaleString('en');

/** "a", "a and b", "a, b and c", "a, b, c, d, e, f and 3 more" */
export function listWords(words: readonly string[], max = 6): string {
  if (words.length === 0) return 'none';
  if (words.length === 1) return words[0]!;
  if (words.length > max) return `${words.slice(0, max).join(', ')} and ${words.length - max} more`;
  return `${words.slice(0, -1).join(', ')} and ${words[words.length - 1]}`;
}

/** "max lag 1,204, total lag 3,010" or "max and total lag unknown (P0 and P3 hold records but have no committed offset)" */
export function groupLagText(g: GroupView): string {
  if (g.maxLag === null || g.totalLag === null) {
    const parts = g.lagUnknown ?? g.lag.map((l, p) => (l === null ? p : -1)).filter((p) => p >= 0);
    const which = `${listWords(parts.map((x) => `P${x}`))} ${parts.length === 1 ? 'holds records but has' : 'hold records but have'}`;
    return `max and total lag unknown (${which} no committed offset yet)`;
  }
  return `max lag ${n(g.maxLag)}, total lag ${n(g.totalLag)}`;
}

/** Short form for the canvas: "1.2k", or "?" when unknown. */
export function lagShort(v: number | null | undefined, fmt: (x: number) => string): string {
  return v === null || v === undefined ? '?' : fmt(v);
}

/** "up", "down, fenced", "down, fenced at 19.0 s (broker.session.timeout.ms)" */
export function brokerStateText(b: BrokerView): string {
  if (b.up) return 'up';
  if (b.fenced || b.fencesAtMs === undefined) return 'down, fenced by the controller';
  return `down, not yet fenced (the controller fences it at ${formatTime(b.fencesAtMs)}, after broker.session.timeout.ms)`;
}

export function leaderText(p: PartitionView, brokers: BrokerView[]): string {
  if (p.offline) return 'none: offline (no in-sync replica can lead)';
  const b = brokers.find((x) => x.id === p.leader);
  if (p.leaderUnreachable && b) return `broker ${p.leader}, down and not yet fenced: writes and reads wait`;
  return `broker ${p.leader}`;
}

/** The ISR with the followers that stopped fetching: "0, 1 and 2 (2 stopped at 10.0 s: it holds the high watermark back; it leaves at 19.0 s, when fenced)" */
export function isrText(p: PartitionView, brokers: BrokerView[], replicaLagTimeMaxMs?: number): string {
  const base = p.isr.length ? listNumbers(p.isr) : 'none';
  const lag = (p.lagging ?? []).filter((l) => p.isr.includes(l.broker));
  if (!lag.length) return base;
  const notes = lag.map((l) => {
    const b = brokers.find((x) => x.id === l.broker);
    const fence = b && !b.up && b.fencesAtMs !== undefined ? b.fencesAtMs : Infinity;
    const shrink = replicaLagTimeMaxMs !== undefined ? l.sinceMs + replicaLagTimeMaxMs : Infinity;
    const leaves = Math.min(fence, shrink);
    const when = leaves === Infinity ? '' : `; it leaves the ISR at ${formatTime(leaves)} (${fence <= shrink ? 'when its broker is fenced' : 'replica.lag.time.max.ms'})`;
    return `broker ${l.broker} stopped fetching at ${formatTime(l.sinceMs)} with log end offset ${n(l.leo)} and holds the high watermark back${when}`;
  });
  return `${base} (${notes.join('; ')})`;
}

/** "high watermark 302 of log end 478: 176 records not yet on every in-sync replica, not readable" */
export function watermarkText(p: PartitionView): string {
  const hw = p.highWatermark ?? p.logEndOffset;
  const gap = p.logEndOffset - hw;
  return gap > 0 ? `${n(hw)} (log end ${n(p.logEndOffset)}: ${n(gap)} record${gap === 1 ? '' : 's'} not yet on every in-sync replica, not readable yet)` : `${n(hw)} (= log end offset)`;
}

const waitWords: Record<ProduceWait, string> = {
  'leader-unreachable': 'its leader does not answer (down, not yet fenced)',
  'no-leader': 'no leader (offline)',
  'not-enough-replicas': 'NOT_ENOUGH_REPLICAS: fewer in-sync replicas than min.insync.replicas',
  'in-flight': 'earlier batches still await acknowledgement',
};

export function waitReasonText(r: ProduceWait): string {
  return waitWords[r];
}

/** One sentence about a producer's buffer. */
export function producerText(p: ProducerView): string {
  const waitingParts = p.waiting.map((w, i) => ({ w, i })).filter((x) => x.w > 0);
  const unacked = p.unacked.reduce((a, b) => a + b, 0);
  const waiting = waitingParts.reduce((a, b) => a + b.w, 0);
  const bits: string[] = [];
  if (p.buffered === 0) bits.push('nothing waiting in its buffer');
  else {
    bits.push(`${n(p.buffered)} record${p.buffered === 1 ? '' : 's'} in its buffer (oldest waiting ${formatTime(p.oldestWaitMs)}; they fail only after delivery.timeout.ms, ${formatTime(p.deliveryTimeoutMs)})`);
    if (waiting) bits.push(`${n(waiting)} retried for ${waitingParts.map((x) => `P${x.i}${p.waitReasons[x.i] ? ` (${waitWords[p.waitReasons[x.i]!]})` : ''}`).join(', ')}`);
    if (unacked) bits.push(`${n(unacked)} written with acks=all, waiting for every in-sync replica`);
  }
  if (p.blockedSinceMs !== null) bits.push(`send() blocked since ${formatTime(p.blockedSinceMs)}: buffer.memory is full`);
  if (p.delayed) bits.push(`${n(p.delayed)} acknowledged late so far, the longest after ${formatTime(p.maxLatencyMs)}`);
  if (p.expired) bits.push(`${n(p.expired)} failed: delivery.timeout.ms expired`);
  return `Producer ${p.id} (acks=${p.acks}): ${bits.join('; ')}.`;
}

/** Settings for the text about brokers, from the view (defaults if a hand-built view has none). */
export function replicaLagTimeMaxMs(view: SimView): number | undefined {
  return view.settings?.cluster?.replicaLagTimeMaxMs;
}

/**
 * Per-partition replication state read by every component (Kafka's `Partition`): the high
 * watermark and whether the leader can serve requests.
 */
import type { PartitionState, SimState } from '../state.ts';

/** The partition's high watermark: the lowest log end offset of its in-sync replicas. */
export function updateHighWatermark(P: PartitionState): void {
  let hw = P.logEnd;
  for (const l of P.lagging) if (l.leo < hw && P.isr.includes(l.broker)) hw = l.leo;
  // the high watermark never moves back on a leader that keeps its log
  if (hw > P.hw) P.hw = hw;
}

/** Whether the partition's leader can take writes and serve fetches now (it has one, and its broker is up). */
export function leaderUp(state: SimState, P: PartitionState): boolean {
  return P.leader >= 0 && state.brokers[P.leader]!.up;
}

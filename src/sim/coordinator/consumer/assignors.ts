/**
 * KIP-848's server-side assignors for one subscribed topic, as the group coordinator runs them
 * (group.consumer.assignors = [uniform, range]). Both take the member ids (sorted, so the result
 * does not depend on join order) and the previous target assignment.
 *
 * - `uniform` (Kafka's UniformAssignor, homogeneous subscriptions): every member gets
 *   floor(P / M) or ceil(P / M) partitions; members keep as many of their previous partitions as
 *   their quota allows (sticky), and the rest go to the members below quota.
 * - `range` (Kafka's server-side RangeAssignor): contiguous ranges in member order, the first
 *   P % M members one more. Simplification: Kafka's server-side range assignor also tries to keep
 *   partitions where they were; ours recomputes the ranges.
 */
import type { ServerAssignorName } from '../../types.ts';

export function assignServerSide(assignor: ServerAssignorName, memberIds: string[], partitions: number, previous: Record<string, number[]>): Record<string, number[]> {
  const ids = [...memberIds].sort();
  const out: Record<string, number[]> = {};
  for (const id of ids) out[id] = [];
  const m = ids.length;
  if (!m) return out;
  const base = Math.floor(partitions / m);
  let extra = partitions % m;
  if (assignor === 'range') {
    let next = 0;
    for (let i = 0; i < m; i++) {
      const n = base + (i < extra ? 1 : 0);
      for (let k = 0; k < n; k++) out[ids[i]!]!.push(next++);
    }
    return out;
  }
  // uniform: sticky within quota
  const taken = new Array<boolean>(partitions).fill(false);
  for (const id of ids) {
    const prev = (previous[id] ?? []).filter((p) => p < partitions && !taken[p]).sort((a, b) => a - b);
    let quota = base;
    if (prev.length > base && extra > 0) {
      quota = base + 1;
      extra -= 1;
    }
    for (const p of prev.slice(0, quota)) {
      out[id]!.push(p);
      taken[p] = true;
    }
  }
  const free: number[] = [];
  for (let p = 0; p < partitions; p++) if (!taken[p]) free.push(p);
  // fill members up to base first, then hand out the remaining extra slots in member order
  for (const id of ids) while (out[id]!.length < base && free.length) out[id]!.push(free.shift()!);
  for (const id of ids) {
    if (!free.length) break;
    if (out[id]!.length === base && extra > 0) {
      out[id]!.push(free.shift()!);
      extra -= 1;
    }
  }
  for (const id of ids) out[id]!.sort((a, b) => a - b);
  return out;
}

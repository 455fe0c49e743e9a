/**
 * The read model of classic groups: members with what they subscribe to and were assigned, and
 * one row per partition as `kafka-consumer-groups --describe` prints it (CURRENT-OFFSET,
 * LOG-END-OFFSET, LAG, CONSUMER-ID). LOG-END-OFFSET is the high watermark, what the tool reads
 * with ListOffsets; LAG is empty when nothing is committed.
 */
import type { SimState } from '../../state.ts';
import type { ClassicGroupView } from '../../types.ts';
import { findClassicGroup } from './coordinator.ts';
import type { ClassicGroupState } from './types.ts';

function endOffset(state: SimState, topic: string, partition: number): number | null {
  const P = state.topics.find((t) => t.name === topic)?.partitions[partition];
  if (!P) return null;
  return P.hw;
}

export function viewOfClassicGroup(state: SimState, g: ClassicGroupState): ClassicGroupView {
  const owner = new Map<string, string>();
  for (const m of g.members) for (const tp of m.assigned) for (const p of tp.partitions) owner.set(`${tp.topic}\u0000${p}`, m.memberId);
  const keys = new Set<string>(owner.keys());
  for (const [topic, parts] of Object.entries(g.offsets)) for (const p of Object.keys(parts)) keys.add(`${topic}\u0000${p}`);
  const offsets: ClassicGroupView['offsets'] = [];
  for (const k of keys) {
    const [topic, ps] = k.split('\u0000') as [string, string];
    const partition = Number(ps);
    const end = endOffset(state, topic, partition);
    if (end === null) continue;
    const c = g.offsets[topic]?.[ps];
    const committed = c ? c.offset : null;
    offsets.push({ topic, partition, committed, logEndOffset: end, lag: committed === null ? null : Math.max(0, end - committed), memberId: owner.get(k) ?? null });
  }
  offsets.sort((a, b) => (a.topic === b.topic ? a.partition - b.partition : a.topic < b.topic ? -1 : 1));
  return {
    id: g.groupId,
    state: g.state,
    generation: g.generationId,
    protocolType: g.protocolType,
    protocolName: g.protocolName,
    leader: g.leaderId,
    members: g.members.map((m) => ({
      id: m.memberId,
      groupInstanceId: m.groupInstanceId,
      clientId: m.clientId,
      clientHost: m.clientHost,
      subscribedTopics: [...m.subscribedTopics],
      protocols: m.protocols.map((p) => p.name),
      assigned: m.assigned.map((tp) => ({ topic: tp.topic, partitions: [...tp.partitions] })),
      metadata: g.protocolName ? (m.protocols.find((p) => p.name === g.protocolName)?.metadata ?? null) : null,
      assignment: m.assignment,
    })),
    offsets,
    rebalances: g.rebalances,
    downstreamSlowdown: g.downstreamSlowdown,
  };
}

/** The view of one classic group, or undefined. */
export function classicGroupView(state: SimState, groupId: string): ClassicGroupView | undefined {
  const g = findClassicGroup(state, groupId);
  return g ? viewOfClassicGroup(state, g) : undefined;
}

/**
 * What the live view draws for one topic: the simulator's read model cut down to that topic, with
 * each classic group of real clients shown as the visualiser shows a group (its members, the
 * partitions each owns, committed offsets and lag). Pure: the page calls it on every snapshot; it
 * keeps nothing, so the simulation stays the only model of the cluster.
 */
import type { AssignorName, ClassicGroupView, GroupView, MemberView, SimView } from '../../sim/index.ts';

/** The assignor family of a protocol name (KafkaJS says "RoundRobinAssigner", librdkafka "range" or "cooperative-sticky"). */
export function assignorOf(protocolName: string | null): AssignorName {
  const n = (protocolName ?? '').toLowerCase();
  if (n.includes('cooperative')) return 'cooperative-sticky';
  if (n.includes('sticky')) return 'sticky';
  if (n.includes('roundrobin')) return 'roundrobin';
  return 'range';
}

/**
 * The rebalance protocol a classic group of real clients runs: cooperative only when every member
 * offered cooperative-capable assignors alone, since a consumer takes the highest protocol that
 * every assignor in its `partition.assignment.strategy` supports (ConsumerCoordinator, KIP-429),
 * and the coordinator's choice of assignor does not change that. So a Java member with
 * `[range, cooperative-sticky]` rebalances eagerly even when cooperative-sticky is chosen.
 * KafkaJS offers no cooperative assignor; librdkafka refuses to mix the two kinds in one list.
 * A group without members shows eager.
 */
export function rebalanceProtocolOf(g: Pick<ClassicGroupView, 'members'>): 'eager' | 'cooperative' {
  const lists = g.members.map((m) => m.protocols);
  if (lists.length === 0) return 'eager';
  return lists.every((names) => names.length > 0 && names.every((n) => assignorOf(n) === 'cooperative-sticky')) ? 'cooperative' : 'eager';
}

/** Whether a classic group reads or has committed the topic. */
export function groupTouches(g: ClassicGroupView, topic: string): boolean {
  return g.offsets.some((o) => o.topic === topic) || g.members.some((m) => m.subscribedTopics.includes(topic) || m.assigned.some((a) => a.topic === topic));
}

/**
 * A classic group as the visualiser's group, for one topic of `partitions` partitions. Lag follows
 * the simulator's rule (metrics.groupLag, after kafka-consumer-groups, which prints "-"): a
 * partition holding records below its high watermark (`readable[p]`, the count of records there)
 * with no committed offset has unknown lag, and then the group's max and total lag are unknown
 * (null), never 0. Without `readable`, any partition without a committed offset counts as unknown.
 */
export function classicAsGroupView(g: ClassicGroupView, topic: string, partitions: number, readable?: readonly number[]): GroupView {
  const rebalancing = g.state === 'PreparingRebalance' || g.state === 'CompletingRebalance';
  const committed: (number | null)[] = new Array<number | null>(partitions).fill(null);
  const lag: (number | null)[] = new Array<number | null>(partitions).fill(null);
  for (const o of g.offsets) {
    if (o.topic !== topic || o.partition >= partitions) continue;
    committed[o.partition] = o.committed;
    lag[o.partition] = o.lag;
  }
  let maxLag = 0;
  let totalLag = 0;
  const lagUnknown: number[] = [];
  lag.forEach((l, p) => {
    if (l === null) {
      if (!readable || (readable[p] ?? 0) > 0) lagUnknown.push(p);
      return;
    }
    maxLag = Math.max(maxLag, l);
    totalLag += l;
  });
  const members: MemberView[] = g.members.map((m) => {
    const parts = m.assigned.filter((a) => a.topic === topic).flatMap((a) => a.partitions);
    return { id: m.id, status: rebalancing ? 'rebalancing' : parts.length ? 'active' : 'idle', partitions: parts, processed: 0, lastPollAtMs: 0 };
  });
  return {
    id: g.id,
    topic,
    assignor: assignorOf(g.protocolName),
    protocol: rebalanceProtocolOf(g),
    generation: g.generation,
    rebalancing,
    members,
    committed,
    lag,
    maxLag: lagUnknown.length ? null : maxLag,
    totalLag: lagUnknown.length ? null : totalLag,
    lagUnknown,
    rebalances: g.rebalances,
    pausedMs: 0,
    deadLettered: 0,
    processed: 0,
    duplicates: 0,
    outOfOrder: 0,
  };
}

/** The view of one topic: its partitions, the simulator's own groups reading it, and the classic groups touching it. */
export function topicView(view: SimView, topic: string): SimView {
  const t = view.topics.find((x) => x.name === topic);
  const partitions = t?.partitions.length ?? 0;
  const readable = (t?.partitions ?? []).map((p) => (p.highWatermark ?? p.logEndOffset) - p.logStartOffset);
  const classic = (view.classicGroups ?? []).filter((g) => groupTouches(g, topic)).map((g) => classicAsGroupView(g, topic, partitions, readable));
  return {
    ...view,
    topics: t ? [t] : [],
    groups: [...view.groups.filter((g) => g.topic === topic), ...classic],
  };
}

/** A short, screen-reader friendly account of one topic's picture. */
export function describeTopic(view: SimView): string {
  const t = view.topics[0];
  if (!t) return 'No topic.';
  const down = view.brokers.filter((b) => !b.up).map((b) => b.id);
  const parts = t.partitions.map((p) => `partition ${p.id}: leader ${p.offline ? 'none (offline)' : `broker ${p.leader}`}, in-sync replicas ${p.isr.join(', ')}, ${p.logEndOffset} records`).join('; ');
  const groups = view.groups
    .map((g) => `group ${g.id} (${g.members.length} member${g.members.length === 1 ? '' : 's'}${g.rebalancing ? ', rebalancing' : ''}, total lag ${g.totalLag === null ? 'unknown (no committed offset yet)' : g.totalLag})`)
    .join('; ');
  return `Topic ${t.name}. ${parts}.${groups ? ` ${groups}.` : ' No group reads it yet.'}${down.length ? ` Stopped brokers: ${down.join(', ')}.` : ''}`;
}

/**
 * The lab broker's snapshot (LabView, what the worker posts to the page) as the simulator's read
 * model (SimView), so the partition visualiser's layout and renderer can draw the learner's own
 * cluster. Pure: no DOM, no clock; the same snapshot always gives the same view.
 *
 * The lab runs one broker (id 0) without replication, so every partition is led by broker 0 with
 * replicas and in-sync replicas [0], and nothing is ever offline or truncated.
 */
import { TICK_MS, type GroupView, type MemberStatus, type MemberView, type PartitionView, type RecordView, type SimView } from '../sim/types.ts';
import type { GroupView as LabGroupView, LabView, MemberView as LabMemberView } from './runtime/types.ts';

export const LAB_BROKER = 0;
const KEY_COLORS = 12;

/**
 * A colour slot 0..11, stable per key. Keys that end in a number ("user-7") take that number
 * modulo 12, as the simulator colours its users; other keys take a string hash. Unkeyed records
 * share one slot.
 */
export function labKeyColor(key: string | null): number {
  if (key === null) return KEY_COLORS - 1;
  const m = /(\d{1,9})$/.exec(key);
  if (m) return Number(m[1]) % KEY_COLORS;
  let h = 0;
  for (let i = 0; i < key.length; i++) h = (Math.imul(h, 31) + key.charCodeAt(i)) | 0;
  return ((h % KEY_COLORS) + KEY_COLORS) % KEY_COLORS;
}

/**
 * The simulator's member states, from the lab's: crashed stays crashed; while the group
 * rebalances (or the member is still joining) it is rebalancing; a member that owns no partition
 * is idle; otherwise active (reading, or caught up and waiting for more).
 */
export function labMemberStatus(group: LabGroupView, m: LabMemberView): MemberStatus {
  if (m.status === 'crashed') return 'crashed';
  if (group.rebalancing || m.status === 'joining' || m.status === 'rebalancing') return 'rebalancing';
  if (m.partitions.length === 0) return 'idle';
  return 'active';
}

function groupView(lab: LabView, g: LabGroupView, topic: string): GroupView {
  let maxLag = 0;
  let totalLag = 0;
  // unknown is not zero: a partition that holds records but has no committed offset makes the group's lag unknown (see the simulator's groupLag)
  const logEnds = lab.topics.find((t) => t.name === topic)?.partitions.map((p) => p.logEnd) ?? [];
  const lagUnknown: number[] = [];
  g.lag.forEach((l, p) => {
    if (l === null) {
      if ((logEnds[p] ?? 0) > 0) lagUnknown.push(p);
      return;
    }
    if (l > maxLag) maxLag = l;
    totalLag += l;
  });
  const members: MemberView[] = g.members.map((m) => ({
    id: m.id,
    status: labMemberStatus(g, m),
    partitions: [...m.partitions],
    processed: m.processed,
    // The lab does not record poll times; the snapshot's time is the latest it could have been.
    lastPollAtMs: lab.timeMs,
  }));
  return {
    id: g.id,
    topic,
    assignor: 'roundrobin',
    protocol: 'eager',
    generation: g.generation,
    rebalancing: g.rebalancing,
    members,
    committed: [...g.committed],
    lag: [...g.lag],
    maxLag: lagUnknown.length ? null : maxLag,
    totalLag: lagUnknown.length ? null : totalLag,
    lagUnknown,
    // every rebalance starts a new generation
    rebalances: g.generation,
    pausedMs: Math.round(g.pausedMs),
    deadLettered: 0,
    processed: g.processed,
    duplicates: g.duplicates,
    outOfOrder: 0,
  };
}

/** Every topic and group of the snapshot, in the snapshot's order. */
export function toSimView(lab: LabView): SimView {
  const topics = lab.topics.map((t) => {
    const partitions = t.partitions.map(
      (p): PartitionView => ({
        topic: t.name,
        id: p.id,
        leader: LAB_BROKER,
        replicas: [LAB_BROKER],
        isr: [LAB_BROKER],
        offline: false,
        logStartOffset: 0,
        logEndOffset: p.logEnd,
        recent: p.recent.map(
          (r): RecordView => ({
            offset: r.offset,
            key: r.key,
            keyColor: labKeyColor(r.key),
            user: r.key ?? 'no key',
            producedAtMs: r.at,
            poison: false,
          }),
        ),
      }),
    );
    return { name: t.name, partitions, produced: partitions.reduce((n, p) => n + p.logEndOffset, 0), failed: 0 };
  });
  const groups = lab.groups.map((g) => groupView(lab, g, g.topic ?? ''));
  const empty = () => ({ t: [], v: [] });
  return {
    timeMs: lab.timeMs,
    tick: Math.floor(lab.timeMs / TICK_MS),
    brokers: [{ id: LAB_BROKER, up: true }],
    topics,
    groups,
    metrics: {
      topics: Object.fromEntries(topics.map((t) => [t.name, { inPerSec: empty(), failedPerSec: empty() }])),
      groups: Object.fromEntries(groups.map((g) => [g.id, { lagMax: empty(), lagTotal: empty(), outPerSec: empty(), rebalancing: empty(), deadLettered: empty() }])),
    },
  };
}

/**
 * The topic the picture shows: `orders` when it exists (the lab's topic), else the topic most
 * groups read, else the first one created. Null when there is no topic yet.
 */
export function focusTopic(view: SimView, preferred = 'orders'): string | null {
  if (view.topics.some((t) => t.name === preferred)) return preferred;
  let best: string | null = view.topics[0]?.name ?? null;
  let bestN = 0;
  for (const t of view.topics) {
    const n = view.groups.filter((g) => g.topic === t.name).length;
    if (n > bestN) {
      best = t.name;
      bestN = n;
    }
  }
  return best;
}

/**
 * The view the visualiser draws: the focus topic first (the renderer draws topics[0]) and only
 * the groups reading it, plus groups that have not subscribed to anything yet.
 */
export function focusView(view: SimView, topic = focusTopic(view)): SimView {
  if (topic === null) return { ...view, topics: [], groups: [] };
  const first = view.topics.filter((t) => t.name === topic);
  const rest = view.topics.filter((t) => t.name !== topic);
  return { ...view, topics: [...first, ...rest], groups: view.groups.filter((g) => g.topic === topic || g.topic === '') };
}

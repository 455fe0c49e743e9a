/**
 * Pure helpers of the #/live page: which topic to show first, the order of groups, member labels
 * and the leader changes between two snapshots. No React, no DOM: unit-tested on their own.
 */
import type { ClassicGroupView, SimView } from '../sim/types.ts';
import { groupTouches } from '../broker/live/project.ts';

/** The topic shown when the instructor has not picked one: the one with the most records written (ties: first created). */
export function busiestTopic(view: SimView): string | null {
  let best: { name: string; produced: number } | null = null;
  for (const t of view.topics) if (!best || t.produced > best.produced) best = { name: t.name, produced: t.produced };
  return best?.name ?? null;
}

/** Whether a group is doing something now: it has members (or is rebalancing). */
export function groupActive(g: ClassicGroupView): boolean {
  return g.members.length > 0 || g.state === 'PreparingRebalance' || g.state === 'CompletingRebalance';
}

/**
 * The classic groups to list for `topic` (null: every group): only those reading or having
 * committed it, active groups (with members) first, then by total lag (largest first), then by id.
 */
export function groupsFor(groups: readonly ClassicGroupView[], topic: string | null): ClassicGroupView[] {
  const lagOf = (g: ClassicGroupView) => g.offsets.reduce((s, o) => s + (topic === null || o.topic === topic ? (o.lag ?? 0) : 0), 0);
  return groups
    .filter((g) => topic === null || groupTouches(g, topic))
    .map((g) => ({ g, active: groupActive(g), lag: lagOf(g) }))
    .sort((a, b) => Number(b.active) - Number(a.active) || b.lag - a.lag || a.g.id.localeCompare(b.g.id))
    .map((x) => x.g);
}

/**
 * A member as a person reads it: its client id and the first 6 characters of the random part of
 * its member id. Kafka builds a classic member id as `clientId + "-" + UUID` (GroupCoordinator /
 * GroupMetadata.generateMemberId), so the id's tail after the client id is the distinguishing part.
 */
export function memberLabel(memberId: string, clientId: string | undefined): string {
  const prefix = clientId ? `${clientId}-` : '';
  const tail = prefix && memberId.startsWith(prefix) ? memberId.slice(prefix.length) : memberId;
  const short = tail.replace(/[^0-9a-z]/gi, '').slice(0, 6);
  return clientId ? `${clientId} · ${short}` : short || memberId;
}

export interface LeaderChange {
  topic: string;
  partition: number;
  /** broker id, -1 when the partition had no leader */
  from: number;
  to: number;
}

/** Partition leaders of a view, keyed "topic/partition". */
export function leadersOf(view: SimView): Map<string, number> {
  const m = new Map<string, number>();
  for (const t of view.topics) for (const p of t.partitions) m.set(`${t.name}/${p.id}`, p.offline ? -1 : p.leader);
  return m;
}

/** The partitions whose leader differs between two snapshots' leader maps (new partitions are not changes). */
export function leaderChanges(before: ReadonlyMap<string, number>, after: ReadonlyMap<string, number>): LeaderChange[] {
  const out: LeaderChange[] = [];
  for (const [key, to] of after) {
    const from = before.get(key);
    if (from === undefined || from === to) continue;
    const cut = key.lastIndexOf('/');
    out.push({ topic: key.slice(0, cut), partition: Number(key.slice(cut + 1)), from, to });
  }
  return out;
}

/** The log line of a leader change, e.g. "orders P0 leader b1 → b2". */
export function describeLeaderChange(c: LeaderChange): string {
  const b = (id: number) => (id < 0 ? 'none (offline)' : `b${id}`);
  return `${c.topic} P${c.partition} leader ${b(c.from)} → ${b(c.to)}`;
}

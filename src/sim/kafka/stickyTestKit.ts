/**
 * Test helpers for the sticky assignors, mirroring the checks in Kafka's AbstractStickyAssignorTest
 * and CooperativeStickyAssignorTest. Used only by *.test.ts files.
 */
import { expect } from 'vitest';
import { assignPartitions, parseTopicPartition, type MemberSubscription } from './index.ts';

export type StickyName = 'sticky' | 'cooperative-sticky';

export function member(
  id: string,
  topics: string[],
  ownedPartitions?: string[],
  generation?: number,
): MemberSubscription {
  const m: MemberSubscription = { id, topics };
  if (ownedPartitions !== undefined) m.ownedPartitions = ownedPartitions;
  if (generation !== undefined) m.generation = generation;
  return m;
}

export function asSet(list: string[] | undefined): Set<string> {
  return new Set(list ?? []);
}

/** Kafka's isFullyBalanced: sizes differ by at most one. */
export function isFullyBalanced(assignment: Record<string, string[]>): boolean {
  const sizes = Object.values(assignment).map((l) => l.length);
  return sizes.length === 0 || Math.max(...sizes) - Math.min(...sizes) <= 1;
}

/**
 * AbstractStickyAssignorTest.verifyValidityAndBalance: every member appears, each partition is
 * of a subscribed topic and held by one member only, and whenever two members differ by more than
 * one partition they hold no partitions of a common topic (otherwise one could have moved).
 */
export function verifyValidityAndBalance(members: MemberSubscription[], assignment: Record<string, string[]>): void {
  expect(Object.keys(assignment).sort()).toEqual(members.map((m) => m.id).sort());
  const owner = new Map<string, string>();
  for (const m of members) {
    for (const tp of assignment[m.id]!) {
      expect(m.topics, `${tp} assigned to ${m.id}`).toContain(parseTopicPartition(tp).topic);
      expect(owner.get(tp), `${tp} assigned twice`).toBeUndefined();
      owner.set(tp, m.id);
    }
  }
  const ids = members.map((m) => m.id);
  for (let i = 0; i < ids.length; i++) {
    for (let j = i + 1; j < ids.length; j++) {
      const a = assignment[ids[i]!]!;
      const b = assignment[ids[j]!]!;
      if (Math.abs(a.length - b.length) <= 1) continue;
      const topicsA = new Set(a.map((tp) => parseTopicPartition(tp).topic));
      for (const tp of b) {
        expect(topicsA.has(parseTopicPartition(tp).topic), `${ids[i]} and ${ids[j]} could be balanced`).toBe(false);
      }
    }
  }
}

/**
 * For cooperative-sticky, CooperativeStickyAssignorTest.verifyValidityAndBalance first checks that
 * no partition is handed to a new owner in the same rebalance in which it is revoked, then, while
 * anything was revoked, runs the follow-up rebalance with the new ownership. Returns the members
 * (with their final owned partitions) and the settled assignment. For eager sticky it only verifies.
 */
export function settle(
  strategy: StickyName,
  topics: Record<string, number>,
  members: MemberSubscription[],
  assignment: Record<string, string[]>,
  generation = 1,
): { members: MemberSubscription[]; assignment: Record<string, string[]> } {
  let current = members;
  let result = assignment;
  if (strategy === 'cooperative-sticky') {
    for (let rebalances = 0; ; rebalances++) {
      const added = new Set<string>();
      const revoked = new Set<string>();
      for (const m of current) {
        const owned = asSet(m.ownedPartitions);
        const assigned = asSet(result[m.id]);
        for (const tp of assigned) if (!owned.has(tp)) added.add(tp);
        for (const tp of owned) if (!assigned.has(tp)) revoked.add(tp);
      }
      expect([...added].filter((tp) => revoked.has(tp)), 'revoked and reassigned in one rebalance').toEqual([]);
      if (revoked.size === 0) break;
      expect(rebalances).toBeLessThan(4);
      current = current.map((m) => ({ ...m, ownedPartitions: [...result[m.id]!], generation }));
      result = assignPartitions(strategy, topics, current);
    }
  }
  verifyValidityAndBalance(current, result);
  return { members: current, assignment: result };
}

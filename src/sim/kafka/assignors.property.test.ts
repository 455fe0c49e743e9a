import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { assignPartitions, parseTopicPartition, type AssignorName, type MemberSubscription } from './index.ts';
import { settle, verifyValidityAndBalance } from './stickyTestKit.ts';

const ALL: AssignorName[] = ['range', 'roundrobin', 'sticky', 'cooperative-sticky'];
const STICKY = ['sticky', 'cooperative-sticky'] as const;
const TOPIC_NAMES = ['orders', 'pay-ments', 't', 'clicks', 'a-b-c'];

const arbTopics = fc
  .array(fc.tuple(fc.constantFrom(...TOPIC_NAMES), fc.integer({ min: 0, max: 12 })), { minLength: 1, maxLength: 5 })
  .map((entries) => Object.fromEntries(entries) as Record<string, number>);

const ID_PARTS = ['consumer', 'c', 'Aa', 'BB', 'app-1', 'x'];
const arbIds = fc.uniqueArray(
  fc.tuple(fc.constantFrom(...ID_PARTS), fc.nat(60)).map(([p, n]) => `${p}-${n}`),
  { minLength: 1, maxLength: 9 },
);

/** Members with non-empty subscriptions (possibly to a topic that does not exist). */
const arbGroup = (equalSubscriptions: boolean) =>
  fc
    .tuple(arbTopics, arbIds, fc.uniqueArray(fc.constantFrom(...TOPIC_NAMES, 'ghost'), { minLength: 1, maxLength: 4 }))
    .chain(([topics, ids, shared]) =>
      fc
        .tuple(
          ...ids.map(() =>
            equalSubscriptions
              ? fc.constant(shared)
              : fc.uniqueArray(fc.constantFrom(...TOPIC_NAMES, 'ghost'), { minLength: 1, maxLength: 4 }),
          ),
          ...ids.map(() => fc.option(fc.nat(20).map((n) => `instance-${n}`), { nil: undefined })),
        )
        .map((parts) => {
          const subs = parts.slice(0, ids.length) as string[][];
          const instances = parts.slice(ids.length) as (string | undefined)[];
          const seen = new Set<string>();
          const members: MemberSubscription[] = ids.map((id, i) => {
            const m: MemberSubscription = { id, topics: subs[i]! };
            const inst = instances[i];
            if (inst !== undefined && !seen.has(inst)) {
              seen.add(inst);
              m.groupInstanceId = inst;
            }
            return m;
          });
          return { topics, members };
        }),
    );

function allSubscribedPartitions(topics: Record<string, number>, members: MemberSubscription[]): string[] {
  const subscribed = new Set(members.flatMap((m) => m.topics));
  return Object.entries(topics)
    .filter(([t]) => subscribed.has(t))
    .flatMap(([t, n]) => Array.from({ length: n }, (_, p) => `${t}-${p}`));
}

function expectExactlyOnceAndSubscribed(
  topics: Record<string, number>,
  members: MemberSubscription[],
  result: Record<string, string[]>,
  withheld: Set<string> = new Set(),
) {
  expect(Object.keys(result).sort()).toEqual(members.map((m) => m.id).sort());
  const seen = new Set<string>();
  for (const m of members) {
    for (const tp of result[m.id]!) {
      expect(m.topics).toContain(parseTopicPartition(tp).topic);
      expect(seen.has(tp)).toBe(false);
      seen.add(tp);
    }
  }
  for (const tp of withheld) expect(seen.has(tp)).toBe(false);
  expect(new Set([...seen, ...withheld])).toEqual(new Set(allSubscribedPartitions(topics, members)));
}

const sizes = (r: Record<string, string[]>) => Object.values(r).map((l) => l.length);
const spread = (xs: number[]) => (xs.length === 0 ? 0 : Math.max(...xs) - Math.min(...xs));

// Property runs are CPU-bound and the machine is shared: allow generous time.
const SLOW = { timeout: 60_000 };

describe.each(ALL)('%s: properties', SLOW, (strategy) => {
  it('assigns every subscribed partition exactly once, only to subscribers (fresh group)', () => {
    fc.assert(
      fc.property(arbGroup(false), ({ topics, members }) => {
        expectExactlyOnceAndSubscribed(topics, members, assignPartitions(strategy, topics, members));
      }),
    );
  });

  it('balances within one when all subscriptions are equal (range: within one per topic)', () => {
    fc.assert(
      fc.property(arbGroup(true), ({ topics, members }) => {
        const result = assignPartitions(strategy, topics, members);
        if (strategy === 'range') {
          for (const topic of Object.keys(topics)) {
            const perMember = Object.values(result).map((l) => l.filter((tp) => parseTopicPartition(tp).topic === topic).length);
            expect(spread(perMember)).toBeLessThanOrEqual(1);
          }
        } else {
          expect(spread(sizes(result))).toBeLessThanOrEqual(1);
        }
      }),
    );
  });

  it('is deterministic, leaves its input alone and ignores the key order of `topics`', () => {
    fc.assert(
      fc.property(arbGroup(false), ({ topics, members }) => {
        const snapshot = structuredClone({ topics, members });
        const a = assignPartitions(strategy, topics, members);
        const b = assignPartitions(strategy, topics, members);
        expect(b).toEqual(a);
        expect({ topics, members }).toEqual(snapshot);
        const reversed = Object.fromEntries(Object.entries(topics).reverse());
        expect(assignPartitions(strategy, reversed, members)).toEqual(a);
      }),
    );
  });
});

/** A realistic previous generation: the same assignor run on an earlier membership. */
const arbRebalance = (equalSubscriptions: boolean) =>
  arbGroup(equalSubscriptions).chain(({ topics, members }) =>
    fc
      .tuple(
        fc.subarray(members, { minLength: 1 }), // members of the previous generation
        fc.subarray(members), // members that leave now
        fc.integer({ min: 0, max: 50 }),
      )
      .map(([previous, leaving, generation]) => ({ topics, members, previous, leaving: new Set(leaving.map((m) => m.id)), generation })),
  );

describe.each(STICKY)('%s: stickiness properties', SLOW, (strategy) => {
  it('never hands a partition to a new owner while its live owner still holds it (withheld = moving)', () => {
    fc.assert(
      fc.property(arbRebalance(false), ({ topics, members, previous, leaving, generation }) => {
        const before = assignPartitions(strategy, topics, previous);
        const now = members
          .filter((m) => !leaving.has(m.id))
          .map((m) => (before[m.id] ? { ...m, ownedPartitions: before[m.id], generation } : m));
        if (now.length === 0) return;
        const eager = assignPartitions('sticky', topics, now);
        const result = assignPartitions(strategy, topics, now);
        const ownedBy = new Map<string, string>();
        for (const m of now) for (const tp of m.ownedPartitions ?? []) ownedBy.set(tp, m.id);
        const moving = new Set<string>();
        for (const [id, list] of Object.entries(eager)) {
          for (const tp of list) {
            const owner = ownedBy.get(tp);
            if (owner !== undefined && owner !== id) moving.add(tp);
          }
        }
        if (strategy === 'sticky') {
          expectExactlyOnceAndSubscribed(topics, now, result);
        } else {
          expectExactlyOnceAndSubscribed(topics, now, result, moving);
          // same partitions as the eager assignment minus the moving ones (list order may differ:
          // the two assignors decode ownedPartitions in different orders)
          for (const m of now) expect(new Set(result[m.id])).toEqual(new Set(eager[m.id]!.filter((tp) => !moving.has(tp))));
        }
      }),
    );
  });

  it('keeps every partition of members that stay when others leave (equal subscriptions), and stays balanced', () => {
    fc.assert(
      fc.property(arbRebalance(true), ({ topics, members, leaving, generation }) => {
        const before = assignPartitions(strategy, topics, members);
        const now = members
          .filter((m) => !leaving.has(m.id))
          .map((m) => ({ ...m, ownedPartitions: before[m.id], generation }));
        if (now.length === 0) return;
        const { assignment } = settle(strategy, topics, members.filter((m) => !leaving.has(m.id)).map((m) => ({ ...m, ownedPartitions: before[m.id], generation })), assignPartitions(strategy, topics, now), generation);
        for (const m of now) expect(assignment[m.id]).toEqual(expect.arrayContaining(m.ownedPartitions!));
        expect(spread(sizes(assignment))).toBeLessThanOrEqual(1);
      }),
    );
  });

  it('is a fixed point: feeding an assignment back as ownership changes nothing (equal subscriptions)', () => {
    fc.assert(
      fc.property(arbGroup(true), fc.integer({ min: 0, max: 9 }), ({ topics, members }, generation) => {
        const first = settle(strategy, topics, members, assignPartitions(strategy, topics, members), generation);
        const again = first.members.map((m) => ({ ...m, ownedPartitions: first.assignment[m.id], generation }));
        const second = assignPartitions(strategy, topics, again);
        for (const m of members) expect(new Set(second[m.id])).toEqual(new Set(first.assignment[m.id]));
      }),
    );
  });

  it("meets Kafka's validity and balance check after any membership and subscription change", () => {
    fc.assert(
      fc.property(arbRebalance(false), arbGroup(false), ({ topics, members, previous, leaving, generation }, other) => {
        const before = assignPartitions(strategy, topics, previous);
        // members that stay may also change their subscriptions
        const now = members
          .filter((m) => !leaving.has(m.id))
          .map((m, i) => {
            const topicsNow = other.members[i % other.members.length]!.topics;
            return before[m.id] ? { ...m, topics: topicsNow, ownedPartitions: before[m.id], generation } : m;
          });
        if (now.length === 0) return;
        const { members: settledMembers, assignment } = settle(strategy, topics, now, assignPartitions(strategy, topics, now), generation);
        verifyValidityAndBalance(settledMembers, assignment);
      }),
    );
  });

  it('copes with conflicting claims and mixed generations without losing or duplicating partitions', () => {
    const arbClaims = arbGroup(false).chain(({ topics, members }) =>
      fc
        .tuple(
          ...members.map(() =>
            fc.tuple(
              fc.uniqueArray(
                fc.tuple(fc.constantFrom(...TOPIC_NAMES, 'ghost'), fc.integer({ min: 0, max: 14 })).map(([t, p]) => `${t}-${p}`),
                { maxLength: 6 },
              ),
              fc.option(fc.integer({ min: -1, max: 4 }), { nil: undefined }),
            ),
          ),
        )
        .map((claims) => ({
          topics,
          members: members.map((m, i) => ({ ...m, ownedPartitions: claims[i]![0], generation: claims[i]![1] })),
        })),
    );
    fc.assert(
      fc.property(arbClaims, ({ topics, members }) => {
        const eager = assignPartitions('sticky', topics, members);
        expectExactlyOnceAndSubscribed(topics, members, eager);
        const coop = assignPartitions(strategy, topics, members);
        // cooperative may only withhold; whatever it hands out, eager hands out to the same member
        for (const m of members) expect(eager[m.id]).toEqual(expect.arrayContaining(coop[m.id]!));
      }),
    );
  });
});

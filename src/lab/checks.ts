/**
 * The lab's automatic checks: pure functions over a run's trace and end state. They grade what
 * happened (which records were written where, who read what, what was committed), never the
 * text of the learner's code.
 */
import type { LabEvent, RunResult } from './runtime/types.ts';

export const TOPIC = 'orders';
export const MIN_ORDERS = 20;
export const MIN_USERS = 3;

export type CheckId =
  | 'topic-partitions'
  | 'keyed-by-user'
  | 'user-one-partition'
  | 'groups-independent'
  | 'commits'
  | 'read-in-order'
  | 'rebalance-no-loss'
  | 'backfill'
  | 'idempotent';

export interface CheckResult {
  id: CheckId;
  title: string;
  passed: boolean;
  /** what the run showed, in a sentence */
  observed: string;
  /** what to try, when the check failed */
  hint: string | null;
}

type Ev<T extends LabEvent['type']> = Extract<LabEvent, { type: T }>;

interface Order {
  orderId: string;
  userId: string;
}

function parseOrder(value: string | null): Order | null {
  if (value === null) return null;
  let v: unknown;
  try {
    v = JSON.parse(value);
  } catch {
    return null;
  }
  if (typeof v !== 'object' || v === null) return null;
  const o = v as Record<string, unknown>;
  const userId = o.userId ?? o.user_id;
  const orderId = o.orderId ?? o.order_id ?? o.id;
  if (typeof userId !== 'string' && typeof userId !== 'number') return null;
  if (typeof orderId !== 'string' && typeof orderId !== 'number') return null;
  return { userId: String(userId), orderId: String(orderId) };
}

const list = (xs: (string | number)[], max = 4) => (xs.length > max ? `${xs.slice(0, max).join(', ')} and ${xs.length - max} more` : xs.join(', '));
const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
/** "all 60 orders", "the one order" */
const allOf = (n: number, noun = 'order') => (n === 1 ? `the one ${noun}` : `all ${n} ${noun}s`);
const rid = (partition: number, offset: number) => `${partition}:${offset}`;

/** Facts about a run that several checks share. */
class Facts {
  readonly produced: Ev<'record/produced'>[];
  readonly consumed: Ev<'record/consumed'>[];
  readonly partitions: number;
  readonly autoCreated: boolean;
  readonly topicCreated: boolean;

  constructor(readonly run: RunResult) {
    const t = run.trace;
    this.produced = t.filter((e): e is Ev<'record/produced'> => e.type === 'record/produced' && e.topic === TOPIC);
    this.consumed = t.filter((e): e is Ev<'record/consumed'> => e.type === 'record/consumed' && e.topic === TOPIC);
    // The last creation counts (a topic deleted and made again is the new one); its partitions
    // are read from the end state, so a partition count changed later is seen too.
    const created = t.filter((e): e is Ev<'topic/created'> => e.type === 'topic/created' && e.topic === TOPIC).pop();
    this.topicCreated = created !== undefined;
    this.partitions = run.view.topics.find((x) => x.name === TOPIC)?.partitions.length ?? created?.partitions ?? 0;
    this.autoCreated = created?.auto ?? false;
  }

  events<T extends LabEvent['type']>(type: T): Ev<T>[] {
    return this.run.trace.filter((e): e is Ev<T> => e.type === type);
  }

  /** Groups that read from the topic, with their members and how many distinct records they read. */
  groupsReading(): { id: string; members: Set<string>; distinct: number }[] {
    const by = new Map<string, { id: string; members: Set<string>; seen: Set<string> }>();
    for (const j of this.events('consumer/joined')) {
      const g = by.get(j.group) ?? { id: j.group, members: new Set(), seen: new Set() };
      g.members.add(j.member);
      by.set(j.group, g);
    }
    for (const c of this.consumed) {
      const g = by.get(c.group) ?? { id: c.group, members: new Set(), seen: new Set() };
      g.members.add(c.member);
      g.seen.add(rid(c.partition, c.offset));
      by.set(c.group, g);
    }
    return [...by.values()].map((g) => ({ id: g.id, members: g.members, distinct: g.seen.size }));
  }

  /** Produced records the group never read. */
  missedBy(group: string): Ev<'record/produced'>[] {
    const seen = new Set(this.consumed.filter((c) => c.group === group).map((c) => rid(c.partition, c.offset)));
    return this.produced.filter((p) => !seen.has(rid(p.partition, p.offset)));
  }

  logEnds(): Map<number, number> {
    const ends = new Map<number, number>();
    for (const p of this.produced) ends.set(p.partition, Math.max(ends.get(p.partition) ?? 0, p.offset + 1));
    return ends;
  }

  /** Last committed offset per partition for a group. */
  committed(group: string): Map<number, number> {
    const m = new Map<number, number>();
    for (const c of this.events('offset/committed')) if (c.group === group && c.topic === TOPIC) m.set(c.partition, c.offset);
    return m;
  }
}

type Check = (f: Facts) => Omit<CheckResult, 'id' | 'title'>;

const ok = (observed: string) => ({ passed: true, observed, hint: null });
const fail = (observed: string, hint: string) => ({ passed: false, observed, hint });

function describeGroups(f: Facts): string {
  const gs = f.groupsReading();
  if (gs.length === 0) return 'No consumer group read anything from orders.';
  return `Groups that read orders: ${gs.map((g) => `${g.id} (${plural(g.members.size, 'consumer')}, read ${g.distinct} of ${f.produced.length})`).join('; ')}.`;
}

function needOrders(f: Facts): ReturnType<Check> | null {
  if (f.produced.length === 0) return fail('No orders were written to the orders topic in this run.', 'This step runs your earlier steps first: make sure the producer step passes.');
  return null;
}

const checks: Record<CheckId, { title: string; run: Check }> = {
  'topic-partitions': {
    title: 'The orders topic has more than one partition',
    run: (f) => {
      if (!f.topicCreated) {
        const others = f.events('topic/created').map((e) => e.topic);
        return fail(
          others.length ? `No topic named orders was created (created: ${list(others)}).` : 'No topic was created.',
          "Call admin.createTopics({ topics: [{ topic: 'orders', numPartitions: 6 }] }) between admin.connect() and admin.disconnect().",
        );
      }
      if (f.autoCreated) {
        return fail(
          'orders was created automatically, with 1 partition, when the first record was sent to it.',
          'Create the topic yourself before producing, and ask for several partitions (numPartitions: 6).',
        );
      }
      if (f.partitions <= 1) {
        return fail(
          'orders has 1 partition: one consumer per group can read it, and there is nothing to spread keys over.',
          'Ask for more partitions, e.g. numPartitions: 6. (Kafka can add partitions later, but that moves keys.)',
        );
      }
      return ok(`orders has ${f.partitions} partitions.`);
    },
  },

  'keyed-by-user': {
    title: 'Every order is keyed by its user id',
    run: (f) => {
      const none = needOrders(f);
      if (none) return none;
      const unreadable = f.produced.filter((p) => parseOrder(p.value) === null);
      if (unreadable.length > 0) {
        const first = unreadable[0]!;
        return fail(
          `${plural(unreadable.length, 'record')} of ${f.produced.length} had a value that is not a JSON order with orderId and userId (first: partition ${first.partition} offset ${first.offset}, value ${JSON.stringify(first.value?.slice(0, 60) ?? null)}).`,
          'Send each order as value: JSON.stringify(order), where order has orderId and userId fields.',
        );
      }
      const orders = f.produced.map((p) => ({ p, o: parseOrder(p.value)! }));
      const users = new Set(orders.map((x) => x.o.userId));
      if (f.produced.length < MIN_ORDERS || users.size < MIN_USERS) {
        return fail(
          `The run wrote ${plural(f.produced.length, 'order')} from ${plural(users.size, 'user')}.`,
          `Write at least ${MIN_ORDERS} orders from at least ${MIN_USERS} users, so keys and partitions have something to show.`,
        );
      }
      const unkeyed = orders.filter((x) => x.p.key === null);
      if (unkeyed.length > 0) {
        return fail(
          `${plural(unkeyed.length, 'order')} of ${orders.length} had no key, so the partitioner spread them without regard to the user.`,
          'Give every message a key: messages: [{ key: order.userId, value: JSON.stringify(order) }].',
        );
      }
      const wrong = orders.filter((x) => x.p.key !== x.o.userId);
      if (wrong.length > 0) {
        const w = wrong[0]!;
        return fail(
          `${plural(wrong.length, 'order')} of ${orders.length} had a key that is not the user id (e.g. key ${JSON.stringify(w.p.key)} on ${w.o.orderId} of ${w.o.userId}).`,
          'The key decides the partition. Random or per-order keys scatter one user’s orders over partitions and lose their order; use key: order.userId.',
        );
      }
      return ok(`All ${orders.length} orders from ${users.size} users were keyed by their userId.`);
    },
  },

  'user-one-partition': {
    title: 'All orders of one user land in one partition, because of their key',
    run: (f) => {
      const none = needOrders(f);
      if (none) return none;
      const parts = new Map<string, Set<number>>();
      for (const p of f.produced) {
        const o = parseOrder(p.value);
        if (!o) continue;
        const s = parts.get(o.userId) ?? new Set<number>();
        s.add(p.partition);
        parts.set(o.userId, s);
      }
      if (parts.size === 0) return fail('No record had a readable userId.', 'Send each order as value: JSON.stringify(order) with a userId field.');
      const split = [...parts].filter(([, s]) => s.size > 1);
      if (split.length > 0) {
        const [u, s] = split[0]!;
        return fail(
          `${plural(split.length, 'user')} had orders in more than one partition (e.g. ${u} in partitions ${list([...s].sort((a, b) => a - b), 6)}).`,
          'Kafka keeps order only within a partition. Key each record by its user id so the partitioner sends all of a user’s orders to the same one.',
        );
      }
      // Without keys the partitioner places records with no regard to the user: if they stayed together, that was chance.
      const unkeyed = f.produced.filter((p) => p.key === null).length;
      if (unkeyed > 0) {
        return fail(
          `${plural(unkeyed, 'order')} of ${f.produced.length} had no key: where they landed had nothing to do with the user, so this run cannot show that a key keeps a user’s orders together.`,
          'Give every message a key: messages: [{ key: order.userId, value: JSON.stringify(order) }].',
        );
      }
      // Everything in one partition keeps every user together trivially, and shows nothing about keys.
      const used = new Set(f.produced.map((p) => p.partition));
      if (used.size < 2) {
        return fail(
          `${f.produced.length === 1 ? 'The one order' : `All ${f.produced.length} orders`} went to partition ${[...used][0]}, so every user stayed together trivially: nothing shows that the key decides the partition.`,
          f.partitions <= 1
            ? 'Give orders several partitions (step 1: numPartitions: 6) so that different users can land in different ones.'
            : 'Let the partitioner choose from the key: drop any fixed partition from the messages.',
        );
      }
      const map = [...parts].sort(([a], [b]) => a.localeCompare(b)).map(([u, s]) => `${u} → ${[...s][0]}`);
      return ok(`Each of ${parts.size} users stayed in one partition, and the users spread over ${used.size} partitions (${list(map, 6)}).`);
    },
  },

  'groups-independent': {
    title: 'billing and audit each read every order',
    run: (f) => {
      const none = needOrders(f);
      if (none) return none;
      const gs = f.groupsReading();
      const billing = gs.find((g) => g.id === 'billing');
      const audit = gs.find((g) => g.id === 'audit');
      if (!billing || !audit) {
        const shared = gs.find((g) => g.members.size > 1 && g.id !== 'billing' && g.id !== 'audit');
        return fail(
          describeGroups(f),
          shared
            ? `Billing and audit share the group id ${shared.id}: consumers in one group split the partitions, so each order reaches only one of them. Give them groupId 'billing' and groupId 'audit'.`
            : "Start one consumer with groupId: 'billing' and one with groupId: 'audit', both subscribed to orders.",
        );
      }
      for (const g of ['billing', 'audit']) {
        const missed = f.missedBy(g);
        if (missed.length > 0) {
          return fail(
            `${g} read ${f.produced.length - missed.length} of ${plural(f.produced.length, 'order')}.`,
            missed.length === f.produced.length
              ? `A new group starts at the end of the log unless told otherwise, and these orders were written before ${g} joined: subscribe with fromBeginning: true.`
              : `Some orders never reached ${g} (e.g. partition ${missed[0]!.partition} offset ${missed[0]!.offset}). Does its eachMessage stop early or throw?`,
          );
        }
      }
      return ok(`billing and audit each read ${allOf(f.produced.length)}, as separate groups.`);
    },
  },

  commits: {
    title: 'Each group commits its own offsets',
    run: (f) => {
      const none = needOrders(f);
      if (none) return none;
      const ends = f.logEnds();
      for (const g of ['billing', 'audit']) {
        const committed = f.committed(g);
        if (committed.size === 0) {
          return fail(
            `${g} committed no offsets: after a restart or a rebalance it would start over (or skip everything, without fromBeginning).`,
            'Keep autoCommit on (the default), or with autoCommit: false call consumer.commitOffsets([{ topic, partition, offset: String(Number(message.offset) + 1) }]) after handling each message.',
          );
        }
        for (const [p, end] of [...ends].sort(([a], [b]) => a - b)) {
          const c = committed.get(p);
          if (c !== undefined && c > end) {
            // Kafka accepts such a commit, and the group would then skip every record written until the log reaches it.
            return fail(
              `${g} committed offset ${c} for partition ${p}, beyond its log end ${end}: after a restart it would skip the next ${plural(c - end, 'record')} written there.`,
              'Commit the offset of the next record to read: String(Number(message.offset) + 1), never more.',
            );
          }
          if (c === undefined || c < end) {
            return fail(
              `${g} committed ${c === undefined ? 'nothing' : `offset ${c}`} for partition ${p}, whose log ends at ${end}.`,
              c === end - 1
                ? 'A commit names the next offset to read, not the last one read: commit String(Number(message.offset) + 1).'
                : 'Commit after every message (or keep autoCommit on) so the committed offset reaches the end of the log.',
            );
          }
        }
      }
      const b = f.committed('billing');
      const a = f.committed('audit');
      const fmt = (m: Map<number, number>) => [...m].sort(([x], [y]) => x - y).map(([p, o]) => `p${p}=${o}`).join(' ');
      return ok(`Both groups committed exactly the end of every partition (billing: ${fmt(b)}; audit: ${fmt(a)}).`);
    },
  },

  'read-in-order': {
    title: 'Each user’s orders are read in the order they were written',
    run: (f) => {
      const none = needOrders(f);
      if (none) return none;
      const seq = new Map<string, number>(f.produced.map((p, i) => [rid(p.partition, p.offset), i]));
      const groups = ['billing', 'audit'];
      // Order can only be seen in what was read: a group that missed orders, or users with one order each, show nothing.
      for (const g of groups) {
        const missed = f.missedBy(g);
        if (missed.length > 0) {
          return fail(
            `${g} read ${f.produced.length - missed.length} of ${plural(f.produced.length, 'order')}, so the order in which it reads a user’s orders cannot be checked.`,
            f.consumed.some((c) => c.group === g) ? `Make ${g} read every order (subscribe with fromBeginning: true, and let eachMessage finish).` : `Start a consumer with groupId: '${g}' subscribed to orders with fromBeginning: true.`,
          );
        }
      }
      const perUser = new Map<string, number>();
      for (const p of f.produced) {
        const o = parseOrder(p.value);
        if (o) perUser.set(o.userId, (perUser.get(o.userId) ?? 0) + 1);
      }
      if (![...perUser.values()].some((n) => n > 1)) {
        return fail('No user placed more than one order, so there was no order to keep.', 'Write several orders per user (the producer step writes 60 orders from 6 users).');
      }
      for (const g of groups) {
        const first = new Set<string>();
        const lastByUser = new Map<string, { n: number; orderId: string }>();
        for (const c of f.consumed) {
          if (c.group !== g) continue;
          const id = rid(c.partition, c.offset);
          if (first.has(id)) continue;
          first.add(id);
          const o = parseOrder(c.value);
          const n = seq.get(id);
          if (!o || n === undefined) continue;
          const last = lastByUser.get(o.userId);
          if (last && last.n > n) {
            return fail(
              `${g} read ${o.orderId} after ${last.orderId}, although ${o.userId} placed ${o.orderId} first.`,
              'Order holds only within a partition: key every order by its user id so a user’s orders share one partition.',
            );
          }
          lastByUser.set(o.userId, { n, orderId: o.orderId });
        }
      }
      return ok(`${groups.join(' and ')} read every user’s orders in the order they were written.`);
    },
  },

  'rebalance-no-loss': {
    title: 'Stopping a billing consumer triggers a rebalance and loses nothing',
    run: (f) => {
      const none = needOrders(f);
      if (none) return none;
      const left = f.events('consumer/left').filter((e) => e.group === 'billing' && e.reason === 'disconnected');
      const joined = new Set(f.events('consumer/joined').filter((e) => e.group === 'billing').map((e) => e.member));
      if (joined.size < 2) {
        return fail(
          `billing had ${plural(joined.size, 'consumer')} in this run.`,
          "Start a second consumer with groupId: 'billing' in this step's file, so the group has two members to share the partitions.",
        );
      }
      if (left.length === 0) {
        return fail('No billing consumer left the group during the run.', 'After the second consumer has worked for a while (await sleep(1000)), call await consumer.disconnect().');
      }
      const leave = left.find((e) => e.owned.length > 0);
      if (!leave) {
        return fail(
          `${left[0]!.member} left while it owned no partitions, so nothing moved.`,
          'Let the consumer run long enough to be assigned partitions (a rebalance takes a moment) before you disconnect it.',
        );
      }
      const started = f.events('group/rebalance-started').find((e) => e.group === 'billing' && e.at >= leave.at && e.reason === 'member-left');
      const completed = started && f.events('group/rebalance-completed').find((e) => e.group === 'billing' && e.generation === started.generation);
      if (!started || !completed) {
        return fail(`${leave.member} left, but billing did not finish a rebalance afterwards.`, 'Keep at least one billing consumer running after the other one leaves.');
      }
      // "Loses nothing" means the consumers that stayed took over: they read, after the leave, from a partition the leaver had owned.
      const takenOver = f.consumed.filter((c) => c.group === 'billing' && c.member !== leave.member && c.at >= leave.at && leave.owned.includes(c.partition));
      if (takenOver.length === 0) {
        return fail(
          `${leave.member} left after billing had read everything in its partitions, so nothing had to be taken over and the run shows nothing about losing records.`,
          'Leave while there is still work: disconnect after about a second (await sleep(1000)), while billing is still catching up.',
        );
      }
      const missed = f.missedBy('billing');
      if (missed.length > 0) {
        return fail(
          `After ${leave.member} left, billing never read ${plural(missed.length, 'order')} (e.g. partition ${missed[0]!.partition} offset ${missed[0]!.offset}).`,
          'The consumers that stay take over from the committed offsets: make sure every consumer commits what it has handled.',
        );
      }
      const ends = f.logEnds();
      const committed = f.committed('billing');
      const behind = [...ends].filter(([p, end]) => (committed.get(p) ?? -1) < end);
      if (behind.length > 0) {
        const [p, end] = behind[0]!;
        return fail(`billing read everything, but its committed offset for partition ${p} is ${committed.get(p) ?? 'missing'} while the log ends at ${end}.`, 'Commit what you handle (autoCommit, or commitOffsets with message.offset + 1).');
      }
      const took = Object.entries(completed.assignment).map(([m, ps]) => `${m} took partitions ${ps.join(', ') || 'none'}`);
      return ok(
        `${leave.member} left owning partitions ${leave.owned.join(', ')}; billing rebalanced (generation ${completed.generation}: ${took.join('; ')}), took over ${plural(takenOver.length, 'order')} from those partitions, and read ${allOf(f.produced.length)}.`,
      );
    },
  },

  backfill: {
    title: 'A search-indexer group added later reads the whole history',
    run: (f) => {
      const none = needOrders(f);
      if (none) return none;
      const joins = f.events('consumer/joined').filter((e) => e.group === 'search-indexer');
      if (joins.length === 0) return fail(describeGroups(f), "Start a consumer with groupId: 'search-indexer' subscribed to orders.");
      // "Before" by the trace's own order (events of the same millisecond keep the order they happened in).
      const index = new Map<LabEvent, number>(f.run.trace.map((e, i) => [e, i]));
      const firstJoin = Math.min(...joins.map((j) => index.get(j)!));
      const beforeJoin = f.produced.filter((p) => index.get(p)! < firstJoin).length;
      if (beforeJoin < MIN_ORDERS) {
        return fail(
          beforeJoin === 0
            ? 'search-indexer joined before any order was written, so there was no history to backfill.'
            : `search-indexer joined when only ${plural(beforeJoin, 'order')} had been written: too little history to show a backfill.`,
          'Start the indexer after the producer has written the orders.',
        );
      }
      const missed = f.missedBy('search-indexer');
      if (missed.length > 0) {
        return fail(
          `search-indexer read ${f.produced.length - missed.length} of ${plural(f.produced.length, 'order')}.`,
          'A new group without committed offsets starts at the end of the log by default; subscribe with fromBeginning: true to start at the oldest record.',
        );
      }
      return ok(`search-indexer joined after ${beforeJoin} of ${f.produced.length} orders were written${beforeJoin === f.produced.length ? ' (all of them)' : ''} and still read every one from offset 0.`);
    },
  },

  idempotent: {
    title: 'Billing charges each order once, even after a crash before a commit',
    run: (f) => {
      const none = needOrders(f);
      if (none) return none;
      const crash = f.events('consumer/crashed').find((e) => e.group === 'billing');
      if (!crash) {
        const members = new Set(f.consumed.filter((c) => c.group === 'billing').map((c) => c.member));
        return fail(
          members.size === 0 ? 'No billing consumer read anything.' : 'No billing consumer crashed: the lab crashes a billing consumer at its first commit after 5 orders, and none came.',
          members.size === 0 ? "Run consumers with groupId: 'billing' subscribed to orders with fromBeginning: true." : 'Billing must commit (autoCommit, or commitOffsets after each order) for the crash to strike before a commit.',
        );
      }
      const counts = new Map<string, number>();
      for (const c of f.consumed) if (c.group === 'billing') counts.set(rid(c.partition, c.offset), (counts.get(rid(c.partition, c.offset)) ?? 0) + 1);
      const redelivered = [...counts.values()].filter((n) => n > 1).length;
      const charges = new Map<string, number>();
      for (const c of f.events('ledger/charged')) charges.set(c.orderId, (charges.get(c.orderId) ?? 0) + 1);
      const orderIds = f.produced.map((p) => parseOrder(p.value)?.orderId).filter((x): x is string => x !== undefined);
      // A charge counts as billing's only if billing's eachMessage was handling that very order when it came.
      const orderAt = new Map(f.produced.map((p) => [rid(p.partition, p.offset), parseOrder(p.value)?.orderId]));
      const outside = f.events('ledger/charged').find((c) => !c.during.some((d) => d.group === 'billing' && orderAt.get(rid(d.partition, d.offset)) === c.orderId));
      if (outside) {
        return fail(
          `${outside.orderId} was charged while no billing consumer was handling it, so the charges do not show what billing did.`,
          'Charge inside billing’s eachMessage, for the order in the message: charge(order.orderId, order.amount).',
        );
      }
      const twice = orderIds.filter((id) => (charges.get(id) ?? 0) > 1);
      if (twice.length > 0) {
        return fail(
          `${crash.member} crashed before committing; ${plural(redelivered, 'order was', 'orders were')} delivered again and ${plural(twice.length, 'order was', 'orders were')} charged twice (e.g. ${twice[0]}).`,
          'Before charging, ask the ledger: if (!wasCharged(order.orderId)) charge(order.orderId, order.amount).',
        );
      }
      const never = orderIds.filter((id) => !charges.has(id));
      if (never.length > 0) {
        return fail(`${plural(never.length, 'order was', 'orders were')} never charged (e.g. ${never[0]}).`, 'Every order must be charged once: skip only orders the ledger already has.');
      }
      if (redelivered === 0) {
        return fail(`${crash.member} crashed, but no order was delivered twice, so the run proved nothing about idempotency.`, 'Commit after charging (autoCommit: false and commitOffsets at the end of eachMessage), so a crash before the commit makes Kafka deliver the order again.');
      }
      return ok(`${crash.member} crashed before a commit; ${plural(redelivered, 'order was', 'orders were')} delivered again, and ${orderIds.length === 1 ? 'the one order was' : `each of the ${orderIds.length} orders was`} charged exactly once.`);
    },
  },
};

export const checkIds = Object.keys(checks) as CheckId[];

export function checkTitle(id: CheckId): string {
  return checks[id].title;
}

/** Grades a run. A run that stopped with an error fails every check with the error as the observation. */
export function runChecks(ids: readonly CheckId[], run: RunResult): CheckResult[] {
  const facts = new Facts(run);
  return ids.map((id) => {
    const c = checks[id];
    if (run.error) {
      return { id, title: c.title, passed: false, observed: `The run stopped before it finished: ${run.error.message}`, hint: 'Fix the error first, then run again.' };
    }
    return { id, title: c.title, ...c.run(facts) };
  });
}

/**
 * The sticky assignors of Apache Kafka's Java client (AbstractStickyAssignor, as used by
 * StickyAssignor and CooperativeStickyAssignor): our own implementation of the same algorithm,
 * step for step, so that it reaches the same decisions.
 *
 * Two algorithms, chosen exactly as Kafka chooses:
 * - constrained: every member subscribes to the same topics. Owned partitions are kept up to the
 *   quota (min or max), the rest are dealt round-robin to the members still under quota.
 * - general: subscriptions differ. Owned partitions are kept, new ones go to the least loaded
 *   eligible member, then partitions are moved one by one until the assignment is balanced in
 *   Kafka's sense (no partition could move to a member with 2 or more fewer partitions).
 *
 * Where Kafka walks a java.util.HashMap or HashSet and the walk order decides the outcome (which
 * members keep maxQuota owned partitions, how conflicting claims are met, which earlier movement
 * is undone), we reproduce Java's iteration order (see javaHash.ts). The `members` array plays
 * the role of the JoinGroup response: its order is the order in which the group leader puts the
 * members into its subscriptions HashMap.
 *
 * Rack-aware assignment (KIP-881) is not modelled: Streamlab members have no rack, and Kafka skips
 * every rack step when no consumer reports a rack.
 *
 * The lists come out in the order Kafka builds them: kept owned partitions first (the constrained
 * algorithm sorts them by partition number, then topic), then newly assigned ones.
 */
import type { MemberSubscription } from './types.ts';
import { JavaHashOrder, javaHashMapOrder, topicPartitionHash } from './javaHash.ts';
import { compareStrings, formatTopicPartition, parseTopicPartition, type TopicPartition } from './topicPartition.ts';

const DEFAULT_GENERATION = -1;

/** A topic-partition is carried around as its "topic-partition" string. */
type TP = string;

interface Member {
  id: string;
  /** subscription.topics(), duplicates dropped (Kafka's come from a Set) */
  topics: string[];
  topicSet: Set<string>;
  /** ownedPartitions as the leader decodes them (see decodeOwned), unfiltered */
  owned: TP[];
  /** generation, DEFAULT_GENERATION when absent (Kafka treats absent and -1 alike here) */
  generation: number;
}

export interface StickyOutcome {
  assignment: Map<string, TP[]>;
  /** partition -> new owner, for partitions a live member must give up first (cooperative only) */
  transferring: Map<TP, string>;
}

class TpCache {
  private readonly cache = new Map<TP, TopicPartition>();
  get(tp: TP): TopicPartition {
    let v = this.cache.get(tp);
    if (v === undefined) {
      v = parseTopicPartition(tp);
      this.cache.set(tp, v);
    }
    return v;
  }
}

function removeFirst<T>(list: T[], item: T): void {
  const i = list.indexOf(item);
  if (i >= 0) list.splice(i, 1);
}

export function stickyAssign(
  topics: Record<string, number>,
  members: MemberSubscription[],
  cooperative: boolean,
): Map<string, TP[]> {
  const outcome = stickyAssignWithTransfers(topics, members, cooperative);
  if (!cooperative) return outcome.assignment;
  // CooperativeStickyAssignor.adjustAssignment: partitions still owned by another live member
  // are withheld; that member revokes them, and the follow-up rebalance hands them over.
  for (const [tp, consumer] of outcome.transferring) removeFirst(outcome.assignment.get(consumer)!, tp);
  return outcome.assignment;
}

/**
 * The owned partitions in the order the group leader decodes them. CooperativeStickyAssignor reads
 * them from the subscription, which ConsumerProtocol serializes sorted by topic, then partition.
 * StickyAssignor reads them from its user data, which groups them per topic through a HashMap
 * filled with computeIfAbsent (CollectionUtils.groupPartitionsByTopic): topics in Java's HashMap
 * order, partitions in the order given. The order only shows in the order of each member's resulting list.
 */
function decodeOwned(owned: TopicPartition[], cooperative: boolean): TopicPartition[] {
  if (cooperative) {
    return [...owned].sort((a, b) => compareStrings(a.topic, b.topic) || a.partition - b.partition);
  }
  const byTopic = new Map<string, TopicPartition[]>();
  for (const tp of owned) {
    const list = byTopic.get(tp.topic);
    if (list === undefined) byTopic.set(tp.topic, [tp]);
    else list.push(tp);
  }
  return javaHashMapOrder([...byTopic.keys()], true).flatMap((t) => byTopic.get(t)!);
}

export function stickyAssignWithTransfers(
  topics: Record<string, number>,
  members: MemberSubscription[],
  cooperative: boolean,
): StickyOutcome {
  const tps = new TpCache();
  const seen = new Set<string>();
  for (const m of members) {
    if (seen.has(m.id)) throw new Error(`duplicate member id: ${m.id}`);
    seen.add(m.id);
  }

  // partitionsPerTopic as AbstractPartitionAssignor.assign builds it: subscribed topics that
  // exist with at least one partition.
  const partitionsPerTopic = new Map<string, number>();
  for (const m of members) {
    for (const t of m.topics) {
      const n = Object.hasOwn(topics, t) ? topics[t]! : 0;
      if (!Number.isInteger(n) || n < 0) throw new RangeError(`bad partition count for ${t}: ${n}`);
      if (n > 0) partitionsPerTopic.set(t, n);
    }
  }

  const byId = new Map(members.map((m) => [m.id, m]));
  const subs: Member[] = javaHashMapOrder(members.map((m) => m.id)).map((id) => {
    const m = byId.get(id)!;
    const topicList = [...new Set(m.topics)];
    return {
      id,
      topics: topicList,
      topicSet: new Set(topicList),
      owned: decodeOwned(
        (m.ownedPartitions ?? []).map((s) => tps.get(s)),
        cooperative,
      ).map(({ topic, partition }) => formatTopicPartition(topic, partition)),
      generation: m.generation ?? DEFAULT_GENERATION,
    };
  });
  const memberOf = new Map(subs.map((m) => [m.id, m]));

  // --- allSubscriptionsEqual: also collects each member's valid owned partitions ---
  let allEqual = true;
  const subscribedTopics = new Set<string>();
  const consumerToOwned = new Map<string, TP[]>(); // same iteration order as subs, like Kafka's HashMap
  const multipleOwners = new Set<TP>();
  const previousOwner = new Map<TP, string>();
  let maxGeneration = DEFAULT_GENERATION; // a fresh assignor instance: one call = one rebalance
  for (const m of subs) {
    // Kafka seeds the topic set from the first member with a non-empty subscription, so a member
    // with an empty subscription seen before it does not break "all equal" (a Kafka quirk we keep).
    if (subscribedTopics.size === 0) {
      for (const t of m.topics) subscribedTopics.add(t);
    } else if (allEqual && !(m.topics.length === subscribedTopics.size && m.topics.every((t) => subscribedTopics.has(t)))) {
      allEqual = false;
    }
    maxGeneration = Math.max(maxGeneration, m.generation);
    const owned: TP[] = [];
    consumerToOwned.set(m.id, owned);
    for (const tp of m.owned) {
      const { topic, partition } = tps.get(tp);
      const count = partitionsPerTopic.get(topic);
      // Kafka keeps owned partitions of topics still in the metadata. Partition counts never
      // shrink in Kafka; we also drop out-of-range partitions so the simulator cannot resurrect one.
      if (count === undefined || partition >= count) continue;
      const other = previousOwner.get(tp);
      if (other === undefined) {
        owned.push(tp);
        previousOwner.set(tp, m.id);
      } else {
        const otherGeneration = memberOf.get(other)!.generation;
        if (m.generation === otherGeneration) {
          // two claims in the same generation: nobody keeps it
          multipleOwners.add(tp);
          removeFirst(consumerToOwned.get(other)!, tp);
          previousOwner.set(tp, m.id);
        } else if (m.generation > otherGeneration) {
          // the higher generation wins
          owned.push(tp);
          removeFirst(consumerToOwned.get(other)!, tp);
          previousOwner.set(tp, m.id);
        }
        // else: the other member, of a higher generation, keeps it
      }
    }
  }

  if (allEqual) {
    return constrainedAssign(partitionsPerTopic, consumerToOwned, multipleOwners, tps);
  }
  const assignment = new GeneralAssignment(partitionsPerTopic, consumerToOwned, subs, maxGeneration, tps).build();
  return { assignment, transferring: computeTransfers(subs, assignment) };
}

/** CooperativeStickyAssignor.computePartitionsTransferringOwnership (general case). */
function computeTransfers(subs: Member[], assignment: Map<string, TP[]>): Map<TP, string> {
  const added = new Map<TP, string>();
  const revoked = new Set<TP>();
  for (const m of subs) {
    const assigned = assignment.get(m.id)!;
    const ownedSet = new Set(m.owned);
    for (const tp of assigned) if (!ownedSet.has(tp)) added.set(tp, m.id);
    const assignedSet = new Set(assigned);
    for (const tp of m.owned) if (!assignedSet.has(tp)) revoked.add(tp);
  }
  for (const tp of [...added.keys()]) if (!revoked.has(tp)) added.delete(tp);
  return added;
}

function sortedTopics(partitionsPerTopic: Map<string, number>): string[] {
  return [...partitionsPerTopic.keys()].sort(compareStrings);
}

/** ConstrainedAssignmentBuilder, without the rack steps. */
function constrainedAssign(
  partitionsPerTopic: Map<string, number>,
  currentAssignment: Map<string, TP[]>,
  multipleOwners: Set<TP>,
  tps: TpCache,
): StickyOutcome {
  let total = 0;
  for (const n of partitionsPerTopic.values()) total += n;
  const numberOfConsumers = currentAssignment.size;
  const minQuota = Math.floor(total / numberOfConsumers);
  const maxQuota = Math.ceil(total / numberOfConsumers);
  const expectedOverMin = total % numberOfConsumers;
  let currentOverMin = 0;

  const assignment = new Map<string, TP[]>();
  for (const c of currentAssignment.keys()) assignment.set(c, []);
  const assigned = new Set<TP>();
  const maybeRevoked = new Map<TP, string>();
  const transferring = new Map<TP, string>();
  let underMin: string[] = [];
  let exactlyMin: string[] = [];

  // assignOwnedPartitions: walks the members in Kafka's HashMap order, which decides who keeps maxQuota
  for (const [consumer, ownedList] of currentAssignment) {
    const owned = [...ownedList]
      .sort((a, b) => {
        const x = tps.get(a);
        const y = tps.get(b);
        return x.partition - y.partition || compareStrings(x.topic, y.topic);
      })
      .filter((tp) => !multipleOwners.has(tp));
    const mine = assignment.get(consumer)!;
    if (owned.length < minQuota) {
      for (const tp of owned) {
        mine.push(tp);
        assigned.add(tp);
      }
      underMin.push(consumer);
    } else if (owned.length >= maxQuota && currentOverMin < expectedOverMin) {
      currentOverMin++;
      if (currentOverMin === expectedOverMin) exactlyMin = [];
      owned.forEach((tp, i) => {
        if (i < maxQuota) {
          mine.push(tp);
          assigned.add(tp);
        } else {
          maybeRevoked.set(tp, consumer);
        }
      });
    } else {
      owned.forEach((tp, i) => {
        if (i < minQuota) {
          mine.push(tp);
          assigned.add(tp);
        } else {
          maybeRevoked.set(tp, consumer);
        }
      });
      if (currentOverMin < expectedOverMin) exactlyMin.push(consumer);
    }
  }

  const unassigned: TP[] = [];
  for (const topic of sortedTopics(partitionsPerTopic)) {
    const n = partitionsPerTopic.get(topic)!;
    for (let p = 0; p < n; p++) {
      const tp = formatTopicPartition(topic, p);
      if (!assigned.has(tp)) unassigned.push(tp);
    }
  }

  underMin = underMin.sort(compareStrings);
  exactlyMin = exactlyMin.sort(compareStrings);

  const assignNew = (tp: TP, consumer: string): number => {
    const list = assignment.get(consumer)!;
    list.push(tp);
    const before = maybeRevoked.get(tp);
    if ((before !== undefined && before !== consumer) || multipleOwners.has(tp)) transferring.set(tp, consumer);
    return list.length;
  };

  // assignRoundRobin: an iterator over the under-minQuota members, restarted when exhausted
  let cursor = 0;
  for (const tp of unassigned) {
    let consumer: string;
    if (cursor < underMin.length) {
      consumer = underMin[cursor++]!;
    } else if (underMin.length === 0 && exactlyMin.length === 0) {
      throw new Error('sticky assignor: no more unfilled consumers to be assigned');
    } else if (underMin.length === 0) {
      consumer = exactlyMin.shift()!;
    } else {
      cursor = 0;
      consumer = underMin[cursor++]!;
    }
    const count = assignNew(tp, consumer);
    if (count === minQuota) {
      cursor--;
      underMin.splice(cursor, 1);
      exactlyMin.push(consumer);
    } else if (count === maxQuota) {
      currentOverMin++;
    }
  }

  // verifyUnfilledMembers
  if (underMin.length > 0) {
    if (currentOverMin !== expectedOverMin) {
      throw new Error('sticky assignor: expected members over minQuota not reached');
    }
    for (const c of underMin) {
      if (assignment.get(c)!.length !== minQuota) throw new Error(`sticky assignor: ${c} below minQuota`);
    }
  }
  return { assignment, transferring };
}

interface GenerationOwner {
  consumer: string;
  generation: number;
}

interface Movement {
  src: string;
  dst: string;
  partitions: JavaHashOrder;
}

/** PartitionMovements: remembers moves so that a move back undoes an earlier one (stickiness). */
class PartitionMovements {
  private readonly byTopic = new Map<string, Map<string, Movement>>();
  private readonly moves = new Map<TP, { src: string; dst: string }>();
  private readonly tps: TpCache;

  constructor(tps: TpCache) {
    this.tps = tps;
  }

  private static key(src: string, dst: string): string {
    return JSON.stringify([src, dst]);
  }

  private removeRecord(tp: TP): { src: string; dst: string } {
    const pair = this.moves.get(tp)!;
    this.moves.delete(tp);
    const topic = this.tps.get(tp).topic;
    const forTopic = this.byTopic.get(topic)!;
    const key = PartitionMovements.key(pair.src, pair.dst);
    const movement = forTopic.get(key)!;
    movement.partitions.delete(tp);
    if (movement.partitions.size === 0) forTopic.delete(key);
    if (forTopic.size === 0) this.byTopic.delete(topic);
    return pair;
  }

  private addRecord(tp: TP, src: string, dst: string): void {
    this.moves.set(tp, { src, dst });
    const { topic, partition } = this.tps.get(tp);
    let forTopic = this.byTopic.get(topic);
    if (forTopic === undefined) {
      forTopic = new Map();
      this.byTopic.set(topic, forTopic);
    }
    const key = PartitionMovements.key(src, dst);
    let movement = forTopic.get(key);
    if (movement === undefined) {
      movement = { src, dst, partitions: new JavaHashOrder() };
      forTopic.set(key, movement);
    }
    movement.partitions.add(tp, topicPartitionHash(topic, partition));
  }

  movePartition(tp: TP, oldConsumer: string, newConsumer: string): void {
    if (this.moves.has(tp)) {
      const existing = this.removeRecord(tp);
      if (existing.src !== newConsumer) this.addRecord(tp, existing.src, newConsumer);
    } else {
      this.addRecord(tp, oldConsumer, newConsumer);
    }
  }

  /** If a partition of this topic moved the other way before, move that one back instead. */
  actualPartitionToMove(tp: TP, oldConsumer: string, newConsumer: string): TP {
    const topic = this.tps.get(tp).topic;
    const forTopic = this.byTopic.get(topic);
    if (forTopic === undefined) return tp;
    const previous = this.moves.get(tp);
    const from = previous !== undefined ? previous.src : oldConsumer;
    const reverse = forTopic.get(PartitionMovements.key(newConsumer, from));
    if (reverse === undefined) return tp;
    return reverse.partitions.first()!; // HashSet.iterator().next(), in Java's order
  }
}

/** GeneralAssignmentBuilder, without the rack steps. */
class GeneralAssignment {
  private readonly partitionsPerTopic: Map<string, number>;
  private readonly currentAssignment: Map<string, TP[]>;
  private readonly subs: Member[];
  private readonly memberOf: Map<string, Member>;
  private readonly maxGeneration: number;
  private readonly tps: TpCache;
  private readonly totalPartitions: number;

  private readonly topic2Consumers = new Map<string, string[]>();
  private readonly consumer2Topics = new Map<string, string[]>();
  private readonly consumer2TopicSet = new Map<string, Set<string>>();
  /** getMaxAssignmentSize per consumer: all partitions of its existing subscribed topics */
  private readonly maxSize = new Map<string, number>();
  private readonly currentPartitionConsumer = new Map<TP, string>();
  private sortedAllPartitions: TP[];
  /** TreeSet ordered by (assignment size, member id) */
  private sortedConsumers: string[] = [];
  private revocationRequired = false;
  private readonly movements: PartitionMovements;

  constructor(
    partitionsPerTopic: Map<string, number>,
    currentAssignment: Map<string, TP[]>,
    subs: Member[],
    maxGeneration: number,
    tps: TpCache,
  ) {
    this.partitionsPerTopic = partitionsPerTopic;
    this.currentAssignment = currentAssignment;
    this.subs = subs;
    this.memberOf = new Map(subs.map((m) => [m.id, m]));
    this.maxGeneration = maxGeneration;
    this.tps = tps;
    this.movements = new PartitionMovements(tps);
    let total = 0;
    for (const n of partitionsPerTopic.values()) total += n;
    this.totalPartitions = total;

    for (const topic of partitionsPerTopic.keys()) this.topic2Consumers.set(topic, []);
    for (const m of subs) {
      const subscribed: string[] = [];
      this.consumer2Topics.set(m.id, subscribed);
      for (const t of m.topics) {
        if (partitionsPerTopic.has(t)) {
          subscribed.push(t);
          this.topic2Consumers.get(t)!.push(m.id);
        }
      }
      if (!currentAssignment.has(m.id)) currentAssignment.set(m.id, []);
      this.consumer2TopicSet.set(m.id, new Set(subscribed));
      this.maxSize.set(m.id, this.maxAssignmentSize(m.id));
    }
    for (const [consumer, list] of currentAssignment) for (const tp of list) this.currentPartitionConsumer.set(tp, consumer);

    // TopicComparator: fewer potential consumers first, then by name
    const sortedAllTopics = [...this.topic2Consumers.keys()].sort(
      (a, b) => this.topic2Consumers.get(a)!.length - this.topic2Consumers.get(b)!.length || compareStrings(a, b),
    );
    this.sortedAllPartitions = [];
    for (const topic of sortedAllTopics) {
      const n = partitionsPerTopic.get(topic)!;
      for (let p = 0; p < n; p++) this.sortedAllPartitions.push(formatTopicPartition(topic, p));
    }
  }

  private size(consumer: string): number {
    return this.currentAssignment.get(consumer)!.length;
  }

  private compareConsumers(a: string, b: string): number {
    return this.size(a) - this.size(b) || compareStrings(a, b);
  }

  private treeAdd(consumer: string): void {
    if (this.sortedConsumers.includes(consumer)) return;
    let lo = 0;
    let hi = this.sortedConsumers.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.compareConsumers(this.sortedConsumers[mid]!, consumer) < 0) lo = mid + 1;
      else hi = mid;
    }
    this.sortedConsumers.splice(lo, 0, consumer);
  }

  private treeRemove(consumer: string): void {
    removeFirst(this.sortedConsumers, consumer);
  }

  build(): Map<string, TP[]> {
    const prevAssignment = new Map<TP, GenerationOwner>();
    this.prepopulatePrevious(prevAssignment);
    const assignedPartitions = this.assignOwnedPartitions();
    const assignedSet = new Set(assignedPartitions);
    const unassigned = this.sortedAllPartitions.filter((tp) => !assignedSet.has(tp));
    for (const c of this.currentAssignment.keys()) this.treeAdd(c);
    this.balance(prevAssignment, unassigned);
    return this.currentAssignment;
  }

  /** prepopulateCurrentAssignments: claims from older generations, used to move partitions back. */
  private prepopulatePrevious(prev: Map<TP, GenerationOwner>): void {
    for (const m of this.subs) {
      // Kafka distinguishes "generation absent" from -1 here, but both lead to the same branch result.
      if (m.generation < this.maxGeneration) {
        for (const tp of m.owned) {
          const existing = prev.get(tp);
          if (existing === undefined || m.generation > existing.generation) {
            prev.set(tp, { consumer: m.id, generation: m.generation });
          }
        }
      }
    }
  }

  private assignOwnedPartitions(): TP[] {
    const assigned: TP[] = [];
    for (const [consumer, list] of this.currentAssignment) {
      const sub = this.memberOf.get(consumer)!;
      for (let i = 0; i < list.length; ) {
        const tp = list[i]!;
        const topic = this.tps.get(tp).topic;
        if (!this.topic2Consumers.has(topic)) {
          list.splice(i, 1);
          this.currentPartitionConsumer.delete(tp);
        } else if (!sub.topicSet.has(topic)) {
          // no longer subscribed: it must be revoked (currentPartitionConsumer keeps it, as in Kafka)
          list.splice(i, 1);
          this.revocationRequired = true;
        } else {
          assigned.push(tp);
          i++;
        }
      }
    }
    return assigned;
  }

  private maxAssignmentSize(consumer: string): number {
    const subscribed = this.consumer2Topics.get(consumer)!;
    if (subscribed.length === this.partitionsPerTopic.size) return this.totalPartitions;
    let sum = 0;
    for (const t of subscribed) sum += this.partitionsPerTopic.get(t)!;
    return sum;
  }

  /**
   * Kafka's isBalanced(): true unless some member below its maximum could take a partition of one
   * of its topics from a member holding at least two more partitions. Kafka checks partition by
   * partition; we compute the same yes/no from the largest holder of each topic (the member itself
   * can never be that "larger" holder, so including it changes nothing).
   */
  private isBalanced(): boolean {
    const first = this.sortedConsumers[0];
    const last = this.sortedConsumers[this.sortedConsumers.length - 1];
    if (first === undefined || last === undefined) return true;
    if (this.size(first) >= this.size(last) - 1) return true;

    const largestHolder = new Map<string, number>();
    for (const list of this.currentAssignment.values()) {
      const n = list.length;
      for (const tp of list) {
        const topic = this.tps.get(tp).topic;
        if ((largestHolder.get(topic) ?? -1) < n) largestHolder.set(topic, n);
      }
    }
    for (const consumer of this.sortedConsumers) {
      const count = this.size(consumer);
      if (count === this.maxSize.get(consumer)) continue;
      for (const topic of this.consumer2Topics.get(consumer)!) {
        if ((largestHolder.get(topic) ?? -1) > count + 1) return false;
      }
    }
    return true;
  }

  private static balanceScore(assignment: Map<string, TP[]>): number {
    const sizes = [...assignment.values()].map((l) => l.length);
    let score = 0;
    for (let i = 0; i < sizes.length; i++) for (let j = i + 1; j < sizes.length; j++) score += Math.abs(sizes[i]! - sizes[j]!);
    return score;
  }

  private maybeAssignPartition(tp: TP): void {
    const topic = this.tps.get(tp).topic;
    for (const consumer of this.sortedConsumers) {
      if (this.consumer2TopicSet.get(consumer)!.has(topic)) {
        this.treeRemove(consumer);
        this.currentAssignment.get(consumer)!.push(tp);
        this.currentPartitionConsumer.set(tp, consumer);
        this.treeAdd(consumer);
        return;
      }
    }
  }

  private canTopicParticipate(topic: string): boolean {
    return this.topic2Consumers.get(topic)!.length >= 2;
  }

  private canConsumerParticipate(consumer: string): boolean {
    const list = this.currentAssignment.get(consumer)!;
    if (list.length < this.maxSize.get(consumer)!) return true;
    return list.some((tp) => this.canTopicParticipate(this.tps.get(tp).topic));
  }

  private balance(prevAssignment: Map<TP, GenerationOwner>, unassignedPartitions: TP[]): void {
    const last = this.sortedConsumers[this.sortedConsumers.length - 1];
    const initializing = last === undefined || this.size(last) === 0;

    for (const tp of unassignedPartitions) {
      if (this.topic2Consumers.get(this.tps.get(tp).topic)!.length === 0) continue;
      this.maybeAssignPartition(tp);
    }

    // only partitions of topics with two or more potential consumers can move
    const movable = (tp: TP) => this.canTopicParticipate(this.tps.get(tp).topic);
    this.sortedAllPartitions = this.sortedAllPartitions.filter(movable);
    const unassigned = unassignedPartitions.filter(movable);

    // only consumers that could gain or lose a partition take part
    const fixed = new Map<string, TP[]>();
    for (const consumer of this.consumer2Topics.keys()) {
      if (!this.canConsumerParticipate(consumer)) {
        this.treeRemove(consumer);
        fixed.set(consumer, this.currentAssignment.get(consumer)!);
        this.currentAssignment.delete(consumer);
      }
    }

    const preBalance = new Map<string, TP[]>([...this.currentAssignment].map(([c, l]) => [c, [...l]]));
    const preBalanceOwners = new Map(this.currentPartitionConsumer);

    if (!this.revocationRequired) this.performReassignments(unassigned, prevAssignment);
    const reassignmentPerformed = this.performReassignments(this.sortedAllPartitions, prevAssignment);

    // keep the moves only if they made the assignment strictly more balanced
    if (
      !initializing &&
      reassignmentPerformed &&
      GeneralAssignment.balanceScore(this.currentAssignment) >= GeneralAssignment.balanceScore(preBalance)
    ) {
      this.currentAssignment.clear();
      for (const [c, l] of preBalance) this.currentAssignment.set(c, [...l]);
      this.currentPartitionConsumer.clear();
      for (const [tp, c] of preBalanceOwners) this.currentPartitionConsumer.set(tp, c);
    }

    for (const [consumer, list] of fixed) this.currentAssignment.set(consumer, list);
  }

  private performReassignments(partitions: TP[], prevAssignment: Map<TP, GenerationOwner>): boolean {
    let performed = false;
    let modified: boolean;
    do {
      modified = false;
      for (const tp of partitions) {
        if (this.isBalanced()) break;
        const consumer = this.currentPartitionConsumer.get(tp)!;
        const prev = prevAssignment.get(tp);
        // Deliberate divergence, only reachable when a member reports partitions from an older
        // generation of a topic it no longer subscribes to: Kafka moves the partition back to that
        // member anyway (and its consumer then rejects the assignment and rejoins), or throws a
        // NullPointerException if that member sits out the balancing. We skip the move-back
        // unless the earlier owner takes part and still subscribes to the topic.
        if (
          prev !== undefined &&
          this.currentAssignment.has(prev.consumer) &&
          this.consumer2TopicSet.get(prev.consumer)!.has(this.tps.get(tp).topic) &&
          this.size(consumer) > this.size(prev.consumer) + 1
        ) {
          this.reassignTo(tp, prev.consumer);
          performed = modified = true;
          continue;
        }
        const topic = this.tps.get(tp).topic;
        for (const other of this.topic2Consumers.get(topic)!) {
          if (this.size(consumer) > this.size(other) + 1) {
            this.reassign(tp);
            performed = modified = true;
            break;
          }
        }
      }
    } while (modified);
    return performed;
  }

  /** reassignPartition(partition): to the least loaded consumer subscribed to its topic. */
  private reassign(tp: TP): void {
    const topic = this.tps.get(tp).topic;
    const target = this.sortedConsumers.find((c) => this.consumer2TopicSet.get(c)!.has(topic));
    if (target === undefined) throw new Error(`sticky assignor: no consumer for ${tp}`);
    this.reassignTo(tp, target);
  }

  private reassignTo(tp: TP, newConsumer: string): void {
    const consumer = this.currentPartitionConsumer.get(tp)!;
    const toMove = this.movements.actualPartitionToMove(tp, consumer, newConsumer);
    const oldConsumer = this.currentPartitionConsumer.get(toMove)!;
    this.treeRemove(oldConsumer);
    this.treeRemove(newConsumer);
    this.movements.movePartition(toMove, oldConsumer, newConsumer);
    removeFirst(this.currentAssignment.get(oldConsumer)!, toMove);
    this.currentAssignment.get(newConsumer)!.push(toMove);
    this.currentPartitionConsumer.set(toMove, newConsumer);
    this.treeAdd(newConsumer);
    this.treeAdd(oldConsumer);
  }
}

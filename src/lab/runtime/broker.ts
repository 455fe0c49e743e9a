/**
 * A small in-memory Kafka for the lab: topics with partitioned logs, producers appending keyed
 * records, and consumer groups with members, assignments, positions and committed offsets, all
 * on a simulated clock. It records every produce, fetch, commit, join, leave and rebalance in a
 * trace that the checks grade. Partitions come from the simulator's Kafka-faithful murmur2
 * partitioner and the group assignment from its round-robin assignor.
 *
 * The learner's code never sees this class: it sees the KafkaJS-shaped shim in shim.ts.
 */
import { assignPartitions, partitionForKey } from '../../sim/kafka/index.ts';
import type { Fault, GroupView, LabEvent, LabView, MemberStatus, RebalanceReason, RunError } from './types.ts';

/** Simulated time one rebalance (join + sync) takes. */
export const REBALANCE_MS = 300;
/** Records one fetch returns from one partition. */
export const BATCH_SIZE = 10;
/** Simulated time one producer.send round trip takes. */
export const SEND_MS = 2;
/** KafkaJS's default session timeout. */
export const DEFAULT_SESSION_TIMEOUT_MS = 30_000;
export const RECENT_RECORDS = 40;
const MAX_LOG_LINES = 1000;

interface StoredRecord {
  offset: number;
  key: string | null;
  value: string | null;
  /** simulated time it was appended */
  at: number;
}

interface Topic {
  name: string;
  partitions: StoredRecord[][];
}

export interface MessagePayload {
  topic: string;
  partition: number;
  offset: number;
  key: string | null;
  value: string | null;
}

export interface Member {
  id: string;
  group: Group;
  topics: string[];
  fromBeginning: boolean;
  sessionTimeoutMs: number;
  status: MemberStatus;
  assigned: number[];
  positions: Map<number, number>;
  handler: ((m: MessagePayload) => Promise<void>) | null;
  autoCommit: boolean;
  busy: boolean;
  wakeScheduled: boolean;
  handled: number;
  rr: number;
  leaving: (() => void) | null;
  crashArmed: boolean;
  dead: boolean;
}

interface Group {
  id: string;
  members: Member[];
  generation: number;
  rebalancing: boolean;
  rebalanceTimer: number | null;
  completeWhenIdle: boolean;
  committed: Map<string, number>;
  nextMemberNo: number;
  /** records handled by any member, ever (members that left included) */
  processed: number;
  /** records delivered to the group again (after a crash before a commit, say) */
  duplicates: number;
  /** highest offset delivered so far, per topic-partition, to spot records delivered twice */
  deliveredUpTo: Map<string, number>;
  /** simulated time spent rebalancing (completed rebalances) and when the current one started */
  pausedMs: number;
  rebalanceStartedAt: number;
}

interface Timer {
  id: number;
  at: number;
  seq: number;
  fn: () => void;
}

/** Simulated time: timers fire in (time, creation) order, and time jumps straight to the next one. */
export class Clock {
  now = 0;
  private seq = 0;
  private nextId = 1;
  private timers = new Map<number, Timer>();

  set(fn: () => void, delayMs: number): number {
    const id = this.nextId++;
    const delay = Number.isFinite(delayMs) && delayMs > 0 ? delayMs : 0;
    this.timers.set(id, { id, at: this.now + delay, seq: this.seq++, fn });
    return id;
  }

  clear(id: number | undefined | null): void {
    if (typeof id === 'number') this.timers.delete(id);
  }

  takeNext(): Timer | undefined {
    let best: Timer | undefined;
    for (const t of this.timers.values()) {
      if (!best || t.at < best.at || (t.at === best.at && t.seq < best.seq)) best = t;
    }
    if (best) this.timers.delete(best.id);
    return best;
  }

  get pending(): number {
    return this.timers.size;
  }
}

/** Thrown into the learner's code once the run has failed, so nothing more happens. */
export class LabAbort extends Error {
  constructor(readonly runError: RunError) {
    super(runError.message);
    this.name = 'LabAbort';
  }
}

const tpKey = (topic: string, partition: number) => `${topic}\u0000${partition}`;

export class Broker {
  readonly clock = new Clock();
  readonly trace: LabEvent[] = [];
  failure: RunError | null = null;
  private topics = new Map<string, Topic>();
  private groups = new Map<string, Group>();
  private produced = 0;
  private logLines = 0;
  private faultsFired = new Set<Fault>();
  private nullKeyCounter = 0;
  readonly ledger = new Map<string, number>();
  /** called when a learner's eachMessage throws: maps the error to a RunError */
  describeHandlerError: (group: string, e: unknown) => RunError = (group, e) => ({
    kind: 'exception',
    message: `eachMessage of group ${group} threw: ${String(e)}`,
    cell: null,
    line: null,
  });

  constructor(
    private readonly faults: Fault[] = [],
    private readonly maxRecords = 10_000,
  ) {}

  get now(): number {
    return this.clock.now;
  }

  fail(err: RunError): void {
    if (!this.failure) this.failure = err;
  }

  /** Throws LabAbort when the run has already failed. */
  guard(): void {
    if (this.failure) throw new LabAbort(this.failure);
  }

  private emit(e: LabEvent): void {
    this.trace.push(e);
  }

  log(cell: string, level: 'log' | 'warn' | 'error', text: string): void {
    if (this.logLines >= MAX_LOG_LINES) return;
    this.logLines++;
    const clipped = text.length > 500 ? `${text.slice(0, 500)}…` : text;
    this.emit({ type: 'log', at: this.now, cell, level, text: this.logLines === MAX_LOG_LINES ? `${clipped} (further output is not shown)` : clipped });
  }

  // --- topics -------------------------------------------------------------------------------

  hasTopic(name: string): boolean {
    return this.topics.has(name);
  }

  partitionCount(name: string): number {
    return this.topics.get(name)?.partitions.length ?? 0;
  }

  /** Returns false when the topic already exists (as Kafka's admin client reports). */
  createTopic(name: string, partitions: number, auto = false): boolean {
    if (this.topics.has(name)) return false;
    this.topics.set(name, { name, partitions: Array.from({ length: partitions }, () => []) });
    this.emit({ type: 'topic/created', at: this.now, topic: name, partitions, auto });
    return true;
  }

  topicNames(): string[] {
    return [...this.topics.keys()];
  }

  logEnd(topic: string, partition: number): number {
    return this.topics.get(topic)?.partitions[partition]?.length ?? 0;
  }

  // --- producing ----------------------------------------------------------------------------

  /** Appends one record; partition from the key (murmur2, as Kafka and KafkaJS's default partitioner) unless given. */
  append(cell: string, topicName: string, key: string | null, value: string | null, explicitPartition?: number): { partition: number; offset: number } {
    this.guard();
    const topic = this.topics.get(topicName);
    if (!topic) throw new Error(`topic ${topicName} does not exist`);
    const n = topic.partitions.length;
    let partition: number;
    if (explicitPartition !== undefined) {
      if (!Number.isInteger(explicitPartition) || explicitPartition < 0 || explicitPartition >= n) {
        throw new Error(`partition ${explicitPartition} does not exist in topic ${topicName} (it has ${n})`);
      }
      partition = explicitPartition;
    } else if (key !== null) {
      partition = partitionForKey(key, n);
    } else {
      partition = this.nullKeyCounter++ % n;
    }
    const log = topic.partitions[partition]!;
    const offset = log.length;
    log.push({ offset, key, value, at: this.now });
    this.produced++;
    this.emit({ type: 'record/produced', at: this.now, topic: topicName, partition, offset, key, value, cell });
    if (this.produced > this.maxRecords) {
      this.fail({
        kind: 'runaway',
        message: `Stopped: more than ${this.maxRecords.toLocaleString('en')} records were produced. Does a loop keep sending without an end?`,
        cell,
        line: null,
      });
      throw new LabAbort(this.failure!);
    }
    for (const g of this.groups.values()) for (const m of g.members) this.wake(m);
    return { partition, offset };
  }

  // --- groups -------------------------------------------------------------------------------

  private group(id: string): Group {
    let g = this.groups.get(id);
    if (!g) {
      g = {
        id,
        members: [],
        generation: 0,
        rebalancing: false,
        rebalanceTimer: null,
        completeWhenIdle: false,
        committed: new Map(),
        nextMemberNo: 1,
        processed: 0,
        duplicates: 0,
        deliveredUpTo: new Map(),
        pausedMs: 0,
        rebalanceStartedAt: 0,
      };
      this.groups.set(id, g);
    }
    return g;
  }

  newMember(groupId: string, sessionTimeoutMs: number): Member {
    const group = this.group(groupId);
    return {
      id: `${groupId}-${group.nextMemberNo++}`,
      group,
      topics: [],
      fromBeginning: false,
      sessionTimeoutMs,
      status: 'joining',
      assigned: [],
      positions: new Map(),
      handler: null,
      autoCommit: true,
      busy: false,
      wakeScheduled: false,
      handled: 0,
      rr: 0,
      leaving: null,
      crashArmed: false,
      dead: false,
    };
  }

  join(m: Member): void {
    this.guard();
    m.group.members.push(m);
    this.emit({ type: 'consumer/joined', at: this.now, group: m.group.id, member: m.id });
    this.startRebalance(m.group, 'member-joined');
  }

  private startRebalance(g: Group, reason: RebalanceReason): void {
    if (!g.rebalancing) {
      g.rebalancing = true;
      g.rebalanceStartedAt = this.now;
      g.generation++;
      this.emit({ type: 'group/rebalance-started', at: this.now, group: g.id, generation: g.generation, reason });
    }
    for (const m of g.members) if (!m.dead) m.status = 'rebalancing';
    if (g.rebalanceTimer === null) {
      g.rebalanceTimer = this.clock.set(() => {
        g.rebalanceTimer = null;
        g.completeWhenIdle = true;
        this.tryCompleteRebalance(g);
      }, REBALANCE_MS);
    }
  }

  private tryCompleteRebalance(g: Group): void {
    if (!g.rebalancing || !g.completeWhenIdle) return;
    // Eager protocol: every live member first finishes its batch and gives up its partitions.
    if (g.members.some((m) => !m.dead && m.busy)) return;
    g.completeWhenIdle = false;
    // Members that crashed did not rejoin: the coordinator drops them from the new generation.
    const dead = g.members.filter((m) => m.dead);
    for (const m of dead) this.removeMember(m, 'crashed');
    const live = g.members;
    const counts: Record<string, number> = {};
    for (const m of live) for (const t of m.topics) counts[t] = this.partitionCount(t);
    const assignment: Record<string, number[]> = {};
    const raw = live.length > 0 ? assignPartitions('roundrobin', counts, live.map((m) => ({ id: m.id, topics: m.topics }))) : {};
    for (const m of live) {
      const parts = (raw[m.id] ?? []).map((tp) => Number(tp.slice(tp.lastIndexOf('-') + 1))).sort((a, b) => a - b);
      const topic = m.topics[0]!;
      m.assigned = parts;
      m.positions = new Map(parts.map((p) => [p, g.committed.get(tpKey(topic, p)) ?? (m.fromBeginning ? 0 : this.logEnd(topic, p))]));
      m.status = 'active';
      assignment[m.id] = parts;
    }
    g.rebalancing = false;
    g.pausedMs += this.now - g.rebalanceStartedAt;
    this.emit({ type: 'group/rebalance-completed', at: this.now, group: g.id, generation: g.generation, assignment });
    for (const m of live) this.wake(m);
  }

  private removeMember(m: Member, reason: 'disconnected' | 'crashed'): void {
    const g = m.group;
    const i = g.members.indexOf(m);
    if (i < 0) return;
    g.members.splice(i, 1);
    this.emit({ type: 'consumer/left', at: this.now, group: g.id, member: m.id, reason, owned: [...m.assigned] });
    m.assigned = [];
    m.positions = new Map();
    m.handler = null;
  }

  /** Schedules a fetch for the member (at the current simulated time). */
  wake(m: Member): void {
    if (m.wakeScheduled || m.dead || !m.handler || m.busy) return;
    m.wakeScheduled = true;
    this.clock.set(() => {
      m.wakeScheduled = false;
      this.poll(m);
    }, 0);
  }

  private poll(m: Member): void {
    if (m.dead || !m.handler || m.busy || this.failure) return;
    const g = m.group;
    if (m.leaving) {
      this.finishLeave(m);
      return;
    }
    if (g.rebalancing) {
      m.status = 'rebalancing';
      return;
    }
    const topic = m.topics[0]!;
    const n = m.assigned.length;
    for (let i = 0; i < n; i++) {
      const p = m.assigned[(m.rr + i) % n]!;
      const pos = m.positions.get(p) ?? 0;
      if (pos < this.logEnd(topic, p)) {
        m.rr = (m.rr + i + 1) % n;
        m.status = 'active';
        m.busy = true;
        void this.processBatch(m, topic, p, pos);
        return;
      }
    }
    m.status = 'idle';
  }

  private async processBatch(m: Member, topic: string, partition: number, from: number): Promise<void> {
    const g = m.group;
    const log = this.topics.get(topic)!.partitions[partition]!;
    const batch = log.slice(from, from + BATCH_SIZE);
    const tp = tpKey(topic, partition);
    for (const r of batch) {
      if (m.dead || this.failure) return;
      this.emit({ type: 'record/consumed', at: this.now, group: g.id, member: m.id, topic, partition, offset: r.offset, key: r.key, value: r.value });
      const upTo = g.deliveredUpTo.get(tp) ?? -1;
      if (r.offset <= upTo) g.duplicates++;
      else g.deliveredUpTo.set(tp, r.offset);
      try {
        await m.handler!({ topic, partition, offset: r.offset, key: r.key, value: r.value });
      } catch (e) {
        if (!(e instanceof LabAbort)) this.fail(this.describeHandlerError(g.id, e));
        return;
      }
      if (m.dead || this.failure) return;
      m.positions.set(partition, r.offset + 1);
      m.handled++;
      g.processed++;
      this.armFaults(m);
    }
    if (m.autoCommit && !m.dead) this.commit(m, topic, partition, m.positions.get(partition) ?? from);
    if (m.dead) return;
    m.busy = false;
    if (m.leaving) {
      this.finishLeave(m);
      return;
    }
    if (g.rebalancing) {
      m.status = 'rebalancing';
      this.tryCompleteRebalance(g);
      return;
    }
    this.wake(m);
  }

  private armFaults(m: Member): void {
    for (const f of this.faults) {
      if (f.kind === 'crash-before-commit' && f.group === m.group.id && !this.faultsFired.has(f) && m.handled >= f.afterMessages) {
        this.faultsFired.add(f);
        m.crashArmed = true;
      }
    }
  }

  /**
   * Commits `offset` (the next offset to read) for the member's partition. Returns 'crashed' when
   * the lab's injected fault killed the member instead.
   */
  commit(m: Member, topic: string, partition: number, offset: number): 'ok' | 'crashed' | 'not-owner' {
    if (m.dead) return 'crashed';
    if (m.crashArmed) {
      this.crash(m);
      return 'crashed';
    }
    if (!m.assigned.includes(partition) || m.topics[0] !== topic) return 'not-owner';
    m.group.committed.set(tpKey(topic, partition), offset);
    this.emit({ type: 'offset/committed', at: this.now, group: m.group.id, member: m.id, topic, partition, offset });
    return 'ok';
  }

  private crash(m: Member): void {
    const g = m.group;
    m.dead = true;
    m.busy = false;
    m.status = 'crashed';
    this.emit({ type: 'consumer/crashed', at: this.now, group: g.id, member: m.id });
    // No LeaveGroup: the coordinator notices only when the session times out.
    this.clock.set(() => {
      if (!g.members.includes(m)) return;
      this.removeMember(m, 'crashed');
      this.startRebalance(g, 'member-crashed');
    }, m.sessionTimeoutMs);
    if (m.leaving) {
      const done = m.leaving;
      m.leaving = null;
      done();
    }
    this.tryCompleteRebalance(g);
  }

  /** Graceful leave: finish the current batch, commit, leave the group (which rebalances). */
  leave(m: Member): Promise<void> {
    if (m.dead || !m.group.members.includes(m)) {
      m.handler = null;
      return Promise.resolve();
    }
    return new Promise<void>((resolve) => {
      m.leaving = resolve;
      m.status = 'leaving';
      if (!m.busy) this.clock.set(() => this.finishLeave(m), 0);
    });
  }

  private finishLeave(m: Member): void {
    const done = m.leaving;
    if (!done || m.busy) return;
    m.leaving = null;
    const topic = m.topics[0];
    if (m.autoCommit && topic !== undefined && !m.group.rebalancing) {
      for (const p of m.assigned) {
        const pos = m.positions.get(p);
        if (pos !== undefined && pos !== m.group.committed.get(tpKey(topic, p))) this.commit(m, topic, p, pos);
      }
    }
    if (!m.dead) {
      this.removeMember(m, 'disconnected');
      if (m.group.members.length > 0) this.startRebalance(m.group, 'member-left');
    }
    done();
  }

  charge(orderId: string, amount: number): void {
    this.guard();
    this.ledger.set(orderId, (this.ledger.get(orderId) ?? 0) + 1);
    this.emit({ type: 'ledger/charged', at: this.now, orderId, amount });
  }

  // --- view ---------------------------------------------------------------------------------

  view(): LabView {
    const topics = [...this.topics.values()].map((t) => ({
      name: t.name,
      partitions: t.partitions.map((log, id) => ({
        id,
        logEnd: log.length,
        recent: log.slice(-RECENT_RECORDS).map((r) => ({
          offset: r.offset,
          key: r.key,
          value: r.value === null ? null : r.value.length > 80 ? `${r.value.slice(0, 80)}…` : r.value,
          at: r.at,
        })),
      })),
    }));
    const groups: GroupView[] = [...this.groups.values()].map((g) => {
      const topic = g.members[0]?.topics[0] ?? this.topicOfCommits(g);
      const n = topic ? this.partitionCount(topic) : 0;
      const committed = Array.from({ length: n }, (_, p) => g.committed.get(tpKey(topic!, p)) ?? null);
      return {
        id: g.id,
        topic,
        generation: g.generation,
        rebalancing: g.rebalancing,
        members: g.members.map((m) => ({ id: m.id, status: m.status, partitions: [...m.assigned], processed: m.handled })),
        committed,
        lag: committed.map((c, p) => (c === null ? null : this.logEnd(topic!, p) - c)),
        processed: g.processed,
        duplicates: g.duplicates,
        pausedMs: g.pausedMs + (g.rebalancing ? this.now - g.rebalanceStartedAt : 0),
      };
    });
    return { timeMs: this.now, topics, groups, produced: this.produced };
  }

  private topicOfCommits(g: Group): string | null {
    for (const k of g.committed.keys()) return k.split('\u0000')[0]!;
    return null;
  }
}

/**
 * The lab's Kafka: a thin adapter over Streamlab's simulator (src/sim). The simulation runs one
 * broker (id 0); topics are created by the learner's admin call (topic/create), records are
 * appended with producer/send, and every consumer group is a client-driven group of the
 * simulator: the simulator owns membership, heartbeats, session timeouts, the round-robin
 * assignment, eager rebalances, positions and committed offsets, while this adapter runs the
 * learner's eachMessage over what each member fetches (client/fetch) and commits (client/commit).
 *
 * The simulator's clock follows the runner's simulated clock: whenever that clock moves on, the
 * simulation is stepped up to it, and a timer wakes the adapter when the simulation has a deadline
 * of its own (a rebalance round ending, a crashed member's session running out).
 *
 * It records every produce, fetch, commit, join, leave and rebalance in a trace that the checks
 * grade. The learner's code never sees this class: it sees the KafkaJS-shaped shim in shim.ts.
 */
import {
  applyAction,
  createSimulation,
  groupView as simGroupView,
  nextDeadlineMs,
  partitionForKey,
  partitionRecords,
  SimActionError,
  stepSimulation,
  TICK_MS,
  validateTopicConfig,
  type ActionResult,
  type SimAction,
  type SimEvent,
  type SimState,
} from '../../sim/index.ts';
import { runStops } from '../session/messages.ts';
import type { ChargeContext, Fault, GroupView, LabEvent, LabView, MemberStatus, RebalanceReason, RunError } from './types.ts';

/** Simulated time one rebalance (join + sync) takes. */
export const REBALANCE_MS = 300;
/** Records one fetch returns at most. */
export const BATCH_SIZE = 10;
/** Simulated time one producer.send round trip takes. */
export const SEND_MS = 2;
/** KafkaJS's default session timeout. */
export const DEFAULT_SESSION_TIMEOUT_MS = 30_000;
/** KafkaJS's default heartbeat interval. */
export const DEFAULT_HEARTBEAT_MS = 3_000;
export const RECENT_RECORDS = 40;
/** The simulation's single broker. */
export const LAB_BROKERS = 1;
/** KafkaJS has no max.poll.interval.ms: its consumers are never dropped for being slow. */
const NO_POLL_TIMEOUT_MS = 86_400_000;
const MAX_LOG_LINES = 1000;

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
  /** next offset to handle per partition (what an auto-commit stores) */
  positions: Map<number, number>;
  handler: ((m: MessagePayload) => Promise<void>) | null;
  autoCommit: boolean;
  busy: boolean;
  wakeScheduled: boolean;
  handled: number;
  leaving: (() => void) | null;
  crashArmed: boolean;
  dead: boolean;
  /** joined the simulator's group (client/join) */
  joined: boolean;
}

interface Group {
  id: string;
  /** members known to the adapter: joined and not yet removed by the simulator */
  members: Member[];
  nextMemberNo: number;
  /** the topic of the simulator's group, once its first member joined */
  topic: string | null;
  /** records handled by any member, ever (members that left included) */
  processed: number;
  /** records delivered to the group again (after a crash before a commit, say) */
  duplicates: number;
  /** highest offset delivered so far, per partition, to spot records delivered twice */
  deliveredUpTo: Map<number, number>;
}

interface Timer {
  id: number;
  at: number;
  seq: number;
  fn: () => void;
}

/**
 * The lab's time, in milliseconds since the run started. In the browser it is the wall clock
 * (RealClock): runs take real time, so the learner can watch them. Unit tests use the simulated
 * Clock, which jumps straight to the next timer, so the same runs take no time at all.
 */
export interface LabClock {
  readonly now: number;
  /** calls fn after delayMs (0 for negative or non-finite delays); returns an id for clear() */
  set(fn: () => void, delayMs: number): number;
  clear(id: number | undefined | null): void;
  /** timers set and not yet fired or cleared */
  readonly pending: number;
}

/** Wall-clock time since the clock was made, with real timers. */
export class RealClock implements LabClock {
  private readonly t0 = performance.now();
  private readonly live = new Map<number, ReturnType<typeof setTimeout>>();
  private nextId = 1;

  get now(): number {
    return Math.round(performance.now() - this.t0);
  }

  set(fn: () => void, delayMs: number): number {
    const id = this.nextId++;
    const delay = Number.isFinite(delayMs) && delayMs > 0 ? delayMs : 0;
    this.live.set(
      id,
      setTimeout(() => {
        this.live.delete(id);
        fn();
      }, delay),
    );
    return id;
  }

  clear(id: number | undefined | null): void {
    if (typeof id !== 'number') return;
    const t = this.live.get(id);
    if (t !== undefined) clearTimeout(t);
    this.live.delete(id);
  }

  /** Cancels every timer (the run is over). */
  clearAll(): void {
    for (const t of this.live.values()) clearTimeout(t);
    this.live.clear();
  }

  get pending(): number {
    return this.live.size;
  }
}

/** Simulated time: timers fire in (time, creation) order, and time jumps straight to the next one. */
export class Clock implements LabClock {
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

export class Broker {
  readonly trace: LabEvent[] = [];
  failure: RunError | null = null;
  /** the simulation, created with the first topic */
  private sim: SimState | null = null;
  private groups = new Map<string, Group>();
  private produced = 0;
  private logLines = 0;
  private faultsFired = new Set<Fault>();
  /** the runner's time of the newest records per partition (the simulator keeps times per 50 ms tick); slot offset % RECENT_RECORDS */
  private recentAt = new Map<string, number[]>();
  /** the pending wake-up for the simulation's own deadlines */
  private simTimer: { id: number; at: number } | null = null;
  readonly ledger = new Map<string, number>();
  /** called when the lab's injected fault crashes a member (its process is gone) */
  onCrash: (m: Member) => void = () => undefined;
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
    readonly clock: LabClock = new Clock(),
  ) {}

  get now(): number {
    return this.clock.now;
  }

  /** The simulator's state (read it with snapshotView); null before the first topic exists. */
  get simulation(): SimState | null {
    return this.sim;
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

  // --- the simulation -----------------------------------------------------------------------

  /** Steps the simulation up to the runner's clock and turns what happened into lab events. */
  private sync(): void {
    const sim = this.sim;
    if (!sim) return;
    while (sim.timeMs + TICK_MS <= this.clock.now) {
      const owned = this.ownedNow();
      const { events } = stepSimulation(sim);
      if (events.length) this.translate(events, owned);
    }
  }

  /** Applies a simulator action at the current time; translates its events. Throws SimActionError when refused. */
  private act(action: SimAction): ActionResult {
    this.sync();
    const owned = this.ownedNow();
    const r = applyAction(this.sim!, action);
    if (r.events.length) this.translate(r.events, owned);
    this.schedule();
    return r;
  }

  /** Partitions each member owns now, by group (for consumer/left, which reports what the member gave up). */
  private ownedNow(): Map<string, Map<string, number[]>> {
    const out = new Map<string, Map<string, number[]>>();
    if (!this.sim) return out;
    for (const g of this.groups.values()) {
      const v = this.simGroup(g.id);
      if (v) out.set(g.id, new Map(v.members.map((m) => [m.id, m.partitions])));
    }
    return out;
  }

  private simGroup(id: string) {
    const sim = this.sim;
    if (!sim) return undefined;
    const g = sim.groups.find((x) => x.id === id);
    return g ? simGroupView(sim, g) : undefined;
  }

  /** The simulator's events as the lab's trace; wakes members whose group finished a rebalance. */
  private translate(events: SimEvent[], ownedBefore: Map<string, Map<string, number[]>>): void {
    const crashedOut = new Set<string>();
    for (const e of events) {
      switch (e.type) {
        case 'consumer/joined':
          this.emit({ type: 'consumer/joined', at: this.now, group: e.group, member: e.member });
          break;
        case 'consumer/crashed':
          this.emit({ type: 'consumer/crashed', at: this.now, group: e.group, member: e.member });
          break;
        case 'consumer/left': {
          const g = this.groups.get(e.group);
          const m = g?.members.find((x) => x.id === e.member);
          const owned = ownedBefore.get(e.group)?.get(e.member) ?? [];
          const reason = e.reason === 'left' ? 'disconnected' : 'crashed';
          if (reason === 'crashed') crashedOut.add(e.group);
          this.emit({ type: 'consumer/left', at: this.now, group: e.group, member: e.member, reason, owned: [...owned] });
          if (g && m) {
            g.members.splice(g.members.indexOf(m), 1);
            m.positions = new Map();
            m.handler = null;
            m.joined = false;
          }
          break;
        }
        case 'group/rebalance-started': {
          const reason: RebalanceReason = e.reason === 'member-left' ? (crashedOut.has(e.group) ? 'member-crashed' : 'member-left') : 'member-joined';
          this.emit({ type: 'group/rebalance-started', at: this.now, group: e.group, generation: e.generation, reason });
          for (const m of this.groups.get(e.group)?.members ?? []) if (!m.dead && !m.leaving) m.status = 'rebalancing';
          break;
        }
        case 'group/rebalance-completed': {
          const v = this.simGroup(e.group);
          const assignment: Record<string, number[]> = {};
          for (const m of v?.members ?? []) assignment[m.id] = [...m.partitions];
          this.emit({ type: 'group/rebalance-completed', at: this.now, group: e.group, generation: e.generation, assignment });
          const g = this.groups.get(e.group);
          for (const m of g?.members ?? []) {
            if (m.dead || m.leaving) continue;
            m.status = (assignment[m.id] ?? []).length ? 'active' : 'idle';
            // positions restart from what the simulator hands out (committed offset or the reset policy)
            m.positions = new Map();
            this.wake(m);
          }
          break;
        }
        default:
          // records, commits, assignments and revocations are reported by the adapter itself
          break;
      }
    }
  }

  /** Sets a timer for the simulation's next deadline, so the run does not end while one is pending. */
  private schedule(): void {
    const sim = this.sim;
    if (!sim) return;
    const next = nextDeadlineMs(sim, { pollTimeouts: false });
    if (next === null) return;
    // the step that starts at the deadline's tick runs once the clock has passed that tick
    const at = Math.ceil(next / TICK_MS) * TICK_MS + TICK_MS;
    if (this.simTimer && this.simTimer.at <= at) return;
    if (this.simTimer) this.clock.clear(this.simTimer.id);
    const id = this.clock.set(() => {
      this.simTimer = null;
      if (this.failure) return;
      this.sync();
      this.schedule();
    }, at - this.clock.now);
    this.simTimer = { id, at };
  }

  // --- topics -------------------------------------------------------------------------------

  hasTopic(name: string): boolean {
    return this.sim?.topics.some((t) => t.name === name) ?? false;
  }

  partitionCount(name: string): number {
    return this.sim?.topics.find((t) => t.name === name)?.partitions.length ?? 0;
  }

  /** Returns false when the topic already exists (as Kafka's admin client reports). */
  createTopic(name: string, partitions: number, auto = false): boolean {
    if (this.hasTopic(name)) return false;
    const topic = { name, partitions, replicationFactor: LAB_BROKERS };
    const check = validateTopicConfig(topic, this.topicNames(), LAB_BROKERS, 1);
    if (!check.ok) throw new Error(`cannot create topic ${JSON.stringify(name)}: ${check.issues.map((i) => i.message).join('; ')}`);
    if (!this.sim) {
      this.sim = createSimulation({ brokers: LAB_BROKERS, topics: [topic], payloadRecords: this.maxRecords + 1, recentRecords: RECENT_RECORDS }, 1);
      this.sync();
    } else {
      this.act({ type: 'topic/create', topic });
    }
    this.emit({ type: 'topic/created', at: this.now, topic: name, partitions, auto });
    return true;
  }

  topicNames(): string[] {
    return this.sim ? this.sim.topics.map((t) => t.name) : [];
  }

  logEnd(topic: string, partition: number): number {
    return this.sim?.topics.find((t) => t.name === topic)?.partitions[partition]?.logEnd ?? 0;
  }

  // --- producing ----------------------------------------------------------------------------

  /** Appends one record; partition from the key (murmur2, as Kafka and KafkaJS's default partitioner) unless given. */
  append(cell: string, topicName: string, key: string | null, value: string | null, explicitPartition?: number): { partition: number; offset: number } {
    this.guard();
    if (!this.hasTopic(topicName)) throw new Error(`topic ${topicName} does not exist`);
    const n = this.partitionCount(topicName);
    if (explicitPartition !== undefined && (!Number.isInteger(explicitPartition) || explicitPartition < 0 || explicitPartition >= n)) {
      throw new Error(`partition ${explicitPartition} does not exist in topic ${topicName} (it has ${n})`);
    }
    const r = this.act({ type: 'producer/send', topic: topicName, records: [{ key, value, ...(explicitPartition !== undefined ? { partition: explicitPartition } : {}) }] });
    const sent = r.sent![0]!;
    if ('error' in sent) throw new Error(`the write to ${topicName} partition ${sent.partition} failed: ${sent.error}`);
    const { partition, offset } = sent;
    if (key !== null && explicitPartition === undefined && partition !== partitionForKey(key, n)) throw new Error('internal: the simulator placed a keyed record on another partition');
    this.produced++;
    const tp = `${topicName}\u0000${partition}`;
    const times = this.recentAt.get(tp) ?? [];
    times[offset % RECENT_RECORDS] = this.now;
    this.recentAt.set(tp, times);
    this.emit({ type: 'record/produced', at: this.now, topic: topicName, partition, offset, key, value, cell });
    if (this.produced > this.maxRecords) {
      this.fail({ ...runStops.tooManyRecords(this.maxRecords), cell });
      throw new LabAbort(this.failure!);
    }
    for (const g of this.groups.values()) for (const m of g.members) this.wake(m);
    return { partition, offset };
  }

  // --- groups -------------------------------------------------------------------------------

  private group(id: string): Group {
    let g = this.groups.get(id);
    if (!g) {
      g = { id, members: [], nextMemberNo: 1, topic: null, processed: 0, duplicates: 0, deliveredUpTo: new Map() };
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
      positions: new Map(),
      handler: null,
      autoCommit: true,
      busy: false,
      wakeScheduled: false,
      handled: 0,
      leaving: null,
      crashArmed: false,
      dead: false,
      joined: false,
    };
  }

  private timeoutsFor(m: Member) {
    return { sessionTimeoutMs: m.sessionTimeoutMs, heartbeatIntervalMs: Math.min(DEFAULT_HEARTBEAT_MS, Math.floor(m.sessionTimeoutMs / 3)), maxPollIntervalMs: NO_POLL_TIMEOUT_MS };
  }

  join(m: Member): void {
    this.guard();
    const g = m.group;
    const topic = m.topics[0]!;
    if (g.topic === null) {
      this.act({
        type: 'group/add',
        group: { id: g.id, topic, consumers: 0, driver: 'client', assignor: 'roundrobin', protocol: 'eager', rebalanceMs: REBALANCE_MS, autoOffsetReset: 'latest', timeouts: this.timeoutsFor(m) },
      });
      g.topic = topic;
    } else if (g.topic !== topic) {
      throw new Error(`In this lab a consumer group reads one topic: group ${g.id} already reads ${g.topic}.`);
    } else {
      // session.timeout.ms is a member setting in Kafka; the simulator keeps one per group: the latest joiner's
      this.act({ type: 'group/set-timeouts', group: g.id, timeouts: this.timeoutsFor(m) });
    }
    g.members.push(m);
    m.joined = true;
    this.act({ type: 'client/join', group: g.id, member: m.id, topic, fromBeginning: m.fromBeginning });
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
    if (m.dead || !m.handler || m.busy || this.failure || !m.joined) return;
    if (m.leaving) {
      this.finishLeave(m);
      return;
    }
    const g = m.group;
    let records: MessagePayload[];
    try {
      records = this.act({ type: 'client/fetch', group: g.id, member: m.id, max: BATCH_SIZE }).fetched ?? [];
    } catch (e) {
      if (!(e instanceof SimActionError)) throw e;
      // no longer a member (the coordinator removed it)
      m.status = 'idle';
      return;
    }
    if (!records.length) {
      m.status = this.simGroup(g.id)?.rebalancing ? 'rebalancing' : 'idle';
      return;
    }
    m.status = 'active';
    m.busy = true;
    void this.processBatch(m, records);
  }

  private async processBatch(m: Member, batch: MessagePayload[]): Promise<void> {
    const g = m.group;
    const touched = new Set<number>();
    for (const r of batch) {
      if (m.dead || this.failure) return;
      this.emit({ type: 'record/consumed', at: this.now, group: g.id, member: m.id, topic: r.topic, partition: r.partition, offset: r.offset, key: r.key, value: r.value });
      const upTo = g.deliveredUpTo.get(r.partition) ?? -1;
      if (r.offset <= upTo) g.duplicates++;
      else g.deliveredUpTo.set(r.partition, r.offset);
      try {
        await m.handler!({ topic: r.topic, partition: r.partition, offset: r.offset, key: r.key, value: r.value });
      } catch (e) {
        if (!(e instanceof LabAbort)) this.fail(this.describeHandlerError(g.id, e));
        return;
      }
      if (m.dead || this.failure) return;
      m.positions.set(r.partition, r.offset + 1);
      touched.add(r.partition);
      m.handled++;
      g.processed++;
      this.armFaults(m);
    }
    const topic = batch[0]!.topic;
    if (m.autoCommit && !m.dead) {
      for (const p of [...touched].sort((a, b) => a - b)) {
        if (this.commit(m, topic, p, m.positions.get(p)!) === 'crashed') break;
      }
    }
    if (m.dead) return;
    m.busy = false;
    if (m.leaving) {
      this.finishLeave(m);
      return;
    }
    // the next poll also takes part in a rebalance that started meanwhile
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
   * the lab's injected fault killed the member instead, and `{ refused }` with the group
   * coordinator's (the simulator's) reason when it refuses the commit.
   */
  commit(m: Member, topic: string, partition: number, offset: number): 'ok' | 'crashed' | { refused: string } {
    if (m.dead) return 'crashed';
    if (m.crashArmed) {
      this.crash(m);
      return 'crashed';
    }
    if (!m.joined) return { refused: 'this consumer is not in the group now' };
    if (m.group.topic !== topic) return { refused: `group ${m.group.id} reads ${m.group.topic ?? 'no topic yet'}, not ${topic}` };
    try {
      this.act({ type: 'client/commit', group: m.group.id, member: m.id, offsets: [{ partition, offset }] });
    } catch (e) {
      if (e instanceof SimActionError) return { refused: e.message.replace(/^client\/commit: /, '') };
      throw e;
    }
    this.emit({ type: 'offset/committed', at: this.now, group: m.group.id, member: m.id, topic, partition, offset });
    return 'ok';
  }

  private crash(m: Member): void {
    m.dead = true;
    m.busy = false;
    m.status = 'crashed';
    this.onCrash(m);
    // No LeaveGroup: the simulator's coordinator removes it once its session times out.
    this.act({ type: 'consumer/crash', group: m.group.id, member: m.id });
    if (m.leaving) {
      const done = m.leaving;
      m.leaving = null;
      done();
    }
  }

  /** Graceful leave: finish the current batch, commit, leave the group (which rebalances). */
  leave(m: Member): Promise<void> {
    if (m.dead || !m.joined) {
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
    const topic = m.group.topic;
    if (m.autoCommit && topic !== null && !m.dead && m.joined) {
      const committed = this.simGroup(m.group.id)?.committed ?? [];
      for (const [p, pos] of m.positions) {
        if (pos !== committed[p]) this.commit(m, topic, p, pos);
      }
    }
    if (!m.dead && m.joined) this.act({ type: 'consumer/remove', group: m.group.id, member: m.id });
    done();
  }

  /**
   * Records a charge in the learner's ledger. `during`: the records whose eachMessage was running
   * when the charge came (the page knows what it delivered), so a check can tell a charge made
   * while billing handled an order from one made anywhere else.
   */
  charge(orderId: string, amount: number, during: ChargeContext[] = []): void {
    this.guard();
    this.ledger.set(orderId, (this.ledger.get(orderId) ?? 0) + 1);
    this.emit({ type: 'ledger/charged', at: this.now, orderId, amount, during });
  }

  // --- view ---------------------------------------------------------------------------------

  view(): LabView {
    this.sync();
    const sim = this.sim;
    const topics = (sim?.topics ?? []).map((t) => ({
      name: t.name,
      partitions: t.partitions.map((P) => ({
        id: P.id,
        logEnd: P.logEnd,
        recent: partitionRecords(sim!, t.name, P.id, P.logEnd - RECENT_RECORDS, RECENT_RECORDS).map((r) => ({
          offset: r.offset,
          key: r.key,
          value: r.value === null ? null : r.value.length > 80 ? `${r.value.slice(0, 80)}…` : r.value,
          at: this.recentAt.get(`${t.name}\u0000${P.id}`)?.[r.offset % RECENT_RECORDS] ?? r.producedAtMs ?? 0,
        })),
      })),
    }));
    const groups: GroupView[] = [...this.groups.values()].map((g) => {
      const v = this.simGroup(g.id);
      const byId = new Map((v?.members ?? []).map((x) => [x.id, x]));
      return {
        id: g.id,
        topic: g.topic,
        generation: v?.generation ?? 0,
        rebalancing: v?.rebalancing ?? false,
        members: g.members.map((m) => ({
          id: m.id,
          status: m.dead ? 'crashed' : m.leaving ? 'leaving' : v?.rebalancing ? 'rebalancing' : m.status,
          partitions: [...(byId.get(m.id)?.partitions ?? [])],
          processed: m.handled,
        })),
        committed: v ? [...v.committed] : [],
        lag: v ? [...v.lag] : [],
        processed: g.processed,
        duplicates: g.duplicates,
        pausedMs: v?.pausedMs ?? 0,
      };
    });
    return { timeMs: this.now, topics, groups, produced: this.produced };
  }
}

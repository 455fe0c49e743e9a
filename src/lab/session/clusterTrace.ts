/**
 * The lab's trace read from the wire-protocol broker (src/broker/core): what the real KafkaJS did,
 * as the simulator behind the broker recorded it. It listens to the cluster's simulator events and
 * turns them into the lab's events (runtime/types.ts), which the checks (lab/checks.ts) grade:
 *
 * - `topic/created`: from the simulator's topic/created; `auto` when the topic was made while the
 *   broker answered a Metadata request (auto.create.topics.enable, KafkaJS's allowAutoTopicCreation),
 *   not a CreateTopics request;
 * - `record/produced`: one per record of the simulator's record/produced, with the key and value the
 *   broker stored (read back from the simulation's log, so they are the bytes the client sent);
 * - `offset/committed`: the simulator's offset/committed (the member is not named there: '');
 * - `consumer/joined`, `consumer/left` (with the partitions the member owned when it went),
 *   `consumer/crashed`, `group/rebalance-started`, `group/rebalance-completed` (with each member's
 *   partitions in the new generation): the classic group coordinator's own events.
 *
 * - `record/consumed`: one per record a Fetch response carried to a group member. A Fetch request
 *   names no group, and KafkaJS fetches on a connection of its own (kafkajs
 *   src/network/connectionPool.js: Fetch uses the pool's second connection), so the member comes
 *   from the client number the sandbox's sockets give with each connection (one per KafkaJS
 *   consumer, sandbox/kafka.ts; PortServer.clientOf): the member a client's group requests
 *   (JoinGroup, SyncGroup, Heartbeat, OffsetCommit) spoke for is the member its fetches serve.
 *   "Read" means delivered by the broker: KafkaJS may drop fetched records it no longer owns
 *   after a rebalance. A client number is the sandbox's word, but only for whose fetch it was:
 *   which records were fetched, and which member the group had, is the broker's own record.
 */
import { partitionRecords, snapshotView, type SimEvent } from '../../sim/index.ts';
import type { KafkaCluster } from '../../broker/core/cluster.ts';
import { fromBase64 } from '../../broker/core/payload.ts';
import type { ChargeContext, Fault, GroupView, LabEvent, LabView, LeaveReason, RebalanceReason } from '../runtime/types.ts';

/** Records of each partition the view shows (the newest). */
export const VIEW_RECENT_RECORDS = 40;
/** Longest value the view keeps, in characters. */
const VIEW_VALUE_CHARS = 120;

const utf8 = new TextDecoder('utf-8', { fatal: false });

/** A stored key or value as text (base64-kept bytes decoded as UTF-8, as `Buffer.toString()` would). */
function text(v: string | null, encoding: 'base64' | undefined): string | null {
  if (v === null) return null;
  return encoding === 'base64' ? utf8.decode(fromBase64(v)) : v;
}

/** The orderId of a JSON order value (the lab's orders), else null. */
function orderIdOf(value: string | null): string | null {
  if (value === null || value.length > 10_000) return null;
  try {
    const v = JSON.parse(value) as unknown;
    if (typeof v !== 'object' || v === null) return null;
    const o = v as Record<string, unknown>;
    const id = o.orderId ?? o.order_id ?? o.id;
    return typeof id === 'string' || typeof id === 'number' ? String(id) : null;
  } catch {
    return null;
  }
}

const leaveReason = (r: string): LeaveReason => (r === 'left' ? 'disconnected' : 'crashed');
const rebalanceReason = (r: string, lastLeave: LeaveReason | undefined): RebalanceReason =>
  r === 'member-left' ? (lastLeave === 'crashed' ? 'member-crashed' : 'member-left') : 'member-joined';

export class ClusterTrace {
  readonly trace: LabEvent[] = [];
  /** partitions each member owns now, per group */
  private readonly owned = new Map<string, Map<string, number[]>>();
  private readonly lastLeave = new Map<string, LeaveReason>();
  private readonly detach: () => void;

  /**
   * @param cluster the run's cluster; the trace starts now (events before it are not seen)
   * @param cellNow the learner's file running now (record/produced names it), e.g. "producer"
   */
  constructor(
    private readonly cluster: KafkaCluster,
    private readonly cellNow: () => string = () => '',
    clientOf: (remote: string) => number | null = () => null,
  ) {
    const stopEvents = cluster.onEvents((events) => this.take(events));
    /** the group member each client last spoke for */
    const memberOf = new Map<number, { group: string; member: string }>();
    const stopClients = cluster.onClient((e) => {
      const client = clientOf(e.remote);
      if (client === null) return;
      if (e.kind === 'member') {
        memberOf.set(client, { group: e.group, member: e.memberId });
        if (e.request === 'OffsetCommit') this.crashIfDue(client, e.group, e.memberId);
        return;
      }
      const m = memberOf.get(client);
      if (!m) return;
      const at = this.cluster.sim.timeMs;
      for (const r of partitionRecords(this.cluster.sim, e.topic, e.partition, e.fromOffset, e.count)) {
        const value = text(r.value, r.encoding);
        this.trace.push({ type: 'record/consumed', at, group: m.group, member: m.member, topic: e.topic, partition: e.partition, offset: r.offset, key: text(r.key, r.encoding), value });
        this.delivered.set(m.member, (this.delivered.get(m.member) ?? 0) + 1);
        const orderId = orderIdOf(value);
        if (orderId !== null) this.inFlight.set(`${m.group}\u0000${e.topic}\u0000${e.partition}\u0000${r.offset}`, { group: m.group, member: m.member, topic: e.topic, partition: e.partition, offset: r.offset, orderId });
      }
    });
    this.detach = () => {
      stopEvents();
      stopClients();
    };
  }

  /** Stops listening (the run is over). */
  close(): void {
    this.detach();
  }

  /** Adds one of the lab's own events (a console line). */
  push(e: LabEvent): void {
    this.trace.push(e);
  }

  /** records delivered to each member */
  private readonly delivered = new Map<string, number>();
  /** records delivered and not yet committed past, by group/topic/partition/offset */
  private readonly inFlight = new Map<string, ChargeContext & { topic: string; orderId: string }>();
  private faults: Fault[] = [];
  private dropClient: (client: number) => void = () => {};
  private readonly crashed = new Set<Fault>();

  /**
   * Arms the lab's faults. `crash-before-commit`: the first member of the group that commits
   * after it was delivered `afterMessages` records crashes at that commit: its client's
   * connections are dropped before the commit is applied (`dropClient`, e.g. PortServer.dropClient),
   * so the client sees its connections end and the group coordinator removes the member once
   * its session times out, as when a consumer's process dies.
   */
  arm(faults: Fault[], dropClient: (client: number) => void): void {
    this.faults = faults;
    this.dropClient = dropClient;
  }

  private crashIfDue(client: number, group: string, member: string): void {
    for (const f of this.faults) {
      if (f.kind !== 'crash-before-commit' || f.group !== group || this.crashed.has(f)) continue;
      if ((this.delivered.get(member) ?? 0) < f.afterMessages) continue;
      this.crashed.add(f);
      this.trace.push({ type: 'consumer/crashed', at: this.cluster.sim.timeMs, group, member });
      this.dropClient(client);
    }
  }

  /**
   * The ledger's charge, with the records that were in flight for that order when it came:
   * delivered to a member and not yet committed past by its group (the broker cannot see which
   * eachMessage is running; a delivered, uncommitted record is what it can see).
   */
  charge(orderId: string, amount: number): void {
    const during: ChargeContext[] = [];
    for (const d of this.inFlight.values()) if (d.orderId === orderId) during.push({ group: d.group, member: d.member, partition: d.partition, offset: d.offset });
    this.trace.push({ type: 'ledger/charged', at: this.cluster.sim.timeMs, orderId, amount, during });
  }

  private ownedIn(group: string): Map<string, number[]> {
    let g = this.owned.get(group);
    if (!g) this.owned.set(group, (g = new Map()));
    return g;
  }

  private take(events: SimEvent[]): void {
    for (const e of events) {
      const at = e.atMs;
      switch (e.type) {
        case 'topic/created':
          this.trace.push({ type: 'topic/created', at, topic: e.topic, partitions: e.partitions, auto: this.cluster.handling === 'Metadata' });
          break;
        case 'record/produced': {
          const records = partitionRecords(this.cluster.sim, e.topic, e.partition, e.baseOffset, e.count);
          const cell = this.cellNow();
          for (const r of records) {
            this.trace.push({ type: 'record/produced', at, topic: e.topic, partition: e.partition, offset: r.offset, key: text(r.key, r.encoding), value: text(r.value, r.encoding), cell });
          }
          break;
        }
        case 'offset/committed':
          this.trace.push({ type: 'offset/committed', at, group: e.group, member: '', topic: e.topic, partition: e.partition, offset: e.offset });
          for (const [k, d] of this.inFlight) if (d.group === e.group && d.topic === e.topic && d.partition === e.partition && d.offset < e.offset) this.inFlight.delete(k);
          break;
        case 'consumer/joined':
          this.trace.push({ type: 'consumer/joined', at, group: e.group, member: e.member });
          break;
        case 'consumer/assigned': {
          const g = this.ownedIn(e.group);
          // a classic group's SyncGroup hands each member its whole assignment for the new generation
          g.set(e.member, [...e.partitions].sort((a, b) => a - b));
          break;
        }
        case 'consumer/revoked': {
          const g = this.ownedIn(e.group);
          g.set(e.member, (g.get(e.member) ?? []).filter((p) => !e.partitions.includes(p)));
          break;
        }
        case 'consumer/left': {
          const g = this.ownedIn(e.group);
          const reason = leaveReason(e.reason);
          this.lastLeave.set(e.group, reason);
          this.trace.push({ type: 'consumer/left', at, group: e.group, member: e.member, reason, owned: g.get(e.member) ?? [] });
          g.delete(e.member);
          break;
        }
        case 'consumer/crashed':
          this.trace.push({ type: 'consumer/crashed', at, group: e.group, member: e.member });
          break;
        case 'group/rebalance-started':
          this.trace.push({ type: 'group/rebalance-started', at, group: e.group, generation: e.generation, reason: rebalanceReason(e.reason, this.lastLeave.get(e.group)) });
          break;
        case 'group/rebalance-completed':
          this.trace.push({ type: 'group/rebalance-completed', at, group: e.group, generation: e.generation, assignment: Object.fromEntries(this.ownedIn(e.group)) });
          break;
        default:
          break;
      }
    }
  }
}

/**
 * The lab's picture of the cluster (runtime/types.ts LabView), read from the simulator behind the
 * broker: topics with each partition's log end and newest records, and the classic groups of the
 * real clients with their members' partitions, committed offsets and lag (against the high
 * watermark, as kafka-consumer-groups.sh reports it). What a member has handled is not known to
 * the broker, so `processed` counts the records the group committed past, and `duplicates` and
 * `pausedMs` are 0.
 * @param cluster the run's cluster
 * @param timeMs the run's clock, ms since it started
 */
export function labViewOf(cluster: KafkaCluster, timeMs: number): LabView {
  const v = snapshotView(cluster.sim);
  let produced = 0;
  const topics = v.topics.map((t) => ({
    name: t.name,
    partitions: t.partitions.map((p) => {
      produced += p.logEndOffset;
      const from = Math.max(p.logStartOffset, p.logEndOffset - VIEW_RECENT_RECORDS);
      const recent = partitionRecords(cluster.sim, t.name, p.id, from, p.logEndOffset - from).map((r) => {
        const value = text(r.value, r.encoding);
        return { offset: r.offset, key: text(r.key, r.encoding), value: value !== null && value.length > VIEW_VALUE_CHARS ? `${value.slice(0, VIEW_VALUE_CHARS - 1)}…` : value, at: r.producedAtMs ?? 0 };
      });
      return { id: p.id, logEnd: p.logEndOffset, recent };
    }),
  }));
  const groups: GroupView[] = (v.classicGroups ?? []).map((g) => {
    const topic = g.members[0]?.subscribedTopics[0] ?? g.offsets[0]?.topic ?? null;
    const parts = topics.find((t) => t.name === topic)?.partitions ?? [];
    const row = (p: number) => g.offsets.find((o) => o.topic === topic && o.partition === p);
    const committed = parts.map((p) => row(p.id)?.committed ?? null);
    const rebalancing = g.state === 'PreparingRebalance' || g.state === 'CompletingRebalance';
    return {
      id: g.id,
      topic,
      generation: g.generation,
      rebalancing,
      members: g.members.map((m) => ({
        id: m.id,
        status: rebalancing ? ('rebalancing' as const) : ('active' as const),
        partitions: m.assigned.filter((a) => a.topic === topic).flatMap((a) => a.partitions),
        processed: 0,
      })),
      committed,
      lag: parts.map((p, i) => (committed[i] === null ? null : Math.max(0, p.logEnd - committed[i]!))),
      processed: committed.reduce<number>((n, c) => n + (c ?? 0), 0),
      duplicates: 0,
      pausedMs: 0,
    };
  });
  return { timeMs, topics, groups, produced };
}

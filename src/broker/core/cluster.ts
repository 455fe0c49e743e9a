/**
 * KafkaCluster: the protocol front end over one simulation. It owns the simulation state (the
 * single source of truth for topics, partitions, leaders, records, producers, groups and committed
 * offsets), steps it on the wall clock, turns requests into simulator actions and simulator state
 * into responses. It never keeps a second copy of any of that: handlers read the state and act.
 *
 * Transports (TCP in Node, an in-memory duplex in the browser) call `connect(brokerId, sink)`
 * and pass bytes to the returned Connection; the cluster tells them when a broker stops or starts
 * (`onBrokerChange`) so that a TCP listener can close and reopen, as a real broker's does.
 *
 * Requests that Kafka holds (a Fetch waiting for min.bytes, a JoinGroup waiting for the other
 * members, a SyncGroup waiting for the leader) wait on a condition that is checked after every
 * change to the simulation and expire on their own timeout.
 */
import { applyAction, createSimulation, snapshotView, stepSimulation, TICK_MS, type ActionResult, type SimAction, type SimEvent, type SimState, type SimView } from '../../sim/index.ts';
import { systemClock, type Clock } from './clock.ts';
import { KAFKA_BROKER_DEFAULTS, type BrokerConfig } from './config.ts';
import { Connection, type ConnectionSink } from './connection.ts';
import { HANDLERS } from './handlers/index.ts';
import type { Handler } from './handlers/types.ts';

export interface ClusterOptions {
  /** simulated brokers, ids 0..n-1; default 3 */
  brokers?: number;
  /** the simulation's seed (it decides member ids, sticky partitions for unkeyed sends); default 1 */
  seed?: number;
  clock?: Clock;
  config?: Partial<BrokerConfig>;
  /** a cluster id for Metadata; default "streamlab-sim" */
  clusterId?: string;
  /** diagnostics (connection closes, protocol errors); default: none */
  log?: (line: string) => void;
  /** records with payload kept per partition (the simulator's payloadRecords); default 1,000,000 */
  payloadRecords?: number;
  /** sees every request frame ('in') and response frame ('out'), size prefix included (the fixture recorder) */
  record?: (broker: number, direction: 'in' | 'out', frame: Uint8Array) => void;
}

export interface Endpoint {
  host: string;
  port: number;
}

interface Waiter {
  check: () => boolean;
  expireAt: number;
  expire: () => void;
}

export type BrokerChange = { broker: number; up: boolean };

/**
 * What a client connection did that the simulator's events do not say (for the lab's trace):
 * a request naming a group member (JoinGroup with its member id, SyncGroup, Heartbeat,
 * OffsetCommit), and the records a Fetch response carried. `remote` is the connection's name
 * as its transport gave it (Connection.remote).
 */
export type ClientEvent =
  | { kind: 'member'; remote: string; group: string; memberId: string; request: 'JoinGroup' | 'SyncGroup' | 'Heartbeat' | 'OffsetCommit' }
  | { kind: 'fetched'; remote: string; topic: string; partition: number; fromOffset: number; count: number };

/** Most simulation steps one sync may take: beyond it the simulation skips ahead (a suspended laptop). */
const MAX_CATCH_UP_STEPS = 20 * 60 * 10;

export class KafkaCluster {
  readonly sim: SimState;
  readonly config: BrokerConfig;
  readonly clock: Clock;
  readonly clusterId: string;
  readonly handlers: Map<number, Handler>;
  /** wall-clock epoch ms at simulated time 0 */
  readonly startedAtMs: number;
  private endpoints = new Map<number, Endpoint>();
  private connections = new Set<Connection>();
  private waiters = new Set<Waiter>();
  private eventListeners = new Set<(events: SimEvent[]) => void>();
  private brokerListeners = new Set<(c: BrokerChange) => void>();
  private clientListeners = new Set<(e: ClientEvent) => void>();
  private timer: unknown = null;
  private closedFlag = false;
  private readonly logFn: (line: string) => void;
  readonly record: ((broker: number, direction: 'in' | 'out', frame: Uint8Array) => void) | null;
  /**
   * The API whose handler is running now, synchronously (its name as in protocol/apis.ts, e.g.
   * "Metadata"), else null: event listeners read it to tell why the simulation changed.
   */
  handling: string | null = null;
  /** request counts by API name, for the live summary */
  readonly requestCounts = new Map<string, number>();

  constructor(options: ClusterOptions = {}) {
    this.clock = options.clock ?? systemClock;
    this.config = { ...KAFKA_BROKER_DEFAULTS, ...options.config };
    this.clusterId = options.clusterId ?? 'streamlab-sim';
    this.logFn = options.log ?? (() => {});
    this.record = options.record ?? null;
    this.handlers = new Map(HANDLERS);
    this.sim = createSimulation(
      {
        brokers: options.brokers ?? 3,
        minInsyncReplicas: this.config.minInsyncReplicas,
        brokerSessionTimeoutMs: this.config.brokerSessionTimeoutMs,
        replicaLagTimeMaxMs: this.config.replicaLagTimeMaxMs,
        topics: [],
        payloadRecords: options.payloadRecords ?? 1_000_000,
        coordinator: {
          initialRebalanceDelayMs: this.config.groupInitialRebalanceDelayMs,
          minSessionTimeoutMs: this.config.groupMinSessionTimeoutMs,
          maxSessionTimeoutMs: this.config.groupMaxSessionTimeoutMs,
          offsetsTopicPartitions: this.config.offsetsTopicNumPartitions,
        },
        // a broker runs for hours: keeping every request as a recorded action would grow without end
        recordActions: false,
      },
      options.seed ?? 1,
    );
    this.startedAtMs = this.clock.now();
    for (const b of this.sim.brokers) this.endpoints.set(b.id, { host: `broker-${b.id}`, port: 9092 });
    this.schedule();
  }

  now(): number {
    return this.clock.now();
  }

  log(line: string): void {
    this.logFn(line);
  }

  /** Simulated time (ms since start) that corresponds to a wall-clock time. */
  simTimeAt(epochMs: number): number {
    return epochMs - this.startedAtMs;
  }

  /** Wall-clock epoch ms of a simulated time. */
  epochAt(simMs: number): number {
    return this.startedAtMs + simMs;
  }

  // --- brokers and endpoints -----------------------------------------------------------------

  get brokerIds(): number[] {
    return this.sim.brokers.map((b) => b.id);
  }

  isUp(broker: number): boolean {
    return this.sim.brokers[broker]?.up ?? false;
  }

  /** Where clients reach a broker (Metadata advertises it). Transports set it when they listen. */
  setEndpoint(broker: number, endpoint: Endpoint): void {
    this.endpoints.set(broker, endpoint);
  }

  endpoint(broker: number): Endpoint {
    return this.endpoints.get(broker)!;
  }

  /**
   * Stops a simulated broker as a crash: its connections close at once; the controller fences it
   * after broker.session.timeout.ms, and only then do leaders move (or partitions go offline).
   */
  stopBroker(broker: number): void {
    if (!this.isUp(broker)) return;
    this.act({ type: 'broker/stop', broker });
    for (const c of [...this.connections]) if (c.brokerId === broker) c.close();
    for (const l of this.brokerListeners) l({ broker, up: false });
  }

  startBroker(broker: number): void {
    if (this.isUp(broker)) return;
    this.act({ type: 'broker/start', broker });
    for (const l of this.brokerListeners) l({ broker, up: true });
  }

  onBrokerChange(fn: (c: BrokerChange) => void): () => void {
    this.brokerListeners.add(fn);
    return () => this.brokerListeners.delete(fn);
  }

  // --- connections ---------------------------------------------------------------------------

  /** A new client connection to a broker. Throws when the broker is down (the transport refuses it). */
  connect(broker: number, sink: ConnectionSink, remote = 'client'): Connection {
    if (this.closedFlag) throw new Error('the cluster is closed');
    if (!this.isUp(broker)) throw new Error(`broker ${broker} is down`);
    const c = new Connection(this, broker, sink, remote);
    this.connections.add(c);
    return c;
  }

  /** Called by a connection when it closes. */
  detach(c: Connection): void {
    this.connections.delete(c);
  }

  get connectionCount(): number {
    return this.connections.size;
  }

  connectionsOf(broker: number): number {
    let n = 0;
    for (const c of this.connections) if (c.brokerId === broker) n++;
    return n;
  }

  // --- the simulation ------------------------------------------------------------------------

  onEvents(fn: (events: SimEvent[]) => void): () => void {
    this.eventListeners.add(fn);
    return () => this.eventListeners.delete(fn);
  }

  /** Listens to what client connections did (see ClientEvent); returns the way to stop. */
  onClient(fn: (e: ClientEvent) => void): () => void {
    this.clientListeners.add(fn);
    return () => this.clientListeners.delete(fn);
  }

  /** Called by handlers. */
  reportClient(e: ClientEvent): void {
    for (const l of this.clientListeners) l(e);
  }

  private emit(events: SimEvent[]): void {
    if (!events.length) return;
    for (const l of this.eventListeners) l(events);
  }

  /** Steps the simulation up to the wall clock; wakes waiting requests. */
  sync(): void {
    const target = this.simTimeAt(this.now());
    let steps = 0;
    while (this.sim.timeMs + TICK_MS <= target) {
      if (++steps > MAX_CATCH_UP_STEPS) {
        // far behind (the machine slept): jump, as a real broker's clock would
        this.sim.timeMs = Math.floor(target / TICK_MS) * TICK_MS;
        break;
      }
      const { events } = stepSimulation(this.sim);
      if (events.length) {
        this.emit(events);
        this.wake();
      }
    }
  }

  /** Applies a simulator action now. Throws SimActionError when the simulator refuses it. */
  act(action: SimAction): ActionResult {
    this.sync();
    const r = applyAction(this.sim, action);
    this.emit(r.events);
    this.wake();
    return r;
  }

  /** The simulator's read model (for the live view). */
  view(): SimView {
    this.sync();
    return snapshotView(this.sim);
  }

  // --- waiting requests ----------------------------------------------------------------------

  /**
   * Resolves with `check()`'s value once it is defined (checked now, after every change to the
   * simulation and on every tick), or with `onTimeout()` after timeoutMs.
   */
  waitFor<T>(check: () => T | undefined, timeoutMs: number, onTimeout: () => T): Promise<T> | T {
    const first = check();
    if (first !== undefined) return first;
    return new Promise<T>((resolve) => {
      const w: Waiter = {
        check: () => {
          const v = check();
          if (v === undefined) return false;
          resolve(v);
          return true;
        },
        expireAt: this.now() + Math.max(0, timeoutMs),
        expire: () => resolve(onTimeout()),
      };
      this.waiters.add(w);
      if (timeoutMs < TICK_MS) this.reschedule();
    });
  }

  /** Re-checks every waiting request. */
  wake(): void {
    for (const w of [...this.waiters]) {
      if (!this.waiters.has(w)) continue;
      if (w.check()) this.waiters.delete(w);
    }
  }

  private tick(): void {
    this.timer = null;
    if (this.closedFlag) return;
    this.sync();
    // a step may change what a waiting request waits for without an event (a join phase ending)
    this.wake();
    const now = this.now();
    for (const w of [...this.waiters]) {
      if (w.expireAt <= now) {
        this.waiters.delete(w);
        w.expire();
      }
    }
    const idle = this.config.connectionsMaxIdleMs;
    for (const c of [...this.connections]) {
      if (now - c.lastActiveMs > idle) {
        this.log(`broker ${c.brokerId}: closing ${c.remote}: idle for more than connections.max.idle.ms (${idle} ms)`);
        c.close();
      }
    }
    this.schedule();
  }

  private schedule(): void {
    if (this.closedFlag || this.timer !== null) return;
    // waiters with a short deadline (a fetch's max wait) are served promptly; otherwise one tick
    let delay = TICK_MS;
    const now = this.now();
    for (const w of this.waiters) delay = Math.min(delay, Math.max(1, w.expireAt - now));
    this.timer = this.clock.setTimeout(() => this.tick(), delay);
  }

  /** Re-arms the timer sooner when a new waiter has an earlier deadline. */
  reschedule(): void {
    if (this.timer !== null) this.clock.clearTimeout(this.timer);
    this.timer = null;
    this.schedule();
  }

  countRequest(name: string): void {
    this.requestCounts.set(name, (this.requestCounts.get(name) ?? 0) + 1);
  }

  /** Closes every connection and stops the timer. */
  close(): void {
    if (this.closedFlag) return;
    this.closedFlag = true;
    if (this.timer !== null) this.clock.clearTimeout(this.timer);
    this.timer = null;
    for (const c of [...this.connections]) c.close();
    for (const w of [...this.waiters]) {
      this.waiters.delete(w);
      w.expire();
    }
  }

  get closed(): boolean {
    return this.closedFlag;
  }
}

/**
 * A chainable test driver for the simulator:
 *
 *   sim().topic('orders', 4).producer('orders', 200).group('billing', 6).run('10s').expectIdle('billing', 2);
 *
 * Builder calls (brokers, topic, producer, group, configure) collect a config; the first run/act
 * creates the simulation. Assertions throw an Error with a readable message (framework-agnostic).
 */
import { applyAction } from '../actions.ts';
import { groupOf } from '../cluster/metadata.ts';
import { createSimulation, stepSimulation } from '../engine.ts';
import { groupLag } from '../metrics.ts';
import type { SimState } from '../state.ts';
import {
  TICK_MS,
  type GroupConfig,
  type GroupView,
  type KeyConfig,
  type ProducerConfig,
  type SimAction,
  type SimConfig,
  type SimEvent,
  type SimEventOf,
  type SimEventType,
  type SimView,
  type TopicConfig,
} from '../types.ts';
import { groupView, memberStatus, snapshotView } from '../view.ts';

export type Duration = number | `${number}ms` | `${number}s` | `${number}m` | `${number}h`;

export function toMs(d: Duration): number {
  if (typeof d === 'number') return d;
  const m = /^(\d+(?:\.\d+)?)(ms|s|m|h)$/.exec(d);
  if (!m) throw new Error(`bad duration "${d}"`);
  const n = Number(m[1]);
  const unit = m[2] === 'ms' ? 1 : m[2] === 's' ? 1000 : m[2] === 'm' ? 60_000 : 3_600_000;
  return Math.round(n * unit);
}

export class SimDriver {
  private cfg: SimConfig = { topics: [], producers: [], groups: [] };
  private seedValue: number;
  private simState: SimState | null = null;
  private scheduled: { atMs: number; action: SimAction }[] = [];
  /** every event since the simulation was created (keep runs short in tests) */
  readonly events: SimEvent[] = [];
  /** record per-record events (record/produced, record/consumed, offset/committed) too */
  private recordEvents = false;

  constructor(seed = 1) {
    this.seedValue = seed;
  }

  // ----- building -------------------------------------------------------------------------
  private building(): void {
    if (this.simState) throw new Error('the simulation has started: configure it before run()/act()');
  }

  seed(seed: number): this {
    this.building();
    this.seedValue = seed;
    return this;
  }

  brokers(n: number, minInsyncReplicas?: number): this {
    this.building();
    this.cfg.brokers = n;
    if (minInsyncReplicas !== undefined) this.cfg.minInsyncReplicas = minInsyncReplicas;
    return this;
  }

  topic(name: string, partitions: number, options: Omit<TopicConfig, 'name' | 'partitions'> = {}): this {
    this.building();
    this.cfg.topics.push({ name, partitions, ...options });
    return this;
  }

  producer(topic: string, ratePerSec: number, keys?: KeyConfig, options: Partial<Omit<ProducerConfig, 'topic' | 'ratePerSec' | 'keys'>> = {}): this {
    this.building();
    const producers = (this.cfg.producers ??= []);
    producers.push({ id: options.id ?? `${topic}-producer${producers.length ? `-${producers.length + 1}` : ''}`, topic, ratePerSec, ...(keys ? { keys } : {}), ...options });
    return this;
  }

  group(id: string, consumers: number, options: Partial<Omit<GroupConfig, 'id' | 'consumers'>> = {}): this {
    this.building();
    const topic = options.topic ?? this.cfg.topics[0]?.name;
    if (!topic) throw new Error('add a topic before a group (or give options.topic)');
    (this.cfg.groups ??= []).push({ id, consumers, ...options, topic });
    return this;
  }

  configure(patch: Partial<SimConfig>): this {
    this.building();
    this.cfg = { ...this.cfg, ...patch };
    return this;
  }

  withRecordEvents(on = true): this {
    this.recordEvents = on;
    return this;
  }

  /** Schedule an action at an absolute simulated time. */
  at(when: Duration, action: SimAction): this {
    this.scheduled.push({ atMs: toMs(when), action });
    this.scheduled.sort((a, b) => a.atMs - b.atMs);
    return this;
  }

  // ----- running --------------------------------------------------------------------------
  get state(): SimState {
    if (!this.simState) this.simState = createSimulation(this.cfg, this.seedValue);
    return this.simState;
  }

  get config(): SimConfig {
    return this.cfg;
  }

  get timeMs(): number {
    return this.state.timeMs;
  }

  /** Apply an action now. */
  act(action: SimAction): this {
    this.events.push(...applyAction(this.state, action).events);
    return this;
  }

  /** Run for a duration of simulated time (rounded down to whole ticks). */
  run(d: Duration): this {
    const s = this.state;
    const until = s.timeMs + toMs(d);
    const opts = { recordEvents: this.recordEvents };
    for (;;) {
      while (this.scheduled.length && this.scheduled[0]!.atMs <= s.timeMs) this.act(this.scheduled.shift()!.action);
      if (s.timeMs + TICK_MS > until) break;
      const r = stepSimulation(s, opts);
      for (const e of r.events) this.events.push(e);
    }
    return this;
  }

  /** Run until a predicate holds (checked after each step), failing after `limit`. */
  runUntil(pred: (d: this) => boolean, limit: Duration = '10m'): this {
    const until = this.state.timeMs + toMs(limit);
    while (!pred(this)) {
      if (this.state.timeMs >= until) throw new Error(`condition not reached within ${String(limit)}`);
      this.run(TICK_MS);
    }
    return this;
  }

  // ----- reading --------------------------------------------------------------------------
  view(): SimView {
    return snapshotView(this.state);
  }

  groupView(id: string): GroupView {
    const g = groupOf(this.state, id);
    if (!g) throw new Error(`unknown group "${id}"`);
    return groupView(this.state, g);
  }

  eventsOf<T extends SimEventType>(type: T): SimEventOf<T>[] {
    return this.events.filter((e): e is SimEventOf<T> => e.type === type);
  }

  count(group: string, status: ReturnType<typeof memberStatus>): number {
    const g = groupOf(this.state, group);
    if (!g) throw new Error(`unknown group "${group}"`);
    return g.members.filter((m) => memberStatus(g, m) === status).length;
  }

  // ----- assertions -----------------------------------------------------------------------
  expect(cond: (d: this) => boolean, message = 'expectation failed'): this {
    if (!cond(this)) throw new Error(`${message} (at ${this.state.timeMs} ms)`);
    return this;
  }

  expectIdle(group: string, n: number): this {
    const got = this.count(group, 'idle');
    if (got !== n) throw new Error(`expected ${n} idle consumers in "${group}", found ${got}`);
    return this;
  }

  expectActive(group: string, n: number): this {
    const got = this.count(group, 'active');
    if (got !== n) throw new Error(`expected ${n} active consumers in "${group}", found ${got}`);
    return this;
  }

  expectMaxLag(group: string, cmp: { atMost?: number; atLeast?: number }): this {
    const g = groupOf(this.state, group);
    if (!g) throw new Error(`unknown group "${group}"`);
    const { max, unknown } = groupLag(this.state, g);
    if (max === null) throw new Error(`the max lag of "${group}" is unknown: partitions ${unknown.join(', ')} hold records but have no committed offset`);
    if (cmp.atMost !== undefined && max > cmp.atMost) throw new Error(`expected max lag of "${group}" <= ${cmp.atMost}, found ${max}`);
    if (cmp.atLeast !== undefined && max < cmp.atLeast) throw new Error(`expected max lag of "${group}" >= ${cmp.atLeast}, found ${max}`);
    return this;
  }

  expectRebalancing(group: string, on: boolean): this {
    const g = groupOf(this.state, group);
    if (!g) throw new Error(`unknown group "${group}"`);
    if ((g.rebalance !== null) !== on) throw new Error(`expected "${group}" ${on ? '' : 'not '}to be rebalancing`);
    return this;
  }

  expectEvent(type: SimEventType, atLeast = 1): this {
    const n = this.events.filter((e) => e.type === type).length;
    if (n < atLeast) throw new Error(`expected at least ${atLeast} "${type}" events, found ${n}`);
    return this;
  }

  expectNoEvent(type: SimEventType): this {
    const n = this.events.filter((e) => e.type === type).length;
    if (n) throw new Error(`expected no "${type}" event, found ${n}`);
    return this;
  }
}

/** Start a driver (seed defaults to 1). */
export function sim(seed?: number): SimDriver {
  return new SimDriver(seed);
}

import { TICK_MS, type SimConfig, type TimedAction } from '../sim';

/**
 * What simulating a run costs, estimated from its config and its scheduled actions without
 * running it (a bound, not an exact count). Used to refuse share links that ask for more than a
 * browser can simulate quickly, and to space the visualiser's snapshots by cost.
 */
export interface RunCost {
  /** records produced plus records handed to consumer groups (each group reading a topic counts once per record) */
  records: number;
  /** simulator steps times what each step walks: partitions and consumers (ticks × (partitions + consumers)) */
  steps: number;
  /** the most at any moment */
  peak: {
    topics: number;
    producers: number;
    groups: number;
    partitions: number;
    consumers: number;
    /** per-user sequence numbers kept: each producer's users, once for the producer and once per group reading its topic */
    userCounters: number;
  };
}

interface Live {
  partitions: Map<string, number>;
  producers: Map<string, { topic: string; rate: number; users: number }>;
  groups: Map<string, { topic: string; consumers: number }>;
}

const DEFAULT_USERS = 1000;

function liveOf(config: SimConfig): Live {
  return {
    partitions: new Map(config.topics.map((t) => [t.name, t.partitions])),
    producers: new Map((config.producers ?? []).map((p) => [p.id, { topic: p.topic, rate: p.ratePerSec, users: p.keys?.users ?? DEFAULT_USERS }])),
    groups: new Map((config.groups ?? []).map((g) => [g.id, { topic: g.topic, consumers: g.consumers }])),
  };
}

/** Records per second (produced + delivered) and step units per second at this moment. */
function ratesOf(live: Live): { records: number; steps: number } {
  let records = 0;
  for (const p of live.producers.values()) {
    let readers = 0;
    for (const g of live.groups.values()) if (g.topic === p.topic) readers++;
    records += p.rate * (1 + readers);
  }
  let units = 0;
  for (const n of live.partitions.values()) units += n;
  for (const g of live.groups.values()) units += g.consumers;
  return { records, steps: units * (1000 / TICK_MS) };
}

function apply(live: Live, a: TimedAction['action']): void {
  const x = a as Record<string, unknown>;
  switch (a.type) {
    case 'producer/set-rate': {
      const p = live.producers.get(String(x.producer));
      if (p && typeof x.ratePerSec === 'number') p.rate = x.ratePerSec;
      break;
    }
    case 'producer/set-keys': {
      const p = live.producers.get(String(x.producer));
      const users = (x.keys as { users?: unknown } | undefined)?.users;
      if (p && typeof users === 'number') p.users = users;
      break;
    }
    case 'topic/set-partitions':
      if (live.partitions.has(String(x.topic)) && typeof x.partitions === 'number') live.partitions.set(String(x.topic), Math.max(live.partitions.get(String(x.topic))!, x.partitions));
      break;
    case 'group/add': {
      const g = x.group as { id?: unknown; topic?: unknown; consumers?: unknown } | undefined;
      if (g && typeof g.id === 'string') live.groups.set(g.id, { topic: String(g.topic), consumers: typeof g.consumers === 'number' ? g.consumers : 0 });
      break;
    }
    case 'group/remove':
      live.groups.delete(String(x.group));
      break;
    case 'consumer/add': {
      const g = live.groups.get(String(x.group));
      if (g) g.consumers += typeof x.count === 'number' ? x.count : 1;
      break;
    }
    case 'consumer/remove':
    case 'consumer/crash': {
      // a removed or crashed member still costs until the group notices; counting it is the bound
      break;
    }
    default:
      break;
  }
}

/**
 * The cost of simulating from 0 to `untilMs` with `config` and the scheduled `actions` (applied
 * in time order; actions the simulator would refuse are counted as if accepted, which only makes
 * the bound larger).
 */
export function runCost(config: SimConfig, actions: readonly TimedAction[], untilMs: number): RunCost {
  const live = liveOf(config);
  const peak: RunCost['peak'] = { topics: config.topics.length, producers: live.producers.size, groups: 0, partitions: 0, consumers: 0, userCounters: 0 };
  const notePeak = () => {
    peak.groups = Math.max(peak.groups, live.groups.size);
    let partitions = 0;
    for (const n of live.partitions.values()) partitions += n;
    peak.partitions = Math.max(peak.partitions, partitions);
    let consumers = 0;
    for (const g of live.groups.values()) consumers += g.consumers;
    peak.consumers = Math.max(peak.consumers, consumers);
    let counters = 0;
    for (const p of live.producers.values()) {
      let readers = 0;
      for (const g of live.groups.values()) if (g.topic === p.topic) readers++;
      counters += p.users * (1 + readers);
    }
    peak.userCounters = Math.max(peak.userCounters, counters);
  };
  const sorted = [...actions].filter((a) => a.atMs <= untilMs).sort((a, b) => a.atMs - b.atMs);
  let records = 0;
  let steps = 0;
  let t = 0;
  notePeak();
  for (const a of sorted) {
    const r = ratesOf(live);
    const dt = Math.max(0, a.atMs - t) / 1000;
    records += r.records * dt;
    steps += r.steps * dt;
    t = Math.max(t, a.atMs);
    apply(live, a.action);
    notePeak();
  }
  const r = ratesOf(live);
  const dt = Math.max(0, untilMs - t) / 1000;
  records += r.records * dt;
  steps += r.steps * dt;
  return { records: Math.ceil(records), steps: Math.ceil(steps), peak };
}

/** Records and step units per simulated second at the most expensive moment of the schedule. */
export function peakRates(config: SimConfig, actions: readonly TimedAction[]): { records: number; steps: number } {
  const live = liveOf(config);
  let best = ratesOf(live);
  for (const a of [...actions].sort((x, y) => x.atMs - y.atMs)) {
    apply(live, a.action);
    const r = ratesOf(live);
    best = { records: Math.max(best.records, r.records), steps: Math.max(best.steps, r.steps) };
  }
  return best;
}

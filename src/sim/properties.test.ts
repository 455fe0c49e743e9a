// Property tests (fast-check) for the simulator's invariants, over random configs and action scripts.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyAction, SimActionError } from './actions.ts';
import { POISON_CAP, TIME_INDEX_CAP, TRACK_CAP, createSimulation, stepSimulation } from './engine.ts';
import type { SimState } from './state.ts';
import { TICK_MS, type AssignorName, type SimAction, type SimConfig, type SimEvent } from './types.ts';

interface Shape {
  brokers: number;
  partitions: number;
  rate: number;
  keyMode: 'user' | 'random' | 'none' | 'salted';
  users: number;
  distribution: 'uniform' | 'zipf' | 'hot';
  groups: { consumers: number; assignors: AssignorName[]; meanMs: number; commit: 'auto' | 'after'; rebalanceMs: number }[];
  seed: number;
}

// partition.assignment.strategy lists: the protocol follows from them (KIP-429)
const assignorsArb: fc.Arbitrary<AssignorName[]> = fc.oneof(
  fc.constantFrom<AssignorName[]>(['range'], ['roundrobin'], ['sticky'], ['cooperative-sticky'], ['range', 'cooperative-sticky'], ['cooperative-sticky', 'range']),
  fc.uniqueArray(fc.constantFrom<AssignorName>('range', 'roundrobin', 'sticky', 'cooperative-sticky'), { minLength: 1, maxLength: 4 }),
);

const shapeArb: fc.Arbitrary<Shape> = fc.record({
  brokers: fc.integer({ min: 1, max: 4 }),
  partitions: fc.integer({ min: 1, max: 12 }),
  rate: fc.integer({ min: 0, max: 400 }),
  keyMode: fc.constantFrom('user', 'random', 'none', 'salted'),
  users: fc.integer({ min: 1, max: 200 }),
  distribution: fc.constantFrom('uniform', 'zipf', 'hot'),
  groups: fc.array(
    fc.record({
      consumers: fc.integer({ min: 0, max: 8 }),
      assignors: assignorsArb,
      meanMs: fc.double({ min: 0, max: 8, noNaN: true }),
      commit: fc.constantFrom('auto', 'after'),
      rebalanceMs: fc.integer({ min: 0, max: 4000 }),
    }),
    { minLength: 1, maxLength: 3 },
  ),
  seed: fc.integer(),
});

function configOf(s: Shape, earliest: boolean): SimConfig {
  return {
    brokers: s.brokers,
    topics: [{ name: 't', partitions: s.partitions }],
    producers: [{ id: 'p', topic: 't', ratePerSec: s.rate, keys: { mode: s.keyMode, users: s.users, distribution: s.distribution } }],
    groups: s.groups.map((g, i) => ({
      id: `g${i}`,
      topic: 't',
      consumers: g.consumers,
      assignors: g.assignors,
      processing: { meanMs: g.meanMs },
      commit: g.commit === 'auto' ? { mode: 'auto', intervalMs: 5000 } : { mode: 'after-processing' },
      rebalanceMs: g.rebalanceMs,
      ...(earliest ? { autoOffsetReset: 'earliest' as const } : {}),
    })),
  };
}

type Kind = 'add' | 'remove' | 'crash' | 'stop' | 'start' | 'rate' | 'slow' | 'reset' | 'rewind' | 'partitions' | 'strategy' | 'poison';

const LISTS: AssignorName[][] = [['range'], ['cooperative-sticky'], ['range', 'cooperative-sticky'], ['cooperative-sticky', 'range'], ['roundrobin'], ['sticky', 'cooperative-sticky']];
const scriptArb = (kinds: Kind[]) =>
  fc.array(fc.record({ atMs: fc.integer({ min: 0, max: 30_000 }), kind: fc.constantFrom(...kinds), a: fc.nat(100), b: fc.nat(1000) }), { maxLength: 12 });

function toAction(s: Shape, x: { kind: Kind; a: number; b: number }): SimAction {
  const group = `g${x.a % s.groups.length}`;
  switch (x.kind) {
    case 'add':
      return { type: 'consumer/add', group };
    case 'remove':
      return { type: 'consumer/remove', group };
    case 'crash':
      return { type: 'consumer/crash', group };
    case 'stop':
      return { type: 'broker/stop', broker: x.a % s.brokers };
    case 'start':
      return { type: 'broker/start', broker: x.a % s.brokers };
    case 'rate':
      return { type: 'producer/set-rate', producer: 'p', ratePerSec: x.b % 500 };
    case 'slow':
      return { type: 'downstream/set', group, downstream: { slowdown: 1 + (x.b % 5) } };
    case 'reset':
      return x.b % 2 ? { type: 'group/reset-offsets', group, to: 'earliest' } : { type: 'group/reset-offsets', group, to: 'latest' };
    case 'rewind':
      return { type: 'group/reset-offsets', group, to: 'earliest' };
    case 'partitions':
      return { type: 'topic/set-partitions', topic: 't', partitions: Math.min(256, s.partitions + 1 + (x.b % 4)) };
    case 'strategy': {
      // a new partition.assignment.strategy, for every member at once or by a rolling bounce
      const assignors = LISTS[x.b % LISTS.length]!;
      return x.a % 2 ? { type: 'group/set-assignor', group, assignors } : { type: 'group/rolling-bounce', group, assignors };
    }
    case 'poison':
      return { type: 'record/poison', topic: 't', partition: x.b % s.partitions };
  }
}

/** Run a script, calling `check` after every step; invalid actions (e.g. removing from an empty group) are skipped. */
function run(state: SimState, script: { atMs: number; action: SimAction }[], untilMs: number, check: (s: SimState, events: SimEvent[]) => void, recordEvents = false): void {
  const todo = [...script].sort((a, b) => a.atMs - b.atMs);
  while (state.timeMs + TICK_MS <= untilMs) {
    while (todo.length && todo[0]!.atMs <= state.timeMs) {
      try {
        applyAction(state, todo.shift()!.action);
      } catch (e) {
        if (!(e instanceof SimActionError)) throw e;
      }
    }
    const { events } = stepSimulation(state, { recordEvents });
    check(state, events);
  }
}

function fail(message: string): never {
  throw new Error(message);
}

function checkOffsets(s: SimState): void {
  for (const t of s.topics) {
    for (const P of t.partitions) {
      if (P.logStart > P.logEnd) fail(`log start ${P.logStart} above log end ${P.logEnd}`);
      // the high watermark lies between the log start and the log end (retention deletes only below it)
      if (P.hw > P.logEnd || P.hw < P.logStart) fail(`high watermark ${P.hw} outside [${P.logStart}, ${P.logEnd}] at ${s.timeMs} ms`);
    }
    for (const g of s.groups) {
      if (g.topic !== t.name) continue;
      for (let p = 0; p < t.partitions.length; p++) {
        const c = g.committed[p];
        if (c === null || c === undefined) continue;
        // consumers read only below the high watermark, so they never commit beyond it
        if (c < 0 || c > t.partitions[p]!.hw) fail(`${g.id}: committed ${c} outside [0, high watermark ${t.partitions[p]!.hw}] on partition ${p} at ${s.timeMs} ms`);
      }
    }
  }
}

function checkOwnership(s: SimState): void {
  for (const g of s.groups) {
    const seen = new Set<number>();
    for (const m of g.members) {
      if (!m.inGroup) continue;
      for (const p of m.owned) {
        if (seen.has(p)) fail(`partition ${p} owned twice in ${g.id} at ${s.timeMs} ms`);
        if (p >= g.committed.length) fail(`member owns unknown partition ${p}`);
        seen.add(p);
      }
    }
  }
}

const RUNS = 20;

describe('simulator invariants', () => {
  it('committed offsets never exceed the high watermark, which never exceeds the log end; a partition has at most one owner in a group', () => {
    fc.assert(
      fc.property(shapeArb, scriptArb(['add', 'remove', 'crash', 'stop', 'start', 'rate', 'slow', 'reset', 'partitions', 'strategy', 'poison']), (shape, script) => {
        const s = createSimulation(configOf(shape, false), shape.seed);
        run(
          s,
          script.map((x) => ({ atMs: x.atMs, action: toAction(shape, x) })),
          40_000,
          (st) => {
            checkOffsets(st);
            checkOwnership(st);
          },
        );
      }),
      { numRuns: RUNS },
    );
  }, 180_000);

  it('per-key order is kept within a partition: first deliveries follow offsets, and a key always maps to one partition', () => {
    fc.assert(
      fc.property(shapeArb, scriptArb(['add', 'remove', 'crash', 'slow', 'rewind', 'strategy']), (shape0, script) => {
        const shape: Shape = { ...shape0, keyMode: 'user', rate: Math.max(50, shape0.rate) };
        const s = createSimulation(configOf(shape, true), shape.seed);
        const next = new Map<string, number>(); // group/partition -> next new offset
        const keyPartition = new Map<string, number>();
        run(
          s,
          script.map((x) => ({ atMs: x.atMs, action: toAction(shape, x) })),
          30_000,
          (st, events) => {
            for (const e of events) {
              if (e.type !== 'record/consumed') continue;
              const id = `${e.group}/${e.partition}`;
              const hw = next.get(id);
              // new records (above everything delivered before) arrive in offset order, without gaps
              if (hw !== undefined && e.fromOffset + e.count > hw && e.fromOffset > hw) fail(`${id}: gap before offset ${e.fromOffset} (expected ${hw})`);
              next.set(id, Math.max(hw ?? 0, e.fromOffset + e.count));
            }
            for (const P of st.topics[0]!.partitions) {
              for (const k of P.recent.keys) {
                if (k === null || k === undefined) continue;
                const was = keyPartition.get(k);
                if (was !== undefined && was !== P.id) fail(`key ${k} in partitions ${was} and ${P.id}`);
                keyPartition.set(k, P.id);
              }
            }
          },
          true,
        );
        for (const g of s.groups) expect(g.stats.outOfOrder).toBe(0);
      }),
      { numRuns: RUNS },
    );
  }, 180_000);

  it('no record is lost under at-least-once: after the storm, every group has processed every offset', () => {
    fc.assert(
      fc.property(shapeArb, scriptArb(['add', 'remove', 'crash', 'stop', 'start', 'rate', 'slow', 'rewind', 'strategy']), (shape, script) => {
        const cfg = configOf(shape, true);
        const s = createSimulation(cfg, shape.seed);
        const delivered = new Map<string, [number, number][]>();
        const collect = (_st: SimState, events: SimEvent[]) => {
          for (const e of events) {
            if (e.type !== 'record/consumed') continue;
            const id = `${e.group}/${e.partition}`;
            const list = delivered.get(id) ?? [];
            list.push([e.fromOffset, e.fromOffset + e.count]);
            delivered.set(id, list);
          }
        };
        run(s, script.map((x) => ({ atMs: x.atMs, action: toAction(shape, x) })), 30_000, collect, true);
        // calm down: stop producing, heal brokers and downstreams, make sure each group has a live member
        applyAction(s, { type: 'producer/set-rate', producer: 'p', ratePerSec: 0 });
        for (const b of s.brokers) if (!b.up) applyAction(s, { type: 'broker/start', broker: b.id });
        for (const g of s.groups) {
          applyAction(s, { type: 'downstream/set', group: g.id, downstream: { slowdown: 1, failureRate: 0 } });
          if (!g.members.some((m) => !m.crashed)) applyAction(s, { type: 'consumer/add', group: g.id });
        }
        run(s, [], s.timeMs + 240_000, collect, true);
        const parts = s.topics[0]!.partitions;
        for (const g of s.groups) {
          expect(g.stats.skipped).toBe(0);
          parts.forEach((P, p) => {
            const ranges = (delivered.get(`${g.id}/${p}`) ?? []).sort((a, b) => a[0] - b[0]);
            let covered = 0;
            for (const [a, b] of ranges) {
              expect(a).toBeLessThanOrEqual(covered); // no gap
              covered = Math.max(covered, b);
            }
            expect(covered).toBe(P.logEnd);
            if (P.logEnd > 0) expect(g.committed[p]).toBe(P.logEnd);
          });
        }
      }),
      { numRuns: 20 },
    );
  }, 180_000);

  it('memory stays bounded however long it runs', () => {
    fc.assert(
      fc.property(shapeArb, scriptArb(['add', 'crash', 'stop', 'start', 'slow', 'poison']), (shape0, script) => {
        const shape: Shape = { ...shape0, rate: 200 + shape0.rate };
        const cfg: SimConfig = { ...configOf(shape, false), metricsCapacity: 120, recentRecords: 32 };
        cfg.topics[0]!.retentionBytes = 200_000;
        const s = createSimulation(cfg, shape.seed);
        let maxEvents = 0;
        const bounds = (_st: SimState, events: SimEvent[]) => {
          maxEvents = Math.max(maxEvents, events.length);
        };
        run(s, script.map((x) => ({ atMs: x.atMs, action: toAction(shape, x) })), 300_000, bounds);
        const sizeAt5 = JSON.stringify(s).length;
        run(s, [], 900_000, bounds);
        const sizeAt15 = JSON.stringify(s).length;
        for (const P of s.topics[0]!.partitions) {
          expect(P.recent.keys.length).toBeLessThanOrEqual(32);
          expect(P.track.entity.length).toBeLessThanOrEqual(TRACK_CAP + 1024 + 60 * 600);
          expect(P.timeIndex.t.length).toBeLessThanOrEqual(TIME_INDEX_CAP);
          expect(P.poison.length).toBeLessThanOrEqual(POISON_CAP);
          expect(P.logEnd - P.logStart).toBeLessThanOrEqual(2000 + 1000);
        }
        for (const g of s.groups) for (const series of Object.values(g.series)) expect(series.length).toBeLessThanOrEqual(120);
        for (const series of Object.values(s.topics[0]!.series)) expect(series.length).toBeLessThanOrEqual(120);
        // ten more simulated minutes add (almost) nothing to the state
        expect(sizeAt15).toBeLessThan(sizeAt5 * 1.25 + 50_000);
        // per-step events without per-record detail stay few
        expect(maxEvents).toBeLessThan(200);
      }),
      { numRuns: 8 },
    );
  }, 180_000);
});

import { describe, expect, it } from 'vitest';
import { applyAction, SimActionError } from './actions.ts';
import { createSimulation, stepSimulation } from './engine.ts';
import { cloneSimulation, createTimeline, recordingOf, replay, runUntil, seek } from './recorder.ts';
import type { SimState } from './state.ts';
import type { SimConfig, TimedAction } from './types.ts';

const config: SimConfig = {
  brokers: 3,
  topics: [{ name: 'orders', partitions: 6 }],
  producers: [{ id: 'p', topic: 'orders', ratePerSec: 300, keys: { mode: 'user', users: 100, distribution: 'zipf' } }],
  groups: [
    { id: 'billing', topic: 'orders', consumers: 3, processing: { meanMs: 3 } },
    { id: 'audit', topic: 'orders', consumers: 2, assignors: ['cooperative-sticky'], autoOffsetReset: 'earliest' },
  ],
};

const actions: TimedAction[] = [
  { atMs: 4000, action: { type: 'consumer/add', group: 'billing' } },
  { atMs: 7000, action: { type: 'broker/stop', broker: 1 } },
  { atMs: 9000, action: { type: 'downstream/set', group: 'audit', downstream: { slowdown: 5 } } },
  { atMs: 12_000, action: { type: 'consumer/crash', group: 'billing' } },
  { atMs: 15_000, action: { type: 'group/reset-offsets', group: 'audit', to: 'earliest' } },
];

function live(untilMs: number): SimState {
  const s = createSimulation(config, 7);
  runUntil(s, actions, untilMs);
  return s;
}

describe('determinism, serialisation and replay', () => {
  it('the same seed, config and actions give the same state', () => {
    expect(JSON.stringify(live(20_000))).toBe(JSON.stringify(live(20_000)));
  });

  it('a different seed gives a different run', () => {
    const a = createSimulation(config, 1);
    const b = createSimulation(config, 2);
    runUntil(a, [], 5000);
    runUntil(b, [], 5000);
    expect(JSON.stringify(a.topics)).not.toBe(JSON.stringify(b.topics));
  });

  it('continues identically after a JSON round-trip and after structuredClone', () => {
    const a = live(10_000);
    const b = JSON.parse(JSON.stringify(a)) as SimState;
    const c = cloneSimulation(a);
    const rest = actions.filter((x) => x.atMs > 10_000);
    runUntil(a, rest, 20_000);
    runUntil(b, rest, 20_000);
    runUntil(c, rest, 20_000);
    expect(JSON.stringify(b)).toBe(JSON.stringify(a));
    expect(JSON.stringify(c)).toBe(JSON.stringify(a));
  });

  it('the events of a step are the same on replay', () => {
    const a = live(10_000);
    const b = cloneSimulation(a);
    const ea = Array.from({ length: 40 }, () => stepSimulation(a).events);
    const eb = Array.from({ length: 40 }, () => stepSimulation(b).events);
    expect(eb).toEqual(ea);
  });

  it('a recording replays to the live state', () => {
    const s = createSimulation(config, 7);
    runUntil(s, [], 3000);
    applyAction(s, { type: 'consumer/add', group: 'audit' });
    runUntil(s, [], 8000);
    applyAction(s, { type: 'producer/set-rate', producer: 'p', ratePerSec: 50 });
    runUntil(s, [], 12_000);
    const rec = recordingOf(s);
    expect(rec.actions.map((a) => a.atMs)).toEqual([3000, 8000]);
    expect(JSON.stringify(replay(rec, 12_000))).toBe(JSON.stringify(s));
  });

  it('seek restores any moment from snapshots', () => {
    const timeline = createTimeline({ config, seed: 7, actions }, 20_000, 5000);
    expect(timeline.snapshots.map((x) => x.atMs)).toEqual([0, 5000, 10_000, 15_000, 20_000]);
    for (const t of [0, 3000, 7000, 12_500, 15_000, 19_950]) {
      expect(JSON.stringify(seek(timeline, t))).toBe(JSON.stringify(live(t)));
    }
  });

  it('rejects an invalid action without changing the state', () => {
    const s = live(5000);
    const before = JSON.stringify(s);
    expect(() => applyAction(s, { type: 'consumer/add', group: 'nope' })).toThrow(SimActionError);
    expect(() => applyAction(s, { type: 'broker/stop', broker: 9 })).toThrow(/unknown broker/);
    expect(() => applyAction(s, { type: 'producer/set-rate', producer: 'p', ratePerSec: Number.NaN })).toThrow(SimActionError);
    expect(() => applyAction(s, { type: 'group/set-timeouts', group: 'billing', timeouts: { heartbeatIntervalMs: 60_000 } })).toThrow(/heartbeat/);
    expect(() => applyAction(s, { type: 'group/add', group: { id: 'x', topic: 'missing', consumers: 1 } })).toThrow(/unknown topic/);
    expect(JSON.stringify(s)).toBe(before);
  });
});

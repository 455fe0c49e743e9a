import { describe, expect, it } from 'vitest';
import { cloneSimulation, createSimulation, runUntil, type SimConfig } from '../sim';
import { pack, unpack } from './checkpoint';
import { runCost } from './cost';
import { HISTORY_BUDGET_BYTES, SimRunner } from './runner';

const config: SimConfig = {
  topics: [{ name: 'orders', partitions: 6 }],
  producers: [{ id: 'web', topic: 'orders', ratePerSec: 400, keys: { mode: 'user', users: 50 } }],
  groups: [
    { id: 'billing', topic: 'orders', consumers: 3, autoOffsetReset: 'earliest' },
    { id: 'audit', topic: 'orders', consumers: 1, downstream: { slowdown: 40 } },
  ],
};
const heavy: SimConfig = {
  topics: [{ name: 't', partitions: 256 }],
  producers: [{ id: 'p', topic: 't', ratePerSec: 20_000 }],
  groups: [{ id: 'g', topic: 't', consumers: 0 }],
};

describe('compact snapshots', () => {
  it('give back exactly the state they copied, which then runs on exactly as the original', () => {
    const s = createSimulation(config, 5);
    runUntil(s, [{ atMs: 3000, action: { type: 'consumer/crash', group: 'billing' } }], 20_000, { recordEvents: false });
    const packed = pack(s);
    const restored = unpack<typeof s>(packed);
    expect(restored).toEqual(cloneSimulation(s));
    expect(JSON.stringify(restored)).toBe(JSON.stringify(s));
    runUntil(s, [], 40_000, { recordEvents: false });
    runUntil(restored, [], 40_000, { recordEvents: false });
    expect(JSON.stringify(restored)).toBe(JSON.stringify(s));
  });

  it('store long arrays of numbers as typed arrays (4 bytes per 32-bit integer), and keep -0, NaN and fractions exact', () => {
    const data = { ints: Array.from({ length: 1000 }, (_, i) => i - 500), mixed: [1, 'a', null], floats: Array.from({ length: 40 }, (_, i) => (i === 0 ? -0 : i === 1 ? NaN : i / 3)) };
    const packed = pack(data);
    const back = unpack<typeof data>(packed);
    expect(back.ints).toEqual(data.ints);
    expect(Array.isArray(back.ints)).toBe(true);
    expect(Object.is(back.floats[0], -0)).toBe(true);
    expect(back.floats[1]).toBeNaN();
    expect(back.floats.slice(2)).toEqual(data.floats.slice(2));
    expect(back.mixed).toEqual([1, 'a', null]);
    expect(packed.bytes).toBeLessThan(1000 * 4 + 40 * 8 + 500);
  });
});

describe('the visualiser history', () => {
  it('seeking back restores a snapshot and replays to the same state as running straight there', () => {
    const a = new SimRunner({ config, seed: 3, timeline: [{ atMs: 12_000, action: { type: 'consumer/add', group: 'billing' }, user: false }] });
    a.fastForward(45_000);
    a.seek(23_450);
    const b = new SimRunner({ config, seed: 3, timeline: [{ atMs: 12_000, action: { type: 'consumer/add', group: 'billing' }, user: false }] });
    b.fastForward(23_450);
    expect(JSON.stringify(a.sim)).toBe(JSON.stringify(b.sim));
    expect(a.maxReachedMs).toBe(45_000);
  });

  it('takes snapshots more often for a costly run, and keeps them under the byte budget', () => {
    const cheap = new SimRunner({ config, seed: 1, timeline: [] });
    expect(cheap.history.everyMs).toBe(10_000);
    const r = new SimRunner({ config: heavy, seed: 1, timeline: [] });
    expect(r.history.everyMs).toBe(5_000);
    r.fastForward(60_000);
    expect(r.history.count).toBeGreaterThan(6);
    expect(r.historyBytes).toBeLessThan(HISTORY_BUDGET_BYTES);
    // each snapshot of a 256-partition topic stays small (bounded tracking, typed arrays)
    expect(r.historyBytes / r.history.count).toBeLessThan(4 * 1024 * 1024);
  }, 60_000);

  it('seeks in slices, giving the browser a turn between them, reports progress, and ends where seek ends', async () => {
    const pauses: number[] = [];
    const progress: number[] = [];
    const r = new SimRunner({ config, seed: 9, timeline: [] });
    await r.seekGradually(60_000, { sliceMs: 0, onProgress: (d) => progress.push(d), pause: async () => void pauses.push(r.timeMs) });
    const straight = new SimRunner({ config, seed: 9, timeline: [] });
    straight.seek(60_000);
    expect(JSON.stringify(r.sim)).toBe(JSON.stringify(straight.sim));
    expect(pauses.length).toBeGreaterThan(100);
    expect(progress.at(-1)).toBe(1);
    expect(progress.every((p, i) => i === 0 || p >= progress[i - 1]!)).toBe(true);
  });

  it('stops when cancelled, consistent at an earlier moment', async () => {
    const r = new SimRunner({ config, seed: 9, timeline: [] });
    const ac = new AbortController();
    let n = 0;
    const seeking = r.seekGradually(60_000, { sliceMs: 0, signal: ac.signal, pause: async () => void (++n === 10 && ac.abort()) });
    await expect(seeking).rejects.toMatchObject({ name: 'AbortError' });
    expect(r.timeMs).toBeGreaterThan(0);
    expect(r.timeMs).toBeLessThan(60_000);
    const at = r.timeMs;
    const straight = new SimRunner({ config, seed: 9, timeline: [] });
    straight.seek(at);
    expect(JSON.stringify(r.sim)).toBe(JSON.stringify(straight.sim));
  });

  it('does not advance on its own while a gradual seek is on its way, and plays on after it', async () => {
    const r = new SimRunner({ config, seed: 9, timeline: [] });
    r.setPlaying(true);
    const during: number[] = [];
    await r.seekGradually(20_000, {
      sliceMs: 0,
      pause: async () => {
        const t = r.timeMs;
        r.advance(200); // what the animation loop does between slices
        during.push(r.timeMs - t);
      },
    });
    expect(during.length).toBeGreaterThan(10);
    expect(during.every((d) => d === 0)).toBe(true);
    expect(r.timeMs).toBe(20_000);
    r.advance(200);
    expect(r.timeMs).toBe(20_200);
  });

  it('a cancelled seek still asks for the new moment to be drawn, and keeps the end of the timeline', async () => {
    const r = new SimRunner({ config, seed: 9, timeline: [] });
    r.seek(40_000);
    const before = { version: r.version, scene: r.sceneVersion };
    const ac = new AbortController();
    let n = 0;
    // back to 5 s (from the snapshot at 0), cancelled part-way
    await expect(r.seekGradually(5_000, { sliceMs: 0, signal: ac.signal, pause: async () => void (++n === 3 && ac.abort()) })).rejects.toMatchObject({ name: 'AbortError' });
    expect(r.timeMs).toBeLessThan(5_000);
    expect(r.version).toBeGreaterThan(before.version);
    expect(r.sceneVersion).toBeGreaterThan(before.scene);
    expect(r.maxReachedMs).toBe(40_000);
  });
});

describe('run cost', () => {
  it('counts records produced and delivered, and steps, through the scheduled changes', () => {
    const c = runCost(config, [{ atMs: 10_000, action: { type: 'producer/set-rate', producer: 'web', ratePerSec: 1000 } }], 20_000);
    // 10 s at 400/s and 10 s at 1000/s, each record produced once and read by two groups
    expect(c.records).toBe((400 * 10 + 1000 * 10) * 3);
    // 20 steps a second over 6 partitions and 4 consumers
    expect(c.steps).toBe(20 * 20 * (6 + 4));
    expect(c.peak).toEqual({ topics: 1, producers: 1, groups: 2, partitions: 6, consumers: 4, userCounters: 50 * 3 });
  });
  it('sees groups and consumers added later', () => {
    const c = runCost(config, [{ atMs: 0, action: { type: 'group/add', group: { id: 'x', topic: 'orders', consumers: 10 } } }, { atMs: 0, action: { type: 'consumer/add', group: 'x', count: 5 } }], 1000);
    expect(c.peak.groups).toBe(3);
    expect(c.peak.consumers).toBe(19);
    expect(c.records).toBe(400 * 4);
  });
});

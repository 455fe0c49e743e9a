import { describe, expect, it } from 'vitest';
import type { SimConfig } from '../sim';
import { nextSpeed, SimRunner } from './runner';

const config: SimConfig = {
  brokers: 3,
  topics: [{ name: 'orders', partitions: 4 }],
  producers: [{ id: 'web', topic: 'orders', ratePerSec: 200 }],
  groups: [{ id: 'billing', topic: 'orders', consumers: 2, autoOffsetReset: 'earliest', commit: { mode: 'after-processing' } }],
};

describe('SimRunner', () => {
  it('advances simulated time by wall time times speed only while playing', () => {
    const r = new SimRunner({ config, seed: 1, timeline: [] });
    expect(r.advance(100)).toBe(false);
    r.setPlaying(true);
    r.setSpeed(2);
    r.advance(100); // 200 ms simulated
    expect(r.timeMs).toBe(200);
    r.advance(10); // 20 ms: not a whole tick yet
    expect(r.timeMs).toBe(200);
    r.advance(20); // 40 more: 60 accumulated -> one tick
    expect(r.timeMs).toBe(250);
  });

  it('applies scheduled script actions at their time and narrates them', () => {
    const r = new SimRunner({ config, seed: 1, timeline: [{ atMs: 5000, action: { type: 'consumer/add', group: 'billing' }, user: false }] });
    r.fastForward(4000);
    expect(r.view().groups[0]!.members).toHaveLength(2);
    r.fastForward(2000);
    expect(r.view().groups[0]!.members).toHaveLength(3);
    expect(r.log.some((l) => /billing-2 joined billing/.test(l.text))).toBe(true);
  });

  it('refuses an invalid action with a message and leaves the simulation unchanged', () => {
    const r = new SimRunner({ config, seed: 1, timeline: [] });
    const msg = r.act({ type: 'consumer/add', group: 'nope' });
    expect(msg).toMatch(/unknown group/);
    expect(r.timeline).toHaveLength(0);
  });

  it('seeking back and forward reproduces exactly the same state', () => {
    const r = new SimRunner({ config, seed: 7, timeline: [] });
    r.fastForward(12_000);
    expect(r.act({ type: 'consumer/crash', group: 'billing' })).toBeNull();
    r.fastForward(15_000);
    const atEnd = JSON.stringify(r.view());
    r.fastForward(-1); // no-op
    const t = r.timeMs;
    r.seek(3_000);
    expect(r.timeMs).toBe(3_000);
    r.seek(t);
    expect(JSON.stringify(r.view())).toBe(atEnd);
    expect(r.maxReachedMs).toBe(t);
  });

  it('a new runner built from the timeline reaches the same moment (share links rely on this)', () => {
    const a = new SimRunner({ config, seed: 3, timeline: [] });
    a.fastForward(8_000);
    a.act({ type: 'producer/set-rate', producer: 'web', ratePerSec: 900 });
    a.fastForward(4_000);
    a.act({ type: 'consumer/add', group: 'billing' });
    a.fastForward(3_000);
    const b = new SimRunner({ config, seed: 3, timeline: a.timeline });
    b.seek(a.timeMs);
    expect(JSON.stringify(b.view())).toBe(JSON.stringify(a.view()));
  });

  it('acting after scrubbing back drops the learner actions that came later', () => {
    const r = new SimRunner({ config, seed: 1, timeline: [] });
    r.fastForward(5_000);
    r.act({ type: 'consumer/add', group: 'billing' });
    r.fastForward(5_000);
    r.seek(2_000);
    r.act({ type: 'producer/set-rate', producer: 'web', ratePerSec: 10 });
    expect(r.timeline.map((e) => e.action.type)).toEqual(['producer/set-rate']);
    expect(r.maxReachedMs).toBe(2_000);
  });

  it('restart keeps the seed and the script and forgets learner actions', () => {
    const r = new SimRunner({ config, seed: 9, timeline: [] });
    r.fastForward(3_000);
    const v = JSON.stringify(r.view());
    r.act({ type: 'consumer/add', group: 'billing' });
    r.restart();
    expect(r.timeMs).toBe(0);
    expect(r.timeline).toHaveLength(0);
    r.fastForward(3_000);
    expect(JSON.stringify(r.view())).toBe(v);
  });
});

describe('SimRunner with a bad script', () => {
  it('skips a scheduled action the simulator refuses, says so, and keeps running', () => {
    const r = new SimRunner({
      config,
      seed: 1,
      timeline: [
        { atMs: 1000, action: { type: 'consumer/add', group: 'ghost' }, user: false },
        { atMs: 2000, action: { type: 'consumer/add', group: 'billing' }, user: false },
      ],
    });
    r.fastForward(5000);
    expect(r.timeMs).toBe(5000);
    expect(r.log.some((l) => l.tone === 'fault' && /refused and skipped.*unknown group/.test(l.text))).toBe(true);
    expect(r.view().groups[0]!.members).toHaveLength(3);
    expect(r.timeline.map((e) => e.action.type)).toEqual(['consumer/add']);
    expect(r.refused).toEqual([expect.stringContaining('unknown group "ghost"')]);
  });
});

describe('nextSpeed', () => {
  it('walks the ladder and stops at the ends', () => {
    expect(nextSpeed(1, 1)).toBe(2);
    expect(nextSpeed(1, -1)).toBe(0.5);
    expect(nextSpeed(50, 1)).toBe(50);
    expect(nextSpeed(0.25, -1)).toBe(0.25);
    expect(nextSpeed(3, 1)).toBe(5);
  });
});

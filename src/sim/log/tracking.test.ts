import { describe, expect, it } from 'vitest';
import { createSimulation, stepSimulation } from '../engine.ts';
import { TRACK_CAP, TRACK_MIN, TRACK_TOTAL, trackCap } from './log.ts';

describe('the ordering-check tracking window', () => {
  it('is 20,000 offsets per partition for small topics and shares 131,072 across many partitions', () => {
    expect(TRACK_TOTAL).toBe(131_072);
    expect(trackCap(1)).toBe(TRACK_CAP);
    expect(trackCap(6)).toBe(TRACK_CAP);
    expect(trackCap(32)).toBe(4_096);
    expect(trackCap(256)).toBe(512);
    expect(trackCap(4 * 256)).toBe(TRACK_MIN);
  });

  it('keeps a 256-partition topic nobody reads to a bounded state (no 20,000 offsets per partition)', () => {
    // 256 partitions, 50,000 records/s, a group without consumers: nothing is ever processed
    const s = createSimulation({ topics: [{ name: 't', partitions: 256 }], producers: [{ id: 'p', topic: 't', ratePerSec: 50_000 }], groups: [{ id: 'g', topic: 't', consumers: 0 }] }, 7);
    while (s.timeMs < 20_000) stepSimulation(s, { recordEvents: false });
    const tracked = s.topics[0]!.partitions.reduce((n, P) => n + P.track.entity.length, 0);
    // trimmed once per metrics interval (1 s): at most the cap plus one second of records per partition
    expect(tracked).toBeLessThanOrEqual(TRACK_TOTAL + 50_000 + 256 * 1024);
    expect(tracked).toBeLessThan(600_000);
    for (const P of s.topics[0]!.partitions) expect(P.track.entity.length).toBeLessThanOrEqual(trackCap(256) + 1024 + 50_000 / 256 + 1);
    expect(s.topics[0]!.produced).toBe(1_000_000);
  }, 60_000);
});

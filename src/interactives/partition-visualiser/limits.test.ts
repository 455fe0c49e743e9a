import { describe, expect, it } from 'vitest';
import { encodeShare } from '../../share/link';
import type { SimConfig } from '../../sim';
import { heaviestLink } from './heaviest';
import { checkLinkLimits, LINK_LIMITS } from './limits';
import { findScenario, scenarios } from './scenarios';
import { prepareShare } from './share';

const link = (config: SimConfig, timeMs: number, timeline: { atMs: number; action: object; user: boolean }[] = []) =>
  encodeShare('partition-visualiser', { scenario: 'large', seed: 1, config, timeline, timeMs, speed: 1, group: null });

// The link from the report: valid, but 256 partitions at 100,000 records/s, 30 minutes in.
const failing: SimConfig = { topics: [{ name: 't', partitions: 256 }], producers: [{ id: 'p', topic: 't', ratePerSec: 100_000 }], groups: [{ id: 'g', topic: 't', consumers: 0 }] };
const times = <T,>(n: number, f: (i: number) => T) => Array.from({ length: n }, (_, i) => f(i));

describe('share link limits', () => {
  it('refuse the reported link, naming the limit on records', () => {
    const opened = prepareShare(link(failing, 30 * 60_000), findScenario);
    expect(opened.ok).toBe(false);
    expect(!opened.ok && opened.message).toMatch(/^This share link asks for more than Streamlab simulates in a browser: reaching its moment \(30 minutes in\) means simulating about 360,000,000 records written and read, and a link may ask for at most 8,000,000/);
  });

  it('refuse eight topics, producers and groups, naming the first limit passed', () => {
    const eight: SimConfig = {
      topics: times(8, (i) => ({ name: `t${i}`, partitions: 256 })),
      producers: times(8, (i) => ({ id: `p${i}`, topic: `t${i}`, ratePerSec: 100_000 })),
      groups: times(8, (i) => ({ id: `g${i}`, topic: `t${i}`, consumers: 0 })),
    };
    const opened = prepareShare(link(eight, 30 * 60_000), findScenario);
    expect(!opened.ok && opened.message).toMatch(/it has 8 topics, and a link may have at most 4/);
  });

  it.each([
    ['producers', { topics: [{ name: 't', partitions: 1 }], producers: times(9, (i) => ({ id: `p${i}`, topic: 't', ratePerSec: 1 })) }, /9 producers.*at most 8/],
    ['groups', { topics: [{ name: 't', partitions: 1 }], groups: times(9, (i) => ({ id: `g${i}`, topic: 't', consumers: 1 })) }, /9 consumer groups at once.*at most 8/],
    ['partitions', { topics: times(2, (i) => ({ name: `t${i}`, partitions: 200 })) }, /400 partitions in all.*at most 256/],
    ['consumers', { topics: [{ name: 't', partitions: 1 }], groups: times(3, (i) => ({ id: `g${i}`, topic: 't', consumers: 200 })) }, /600 consumers in all.*at most 512/],
    ['per-user counters', { topics: [{ name: 't', partitions: 1 }], producers: [{ id: 'p', topic: 't', ratePerSec: 1, keys: { mode: 'user', users: 60_000 } }], groups: [{ id: 'g', topic: 't', consumers: 1 }] }, /120,000 per-user counters.*at most 100,000/],
    ['steps', { topics: [{ name: 't', partitions: 256 }], groups: [{ id: 'g', topic: 't', consumers: 256 }] }, /partition and consumer steps, and a link may ask for at most 4,000,000/],
  ] as [string, SimConfig, RegExp][])('refuse too many %s', (_what, config, message) => {
    const { problem } = checkLinkLimits(config, [], 30 * 60_000);
    expect(problem).toMatch(message);
  });

  it('count what the timeline adds: a rate raised later, groups and consumers added later', () => {
    const base: SimConfig = { topics: [{ name: 't', partitions: 8 }], producers: [{ id: 'p', topic: 't', ratePerSec: 10 }] };
    expect(checkLinkLimits(base, [], 30 * 60_000).problem).toBeNull();
    expect(checkLinkLimits(base, [{ atMs: 1000, action: { type: 'producer/set-rate', producer: 'p', ratePerSec: 100_000 } }], 30 * 60_000).problem).toMatch(/records written and read/);
    const groups = times(9, (i) => ({ atMs: i * 1000, action: { type: 'group/add' as const, group: { id: `g${i}`, topic: 't', consumers: 1 } } }));
    expect(checkLinkLimits(base, groups, 60_000).problem).toMatch(/9 consumer groups at once/);
  });

  it('let through the heaviest link they allow, and every scenario shared at 15 minutes', () => {
    const heavy = heaviestLink();
    const { problem, cost } = checkLinkLimits(heavy.config, heavy.timeline, heavy.timeMs);
    expect(problem).toBeNull();
    // it is at (or within 1% of) every limit at once
    expect(cost.records).toBeGreaterThan(LINK_LIMITS.records * 0.99);
    expect(cost.steps).toBeGreaterThan(LINK_LIMITS.steps * 0.99);
    expect(cost.peak.partitions).toBe(LINK_LIMITS.partitions);
    expect(cost.peak.groups).toBe(LINK_LIMITS.groups);
    expect(cost.peak.userCounters).toBeGreaterThan(LINK_LIMITS.userCounters * 0.99);
    for (const s of scenarios) expect(checkLinkLimits(s.config, s.actions, 15 * 60_000).problem, s.id).toBeNull();
  });
});

import { describe, expect, it } from 'vitest';
import { encodeShare } from '../../share/link';
import { SimRunner } from '../../viz/runner';
import { findScenario, scenarioOrDefault, scenarios } from './scenarios';
import { openShare, sharePayload } from './share';

describe('scenarios', () => {
  it('loads the content scenarios, with the picker order starting at the idle-consumers one', () => {
    expect(scenarios.length).toBeGreaterThanOrEqual(9);
    expect(scenarios[0]?.id).toBe('four-partitions-six-consumers');
    expect(findScenario('large')?.config.topics[0]?.partitions).toBe(32);
    expect(scenarioOrDefault('no-such-thing').id).toBe('billing-and-audit');
  });
});

describe('share links', () => {
  const base = scenarioOrDefault('four-partitions-six-consumers');

  it('round-trip: the link rebuilds exactly the same moment', () => {
    const r = new SimRunner({ config: base.config, seed: base.seed, timeline: base.actions.map((a) => ({ ...a, user: false })) });
    r.fastForward(6_000);
    r.act({ type: 'consumer/crash', group: 'billing' });
    r.fastForward(3_000);
    r.setSpeed(5);
    const enc = encodeShare('partition-visualiser', sharePayload(r, base.id, 'billing'));
    const opened = openShare(enc, findScenario);
    expect(opened.ok).toBe(true);
    if (!opened.ok) return;
    expect(opened.runner.timeMs).toBe(r.timeMs);
    expect(opened.runner.speed).toBe(5);
    expect(opened.payload.group).toBe('billing');
    expect(JSON.stringify(opened.runner.view())).toBe(JSON.stringify(r.view()));
  });

  it('rejects a damaged link with a message', () => {
    const r = new SimRunner({ config: base.config, seed: 1, timeline: [] });
    const enc = encodeShare('partition-visualiser', sharePayload(r, base.id, null));
    const bad = openShare(enc.slice(0, -7) + '!!', findScenario);
    expect(bad).toMatchObject({ ok: false, message: expect.stringContaining('could not be opened') });
  });

  it('rejects tampered data: bad types, unknown action types, code-like fields', () => {
    const r = new SimRunner({ config: base.config, seed: 1, timeline: [] });
    const good = sharePayload(r, base.id, null);
    const cases: unknown[] = [
      { ...good, seed: 'x' },
      { ...good, timeMs: -5 },
      { ...good, config: { ...good.config, topics: [{ name: 'orders', partitions: 100000 }] } },
      { ...good, timeline: [{ atMs: 0, action: { type: 'eval', code: 'alert(1)' }, user: true }] },
      { ...good, extra: 1 },
    ];
    for (const c of cases) {
      const res = openShare(encodeShare('partition-visualiser', c), findScenario);
      expect(res.ok).toBe(false);
    }
  });

  it('an action the simulator refuses makes the link fail cleanly instead of crashing', () => {
    const r = new SimRunner({ config: base.config, seed: 1, timeline: [] });
    const p = { ...sharePayload(r, base.id, null), timeMs: 1000, timeline: [{ atMs: 500, action: { type: 'consumer/add' as const, group: 'ghost' }, user: true }] };
    const res = openShare(encodeShare('partition-visualiser', p), findScenario);
    expect(res).toMatchObject({ ok: false, message: expect.stringContaining('unknown group') });
  });
});

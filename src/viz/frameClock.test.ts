import { describe, expect, it } from 'vitest';
import { createFrameClock, FULL_EVERY_MS, planFrame, PUBLISH_MAX_GAP_MS } from './frameClock';

/** Run the schedule over `ms` of 60 Hz frames; `scene(i)` gives the runner's sceneVersion at frame i. */
function simulate(ms: number, opts: { playing?: boolean; scene?: (i: number) => number; tickEvery?: number } = {}) {
  const c = createFrameClock();
  const publishes: number[] = [];
  const fulls: number[] = [];
  const frames = Math.round(ms / (1000 / 60));
  for (let i = 0; i < frames; i++) {
    const now = i * (1000 / 60);
    const plan = planFrame(c, { now, tick: Math.floor(i / (opts.tickEvery ?? 1)), scene: opts.scene?.(i) ?? 0, playing: opts.playing ?? true, moving: true });
    if (plan.publish) publishes.push(now);
    if (plan.full) fulls.push(now);
    expect(plan.full && plan.marks).toBe(false);
  }
  return { publishes, fulls };
}

const maxGap = (ts: number[]) => ts.slice(1).reduce((m, t, i) => Math.max(m, t - ts[i]!), 0);

describe('planFrame', () => {
  it('while playing, publishes to React more than 4 times a second and repaints the canvas text 4 times a second', () => {
    const { publishes, fulls } = simulate(5000);
    expect(publishes.length).toBeGreaterThanOrEqual(4 * 5);
    expect(maxGap(publishes)).toBeLessThanOrEqual(PUBLISH_MAX_GAP_MS + 1000 / 60);
    expect(fulls.length).toBeGreaterThanOrEqual(4 * 5);
    expect(maxGap(fulls)).toBeLessThanOrEqual(FULL_EVERY_MS + 1000 / 60);
  });

  it('keeps publishing even when every frame must repaint the whole picture (the stale-text bug)', () => {
    // sceneVersion changing every frame stands for anything that forces a full repaint each frame
    const { publishes, fulls } = simulate(3000, { scene: (i) => i });
    expect(fulls.length).toBeGreaterThan(170);
    expect(publishes.length).toBeGreaterThanOrEqual(4 * 3);
    expect(maxGap(publishes)).toBeLessThanOrEqual(PUBLISH_MAX_GAP_MS + 1000 / 60);
  });

  it('spreads a publish and a full repaint over different frames when neither is overdue', () => {
    const c = createFrameClock();
    let both = 0;
    for (let i = 0; i < 600; i++) {
      const p = planFrame(c, { now: i * 16.7, tick: i, scene: 0, playing: true, moving: true });
      if (p.publish && p.full && i > 0) both++;
    }
    expect(both).toBe(0);
  });

  it('paused: a step or a seek repaints and publishes in the same frame', () => {
    const c = createFrameClock();
    planFrame(c, { now: 0, tick: 5, scene: 0, playing: false, moving: false });
    const idle = planFrame(c, { now: 16, tick: 5, scene: 0, playing: false, moving: false });
    expect(idle).toEqual({ full: false, marks: false, publish: false });
    const step = planFrame(c, { now: 32, tick: 6, scene: 0, playing: false, moving: false });
    expect(step.full && step.publish).toBe(true);
    const seek = planFrame(c, { now: 48, tick: 2, scene: 1, playing: false, moving: false });
    expect(seek.full && seek.publish).toBe(true);
  });
});

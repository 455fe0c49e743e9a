import { describe, expect, it } from 'vitest';
import backpressureYaml from '../../../content/interactives/backpressure.yaml';
import messagingYaml from '../../../content/interactives/messaging-models.yaml';
import { BP_DEFAULTS, backpressureModel } from '../../sim/models/backpressure';
import { DELIVERY_DEFAULTS, deliveryMetrics, deliveryModel } from '../../sim/models/delivery';
import { MESSAGING_DEFAULTS, messagingModel } from '../../sim/models/messaging';
import { replay, runScenario } from '../../sim/models/scenario';
import { backpressureTryThisSchema, messagingTryThisSchema, parseTryThis } from '../../sim/models/tryThis';
import { layOut, ModelTimeline } from './timeline';

const bp = parseTryThis('backpressure', backpressureTryThisSchema, backpressureYaml).items;
const messaging = parseTryThis('messaging-models', messagingTryThisSchema, messagingYaml).items;

describe('ModelTimeline experiments', () => {
  it('start at the beginning and play out tick by tick, instead of jumping to the end (the crash is still to come)', () => {
    const item = bp.find((i) => i.id === 'unbounded-oom')!;
    const t = new ModelTimeline(backpressureModel, BP_DEFAULTS, 7);
    t.load(item.id, { ...BP_DEFAULTS, ...item.setup }, item.seed, item.steps);
    expect(t.state.tick).toBe(0);
    expect(backpressureModel.metrics(t.state).crashes).toBe(0);
    expect(t.maxTick).toBe(layOut(item.steps, backpressureModel.tickMs).endTick);
    while (!t.atEnd()) t.stepOnce();
    // played to its end it is the experiment the test of the "try this" items checks
    const direct = runScenario(backpressureModel, { ...BP_DEFAULTS, ...item.setup }, item.seed, item.steps).state;
    expect(JSON.stringify(t.state)).toBe(JSON.stringify(direct));
    expect(backpressureModel.metrics(t.state).crashes).toBeGreaterThanOrEqual(1);
  });

  it('apply the experiment’s actions at their ticks, the same as running it in one go, for every item with actions', () => {
    for (const item of messaging.filter((i) => i.steps.some((s) => 'do' in s))) {
      const t = new ModelTimeline(messagingModel, MESSAGING_DEFAULTS, 1);
      t.load(item.id, { ...MESSAGING_DEFAULTS, ...item.setup }, item.seed, item.steps);
      while (!t.atEnd()) t.stepOnce();
      const direct = runScenario(messagingModel, { ...MESSAGING_DEFAULTS, ...item.setup }, item.seed, item.steps).state;
      expect(messagingModel.metrics(t.state), item.id).toEqual(messagingModel.metrics(direct));
      expect(t.moments().length, item.id).toBeGreaterThanOrEqual(2);
    }
  });

  it('scrub back and forward to any moment, with the same state as getting there directly', () => {
    const item = bp.find((i) => i.id === 'unbounded-oom')!;
    const t = new ModelTimeline(backpressureModel, BP_DEFAULTS, 7);
    t.load(item.id, { ...BP_DEFAULTS, ...item.setup }, item.seed, item.steps);
    t.seek(900);
    const at900 = JSON.stringify(t.state);
    t.seek(250);
    expect(t.state.tick).toBe(250);
    const other = new ModelTimeline(backpressureModel, BP_DEFAULTS, 7);
    other.load(item.id, { ...BP_DEFAULTS, ...item.setup }, item.seed, item.steps);
    other.seek(250);
    expect(JSON.stringify(t.state)).toBe(JSON.stringify(other.state));
    t.seek(900);
    expect(JSON.stringify(t.state)).toBe(at900);
  });

  it('stop at the end of the run: the clock does not run on after "Run complete"', () => {
    const t = new ModelTimeline(deliveryModel, DELIVERY_DEFAULTS, 42, { done: (s) => deliveryMetrics(s).finished === 1, maxTicks: 36_000 });
    let guard = 0;
    while (!t.atEnd() && guard++ < 36_000) t.stepOnce();
    expect(deliveryMetrics(t.state).finished).toBe(1);
    const tick = t.state.tick;
    expect(t.atEnd()).toBe(true);
    expect(tick).toBeLessThan(36_000);
    t.stepOnce(); // stepping on does nothing the learner could see: no further orders
    expect(deliveryMetrics(t.state).finished).toBe(1);
  });

  it('a learner action starts a new branch: the experiment’s later actions are dropped', () => {
    const item = messaging.find((i) => i.steps.filter((s) => 'do' in s).length >= 1 && i.steps.findIndex((s) => 'do' in s) > 0)!;
    const t = new ModelTimeline(messagingModel, MESSAGING_DEFAULTS, 1);
    t.load(item.id, { ...MESSAGING_DEFAULTS, ...item.setup }, item.seed, item.steps);
    t.stepOnce();
    t.apply({ type: 'add-group' });
    expect(t.script).toBeNull();
    expect(t.recording.every((r) => r.tick <= t.state.tick)).toBe(true);
    expect(t.recordedSoFar()).toEqual(t.recording);
  });

  it('rebuilds a shared moment exactly (share links carry settings, seed, recording and tick)', () => {
    const t = new ModelTimeline(messagingModel, MESSAGING_DEFAULTS, 1);
    t.seek(40);
    t.apply({ type: 'add-group' });
    t.seek(75);
    const shared = ModelTimeline.at(messagingModel, t.config, t.seed, t.recordedSoFar(), t.state.tick);
    expect(JSON.stringify(shared.state)).toBe(JSON.stringify(t.state));
  });

  it('resumes from a moment already replayed in slices (a share link): same state, same next steps, and it can go back', () => {
    const t = new ModelTimeline(messagingModel, MESSAGING_DEFAULTS, 1);
    t.seek(40);
    t.apply({ type: 'add-group' });
    t.seek(75);
    const rec = t.recordedSoFar();
    const resumed = ModelTimeline.resume(messagingModel, t.config, t.seed, rec, replay(messagingModel, t.config, t.seed, rec, 75));
    const direct = ModelTimeline.at(messagingModel, t.config, t.seed, rec, 75);
    expect(JSON.stringify(resumed.state)).toBe(JSON.stringify(direct.state));
    expect(resumed.next).toBe(direct.next);
    resumed.seek(120);
    direct.seek(120);
    expect(JSON.stringify(resumed.state)).toBe(JSON.stringify(direct.state));
    resumed.seek(30);
    direct.seek(30);
    expect(resumed.state.tick).toBe(30);
    expect(JSON.stringify(resumed.state)).toBe(JSON.stringify(direct.state));
  });
});

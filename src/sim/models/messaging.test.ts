import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { KINDS, MESSAGING_DEFAULTS, applyMessaging, createMessaging, messagingMetrics, stepMessaging, type MessagingAction, type MessagingState } from './messaging';

const actionArb: fc.Arbitrary<MessagingAction> = fc.oneof(
  fc.record({ type: fc.constant('online' as const), kind: fc.constantFrom(...KINDS), index: fc.integer({ min: 0, max: 3 }), online: fc.boolean() }),
  fc.constant({ type: 'add-group' as const }),
  fc.record({ type: fc.constant('replay' as const), index: fc.integer({ min: 0, max: 3 }), offset: fc.integer({ min: 0, max: 100 }) }),
  fc.record({ type: fc.constant('producing' as const), on: fc.boolean() }),
);

function runPlan(plan: { at: number; action: MessagingAction }[], ticks: number): MessagingState {
  const s = createMessaging(MESSAGING_DEFAULTS, 1);
  const sorted = [...plan].sort((a, b) => a.at - b.at);
  let i = 0;
  for (let k = 0; k < ticks; k++) {
    while (i < sorted.length && sorted[i]!.at <= s.tick) applyMessaging(s, sorted[i++]!.action);
    stepMessaging(s);
  }
  return s;
}

const planArb = fc.array(fc.record({ at: fc.integer({ min: 0, max: 300 }), action: actionArb }), { maxLength: 15 });

describe('messaging models', () => {
  it('property: the queue accounts for every message once; each subscriber gets or misses each message', () => {
    fc.assert(
      fc.property(planArb, (plan) => {
        const s = runPlan(plan, 400);
        const m = messagingMetrics(s);
        expect(m.queueAccounted).toBe(s.published);
        // a message is handed to more than one worker only if a worker left without acknowledging it
        expect(m.queueDelivered).toBeLessThanOrEqual(s.published + s.queue.returned);
        for (const sub of s.pubsub.subscribers) expect(sub.received + sub.missed).toBe(s.published);
        for (const g of s.stream.groups) {
          expect(g.received).toBe(g.highest);
          expect(g.position).toBeLessThanOrEqual(s.stream.logEnd);
        }
      }),
      { numRuns: 100 },
    );
  });

  it('a subscriber that is offline misses messages for good; a stream group does not', () => {
    const s = createMessaging(MESSAGING_DEFAULTS, 1);
    applyMessaging(s, { type: 'online', kind: 'pubsub', index: 0, online: false });
    applyMessaging(s, { type: 'online', kind: 'stream', index: 0, online: false });
    for (let i = 0; i < 50; i++) stepMessaging(s);
    applyMessaging(s, { type: 'online', kind: 'pubsub', index: 0, online: true });
    applyMessaging(s, { type: 'online', kind: 'stream', index: 0, online: true });
    for (let i = 0; i < 100; i++) stepMessaging(s);
    const m = messagingMetrics(s);
    expect(m['subscriber1.missed']).toBe(10);
    expect(m['subscriber1.received']).toBe(s.published - 10);
    expect(m['group1.received']).toBeGreaterThanOrEqual(s.published - 1);
  });

  it('a group added late reads the history; a replay re-reads without counting twice as new', () => {
    const s = createMessaging(MESSAGING_DEFAULTS, 1);
    for (let i = 0; i < 100; i++) stepMessaging(s);
    applyMessaging(s, { type: 'add-group' });
    stepMessaging(s);
    stepMessaging(s);
    expect(s.stream.groups[2]!.recent[0]).toBe(1);
    for (let i = 0; i < 100; i++) stepMessaging(s);
    expect(s.stream.groups[2]!.received).toBeGreaterThanOrEqual(s.published - 1);
    const before = s.stream.groups[0]!.received;
    applyMessaging(s, { type: 'replay', index: 0, offset: 0 });
    for (let i = 0; i < 20; i++) stepMessaging(s);
    expect(s.stream.groups[0]!.reread).toBeGreaterThan(0);
    expect(s.stream.groups[0]!.received).toBeLessThanOrEqual(before + 5);
  });

  it('a worker leaving with an unacknowledged message gives it back to the queue', () => {
    const s = createMessaging(MESSAGING_DEFAULTS, 1);
    stepMessaging(s);
    const w = s.queue.workers.find((x) => x.busy)!;
    const id = w.busy![0];
    applyMessaging(s, { type: 'online', kind: 'queue', index: s.queue.workers.indexOf(w), online: false });
    expect(s.queue.pending[0]).toBe(id);
    stepMessaging(s);
    expect(s.queue.workers.some((x) => x.busy?.[0] === id)).toBe(true);
  });

  it('stays bounded with every worker offline', () => {
    const s = createMessaging({ ...MESSAGING_DEFAULTS, rate: 20 }, 1);
    for (let i = 0; i < 3; i++) applyMessaging(s, { type: 'online', kind: 'queue', index: i, online: false });
    for (let i = 0; i < 3000; i++) stepMessaging(s);
    expect(s.queue.pending.length).toBeLessThanOrEqual(500);
    expect(s.queue.rejected).toBeGreaterThan(0);
    for (const sub of s.pubsub.subscribers) expect(sub.recent.length).toBeLessThanOrEqual(6);
  });
});

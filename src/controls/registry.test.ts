import { describe, expect, it } from 'vitest';
import type { SimConfig } from '../sim';
import { SimRunner } from '../viz/runner';
import { controlById, controlForKey, controls, controlsFor, parseNumber, resolve, shortcutList, type ButtonsControl, type ControlContext, type NumberControl, type SelectControl } from './registry';

const config: SimConfig = {
  topics: [{ name: 'orders', partitions: 4 }],
  producers: [{ id: 'web', topic: 'orders', ratePerSec: 100 }],
  groups: [{ id: 'billing', topic: 'orders', consumers: 3 }],
};

function ctxOf(r: SimRunner, patch: Partial<ControlContext> = {}): ControlContext {
  return {
    view: r.view(),
    playing: r.playing,
    speed: r.speed,
    maxReachedMs: r.maxReachedMs,
    seed: r.setup.seed,
    config: r.setup.config,
    scenarioId: 'a',
    scenarios: [
      { id: 'a', title: 'A' },
      { id: 'b', title: 'B' },
    ],
    group: 'billing',
    moments: [0, 3000, 10_000],
    ...patch,
  };
}

describe('control registry', () => {
  it('has unique ids, and labels for every control', () => {
    const ids = controls.map((c) => c.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const c of controls) expect(c.label.length).toBeGreaterThan(2);
  });

  it('gives each key to one control only, leaving P, ? and Escape to the frame', () => {
    const keys = controls.flatMap((c) => c.shortcut?.keys ?? []);
    expect(new Set(keys).size).toBe(keys.length);
    for (const k of ['p', 'P', '?', 'Escape']) expect(keys).not.toContain(k);
    expect(shortcutList(controls).length).toBe(controls.filter((c) => c.shortcut).length);
  });

  it('the embedded set is a reduced subset that still has play, a fault and the time slider', () => {
    const emb = controlsFor(true).map((c) => c.id);
    expect(emb.length).toBeLessThan(controls.length);
    expect(emb).toEqual(expect.arrayContaining(['run.play', 'run.seek', 'fault.stop-broker', 'group.add-consumer']));
  });

  it('rejects empty, non-numeric, fractional and out-of-range numbers with a message', () => {
    const r = new SimRunner({ config, seed: 1, timeline: [] });
    const ctx = ctxOf(r);
    const parts = controlById['topic.partitions'] as NumberControl;
    expect(parseNumber(parts, '', ctx)).toEqual({ ok: false, message: 'Partitions: enter a number.' });
    expect(parseNumber(parts, 'abc', ctx)).toMatchObject({ ok: false, message: expect.stringContaining('not a plain decimal number') });
    expect(parseNumber(parts, '5.5', ctx)).toMatchObject({ ok: false, message: expect.stringContaining('whole number') });
    // partitions can only grow: the current count (4) is the minimum
    expect(parseNumber(parts, '3', ctx)).toMatchObject({ ok: false, message: 'Partitions: must be between 4 and 256.' });
    expect(parseNumber(parts, '8', ctx)).toEqual({ ok: true, value: 8 });
    const rate = controlById['producer.rate'] as NumberControl;
    expect(parseNumber(rate, 'NaN', ctx).ok).toBe(false);
    expect(parseNumber(rate, '100001', ctx).ok).toBe(false);
    expect(parseNumber(rate, '250.5', ctx)).toEqual({ ok: true, value: 250.5 });
  });

  it('accepts plain decimals only, prints limits readably and quotes little of bad input', () => {
    const r = new SimRunner({ config, seed: 1, timeline: [] });
    const ctx = ctxOf(r);
    const parts = controlById['topic.partitions'] as NumberControl;
    for (const raw of ['0x10', '0b1000', '1e1', 'Infinity']) {
      expect(parseNumber(parts, raw, ctx), raw).toEqual({ ok: false, message: `Partitions: "${raw}" is not a plain decimal number.` });
    }
    expect(parseNumber(parts, '1,000', ctx)).toMatchObject({ ok: false, message: 'Partitions: must be between 4 and 256.' });
    expect(parseNumber(parts, '16', ctx)).toEqual({ ok: true, value: 16 });
    const huge = parseNumber(parts, '9'.repeat(100_000), ctx);
    expect(huge).toEqual({ ok: false, message: `Partitions: "${'9'.repeat(32)}…" is far too large.` });
    const junk = parseNumber(parts, 'x'.repeat(100_000), ctx);
    expect(junk.ok === false && junk.message.length).toBeLessThan(80);
    const rate = controlById['producer.rate'] as NumberControl;
    expect(parseNumber(rate, '1' + '0'.repeat(308), ctx)).toMatchObject({ ok: false, message: expect.not.stringMatching(/\d{4}/) });
    // every number control, whatever its range
    const numberControls = controls.filter((c): c is NumberControl => c.kind === 'number');
    expect(numberControls.length).toBeGreaterThanOrEqual(8);
    for (const c of numberControls) {
      for (const raw of ['0x10', '1e1', '1' + '0'.repeat(308), '9'.repeat(100_000)]) {
        const p = parseNumber(c, raw, ctx);
        expect(p.ok, `${c.id} ${raw.slice(0, 8)}`).toBe(false);
        // the quoted start of a paste may hold a few dozen digits; a printed number may not
        if (!raw.startsWith('9')) expect(!p.ok && p.message, c.id).not.toMatch(/(\d,?){30}/);
        expect(!p.ok && p.message.length, c.id).toBeLessThan(160);
      }
    }
  });

  it('maps keys to controls and values', () => {
    const r = new SimRunner({ config, seed: 1, timeline: [] });
    const ctx = ctxOf(r, { speed: 2 });
    expect(controlForKey(controls, ' ', ctx)?.control.id).toBe('run.play');
    expect(controlForKey(controls, '+', ctx)).toMatchObject({ raw: '5' });
    expect(controlForKey(controls, '-', ctx)).toMatchObject({ raw: '1' });
    expect(controlForKey(controls, '2', ctx)).toMatchObject({ raw: 'b' });
    expect(controlForKey(controls, '9', ctx)).toBeNull(); // no ninth scenario
    expect(controlForKey(controlsFor(true), 'n', ctx)).toBeNull(); // new seed is not in the embedded set
  });

  it('PageDown and PageUp go to the next and previous scripted moment; ArrowLeft steps back a tick', () => {
    const r = new SimRunner({ config, seed: 1, timeline: [] });
    r.fastForward(5_000);
    const ctx = ctxOf(r, { moments: [0, 3000, 10_000, 40_000] });
    const go = (key: string) => {
      const hit = controlForKey(controls, key, ctx)!;
      const res = resolve(hit.control, hit.raw, ctx);
      return res.ok ? res.value : res.message;
    };
    expect(go('PageDown')).toEqual({ kind: 'runner', command: { type: 'seek', ms: 10_000 } });
    expect(go('PageUp')).toEqual({ kind: 'runner', command: { type: 'seek', ms: 3000 } });
    expect(go('ArrowLeft')).toEqual({ kind: 'runner', command: { type: 'step-back' } });
    // at a moment, the next one is the one after it; at the last, there is none
    const atEnd = ctxOf(r, { moments: [0, 5000] });
    expect(controlById['run.moment-next']!.disabled?.(atEnd)).toBe('there is no later scripted moment');
    expect(resolve(controlById['run.moment-prev']!, null, atEnd)).toEqual({ ok: true, value: { kind: 'runner', command: { type: 'seek', ms: 0 } } });
  });

  it('every simulator action a control produces from its current value is accepted by the simulator', () => {
    for (const c of controls) {
      const r = new SimRunner({ config, seed: 1, timeline: [] });
      r.fastForward(5_000);
      if (c.id === 'fault.start-broker') r.act({ type: 'broker/stop', broker: 1 });
      const ctx = ctxOf(r);
      expect(c.disabled?.(ctx) ?? null, c.id).toBeNull();
      const raw =
        c.kind === 'button'
          ? null
          : c.kind === 'buttons'
            ? (c.items(ctx).find((i) => !i.disabled)?.value ?? '')
            : c.kind === 'toggle'
              ? !c.value(ctx)
              : c.kind === 'select'
                ? (c.options(ctx).at(-1)?.value ?? '')
                : String(c.kind === 'number' && c.id === 'topic.partitions' ? c.value(ctx) + 1 : c.value(ctx));
      const res = resolve(c, raw, ctx);
      expect(res.ok, `${c.id}: ${res.ok ? '' : res.message}`).toBe(true);
      if (res.ok && res.value?.kind === 'action') expect(r.act(res.value.action), c.id).toBeNull();
    }
  });

  it('shows each setting from the read model (view.settings), after the actions that change it', () => {
    const r = new SimRunner({ config: { ...config, brokers: 3, topics: [{ name: 'orders', partitions: 4, replicationFactor: 2 }] }, seed: 1, timeline: [] });
    r.fastForward(1_000);
    r.act({ type: 'producer/set-rate', producer: 'web', ratePerSec: 640 });
    r.act({ type: 'producer/set-keys', producer: 'web', keys: { mode: 'salted', distribution: 'hot', hotShare: 0.7, saltBuckets: 12 } });
    r.act({ type: 'group/set-timeouts', group: 'billing', timeouts: { sessionTimeoutMs: 12_000, heartbeatIntervalMs: 2_000, maxPollIntervalMs: 9_000, maxPollRecords: 40 } });
    r.act({ type: 'group/set-processing', group: 'billing', processing: { meanMs: 30 } });
    r.act({ type: 'group/set-assignor', group: 'billing', assignors: ['cooperative-sticky'] });
    r.act({ type: 'downstream/set', group: 'billing', downstream: { slowdown: 20 } });
    r.act({ type: 'group/set-dlq', group: 'billing', dlq: { enabled: true } });
    const ctx = ctxOf(r);
    const value = (id: string) => {
      const c = controlById[id]!;
      return c.kind === 'button' || c.kind === 'buttons' ? null : c.value(ctx);
    };
    expect(value('producer.rate')).toBe(640);
    expect(value('producer.key-mode')).toBe('salted');
    expect(value('producer.skew')).toBe('hot');
    expect(value('producer.hot-share')).toBe(70);
    expect(value('producer.salt-buckets')).toBe(12);
    expect(value('topic.replication')).toBe(2);
    expect(value('group.session-timeout')).toBe(12_000);
    expect((controlById['group.session-timeout'] as NumberControl).min(ctx)).toBe(2_001);
    expect(value('group.max-poll-interval')).toBe(9_000);
    expect(value('group.max-poll-records')).toBe(40);
    expect(value('group.processing-ms')).toBe(30);
    expect(value('group.assignor')).toBe('cooperative-sticky');
    expect(controlById['group.protocol']).toBeUndefined();
    // each strategy option says the protocol it gives (KIP-429)
    const labels = (controlById['group.assignor'] as SelectControl).options(ctx).map((o) => o.label);
    expect(labels).toContain('[cooperative-sticky]: cooperative-sticky, cooperative (only moved partitions stop)');
    expect(labels).toContain("[range, cooperative-sticky]: range, eager (every consumer stops) (Kafka's default)");
    expect(labels.filter((l) => l.includes('cooperative (only'))).toHaveLength(1);
    expect(value('fault.slow-downstream')).toBe(true);
    expect(value('fault.dlq')).toBe(true);
    // a key-mode change keeps the other key settings the view reports
    const keyMode = resolve(controlById['producer.key-mode']!, 'user', ctx);
    expect(keyMode).toEqual({ ok: true, value: { kind: 'action', action: { type: 'producer/set-keys', producer: 'web', keys: { mode: 'user', users: 1000, distribution: 'hot', zipfExponent: 1.1, hotShare: 0.7, saltBuckets: 12 } } } });
  });

  it('reads the view it is given, not the simulation behind it', () => {
    const r = new SimRunner({ config, seed: 1, timeline: [] });
    const view = r.view();
    const settings = structuredClone(view.settings!);
    settings.groups.billing!.timeouts.maxPollRecords = 7;
    settings.producers[0]!.ratePerSec = 3;
    settings.topics.orders!.replicationFactor = 1;
    const ctx = ctxOf(r, { view: { ...view, settings } });
    expect((controlById['group.max-poll-records'] as NumberControl).value(ctx)).toBe(7);
    expect((controlById['producer.rate'] as NumberControl).value(ctx)).toBe(3);
    expect((controlById['topic.replication'] as NumberControl).value(ctx)).toBe(1);
  });

  it('a view built by hand without settings falls back to what the view shows and to the defaults', () => {
    const r = new SimRunner({ config: { ...config, groups: [{ id: 'billing', topic: 'orders', consumers: 3, assignor: 'sticky' }] }, seed: 1, timeline: [] });
    const { settings: _dropped, ...bare } = r.view();
    const ctx = ctxOf(r, { view: bare });
    expect((controlById['group.assignor'] as SelectControl).value(ctx)).toBe('sticky');
    expect((controlById['group.session-timeout'] as NumberControl).value(ctx)).toBe(45_000);
    expect((controlById['topic.replication'] as NumberControl).value(ctx)).toBe(3);
    expect(controlById['group.add-consumer']!.disabled?.(ctx) ?? null).toBeNull();
    expect(resolve(controlById['producer.rate']!, '10', ctx)).toMatchObject({ ok: false, message: expect.stringContaining('no producer') });
  });

  it('faults do what they say', () => {
    const r = new SimRunner({ config: { ...config, brokers: 3, topics: [{ name: 'orders', partitions: 4, replicationFactor: 3 }] }, seed: 1, timeline: [] });
    r.fastForward(5_000);
    const lead = r.view().topics[0]!.partitions[0]!.leader;
    const stop = resolve(controlById['fault.stop-broker']!, String(lead), ctxOf(r));
    expect(stop).toEqual({ ok: true, value: { kind: 'action', action: { type: 'broker/stop', broker: lead } } });
    if (stop.ok && stop.value?.kind === 'action') r.act(stop.value.action);
    // the controller moves leadership once it fences the broker (broker.session.timeout.ms, 9 s)
    r.fastForward(10_000);
    expect(r.view().brokers.find((b) => b.id === lead)?.up).toBe(false);
    expect(r.view().topics[0]!.partitions[0]!.leader).not.toBe(lead);
    const start = resolve(controlById['fault.start-broker']!, String(lead), ctxOf(r));
    expect(start).toEqual({ ok: true, value: { kind: 'action', action: { type: 'broker/start', broker: lead } } });
    const crash = resolve(controlById['fault.crash-consumer']!, null, ctxOf(r, { group: 'nope' }));
    expect(crash).toMatchObject({ ok: false, message: expect.stringContaining('no consumer group') });
  });

  it('stop and start offer one button per broker with its state, and act on the broker chosen', () => {
    const r = new SimRunner({ config: { ...config, brokers: 3, topics: [{ name: 'orders', partitions: 6, replicationFactor: 3 }] }, seed: 1, timeline: [] });
    r.fastForward(5_000);
    const stopC = controlById['fault.stop-broker'] as ButtonsControl;
    const startC = controlById['fault.start-broker'] as ButtonsControl;
    expect(stopC.items(ctxOf(r))).toEqual([0, 1, 2].map((b) => ({ value: String(b), text: `Stop broker ${b}`, state: 'up', disabled: null })));
    expect(startC.items(ctxOf(r))).toEqual([]);
    expect(resolve(startC, '1', ctxOf(r))).toEqual({ ok: false, message: 'Restart a stopped broker: no broker is stopped' });
    // stop a broker that does not lead partition 0: the choice is the learner's, not the default
    const lead0 = r.view().topics[0]!.partitions[0]!.leader;
    const pick = [0, 1, 2].find((b) => b !== lead0)!;
    const led = r.view().topics[0]!.partitions.filter((p) => p.leader === pick).map((p) => p.id);
    expect(led.length).toBeGreaterThan(0);
    const stop = resolve(stopC, String(pick), ctxOf(r));
    expect(stop).toEqual({ ok: true, value: { kind: 'action', action: { type: 'broker/stop', broker: pick } } });
    if (stop.ok && stop.value?.kind === 'action') expect(r.act(stop.value.action)).toBeNull();
    r.fastForward(10_000);
    const v = r.view();
    expect(v.brokers.map((b) => b.up)).toEqual([0, 1, 2].map((b) => b !== pick));
    for (const p of led) expect(v.topics[0]!.partitions[p]!.leader).not.toBe(pick);
    expect(v.topics[0]!.partitions[0]!.leader).toBe(lead0);
    expect(stopC.items(ctxOf(r)).find((i) => i.value === String(pick))).toEqual({ value: String(pick), text: `Stop broker ${pick}`, state: 'stopped', disabled: `broker ${pick} is already stopped` });
    expect(resolve(stopC, String(pick), ctxOf(r))).toEqual({ ok: false, message: `Stop broker ${pick}: broker ${pick} is already stopped` });
    expect(resolve(stopC, '7', ctxOf(r))).toMatchObject({ ok: false, message: 'Stop a broker: choose one of the listed buttons.' });
    expect(startC.items(ctxOf(r))).toEqual([{ value: String(pick), text: `Start broker ${pick}`, state: 'stopped', disabled: null }]);
    expect(resolve(startC, String(lead0), ctxOf(r))).toMatchObject({ ok: false });
    const start = resolve(startC, String(pick), ctxOf(r));
    expect(start).toEqual({ ok: true, value: { kind: 'action', action: { type: 'broker/start', broker: pick } } });
  });

  it('the B and U shortcuts keep their default targets: the leader of partition 0, and the lowest stopped broker', () => {
    const r = new SimRunner({ config: { ...config, brokers: 3, topics: [{ name: 'orders', partitions: 4, replicationFactor: 3 }] }, seed: 1, timeline: [] });
    r.fastForward(5_000);
    const lead0 = r.view().topics[0]!.partitions[0]!.leader;
    const b = controlForKey(controls, 'b', ctxOf(r))!;
    expect(b.control.id).toBe('fault.stop-broker');
    expect(b.control.shortcut?.label).toContain('leader of partition 0');
    expect(resolve(b.control, b.raw, ctxOf(r))).toEqual({ ok: true, value: { kind: 'action', action: { type: 'broker/stop', broker: lead0 } } });
    const others = [0, 1, 2].filter((x) => x !== lead0);
    r.act({ type: 'broker/stop', broker: others[1]! });
    r.act({ type: 'broker/stop', broker: others[0]! });
    const u = controlForKey(controls, 'u', ctxOf(r))!;
    expect(u.control.id).toBe('fault.start-broker');
    expect(resolve(u.control, u.raw, ctxOf(r))).toEqual({ ok: true, value: { kind: 'action', action: { type: 'broker/start', broker: others[0] } } });
    r.act({ type: 'broker/stop', broker: lead0 });
    const none = controlForKey(controls, 'b', ctxOf(r))!;
    expect(resolve(none.control, none.raw, ctxOf(r))).toEqual({ ok: false, message: 'Stop a broker: every broker is already stopped' });
  });

  it('the poison record goes to the partition chosen; invalid or out-of-range partitions are refused with a message', () => {
    const r = new SimRunner({ config, seed: 1, timeline: [] });
    r.fastForward(2_000);
    const poison = controlById['fault.poison'] as NumberControl;
    const ctx = ctxOf(r);
    expect(resolve(poison, '2', ctx)).toEqual({ ok: true, value: { kind: 'action', action: { type: 'record/poison', topic: 'orders', partition: 2 } } });
    expect(resolve(poison, '4', ctx)).toEqual({ ok: false, message: 'Poison record to partition: the topic has 4 partitions, numbered 0 to 3.' });
    expect(resolve(poison, '-1', ctx)).toEqual({ ok: false, message: 'Poison record to partition: the topic has 4 partitions, numbered 0 to 3.' });
    expect(resolve(poison, '1.5', ctx)).toEqual({ ok: false, message: 'Poison record to partition: use a whole number.' });
    expect(resolve(poison, 'two', ctx)).toEqual({ ok: false, message: 'Poison record to partition: "two" is not a plain decimal number.' });
    expect(resolve(poison, ' ', ctx)).toEqual({ ok: false, message: 'Poison record to partition: enter a number.' });
    // the range follows the topic when partitions are added
    r.act({ type: 'topic/set-partitions', topic: 'orders', partitions: 6 });
    expect(resolve(poison, '5', ctxOf(r)).ok).toBe(true);
    // applied, the next record written to partition 2 is the poison record
    const ok = resolve(poison, '2', ctx);
    if (ok.ok && ok.value?.kind === 'action') expect(r.act(ok.value.action)).toBeNull();
    r.fastForward(2_000);
    const parts = r.view().topics[0]!.partitions;
    expect(parts[2]!.recent.some((x) => x.poison)).toBe(true);
    expect(parts.filter((p) => p.id !== 2).every((p) => p.recent.every((x) => !x.poison))).toBe(true);
    // X keeps sending to partition 0
    const x = controlForKey(controls, 'x', ctxOf(r))!;
    expect(x.control.shortcut?.label).toBe('Send a poison record to partition 0');
    expect(resolve(x.control, x.raw, ctxOf(r))).toEqual({ ok: true, value: { kind: 'action', action: { type: 'record/poison', topic: 'orders', partition: 0 } } });
  });
});

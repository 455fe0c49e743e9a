import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyAction, SimActionError } from './actions.ts';
import { DEFAULTS } from './config.ts';
import { createSimulation, stepSimulation } from './engine.ts';
import { partitionForKey } from './kafka/index.ts';
import { cloneSimulation, replay, recordingOf } from './recorder.ts';
import { nextDeadlineMs, partitionRecords } from './records.ts';
import type { SimState } from './state.ts';
import { TICK_MS, type FetchedRecord, type SimAction, type SimConfig, type SimEvent } from './types.ts';
import { snapshotView } from './view.ts';

const REBALANCE_MS = 300;

function clientSim(extra: Partial<SimConfig> = {}, partitions = 4, brokers = 1): SimState {
  return createSimulation({ brokers, topics: [{ name: 'orders', partitions }], ...extra }, 7);
}

function addClientGroup(s: SimState, id: string, opts: { sessionTimeoutMs?: number; assignor?: 'range' | 'roundrobin' | 'cooperative-sticky' } = {}): void {
  applyAction(s, {
    type: 'group/add',
    group: {
      id,
      topic: 'orders',
      consumers: 0,
      driver: 'client',
      rebalanceMs: REBALANCE_MS,
      assignor: opts.assignor ?? 'roundrobin',
      timeouts: { sessionTimeoutMs: opts.sessionTimeoutMs ?? 10_000, heartbeatIntervalMs: 1_000 },
    },
  });
}

/** Steps for ms of simulated time, collecting the events. */
function run(s: SimState, ms: number): SimEvent[] {
  const events: SimEvent[] = [];
  for (let t = 0; t < ms; t += TICK_MS) events.push(...stepSimulation(s).events);
  return events;
}

function send(s: SimState, records: { key: string | null; value: string | null; partition?: number }[]) {
  return applyAction(s, { type: 'producer/send', topic: 'orders', records });
}

function fetch(s: SimState, group: string, member: string, max?: number): FetchedRecord[] {
  const r = applyAction(s, { type: 'client/fetch', group, member, ...(max !== undefined ? { max } : {}) });
  return r.fetched ?? [];
}

function owned(s: SimState, group: string, member: string): number[] {
  return snapshotView(s).groups.find((g) => g.id === group)!.members.find((m) => m.id === member)?.partitions ?? [];
}

/** Fetch until nothing more comes (bounded), committing after each batch like an auto-committing KafkaJS consumer. */
function drain(s: SimState, group: string, member: string): FetchedRecord[] {
  const all: FetchedRecord[] = [];
  for (let i = 0; i < 1000; i++) {
    const batch = fetch(s, group, member, 5);
    if (!batch.length) break;
    all.push(...batch);
    const next = new Map<number, number>();
    for (const r of batch) next.set(r.partition, r.offset + 1);
    applyAction(s, { type: 'client/commit', group, member, offsets: [...next].map(([partition, offset]) => ({ partition, offset })) });
  }
  return all;
}

describe('producer/send', () => {
  it('puts a keyed record on partitionForKey’s partition with consecutive offsets', () => {
    const s = clientSim({}, 6);
    const p = partitionForKey('order-42', 6);
    const r = send(s, [
      { key: 'order-42', value: 'a' },
      { key: 'order-42', value: 'b' },
      { key: 'order-42', value: 'c' },
    ]);
    expect(r.sent).toEqual([
      { partition: p, offset: 0 },
      { partition: p, offset: 1 },
      { partition: p, offset: 2 },
    ]);
    const again = send(s, [{ key: 'order-42', value: 'd' }]);
    expect(again.sent).toEqual([{ partition: p, offset: 3 }]);
    const produced = [...r.events, ...again.events].filter((e) => e.type === 'record/produced');
    expect(produced).toEqual([
      expect.objectContaining({ partition: p, baseOffset: 0, count: 3 }),
      expect.objectContaining({ partition: p, baseOffset: 3, count: 1 }),
    ]);
    const view = snapshotView(s).topics[0]!;
    expect(view.produced).toBe(4);
    expect(view.partitions[p]!.logEndOffset).toBe(4);
    expect(view.partitions[p]!.recent.map((x) => x.key)).toEqual(['order-42', 'order-42', 'order-42', 'order-42']);
  });

  it('sends unkeyed records to one sticky partition and honours an explicit partition', () => {
    const s = clientSim({}, 4);
    const r = send(s, [
      { key: null, value: 'x' },
      { key: null, value: 'y' },
      { key: 'k', value: 'z', partition: 3 },
    ]);
    const [a, b, c] = r.sent!;
    expect(a!.partition).toBe(b!.partition);
    expect(c).toEqual({ partition: 3, offset: a!.partition === 3 ? 2 : 0 });
    expect(() => send(s, [{ key: null, value: 'bad', partition: 4 }])).toThrow(SimActionError);
  });

  it('answers at once with the error of each record it cannot write: the client retries (REQUEST_TIMED_OUT, NOT_ENOUGH_REPLICAS)', () => {
    const s = createSimulation({ brokers: 2, minInsyncReplicas: 2, topics: [{ name: 'orders', partitions: 2, replicationFactor: 2 }] }, 1);
    const p = partitionForKey('a', 2);
    const follower = s.topics[0]!.partitions[p]!.leader === 0 ? 1 : 0;
    expect(send(s, [{ key: 'a', value: '1' }]).sent![0]).toHaveProperty('offset', 0);
    applyAction(s, { type: 'broker/stop', broker: follower });
    // the stopped follower is still in the ISR until the controller fences it (broker.session.timeout.ms): acks=all cannot complete
    const early = send(s, [{ key: 'a', value: '2' }]);
    expect(early.sent![0]).toEqual({ partition: p, error: 'request-timed-out' });
    run(s, DEFAULTS.brokerSessionTimeoutMs + 100);
    // fenced: the ISR is the leader alone, below min.insync.replicas 2
    const r = send(s, [{ key: 'a', value: '3' }]);
    expect(r.sent![0]).toEqual({ partition: p, error: 'not-enough-replicas' });
    expect(r.events).toContainEqual(expect.objectContaining({ type: 'record/failed', reason: 'not-enough-replicas', count: 1 }));
    const one = applyAction(s, { type: 'producer/send', topic: 'orders', records: [{ key: 'a', value: '4' }], acks: '1' });
    expect(one.sent![0]).toHaveProperty('offset', 1);
    expect(snapshotView(s).topics[0]!.failed).toBe(2);
  });

  it('keeps payloads of at most payloadRecords records per partition; offsets and counts go on', () => {
    const s = clientSim({ payloadRecords: 50 }, 1);
    for (let i = 0; i < 400; i++) send(s, [{ key: `k${i}`, value: `v${i}` }]);
    const P = s.topics[0]!.partitions[0]!;
    expect(P.logEnd).toBe(400);
    expect(P.payload!.values.length).toBe(50);
    expect(P.payload!.offsets[0]).toBe(350);
    expect(s.topics[0]!.produced).toBe(400);
    addClientGroup(s, 'g');
    applyAction(s, { type: 'client/join', group: 'g', member: 'm1', fromBeginning: true });
    run(s, REBALANCE_MS + 100);
    const got = fetch(s, 'g', 'm1', 500);
    expect(got.length).toBe(400);
    expect(got[0]).toMatchObject({ offset: 0, value: null });
    expect(got[399]).toMatchObject({ offset: 399, key: 'k399', value: 'v399' });
    expect(got.filter((r) => r.value !== null).length).toBe(50);
  });

  it('creates topics with topic/create and refuses a duplicate', () => {
    const s = clientSim();
    const r = applyAction(s, { type: 'topic/create', topic: { name: 'payments', partitions: 3 } });
    expect(r.events).toContainEqual(expect.objectContaining({ type: 'topic/created', topic: 'payments', partitions: 3 }));
    expect(snapshotView(s).topics.map((t) => [t.name, t.partitions.length])).toEqual([
      ['orders', 4],
      ['payments', 3],
    ]);
    expect(() => applyAction(s, { type: 'topic/create', topic: { name: 'payments', partitions: 3 } })).toThrow(/already exists/);
    const sent = applyAction(s, { type: 'producer/send', topic: 'payments', records: [{ key: 'x', value: '1' }] });
    expect(sent.sent![0]).toEqual({ partition: partitionForKey('x', 3), offset: 0 });
  });
});

describe('client-driven groups', () => {
  it('refuses members in the config and consumer/add; only clients join', () => {
    expect(() => createSimulation({ topics: [{ name: 't', partitions: 1 }], groups: [{ id: 'g', topic: 't', consumers: 2, driver: 'client' }] }, 1)).toThrow(/consumers must be 0/);
    const s = clientSim();
    addClientGroup(s, 'g');
    expect(() => applyAction(s, { type: 'consumer/add', group: 'g' })).toThrow(SimActionError);
    applyAction(s, { type: 'group/add', group: { id: 'auto', topic: 'orders', consumers: 1 } });
    expect(() => applyAction(s, { type: 'client/join', group: 'auto', member: 'x' })).toThrow(/not client-driven/);
  });

  it('joins, rebalances and assigns; a member processes nothing by itself', () => {
    const s = clientSim();
    addClientGroup(s, 'g');
    const j = applyAction(s, { type: 'client/join', group: 'g', member: 'm1', topic: 'orders', fromBeginning: true });
    expect(j.events).toContainEqual(expect.objectContaining({ type: 'consumer/joined', member: 'm1' }));
    expect(j.events).toContainEqual(expect.objectContaining({ type: 'group/rebalance-started', group: 'g' }));
    send(s, [{ key: 'a', value: '1' }]);
    const events = run(s, REBALANCE_MS + 200);
    expect(events).toContainEqual(expect.objectContaining({ type: 'consumer/assigned', member: 'm1', partitions: [0, 1, 2, 3] }));
    expect(events.some((e) => e.type === 'record/consumed')).toBe(false);
    run(s, 5_000);
    const gv = snapshotView(s).groups[0]!;
    expect(gv.driver).toBe('client');
    expect(gv.processed).toBe(0);
    expect(gv.members).toEqual([expect.objectContaining({ id: 'm1', status: 'active', partitions: [0, 1, 2, 3] })]);
    const got = fetch(s, 'g', 'm1');
    expect(got).toEqual([{ topic: 'orders', partition: partitionForKey('a', 4), offset: 0, key: 'a', value: '1', producedAtMs: 0 }]);
    expect(fetch(s, 'g', 'm1')).toEqual([]);
  });

  it('a member without fromBeginning starts at the log end', () => {
    const s = clientSim({}, 1);
    send(s, [{ key: 'old', value: '1' }]);
    addClientGroup(s, 'g');
    applyAction(s, { type: 'client/join', group: 'g', member: 'm1', fromBeginning: false });
    run(s, REBALANCE_MS + 100);
    expect(fetch(s, 'g', 'm1')).toEqual([]);
    send(s, [{ key: 'new', value: '2' }]);
    expect(fetch(s, 'g', 'm1').map((r) => r.key)).toEqual(['new']);
  });

  it('two groups read the same records independently, each with its own commits and lag', () => {
    const s = clientSim();
    addClientGroup(s, 'billing');
    addClientGroup(s, 'audit');
    applyAction(s, { type: 'client/join', group: 'billing', member: 'b1', fromBeginning: true });
    applyAction(s, { type: 'client/join', group: 'audit', member: 'a1', fromBeginning: true });
    run(s, REBALANCE_MS + 100);
    const keys = Array.from({ length: 20 }, (_, i) => `order-${i}`);
    send(s, keys.map((k) => ({ key: k, value: `v-${k}` })));
    const billing = drain(s, 'billing', 'b1');
    expect(billing.map((r) => r.key).sort()).toEqual([...keys].sort());
    let view = snapshotView(s);
    expect(view.groups.find((g) => g.id === 'billing')!.totalLag).toBe(0);
    expect(view.groups.find((g) => g.id === 'audit')!.committed).toEqual([null, null, null, null]);
    // audit reads only part, commits it: its lag is the rest
    const part = fetch(s, 'audit', 'a1', 3);
    expect(part.length).toBe(3);
    const p0 = part[0]!.partition;
    const upTo = Math.max(...part.filter((r) => r.partition === p0).map((r) => r.offset)) + 1;
    applyAction(s, { type: 'client/commit', group: 'audit', member: 'a1', offsets: [{ partition: p0, offset: upTo }] });
    view = snapshotView(s);
    const audit = view.groups.find((g) => g.id === 'audit')!;
    expect(audit.committed[p0]).toBe(upTo);
    expect(audit.lag[p0]).toBe(view.topics[0]!.partitions[p0]!.logEndOffset - upTo);
    const rest = drain(s, 'audit', 'a1');
    expect([...part, ...rest].map((r) => r.key).sort()).toEqual([...keys].sort());
    expect(snapshotView(s).groups.map((g) => g.processed)).toEqual([20, 20]);
  });

  it('a member leaving triggers a rebalance at once and its partitions move', () => {
    const s = clientSim();
    addClientGroup(s, 'g');
    applyAction(s, { type: 'client/join', group: 'g', member: 'm1' });
    applyAction(s, { type: 'client/join', group: 'g', member: 'm2' });
    run(s, REBALANCE_MS + 100);
    expect(owned(s, 'g', 'm1')).toEqual([0, 2]);
    expect(owned(s, 'g', 'm2')).toEqual([1, 3]);
    const leave = applyAction(s, { type: 'consumer/remove', group: 'g', member: 'm2' });
    expect(leave.events).toContainEqual(expect.objectContaining({ type: 'consumer/left', member: 'm2', reason: 'left' }));
    expect(leave.events).toContainEqual(expect.objectContaining({ type: 'group/rebalance-started', reason: 'member-left' }));
    // m1 takes part in the rebalance on its next poll
    expect(fetch(s, 'g', 'm1')).toEqual([]);
    const events = run(s, REBALANCE_MS + 100);
    expect(events).toContainEqual(expect.objectContaining({ type: 'consumer/assigned', member: 'm1', partitions: [0, 1, 2, 3] }));
    expect(events).toContainEqual(expect.objectContaining({ type: 'group/rebalance-completed', group: 'g' }));
  });

  it('a member still handling its last fetch keeps its partitions (and may commit) until its next poll', () => {
    const s = clientSim({}, 2);
    addClientGroup(s, 'g');
    applyAction(s, { type: 'client/join', group: 'g', member: 'm1', fromBeginning: true });
    run(s, REBALANCE_MS + 100);
    send(s, [
      { key: null, value: 'a', partition: 0 },
      { key: null, value: 'b', partition: 1 },
    ]);
    expect(fetch(s, 'g', 'm1').length).toBe(2);
    applyAction(s, { type: 'client/join', group: 'g', member: 'm2' });
    run(s, REBALANCE_MS * 3);
    // the rebalance waits for m1's next poll
    expect(snapshotView(s).groups[0]!.rebalancing).toBe(true);
    applyAction(s, { type: 'client/commit', group: 'g', member: 'm1', offsets: [{ partition: 0, offset: 1 }, { partition: 1, offset: 1 }] });
    expect(fetch(s, 'g', 'm1')).toEqual([]);
    run(s, REBALANCE_MS + 100);
    expect(snapshotView(s).groups[0]!.rebalancing).toBe(false);
    expect(owned(s, 'g', 'm1')).toEqual([0]);
    expect(owned(s, 'g', 'm2')).toEqual([1]);
    // m2 resumes from the committed offset: nothing to read again
    expect(fetch(s, 'g', 'm2')).toEqual([]);
  });

  it('a crashed member is removed only after session.timeout.ms; then its partitions move and records come again', () => {
    const s = clientSim({}, 2);
    addClientGroup(s, 'g', { sessionTimeoutMs: 6_000 });
    applyAction(s, { type: 'client/join', group: 'g', member: 'm1', fromBeginning: true });
    applyAction(s, { type: 'client/join', group: 'g', member: 'm2', fromBeginning: true });
    run(s, REBALANCE_MS + 100);
    send(s, [
      { key: null, value: 'a', partition: 0 },
      { key: null, value: 'b', partition: 1 },
    ]);
    const m2got = fetch(s, 'g', 'm2');
    expect(m2got.map((r) => r.partition)).toEqual([1]);
    const crashAt = s.timeMs;
    applyAction(s, { type: 'consumer/crash', group: 'g', member: 'm2' });
    // no commit from m2; no LeaveGroup either
    expect(() => applyAction(s, { type: 'client/commit', group: 'g', member: 'm2', offsets: [{ partition: 1, offset: 1 }] })).toThrow(/not a member/);
    let left: SimEvent | undefined;
    for (let i = 0; i < 400 && !left; i++) left = stepSimulation(s).events.find((e) => e.type === 'consumer/left');
    expect(left).toMatchObject({ member: 'm2', reason: 'session-timeout' });
    const elapsed = left!.atMs - crashAt;
    expect(elapsed).toBeGreaterThanOrEqual(6_000 - 1_000);
    expect(elapsed).toBeLessThanOrEqual(6_000 + TICK_MS);
    fetch(s, 'g', 'm1');
    run(s, REBALANCE_MS + 100);
    expect(owned(s, 'g', 'm1')).toEqual([0, 1]);
    // m2 never committed: m1 reads partition 1's record again (at-least-once)
    const again = drain(s, 'g', 'm1');
    expect(again.map((r) => [r.partition, r.value])).toContainEqual([1, 'b']);
  });

  it('refuses commits from a non-member and for partitions the member does not own', () => {
    const s = clientSim();
    addClientGroup(s, 'g');
    applyAction(s, { type: 'client/join', group: 'g', member: 'm1' });
    applyAction(s, { type: 'client/join', group: 'g', member: 'm2' });
    run(s, REBALANCE_MS + 100);
    send(s, [{ key: null, value: 'x', partition: 1 }]);
    const before = JSON.stringify(s);
    expect(() => applyAction(s, { type: 'client/commit', group: 'g', member: 'ghost', offsets: [{ partition: 0, offset: 0 }] })).toThrow(/not a member of group "g"/);
    expect(() => applyAction(s, { type: 'client/commit', group: 'g', member: 'm1', offsets: [{ partition: 1, offset: 1 }] })).toThrow(/does not own partition 1/);
    expect(JSON.stringify(s)).toBe(before);
    const ok = applyAction(s, { type: 'client/commit', group: 'g', member: 'm2', offsets: [{ partition: 1, offset: 1 }] });
    expect(ok.events).toEqual([expect.objectContaining({ type: 'offset/committed', group: 'g', partition: 1, offset: 1 })]);
    expect(() => applyAction(s, { type: 'client/commit', group: 'g', member: 'm2', offsets: [{ partition: 1, offset: 5 }] })).toThrow(/log end/);
  });

  it('a client that stops polling is dropped after max.poll.interval.ms and rejoins on its next fetch', () => {
    const s = clientSim({}, 2);
    addClientGroup(s, 'g');
    applyAction(s, { type: 'group/set-timeouts', group: 'g', timeouts: { maxPollIntervalMs: 2_000 } });
    applyAction(s, { type: 'client/join', group: 'g', member: 'm1' });
    const events = run(s, 3_000);
    expect(events).toContainEqual(expect.objectContaining({ type: 'consumer/left', member: 'm1', reason: 'poll-timeout' }));
    const r = applyAction(s, { type: 'client/fetch', group: 'g', member: 'm1' });
    expect(r.fetched).toEqual([]);
    expect(r.events).toContainEqual(expect.objectContaining({ type: 'consumer/joined', member: 'm1' }));
  });

  it('a live client member heartbeats on its own: an idle but running member is never timed out by the session', () => {
    const s = clientSim({}, 2);
    addClientGroup(s, 'g', { sessionTimeoutMs: 3_000 });
    applyAction(s, { type: 'client/join', group: 'g', member: 'm1' });
    for (let i = 0; i < 20; i++) {
      const ev = run(s, 1_000);
      expect(ev.some((e) => e.type === 'consumer/left')).toBe(false);
      fetch(s, 'g', 'm1');
    }
  });

  it('cooperative: members keep reading their own partitions while the group rebalances', () => {
    const s = clientSim({}, 4);
    // [cooperative-sticky] is cooperative (KIP-429)
    addClientGroup(s, 'g', { assignor: 'cooperative-sticky' });
    applyAction(s, { type: 'client/join', group: 'g', member: 'm1', fromBeginning: true });
    run(s, REBALANCE_MS + 100);
    applyAction(s, { type: 'client/join', group: 'g', member: 'm2', fromBeginning: true });
    send(s, [{ key: null, value: 'a', partition: 0 }]);
    expect(snapshotView(s).groups[0]!.rebalancing).toBe(true);
    expect(fetch(s, 'g', 'm1').map((r) => r.value)).toEqual(['a']);
  });
});

/** A random run of client operations against a seed; returns the state. */
function randomRun(seed: number, ops: number[]): SimState {
  const s = createSimulation({ brokers: 3, topics: [{ name: 'orders', partitions: 3 }], payloadRecords: 20 }, seed);
  addClientGroup(s, 'g');
  const members = ['m1', 'm2', 'm3'];
  for (const op of ops) {
    const m = members[op % 3]!;
    const act = (a: SimAction) => {
      try {
        applyAction(s, a);
      } catch (e) {
        if (!(e instanceof SimActionError)) throw e;
      }
    };
    switch ((op >> 2) % 6) {
      case 0:
        act({ type: 'client/join', group: 'g', member: m, fromBeginning: op % 2 === 0 });
        break;
      case 1:
        act({ type: 'producer/send', topic: 'orders', records: [{ key: op % 7 === 0 ? null : `k${op % 11}`, value: `v${op}` }] });
        break;
      case 2: {
        const got = (() => {
          try {
            return applyAction(s, { type: 'client/fetch', group: 'g', member: m, max: 4 }).fetched ?? [];
          } catch {
            return [];
          }
        })();
        const next = new Map<number, number>();
        for (const r of got) next.set(r.partition, r.offset + 1);
        if (next.size) act({ type: 'client/commit', group: 'g', member: m, offsets: [...next].map(([partition, offset]) => ({ partition, offset })) });
        break;
      }
      case 3:
        if (op % 5 === 0) act({ type: 'consumer/remove', group: 'g', member: m });
        else run(s, 200);
        break;
      case 4:
        if (op % 9 === 0) act({ type: 'consumer/crash', group: 'g', member: m });
        else run(s, 400);
        break;
      default:
        run(s, 1_000);
    }
  }
  return s;
}

describe('client operations: determinism and invariants', () => {
  it('same seed and operations give the same state, and replaying the recording gives it too', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1000 }), fc.array(fc.integer({ min: 0, max: 255 }), { maxLength: 60 }), (seed, ops) => {
        const a = randomRun(seed, ops);
        const b = randomRun(seed, ops);
        expect(JSON.stringify(a)).toBe(JSON.stringify(b));
        const r = replay(recordingOf(a), a.timeMs);
        expect(JSON.stringify(snapshotView(r))).toBe(JSON.stringify(snapshotView(a)));
        // every partition owned at most once; payload store bounded; committed never past the log end
        const v = snapshotView(a);
        const parts = v.groups[0]!.members.flatMap((m) => m.partitions);
        expect(new Set(parts).size).toBe(parts.length);
        for (const P of a.topics[0]!.partitions) expect((P.payload?.offsets.length ?? 0) <= 20).toBe(true);
        v.groups[0]!.committed.forEach((c, p) => {
          if (c !== null) expect(c).toBeLessThanOrEqual(v.topics[0]!.partitions[p]!.logEndOffset);
        });
      }),
      { numRuns: 40 },
    );
  });

  it('payload store stays bounded over a long run mixed with a rate producer', () => {
    const s = createSimulation(
      { brokers: 1, topics: [{ name: 'orders', partitions: 2 }], producers: [{ id: 'p', topic: 'orders', ratePerSec: 500, keys: { mode: 'user', users: 50 } }], payloadRecords: 100 },
      3,
    );
    addClientGroup(s, 'g');
    applyAction(s, { type: 'client/join', group: 'g', member: 'm1', fromBeginning: true });
    for (let i = 0; i < 300; i++) {
      send(s, [
        { key: `a${i}`, value: 'x'.repeat(10) },
        { key: `b${i}`, value: 'y' },
      ]);
      run(s, 100);
      drain(s, 'g', 'm1');
    }
    const sizes = s.topics[0]!.partitions.map((P) => P.payload?.offsets.length ?? 0);
    for (const n of sizes) expect(n).toBeLessThanOrEqual(100);
    expect(sizes.reduce((a, b) => a + b, 0)).toBeGreaterThan(100);
    expect(s.topics[0]!.produced).toBeGreaterThan(600 + 10_000);
    const clone = cloneSimulation(s);
    expect(JSON.stringify(clone)).toBe(JSON.stringify(s));
  });
});

describe('partitionRecords', () => {
  it('reads kept records by offset range, clipped to the log', () => {
    const s = clientSim({}, 1);
    send(s, [
      { key: 'a', value: '1' },
      { key: 'b', value: '2' },
      { key: null, value: '3' },
    ]);
    expect(partitionRecordsOf(s, 1, 5).map((r) => [r.offset, r.key, r.value])).toEqual([
      [1, 'b', '2'],
      [2, null, '3'],
    ]);
    expect(partitionRecordsOf(s, 3, 5)).toEqual([]);
  });
});

function partitionRecordsOf(s: SimState, from: number, count: number) {
  return partitionRecords(s, 'orders', 0, from, count);
}

describe('nextDeadlineMs', () => {
  it('names the end of a rebalance round, a poll deadline, a crashed member’s session end, and nothing once only poll deadlines are left (when told to skip them)', () => {
    const s = clientSim({}, 2);
    expect(nextDeadlineMs(s)).toBeNull();
    addClientGroup(s, 'g', { sessionTimeoutMs: 4_000 });
    applyAction(s, { type: 'client/join', group: 'g', member: 'm1' });
    applyAction(s, { type: 'client/join', group: 'g', member: 'm2' });
    applyAction(s, { type: 'group/set-timeouts', group: 'g', timeouts: { maxPollIntervalMs: 1_000_000 } });
    expect(nextDeadlineMs(s)).toBe(REBALANCE_MS);
    run(s, REBALANCE_MS + TICK_MS);
    expect(nextDeadlineMs(s)).toBe(1_000_001);
    applyAction(s, { type: 'consumer/crash', group: 'g', member: 'm2' });
    const due = nextDeadlineMs(s)!;
    expect(due).toBeLessThanOrEqual(s.timeMs + 4_000);
    expect(due).toBeGreaterThan(s.timeMs + 4_000 - 1_000 - TICK_MS);
    while (s.timeMs <= due) stepSimulation(s);
    expect(snapshotView(s).groups[0]!.members.map((m) => m.id)).toEqual(['m1']);
    // m2's removal started a rebalance: its round's end comes next
    expect(nextDeadlineMs(s, { pollTimeouts: false })).toBeLessThanOrEqual(s.timeMs + REBALANCE_MS);
    run(s, REBALANCE_MS + TICK_MS);
    expect(nextDeadlineMs(s, { pollTimeouts: false })).toBeNull();
    expect(nextDeadlineMs(s)).toBe(snapshotView(s).groups[0]!.members[0]!.lastPollAtMs + 1_000_001);
  });

  it('waits for a member still handling its last fetch before naming the round’s end', () => {
    const s = clientSim({}, 1);
    addClientGroup(s, 'g');
    applyAction(s, { type: 'group/set-timeouts', group: 'g', timeouts: { maxPollIntervalMs: 1_000_000 } });
    applyAction(s, { type: 'client/join', group: 'g', member: 'm1', fromBeginning: true });
    run(s, REBALANCE_MS + TICK_MS);
    send(s, [{ key: 'a', value: '1' }]);
    expect(fetch(s, 'g', 'm1')).toHaveLength(1);
    applyAction(s, { type: 'client/join', group: 'g', member: 'm2' });
    // only the members' poll deadlines: the round cannot end before m1 polls again
    expect(nextDeadlineMs(s)).toBe(s.timeMs + 1_000_001);
    fetch(s, 'g', 'm1');
    expect(nextDeadlineMs(s)).toBe(s.timeMs + REBALANCE_MS);
  });
});

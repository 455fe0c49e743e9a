// Each Kafka rule the simulator encodes, pinned to its value and named after its source (a Kafka
// config doc, a KIP, or a class in Apache Kafka). Issue "Kafka's truth everywhere", sections 1 to 5.
import { describe, expect, it } from 'vitest';
import { applyAction, SimActionError } from './actions.ts';
import { DEFAULTS, validateConfig } from './config.ts';
import { DEFAULT_ASSIGNORS, protocolOf, selectAssignor, supportsAssignors } from './coordinator/classic/protocol.ts';
import { createSimulation, stepSimulation } from './engine.ts';
import { sim } from './testing/driver.ts';
import type { SimState } from './state.ts';
import { TICK_MS, type SimConfig } from './types.ts';
import { snapshotView } from './view.ts';

function runFor(s: SimState, ms: number): void {
  for (let t = 0; t < ms; t += TICK_MS) stepSimulation(s);
}

describe('§1 the rebalance protocol follows partition.assignment.strategy (KIP-429)', () => {
  it('ConsumerCoordinator: a consumer uses the highest protocol every assignor in its list supports', () => {
    expect(protocolOf(['range'])).toBe('eager');
    expect(protocolOf(['roundrobin'])).toBe('eager');
    expect(protocolOf(['sticky'])).toBe('eager');
    expect(protocolOf(['cooperative-sticky'])).toBe('cooperative');
    expect(protocolOf(['range', 'cooperative-sticky'])).toBe('eager');
    expect(protocolOf(['cooperative-sticky', 'range'])).toBe('eager');
  });

  it('ConsumerConfig: the default partition.assignment.strategy is [RangeAssignor, CooperativeStickyAssignor], which runs range, eager', () => {
    expect(DEFAULT_ASSIGNORS).toEqual(['range', 'cooperative-sticky']);
    expect(DEFAULTS.assignors).toEqual(['range', 'cooperative-sticky']);
    const v = snapshotView(createSimulation({ topics: [{ name: 't', partitions: 2 }], groups: [{ id: 'g', topic: 't', consumers: 1 }] }, 1));
    expect(v.settings!.groups.g).toMatchObject({ assignors: ['range', 'cooperative-sticky'], assignor: 'range', protocol: 'eager' });
  });

  it('a config cannot ask for a protocol its assignors do not give (cooperative-sticky cannot run eager-only, range cannot run cooperative)', () => {
    const base: SimConfig = { topics: [{ name: 't', partitions: 2 }], groups: [] };
    const bad = validateConfig({ ...base, groups: [{ id: 'g', topic: 't', consumers: 1, assignor: 'range', protocol: 'cooperative' }] });
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.issues[0]!.message).toMatch(/KIP-429.*\[range\] runs eager/);
    expect(validateConfig({ ...base, groups: [{ id: 'g', topic: 't', consumers: 1, assignors: ['range', 'cooperative-sticky'], protocol: 'cooperative' }] }).ok).toBe(false);
    expect(validateConfig({ ...base, groups: [{ id: 'g', topic: 't', consumers: 1, assignor: 'cooperative-sticky', protocol: 'eager' }] }).ok).toBe(false);
    expect(validateConfig({ ...base, groups: [{ id: 'g', topic: 't', consumers: 1, assignor: 'cooperative-sticky', protocol: 'cooperative' }] }).ok).toBe(true);
    const s = createSimulation({ ...base, groups: [{ id: 'g', topic: 't', consumers: 1 }] }, 1);
    expect(() => applyAction(s, { type: 'group/set-protocol', group: 'g', protocol: 'cooperative' })).toThrow(SimActionError);
  });

  it('GroupMetadata.selectProtocol: each member votes for its first assignor that every member supports', () => {
    expect(selectAssignor([['range', 'cooperative-sticky'], ['range', 'cooperative-sticky']])).toBe('range');
    expect(selectAssignor([['cooperative-sticky', 'range'], ['range', 'cooperative-sticky'], ['cooperative-sticky', 'range']])).toBe('cooperative-sticky');
    // a member that lists only cooperative-sticky leaves it as the only candidate
    expect(selectAssignor([['range', 'cooperative-sticky'], ['cooperative-sticky']])).toBe('cooperative-sticky');
    expect(selectAssignor([['range'], ['cooperative-sticky']])).toBeNull();
  });

  it('GroupMetadata.supportsProtocols: a member whose list shares no assignor with every member is refused (INCONSISTENT_GROUP_PROTOCOL)', () => {
    expect(supportsAssignors([['range'], ['range']], ['cooperative-sticky'])).toBe(false);
    expect(supportsAssignors([['range'], ['range']], ['range', 'cooperative-sticky'])).toBe(true);
    expect(supportsAssignors([], ['cooperative-sticky'])).toBe(true);
  });

  it('migration from [range]: one bounce straight to [cooperative-sticky] is refused; two bounces work (Kafka 2.4 upgrade notes, KIP-429)', () => {
    const direct = sim().topic('t', 6).producer('t', 60).group('g', 3, { assignors: ['range'] }).run('5s');
    direct.act({ type: 'group/rolling-bounce', group: 'g', assignors: ['cooperative-sticky'] }).run('20s');
    expect(direct.eventsOf('consumer/join-refused')).toHaveLength(1);
    expect(direct.eventsOf('consumer/join-refused')[0]).toMatchObject({ reason: 'inconsistent-group-protocol' });
    expect(direct.eventsOf('group/bounce-stopped')).toHaveLength(1);
    expect(direct.groupView('g').members).toHaveLength(2);

    const two = sim().topic('t', 6).producer('t', 60).group('g', 3, { assignors: ['range'] }).run('5s');
    two.act({ type: 'group/rolling-bounce', group: 'g', assignors: ['range', 'cooperative-sticky'] }).run('20s');
    expect(two.groupView('g').bounce).toBeUndefined();
    // after the first bounce every member offers cooperative-sticky, yet the group is still eager
    expect(two.groupView('g').protocol).toBe('eager');
    expect(two.groupView('g').members.every((m) => m.protocol === 'eager')).toBe(true);
    two.act({ type: 'group/rolling-bounce', group: 'g', assignors: ['cooperative-sticky'] }).run('25s');
    expect(two.eventsOf('consumer/join-refused')).toHaveLength(0);
    expect(two.groupView('g').protocol).toBe('cooperative');
    expect(two.groupView('g').assignor).toBe('cooperative-sticky');
    expect(two.groupView('g').members).toHaveLength(3);
  });

  it('migration from the default [range, cooperative-sticky]: one bounce removing range; the mixed group stays eager until every member is cooperative (ConsumerConfig doc)', () => {
    const d = sim().topic('t', 6).producer('t', 60).group('g', 3).run('5s');
    d.act({ type: 'group/rolling-bounce', group: 'g', assignors: ['cooperative-sticky'] }).run('2s');
    // one member restarted with [cooperative-sticky]: the group must use cooperative-sticky, but the other two still run eager
    const mixed = d.groupView('g');
    expect(mixed.members.filter((m) => m.protocol === 'cooperative')).toHaveLength(1);
    expect(mixed.protocol).toBe('eager');
    expect(d.eventsOf('group/rebalance-started').at(-1)).toMatchObject({ protocol: 'eager', mixed: true });
    d.run('20s');
    expect(d.eventsOf('consumer/join-refused')).toHaveLength(0);
    expect(d.groupView('g').protocol).toBe('cooperative');
    expect(d.groupView('g').assignors).toEqual(['cooperative-sticky']);
  });
});

describe('§2 unknown is not zero (kafka-consumer-groups prints "-" without a committed offset)', () => {
  it('issue example 1: group audit slowed at the start processes ~12 records/s against 100 arriving; its lag reads unknown, not 0, until it commits', () => {
    const d = sim(1)
      .topic('orders', 6)
      .producer('orders', 100, { mode: 'user', users: 1000 })
      .group('audit', 1, { autoOffsetReset: 'earliest', processing: { meanMs: 4 } })
      .act({ type: 'downstream/set', group: 'audit', downstream: { slowdown: 20 } })
      .run('20s');
    const g = d.groupView('audit');
    const unread = d.view().topics[0]!.partitions.reduce((n, p) => n + (p.highWatermark ?? 0), 0) - g.processed;
    expect(unread).toBeGreaterThan(1000);
    expect(g.maxLag).toBeNull();
    expect(g.totalLag).toBeNull();
    expect(g.lagUnknown!.length).toBeGreaterThan(0);
    // the chart shows a gap (null), never a 0, for those seconds
    expect(d.view().metrics.groups.audit!.lagMax.v.slice(3)).not.toContain(0);
    expect(d.view().metrics.groups.audit!.lagMax.v.at(-1)).toBeNull();
  });

  it('issue example 2: one consumer whose two partitions are both poisoned at t=0, 50 records/s, earliest: after 60 s the total lag is unknown, not 0', () => {
    const d = sim(3)
      .topic('t', 2)
      .producer('t', 50)
      .group('g', 1, { autoOffsetReset: 'earliest' })
      .act({ type: 'record/poison', topic: 't', partition: 0 })
      .act({ type: 'record/poison', topic: 't', partition: 1 })
      .run('60s');
    const g = d.groupView('g');
    expect(g.members[0]!.status).toBe('stuck');
    expect(g.totalLag).toBeNull();
    expect(g.maxLag).toBeNull();
    expect(g.lag).toEqual([null, null]);
  });

  it('ConsumerGroupCommand: lag is the high watermark minus the committed offset, per partition, and unknown (null) without a commit', () => {
    const d = sim().topic('t', 2).producer('t', 100).group('g', 1).run('10s');
    const v = d.view();
    const g = d.groupView('g');
    v.topics[0]!.partitions.forEach((p) => expect(g.lag[p.id]).toBe((p.highWatermark ?? 0) - g.committed[p.id]!));
    expect(g.maxLag).toBe(Math.max(...(g.lag as number[])));
  });
});

describe('§3 retriable produce errors are retried until delivery.timeout.ms (ProducerConfig, RecordAccumulator)', () => {
  it('ProducerConfig defaults: delivery.timeout.ms 120000, buffer.memory 33554432, max.block.ms 60000, max.in.flight.requests.per.connection 5', () => {
    expect(DEFAULTS.deliveryTimeoutMs).toBe(120_000);
    expect(DEFAULTS.bufferMemory).toBe(33_554_432);
    expect(DEFAULTS.maxBlockMs).toBe(60_000);
    expect(DEFAULTS.maxInFlight).toBe(5);
  });

  it('NOT_ENOUGH_REPLICAS is retriable: records wait in the buffer and fail only when delivery.timeout.ms expires', () => {
    const d = sim().brokers(3, 2).topic('t', 3, { replicationFactor: 3 }).producer('t', 100).run('5s');
    d.act({ type: 'broker/stop', broker: 1 }).act({ type: 'broker/stop', broker: 2 });
    d.run('100s');
    expect(d.view().topics[0]!.failed).toBe(0);
    const waiting = d.view().producers![0]!;
    expect(waiting.buffered).toBeGreaterThan(9000);
    expect(waiting.waitReasons.every((r) => r === 'not-enough-replicas')).toBe(true);
    d.run('30s');
    // 130 s after the stop, the records of the first 10 s have used up their 120 s
    const failed = d.view().topics[0]!.failed;
    expect(failed).toBeGreaterThan(900);
    expect(failed).toBeLessThan(1100);
    expect(d.eventsOf('record/failed').every((e) => e.reason === 'delivery-timeout')).toBe(true);
    const first = d.eventsOf('record/failed')[0]!;
    expect(first.atMs).toBeGreaterThanOrEqual(5_000 + DEFAULTS.deliveryTimeoutMs);
  });

  it('a full buffer.memory blocks send() up to max.block.ms; then the send throws (buffer-exhausted)', () => {
    const d = sim()
      .brokers(1)
      .topic('t', 1, { replicationFactor: 1 })
      .producer('t', 100, undefined, { bufferMemory: 50_000, maxBlockMs: 2_000, recordBytes: 100 })
      .withRecordEvents()
      .run('2s');
    d.act({ type: 'broker/stop', broker: 0 }).run('12s');
    const p = d.view().producers![0]!;
    // 50,000 bytes hold 500 records of 100 bytes: then the application blocks instead of producing more
    expect(p.buffered).toBe(500);
    expect(p.blockedSinceMs).not.toBeNull();
    expect(d.eventsOf('producer/blocked')).toHaveLength(1);
    const thrown = d.eventsOf('record/failed').filter((e) => e.reason === 'buffer-exhausted');
    expect(thrown.length).toBeGreaterThan(0);
    expect(thrown[0]!.atMs - d.eventsOf('producer/blocked')[0]!.atMs).toBe(2_000);
  });

  it('producer/send still answers each request at once with its Kafka error (real clients retry themselves)', () => {
    const s = createSimulation({ brokers: 1, topics: [{ name: 't', partitions: 1, replicationFactor: 1 }] }, 1);
    applyAction(s, { type: 'broker/stop', broker: 0 });
    const early = applyAction(s, { type: 'producer/send', topic: 't', records: [{ key: 'k', value: 'v' }] });
    expect(early.sent).toEqual([{ partition: 0, error: 'request-timed-out' }]);
    runFor(s, DEFAULTS.brokerSessionTimeoutMs + TICK_MS);
    const late = applyAction(s, { type: 'producer/send', topic: 't', records: [{ key: 'k', value: 'v' }] });
    expect(late.sent).toEqual([{ partition: 0, error: 'partition-offline' }]);
  });
});

describe('§4 keyless records go only to partitions that have a leader (KIP-794, BuiltInPartitioner)', () => {
  it('the rate producer: once a partition is offline, no new keyless record goes to it and none fails', () => {
    const d = sim().brokers(3).topic('t', 3, { replicationFactor: 1 }).producer('t', 300, { mode: 'none' }).run('5s');
    const dead = d.view().topics[0]!.partitions.find((p) => p.leader === 2)!.id;
    d.act({ type: 'broker/stop', broker: 2 }).run(`${DEFAULTS.brokerSessionTimeoutMs + 1000}ms`);
    expect(d.view().topics[0]!.partitions[dead]!.offline).toBe(true);
    const waitingBefore = d.view().producers![0]!.waiting[dead]!;
    const endsBefore = d.view().topics[0]!.partitions.map((p) => p.logEndOffset);
    d.run('30s');
    const v = d.view();
    expect(v.topics[0]!.failed).toBe(0);
    expect(v.producers![0]!.waiting[dead]).toBe(waitingBefore);
    v.topics[0]!.partitions.forEach((p) => {
      if (p.id === dead) expect(p.logEndOffset).toBe(endsBefore[p.id]);
      else expect(p.logEndOffset).toBeGreaterThan(endsBefore[p.id]! + 2000);
    });
  });

  it('producer/send: keyless records without a partition skip partitions with no leader', () => {
    const s = createSimulation({ brokers: 2, topics: [{ name: 't', partitions: 4, replicationFactor: 1 }] }, 2);
    applyAction(s, { type: 'broker/stop', broker: 1 });
    runFor(s, DEFAULTS.brokerSessionTimeoutMs + TICK_MS);
    const offline = s.topics[0]!.partitions.filter((P) => P.leader < 0).map((P) => P.id);
    expect(offline.length).toBe(2);
    for (let i = 0; i < 50; i++) {
      const r = applyAction(s, { type: 'producer/send', topic: 't', records: Array.from({ length: 40 }, (_, k) => ({ key: null, value: `v${i}-${k}` })) });
      for (const x of r.sent!) {
        expect(offline).not.toContain(x.partition);
        expect('error' in x).toBe(false);
      }
    }
  });
});

describe('§5 replication happens in time (KRaft controller, ReplicaManager, Partition)', () => {
  it('broker.session.timeout.ms (9000, KRaft): leadership moves only when the controller fences the stopped broker; until then its partitions take no writes', () => {
    expect(DEFAULTS.brokerSessionTimeoutMs).toBe(9_000);
    const d = sim().brokers(3).topic('t', 3, { replicationFactor: 3 }).producer('t', 100).withRecordEvents().run('2s');
    const led = d.view().topics[0]!.partitions.find((p) => p.leader === 0)!.id;
    d.act({ type: 'broker/stop', broker: 0 }).run('8s');
    expect(d.view().topics[0]!.partitions[led]!.leader).toBe(0);
    expect(d.view().topics[0]!.partitions[led]!.leaderUnreachable).toBe(true);
    expect(d.view().topics[0]!.partitions[led]!.isr).toContain(0);
    expect(d.eventsOf('broker/fenced')).toHaveLength(0);
    d.run('1100ms');
    expect(d.eventsOf('broker/fenced')).toHaveLength(1);
    expect(d.eventsOf('broker/fenced')[0]!.afterMs).toBeGreaterThanOrEqual(9_000);
    expect(d.eventsOf('broker/fenced')[0]!.afterMs).toBeLessThan(9_000 + 2 * TICK_MS);
    expect(d.view().topics[0]!.partitions[led]!.leader).not.toBe(0);
    expect(d.view().topics[0]!.partitions.every((p) => !p.isr.includes(0))).toBe(true);
  });

  it('acks=all waits for the whole current ISR, not just min.insync.replicas: a stopped follower stalls acks until it leaves the ISR', () => {
    // min.insync.replicas 1 (the default floor): the ISR of 3 still lists the stopped follower for 9 s
    const d = sim().brokers(3, 1).topic('t', 1, { replicationFactor: 3 }).producer('t', 100, undefined, { acks: 'all' }).run('2s');
    const follower = d.view().topics[0]!.partitions[0]!.replicas.find((r) => r !== d.view().topics[0]!.partitions[0]!.leader)!;
    d.act({ type: 'broker/stop', broker: follower }).run('5s');
    const p = d.view().topics[0]!.partitions[0]!;
    const hw = p.highWatermark!;
    expect(p.logEndOffset - hw).toBeGreaterThan(400);
    expect(d.view().producers![0]!.unacked[0]).toBeGreaterThan(400);
    d.run('5s');
    // fenced: the follower left the ISR, the high watermark caught up and the waiting records were acknowledged, about 9 s late
    expect(d.view().topics[0]!.partitions[0]!.highWatermark).toBe(d.view().topics[0]!.partitions[0]!.logEndOffset);
    expect(d.view().producers![0]!.buffered).toBe(0);
    expect(d.view().producers![0]!.maxLatencyMs).toBeGreaterThanOrEqual(8_500);
    expect(d.view().topics[0]!.failed).toBe(0);
  });

  it('replica.lag.time.max.ms (30000, Partition.maybeShrinkIsr): a follower that stops fetching leaves the ISR after 30 s when its broker is not fenced first', () => {
    expect(DEFAULTS.replicaLagTimeMaxMs).toBe(30_000);
    const d = sim()
      .brokers(3)
      .configure({ brokerSessionTimeoutMs: 600_000 })
      .topic('t', 1, { replicationFactor: 3 })
      .producer('t', 50)
      .withRecordEvents()
      .run('2s');
    const follower = d.view().topics[0]!.partitions[0]!.replicas.find((r) => r !== d.view().topics[0]!.partitions[0]!.leader)!;
    d.act({ type: 'broker/stop', broker: follower }).run('29s');
    expect(d.view().topics[0]!.partitions[0]!.isr).toContain(follower);
    d.run('2s');
    expect(d.view().topics[0]!.partitions[0]!.isr).not.toContain(follower);
    const shrink = d.eventsOf('partition/isr-changed').find((e) => e.removed === follower)!;
    expect(shrink.reason).toBe('lagging');
    expect(shrink.atMs - 2_000).toBeGreaterThan(30_000);
    expect(shrink.atMs - 2_000).toBeLessThanOrEqual(30_000 + 2 * TICK_MS);
  });

  it('the leader is always a member of the ISR; min.insync.replicas is the floor below which acks=all writes are refused', () => {
    const d = sim().brokers(3, 2).topic('t', 3, { replicationFactor: 3 }).producer('t', 50).run('2s');
    const check = () => {
      for (const p of d.view().topics[0]!.partitions) if (p.leader >= 0) expect(p.isr).toContain(p.leader);
    };
    check();
    d.act({ type: 'broker/stop', broker: 0 }).run('10s');
    check();
    d.act({ type: 'broker/stop', broker: 1 }).run('10s');
    check();
    expect(d.view().topics[0]!.partitions.every((p) => p.isr.length === 1)).toBe(true);
    expect(d.view().producers![0]!.waitReasons.filter((r) => r === 'not-enough-replicas').length).toBe(3);
  });

  it('consumers read only below the high watermark, and auto.offset.reset=latest starts there', () => {
    const d = sim()
      .brokers(3)
      .topic('t', 1, { replicationFactor: 3 })
      .producer('t', 100, undefined, { acks: '1' })
      .group('g', 1, { commit: { mode: 'after-processing' } })
      .run('5s');
    const follower = d.view().topics[0]!.partitions[0]!.replicas.find((r) => r !== d.view().topics[0]!.partitions[0]!.leader)!;
    d.act({ type: 'broker/stop', broker: follower }).run('5s');
    const p = d.view().topics[0]!.partitions[0]!;
    // acks=1 writes go on; the stopped follower holds the high watermark, so the group reads none of them
    expect(p.logEndOffset - p.highWatermark!).toBeGreaterThan(400);
    expect(d.groupView('g').committed[0]).toBe(p.highWatermark);
    expect(d.groupView('g').lag[0]).toBe(0);
    d.act({ type: 'group/add', group: { id: 'late', topic: 't', consumers: 1 } }).run('4s');
    expect(d.groupView('late').committed[0] ?? d.state.groups[1]!.position[0]).toBeLessThanOrEqual(d.view().topics[0]!.partitions[0]!.highWatermark!);
  });

  it('retention deletes only records below the high watermark (UnifiedLog)', () => {
    const d = sim()
      .brokers(3)
      .topic('t', 1, { replicationFactor: 3, retentionBytes: 10_000 })
      .producer('t', 100, undefined, { acks: '1', recordBytes: 100 })
      .run('5s');
    const follower = d.view().topics[0]!.partitions[0]!.replicas.find((r) => r !== d.view().topics[0]!.partitions[0]!.leader)!;
    d.act({ type: 'broker/stop', broker: follower }).run('8s');
    const p = d.view().topics[0]!.partitions[0]!;
    expect(p.logStartOffset).toBeLessThanOrEqual(p.highWatermark!);
    expect(p.logEndOffset - p.logStartOffset).toBeGreaterThan(100);
  });
});

import { afterEach, describe, expect, it } from 'vitest';
import { KafkaCluster } from './cluster.ts';
import { ManualClock } from './clock.ts';
import { KAFKA_BROKER_DEFAULTS } from './config.ts';
import { frame } from './framing.ts';
import { ERR } from '../protocol/errors.ts';
import { APIS } from '../protocol/apis.ts';
import { buildBatch, encodeBatch } from '../records/batch.ts';
import { TestClient } from '../test/client.ts';

const enc = new TextEncoder();
const batch = (values: string[], opts: Parameters<typeof buildBatch>[2] = {}, ts = 1_700_000_000_000) =>
  encodeBatch(buildBatch(0, values.map((v, i) => ({ key: enc.encode(`k${i}`), value: enc.encode(v), timestamp: ts + i })), opts)).slice();

let clusters: KafkaCluster[] = [];
function cluster(options: ConstructorParameters<typeof KafkaCluster>[0] = {}): KafkaCluster {
  const c = new KafkaCluster({ brokers: 3, ...options, config: { groupInitialRebalanceDelayMs: 0, ...options.config } });
  clusters.push(c);
  return c;
}
afterEach(() => {
  for (const c of clusters) c.close();
  clusters = [];
});

function produce(client: TestClient, topic: string, partition: number, records: Uint8Array, acks = -1, version = 7) {
  return client.call('Produce', version, { transactionalId: null, acks, timeoutMs: 1000, topicData: [{ name: topic, partitionData: [{ index: partition, records }] }] });
}

function leaderOf(c: KafkaCluster, topic: string, p: number): number {
  return c.sim.topics.find((t) => t.name === topic)!.partitions[p]!.leader;
}

describe('broker core: the handshake and metadata', () => {
  it('advertises every API with Kafka 4.0 oldest and the clients newest versions', async () => {
    const c = cluster();
    const r = await new TestClient(c).call('ApiVersions', 3, { clientSoftwareName: 'test', clientSoftwareVersion: '1' });
    const byKey = new Map(r.apiKeys.map((k) => [k.apiKey, [k.minVersion, k.maxVersion]]));
    expect(byKey.get(APIS.Produce.key)).toEqual([3, 7]);
    expect(byKey.get(APIS.Fetch.key)).toEqual([4, 11]);
    expect(byKey.get(APIS.Metadata.key)).toEqual([0, 6]);
    expect(byKey.get(APIS.OffsetFetch.key)).toEqual([1, 7]);
    // transactions are not advertised
    expect(byKey.has(24)).toBe(false);
  });

  it('answers an ApiVersions version it does not know with UNSUPPORTED_VERSION and its list (KIP-511)', async () => {
    const c = cluster();
    const client = new TestClient(c);
    const w = new Uint8Array([0, 18, 0, 99, 0, 0, 0, 7, 0, 1, 0x78, 0]);
    client.raw(frame(w));
    await new Promise((r) => setTimeout(r, 20));
    expect(client.closed).toBe(false);
    expect(client.pendingFrames).toBe(1);
  });

  it('auto-creates an unknown topic with num.partitions (1) and default.replication.factor (1), as Kafka does', async () => {
    const c = cluster();
    const r = await new TestClient(c).call('Metadata', 4, { topics: [{ name: 'fresh' }], allowAutoTopicCreation: true });
    expect(r.topics[0]).toMatchObject({ errorCode: ERR.NONE, name: 'fresh', partitions: [{ partitionIndex: 0, replicaNodes: [expect.any(Number)] }] });
    const off = await new TestClient(c).call('Metadata', 4, { topics: [{ name: 'other' }], allowAutoTopicCreation: false });
    expect(off.topics[0]!.errorCode).toBe(ERR.UNKNOWN_TOPIC_OR_PARTITION);
    const bad = await new TestClient(c).call('Metadata', 4, { topics: [{ name: 'bad name!' }], allowAutoTopicCreation: true });
    expect(bad.topics[0]!.errorCode).toBe(ERR.INVALID_TOPIC_EXCEPTION);
  });

  it('lists a crashed broker, still leading, until the controller fences it after broker.session.timeout.ms (9000, KRaft); then leaders move', async () => {
    const clock = new ManualClock();
    const c = cluster({ clock });
    c.act({ type: 'topic/create', topic: { name: 't', partitions: 3, replicationFactor: 3 } });
    const before = leaderOf(c, 't', 0);
    c.stopBroker(before);
    const client = new TestClient(c, (before + 1) % 3);
    const early = await client.call('Metadata', 6, { topics: null, allowAutoTopicCreation: false });
    expect(early.brokers.map((b) => b.nodeId)).toContain(before);
    expect(early.topics[0]!.partitions.find((p) => p.partitionIndex === 0)!.leaderId).toBe(before);
    clock.advance(KAFKA_BROKER_DEFAULTS.brokerSessionTimeoutMs + 200);
    const r = await client.call('Metadata', 6, { topics: null, allowAutoTopicCreation: false });
    expect(r.brokers.map((b) => b.nodeId)).not.toContain(before);
    const p0 = r.topics[0]!.partitions.find((p) => p.partitionIndex === 0)!;
    expect(p0.leaderId).not.toBe(before);
    expect(p0.isrNodes).not.toContain(before);
    expect(p0.offlineReplicas).toEqual([before]);
  });
});

describe('broker core: produce and fetch', () => {
  it('appends a batch, returns its base offset, and fetches the same bytes back with headers and timestamps', async () => {
    const c = cluster();
    c.act({ type: 'topic/create', topic: { name: 't', partitions: 1, replicationFactor: 1 } });
    const client = new TestClient(c, leaderOf(c, 't', 0));
    const r = await produce(client, 't', 0, batch(['a', 'b']));
    expect(r.responses[0]!.partitionResponses[0]).toMatchObject({ errorCode: ERR.NONE, baseOffset: 0 });
    const f = await client.call('Fetch', 11, { maxWaitMs: 0, minBytes: 0, maxBytes: 1 << 20, topics: [{ topic: 't', partitions: [{ partition: 0, fetchOffset: 0, partitionMaxBytes: 1 << 20 }] }] });
    const p = f.responses[0]!.partitions[0]!;
    expect(p.highWatermark).toBe(2);
    const { decodeBatches } = await import('../records/batch.ts');
    const [b] = decodeBatches(p.records!);
    expect(b!.records.map((x) => new TextDecoder().decode(x.value!))).toEqual(['a', 'b']);
    expect(b!.baseTimestamp).toBe(1_700_000_000_000);
  });

  it('answers UNKNOWN_TOPIC_OR_PARTITION for a partition that does not exist, and NOT_LEADER_OR_FOLLOWER off the leader', async () => {
    const c = cluster();
    c.act({ type: 'topic/create', topic: { name: 't', partitions: 1, replicationFactor: 1 } });
    const leader = leaderOf(c, 't', 0);
    const client = new TestClient(c, leader);
    expect((await produce(client, 't', 5, batch(['x']))).responses[0]!.partitionResponses[0]!.errorCode).toBe(ERR.UNKNOWN_TOPIC_OR_PARTITION);
    expect((await produce(client, 'nope', 0, batch(['x']))).responses[0]!.partitionResponses[0]!.errorCode).toBe(ERR.UNKNOWN_TOPIC_OR_PARTITION);
    const f = await client.call('Fetch', 11, { maxWaitMs: 0, minBytes: 0, maxBytes: 1000, topics: [{ topic: 't', partitions: [{ partition: 9, fetchOffset: 0, partitionMaxBytes: 1000 }] }] });
    expect(f.responses[0]!.partitions[0]!.errorCode).toBe(ERR.UNKNOWN_TOPIC_OR_PARTITION);
    const lo = await client.call('ListOffsets', 3, { replicaId: -1, isolationLevel: 0, topics: [{ name: 't', partitions: [{ partitionIndex: 3, timestamp: -1 }] }] });
    expect(lo.topics[0]!.partitions[0]!.errorCode).toBe(ERR.UNKNOWN_TOPIC_OR_PARTITION);
    const other = new TestClient(c, (leader + 1) % 3);
    expect((await produce(other, 't', 0, batch(['x']))).responses[0]!.partitionResponses[0]!.errorCode).toBe(ERR.NOT_LEADER_OR_FOLLOWER);
  });

  it('refuses a bad CRC (CORRUPT_MESSAGE), a batch over message.max.bytes (MESSAGE_TOO_LARGE), bad acks (INVALID_REQUIRED_ACKS) and appends nothing', async () => {
    const c = cluster({ config: { messageMaxBytes: 200 } });
    c.act({ type: 'topic/create', topic: { name: 't', partitions: 1, replicationFactor: 1 } });
    const client = new TestClient(c, leaderOf(c, 't', 0));
    const corrupt = batch(['a']);
    corrupt[corrupt.length - 1] = corrupt[corrupt.length - 1]! ^ 1;
    expect((await produce(client, 't', 0, corrupt)).responses[0]!.partitionResponses[0]!.errorCode).toBe(ERR.CORRUPT_MESSAGE);
    expect((await produce(client, 't', 0, batch(['x'.repeat(500)]))).responses[0]!.partitionResponses[0]!.errorCode).toBe(ERR.MESSAGE_TOO_LARGE);
    expect((await produce(client, 't', 0, batch(['a']), 2)).responses[0]!.partitionResponses[0]!.errorCode).toBe(ERR.INVALID_REQUIRED_ACKS);
    expect(c.sim.topics[0]!.partitions[0]!.logEnd).toBe(0);
  });

  it('acks=all waits for stopped followers until they are fenced (REQUEST_TIMED_OUT), then answers NOT_ENOUGH_REPLICAS below min.insync.replicas; acks=1 appends', async () => {
    const clock = new ManualClock();
    const c = cluster({ clock });
    c.act({ type: 'topic/create', topic: { name: 't', partitions: 1, replicationFactor: 3, minInsyncReplicas: 2 } });
    const leader = leaderOf(c, 't', 0);
    for (const b of [0, 1, 2]) if (b !== leader) c.stopBroker(b);
    const client = new TestClient(c, leader);
    // the stopped followers are still in the ISR: Kafka's acks=all would wait for them until request.timeout.ms
    expect((await produce(client, 't', 0, batch(['a']), -1)).responses[0]!.partitionResponses[0]!.errorCode).toBe(ERR.REQUEST_TIMED_OUT);
    expect((await produce(client, 't', 0, batch(['a']), 1)).responses[0]!.partitionResponses[0]).toMatchObject({ errorCode: ERR.NONE, baseOffset: 0 });
    clock.advance(KAFKA_BROKER_DEFAULTS.brokerSessionTimeoutMs + 200);
    expect(c.sim.topics[0]!.partitions[0]!.isr).toEqual([leader]);
    expect((await produce(client, 't', 0, batch(['b']), -1)).responses[0]!.partitionResponses[0]!.errorCode).toBe(ERR.NOT_ENOUGH_REPLICAS);
    expect((await produce(client, 't', 0, batch(['b']), 1)).responses[0]!.partitionResponses[0]).toMatchObject({ errorCode: ERR.NONE, baseOffset: 1 });
  });

  it('sends no response for acks=0, and closes the connection when such a write fails', async () => {
    const c = cluster();
    c.act({ type: 'topic/create', topic: { name: 't', partitions: 1, replicationFactor: 1 } });
    const client = new TestClient(c, leaderOf(c, 't', 0));
    client.raw(client.encode('Produce', 7, { transactionalId: null, acks: 0, timeoutMs: 1000, topicData: [{ name: 't', partitionData: [{ index: 0, records: batch(['a']) }] }] }));
    await new Promise((r) => setTimeout(r, 20));
    expect(client.pendingFrames).toBe(0);
    expect(c.sim.topics[0]!.partitions[0]!.logEnd).toBe(1);
    client.raw(client.encode('Produce', 7, { transactionalId: null, acks: 0, timeoutMs: 1000, topicData: [{ name: 't', partitionData: [{ index: 7, records: batch(['a']) }] }] }));
    await new Promise((r) => setTimeout(r, 20));
    expect(client.closed).toBe(true);
  });

  it('refuses snappy with UNSUPPORTED_COMPRESSION_TYPE and takes gzip', async () => {
    const c = cluster();
    c.act({ type: 'topic/create', topic: { name: 't', partitions: 1, replicationFactor: 1 } });
    const client = new TestClient(c, leaderOf(c, 't', 0));
    expect((await produce(client, 't', 0, batch(['a', 'b'], { compression: 'gzip' }))).responses[0]!.partitionResponses[0]!.errorCode).toBe(ERR.NONE);
    const snappy = batch(['a']);
    const { crc32c } = await import('@aws-crypto/crc32c');
    const v = new DataView(snappy.buffer);
    v.setInt16(21, 2);
    v.setUint32(17, crc32c(snappy.subarray(21)) >>> 0);
    expect((await produce(client, 't', 0, snappy)).responses[0]!.partitionResponses[0]!.errorCode).toBe(ERR.UNSUPPORTED_COMPRESSION_TYPE);
  });

  it('idempotent producer: a retried batch is not written twice, a gap is OUT_OF_ORDER_SEQUENCE_NUMBER', async () => {
    const c = cluster();
    c.act({ type: 'topic/create', topic: { name: 't', partitions: 1, replicationFactor: 1 } });
    const client = new TestClient(c, leaderOf(c, 't', 0));
    const id = await client.call('InitProducerId', 1, { transactionalId: null, transactionTimeoutMs: 60000 });
    expect(id).toMatchObject({ errorCode: ERR.NONE, producerId: 0, producerEpoch: 0 });
    const b0 = batch(['a', 'b'], { producerId: 0, producerEpoch: 0, baseSequence: 0 });
    expect((await produce(client, 't', 0, b0)).responses[0]!.partitionResponses[0]).toMatchObject({ errorCode: ERR.NONE, baseOffset: 0 });
    expect((await produce(client, 't', 0, b0)).responses[0]!.partitionResponses[0]).toMatchObject({ errorCode: ERR.NONE, baseOffset: 0 });
    expect(c.sim.topics[0]!.partitions[0]!.logEnd).toBe(2);
    const gap = batch(['c'], { producerId: 0, producerEpoch: 0, baseSequence: 5 });
    expect((await produce(client, 't', 0, gap)).responses[0]!.partitionResponses[0]!.errorCode).toBe(ERR.OUT_OF_ORDER_SEQUENCE_NUMBER);
    const txn = await client.call('InitProducerId', 1, { transactionalId: 'tx', transactionTimeoutMs: 60000 });
    expect(txn.errorCode).toBe(ERR.TRANSACTIONAL_ID_AUTHORIZATION_FAILED);
  });

  it('holds a fetch until min.bytes arrive or max.wait.ms passes (delayed fetch)', async () => {
    const clock = new ManualClock();
    const c = cluster({ clock });
    c.act({ type: 'topic/create', topic: { name: 't', partitions: 1, replicationFactor: 1 } });
    const leader = leaderOf(c, 't', 0);
    const consumer = new TestClient(c, leader);
    const pending = consumer.call('Fetch', 11, { maxWaitMs: 500, minBytes: 1, maxBytes: 1 << 20, topics: [{ topic: 't', partitions: [{ partition: 0, fetchOffset: 0, partitionMaxBytes: 1 << 20 }] }] }, 3000);
    clock.advance(100);
    expect(consumer.pendingFrames).toBe(0);
    const producer = new TestClient(c, leader);
    await produce(producer, 't', 0, batch(['late']));
    const r = await pending;
    expect(r.responses[0]!.partitions[0]!.highWatermark).toBe(1);
    const empty = consumer.call('Fetch', 11, { maxWaitMs: 500, minBytes: 1, maxBytes: 1 << 20, topics: [{ topic: 't', partitions: [{ partition: 0, fetchOffset: 1, partitionMaxBytes: 1 << 20 }] }] }, 3000);
    clock.advance(600);
    expect((await empty).responses[0]!.partitions[0]!.records!.length).toBe(0);
  });

  it('lists offsets: earliest, latest, and the first record at or after a timestamp', async () => {
    const c = cluster();
    c.act({ type: 'topic/create', topic: { name: 't', partitions: 1, replicationFactor: 1 } });
    const client = new TestClient(c, leaderOf(c, 't', 0));
    await produce(client, 't', 0, batch(['a', 'b', 'c'], {}, 1000));
    const q = (timestamp: number) => client.call('ListOffsets', 3, { replicaId: -1, isolationLevel: 0, topics: [{ name: 't', partitions: [{ partitionIndex: 0, timestamp }] }] }).then((r) => r.topics[0]!.partitions[0]!);
    expect((await q(-2)).offset).toBe(0);
    expect((await q(-1)).offset).toBe(3);
    expect(await q(1001)).toMatchObject({ offset: 1, timestamp: 1001 });
    expect((await q(5000)).offset).toBe(-1);
  });
});

describe('broker core: bad input', () => {
  it('closes the connection on an unknown API key, an unsupported version, a malformed body, an empty or an oversized frame', async () => {
    const c = cluster({ config: { socketRequestMaxBytes: 1000 } });
    const unknownKey = new TestClient(c);
    unknownKey.raw(frame(new Uint8Array([0x03, 0xe7, 0, 0, 0, 0, 0, 1, 0xff, 0xff])));
    const badVersion = new TestClient(c);
    badVersion.raw(badVersion.encode('Metadata', 4, { topics: null }).map((b, i) => (i === 7 ? 42 : b)));
    const malformed = new TestClient(c);
    malformed.raw(frame(new Uint8Array([0, 3, 0, 4, 0, 0, 0, 1, 0xff, 0xff, 0x7f, 0xff, 0xff, 0xff])));
    const oversized = new TestClient(c);
    oversized.raw(new Uint8Array([0, 0, 0x10, 0]));
    const garbage = new TestClient(c);
    garbage.raw(new Uint8Array([0xff, 0xff, 0xff, 0xfe]));
    const empty = new TestClient(c);
    empty.raw(new Uint8Array([0, 0, 0, 0]));
    await new Promise((r) => setTimeout(r, 20));
    expect([unknownKey.closed, badVersion.closed, malformed.closed, oversized.closed, garbage.closed, empty.closed]).toEqual([true, true, true, true, true, true]);
    // the broker goes on serving others
    const ok = await new TestClient(c).call('Metadata', 6, { topics: null, allowAutoTopicCreation: false });
    expect(ok.brokers.length).toBe(3);
  });

  it('closes a connection whose zero-size frame arrives whole or in pieces, and keeps serving the others (it once crashed the process)', async () => {
    // Kafka's NetworkReceive refuses only sizes below zero; a size of 0 is an empty frame whose
    // request header cannot be read, so the request is invalid and the connection is closed
    const c = cluster();
    const empty = new TestClient(c);
    empty.raw(new Uint8Array([0, 0, 0, 0]));
    const split = new TestClient(c);
    split.raw(new Uint8Array([0, 0]));
    split.raw(new Uint8Array([0, 0]));
    await new Promise((r) => setTimeout(r, 20));
    expect([empty.closed, split.closed]).toEqual([true, true]);
    const ok = await new TestClient(c).call('Metadata', 6, { topics: null, allowAutoTopicCreation: false });
    expect(ok.brokers.length).toBe(3);
  });

  it('keeps a truncated frame pending, answers nothing, and loses nothing when the peer goes away', async () => {
    const c = cluster();
    const client = new TestClient(c);
    const whole = client.encode('Metadata', 6, { topics: null, allowAutoTopicCreation: false });
    client.raw(whole.subarray(0, 9));
    await new Promise((r) => setTimeout(r, 20));
    expect(client.pendingFrames).toBe(0);
    expect(client.closed).toBe(false);
    client.raw(whole.subarray(9));
    await new Promise((r) => setTimeout(r, 20));
    expect(client.pendingFrames).toBe(1);
    client.raw(whole.subarray(0, 5));
    client.conn.closed();
    expect(c.connectionCount).toBe(0);
  });

  it('closes idle connections after connections.max.idle.ms, as Kafka does', () => {
    const clock = new ManualClock();
    const c = cluster({ clock, config: { connectionsMaxIdleMs: 600_000 } });
    const clients = Array.from({ length: 1000 }, (_, i) => new TestClient(c, i % 3));
    expect(c.connectionCount).toBe(1000);
    clock.advance(599_000);
    expect(c.connectionCount).toBe(1000);
    clock.advance(2_000);
    expect(c.connectionCount).toBe(0);
    expect(clients.every((x) => x.closed)).toBe(true);
  });
});

describe('broker core: committed offsets and generations', () => {
  it('refuses a commit from a fenced generation (ILLEGAL_GENERATION) and from an unknown member, and takes one from the current generation during PreparingRebalance', async () => {
    // Kafka's classic coordinator (GroupCoordinator.handleCommitOffsets, ClassicGroup.validateOffsetCommit):
    // unknown member -> UNKNOWN_MEMBER_ID; generation != the group's -> ILLEGAL_GENERATION;
    // CompletingRebalance -> REBALANCE_IN_PROGRESS; PreparingRebalance with the current generation -> accepted
    const c = cluster();
    c.act({ type: 'topic/create', topic: { name: 't', partitions: 2, replicationFactor: 1 } });
    const fc = await new TestClient(c).call('FindCoordinator', 2, { key: 'g', keyType: 0 });
    const a = new TestClient(c, fc.nodeId);
    const b = new TestClient(c, fc.nodeId);
    const join = (cl: TestClient, memberId: string) =>
      cl.call('JoinGroup', 3, { groupId: 'g', sessionTimeoutMs: 10_000, rebalanceTimeoutMs: 10_000, memberId, protocolType: 'consumer', protocols: [{ name: 'range', metadata: new Uint8Array(0) }] }, 5000);
    const commit = (cl: TestClient, memberId: string, generation: number, offset: number) =>
      cl.call('OffsetCommit', 7, { groupId: 'g', generationIdOrMemberEpoch: generation, memberId, groupInstanceId: null, topics: [{ name: 't', partitions: [{ partitionIndex: 0, committedOffset: offset, committedLeaderEpoch: -1, committedMetadata: null }] }] })
        .then((r) => r.topics[0]!.partitions[0]!.errorCode);
    const j1 = await join(a, '');
    expect(j1).toMatchObject({ errorCode: ERR.NONE, generationId: 1 });
    const m1 = j1.memberId;
    expect((await a.call('SyncGroup', 3, { groupId: 'g', generationId: 1, memberId: m1, groupInstanceId: null, assignments: [{ memberId: m1, assignment: new Uint8Array(0) }] })).errorCode).toBe(ERR.NONE);
    expect(await commit(a, m1, 1, 5)).toBe(ERR.NONE);
    expect(await commit(a, 'nobody', 1, 5)).toBe(ERR.UNKNOWN_MEMBER_ID);
    // a second member starts a rebalance: the first may still commit with its generation
    const j2 = join(b, '');
    await new Promise((r) => setTimeout(r, 150));
    expect(await commit(a, m1, 1, 6)).toBe(ERR.NONE);
    const [r1, r2] = await Promise.all([join(a, m1), j2]);
    expect([r1.generationId, r2.generationId]).toEqual([2, 2]);
    // the group is now CompletingRebalance (no SyncGroup yet)
    expect(await commit(a, m1, 2, 7)).toBe(ERR.REBALANCE_IN_PROGRESS);
    // generation 1 is fenced
    expect(await commit(a, m1, 1, 8)).toBe(ERR.ILLEGAL_GENERATION);
    const fetched = await a.call('OffsetFetch', 7, { groupId: 'g', topics: [{ name: 't', partitionIndexes: [0] }], requireStable: false });
    expect(fetched.topics[0]!.partitions[0]!.committedOffset).toBe(6);
  });
});

describe('broker core: a slowed group', () => {
  it("holds and trims the fetches of a slowed group's members (the live view's slow downstream)", async () => {
    const clock = new ManualClock();
    const c = cluster({ clock });
    c.act({ type: 'topic/create', topic: { name: 't', partitions: 1, replicationFactor: 1 } });
    const leader = leaderOf(c, 't', 0);
    const client = new TestClient(c, leader);
    await produce(client, 't', 0, batch(Array.from({ length: 60 }, (_, i) => `v${i}`)));
    // a member with this client's id owns partition 0
    const id = c.act({ type: 'group/join', group: 'g', memberId: '', groupInstanceId: null, clientId: 'test-client', clientHost: 'h', sessionTimeoutMs: 30000, rebalanceTimeoutMs: 30000, protocolType: 'consumer', protocols: [{ name: 'range', metadata: '' }], requireKnownMemberId: false, subscribedTopics: ['t'] }).join!.memberId;
    c.act({ type: 'group/sync', group: 'g', memberId: id, generationId: 1, assignments: [{ memberId: id, assignment: '', partitions: [{ topic: 't', partitions: [0] }] }] });
    c.act({ type: 'group/set-slowdown', group: 'g', slowdown: 5 });
    const fetch = client.call('Fetch', 11, { maxWaitMs: 0, minBytes: 0, maxBytes: 1 << 20, topics: [{ topic: 't', partitions: [{ partition: 0, fetchOffset: 0, partitionMaxBytes: 1 << 20 }] }] }, 3000);
    clock.advance(500);
    expect(client.pendingFrames).toBe(0);
    clock.advance(400);
    const r = await fetch;
    const { decodeBatches } = await import('../records/batch.ts');
    expect(decodeBatches(r.responses[0]!.partitions[0]!.records!)[0]!.records.length).toBe(20);
  });
});

describe('broker core: groups on the clock', () => {
  it('answers a JoinGroup when group.initial.rebalance.delay.ms runs out, on the broker clock alone', async () => {
    const clock = new ManualClock();
    const c = new KafkaCluster({ brokers: 1, clock, config: { groupInitialRebalanceDelayMs: 3000 } });
    clusters.push(c);
    const client = new TestClient(c, 0);
    const join = (memberId: string) =>
      client.call('JoinGroup', 5, { groupId: 'g', sessionTimeoutMs: 10000, rebalanceTimeoutMs: 60000, memberId, groupInstanceId: null, protocolType: 'consumer', protocols: [{ name: 'range', metadata: new Uint8Array(0) }] }, 5000);
    const first = await join('');
    expect(first.errorCode).toBe(ERR.MEMBER_ID_REQUIRED);
    const pending = join(first.memberId);
    clock.advance(2900);
    await new Promise((r) => setTimeout(r, 10));
    expect(client.pendingFrames).toBe(0);
    clock.advance(200);
    expect(await pending).toMatchObject({ errorCode: ERR.NONE, generationId: 1, leader: first.memberId, memberId: first.memberId });
  });
});

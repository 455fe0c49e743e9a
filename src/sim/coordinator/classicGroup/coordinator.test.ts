import { describe, expect, it } from 'vitest';
import { applyAction, createSimulation, stepSimulation, TICK_MS, type SimAction, type SimState } from '../../index.ts';
import { committedOffsets, DEFAULT_COORDINATOR, groupCoordinator, joinOutcome, syncOutcome } from './index.ts';
import { classicGroupView } from './view.ts';

function sim(coordinator: Partial<typeof DEFAULT_COORDINATOR> = {}): SimState {
  const s = createSimulation({ brokers: 3, topics: [{ name: 'orders', partitions: 4 }], coordinator: { initialRebalanceDelayMs: 0, ...coordinator } }, 1);
  return s;
}

function join(s: SimState, memberId = '', extra: Partial<Extract<SimAction, { type: 'group/join' }>> = {}) {
  return applyAction(s, {
    type: 'group/join',
    group: 'g',
    memberId,
    groupInstanceId: null,
    clientId: 'c',
    clientHost: '/127.0.0.1',
    sessionTimeoutMs: 10_000,
    rebalanceTimeoutMs: 10_000,
    protocolType: 'consumer',
    protocols: [{ name: 'range', metadata: 'AA==' }],
    requireKnownMemberId: true,
    subscribedTopics: ['orders'],
    ...extra,
  }).join!;
}

function run(s: SimState, ms: number) {
  for (let t = 0; t < ms; t += TICK_MS) stepSimulation(s);
}

describe('classic group coordinator (Kafka ClassicGroup)', () => {
  it('pins Kafka defaults: initial rebalance delay 3000 ms, session timeout bounds 6000..1800000, 50 offsets partitions', () => {
    // group.initial.rebalance.delay.ms, group.min.session.timeout.ms, group.max.session.timeout.ms, offsets.topic.num.partitions
    expect(DEFAULT_COORDINATOR).toMatchObject({ initialRebalanceDelayMs: 3000, minSessionTimeoutMs: 6000, maxSessionTimeoutMs: 1_800_000, offsetsTopicPartitions: 50, offsetsTopicReplicationFactor: 3 });
  });

  it('hands a new member its id with MEMBER_ID_REQUIRED (KIP-394), then runs join and sync', () => {
    const s = sim();
    const first = join(s);
    expect(first.error).toBe('MEMBER_ID_REQUIRED');
    expect(first.memberId).toMatch(/^c-[0-9a-f]{8}-[0-9a-f]{4}-/);
    const j = join(s, first.memberId);
    expect(j.error).toBeNull();
    // a single member completes the join at once: it is the leader and sees its own metadata
    const res = joinOutcome(s, 'g', first.memberId, j.waitingForGeneration);
    expect(res).toMatchObject({ generationId: 1, leaderId: first.memberId, protocolName: 'range', members: [{ memberId: first.memberId, metadata: 'AA==' }] });
    const sync = applyAction(s, { type: 'group/sync', group: 'g', memberId: first.memberId, generationId: 1, assignments: [{ memberId: first.memberId, assignment: 'AQI=', partitions: [{ topic: 'orders', partitions: [0, 1, 2, 3] }] }] }).sync!;
    expect(sync).toEqual({ error: null, assignment: 'AQI=' });
    expect(classicGroupView(s, 'g')).toMatchObject({ state: 'Stable', generation: 1, members: [{ assigned: [{ topic: 'orders', partitions: [0, 1, 2, 3] }] }] });
  });

  it('waits for the initial rebalance delay before the first generation of an empty group', () => {
    const s = sim({ initialRebalanceDelayMs: 3000 });
    const id = join(s).memberId;
    const j = join(s, id);
    expect(joinOutcome(s, 'g', id, j.waitingForGeneration)).toBeNull();
    run(s, 2900);
    expect(joinOutcome(s, 'g', id, j.waitingForGeneration)).toBeNull();
    run(s, 200);
    expect(joinOutcome(s, 'g', id, j.waitingForGeneration)).toMatchObject({ generationId: 1 });
  });

  it('rebalances when a second member joins; the follower gets its assignment once the leader syncs', () => {
    const s = sim();
    const a = join(s).memberId;
    join(s, a);
    applyAction(s, { type: 'group/sync', group: 'g', memberId: a, generationId: 1, assignments: [] });
    const b = join(s).memberId;
    const jb = join(s, b);
    // the leader learns of the rebalance from its heartbeat
    expect(applyAction(s, { type: 'group/heartbeat', group: 'g', memberId: a, generationId: 1 }).groupError).toBe('REBALANCE_IN_PROGRESS');
    expect(joinOutcome(s, 'g', b, jb.waitingForGeneration)).toBeNull();
    const ja = join(s, a);
    const ra = joinOutcome(s, 'g', a, ja.waitingForGeneration);
    const rb = joinOutcome(s, 'g', b, jb.waitingForGeneration);
    expect(ra).toMatchObject({ generationId: 2, leaderId: a });
    expect(ra && 'members' in ra ? ra.members.length : 0).toBe(2);
    expect(rb && 'members' in rb ? rb.members : null).toEqual([]);
    expect(applyAction(s, { type: 'group/sync', group: 'g', memberId: b, generationId: 2, assignments: [] }).sync).toEqual({ error: null });
    expect(syncOutcome(s, 'g', b, 2)).toBeNull();
    applyAction(s, { type: 'group/sync', group: 'g', memberId: a, generationId: 2, assignments: [{ memberId: a, assignment: 'YQ==', partitions: [] }, { memberId: b, assignment: 'Yg==', partitions: [] }] });
    expect(syncOutcome(s, 'g', b, 2)).toEqual({ assignment: 'Yg==' });
  });

  it('removes a member whose session times out, and refuses a commit from the old generation with ILLEGAL_GENERATION', () => {
    const s = sim();
    const a = join(s).memberId;
    join(s, a);
    applyAction(s, { type: 'group/sync', group: 'g', memberId: a, generationId: 1, assignments: [] });
    const b = join(s).memberId;
    join(s, b);
    join(s, a);
    applyAction(s, { type: 'group/sync', group: 'g', memberId: a, generationId: 2, assignments: [] });
    // b stops heartbeating; a keeps going
    for (let t = 0; t < 11_000; t += 1000) {
      run(s, 1000);
      applyAction(s, { type: 'group/heartbeat', group: 'g', memberId: a, generationId: classicGroupView(s, 'g')!.generation });
    }
    expect(classicGroupView(s, 'g')!.members.map((m) => m.id)).toEqual([a]);
    const commit = (memberId: string, generationId: number) =>
      applyAction(s, { type: 'offset/commit', group: 'g', memberId, generationId, offsets: [{ topic: 'orders', partition: 0, offset: 5, metadata: null, leaderEpoch: -1 }] }).groupError;
    expect(commit(b, 2)).toBe('UNKNOWN_MEMBER_ID');
    expect(commit(a, 1)).toBe('ILLEGAL_GENERATION');
  });

  it('stores commits from a group that only keeps offsets (generation -1) and from members of the current generation', () => {
    const s = sim();
    const err = applyAction(s, { type: 'offset/commit', group: 'solo', memberId: '', generationId: -1, offsets: [{ topic: 'orders', partition: 2, offset: 7, metadata: 'm', leaderEpoch: -1 }] }).groupError;
    expect(err).toBeNull();
    expect(committedOffsets(s, 'solo').get('orders')?.get(2)).toMatchObject({ offset: 7, metadata: 'm' });
    expect(classicGroupView(s, 'solo')!.offsets).toEqual([{ topic: 'orders', partition: 2, committed: 7, logEndOffset: 0, lag: 0, memberId: null }]);
    expect(applyAction(s, { type: 'offset/commit', group: 'none', memberId: 'x', generationId: 3, offsets: [] }).groupError).toBe('ILLEGAL_GENERATION');
  });

  it('refuses session timeouts outside the broker bounds and a second protocol type', () => {
    const s = sim();
    expect(join(s, '', { sessionTimeoutMs: 1000 }).error).toBe('INVALID_SESSION_TIMEOUT');
    const a = join(s).memberId;
    join(s, a);
    expect(join(s, '', { protocolType: 'connect', requireKnownMemberId: false }).error).toBe('INCONSISTENT_GROUP_PROTOCOL');
    expect(join(s, '', { protocols: [{ name: 'roundrobin', metadata: '' }], requireKnownMemberId: false }).error).toBe('INCONSISTENT_GROUP_PROTOCOL');
  });

  it('deletes only an empty group', () => {
    const s = sim();
    const a = join(s).memberId;
    join(s, a);
    expect(applyAction(s, { type: 'group/delete', group: 'g' }).groupError).toBe('NON_EMPTY_GROUP');
    expect(applyAction(s, { type: 'group/leave', group: 'g', memberId: a }).groupError).toBeNull();
    expect(classicGroupView(s, 'g')!.state).toBe('Empty');
    expect(applyAction(s, { type: 'group/delete', group: 'g' }).groupError).toBeNull();
    expect(applyAction(s, { type: 'group/delete', group: 'g' }).groupError).toBe('GROUP_ID_NOT_FOUND');
  });

  it("puts a group's coordinator on the leader of its __consumer_offsets partition, and moves it when that broker stops", () => {
    const s = sim();
    // abs("g".hashCode()) % 50 = 103 % 50 = 3 -> replicas [0, 1, 2] on 3 brokers
    expect(groupCoordinator(s, 'g')).toBe(0);
    applyAction(s, { type: 'broker/stop', broker: 0 });
    expect(groupCoordinator(s, 'g')).toBe(1);
  });

  it('survives a JSON round trip of the state', () => {
    const s = sim();
    const a = join(s).memberId;
    join(s, a);
    const copy = JSON.parse(JSON.stringify(s)) as SimState;
    expect(classicGroupView(copy, 'g')).toEqual(classicGroupView(s, 'g'));
  });
});

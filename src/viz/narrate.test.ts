import { describe, expect, it } from 'vitest';
import { formatTime, listNumbers, narrate, narrateLines } from './narrate';
import type { SimEvent } from '../sim/types';

describe('listNumbers', () => {
  it('lists in order with "and"', () => {
    expect(listNumbers([4, 3])).toBe('3 and 4');
    expect(listNumbers([2, 0, 1])).toBe('0, 1 and 2');
    expect(listNumbers([7])).toBe('7');
    expect(listNumbers([])).toBe('none');
  });
  it('shortens long lists', () => {
    expect(listNumbers([0, 1, 2, 3, 4, 5, 6, 7, 8], 3)).toBe('0, 1, 2 and 6 more');
  });
});

describe('narrate', () => {
  it('says nothing for record traffic alone', () => {
    const events: SimEvent[] = [
      { type: 'record/produced', atMs: 50, topic: 'orders', partition: 0, baseOffset: 0, count: 3 },
      { type: 'record/consumed', atMs: 50, group: 'billing', member: 'billing-c00', topic: 'orders', partition: 0, fromOffset: 0, count: 3 },
    ];
    expect(narrate(events)).toBeNull();
  });

  it('tells a member leaving, the rebalance and the paused partitions in one line', () => {
    const events: SimEvent[] = [
      { type: 'consumer/left', atMs: 12_300, group: 'billing', member: 'billing-c02', reason: 'left' },
      { type: 'consumer/revoked', atMs: 12_300, group: 'billing', member: 'billing-c01', partitions: [4] },
      { type: 'consumer/revoked', atMs: 12_300, group: 'billing', member: 'billing-c02', partitions: [3] },
      { type: 'group/rebalance-started', atMs: 12_300, group: 'billing', generation: 3, protocol: 'cooperative', reason: 'member-left' },
    ];
    const line = narrate(events);
    expect(line).not.toBeNull();
    expect(line?.atMs).toBe(12_300);
    expect(line?.text).toBe(
      'billing-c02 left the group; billing: partitions 3 and 4 paused; billing: rebalance started (a consumer left; cooperative: consumers keep their partitions; only the ones that move stop)',
    );
    expect(line?.tone).toBe('group');
  });

  it('marks faults and summarises fencing, ISR changes, failed writes and leadership moves', () => {
    const events: SimEvent[] = [
      { type: 'broker/fenced', atMs: 10_000, broker: 2, afterMs: 9_000 },
      { type: 'partition/isr-changed', atMs: 10_000, topic: 'orders', partition: 1, isr: [0, 1], removed: 2, reason: 'fenced' },
      { type: 'partition/isr-changed', atMs: 10_000, topic: 'orders', partition: 4, isr: [1, 0], removed: 2, reason: 'fenced' },
      { type: 'partition/leader-changed', atMs: 10_000, topic: 'orders', partition: 1, from: 2, to: 0 },
      { type: 'partition/leader-changed', atMs: 10_000, topic: 'orders', partition: 4, from: 2, to: 1 },
      { type: 'record/failed', atMs: 10_000, topic: 'orders', partition: 1, count: 3, reason: 'delivery-timeout' },
      { type: 'record/failed', atMs: 10_000, topic: 'orders', partition: 4, count: 2, reason: 'delivery-timeout' },
    ];
    const line = narrate(events);
    expect(line?.tone).toBe('fault');
    expect(line?.text).toContain('the controller fenced broker 2 (no heartbeat for 9.0 s)');
    expect(line?.text).toContain('broker 2 left the in-sync replicas of partitions 1 and 4 (its broker was fenced)');
    expect(line?.text).toContain('leadership moved for partitions 1 (2 → 0), 4 (2 → 1)');
    expect(line?.text).toContain('5 writes failed (delivery.timeout.ms expired');
  });

  it('says when a stopped broker will be fenced, and that waiting writes are retried, then late', () => {
    const stop = narrate([
      { type: 'broker/stopped', atMs: 1000, broker: 2, fencedAfterMs: 9000 },
      { type: 'producer/waiting', atMs: 1000, producer: 'checkout', topic: 'orders', partition: 1, reason: 'leader-unreachable' },
      { type: 'producer/waiting', atMs: 1000, producer: 'checkout', topic: 'orders', partition: 4, reason: 'leader-unreachable' },
    ]);
    expect(stop?.tone).toBe('fault');
    expect(stop?.text).toContain('broker 2 stopped. The controller fences it only after broker.session.timeout.ms (9.0 s)');
    expect(stop?.text).toContain('checkout: writes to partitions 1 and 4 wait in its buffer and are retried (the leader is down and not yet fenced)');
    const late = narrate([{ type: 'producer/delivered-late', atMs: 10_000, producer: 'checkout', topic: 'orders', partition: 1, count: 1800, maxWaitMs: 9000 }]);
    expect(late?.text).toBe('checkout: 1,800 records that had waited were acknowledged, the longest after 9.0 s');
  });

  it('tells the second JoinGroup round of a cooperative rebalance, a mixed group and a refused join', () => {
    expect(narrate([{ type: 'group/rebalance-round', atMs: 3000, group: 'g', generation: 4, round: 2, reason: 'revoked' }])?.text).toBe(
      'g: JoinGroup round 2: the consumers that gave up partitions rejoin, and those partitions are assigned',
    );
    expect(narrate([{ type: 'group/rebalance-started', atMs: 0, group: 'g', generation: 2, protocol: 'eager', reason: 'member-joined', mixed: true }])?.text).toContain(
      'members with an eager assignor in their list give up everything, cooperative members keep their partitions',
    );
    const refused = narrate([{ type: 'consumer/join-refused', atMs: 0, group: 'g', member: 'g-c04', reason: 'inconsistent-group-protocol', assignors: ['cooperative-sticky'] }]);
    expect(refused?.tone).toBe('fault');
    expect(refused?.text).toContain('INCONSISTENT_GROUP_PROTOCOL');
  });

  it('names the record a stuck consumer is stuck on, and idle members after an assignment', () => {
    const line = narrate([
      { type: 'consumer/stuck', atMs: 0, group: 'g', member: 'g-c01', topic: 't', partition: 2, offset: 41, reason: 'poison' },
      { type: 'consumer/assigned', atMs: 0, group: 'g', member: 'g-c04', partitions: [] },
    ]);
    expect(line?.text).toContain('g-c01 is stuck on partition 2 at offset 41 (a poison record)');
    expect(line?.text).toContain('g-c04 is idle');
  });

  it('names every idle consumer after a rebalance, even when many own partitions', () => {
    const assigned = (m: string, partitions: number[]) => ({ type: 'consumer/assigned' as const, atMs: 3000, group: 'b', member: m, partitions });
    const line = narrate([assigned('b-c01', [0]), assigned('b-c02', [1]), assigned('b-c03', [2]), assigned('b-c04', [3]), assigned('b-c05', [4]), assigned('b-c06', []), assigned('b-c07', [])]);
    expect(line?.text).toBe('b: 5 partitions handed out to 5 consumers; b: b-c06 and b-c07 are idle (no partition left for them)');
  });
});

describe('narrateLines', () => {
  it('gives one line per event, each with its own tone, never one run-on sentence', () => {
    const lines = narrateLines([
      { type: 'broker/stopped', atMs: 1000, broker: 2 },
      { type: 'consumer/joined', atMs: 1000, group: 'billing', member: 'billing-4' },
      { type: 'partition/leader-changed', atMs: 1000, topic: 'orders', partition: 1, from: 2, to: 0 },
      { type: 'record/failed', atMs: 1000, topic: 'orders', partition: 1, count: 3, reason: 'not-enough-replicas' },
    ]);
    expect(lines.map((l) => [l.text, l.tone])).toEqual([
      ['broker 2 stopped', 'fault'],
      ['billing-4 joined billing', 'group'],
      ['leadership moved for partition 1 (2 → 0)', 'info'],
      ['3 writes failed (NOT_ENOUGH_REPLICAS: fewer in-sync replicas than min.insync.replicas)', 'fault'],
    ]);
    for (const l of lines) expect(l.text).not.toContain(';');
    expect(lines.every((l) => l.atMs === 1000)).toBe(true);
  });
});

describe('formatTime', () => {
  it('formats seconds and minutes', () => {
    expect(formatTime(12_340)).toBe('12.3 s');
    expect(formatTime(125_000)).toBe('2 min 05 s');
  });
});

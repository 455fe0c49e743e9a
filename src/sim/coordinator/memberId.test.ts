import { describe, expect, it } from 'vitest';
import { sim } from '../testing/driver';
import { memberId } from './group';

describe('member ids', () => {
  it('are <group.id>-<n>, numbered from 1 like the client.id Kafka generates (ConsumerConfig: consumer-<group.id>-<n>)', () => {
    const g = { id: 'billing', nextMemberNumber: 1 };
    expect([memberId(g), memberId(g), memberId(g)]).toEqual(['billing-1', 'billing-2', 'billing-3']);
  });

  it('are what the simulator gives its consumers, so views, logs and the lab use one naming', () => {
    const view = sim().topic('orders', 4).group('billing', 3).run('5s').view();
    expect(view.groups[0]!.members.map((m) => m.id)).toEqual(['billing-1', 'billing-2', 'billing-3']);
  });
});

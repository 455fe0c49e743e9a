import { describe, expect, it } from 'vitest';
import { assignPartitions, type AssignorName, type MemberSubscription } from './index.ts';

// The simulator calls assignPartitions on every rebalance: 256 partitions and 50 members must
// stay well under 10 ms. We time warm runs and take the median, so a busy machine does not
// make the test flaky.
function medianMs(run: () => void): number {
  for (let i = 0; i < 5; i++) run();
  const times: number[] = [];
  for (let i = 0; i < 15; i++) {
    const start = performance.now();
    run();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return times[7]!;
}

const topics = { orders: 128, payments: 64, clicks: 64 };
const all = Object.keys(topics);

describe.each<AssignorName>(['range', 'roundrobin', 'sticky', 'cooperative-sticky'])('%s performance', (strategy) => {
  it('256 partitions, 50 members, equal subscriptions, one member replaced', () => {
    const members: MemberSubscription[] = Array.from({ length: 50 }, (_, i) => ({ id: `consumer-${i}`, topics: all }));
    const before = assignPartitions(strategy, topics, members);
    const next: MemberSubscription[] = members.slice(1).map((m) => ({ ...m, ownedPartitions: before[m.id], generation: 7 }));
    next.push({ id: 'consumer-new', topics: all });
    expect(medianMs(() => assignPartitions(strategy, topics, next))).toBeLessThan(10);
  });

  it('256 partitions, 50 members, unequal subscriptions, two members leave and one joins', () => {
    const members: MemberSubscription[] = Array.from({ length: 50 }, (_, i) => ({
      id: `c${i}`,
      topics: i % 3 === 0 ? ['orders'] : i % 5 === 0 ? ['clicks', 'payments'] : all,
    }));
    const before = assignPartitions(strategy, topics, members);
    const next: MemberSubscription[] = members.slice(2).map((m) => ({ ...m, ownedPartitions: before[m.id], generation: 7 }));
    next.push({ id: 'x', topics: ['payments'] });
    expect(medianMs(() => assignPartitions(strategy, topics, next))).toBeLessThan(10);
  });
});

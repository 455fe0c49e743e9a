// Assignor benchmark (npm run bench): the simulator calls assignPartitions on every rebalance.
// Target: 256 partitions and 50 members well under 10 ms. Prints the median of warm runs; asserts
// only that each run produced a full assignment, never a timing (machines here are noisy).
import { expect, it } from 'vitest';
import { assignPartitions, type AssignorName, type MemberSubscription } from '../src/sim/index.ts';

const topics = { orders: 128, payments: 64, clicks: 64 };
const all = Object.keys(topics);

function medianMs(run: () => void): number {
  for (let i = 0; i < 5; i++) run();
  const times: number[] = [];
  for (let i = 0; i < 25; i++) {
    const start = performance.now();
    run();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return times[12] ?? NaN;
}

function countAssigned(result: Record<string, string[]>): number {
  return Object.values(result).reduce((n, l) => n + l.length, 0);
}

it('assignors: 256 partitions, 50 members (median of 25 warm runs)', () => {
  const lines: string[] = [];
  for (const strategy of ['range', 'roundrobin', 'sticky', 'cooperative-sticky'] as AssignorName[]) {
    const equal: MemberSubscription[] = Array.from({ length: 50 }, (_, i) => ({ id: `consumer-${i}`, topics: all }));
    const before = assignPartitions(strategy, topics, equal);
    expect(countAssigned(before)).toBe(256);
    const replaced: MemberSubscription[] = equal.slice(1).map((m) => ({ ...m, ownedPartitions: before[m.id], generation: 7 }));
    replaced.push({ id: 'consumer-new', topics: all });
    const a = medianMs(() => assignPartitions(strategy, topics, replaced));

    const mixed: MemberSubscription[] = Array.from({ length: 50 }, (_, i) => ({
      id: `c${i}`,
      topics: i % 3 === 0 ? ['orders'] : i % 5 === 0 ? ['clicks', 'payments'] : all,
    }));
    const before2 = assignPartitions(strategy, topics, mixed);
    const churn: MemberSubscription[] = mixed.slice(2).map((m) => ({ ...m, ownedPartitions: before2[m.id], generation: 7 }));
    churn.push({ id: 'x', topics: ['payments'] });
    const b = medianMs(() => assignPartitions(strategy, topics, churn));
    lines.push(`  ${strategy.padEnd(20)} equal subscriptions, one member replaced: ${a.toFixed(2)} ms   unequal, two leave and one joins: ${b.toFixed(2)} ms`);
  }
  console.log(`\nAssignors, 256 partitions and 50 members (target: well under 10 ms)\n${lines.join('\n')}\n`);
});

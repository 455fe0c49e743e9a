import type { SimConfig } from '../../sim';
import type { TimelineEntry } from '../../viz/runner';
import { LINK_LIMITS } from './limits';

/**
 * The heaviest share link the limits allow (for the tests and `npm run perf`): as many partitions
 * and consumer groups as a link may have (8 consumers each), shared at the moment their steps
 * reach the limit, a producer rate that takes the records to their limit by then, and as many
 * users as the per-user counters allow. Not used by the app.
 */
export function heaviestLink(): { scenario: string; seed: number; config: SimConfig; timeline: TimelineEntry[]; timeMs: number } {
  const L = LINK_LIMITS;
  const groups = L.groups;
  const consumersPerGroup = 8;
  // the moment at which the partitions and consumers take the steps to their limit (whole seconds)
  const units = L.partitions + groups * consumersPerGroup;
  const timeMs = Math.floor(L.steps / (units * 20)) * 1000;
  const readers = 1 + groups;
  const rate = Math.floor(L.records / ((timeMs / 1000) * readers));
  const users = Math.floor(L.userCounters / readers);
  return {
    scenario: 'large',
    seed: 2026,
    timeMs,
    timeline: [],
    config: {
      topics: [{ name: 'orders', partitions: L.partitions }],
      producers: [{ id: 'web', topic: 'orders', ratePerSec: rate, keys: { mode: 'user', users, distribution: 'zipf' } }],
      groups: Array.from({ length: groups }, (_, i) => ({ id: `group-${i + 1}`, topic: 'orders', consumers: consumersPerGroup })),
    },
  };
}

import { formatNumber } from '../../format/number';
import type { SimConfig, TimedAction } from '../../sim';
import { runCost, type RunCost } from '../../viz/cost';

/**
 * What a share link may ask the visualiser to simulate. A link is data anyone can write, and
 * opening it simulates every tick up to its moment, so it is held to limits well above anything
 * the lessons and scenarios use (the largest scenario: 1 topic of 32 partitions, 1 producer at
 * 2,000 records/s, 3 groups of 12 consumers) and low enough that the heaviest link allowed opens
 * in seconds with the page responsive throughout (e2e/heavy-link.spec.ts; figures from
 * `npm run perf`). The time (30 minutes) and the number of actions (500) are limited by the
 * link's schema (share.ts).
 */
export const LINK_LIMITS = {
  topics: 4,
  producers: 8,
  /** consumer groups at any one moment */
  groups: 8,
  /** partitions of all topics together */
  partitions: 256,
  /** consumers of all groups together */
  consumers: 512,
  /** per-user sequence numbers the ordering checks keep: each producer's users × (1 + groups reading its topic) */
  userCounters: 100_000,
  /** records written plus records handed to groups, up to the shared moment */
  records: 8_000_000,
  /** simulator steps (20 per simulated second) times the partitions and consumers each one walks */
  steps: 4_000_000,
} as const;

const n = (x: number) => formatNumber(Math.round(x));
const minutes = (ms: number) => (ms >= 60_000 ? `${formatNumber(Math.round(ms / 6_000) / 10)} minutes` : `${formatNumber(Math.round(ms / 100) / 10)} seconds`);

/**
 * Why this link asks for more than the visualiser simulates (a sentence naming the limit), or
 * null when it is within every limit. Also returns the estimated cost.
 */
export function checkLinkLimits(config: SimConfig, timeline: readonly TimedAction[], timeMs: number): { problem: string | null; cost: RunCost } {
  const cost = runCost(config, timeline, timeMs);
  const L = LINK_LIMITS;
  const p = cost.peak;
  const over = (what: string, has: number, limit: number) => `it has ${n(has)} ${what}, and a link may have at most ${n(limit)}`;
  let problem: string | null = null;
  if (p.topics > L.topics) problem = over('topics', p.topics, L.topics);
  else if (p.producers > L.producers) problem = over('producers', p.producers, L.producers);
  else if (p.groups > L.groups) problem = over('consumer groups at once', p.groups, L.groups);
  else if (p.partitions > L.partitions) problem = over('partitions in all', p.partitions, L.partitions);
  else if (p.consumers > L.consumers) problem = over('consumers in all', p.consumers, L.consumers);
  else if (p.userCounters > L.userCounters)
    problem = `its producers' users need ${n(p.userCounters)} per-user counters (users × the groups reading them, plus the producer's own), and a link may need at most ${n(L.userCounters)}`;
  else if (cost.records > L.records)
    problem = `reaching its moment (${minutes(timeMs)} in) means simulating about ${n(cost.records)} records written and read, and a link may ask for at most ${n(L.records)}: share an earlier moment or a lower rate`;
  else if (cost.steps > L.steps)
    problem = `reaching its moment (${minutes(timeMs)} in) means about ${n(cost.steps)} partition and consumer steps, and a link may ask for at most ${n(L.steps)}: share an earlier moment, or fewer partitions or consumers`;
  return { problem, cost };
}

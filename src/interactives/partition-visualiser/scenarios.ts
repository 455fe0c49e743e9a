import { validateScenario, type Scenario } from '../../sim';
import type { ChartId } from '../../viz/chartData';

// Every scenario in content/scenarios, validated by the simulator's schema. Bundled with the
// visualiser's own chunk (never with the home page).
const files = import.meta.glob<unknown>('../../../content/scenarios/*.json', { eager: true, import: 'default' });

/** The order used by the picker and the number keys 1..9. */
const PREFERRED = [
  'four-partitions-six-consumers',
  'billing-and-audit',
  'ordering-random-keys',
  'broker-loss',
  'lag-spike-slow-downstream',
  'rebalance-storm',
  'hot-partition',
  'stuck-consumer-poison',
  'large',
];

export const DEFAULT_SCENARIO = 'billing-and-audit';

function load(): Scenario[] {
  const list: Scenario[] = [];
  for (const raw of Object.values(files)) {
    const r = validateScenario(raw);
    if (r.ok) list.push(r.scenario);
  }
  const rank = (id: string) => {
    const i = PREFERRED.indexOf(id);
    return i < 0 ? PREFERRED.length : i;
  };
  return list.sort((a, b) => rank(a.id) - rank(b.id) || a.id.localeCompare(b.id));
}

export const scenarios: Scenario[] = load();

export function findScenario(id: string | null | undefined): Scenario | undefined {
  return id ? scenarios.find((s) => s.id === id) : undefined;
}

/** The scenario to show: the requested one, else the default, else the first. */
export function scenarioOrDefault(id: string | null | undefined): Scenario {
  const s = findScenario(id) ?? findScenario(DEFAULT_SCENARIO) ?? scenarios[0];
  if (!s) throw new Error('No scenario could be loaded from content/scenarios.');
  return s;
}

/**
 * The two charts that matter most for a scenario: shown beside the canvas, and on presenter
 * mode's stage. The others are shown under the event log. Lag and throughput unless said here.
 */
const KEY_CHARTS: Record<string, readonly [ChartId, ChartId]> = {
  'broker-loss': ['writes', 'lag'],
  'rebalance-storm': ['throughput', 'lag'],
  'rebalance-storm-fixed': ['throughput', 'lag'],
  'stuck-consumer-poison': ['lag', 'deadLetter'],
  'stuck-consumer-dlq': ['lag', 'deadLetter'],
};
const ALL_CHARTS: readonly ChartId[] = ['lag', 'throughput', 'writes', 'buffered', 'latency', 'deadLetter'];

export function keyChartsOf(scenarioId: string): { key: readonly ChartId[]; more: readonly ChartId[] } {
  const key = KEY_CHARTS[scenarioId] ?? (['lag', 'throughput'] as const);
  return { key, more: ALL_CHARTS.filter((c) => !key.includes(c)) };
}

/** A scenario's scripted moments (ms): its start, every scheduled change, and its end. */
export function momentsOf(s: Scenario): number[] {
  return [...new Set([0, ...s.actions.map((a) => a.atMs), s.runMs])].sort((a, b) => a - b);
}

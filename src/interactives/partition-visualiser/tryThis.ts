import { z } from 'zod';
import tryThisYaml from '../../../content/interactives/partition-visualiser.yaml';
import { checkExpectation, createSimulation, parseScenario, runUntil, type Expectation, type Scenario, type SimEvent, type TimedAction } from '../../sim';

/**
 * "Try this" prompts of the partition visualiser (content/interactives/partition-visualiser.yaml).
 * Each prompt belongs to a scenario and carries the runs that check its promised outcome: the
 * simulator actions the learner's controls send (added to the scenario's script) and what the
 * run must then show, as scenario expectations or counts of events. A test runs every check.
 */

const comparison = {
  equals: z.number().optional(),
  atLeast: z.number().optional(),
  atMost: z.number().optional(),
  between: z.tuple([z.number(), z.number()]).optional(),
};

const eventCheck = z.strictObject({
  kind: z.literal('events'),
  /** an event type, optionally with ":reason" (e.g. "consumer/left:poll-timeout") */
  type: z.string().min(3),
  ...comparison,
});

const checkSchema = z.strictObject({
  /** what this run demonstrates, for the test's name */
  note: z.string().min(3),
  /** what the learner does, as simulator actions at simulated times */
  actions: z.array(z.strictObject({ atMs: z.number().int().min(0), action: z.looseObject({ type: z.string() }) })).default([]),
  untilMs: z.number().int().min(50).max(3_600_000),
  expect: z.array(z.union([eventCheck, z.looseObject({ kind: z.string() })])).min(1),
});

const itemSchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/),
  scenario: z.string().min(1),
  prompt: z.string().min(10),
  outcome: z.string().min(10),
  checks: z.array(checkSchema).min(1),
});

const fileSchema = z.strictObject({ interactive: z.literal('partition-visualiser'), items: z.array(itemSchema) });

export type VisualiserTryThis = z.infer<typeof itemSchema>;
export type TryThisCheck = z.infer<typeof checkSchema>;

/** The prompts, validated (a broken file fails the build's tests, and shows no prompt rather than crashing). */
export function parseVisualiserTryThis(data: unknown): VisualiserTryThis[] {
  const r = fileSchema.safeParse(data);
  if (!r.success) throw new Error(`content/interactives/partition-visualiser.yaml: ${r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  return r.data.items;
}

let cached: VisualiserTryThis[] | null = null;
export function visualiserTryThis(): VisualiserTryThis[] {
  if (!cached) {
    try {
      cached = parseVisualiserTryThis(tryThisYaml);
    } catch {
      cached = [];
    }
  }
  return cached;
}

export function tryThisFor(scenarioId: string): { prompt: string; outcome: string }[] {
  return visualiserTryThis()
    .filter((i) => i.scenario === scenarioId)
    .map((i) => ({ prompt: i.prompt, outcome: i.outcome }));
}

export interface CheckResult {
  what: string;
  passed: boolean;
  observed: number;
}

function compare(c: { equals?: number; atLeast?: number; atMost?: number; between?: [number, number] }, v: number): boolean {
  if (c.equals !== undefined) return v === c.equals;
  if (c.atLeast !== undefined) return v >= c.atLeast;
  if (c.atMost !== undefined) return v <= c.atMost;
  if (c.between !== undefined) return v >= c.between[0] && v <= c.between[1];
  return false;
}

/** Runs one check of a prompt on its scenario and reports every expectation. */
export function runTryThisCheck(scenario: Scenario, check: TryThisCheck): CheckResult[] {
  const s = parseScenario({ ...scenario, runMs: Math.max(scenario.runMs, check.untilMs) });
  const actions: TimedAction[] = [...s.actions, ...(check.actions as TimedAction[])]
    .map((a, i) => ({ a, i }))
    .sort((x, y) => x.a.atMs - y.a.atMs || x.i - y.i)
    .map((x) => x.a);
  const state = createSimulation(s.config, s.seed);
  const counts = new Map<string, number>();
  const count = (e: SimEvent) => {
    counts.set(e.type, (counts.get(e.type) ?? 0) + 1);
    if ('reason' in e && typeof e.reason === 'string') counts.set(`${e.type}:${e.reason}`, (counts.get(`${e.type}:${e.reason}`) ?? 0) + 1);
  };
  runUntil(state, actions, check.untilMs, { onEvents: (events) => events.forEach(count) });
  return check.expect.map((e) => {
    if (e.kind === 'events') {
      const ev = eventCheck.parse(e);
      const observed = counts.get(ev.type) ?? 0;
      return { what: JSON.stringify(e), passed: compare(ev, observed), observed };
    }
    const o = checkExpectation(state, e as unknown as Expectation);
    return { what: JSON.stringify(e), passed: o.passed, observed: Number(o.observed) };
  });
}

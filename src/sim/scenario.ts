/**
 * Scenario files (content/scenarios/<id>.json): a config, a seed, scripted actions, a run length
 * and machine-checkable expectations about the outcome. `parseScenario` validates one (zod);
 * `runScenario` runs it and checks every expectation.
 */
import { z } from 'zod';
import { validateConfig } from './config.ts';
import { groupOf, topicOf } from './cluster/metadata.ts';
import { createSimulation } from './engine.ts';
import { groupLag } from './metrics.ts';
import { runUntil } from './recorder.ts';
import type { SimState } from './state.ts';
import type { Comparison, ConfigIssue, Expectation, Outcome, Scenario, ScenarioRun, SimEventType, TimedAction } from './types.ts';
import { memberStatus } from './view.ts';
import { memberProtocol } from './coordinator/classic/protocol.ts';

const groupKinds = ['idleConsumers', 'activeConsumers', 'maxLag', 'peakMaxLag', 'totalLag', 'lagUnknown', 'rebalances', 'pausedMs', 'processed', 'outOfOrder', 'deadLettered', 'stuckConsumers', 'cooperativeMembers', 'members', 'busyConsumers', 'archived', 'redelivered', 'groupEpoch'] as const;
const topicKinds = ['produced', 'failedWrites', 'hottestPartitionShare', 'offlinePartitions'] as const;
const producerKinds = ['maxWriteLatencyMs', 'bufferedRecords', 'delayedWrites', 'expiredWrites'] as const;

const num = z.number().refine(Number.isFinite, 'must be a finite number');
const comparison = {
  equals: num.optional(),
  atLeast: num.optional(),
  atMost: num.optional(),
  between: z.tuple([num, num]).optional(),
};
const oneComparison = (e: { equals?: number; atLeast?: number; atMost?: number; between?: [number, number] }) =>
  [e.equals, e.atLeast, e.atMost, e.between].filter((x) => x !== undefined).length === 1;

const expectationSchema = z.union([
  z.strictObject({ kind: z.enum(groupKinds), group: z.string().min(1), ...comparison }).refine(oneComparison, 'give exactly one of equals, atLeast, atMost, between'),
  z.strictObject({ kind: z.enum(topicKinds), topic: z.string().min(1), ...comparison }).refine(oneComparison, 'give exactly one of equals, atLeast, atMost, between'),
  z.strictObject({ kind: z.enum(producerKinds), producer: z.string().min(1), ...comparison }).refine(oneComparison, 'give exactly one of equals, atLeast, atMost, between'),
  z.strictObject({ kind: z.literal('caughtUp'), group: z.string().min(1) }),
  z.strictObject({ kind: z.literal('leaderNot'), topic: z.string().min(1), broker: z.number().int().min(0) }),
]);

export const scenarioSchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'ids are lower-case words joined by "-"'),
  title: z.string().min(3).max(100),
  summary: z.string().min(10).max(600),
  config: z.unknown(),
  seed: z.number().int(),
  actions: z.array(z.strictObject({ atMs: z.number().int().min(0), action: z.looseObject({ type: z.string() }) })),
  runMs: z.number().int().min(50).max(24 * 3_600_000),
  expect: z.array(expectationSchema),
});

export class ScenarioError extends Error {
  readonly issues: ConfigIssue[];
  constructor(id: string, issues: ConfigIssue[]) {
    super(`Invalid scenario ${id}:\n${issues.map((i) => `  ${i.path}: ${i.message}`).join('\n')}`);
    this.name = 'ScenarioError';
    this.issues = issues;
  }
}

/** Validate a scenario (already parsed from JSON). Never throws. */
export function validateScenario(input: unknown): { ok: true; scenario: Scenario } | { ok: false; issues: ConfigIssue[] } {
  const r = scenarioSchema.safeParse(input);
  if (!r.success) return { ok: false, issues: r.error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message })) };
  const c = validateConfig(r.data.config);
  if (!c.ok) return { ok: false, issues: c.issues.map((i) => ({ path: `config.${i.path}`, message: i.message })) };
  const scenario = r.data as unknown as Scenario;
  const issues: ConfigIssue[] = [];
  const groups = new Set(c.config.groups.map((g) => g.id));
  for (const a of scenario.actions) if (a.action.type === 'group/add') groups.add(a.action.group.id);
  const topics = new Set(c.config.topics.map((t) => t.name));
  const producers = new Set(c.config.producers.map((p) => p.id));
  scenario.expect.forEach((e, i) => {
    if ('producer' in e && !producers.has(e.producer)) issues.push({ path: `expect.${i}.producer`, message: `unknown producer "${e.producer}"` });
    if ('group' in e && !groups.has(e.group)) issues.push({ path: `expect.${i}.group`, message: `unknown group "${e.group}"` });
    if ('topic' in e && !topics.has(e.topic)) issues.push({ path: `expect.${i}.topic`, message: `unknown topic "${e.topic}"` });
  });
  scenario.actions.forEach((a, i) => {
    if (a.atMs > scenario.runMs) issues.push({ path: `actions.${i}.atMs`, message: `action after the end of the run (${scenario.runMs} ms)` });
  });
  return issues.length ? { ok: false, issues } : { ok: true, scenario };
}

export function parseScenario(input: unknown): Scenario {
  const r = validateScenario(input);
  if (!r.ok) throw new ScenarioError((input as { id?: string })?.id ?? '?', r.issues);
  return r.scenario;
}

function compare(c: Comparison, v: number): boolean {
  if ('equals' in c && c.equals !== undefined) return v === c.equals;
  if ('atLeast' in c && c.atLeast !== undefined) return v >= c.atLeast;
  if ('atMost' in c && c.atMost !== undefined) return v <= c.atMost;
  if ('between' in c && c.between !== undefined) return v >= c.between[0] && v <= c.between[1];
  return false;
}

/** The observed value for an expectation. */
export function observe(state: SimState, e: Expectation): number {
  if ('producer' in e) {
    const p = state.producers.find((x) => x.id === e.producer);
    if (!p) return Number.NaN;
    switch (e.kind) {
      case 'maxWriteLatencyMs':
        return p.stats.maxLatencyMs;
      case 'bufferedRecords':
        return p.buffered;
      case 'delayedWrites':
        return p.stats.delayed;
      case 'expiredWrites':
        return p.stats.expired;
    }
  }
  if ('group' in e) {
    const g = groupOf(state, e.group);
    if (!g) return Number.NaN;
    switch (e.kind) {
      case 'idleConsumers':
        return g.members.filter((m) => memberStatus(g, m) === 'idle').length;
      case 'activeConsumers':
        return g.members.filter((m) => memberStatus(g, m) === 'active').length;
      case 'stuckConsumers':
        return g.members.filter((m) => m.hung !== null).length;
      // unknown lag (no committed offset) is NaN: it fails every comparison, never passes as 0
      case 'maxLag':
        return groupLag(state, g).max ?? Number.NaN;
      case 'totalLag':
        return groupLag(state, g).total ?? Number.NaN;
      case 'peakMaxLag':
        return Math.max(g.stats.peakMaxLag, groupLag(state, g).max ?? 0);
      case 'lagUnknown':
        return groupLag(state, g).max === null ? 1 : 0;
      case 'cooperativeMembers':
        return g.members.filter((m) => m.inGroup && !m.crashed && memberProtocol(g, m) === 'cooperative').length;
      case 'members':
        return g.members.filter((m) => m.inGroup && !m.crashed).length;
      case 'rebalances':
        return g.stats.rebalances;
      case 'pausedMs':
        return Math.round(g.stats.pausedMs);
      case 'processed':
        return g.stats.processed;
      case 'outOfOrder':
        return g.stats.outOfOrder;
      case 'deadLettered':
        return g.stats.deadLettered;
      case 'busyConsumers':
        return g.members.filter((m) => m.processed > 0).length;
      case 'archived':
        return g.share?.stats.archived ?? 0;
      case 'redelivered':
        return g.share?.stats.redelivered ?? 0;
      case 'groupEpoch':
        return g.kip848?.groupEpoch ?? g.share?.groupEpoch ?? g.generation;
      case 'caughtUp': {
        const parts = topicOf(state, g.topic).partitions;
        return parts.every((P, p) => g.committed[p] === P.hw) ? 1 : 0;
      }
    }
  }
  const t = state.topics.find((x) => x.name === e.topic);
  if (!t) return Number.NaN;
  switch (e.kind) {
    case 'produced':
      return t.produced;
    case 'failedWrites':
      return t.failed;
    case 'offlinePartitions':
      return t.partitions.filter((P) => P.leader < 0).length;
    case 'hottestPartitionShare': {
      let max = 0;
      let sum = 0;
      for (const P of t.partitions) {
        sum += P.logEnd;
        if (P.logEnd > max) max = P.logEnd;
      }
      return sum ? Math.round((max / sum) * 1000) / 1000 : 0;
    }
    case 'leaderNot':
      return t.partitions.filter((P) => P.leader === e.broker).length;
  }
}

export function checkExpectation(state: SimState, e: Expectation): Outcome {
  const observed = observe(state, e);
  let passed: boolean;
  if (e.kind === 'caughtUp') passed = observed === 1;
  else if (e.kind === 'leaderNot') passed = observed === 0;
  else passed = compare(e, observed);
  return { expectation: e, passed, observed };
}

/** Run a scenario to its end and check its expectations. */
export function runScenario(input: Scenario | unknown, options?: { untilMs?: number }): ScenarioRun {
  const scenario = parseScenario(input);
  const state = createSimulation(scenario.config, scenario.seed);
  const actions: TimedAction[] = scenario.actions.map((a, i) => ({ a, i })).sort((x, y) => x.a.atMs - y.a.atMs || x.i - y.i).map((x) => x.a);
  const eventCounts: Partial<Record<SimEventType, number>> = {};
  runUntil(state, actions, options?.untilMs ?? scenario.runMs, {
    onEvents: (events) => {
      for (const ev of events) eventCounts[ev.type] = (eventCounts[ev.type] ?? 0) + 1;
    },
  });
  const outcomes = scenario.expect.map((e) => checkExpectation(state, e));
  return { state, eventCounts, outcomes, passed: outcomes.every((o) => o.passed) };
}

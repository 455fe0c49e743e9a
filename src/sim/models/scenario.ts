import { z } from 'zod';
import type { Metrics, Model, SimEvent } from './common';

/**
 * "Try this" items are data (content/interactives/<id>.yaml): a prompt, the outcome the learner
 * should see, and the same experiment as machine-readable steps with checkable expectations.
 * Tests run every item through its model; the interactive can replay one for the learner.
 */

export const OPS = ['==', '!=', '>', '>=', '<', '<='] as const;
export type Op = (typeof OPS)[number];

export const expectationSchema = z
  .object({
    metric: z.string().min(1),
    op: z.enum(OPS),
    /** compare with a number... */
    value: z.number().optional(),
    /** ...or with another metric */
    metric2: z.string().min(1).optional(),
  })
  .strict()
  .refine((e) => (e.value === undefined) !== (e.metric2 === undefined), { message: 'give exactly one of value or metric2' });
export type Expectation = z.infer<typeof expectationSchema>;

export type ScenarioStep<A> = { do: A } | { runSeconds: number };

export interface TryThisItem<C, A> {
  id: string;
  prompt: string;
  outcome: string;
  seed: number;
  setup: Partial<C>;
  steps: ScenarioStep<A>[];
  expect: Expectation[];
}

export function tryThisFileSchema<C, A>(setupSchema: z.ZodType<Partial<C>>, actionSchema: z.ZodType<A>) {
  const step = z.union([z.object({ do: actionSchema }).strict(), z.object({ runSeconds: z.number().positive().max(3600) }).strict()]);
  const item = z
    .object({
      id: z.string().regex(/^[a-z0-9-]{1,64}$/),
      prompt: z.string().min(10),
      outcome: z.string().min(10),
      seed: z.number().int().min(0).max(2 ** 31).default(1),
      setup: setupSchema,
      steps: z.array(step).min(1).max(200),
      expect: z.array(expectationSchema).min(1),
    })
    .strict();
  return z
    .object({ interactive: z.string(), items: z.array(item).min(1) })
    .strict()
    .refine((f) => new Set(f.items.map((i) => i.id)).size === f.items.length, { message: 'item ids must be unique' });
}

/** One recorded learner action: applied just before the step that starts at `tick`. */
export interface Recorded<A> {
  tick: number;
  action: A;
}

/** Runs scenario steps from a fresh state; returns the state and the actions as a recording. */
export function runScenario<C, S extends { tick: number }, A>(model: Model<C, S, A>, config: C, seed: number, steps: readonly ScenarioStep<A>[]) {
  const state = model.create(config, seed);
  const recording: Recorded<A>[] = [];
  const events: SimEvent[] = [];
  for (const st of steps) {
    if ('do' in st) {
      recording.push({ tick: state.tick, action: st.do });
      events.push(...model.apply(state, st.do).events);
    } else {
      const ticks = Math.round((st.runSeconds * 1000) / model.tickMs);
      for (let i = 0; i < ticks; i++) events.push(...model.step(state).events);
    }
  }
  return { state, recording, events };
}

/** Rebuilds a state from settings, seed and recorded actions, up to `untilTick` steps. */
export function replay<C, S extends { tick: number }, A>(model: Model<C, S, A>, config: C, seed: number, recording: readonly Recorded<A>[], untilTick: number): S {
  const r = startReplay(model, config, seed, recording, untilTick);
  while (!r.advance(Infinity));
  return r.state;
}

/** A replay in progress (see startReplay). */
export interface Replay<S> {
  readonly state: S;
  /** the share of the steps run so far, 0..1 */
  readonly done: number;
  /** runs at most `maxSteps` more steps; true once the replay is complete */
  advance(maxSteps: number): boolean;
}

/**
 * A replay that can be done a little at a time (a share link's moment is rebuilt in slices, with
 * the page drawing in between): `advance(n)` runs at most `n` more steps and says whether the
 * replay is complete; `done` is the share of the steps run so far (0..1). The state it ends with
 * is exactly `replay`'s. Actions a model refuses throw from `advance`, as from `replay`.
 */
export function startReplay<C, S extends { tick: number }, A>(
  model: Model<C, S, A>,
  config: C,
  seed: number,
  recording: readonly Recorded<A>[],
  untilTick: number,
): Replay<S> {
  const state = model.create(config, seed);
  const sorted = [...recording].sort((a, b) => a.tick - b.tick);
  const from = state.tick;
  let i = 0;
  let finished = false;
  return {
    state,
    get done() {
      return finished ? 1 : untilTick <= from ? 0 : Math.min(1, (state.tick - from) / (untilTick - from));
    },
    advance(maxSteps: number) {
      let n = 0;
      while (!finished) {
        while (i < sorted.length && sorted[i]!.tick <= state.tick) model.apply(state, sorted[i++]!.action);
        if (state.tick >= untilTick) {
          finished = true;
          break;
        }
        if (n >= maxSteps) break;
        model.step(state);
        n++;
      }
      return finished;
    },
  };
}

function compare(a: number, op: Op, b: number): boolean {
  switch (op) {
    case '==':
      return Math.abs(a - b) < 1e-9;
    case '!=':
      return Math.abs(a - b) >= 1e-9;
    case '>':
      return a > b;
    case '>=':
      return a >= b;
    case '<':
      return a < b;
    case '<=':
      return a <= b;
  }
}

export interface CheckResult {
  ok: boolean;
  text: string;
}

export function checkExpectation(m: Metrics, e: Expectation): CheckResult {
  const a = m[e.metric];
  if (a === undefined) return { ok: false, text: `unknown metric "${e.metric}"` };
  const b = e.metric2 !== undefined ? m[e.metric2] : e.value;
  if (b === undefined) return { ok: false, text: `unknown metric "${e.metric2}"` };
  const ok = compare(a, e.op, b);
  const rhs = e.metric2 !== undefined ? `${e.metric2} (${b})` : String(b);
  return { ok, text: `${e.metric} (${a}) ${e.op} ${rhs}` };
}

import { z } from 'zod';

// The shape of a quiz item in content/quiz/*.yaml. Checked by the quiz tests (every item) and at
// runtime when the quiz loads, so a bad file is reported instead of half-rendering.

const id = z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'ids are kebab-case');
const text = z.string().trim().min(2);

export const choiceSchema = z
  .object({
    id,
    text,
    correct: z.boolean().default(false),
    /** Why this choice is right, or the misconception behind it when it is wrong. */
    feedback: text,
  })
  .strict();
export type Choice = z.infer<typeof choiceSchema>;

/** A plausible wrong number and what believing it reveals. */
const misconceptionSchema = z.object({ value: z.number().finite(), feedback: text }).strict();

/** Absolute (|a - b| <= abs) or relative (|a - b| <= rel * |b|) tolerance; the larger one wins when both are set. */
export const toleranceSchema = z
  .object({ abs: z.number().min(0).optional(), rel: z.number().min(0).max(1).optional() })
  .strict();
export type Tolerance = z.infer<typeof toleranceSchema>;

const common = {
  id,
  /** The lesson section (content/manifest.yaml) this question checks; linked as /learn/<section>. */
  section: id,
  prompt: text,
  /** Why the right answer is right, shown after every answer. */
  explanation: text,
  /** A scenario (content/scenarios/<id>.json) that shows the idea in the visualiser. */
  scenario: id.optional(),
  /** Part of the four self-check questions shown inside the self-check lesson. */
  selfCheck: z.boolean().default(false),
};

const singleSchema = z
  .object({ ...common, type: z.literal('single'), choices: z.array(choiceSchema).min(2).max(8) })
  .strict();
const multipleSchema = z
  .object({ ...common, type: z.literal('multiple'), choices: z.array(choiceSchema).min(3).max(8) })
  .strict();
const numericSchema = z
  .object({
    ...common,
    type: z.literal('numeric'),
    answer: z.number().finite(),
    tolerance: toleranceSchema.default({}),
    unit: z.string().max(30).optional(),
    misconceptions: z.array(misconceptionSchema).default([]),
  })
  .strict();
const orderingSchema = z
  .object({
    ...common,
    type: z.literal('ordering'),
    /** The steps in their correct order; shown shuffled. */
    steps: z.array(z.object({ id, text }).strict()).min(3).max(8),
    /** Tempting wrong orders (lists of step ids) with what they get wrong. */
    wrongOrders: z.array(z.object({ order: z.array(id), feedback: text }).strict()).default([]),
  })
  .strict();

/** Inline simulator run for a "predict, then run" item (same fields as a scenario file, without expectations). */
export const inlineRunSchema = z
  .object({
    config: z.record(z.string(), z.unknown()),
    seed: z.number().int().min(0).max(2 ** 32 - 1),
    runMs: z.number().int().min(50).max(600_000),
    actions: z.array(z.object({ atMs: z.number().min(0), action: z.record(z.string(), z.unknown()) }).strict()).default([]),
  })
  .strict();
export type InlineRun = z.infer<typeof inlineRunSchema>;

export const measureSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('partitionOfKey'), key: z.string().min(1).max(200), partitions: z.number().int().min(1).max(256) }).strict(),
  z.object({ kind: z.literal('idleConsumers'), group: z.string().min(1) }).strict(),
  z.object({ kind: z.literal('activeConsumers'), group: z.string().min(1) }).strict(),
  z.object({ kind: z.literal('maxLag'), group: z.string().min(1) }).strict(),
  z.object({ kind: z.literal('totalLag'), group: z.string().min(1) }).strict(),
  z.object({ kind: z.literal('outOfOrder'), group: z.string().min(1) }).strict(),
  z.object({ kind: z.literal('busyConsumers'), group: z.string().min(1) }).strict(),
  z.object({ kind: z.literal('archivedRecords'), group: z.string().min(1) }).strict(),
  /** percentage (0..100) of the topic's records held by its busiest partition */
  z.object({ kind: z.literal('hottestPartitionPercent'), topic: z.string().min(1) }).strict(),
]);
export type Measure = z.infer<typeof measureSchema>;

const predictSchema = z
  .object({
    ...common,
    type: z.literal('predict'),
    /** What is run: nothing for partitionOfKey (the partitioner is called directly), else an inline run. */
    run: inlineRunSchema.optional(),
    measure: measureSchema,
    tolerance: toleranceSchema.default({}),
    unit: z.string().max(30).optional(),
    /** Integer answers only (partitions, consumers). */
    integer: z.boolean().default(false),
    min: z.number().default(0),
    max: z.number().default(1_000_000_000),
    /** Plausible wrong predictions; the tests check each is graded wrong against the simulator's value. */
    misconceptions: z.array(misconceptionSchema).default([]),
    /** How to read the result; "{value}" is replaced by what the simulator produced. */
    explanation: text,
  })
  .strict();

export const quizItemSchema = z
  .discriminatedUnion('type', [singleSchema, multipleSchema, numericSchema, orderingSchema, predictSchema])
  .superRefine((item, ctx) => {
    if (item.type === 'single' || item.type === 'multiple') {
      const right = item.choices.filter((c) => c.correct).length;
      if (item.type === 'single' && right !== 1) ctx.addIssue({ code: 'custom', path: ['choices'], message: `a single-choice item needs exactly one correct choice, found ${right}` });
      if (item.type === 'multiple' && (right < 1 || right === item.choices.length))
        ctx.addIssue({ code: 'custom', path: ['choices'], message: 'a multiple-choice item needs at least one correct and one wrong choice' });
      const ids = new Set(item.choices.map((c) => c.id));
      if (ids.size !== item.choices.length) ctx.addIssue({ code: 'custom', path: ['choices'], message: 'choice ids must be unique' });
    }
    if (item.type === 'ordering') {
      const ids = item.steps.map((s) => s.id);
      if (new Set(ids).size !== ids.length) ctx.addIssue({ code: 'custom', path: ['steps'], message: 'step ids must be unique' });
      item.wrongOrders.forEach((w, i) => {
        const same = w.order.length === ids.length && [...w.order].sort().join() === [...ids].sort().join();
        if (!same) ctx.addIssue({ code: 'custom', path: ['wrongOrders', i], message: 'a wrong order must list every step exactly once' });
      });
    }
    if (item.type === 'predict') {
      if (item.measure.kind !== 'partitionOfKey' && !item.run) ctx.addIssue({ code: 'custom', path: ['run'], message: `measure ${item.measure.kind} needs a run` });
      if (item.measure.kind === 'partitionOfKey' && item.run) ctx.addIssue({ code: 'custom', path: ['run'], message: 'partitionOfKey calls the partitioner directly; remove run' });
      if (item.min > item.max) ctx.addIssue({ code: 'custom', path: ['min'], message: 'min must not exceed max' });
    }
  });
export type QuizItem = z.infer<typeof quizItemSchema>;
export type QuizItemInput = z.input<typeof quizItemSchema>;
export type ItemType = QuizItem['type'];
export type PredictItem = Extract<QuizItem, { type: 'predict' }>;

export const quizFileSchema = z.array(quizItemSchema).min(1);

export { answerSchema, type Answer } from './answer';

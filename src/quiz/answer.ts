import { z } from 'zod/mini';

// A learner's answer, per item type. Kept apart from the item schemas so the store (loaded on
// every page) can validate saved answers without pulling in the quiz itself; written with
// zod/mini, like the other persisted slices, to keep the first load small.
const id = z.string().check(z.maxLength(64));
const finite = z.number().check(z.refine(Number.isFinite));
export const answerSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('single'), choice: id }),
  z.strictObject({ kind: z.literal('multiple'), choices: z.array(id).check(z.maxLength(16)) }),
  z.strictObject({ kind: z.literal('numeric'), value: finite }),
  z.strictObject({ kind: z.literal('ordering'), order: z.array(id).check(z.maxLength(16)) }),
  z.strictObject({ kind: z.literal('predict'), value: finite }),
]);
export type Answer = z.infer<typeof answerSchema>;

const shortText = (max: number) => z.string().check(z.maxLength(max));

export const responseSchema = z.strictObject({
  answer: answerSchema,
  /** 0..1 */
  score: z.number().check(z.gte(0), z.lte(1)),
  correct: z.boolean(),
  /** for predict items: the value the simulator produced */
  observed: z.optional(finite),
  answeredAt: shortText(40),
});
export type QuizResponse = z.infer<typeof responseSchema>;

const idList = z.array(id).check(z.maxLength(200));

export const attemptSchema = z.strictObject({
  id: shortText(80),
  /** the shuffle seed: the same seed and question pool give the same order of questions and choices */
  seed: z.int().check(z.gte(0), z.lte(2 ** 32 - 1)),
  kind: z.enum(['full', 'retry']),
  /** for a retry: the attempt whose missed questions are retried */
  retryOf: z.nullable(shortText(80)),
  startedAt: shortText(40),
  finishedAt: z.nullable(shortText(40)),
  itemIds: idList,
  /** per item, the order its choices (or ordering steps) are shown in */
  choiceOrder: z.record(id, idList),
  responses: z.record(id, responseSchema),
  /** answers being composed but not yet checked, so a reload keeps them */
  drafts: z.record(id, answerSchema),
  /** index of the question on screen */
  position: z.int().check(z.gte(0), z.lte(200)),
});
export type Attempt = z.infer<typeof attemptSchema>;

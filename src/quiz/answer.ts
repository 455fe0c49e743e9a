import { z } from 'zod';

// A learner's answer, per item type. Kept apart from the item schemas so the store (loaded on
// every page) can validate saved answers without pulling in the quiz itself.
export const answerSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('single'), choice: z.string().max(64) }).strict(),
  z.object({ kind: z.literal('multiple'), choices: z.array(z.string().max(64)).max(16) }).strict(),
  z.object({ kind: z.literal('numeric'), value: z.number().finite() }).strict(),
  z.object({ kind: z.literal('ordering'), order: z.array(z.string().max(64)).max(16) }).strict(),
  z.object({ kind: z.literal('predict'), value: z.number().finite() }).strict(),
]);
export type Answer = z.infer<typeof answerSchema>;

export const responseSchema = z
  .object({
    answer: answerSchema,
    /** 0..1 */
    score: z.number().min(0).max(1),
    correct: z.boolean(),
    /** for predict items: the value the simulator produced */
    observed: z.number().finite().optional(),
    answeredAt: z.string().max(40),
  })
  .strict();
export type QuizResponse = z.infer<typeof responseSchema>;

const idList = z.array(z.string().max(64)).max(200);

export const attemptSchema = z
  .object({
    id: z.string().max(80),
    /** the shuffle seed: the same seed and question pool give the same order of questions and choices */
    seed: z.number().int().min(0).max(2 ** 32 - 1),
    kind: z.enum(['full', 'retry']),
    /** for a retry: the attempt whose missed questions are retried */
    retryOf: z.string().max(80).nullable(),
    startedAt: z.string().max(40),
    finishedAt: z.string().max(40).nullable(),
    itemIds: idList,
    /** per item, the order its choices (or ordering steps) are shown in */
    choiceOrder: z.record(z.string().max(64), idList),
    responses: z.record(z.string().max(64), responseSchema),
    /** answers being composed but not yet checked, so a reload keeps them */
    drafts: z.record(z.string().max(64), answerSchema),
    /** index of the question on screen */
    position: z.number().int().min(0).max(200),
  })
  .strict();
export type Attempt = z.infer<typeof attemptSchema>;

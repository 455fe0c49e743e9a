import { z } from 'zod/mini';
import type { StateCreator } from 'zustand';
import { attemptSchema, responseSchema, type Answer, type Attempt, type QuizResponse } from '../../quiz/answer';
import type { PersistedSliceSpec } from '../persist';
import type { AppState } from '../index';

/** Finished attempts kept on this device (oldest dropped first). */
export const QUIZ_HISTORY_LIMIT = 50;
export const LEARNER_NAME_MAX = 120;

export const quizStateSchema = z.strictObject({
  /** the attempt in progress (kept across reloads), or null */
  current: z.nullable(attemptSchema),
  /** finished attempts, oldest first */
  history: z.array(attemptSchema).check(z.maxLength(QUIZ_HISTORY_LIMIT)),
  /** answers to the self-check questions inside the self-check lesson, by item id */
  selfCheck: z.record(z.string().check(z.maxLength(64)), responseSchema),
  /** the name the learner gives for exported results (handed in to an instructor); absent in older data */
  learnerName: z.optional(z.string().check(z.maxLength(LEARNER_NAME_MAX))),
});
export type QuizState = z.infer<typeof quizStateSchema>;

export const quizSpec: PersistedSliceSpec<QuizState> = {
  key: 'streamlab:quiz',
  slice: 'quiz results',
  version: 1,
  schema: quizStateSchema,
  defaults: () => ({ current: null, history: [], selfCheck: {} }),
};

export interface QuizSlice {
  quiz: QuizState;
  /** Starts an attempt, replacing any unfinished one. */
  startQuizAttempt: (attempt: Attempt) => void;
  setQuizDraft: (itemId: string, answer: Answer) => void;
  /** Records a checked answer (once per question and attempt) and drops its draft. */
  recordQuizResponse: (itemId: string, response: QuizResponse) => void;
  setQuizPosition: (position: number) => void;
  /** Moves the current attempt to the history. */
  finishQuizAttempt: (finishedAt: string) => void;
  abandonQuizAttempt: () => void;
  clearQuizHistory: () => void;
  recordSelfCheck: (itemId: string, response: QuizResponse) => void;
  resetSelfCheck: () => void;
  setLearnerName: (name: string) => void;
}

export const createQuizSlice: StateCreator<AppState, [], [], QuizSlice> = (set) => {
  const updateCurrent = (fn: (a: Attempt) => Attempt) =>
    set((s) => (s.quiz.current ? { quiz: { ...s.quiz, current: fn(s.quiz.current) } } : s));
  return {
    quiz: quizSpec.defaults(),
    startQuizAttempt: (attempt) => set((s) => ({ quiz: { ...s.quiz, current: attempt } })),
    setQuizDraft: (itemId, answer) =>
      updateCurrent((a) => (a.itemIds.includes(itemId) && !a.responses[itemId] ? { ...a, drafts: { ...a.drafts, [itemId]: answer } } : a)),
    recordQuizResponse: (itemId, response) =>
      updateCurrent((a) => {
        if (!a.itemIds.includes(itemId) || a.responses[itemId]) return a;
        const drafts = { ...a.drafts };
        delete drafts[itemId];
        return { ...a, drafts, responses: { ...a.responses, [itemId]: response } };
      }),
    setQuizPosition: (position) =>
      updateCurrent((a) => ({ ...a, position: Math.max(0, Math.min(a.itemIds.length - 1, Math.floor(position))) })),
    finishQuizAttempt: (finishedAt) =>
      set((s) => {
        const a = s.quiz.current;
        if (!a) return s;
        const history = [...s.quiz.history, { ...a, finishedAt, drafts: {} }].slice(-QUIZ_HISTORY_LIMIT);
        return { quiz: { ...s.quiz, current: null, history } };
      }),
    abandonQuizAttempt: () => set((s) => ({ quiz: { ...s.quiz, current: null } })),
    clearQuizHistory: () => set((s) => ({ quiz: { ...s.quiz, current: null, history: [] } })),
    recordSelfCheck: (itemId, response) => set((s) => ({ quiz: { ...s.quiz, selfCheck: { ...s.quiz.selfCheck, [itemId]: response } } })),
    resetSelfCheck: () => set((s) => ({ quiz: { ...s.quiz, selfCheck: {} } })),
    setLearnerName: (name) => set((s) => ({ quiz: { ...s.quiz, learnerName: name.slice(0, LEARNER_NAME_MAX) } })),
  };
};

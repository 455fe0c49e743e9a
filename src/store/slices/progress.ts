import { z } from 'zod/mini';
import type { StateCreator } from 'zustand';
import type { PersistedSliceSpec } from '../persist';
import type { AppState } from '../index';

export const progressSchema = z.object({
  visited: z.record(z.string(), z.literal(true)),
  completed: z.record(z.string(), z.literal(true)),
  /** Reflection-prompt notes the learner typed, by prompt id. */
  notes: z.record(z.string(), z.string().check(z.maxLength(20_000))),
  lastSection: z.nullable(z.string()),
  /**
   * When each section was last ticked or unticked, and each note last edited (epoch ms, this
   * device's clock). Two tabs merge by these (src/store/merge.ts). Optional, so data saved
   * before they existed, and older Streamlab versions reading this data, still work.
   */
  completedAt: z.optional(z.record(z.string(), z.number())),
  notesAt: z.optional(z.record(z.string(), z.number())),
});
export type Progress = z.infer<typeof progressSchema>;

export const progressSpec: PersistedSliceSpec<Progress> = {
  key: 'streamlab:progress',
  slice: 'progress',
  version: 1,
  schema: progressSchema,
  defaults: () => ({ visited: {}, completed: {}, notes: {}, lastSection: null }),
};

export interface ProgressSlice {
  progress: Progress;
  markVisited: (sectionId: string) => void;
  setCompleted: (sectionId: string, done: boolean) => void;
  setNote: (promptId: string, text: string) => void;
  resetProgress: () => void;
}

export const createProgressSlice: StateCreator<AppState, [], [], ProgressSlice> = (set) => ({
  progress: progressSpec.defaults(),
  markVisited: (sectionId) =>
    set((s) =>
      s.progress.visited[sectionId] && s.progress.lastSection === sectionId
        ? s
        : { progress: { ...s.progress, visited: { ...s.progress.visited, [sectionId]: true }, lastSection: sectionId } },
    ),
  setCompleted: (sectionId, done) =>
    set((s) => {
      const completed = { ...s.progress.completed };
      if (done) completed[sectionId] = true;
      else delete completed[sectionId];
      return { progress: { ...s.progress, completed, completedAt: { ...s.progress.completedAt, [sectionId]: Date.now() } } };
    }),
  setNote: (promptId, text) =>
    set((s) => ({
      progress: { ...s.progress, notes: { ...s.progress.notes, [promptId]: text.slice(0, 20_000) }, notesAt: { ...s.progress.notesAt, [promptId]: Date.now() } },
    })),
  resetProgress: () => set({ progress: progressSpec.defaults() }),
});

import { create } from 'zustand';
import { loadSlice, saveSlice, type PersistedSliceSpec } from './persist';
import { createNoticesSlice, type NoticesSlice } from './slices/notices';
import { createPrefsSlice, prefsSpec, type PrefsSlice } from './slices/prefs';
import { createProgressSlice, progressSpec, type ProgressSlice } from './slices/progress';
import { createLabSlice, labSpec, type LabSlice } from './slices/lab';
import { createSimSlice, type SimSlice } from './slices/sim';
import { createQuizSlice, quizSpec, type QuizSlice } from './slices/quiz';

// One store, composed from slices (zustand's slices pattern). A feature adds its slice type to
// AppState, its creator to the create() call, and (if it persists) an entry to `persisted`.
export type AppState = ProgressSlice & PrefsSlice & NoticesSlice & SimSlice & QuizSlice & LabSlice;

export const useStore = create<AppState>()((...a) => ({
  ...createProgressSlice(...a),
  ...createPrefsSlice(...a),
  ...createNoticesSlice(...a),
  ...createLabSlice(...a),
  ...createSimSlice(...a),
  ...createQuizSlice(...a),
}));

interface PersistedEntry<K extends keyof AppState> {
  field: K;
  spec: PersistedSliceSpec<AppState[K]>;
}
function entry<K extends keyof AppState>(field: K, spec: PersistedSliceSpec<AppState[K]>): PersistedEntry<K> {
  return { field, spec };
}

const persisted = [entry('progress', progressSpec), entry('prefs', prefsSpec), entry('quiz', quizSpec), entry('lab', labSpec)];

/**
 * Reads every persisted slice into the store (reporting anything unreadable as a notice) and
 * saves each slice when it changes. Call once at start-up; returns an unsubscribe function.
 */
export function hydrateAndPersist(storage?: Storage | null): () => void {
  const unsubs: (() => void)[] = [];
  for (const { field, spec } of persisted) {
    const { value, problem } = loadSlice(spec as PersistedSliceSpec<unknown>, storage);
    useStore.setState({ [field]: value } as Partial<AppState>);
    if (problem) useStore.getState().notify({ id: `storage-${spec.key}`, tone: 'warning', text: problem });
    unsubs.push(
      useStore.subscribe((state, prev) => {
        if (state[field] === prev[field]) return;
        const failure = saveSlice(spec as PersistedSliceSpec<unknown>, state[field], storage);
        if (failure) useStore.getState().notify({ id: `save-${spec.key}`, tone: 'error', text: failure });
      }),
    );
  }
  return () => unsubs.forEach((u) => u());
}

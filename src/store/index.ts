import { create } from 'zustand';
import { mergeLab, mergePrefs, mergeProgress, mergeQuiz } from './merge';
import { loadSlice, readStored, saveSlice, storageAvailable, type PersistedSliceSpec } from './persist';
import { createNoticesSlice, type Notice, type NoticesSlice } from './slices/notices';
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
  /** merges another tab's saved value into this tab's (see ./merge.ts) */
  merge: (local: AppState[K], remote: AppState[K]) => AppState[K];
}
function entry<K extends keyof AppState>(field: K, spec: PersistedSliceSpec<AppState[K]>, merge: (local: AppState[K], remote: AppState[K]) => AppState[K]): PersistedEntry<K> {
  return { field, spec, merge };
}

const persisted = [entry('progress', progressSpec, mergeProgress), entry('prefs', prefsSpec, mergePrefs), entry('quiz', quizSpec, mergeQuiz), entry('lab', labSpec, mergeLab)];

/** Offers text as a file download (for stored data Streamlab could not read or keep a copy of). */
function download(name: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
  const a = Object.assign(document.createElement('a'), { href: url, download: name });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/**
 * Reads every persisted slice into the store (reporting anything unreadable as a notice), saves
 * each slice when it changes (a failed save is reported, with what to do and a button to try
 * again, until a save succeeds), and merges what other tabs save (the `storage` event) into this
 * tab's state. Call once at start-up; returns a function that stops all of it.
 *
 * `storage` defaults to this browser's localStorage, found by reading (so a full quota still
 * loads saved progress); pass null for none.
 */
export function hydrateAndPersist(storage: Storage | null = storageAvailable()): () => void {
  const unsubs: (() => void)[] = [];
  const notify = (n: Notice) => useStore.getState().notify(n);
  const dismiss = (id: string) => useStore.getState().dismissNotice(id);
  // Keys whose last save failed: the learner is told once per run of failures, not per keystroke.
  const failing = new Set<string>();
  const saveAll = () => {
    for (const { field, spec } of persisted) save(spec as PersistedSliceSpec<unknown>, useStore.getState()[field]);
  };
  const save = (spec: PersistedSliceSpec<unknown>, value: unknown) => {
    const failure = saveSlice(spec, value, storage);
    const id = `save-${spec.key}`;
    if (!failure) {
      if (failing.delete(spec.key)) dismiss(id);
      return;
    }
    if (failing.has(spec.key)) return;
    failing.add(spec.key);
    notify({ id, tone: 'error', text: failure, action: storage ? { label: 'Try saving again', run: retry } : undefined });
  };
  const retry = () => {
    failing.clear();
    for (const { spec } of persisted) dismiss(`save-${spec.key}`);
    saveAll();
  };

  for (const { field, spec } of persisted) {
    const { value, problem, unreadable } = loadSlice(spec as PersistedSliceSpec<unknown>, storage);
    useStore.setState({ [field]: value } as Partial<AppState>);
    if (problem) {
      const action = unreadable === undefined ? undefined : { label: 'Download the old data', run: () => download(`${spec.key.replace(/:/g, '-')}-unreadable.json`, unreadable) };
      notify({ id: `storage-${spec.key}`, tone: 'warning', text: problem, action });
    }
    unsubs.push(
      useStore.subscribe((state, prev) => {
        if (state[field] !== prev[field]) save(spec as PersistedSliceSpec<unknown>, state[field]);
      }),
    );
  }

  // Another tab saved: merge its data into ours (the subscription above then saves the merge).
  if (storage && typeof window !== 'undefined') {
    const onStorage = (e: StorageEvent) => {
      if (e.storageArea !== storage || e.key === null) return;
      const hit = persisted.find((p) => p.spec.key === e.key);
      if (!hit) return;
      const remote = readStored(hit.spec as PersistedSliceSpec<unknown>, e.newValue);
      if (remote === null) return;
      const local = useStore.getState()[hit.field];
      const merged = (hit.merge as (l: unknown, r: unknown) => unknown)(local, remote);
      if (merged !== local) useStore.setState({ [hit.field]: merged } as Partial<AppState>);
    };
    window.addEventListener('storage', onStorage);
    unsubs.push(() => window.removeEventListener('storage', onStorage));
  }
  return () => unsubs.forEach((u) => u());
}

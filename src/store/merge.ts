/**
 * Merging what another tab saved into this tab's state. Each tab saves a whole slice, so without a
 * merge the last save wins and wipes the other tab's work. When a `storage` event brings another
 * tab's save, the store merges it with its own state and saves the result:
 * - sections visited and completed, and lab steps passed, are unions; a section unticked in one
 *   tab stays unticked only if that was the latest change to it (`completedAt`);
 * - each lab cell and each reflection note keeps its latest edit (`edited`, `notesAt`), a reset
 *   cell included;
 * - finished quiz attempts are a union by attempt id; answers to the self-check are kept from
 *   either side;
 * - preferences: the other tab's (it was changed last);
 * - where each tab is (last section, current lab step, the quiz attempt in progress) stays this
 *   tab's own.
 *
 * The merges are pure and commutative where it matters (unions, latest-wins by time, ties to
 * this tab), so two tabs that exchange saves settle on the same data. A merge that changes
 * nothing returns `local` itself, so the store does not save again and the exchange stops.
 */
import type { LabState } from './slices/lab';
import type { Prefs } from './slices/prefs';
import type { Progress } from './slices/progress';
import type { QuizState } from './slices/quiz';
import { QUIZ_HISTORY_LIMIT } from './slices/quiz';

type Times = Record<string, number> | undefined;

const own = (o: object | undefined, k: string) => o !== undefined && Object.hasOwn(o, k);
const keysOf = (...objs: (object | undefined)[]) => [...new Set(objs.flatMap((o) => (o ? Object.keys(o) : [])))].sort();

/** The same data as `local` (compared as JSON with sorted keys)? Then keep `local` itself. */
function sameOr<T>(local: T, merged: T): T {
  return canonical(local) === canonical(merged) ? local : merged;
}

function canonical(v: unknown): string {
  return JSON.stringify(v, (_k, val: unknown) =>
    val && typeof val === 'object' && !Array.isArray(val) ? Object.fromEntries(Object.entries(val as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) : val,
  );
}

/**
 * Latest-wins merge of one map whose entries carry edit times. An entry absent on the side with
 * the later time was removed there, and stays removed. With equal times (or none, as in data
 * saved before times were kept) `tie` decides.
 */
function latestWins<V>(
  localVals: Record<string, V>,
  localAt: Times,
  remoteVals: Record<string, V>,
  remoteAt: Times,
  tie: (k: string) => 'local' | 'remote',
): { vals: Record<string, V>; at: Record<string, number> } {
  const vals: Record<string, V> = {};
  const at: Record<string, number> = {};
  for (const k of keysOf(localVals, localAt, remoteVals, remoteAt)) {
    const tl = localAt?.[k] ?? 0;
    const tr = remoteAt?.[k] ?? 0;
    const side = tl > tr ? 'local' : tr > tl ? 'remote' : tie(k);
    const [src, t] = side === 'local' ? [localVals, tl] : [remoteVals, tr];
    if (own(src, k)) vals[k] = src[k]!;
    if (t > 0) at[k] = t;
  }
  return { vals, at };
}

const union = <V>(a: Record<string, V>, b: Record<string, V>): Record<string, V> => {
  const out: Record<string, V> = {};
  for (const k of keysOf(a, b)) out[k] = own(a, k) ? a[k]! : b[k]!;
  return out;
};

export function mergeProgress(local: Progress, remote: Progress): Progress {
  const completed = latestWins(local.completed, local.completedAt, remote.completed, remote.completedAt, (k) => (own(local.completed, k) ? 'local' : 'remote'));
  const notes = latestWins(local.notes, local.notesAt, remote.notes, remote.notesAt, (k) => (own(local.notes, k) ? 'local' : 'remote'));
  return sameOr(local, {
    visited: union(local.visited, remote.visited),
    completed: completed.vals,
    notes: notes.vals,
    lastSection: local.lastSection ?? remote.lastSection,
    completedAt: completed.at,
    notesAt: notes.at,
  });
}

export function mergeLab(local: LabState, remote: LabState): LabState {
  const code: LabState['code'] = {};
  const edited: NonNullable<LabState['edited']> = {};
  for (const lab of keysOf(local.code, local.edited, remote.code, remote.edited)) {
    const m = latestWins(local.code[lab] ?? {}, local.edited?.[lab], remote.code[lab] ?? {}, remote.edited?.[lab], (cell) => (own(local.code[lab], cell) ? 'local' : 'remote'));
    if (own(local.code, lab) || own(remote.code, lab) || Object.keys(m.vals).length) code[lab] = m.vals;
    if (Object.keys(m.at).length) edited[lab] = m.at;
  }
  const passed: LabState['passed'] = {};
  for (const lab of keysOf(local.passed, remote.passed)) passed[lab] = union(local.passed[lab] ?? {}, remote.passed[lab] ?? {});
  return sameOr(local, { code, passed, current: union(local.current, remote.current), edited });
}

export function mergeQuiz(local: QuizState, remote: QuizState): QuizState {
  const byId = new Map<string, QuizState['history'][number]>();
  for (const a of [...remote.history, ...local.history]) byId.set(a.id, a);
  const history = [...byId.values()].sort((a, b) => (a.finishedAt ?? '').localeCompare(b.finishedAt ?? '') || a.id.localeCompare(b.id)).slice(-QUIZ_HISTORY_LIMIT);
  // An attempt this tab still shows as in progress but the other tab finished is finished.
  const current = local.current && byId.has(local.current.id) ? null : local.current;
  return sameOr(local, { ...local, current, history, selfCheck: union(local.selfCheck, remote.selfCheck) });
}

export function mergePrefs(local: Prefs, remote: Prefs): Prefs {
  return sameOr(local, remote);
}

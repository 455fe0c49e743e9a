import { deflateSync, inflateSync, strFromU8, strToU8 } from 'fflate';
import { z } from 'zod/mini';
import type { Attempt } from '../quiz/answer';
import { bestPercent, scoreAttempt } from '../quiz/engine';
import { labStateSchema, type LabState } from '../store/slices/lab';
import { progressSchema, type Progress } from '../store/slices/progress';
import { quizStateSchema, type QuizState } from '../store/slices/quiz';

/**
 * The learner's resume state as the LMS keeps it in `cmi.suspend_data`: the same three persisted
 * slices the browser keeps in local storage, pruned to fit.
 */
export interface ResumeState {
  progress: Progress;
  quiz: QuizState;
  lab: LabState;
}

/**
 * SCORM 1.2's limit on `cmi.suspend_data` (CMIString4096, SCORM 1.2 RTE section 3.4.4); SCORM
 * 2004 4th edition allows 64,000 characters, but one limit for both packages keeps a learner's
 * record portable between them.
 */
export const SUSPEND_DATA_LIMIT = 4096;

/** Marks our format and its version: `SL1.` then base64 of raw DEFLATE of the JSON. */
const PREFIX = 'SL1.';

const resumeSchema = z.object({ progress: progressSchema, quiz: quizStateSchema, lab: labStateSchema });

function base64(bytes: Uint8Array): string {
  let bin = '';
  for (let i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(bin);
}

function unbase64(text: string): Uint8Array {
  const bin = atob(text);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

function pack(state: ResumeState): string {
  return PREFIX + base64(deflateSync(strToU8(JSON.stringify(state)), { level: 9 }));
}

/** Compressed sizes of parts already measured, by the part itself (strings by value). */
const sizeCache = new Map<unknown, number>();

/**
 * About how many characters `part` adds to suspend_data on its own (fast DEFLATE, which
 * compresses a little less than the level `pack` uses, so this errs on the large side). Cached, so
 * an unchanged 50,000-character lab file is measured once, not at every save.
 */
function packedSize(part: unknown): number {
  const known = sizeCache.get(part);
  if (known !== undefined) return known;
  const size = Math.ceil((deflateSync(strToU8(JSON.stringify(part)), { level: 1 }).length * 4) / 3);
  if (sizeCache.size > 500) sizeCache.clear();
  sizeCache.set(part, size);
  return size;
}

/** What a `suspend_data` string held; which parts did not fit is reported, never silently lost. */
export interface EncodedResume {
  /** at most SUSPEND_DATA_LIMIT characters, letters, digits, `+`, `/`, `=` and `.` only */
  text: string;
  /** names of the parts left out because they did not fit (they stay in this browser's storage) */
  leftOut: string[];
}

function emptyResume(): ResumeState {
  return {
    progress: { visited: {}, completed: {}, notes: {}, lastSection: null },
    quiz: { current: null, history: [], selfCheck: {} },
    lab: { code: {}, passed: {}, current: {} },
  };
}

/**
 * A finished attempt without the order its choices were shown in: its score and answers are all
 * there (the review then lists choices in the quiz file's order). About a third smaller.
 */
function summarised(a: Attempt): Attempt {
  return { ...a, choiceOrder: {}, drafts: {} };
}

/** The finished full attempt with the best score (the one the LMS score is reported from), or null. */
function bestAttempt(history: readonly Attempt[]): Attempt | null {
  const best = bestPercent(history);
  if (best === null) return null;
  return history.find((a) => a.kind === 'full' && a.finishedAt && scoreAttempt(a).percent === best) ?? null;
}

/**
 * Encodes the resume state into at most `limit` characters (compressed; summarised when even the
 * compressed whole is too long).
 *
 * Always kept: which sections are completed and visited, the last section, the lab's passed steps
 * and current steps, and the best finished quiz attempt (so a relaunch reports the same score).
 * Then, while they fit, in this order: the quiz attempt in progress, the self-check answers, the
 * lab code (each file), the reflection notes (each one), and the other finished attempts, newest
 * first. Finished attempts are kept without their choice order (see `summarised`), the attempt in
 * progress with the choice order of its unanswered questions only. A part that does not fit is left out and named in `leftOut`; a smaller part after it may
 * still fit.
 *
 * @param limit characters available (SCORM 1.2: 4096)
 */
export function encodeResume(state: ResumeState, limit = SUSPEND_DATA_LIMIT): EncodedResume {
  const leftOut: string[] = [];
  const out = emptyResume();
  out.progress.visited = { ...state.progress.visited };
  out.progress.completed = { ...state.progress.completed };
  out.progress.lastSection = state.progress.lastSection;
  out.lab.passed = state.lab.passed;
  out.lab.current = state.lab.current;
  const best = bestAttempt(state.quiz.history);
  if (best) out.quiz.history = [summarised(best)];

  let text = pack(out);
  if (text.length > limit) {
    // Only possible with far more sections than the module has: keep completion, the one thing
    // the LMS's own status is computed from.
    out.progress.visited = {};
    out.lab = { code: {}, passed: {}, current: {} };
    out.quiz.history = [];
    leftOut.push('visited sections', 'lab steps', 'quiz results');
    text = pack(out);
    if (text.length > limit) return { text: pack(emptyResume()), leftOut: ['everything'] };
  }

  /**
   * Applies `add` to the kept state; undoes it and records `name` when the result is too long.
   * `part` alone, compressed, is checked first: a part that is longer than the whole limit on its
   * own (a long note, a long file) is skipped without compressing the whole state again. (Only
   * the whole limit is a safe bound: a part that shares text with what is kept, such as an
   * attempt whose question ids the best attempt already holds, costs far less than its own size.)
   */
  const tryAdd = (name: string, part: unknown, add: () => () => void) => {
    if (packedSize(part) > limit) {
      leftOut.push(name);
      return;
    }
    const undo = add();
    const next = pack(out);
    if (next.length <= limit) text = next;
    else {
      undo();
      leftOut.push(name);
    }
  };

  if (state.quiz.current) {
    // The choice order matters only for questions not yet answered (an ordering question must not
    // come back in its solved order); answered ones show the learner's own answer.
    const open = state.quiz.current;
    const current: Attempt = { ...open, choiceOrder: Object.fromEntries(Object.entries(open.choiceOrder).filter(([id]) => !open.responses[id])) };
    tryAdd('the quiz attempt in progress', current, () => {
      out.quiz.current = current;
      return () => (out.quiz.current = null);
    });
  }
  for (const [id, response] of Object.entries(state.quiz.selfCheck)) {
    tryAdd(`self-check answer ${id}`, response, () => {
      out.quiz.selfCheck[id] = response;
      return () => delete out.quiz.selfCheck[id];
    });
  }
  for (const [labId, cells] of Object.entries(state.lab.code)) {
    for (const [cell, code] of Object.entries(cells)) {
      tryAdd(`lab code ${labId}/${cell}`, code, () => {
        out.lab.code[labId] = { ...out.lab.code[labId], [cell]: code };
        return () => {
          const rest = { ...out.lab.code[labId] };
          delete rest[cell];
          if (Object.keys(rest).length) out.lab.code[labId] = rest;
          else delete out.lab.code[labId];
        };
      });
    }
  }
  for (const [id, note] of Object.entries(state.progress.notes)) {
    tryAdd(`note ${id}`, note, () => {
      out.progress.notes[id] = note;
      return () => delete out.progress.notes[id];
    });
  }
  const others = state.quiz.history.filter((a) => a !== best).reverse();
  for (const attempt of others) {
    tryAdd(`quiz attempt ${attempt.id}`, attempt, () => {
      out.quiz.history.push(summarised(attempt));
      return () => void out.quiz.history.pop();
    });
  }
  // history is kept oldest first, as the quiz slice keeps it
  out.quiz.history.sort((a, b) => (a.finishedAt ?? '').localeCompare(b.finishedAt ?? ''));
  text = pack(out);
  return { text, leftOut };
}

/** The outcome of reading `suspend_data`. */
export type DecodedResume = { ok: true; state: ResumeState | null } | { ok: false; why: string };

/**
 * Reads what `encodeResume` wrote. An empty string is a first launch (`state: null`). Anything
 * else that is not our format, does not decompress or fails the persisted slices' schemas is
 * refused with a reason; it never throws.
 */
export function decodeResume(text: string): DecodedResume {
  if (text === '') return { ok: true, state: null };
  if (!text.startsWith(PREFIX)) return { ok: false, why: 'it was not written by Streamlab' };
  let json: unknown;
  try {
    json = JSON.parse(strFromU8(inflateSync(unbase64(text.slice(PREFIX.length)))));
  } catch {
    return { ok: false, why: 'it is damaged (it does not decompress)' };
  }
  const parsed = resumeSchema.safeParse(json);
  if (!parsed.success) return { ok: false, why: 'its contents are damaged or incomplete' };
  return { ok: true, state: parsed.data };
}

/**
 * Combines the state this browser kept with the state the LMS kept, losing nothing either holds:
 * sections completed or visited in either; every finished attempt of either (by id, at most the
 * quiz slice's limit, newest kept); the attempt in progress with more answers (the LMS's on a
 * tie); this browser's notes and lab code where it has them (the LMS copy may be summarised);
 * lab steps passed in either. The last section comes from the LMS when it has one. Merging only
 * adds: a section marked unfinished again in one place stays completed if the other has it so.
 */
export function mergeResume(local: ResumeState, fromLms: ResumeState, historyLimit = 50): ResumeState {
  const history = new Map<string, Attempt>();
  for (const a of [...fromLms.quiz.history, ...local.quiz.history]) if (!history.has(a.id)) history.set(a.id, a);
  const answered = (a: Attempt | null) => (a ? Object.keys(a.responses).length : -1);
  const current = answered(local.quiz.current) > answered(fromLms.quiz.current) ? local.quiz.current : fromLms.quiz.current;
  const passed: LabState['passed'] = { ...fromLms.lab.passed };
  for (const [labId, steps] of Object.entries(local.lab.passed)) passed[labId] = { ...passed[labId], ...steps };
  const code: LabState['code'] = { ...fromLms.lab.code };
  for (const [labId, cells] of Object.entries(local.lab.code)) code[labId] = { ...code[labId], ...cells };
  return {
    progress: {
      visited: { ...local.progress.visited, ...fromLms.progress.visited },
      completed: { ...local.progress.completed, ...fromLms.progress.completed },
      notes: { ...fromLms.progress.notes, ...local.progress.notes },
      lastSection: fromLms.progress.lastSection ?? local.progress.lastSection,
    },
    quiz: {
      current: current && history.has(current.id) ? null : current,
      history: [...history.values()].sort((a, b) => (a.finishedAt ?? '').localeCompare(b.finishedAt ?? '')).slice(-historyLimit),
      selfCheck: { ...fromLms.quiz.selfCheck, ...local.quiz.selfCheck },
      // the name for exported results stays where the learner typed it (it is never sent to the LMS)
      ...(local.quiz.learnerName !== undefined ? { learnerName: local.quiz.learnerName } : {}),
    },
    lab: { code, passed, current: { ...local.lab.current, ...fromLms.lab.current } },
  };
}

import { sections } from '../content';
import { useStore } from '../store';
import { storageAvailable } from '../store/persist';
import { QUIZ_HISTORY_LIMIT } from '../store/slices/quiz';
import { buildReport, cmiValues, lmsPassMark, sessionTime } from './report';
import { decodeResume, encodeResume, mergeResume, type ResumeState } from './resume';
import { findScormApi, ScormSession, type ScormVersion } from './scorm';

/**
 * Elements that not every LMS keeps. A SetValue on one of them that the LMS refuses as unknown,
 * unimplemented or out of range (error codes 4xx in both versions) is skipped from then on;
 * any other refusal means the session is gone.
 */
const OPTIONAL = /^cmi\.(objectives\.|progress_measure|location|core\.lesson_location|score\.scaled)/;

/** Delay before changes are sent, so a burst of clicks becomes one commit (ms). */
const FLUSH_DELAY_MS = 400;

/** The notice (one id, so the learner sees one message however often the LMS fails). */
const NOTICE_ID = 'lms';

/**
 * Local storage seen through a key prefix: one learner's data in an LMS never mixes with another
 * learner's on a shared classroom computer (an LMS serves every course from one origin).
 */
export class PrefixedStorage implements Storage {
  private readonly base: Storage;
  private readonly prefix: string;
  constructor(base: Storage, prefix: string) {
    this.base = base;
    this.prefix = prefix;
  }
  private keys(): string[] {
    const out: string[] = [];
    for (let i = 0; i < this.base.length; i++) {
      const k = this.base.key(i);
      if (k !== null && k.startsWith(this.prefix)) out.push(k.slice(this.prefix.length));
    }
    return out;
  }
  get length(): number {
    return this.keys().length;
  }
  key(index: number): string | null {
    return this.keys()[index] ?? null;
  }
  getItem(key: string): string | null {
    return this.base.getItem(this.prefix + key);
  }
  setItem(key: string, value: string): void {
    this.base.setItem(this.prefix + key, value);
  }
  removeItem(key: string): void {
    this.base.removeItem(this.prefix + key);
  }
  clear(): void {
    for (const k of this.keys()) this.base.removeItem(this.prefix + k);
  }
}

/** Where the LMS connection stands. */
export type LmsState = 'connected' | 'missing' | 'failed' | 'ended';

export interface LmsConnection {
  state: LmsState;
  /** the storage the store should persist to (the learner's own space when the LMS names them) */
  storage: Storage | null;
  /** Applies the LMS's resume state to the hydrated store and starts mirroring; call once. */
  start(): void;
}

function notifyLms(text: string): void {
  useStore.getState().notify({ id: NOTICE_ID, tone: 'warning', text });
}

/**
 * Opens the SCORM session of an LMS package, before the store hydrates, so the learner's local
 * copy can be kept apart per learner. Never throws: with no API, or one that fails, the module
 * runs on local storage alone and `start()` shows one notice.
 *
 * @param version the package's SCORM version
 * @param buildPassMark the pass mark from the build (STREAMLAB_PASS_MARK), 0..1; the LMS's own
 *   mastery score / scaled passing score wins when it has one
 */
export function openLms(version: ScormVersion, buildPassMark: number, win: Window = window): LmsConnection {
  const base = storageAvailable();
  const api = findScormApi(version, win);
  if (!api) {
    return {
      state: 'missing',
      storage: base,
      start: () =>
        notifyLms(
          'Streamlab could not find your course system (no SCORM connection), so your progress is saved in this browser only. Open the module from your course page to have it recorded there.',
        ),
    };
  }
  const session = new ScormSession(api, version);
  const failedToStart = () => ({
    state: 'failed' as const,
    storage: base,
    start: () => reportFailure(session),
  });
  if (!session.initialize()) return failedToStart();
  const learner = session.get(version === '1.2' ? 'cmi.core.student_id' : 'cmi.learner_id');
  const suspend = session.get('cmi.suspend_data');
  if (learner === null || suspend === null) return failedToStart();
  const passMark = lmsPassMark(version, session.get(version === '1.2' ? 'cmi.student_data.mastery_score' : 'cmi.scaled_passing_score')) ?? buildPassMark;
  const storage = base && learner ? new PrefixedStorage(base, `streamlab:lms:${encodeURIComponent(learner)}:`) : base;

  const connection: LmsConnection = {
    state: 'connected',
    storage,
    start: () => {
      const decoded = decodeResume(suspend);
      if (decoded.ok && decoded.state) applyResume(decoded.state);
      if (!decoded.ok) {
        notifyLms(`The progress your course system kept for you could not be read (${decoded.why}), so Streamlab continues with what this browser saved. Your course record is updated from here on.`);
      }
      mirror(session, connection, passMark);
    },
  };
  return connection;
}

function reportFailure(session: ScormSession): void {
  const e = session.lastError;
  const why = e ? ` (error ${e.code}${e.message ? `: ${e.message}` : ''})` : '';
  notifyLms(
    `Your course system stopped recording Streamlab's progress${why}. Everything is still saved in this browser, and is sent to your course system the next time you open the module from your course page.`,
  );
}

function applyResume(fromLms: ResumeState): void {
  const s = useStore.getState();
  const merged = mergeResume({ progress: s.progress, quiz: s.quiz, lab: s.lab }, fromLms, QUIZ_HISTORY_LIMIT);
  useStore.setState({ progress: merged.progress, quiz: merged.quiz, lab: merged.lab });
}

/** Sends the report now and after every change to progress, quiz or lab; ends the session on page exit. */
function mirror(session: ScormSession, connection: LmsConnection, passMark: number): void {
  const sectionIds = sections.map((s) => s.id);
  const sent = new Map<string, string>();
  const skipped = new Set<string>();
  const startedAt = Date.now();
  let timer: number | undefined;

  const fail = (ended: boolean) => {
    if (connection.state !== 'connected') return;
    connection.state = ended ? 'ended' : 'failed';
    unsubscribe();
    reportFailure(session);
  };

  const flush = (final: boolean): void => {
    window.clearTimeout(timer);
    timer = undefined;
    if (connection.state !== 'connected') return;
    const s = useStore.getState();
    const report = buildReport(s.progress, s.quiz.history, sectionIds, passMark);
    const { text } = encodeResume({ progress: s.progress, quiz: s.quiz, lab: s.lab });
    const values = cmiValues(session.version, report, text);
    if (final) values.push([session.version === '1.2' ? 'cmi.core.session_time' : 'cmi.session_time', sessionTime(session.version, Date.now() - startedAt)]);
    for (const [element, value] of values) {
      if (skipped.has(element) || sent.get(element) === value) continue;
      if (session.set(element, value)) {
        sent.set(element, value);
        continue;
      }
      const code = session.lastError?.code ?? '';
      if (OPTIONAL.test(element) && /^4\d\d$/.test(code)) {
        skipped.add(element);
        continue;
      }
      // 1.2: 301 not initialized; 2004: 132/133 after terminate, 142/143 commit/set after terminate
      return fail(['301', '132', '133', '142', '143'].includes(code));
    }
    if (!session.commit()) return fail(true);
    if (final) {
      if (!session.terminate()) return fail(true);
      connection.state = 'ended';
      unsubscribe();
    }
  };

  const schedule = () => {
    if (timer === undefined) timer = window.setTimeout(() => flush(false), FLUSH_DELAY_MS);
  };
  const unsubStore = useStore.subscribe((state, prev) => {
    if (state.progress !== prev.progress || state.quiz !== prev.quiz || state.lab !== prev.lab) schedule();
  });
  const onHide = () => {
    if (document.visibilityState === 'hidden') flush(false);
  };
  const onExit = () => flush(true);
  document.addEventListener('visibilitychange', onHide);
  window.addEventListener('pagehide', onExit);
  function unsubscribe() {
    unsubStore();
    document.removeEventListener('visibilitychange', onHide);
    window.removeEventListener('pagehide', onExit);
    window.clearTimeout(timer);
  }
  flush(false);
}

import type { Attempt } from '../quiz/answer';
import { bestPercent } from '../quiz/engine';
import type { Progress } from '../store/slices/progress';
import type { ScormVersion } from './scorm';

/** What Streamlab tells the LMS about a learner, before it is put in either SCORM's words. */
export interface LmsReport {
  /** each section in module order, with the learner's status in it */
  sections: { id: string; status: 'completed' | 'visited' | 'new' }[];
  /** the share of sections completed, 0..1 */
  progress: number;
  /** every section is completed */
  completed: boolean;
  /** the best finished full quiz attempt, 0..100 (one decimal), or null before the first one */
  scorePercent: number | null;
  /** whether that score reaches the pass mark; null before the first finished attempt */
  passed: boolean | null;
  /** the section the learner was last on (where a relaunch takes them), or null */
  location: string | null;
}

/**
 * The report for a learner's progress and quiz history.
 * @param sectionIds the module's sections in order (content/manifest.yaml)
 * @param passMark the share of the quiz's points that passes, 0..1
 */
export function buildReport(progress: Progress, history: readonly Attempt[], sectionIds: readonly string[], passMark: number): LmsReport {
  const sections = sectionIds.map((id) => ({ id, status: progress.completed[id] ? ('completed' as const) : progress.visited[id] ? ('visited' as const) : ('new' as const) }));
  const done = sections.filter((s) => s.status === 'completed').length;
  const scorePercent = bestPercent(history);
  return {
    sections,
    progress: sectionIds.length ? done / sectionIds.length : 0,
    completed: sectionIds.length > 0 && done === sectionIds.length,
    scorePercent,
    // compared in tenths of a percent, the precision scores are kept in, so 0.8 passes 80.0 %
    passed: scorePercent === null ? null : Math.round(scorePercent * 10) >= Math.round(passMark * 1000),
    location: progress.lastSection,
  };
}

/** A number as SCORM's decimal types want it: no exponent, at most `digits` decimals. */
function decimal(n: number, digits: number): string {
  return String(Number(n.toFixed(digits)));
}

/**
 * SCORM 1.2's CMITimespan, `HHHH:MM:SS.SS` (RTE 3.4.2), or SCORM 2004's timeinterval
 * (ISO 8601 duration, `PT#H#M#S`, RTE 4.2.x) for a duration in milliseconds.
 */
export function sessionTime(version: ScormVersion, ms: number): string {
  const total = Math.max(0, Math.round(ms / 10)) / 100;
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total - h * 3600 - m * 60;
  if (version === '1.2') return `${String(Math.min(h, 9999)).padStart(4, '0')}:${String(m).padStart(2, '0')}:${s.toFixed(2).padStart(5, '0')}`;
  return `PT${h}H${m}M${decimal(s, 2)}S`;
}

/**
 * The data model elements and values that carry a report, in the order they should be set.
 *
 * SCORM 1.2 has one status for both completion and success (cmi.core.lesson_status): it is
 * "incomplete" until every section is completed, then "completed" until a full quiz attempt is
 * finished, then "passed" or "failed" from the best score. SCORM 2004 keeps them apart
 * (cmi.completion_status, cmi.success_status) and adds cmi.progress_measure. Both get the score
 * (1.2: raw 0-100; 2004: scaled 0-1 and raw), the location, one objective per section with its
 * status, `suspend` as the exit (so the LMS keeps suspend_data for the next launch), and the
 * resume state.
 */
export function cmiValues(version: ScormVersion, report: LmsReport, suspendData: string): [string, string][] {
  const out: [string, string][] = [];
  const score = report.scorePercent;
  if (version === '1.2') {
    const status = !report.completed ? 'incomplete' : report.passed === null ? 'completed' : report.passed ? 'passed' : 'failed';
    if (score !== null) out.push(['cmi.core.score.min', '0'], ['cmi.core.score.max', '100'], ['cmi.core.score.raw', decimal(score, 2)]);
    out.push(['cmi.core.lesson_status', status]);
    if (report.location) out.push(['cmi.core.lesson_location', report.location.slice(0, 255)]);
    report.sections.forEach((s, n) => {
      out.push([`cmi.objectives.${n}.id`, s.id], [`cmi.objectives.${n}.status`, s.status === 'completed' ? 'completed' : s.status === 'visited' ? 'incomplete' : 'not attempted']);
    });
    out.push(['cmi.core.exit', 'suspend'], ['cmi.suspend_data', suspendData]);
    return out;
  }
  out.push(['cmi.progress_measure', decimal(report.progress, 4)], ['cmi.completion_status', report.completed ? 'completed' : 'incomplete']);
  if (score !== null) {
    out.push(['cmi.score.min', '0'], ['cmi.score.max', '100'], ['cmi.score.raw', decimal(score, 2)], ['cmi.score.scaled', decimal(score / 100, 4)]);
  }
  out.push(['cmi.success_status', report.passed === null ? 'unknown' : report.passed ? 'passed' : 'failed']);
  if (report.location) out.push(['cmi.location', report.location]);
  report.sections.forEach((s, n) => {
    out.push([`cmi.objectives.${n}.id`, s.id], [`cmi.objectives.${n}.completion_status`, s.status === 'completed' ? 'completed' : s.status === 'visited' ? 'incomplete' : 'not attempted']);
  });
  out.push(['cmi.exit', 'suspend'], ['cmi.suspend_data', suspendData]);
  return out;
}

/**
 * The pass mark the LMS holds, if any, as a share 0..1: SCORM 1.2's cmi.student_data.mastery_score
 * (0-100, from the manifest's adlcp:masteryscore) or SCORM 2004's cmi.scaled_passing_score
 * (-1..1, from the manifest's minNormalizedMeasure). Empty or unreadable: null (use the build's).
 */
export function lmsPassMark(version: ScormVersion, raw: string | null): number | null {
  if (raw === null || raw.trim() === '') return null;
  const n = Number(raw);
  if (!Number.isFinite(n)) return null;
  if (version === '1.2') return n >= 0 && n <= 100 ? n / 100 : null;
  return n >= -1 && n <= 1 ? Math.max(0, n) : null;
}

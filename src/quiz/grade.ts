import type { Answer, QuizItem, Tolerance } from './schema';
import { formatNumber as formatReadable } from '../format/number';

// Pure grading. Every function here is deterministic and has no side effects; the predicted value
// of a "predict, then run" item is passed in (`observed`), never computed here.

export interface Grade {
  /** 0..1 */
  score: number;
  /** full marks */
  correct: boolean;
  /** Feedback that applies to this particular answer (chosen wrong choices, missed ones, a known misconception). */
  feedback: string[];
}

/** The partial-credit rule for each item type, in the words shown to the learner. */
export const scoringRules: Record<QuizItem['type'], string> = {
  single: 'One point for the right choice, nothing otherwise.',
  multiple:
    'Select every statement that is true. With k true statements, each true one you select earns 1/k of a point and each false one you select takes 1/k away; the total is never below zero. Full marks need exactly the true ones.',
  numeric: 'One point if your number is within the stated tolerance, nothing otherwise.',
  ordering:
    'Partial credit: the share of pairs of steps that you put in the right order relative to each other. Full marks need the exact order.',
  predict: 'Commit a prediction, then the simulator runs. One point if your prediction is within the stated tolerance of what the simulator produced.',
};

export function withinTolerance(value: number, target: number, tol: Tolerance): boolean {
  if (!Number.isFinite(value) || !Number.isFinite(target)) return false;
  const allowed = Math.max(tol.abs ?? 0, (tol.rel ?? 0) * Math.abs(target));
  // a tiny epsilon so that 0.1 + 0.2 style rounding never turns a right answer wrong
  return Math.abs(value - target) <= allowed + 1e-9;
}

/** Describes a tolerance in words, or null when the answer must be exact. */
export function describeTolerance(tol: Tolerance, unit?: string): string | null {
  const parts: string[] = [];
  if (tol.abs) parts.push(`±${unit ? withUnit(tol.abs, unit) : formatNumber(tol.abs)}`);
  if (tol.rel) parts.push(`±${Math.round(tol.rel * 100)}%`);
  if (parts.length === 0) return null;
  return parts.length === 2 ? `${parts[0]} or ${parts[1]}, whichever is larger` : parts[0]!;
}

/** Share of pairs (i, j) whose relative order in `given` matches `correct`; items missing from `given` count as wrong. */
export function pairAgreement(correct: readonly string[], given: readonly string[]): number {
  const n = correct.length;
  if (n < 2) return given.length === n && given[0] === correct[0] ? 1 : 0;
  const pos = new Map<string, number>();
  given.forEach((id, i) => {
    if (!pos.has(id)) pos.set(id, i);
  });
  let good = 0;
  let total = 0;
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      total++;
      const a = pos.get(correct[i]!);
      const b = pos.get(correct[j]!);
      if (a !== undefined && b !== undefined && a < b) good++;
    }
  }
  return good / total;
}

const wrong = (feedback: string[] = []): Grade => ({ score: 0, correct: false, feedback });
const round = (x: number) => Math.round(x * 1e6) / 1e6;

/**
 * Grades one answer. `observed` is the simulator's value for a predict item (required there,
 * ignored elsewhere). An answer of the wrong kind scores zero.
 */
export function gradeAnswer(item: QuizItem, answer: Answer, observed?: number): Grade {
  switch (item.type) {
    case 'single': {
      if (answer.kind !== 'single') return wrong();
      const choice = item.choices.find((c) => c.id === answer.choice);
      if (!choice) return wrong();
      return { score: choice.correct ? 1 : 0, correct: choice.correct, feedback: [choice.feedback] };
    }
    case 'multiple': {
      if (answer.kind !== 'multiple') return wrong();
      const picked = new Set(answer.choices);
      const k = item.choices.filter((c) => c.correct).length;
      let raw = 0;
      const feedback: string[] = [];
      for (const c of item.choices) {
        if (picked.has(c.id) && c.correct) raw += 1;
        if (picked.has(c.id) && !c.correct) {
          raw -= 1;
          feedback.push(c.feedback);
        }
        if (!picked.has(c.id) && c.correct) feedback.push(`You left out a true statement: “${c.text}” ${c.feedback}`);
      }
      const unknown = [...picked].some((id) => !item.choices.some((c) => c.id === id));
      const score = unknown ? 0 : round(Math.max(0, raw / k));
      return { score, correct: score === 1, feedback };
    }
    case 'numeric': {
      if (answer.kind !== 'numeric') return wrong();
      const ok = withinTolerance(answer.value, item.answer, item.tolerance);
      const known = ok ? undefined : item.misconceptions.find((m) => withinTolerance(answer.value, m.value, item.tolerance));
      return { score: ok ? 1 : 0, correct: ok, feedback: known ? [known.feedback] : [] };
    }
    case 'ordering': {
      if (answer.kind !== 'ordering') return wrong();
      const correctOrder = item.steps.map((s) => s.id);
      const complete = answer.order.length === correctOrder.length && new Set(answer.order).size === correctOrder.length;
      const score = complete ? round(pairAgreement(correctOrder, answer.order)) : 0;
      const known = item.wrongOrders.find((w) => w.order.join() === answer.order.join());
      return { score, correct: score === 1, feedback: known ? [known.feedback] : [] };
    }
    case 'predict': {
      if (answer.kind !== 'predict' || observed === undefined) return wrong();
      const ok = withinTolerance(answer.value, observed, item.tolerance);
      const known = ok ? undefined : item.misconceptions.find((m) => withinTolerance(answer.value, m.value, item.tolerance));
      return { score: ok ? 1 : 0, correct: ok, feedback: known ? [known.feedback] : [] };
    }
  }
}

/** The answer that earns full marks (for predict items, the simulator's value must be supplied). */
export function correctAnswer(item: QuizItem, observed?: number): Answer {
  switch (item.type) {
    case 'single':
      return { kind: 'single', choice: item.choices.find((c) => c.correct)!.id };
    case 'multiple':
      return { kind: 'multiple', choices: item.choices.filter((c) => c.correct).map((c) => c.id) };
    case 'numeric':
      return { kind: 'numeric', value: item.answer };
    case 'ordering':
      return { kind: 'ordering', order: item.steps.map((s) => s.id) };
    case 'predict':
      if (observed === undefined) throw new Error(`predict item ${item.id} needs the simulator's value`);
      return { kind: 'predict', value: observed };
  }
}

/** The answer in words, for feedback, the review page and the CSV export. */
export function describeAnswer(item: QuizItem, answer: Answer | undefined): string {
  if (!answer) return '(not answered)';
  switch (answer.kind) {
    case 'single':
      return item.type === 'single' ? (item.choices.find((c) => c.id === answer.choice)?.text ?? answer.choice) : answer.choice;
    case 'multiple':
      if (item.type !== 'multiple') return answer.choices.join(', ');
      return answer.choices.length === 0 ? '(nothing selected)' : item.choices.filter((c) => answer.choices.includes(c.id)).map((c) => c.text).join(' | ');
    case 'numeric':
    case 'predict':
      return 'unit' in item && item.unit ? withUnit(answer.value, item.unit) : formatNumber(answer.value);
    case 'ordering':
      if (item.type !== 'ordering') return answer.order.join(' → ');
      return answer.order.map((id) => item.steps.find((s) => s.id === id)?.text ?? id).join(' → ');
  }
}

/**
 * "1 broker", "2 brokers", "1 record/s": a count with its unit, singular for exactly one. Units are
 * written in the plural in content/quiz (brokers, records, consumers, events, minutes, records/s);
 * "%" and symbols such as "ms" and "s" stay as they are.
 */
export function withUnit(n: number, unit: string): string {
  if (unit === '%') return `${formatNumber(n)}%`;
  return `${formatNumber(n)} ${n === 1 ? singular(unit) : unit}`;
}

export function singular(unit: string): string {
  const [word = '', ...rest] = unit.split('/');
  if (word.length <= 2 || !word.endsWith('s')) return unit;
  return [word.slice(0, -1), ...rest].join('/');
}

/** "n thing(s)" with the right plural of a regular English noun. */
export function plural(n: number, noun: string, many = `${noun}s`): string {
  return `${formatNumber(n)} ${n === 1 ? noun : many}`;
}

/** A score (points or a percentage) for people: at most one decimal, "7.7" rather than "7.667". */
export function formatScore(n: number): string {
  return (Math.round(n * 10) / 10).toLocaleString('en-US', { maximumFractionDigits: 1 });
}

/** A number as the quiz shows it: grouped thousands, at most 3 decimals, huge ones in scientific form. */
export function formatNumber(n: number): string {
  return formatReadable(n, 3);
}

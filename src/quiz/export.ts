import type { Attempt } from './answer';
import { bestPercent, scoreAttempt } from './engine';
import { correctAnswer, describeAnswer } from './grade';
import type { QuizItem } from './schema';

// Results an instructor can collect without a server: JSON for tools, CSV for spreadsheets.
// Both have a fixed shape; the CSV columns below never change order (add new ones at the end).

export const CSV_COLUMNS = [
  'attempt_id',
  'attempt_kind',
  'seed',
  'started_at',
  'finished_at',
  'attempt_percent',
  'question_number',
  'item_id',
  'section',
  'type',
  'answer',
  'correct_answer',
  'score',
  'correct',
  'learner_name',
] as const;

export interface ExportRow {
  attempt_id: string;
  attempt_kind: string;
  seed: number;
  started_at: string;
  finished_at: string;
  attempt_percent: number;
  question_number: number;
  item_id: string;
  section: string;
  type: string;
  answer: string;
  correct_answer: string;
  score: number;
  correct: boolean | '';
  /** the name the learner typed for handing in ('' when none) */
  learner_name: string;
}

export function exportRows(attempts: readonly Attempt[], items: ReadonlyMap<string, QuizItem>, learnerName = ''): ExportRow[] {
  const rows: ExportRow[] = [];
  for (const a of attempts) {
    const percent = scoreAttempt(a).percent;
    a.itemIds.forEach((id, i) => {
      const item = items.get(id);
      const r = a.responses[id];
      let right = '';
      if (item) {
        if (item.type !== 'predict') right = describeAnswer(item, correctAnswer(item));
        else if (r?.observed !== undefined) right = describeAnswer(item, correctAnswer(item, r.observed));
      }
      rows.push({
        attempt_id: a.id,
        attempt_kind: a.kind,
        seed: a.seed,
        started_at: a.startedAt,
        finished_at: a.finishedAt ?? '',
        attempt_percent: percent,
        question_number: i + 1,
        item_id: id,
        section: item?.section ?? '',
        type: item?.type ?? '',
        answer: item ? describeAnswer(item, r?.answer) : '',
        correct_answer: right,
        score: r?.score ?? 0,
        correct: r ? r.correct : '',
        learner_name: learnerName.trim(),
      });
    });
  }
  return rows;
}

/** One CSV field: quoted when needed; text that a spreadsheet would run as a formula is defused. */
export function csvField(value: string | number | boolean): string {
  let s = String(value);
  if (typeof value === 'string' && /^[=+@\t\r]/.test(s)) s = `'${s}`;
  return /[",\n\r]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

export function toCsv(rows: readonly ExportRow[]): string {
  const lines = [CSV_COLUMNS.join(',')];
  for (const row of rows) lines.push(CSV_COLUMNS.map((c) => csvField(row[c])).join(','));
  return `${lines.join('\r\n')}\r\n`;
}

export function toJson(attempts: readonly Attempt[], items: ReadonlyMap<string, QuizItem>, exportedAt: string, learnerName = ''): string {
  const doc = {
    format: 'streamlab-quiz-results',
    version: 1,
    exportedAt,
    learnerName: learnerName.trim(),
    bestPercent: bestPercent(attempts),
    attempts: attempts.map((a) => ({
      id: a.id,
      kind: a.kind,
      seed: a.seed,
      retryOf: a.retryOf,
      startedAt: a.startedAt,
      finishedAt: a.finishedAt,
      score: scoreAttempt(a),
      questions: exportRows([a], items).map((r) => ({
        number: r.question_number,
        itemId: r.item_id,
        section: r.section,
        type: r.type,
        answer: r.answer,
        correctAnswer: r.correct_answer,
        score: r.score,
        correct: r.correct === '' ? null : r.correct,
        raw: a.responses[r.item_id]?.answer ?? null,
      })),
    })),
  };
  return `${JSON.stringify(doc, null, 2)}\n`;
}

/** A file name for the export: the learner's name (letters, digits and dashes only) and the date. */
export function exportFileName(learnerName: string, date: string, ext: 'json' | 'csv'): string {
  const slug = learnerName
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40);
  return `streamlab-quiz-${slug ? `${slug}-` : ''}${date}.${ext}`;
}

/** Starts a browser download of `text` (Blob + object URL). */
export function download(filename: string, text: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

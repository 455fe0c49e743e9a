import type { Attempt, QuizResponse } from './answer';
import type { QuizItem } from './schema';
import { mulberry32, shuffled } from './rng';

// Attempts: which questions, in which order, with which choice order, and how they scored.
// Everything is a pure function of its inputs; the seed makes an attempt reproducible.

export interface NewAttemptOptions {
  seed: number;
  /** ids of the questions to ask (in any order); the pool is sorted first so only the seed decides the order */
  pool: string[];
  kind: Attempt['kind'];
  retryOf?: string | null;
  startedAt: string;
}

export function createAttempt(items: ReadonlyMap<string, QuizItem>, opts: NewAttemptOptions): Attempt {
  const rand = mulberry32(opts.seed);
  const pool = [...new Set(opts.pool)].filter((id) => items.has(id)).sort();
  const itemIds = shuffled(pool, rand);
  const choiceOrder: Record<string, string[]> = {};
  for (const id of itemIds) {
    const item = items.get(id)!;
    if (item.type === 'single' || item.type === 'multiple') choiceOrder[id] = shuffled(item.choices.map((c) => c.id), rand);
    if (item.type === 'ordering') {
      const correct = item.steps.map((s) => s.id);
      let order = shuffled(correct, rand);
      // never start an ordering question already solved
      if (order.join() === correct.join()) order = [...order.slice(1), order[0]!];
      choiceOrder[id] = order;
    }
  }
  return {
    id: `${opts.kind}-${opts.seed}-${opts.startedAt.replace(/[^0-9]/g, '').slice(0, 14)}`,
    seed: opts.seed,
    kind: opts.kind,
    retryOf: opts.retryOf ?? null,
    startedAt: opts.startedAt,
    finishedAt: null,
    itemIds,
    choiceOrder,
    responses: {},
    drafts: {},
    position: 0,
  };
}

export interface AttemptScore {
  points: number;
  max: number;
  /** 0..100, rounded to one decimal */
  percent: number;
  answered: number;
  correct: number;
}

export function scoreAttempt(attempt: Pick<Attempt, 'itemIds' | 'responses'>): AttemptScore {
  let points = 0;
  let answered = 0;
  let correct = 0;
  for (const id of attempt.itemIds) {
    const r: QuizResponse | undefined = attempt.responses[id];
    if (!r) continue;
    answered++;
    points += r.score;
    if (r.correct) correct++;
  }
  const max = attempt.itemIds.length;
  return { points: Math.round(points * 1000) / 1000, max, percent: max ? Math.round((points / max) * 1000) / 10 : 0, answered, correct };
}

/** Questions without full marks (including unanswered ones), in the order they were asked. */
export function missedIds(attempt: Pick<Attempt, 'itemIds' | 'responses'>): string[] {
  return attempt.itemIds.filter((id) => !attempt.responses[id]?.correct);
}

export interface SectionToRevisit {
  section: string;
  missed: number;
  asked: number;
}

/** Lesson sections with at least one missed question, in module order (items carry that order). */
export function sectionsToRevisit(attempt: Pick<Attempt, 'itemIds' | 'responses'>, items: readonly QuizItem[]): SectionToRevisit[] {
  const asked = new Set(attempt.itemIds);
  const missed = new Set(missedIds(attempt));
  const out: SectionToRevisit[] = [];
  for (const item of items) {
    if (!asked.has(item.id)) continue;
    let row = out.find((r) => r.section === item.section);
    if (!row) {
      row = { section: item.section, missed: 0, asked: 0 };
      out.push(row);
    }
    row.asked++;
    if (missed.has(item.id)) row.missed++;
  }
  return out.filter((r) => r.missed > 0);
}

/** Best percentage over finished full attempts, or null when there is none. */
export function bestPercent(history: readonly Attempt[]): number | null {
  let best: number | null = null;
  for (const a of history) {
    if (a.kind !== 'full' || !a.finishedAt) continue;
    const p = scoreAttempt(a).percent;
    if (best === null || p > best) best = p;
  }
  return best;
}

/** The first question without a checked answer, or the last one when all are answered. */
export function firstOpenPosition(attempt: Pick<Attempt, 'itemIds' | 'responses'>): number {
  const i = attempt.itemIds.findIndex((id) => !attempt.responses[id]);
  return i === -1 ? Math.max(0, attempt.itemIds.length - 1) : i;
}

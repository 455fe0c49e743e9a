import { useId, useMemo, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { useDocumentTitle } from '../../components/useDocumentTitle';
import { useStore } from '../../store';
import type { Attempt } from '../answer';
import { bestPercent, createAttempt, firstOpenPosition, missedIds, scoreAttempt, sectionsToRevisit } from '../engine';
import { formatNumber, formatScore, plural, scoringRules } from '../grade';
import { loadItems, sectionTitle } from '../items';
import { newSeed } from '../rng';
import { ExportButtons } from '../ui/ExportButtons';
import { QuestionCard } from '../ui/QuestionCard';
import '../ui/quiz.css';

const when = (iso: string) => new Date(iso).toLocaleString('en-GB', { dateStyle: 'medium', timeStyle: 'short' });

/** /quiz: start an attempt, answer one question at a time with instant grading, and see the summary. */
export default function QuizPage() {
  useDocumentTitle('Quiz');
  const loaded = loadItems();
  const quiz = useStore((s) => s.quiz);
  const [params, setParams] = useSearchParams();
  const done = params.get('done');
  const finished = done ? quiz.history.find((a) => a.id === done) : undefined;

  return (
    <div className="quiz-page">
      {loaded.problems.length ? (
        <div className="notice notice--warning" role="alert">
          <p>Some quiz questions could not be loaded and are left out:</p>
          <ul>
            {loaded.problems.map((p) => (
              <li key={p}>{p}</li>
            ))}
          </ul>
        </div>
      ) : null}
      {quiz.current ? (
        <AttemptView attempt={quiz.current} onFinished={(id) => setParams({ done: id })} />
      ) : finished ? (
        <Summary attempt={finished} />
      ) : (
        <StartView />
      )}
    </div>
  );
}

function useStarter() {
  const { items, byId } = loadItems();
  const start = useStore((s) => s.startQuizAttempt);
  const [, setParams] = useSearchParams();
  return (opts: { seed?: number; pool?: string[]; kind?: Attempt['kind']; retryOf?: string }) => {
    const attempt = createAttempt(byId, {
      seed: opts.seed ?? newSeed(),
      pool: opts.pool ?? items.map((i) => i.id),
      kind: opts.kind ?? 'full',
      retryOf: opts.retryOf ?? null,
      startedAt: new Date().toISOString(),
    });
    start(attempt);
    setParams({});
  };
}

function StartView() {
  const { items } = loadItems();
  const history = useStore((s) => s.quiz.history);
  const clear = useStore((s) => s.clearQuizHistory);
  const [params] = useSearchParams();
  const startAttempt = useStarter();
  const seedParam = params.get('seed');
  const seedParamValid = seedParam !== null && /^\d{1,10}$/.test(seedParam) && Number(seedParam) <= 2 ** 32 - 1;
  const [seedText, setSeedText] = useState(seedParamValid ? seedParam : '');
  // A link with a seed that is not a valid one says so, instead of silently shuffling afresh.
  const [seedError, setSeedError] = useState<string | null>(
    seedParam !== null && !seedParamValid
      ? `The link's seed "${seedParam.slice(0, 24)}" is not a whole number from 0 to 4294967295, so it was ignored: starting now gives a fresh shuffle.`
      : null,
  );
  const uid = useId();
  const best = bestPercent(history);
  const last = history.at(-1);
  const lastMissed = last ? missedIds(last) : [];
  const counts = items.reduce<Record<string, number>>((acc, i) => ({ ...acc, [i.type]: (acc[i.type] ?? 0) + 1 }), {});

  const begin = () => {
    if (seedText.trim() === '') return startAttempt({});
    const n = Number(seedText.trim());
    if (!/^\d{1,10}$/.test(seedText.trim()) || n > 2 ** 32 - 1) {
      setSeedError('A seed is a whole number from 0 to 4294967295. Leave it empty for a fresh shuffle.');
      return;
    }
    startAttempt({ seed: n });
  };

  return (
    <>
      <p className="eyebrow">Graded quiz</p>
      <h1>Check what you have learned</h1>
      <p className="lede">
        {plural(items.length, 'question')} from across the module. Each answer is graded as soon as you check it, with an explanation, a link to the lesson and, where there is one, a simulator scenario that shows the idea.
      </p>
      <dl className="facts">
        <div>
          <dt>Questions</dt>
          <dd>{items.length}</dd>
        </div>
        <div>
          <dt>Best score</dt>
          <dd>{best === null ? 'no finished attempt yet' : `${formatScore(best)}%`}</dd>
        </div>
        <div>
          <dt>Attempts</dt>
          <dd>{history.length}</dd>
        </div>
      </dl>
      <h2>How it is scored</h2>
      <ul>
        {(Object.keys(scoringRules) as (keyof typeof scoringRules)[]).map((t) => (
          <li key={t}>
            <strong>
              {t === 'single' ? 'Single choice' : t === 'multiple' ? 'Multiple choice' : t === 'numeric' ? 'Number' : t === 'ordering' ? 'Put in order' : 'Predict, then run'}
              {counts[t] ? ` (${counts[t]})` : ''}:
            </strong>{' '}
            {scoringRules[t]}
          </li>
        ))}
      </ul>
      <p>Questions and choices are shuffled for each attempt. Your answers are saved in this browser as you go, so you can close the page and come back.</p>
      <div className="quiz-actions">
        <button type="button" className="button button--primary" onClick={begin}>
          Start a new attempt
        </button>
        {last && lastMissed.length ? (
          <button type="button" className="button" onClick={() => startAttempt({ pool: lastMissed, kind: 'retry', retryOf: last.id })}>
            Retry the {plural(lastMissed.length, 'question')} missed last time
          </button>
        ) : null}
      </div>
      <details open={seedParam !== null}>
        <summary>Reproduce an attempt from its seed</summary>
        <p>Every attempt has a seed that fixes its order of questions and choices; the review page shows it. Enter one to get the same order again.</p>
        <div className="quiz-field">
          <label htmlFor={`${uid}-seed`}>Seed</label>
          <input
            id={`${uid}-seed`}
            type="text"
            inputMode="numeric"
            value={seedText}
            onChange={(e) => {
              setSeedText(e.target.value);
              setSeedError(null);
            }}
            onKeyDown={(e) => {
              if (e.key === 'Enter') begin();
            }}
            aria-invalid={seedError ? true : undefined}
            aria-describedby={seedError ? `${uid}-seed-error` : undefined}
          />
        </div>
        <p id={`${uid}-seed-error`} className="quiz-q__error" role="alert">
          {seedError}
        </p>
      </details>
      {history.length ? (
        <>
          <h2>Your attempts</h2>
          <div className="table-scroll">
            <table className="quiz-table">
              <caption className="visually-hidden">Finished attempts, newest first</caption>
              <thead>
                <tr>
                  <th scope="col">Finished</th>
                  <th scope="col">Kind</th>
                  <th scope="col">Score</th>
                  <th scope="col">Seed</th>
                  <th scope="col">Review</th>
                </tr>
              </thead>
              <tbody>
                {[...history].reverse().map((a) => {
                  const s = scoreAttempt(a);
                  return (
                    <tr key={a.id}>
                      <td>{a.finishedAt ? when(a.finishedAt) : ''}</td>
                      <td>{a.kind === 'full' ? 'Full quiz' : 'Retry of missed'}</td>
                      <td>
                        {formatNumber(s.percent)}% ({s.correct} of {s.max} right)
                      </td>
                      <td>{a.seed}</td>
                      <td>
                        <Link to={`/quiz/review?attempt=${encodeURIComponent(a.id)}`}>Review answers</Link>
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
          <ExportButtons attempts={history} />
          <p>
            <button
              type="button"
              className="button button--quiet"
              onClick={() => {
                if (window.confirm('Delete every saved quiz attempt in this browser?')) clear();
              }}
            >
              Delete saved attempts
            </button>
          </p>
        </>
      ) : null}
    </>
  );
}

function AttemptView({ attempt, onFinished }: { attempt: Attempt; onFinished: (id: string) => void }) {
  const { byId } = loadItems();
  const setDraft = useStore((s) => s.setQuizDraft);
  const record = useStore((s) => s.recordQuizResponse);
  const setPosition = useStore((s) => s.setQuizPosition);
  const finish = useStore((s) => s.finishQuizAttempt);
  const abandon = useStore((s) => s.abandonQuizAttempt);
  const total = attempt.itemIds.length;
  const position = Math.min(attempt.position, total - 1);
  const itemId = attempt.itemIds[position];
  const item = itemId ? byId.get(itemId) : undefined;
  const score = scoreAttempt(attempt);
  const allAnswered = score.answered === total;
  const [confirming, setConfirming] = useState(false);

  const go = (p: number) => {
    setConfirming(false);
    setPosition(p);
    requestAnimationFrame(() => document.querySelector<HTMLElement>('.quiz-q__prompt')?.focus());
  };
  const doFinish = () => {
    finish(new Date().toISOString());
    onFinished(attempt.id);
    window.scrollTo?.(0, 0);
    requestAnimationFrame(() => document.querySelector<HTMLElement>('main h1')?.focus({ preventScroll: true }));
  };

  return (
    <>
      <p className="eyebrow">{attempt.kind === 'full' ? 'Graded quiz' : 'Retrying missed questions'}</p>
      <h1>Quiz attempt</h1>
      <div className="quiz-progress">
        <progress max={total} value={score.answered} aria-label="Questions answered">
          {score.answered} of {total}
        </progress>
        <span>
          {score.answered} of {total} answered · {formatScore(score.points)} {score.points === 1 ? 'point' : 'points'} so far
        </span>
      </div>
      {item ? (
        <QuestionCard
          key={item.id}
          item={item}
          order={attempt.choiceOrder[item.id]}
          number={position + 1}
          total={total}
          draft={attempt.drafts[item.id]}
          response={attempt.responses[item.id]}
          onDraft={(a) => setDraft(item.id, a)}
          onAnswered={(r) => record(item.id, r)}
        />
      ) : (
        <p>This question is no longer part of the quiz; move on to the next one.</p>
      )}
      <nav className="quiz-nav" aria-label="Quiz questions">
        <button type="button" className="button" onClick={() => go(position - 1)} disabled={position === 0}>
          ← Previous
        </button>
        {position < total - 1 ? (
          <button type="button" className={attempt.responses[itemId ?? ''] ? 'button button--primary' : 'button'} onClick={() => go(position + 1)}>
            Next question →
          </button>
        ) : null}
        {!allAnswered && position === total - 1 ? (
          <button type="button" className="button" onClick={() => go(firstOpenPosition(attempt))}>
            Go to the first unanswered question
          </button>
        ) : null}
        <span className="quiz-nav__spacer" />
        {allAnswered ? (
          <button type="button" className="button button--primary" onClick={doFinish}>
            Finish and see my score
          </button>
        ) : confirming ? (
          <span role="group" aria-label="Confirm finishing early">
            {plural(total - score.answered, 'unanswered question')} will score 0.{' '}
            <button type="button" className="button" onClick={doFinish}>
              Finish anyway
            </button>{' '}
            <button type="button" className="button button--quiet" onClick={() => setConfirming(false)}>
              Keep answering
            </button>
          </span>
        ) : (
          <button type="button" className="button button--quiet" onClick={() => setConfirming(true)}>
            Finish early
          </button>
        )}
        <button
          type="button"
          className="button button--quiet"
          onClick={() => {
            if (window.confirm('Abandon this attempt? Its answers will not be saved as an attempt.')) abandon();
          }}
        >
          Abandon attempt
        </button>
      </nav>
    </>
  );
}

function Summary({ attempt }: { attempt: Attempt }) {
  const { items } = loadItems();
  const history = useStore((s) => s.quiz.history);
  const startAttempt = useStarter();
  const navigate = useNavigate();
  const s = scoreAttempt(attempt);
  const best = bestPercent(history);
  const missed = missedIds(attempt);
  const revisit = useMemo(() => sectionsToRevisit(attempt, items), [attempt, items]);
  return (
    <>
      <p className="eyebrow">{attempt.kind === 'full' ? 'Quiz finished' : 'Retry finished'}</p>
      <h1 tabIndex={-1}>Your score</h1>
      <p className="quiz-score">{formatScore(s.percent)}%</p>
      <p>
        {formatScore(s.points)} of {plural(s.max, 'point')}; {s.correct} of {plural(s.max, 'question')} fully right.{' '}
        {best !== null ? `Your best full-quiz score is ${formatScore(best)}%.` : ''}
      </p>
      {revisit.length ? (
        <>
          <h2>Sections to revisit</h2>
          <ul>
            {revisit.map((r) => (
              <li key={r.section}>
                <Link to={`/learn/${r.section}`}>{sectionTitle(r.section)}</Link> ({r.missed} of {r.asked} {r.asked === 1 ? 'question' : 'questions'} missed)
              </li>
            ))}
          </ul>
        </>
      ) : (
        <p>Every question fully right: nothing to revisit.</p>
      )}
      <div className="quiz-actions">
        {missed.length ? (
          <button type="button" className="button button--primary" onClick={() => startAttempt({ pool: missed, kind: 'retry', retryOf: attempt.id })}>
            Retry the {missed.length} missed {missed.length === 1 ? 'question' : 'questions'}
          </button>
        ) : null}
        <Link className="button" to={`/quiz/review?attempt=${encodeURIComponent(attempt.id)}`}>
          Review all answers
        </Link>
        <button type="button" className="button" onClick={() => startAttempt({})}>
          Start a new attempt
        </button>
        <button type="button" className="button button--quiet" onClick={() => navigate('/quiz')}>
          Back to the quiz overview
        </button>
      </div>
      <ExportButtons attempts={history} />
    </>
  );
}

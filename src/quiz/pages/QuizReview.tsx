import { useId, useMemo, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useDocumentTitle } from '../../components/useDocumentTitle';
import { useStore } from '../../store';
import { scoreAttempt, sectionsToRevisit } from '../engine';
import { correctAnswer, describeAnswer, formatNumber, formatScore, gradeAnswer, plural } from '../grade';
import { loadItems, sectionTitle } from '../items';
import { fillValue } from '../predict';
import { ExportButtons } from '../ui/ExportButtons';
import { RichText } from '../ui/RichText';
import '../ui/quiz.css';

const when = (iso: string) => new Date(iso).toLocaleString('en-GB', { dateStyle: 'medium', timeStyle: 'short' });

/** /quiz/review: every answer of one attempt, with the right answer, the score and why. */
export default function QuizReview() {
  useDocumentTitle('Quiz review');
  const { items, byId } = loadItems();
  const quiz = useStore((s) => s.quiz);
  const [params, setParams] = useSearchParams();
  const [onlyMissed, setOnlyMissed] = useState(false);
  const uid = useId();
  const attempts = useMemo(() => [...quiz.history].reverse(), [quiz.history]);
  const wanted = params.get('attempt');
  const attempt = (wanted ? attempts.find((a) => a.id === wanted) : attempts[0]) ?? (quiz.current && (!wanted || wanted === quiz.current.id) ? quiz.current : undefined);

  if (!attempt) {
    return (
      <div className="quiz-page">
        <h1>Quiz review</h1>
        <p>{wanted ? 'That attempt is not saved in this browser.' : 'There is no attempt to review yet.'}</p>
        <p>
          <Link className="button button--primary" to="/quiz">
            Go to the quiz
          </Link>
        </p>
      </div>
    );
  }

  const s = scoreAttempt(attempt);
  const revisit = sectionsToRevisit(attempt, items);
  const inProgress = attempt === quiz.current;
  const shown = attempt.itemIds.filter((id) => !onlyMissed || !attempt.responses[id]?.correct);

  return (
    <div className="quiz-page">
      <p className="eyebrow">{inProgress ? 'Attempt in progress' : attempt.kind === 'full' ? 'Full quiz' : 'Retry of missed questions'}</p>
      <h1>Quiz review</h1>
      {attempts.length > 1 ? (
        <div className="quiz-field">
          <label htmlFor={`${uid}-attempt`}>Attempt</label>
          <select id={`${uid}-attempt`} value={attempt.id} onChange={(e) => setParams({ attempt: e.target.value })}>
            {attempts.map((a) => (
              <option key={a.id} value={a.id}>
                {a.finishedAt ? when(a.finishedAt) : 'in progress'} · {a.kind === 'full' ? 'full' : 'retry'} · {formatNumber(scoreAttempt(a).percent)}%
              </option>
            ))}
          </select>
        </div>
      ) : null}
      <dl className="facts">
        <div>
          <dt>Score</dt>
          <dd>
            {formatScore(s.percent)}% ({formatScore(s.points)} of {plural(s.max, 'point')})
          </dd>
        </div>
        <div>
          <dt>Fully right</dt>
          <dd>
            {s.correct} of {s.max}
          </dd>
        </div>
        <div>
          <dt>Seed</dt>
          <dd>
            {attempt.seed}
            {attempt.kind === 'full' ? (
              <>
                {' '}
                (<Link to={`/quiz?seed=${attempt.seed}`}>same order again</Link>)
              </>
            ) : null}
          </dd>
        </div>
        <div>
          <dt>Started</dt>
          <dd>{when(attempt.startedAt)}</dd>
        </div>
      </dl>
      {revisit.length ? (
        <p>
          Sections to revisit:{' '}
          {revisit.map((r, i) => (
            <span key={r.section}>
              {i ? ', ' : ''}
              <Link to={`/learn/${r.section}`}>{sectionTitle(r.section)}</Link>
            </span>
          ))}
          .
        </p>
      ) : null}
      <p>
        <label>
          <input type="checkbox" checked={onlyMissed} onChange={(e) => setOnlyMissed(e.target.checked)} /> Show only the questions I missed
        </label>
      </p>
      <h2 className="visually-hidden">Answers</h2>
      {shown.length === 0 ? <p>No missed questions in this attempt.</p> : null}
      {shown.map((id) => {
        const item = byId.get(id);
        const n = attempt.itemIds.indexOf(id) + 1;
        if (!item) return null;
        const r = attempt.responses[id];
        const grade = r ? gradeAnswer(item, r.answer, r.observed) : null;
        const right = item.type === 'predict' ? (r?.observed !== undefined ? describeAnswer(item, correctAnswer(item, r.observed)) : 'shown once you commit a prediction') : describeAnswer(item, correctAnswer(item));
        const missed = !r?.correct;
        return (
          <article key={id} className={`quiz-review-item${missed ? ' quiz-review-item--missed' : ''}`} aria-labelledby={`${uid}-${id}`}>
            <p className="quiz-q__meta">
              <span>Question {n}</span>
              <span>{sectionTitle(item.section)}</span>
              <span className={`quiz-badge ${missed ? 'quiz-badge--miss' : 'quiz-badge--ok'}`}>{!r ? '✗ Not answered' : r.correct ? '✓ Right' : r.score > 0 ? '◐ Partly right' : '✗ Missed'}</span>
            </p>
            <h3 id={`${uid}-${id}`}>
              <RichText text={item.prompt} />
            </h3>
            <dl>
              <dt>Your answer</dt>
              <dd>
                <RichText text={describeAnswer(item, r?.answer)} />
              </dd>
              <dt>{item.type === 'predict' ? 'Simulator' : 'Right answer'}</dt>
              <dd>
                <RichText text={right} />
              </dd>
              <dt>Score</dt>
              <dd>{r ? `${formatNumber(Math.round(r.score * 100) / 100)} of 1` : '0 of 1'}</dd>
            </dl>
            {grade?.feedback.map((f) => (
              <p key={f}>
                <RichText text={f} />
              </p>
            ))}
            <p>
              <strong>Why: </strong>
              <RichText text={item.type === 'predict' ? fillValue(item.explanation, r?.observed) : item.explanation} />
            </p>
            <p className="quiz-feedback__links">
              <Link to={`/learn/${item.section}`}>Read the lesson: {sectionTitle(item.section)}</Link>
              {item.scenario ? <Link to={`/try/partition-visualiser?scenario=${item.scenario}`}>Open the scenario in the visualiser</Link> : null}
            </p>
          </article>
        );
      })}
      <div className="quiz-actions">
        <Link className="button button--primary" to="/quiz">
          {inProgress ? 'Back to the attempt' : 'Back to the quiz'}
        </Link>
      </div>
      {quiz.history.length ? <ExportButtons attempts={quiz.history} /> : null}
    </div>
  );
}

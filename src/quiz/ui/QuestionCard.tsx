import { useEffect, useId, useMemo, useRef, useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import type { Answer, QuizResponse } from '../answer';
import { correctAnswer, describeAnswer, describeTolerance, formatNumber, gradeAnswer, scoringRules } from '../grade';
import { sectionTitle } from '../items';
import { fillValue, runPrediction, type RunResult } from '../predict';
import { PartitionerTool } from './PartitionerTool';
import type { QuizItem } from '../schema';
import { parseLearnerNumber } from './parseNumber';
import { RichText } from './RichText';

const typeLabel: Record<QuizItem['type'], string> = {
  single: 'Single choice',
  multiple: 'Multiple choice',
  numeric: 'Number',
  ordering: 'Put in order',
  predict: 'Predict, then run',
};

interface Props {
  item: QuizItem;
  /** order of choices or steps as shown (defaults to the file's order) */
  order?: string[];
  number?: number;
  total?: number;
  draft?: Answer;
  response?: QuizResponse;
  onDraft?: (answer: Answer) => void;
  onAnswered: (response: QuizResponse) => void;
  headingLevel?: 2 | 3;
  /** move focus to the feedback once answered (on by default) */
  focusFeedback?: boolean;
  /** link to the question's lesson section in the feedback (off inside that very lesson) */
  lessonLink?: boolean;
}

function safeRun(item: QuizItem): { ok: true; result: RunResult } | { ok: false; message: string } {
  if (item.type !== 'predict') return { ok: false, message: 'not a predict item' };
  try {
    return { ok: true, result: runPrediction(item) };
  } catch (e) {
    return { ok: false, message: e instanceof Error ? e.message : String(e) };
  }
}

/** One quiz question: the answer form, then (once checked) the grade, the reasons and where to read more. */
export function QuestionCard({ item, order, number, total, draft, response, onDraft, onAnswered, headingLevel = 2, focusFeedback = true, lessonLink = true }: Props) {
  const uid = useId();
  const H = `h${headingLevel}` as 'h2' | 'h3';
  const feedbackRef = useRef<HTMLDivElement>(null);
  const [error, setError] = useState<string | null>(null);
  const [running, setRunning] = useState(false);
  const answered = response !== undefined;

  const choiceIds = useMemo(() => {
    if (item.type === 'single' || item.type === 'multiple') return order ?? item.choices.map((c) => c.id);
    if (item.type === 'ordering') return order ?? item.steps.map((s) => s.id);
    return [];
  }, [item, order]);

  // current (unchecked) input, seeded from the saved draft so a reload keeps it
  const [single, setSingle] = useState<string | null>(draft?.kind === 'single' ? draft.choice : null);
  const [multiple, setMultiple] = useState<string[]>(draft?.kind === 'multiple' ? draft.choices : []);
  const [numberText, setNumberText] = useState<string>(draft?.kind === 'numeric' || draft?.kind === 'predict' ? String(draft.value) : '');
  const [sequence, setSequence] = useState<string[]>(draft?.kind === 'ordering' ? draft.order : choiceIds);
  const [moveStatus, setMoveStatus] = useState('');

  const shown: Answer | undefined = response?.answer;

  const run = useMemo(() => (answered && item.type === 'predict' ? safeRun(item) : null), [answered, item]);
  const grade = response ? gradeAnswer(item, response.answer, response.observed) : null;

  useEffect(() => {
    if (answered && focusFeedback && feedbackRef.current && feedbackRef.current.dataset.justAnswered === '1') {
      feedbackRef.current.focus();
      delete feedbackRef.current.dataset.justAnswered;
    }
  }, [answered, focusFeedback]);

  const draftNumber = (text: string) => {
    setNumberText(text);
    setError(null);
    const p = parseLearnerNumber(text);
    if (p.ok && (item.type === 'numeric' || item.type === 'predict')) onDraft?.({ kind: item.type, value: p.value });
  };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (answered) return;
    let answer: Answer;
    switch (item.type) {
      case 'single':
        if (!single) return setError('Choose one answer first.');
        answer = { kind: 'single', choice: single };
        break;
      case 'multiple':
        if (multiple.length === 0) return setError('Select at least one statement first.');
        answer = { kind: 'multiple', choices: multiple };
        break;
      case 'ordering':
        answer = { kind: 'ordering', order: sequence };
        break;
      case 'numeric':
      case 'predict': {
        const p = parseLearnerNumber(numberText, item.type === 'predict' ? { min: item.min, max: item.max, integer: item.integer } : {});
        if (!p.ok) return setError(p.message);
        answer = { kind: item.type, value: p.value };
        break;
      }
    }
    let observed: number | undefined;
    if (item.type === 'predict') {
      setRunning(true);
      const r = safeRun(item);
      setRunning(false);
      if (!r.ok) return setError(`The simulator could not run this question (${r.message}). Your prediction was not graded.`);
      observed = r.result.value;
    }
    const g = gradeAnswer(item, answer, observed);
    setError(null);
    if (feedbackRef.current) feedbackRef.current.dataset.justAnswered = '1';
    onAnswered({ answer, score: g.score, correct: g.correct, ...(observed !== undefined ? { observed } : {}), answeredAt: new Date().toISOString() });
  };

  const move = (index: number, delta: -1 | 1) => {
    const j = index + delta;
    if (j < 0 || j >= sequence.length) return;
    const next = [...sequence];
    [next[index], next[j]] = [next[j]!, next[index]!];
    setSequence(next);
    onDraft?.({ kind: 'ordering', order: next });
    const step = item.type === 'ordering' ? item.steps.find((s) => s.id === next[j]) : undefined;
    setMoveStatus(`“${step?.text ?? ''}” is now step ${j + 1} of ${next.length}.`);
    // keep focus on the same button of the moved step where possible
    requestAnimationFrame(() => {
      const btn = document.getElementById(`${uid}-step-${next[j]}-${delta < 0 ? 'up' : 'down'}`) as HTMLButtonElement | null;
      if (btn && !btn.disabled) btn.focus();
      else document.getElementById(`${uid}-step-${next[j]}-${delta < 0 ? 'down' : 'up'}`)?.focus();
    });
  };

  const errorId = `${uid}-error`;
  const ruleId = `${uid}-rule`;
  const tolerance = item.type === 'numeric' || item.type === 'predict' ? describeTolerance(item.tolerance, item.unit) : null;
  const verdict = grade ? (grade.correct ? 'correct' : grade.score > 0 ? 'partial' : 'wrong') : null;

  return (
    <article className="quiz-q" aria-labelledby={`${uid}-prompt`} data-item-id={item.id}>
      <p className="quiz-q__meta">
        {number !== undefined && total !== undefined ? <span>Question {number} of {total}</span> : null}
        <span>{typeLabel[item.type]}</span>
        <span>{sectionTitle(item.section)}</span>
      </p>
      <H id={`${uid}-prompt`} className="quiz-q__prompt" tabIndex={-1}>
        <RichText text={item.prompt} />
      </H>
      <p id={ruleId} className="quiz-q__rule">
        {scoringRules[item.type]}
        {tolerance ? ` Tolerance: ${tolerance}.` : ''}
      </p>

      {item.type === 'predict' && item.measure.kind === 'partitionOfKey' && !answered ? <PartitionerTool initialPartitions={item.measure.partitions} /> : null}

      <form onSubmit={submit} noValidate>
        {item.type === 'single' || item.type === 'multiple' ? (
          <fieldset className="quiz-choices" disabled={answered} aria-describedby={`${ruleId}${error ? ` ${errorId}` : ''}`}>
            <legend className="visually-hidden">{item.type === 'single' ? 'Choose one answer' : 'Select every true statement'}</legend>
            {choiceIds.map((cid) => {
              const c = item.choices.find((x) => x.id === cid);
              if (!c) return null;
              const picked = shown
                ? shown.kind === 'single'
                  ? shown.choice === cid
                  : shown.kind === 'multiple' && shown.choices.includes(cid)
                : item.type === 'single'
                  ? single === cid
                  : multiple.includes(cid);
              const mark = answered ? (c.correct ? (picked ? 'right-picked' : 'right-missed') : picked ? 'wrong-picked' : 'plain') : 'plain';
              return (
                <label key={cid} className={`quiz-choice quiz-choice--${mark}`}>
                  <input
                    type={item.type === 'single' ? 'radio' : 'checkbox'}
                    name={`${uid}-choice`}
                    value={cid}
                    checked={picked}
                    onChange={(e) => {
                      setError(null);
                      if (item.type === 'single') {
                        setSingle(cid);
                        onDraft?.({ kind: 'single', choice: cid });
                      } else {
                        const next = e.target.checked ? [...multiple, cid] : multiple.filter((x) => x !== cid);
                        setMultiple(next);
                        onDraft?.({ kind: 'multiple', choices: next });
                      }
                    }}
                  />
                  <span className="quiz-choice__text">
                    <RichText text={c.text} />
                    {answered && mark !== 'plain' ? (
                      <span className="quiz-choice__tag">
                        {mark === 'right-picked' ? ' ✓ your answer, correct' : mark === 'right-missed' ? ' ✓ correct answer (not selected)' : ' ✗ your answer, not correct'}
                      </span>
                    ) : null}
                  </span>
                </label>
              );
            })}
          </fieldset>
        ) : null}

        {item.type === 'numeric' || item.type === 'predict' ? (
          <div className="quiz-number">
            <label htmlFor={`${uid}-number`}>
              {item.type === 'predict' ? 'Your prediction' : 'Your answer'}
              {item.unit ? ` (${item.unit})` : ''}
            </label>
            <input
              id={`${uid}-number`}
              type="text"
              inputMode="decimal"
              autoComplete="off"
              value={answered && shown && (shown.kind === 'numeric' || shown.kind === 'predict') ? formatNumber(shown.value) : numberText}
              onChange={(e) => draftNumber(e.target.value)}
              disabled={answered}
              aria-invalid={error ? true : undefined}
              aria-describedby={`${ruleId}${error ? ` ${errorId}` : ''}`}
            />
          </div>
        ) : null}

        {item.type === 'ordering' ? (
          <div className="quiz-order">
            <p className="visually-hidden">Use the Move up and Move down buttons to change the order.</p>
            <ol aria-describedby={ruleId}>
              {(shown?.kind === 'ordering' ? shown.order : sequence).map((sid, i, arr) => {
                const step = item.steps.find((s) => s.id === sid);
                const rightPos = item.steps.findIndex((s) => s.id === sid);
                return (
                  <li key={sid} className="quiz-order__step">
                    <span className="quiz-order__num" aria-hidden="true">
                      {i + 1}.
                    </span>
                    <span className="quiz-order__text">{step?.text ?? sid}</span>
                    {answered ? (
                      <span className="quiz-order__tag">{rightPos === i ? '✓ right place' : `✗ belongs at step ${rightPos + 1}`}</span>
                    ) : (
                      <span className="quiz-order__buttons">
                        <button type="button" id={`${uid}-step-${sid}-up`} onClick={() => move(i, -1)} disabled={i === 0} aria-label={`Move “${step?.text}” up`}>
                          ↑ Up
                        </button>
                        <button type="button" id={`${uid}-step-${sid}-down`} onClick={() => move(i, 1)} disabled={i === arr.length - 1} aria-label={`Move “${step?.text}” down`}>
                          ↓ Down
                        </button>
                      </span>
                    )}
                  </li>
                );
              })}
            </ol>
            <p className="visually-hidden" aria-live="polite">
              {moveStatus}
            </p>
          </div>
        ) : null}

        <p id={errorId} className="quiz-q__error" role="alert">
          {error}
        </p>
        {!answered ? (
          <button type="submit" className="button button--primary" disabled={running}>
            {item.type === 'predict' ? 'Commit prediction and run the simulator' : 'Check answer'}
          </button>
        ) : null}
      </form>

      <div ref={feedbackRef} tabIndex={-1} className={verdict ? `quiz-feedback quiz-feedback--${verdict}` : 'quiz-feedback--empty'} aria-label={verdict ? 'Feedback' : undefined}>
        {response && grade ? (
          <>
            <p className="quiz-feedback__verdict">
              <span aria-hidden="true">{verdict === 'correct' ? '✓' : verdict === 'partial' ? '◐' : '✗'} </span>
              {verdict === 'correct' ? 'Correct' : verdict === 'partial' ? 'Partly correct' : 'Not correct'}: {formatNumber(Math.round(response.score * 100) / 100)} of 1 point.
            </p>
            {item.type === 'predict' && response.observed !== undefined ? (
              <div className="quiz-feedback__run">
                <p>
                  You predicted <strong>{describeAnswer(item, response.answer)}</strong>; the simulator produced <strong>{describeAnswer(item, correctAnswer(item, response.observed))}</strong>.
                </p>
                {run?.ok ? (
                  <ul>
                    {run.result.facts.map((f) => (
                      <li key={f}>{f}</li>
                    ))}
                  </ul>
                ) : null}
              </div>
            ) : null}
            {grade.feedback.map((f) => (
              <p key={f}>
                <RichText text={f} />
              </p>
            ))}
            {!grade.correct && item.type !== 'predict' && item.type !== 'single' && item.type !== 'multiple' ? (
              <p>
                The right answer: <strong>{describeAnswer(item, correctAnswer(item))}</strong>.
              </p>
            ) : null}
            <p>
              <strong>Why: </strong>
              <RichText text={item.type === 'predict' ? fillValue(item.explanation, response.observed) : item.explanation} />
            </p>
            <p className="quiz-feedback__links">
              {lessonLink ? <Link to={`/learn/${item.section}`}>Read the lesson: {sectionTitle(item.section)}</Link> : null}
              {item.scenario ? (
                <Link className="button" to={`/try/partition-visualiser?scenario=${item.scenario}`}>
                  Open the scenario in the visualiser
                </Link>
              ) : null}
            </p>
          </>
        ) : null}
      </div>
    </article>
  );
}

import { useMemo, useState } from 'react';
import { Link } from 'react-router';
import { useStore } from '../../store';
import { formatNumber } from '../../quiz/grade';
import { loadItems } from '../../quiz/items';
import { mulberry32, shuffled } from '../../quiz/rng';
import { QuestionCard } from '../../quiz/ui/QuestionCard';
import '../../quiz/ui/quiz.css';
import { InteractiveFrame } from '../frame/InteractiveFrame';
import type { InteractiveProps } from '../types';

/** The four self-check questions as a graded mini-quiz; answers are kept in this browser. */
export default function QuizSelfCheck({ embedded }: InteractiveProps) {
  const questions = loadItems().items.filter((i) => i.selfCheck);
  // a fixed shuffle per question, so the right answer is not always in the same place
  const orders = useMemo(
    () =>
      Object.fromEntries(
        questions.map((q) => [q.id, q.type === 'single' || q.type === 'multiple' ? shuffled(q.choices.map((c) => c.id), mulberry32(seedOf(q.id))) : undefined]),
      ),
    [questions],
  );
  const [round, setRound] = useState(0);
  const answers = useStore((s) => s.quiz.selfCheck);
  const record = useStore((s) => s.recordSelfCheck);
  const reset = useStore((s) => s.resetSelfCheck);
  const answered = questions.filter((q) => answers[q.id]);
  const points = answered.reduce((sum, q) => sum + answers[q.id]!.score, 0);

  return (
    <InteractiveFrame
      id="quiz-self-check"
      title="Self-check: four questions"
      embedded={embedded}
      tryThis={[
        {
          prompt: 'Before you check an answer, say out loud why each of the other choices is wrong.',
          outcome: 'The feedback under each wrong choice names the misconception behind it; compare it with your reasoning, not just your pick.',
        },
      ]}
    >
      <p>
        {answered.length === 0
          ? 'Pick an answer for each question and check it. Your answers stay in this browser.'
          : `${answered.length} of ${questions.length} answered, ${formatNumber(points)} right.`}
      </p>
      {questions.map((q, i) => (
        <QuestionCard
          key={`${q.id}-${round}`}
          order={orders[q.id]}
          item={q}
          number={i + 1}
          total={questions.length}
          response={answers[q.id]}
          onAnswered={(r) => record(q.id, r)}
          headingLevel={3}
          lessonLink={!embedded}
        />
      ))}
      <p className="quiz-actions">
        {answered.length ? (
          <button type="button" className="button" onClick={() => {
              reset();
              setRound((r) => r + 1);
            }}>
            Clear my answers and try again
          </button>
        ) : null}
        <Link className="button button--primary" to="/quiz">
          Take the full graded quiz
        </Link>
      </p>
    </InteractiveFrame>
  );
}

function seedOf(text: string): number {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return h >>> 0;
}

import { useId, useState } from 'react';
import { useStore } from '../../store';
import { LEARNER_NAME_MAX } from '../../store/slices/quiz';
import type { Attempt } from '../answer';
import { download, exportFileName, exportRows, toCsv, toJson } from '../export';
import { loadItems } from '../items';

/** Download every finished attempt as JSON or CSV, for an instructor to collect. */
export function ExportButtons({ attempts }: { attempts: readonly Attempt[] }) {
  const [status, setStatus] = useState('');
  const uid = useId();
  const name = useStore((s) => s.quiz.learnerName ?? '');
  const setName = useStore((s) => s.setLearnerName);
  if (attempts.length === 0) return null;
  const { byId } = loadItems();
  const stamp = new Date().toISOString().slice(0, 10);
  return (
    <section className="quiz-export" aria-label="Export results">
      <h2>Export your results</h2>
      <p>
        {import.meta.env.STREAMLAB_LMS
          ? 'Download every finished attempt, to hand in or keep. Your best score is also reported to your course system.'
          : 'Download every finished attempt, to hand in or keep. Nothing is sent anywhere.'}
      </p>
      <div className="quiz-export__name">
        <label htmlFor={`${uid}-name`}>Your name, as it should appear on what you hand in</label>
        <input id={`${uid}-name`} type="text" autoComplete="name" maxLength={LEARNER_NAME_MAX} value={name} onChange={(e) => setName(e.target.value)} data-learner-name="" />
      </div>
      <div className="quiz-actions">
        <button
          type="button"
          className="button"
          onClick={() => {
            download(exportFileName(name, stamp, 'json'), toJson(attempts, byId, new Date().toISOString(), name), 'application/json');
            setStatus('JSON file downloaded.');
          }}
        >
          Download JSON
        </button>
        <button
          type="button"
          className="button"
          onClick={() => {
            download(exportFileName(name, stamp, 'csv'), toCsv(exportRows(attempts, byId, name)), 'text/csv');
            setStatus('CSV file downloaded.');
          }}
        >
          Download CSV
        </button>
      </div>
      <p className="visually-hidden" role="status">
        {status}
      </p>
    </section>
  );
}

import { useState } from 'react';
import type { Attempt } from '../answer';
import { download, exportRows, toCsv, toJson } from '../export';
import { loadItems } from '../items';

/** Download every finished attempt as JSON or CSV, for an instructor to collect. */
export function ExportButtons({ attempts }: { attempts: readonly Attempt[] }) {
  const [status, setStatus] = useState('');
  if (attempts.length === 0) return null;
  const { byId } = loadItems();
  const stamp = new Date().toISOString().slice(0, 10);
  return (
    <section className="quiz-export" aria-label="Export results">
      <h2>Export your results</h2>
      <p>Download every finished attempt, to hand in or keep. Nothing is sent anywhere.</p>
      <div className="quiz-actions">
        <button
          type="button"
          className="button"
          onClick={() => {
            download(`streamlab-quiz-${stamp}.json`, toJson(attempts, byId, new Date().toISOString()), 'application/json');
            setStatus('JSON file downloaded.');
          }}
        >
          Download JSON
        </button>
        <button
          type="button"
          className="button"
          onClick={() => {
            download(`streamlab-quiz-${stamp}.csv`, toCsv(exportRows(attempts, byId)), 'text/csv');
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

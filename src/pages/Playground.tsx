import { Suspense } from 'react';
import { useSearchParams } from 'react-router';
import { ErrorBoundary } from '../components/ErrorBoundary';
import { PageLoading } from '../components/PageLoading';
import { useDocumentTitle } from '../components/useDocumentTitle';
import { interactiveById } from '../interactives/registry';

/** The partition visualiser on a full page, with every control (its code loads only here). */
export default function Playground() {
  useDocumentTitle('Playground');
  const [params] = useSearchParams();
  const entry = interactiveById('partition-visualiser');
  const scenario = params.get('scenario');
  return (
    <div className="interactive-page">
      <h1>Playground</h1>
      <p className="lede">
        A topic, its partitions and the consumer groups reading it. Pick a scenario, change the topic, the producer and the groups, inject faults, and watch what happens. Everything
        runs in your browser; press <kbd>?</kbd> for the keyboard shortcuts and <kbd>P</kbd> to present.
      </p>
      {entry ? (
        <ErrorBoundary label="The playground">
          <Suspense fallback={<PageLoading />}>
            <entry.Component scenario={scenario && /^[a-z0-9-]{1,64}$/.test(scenario) ? scenario : null} caption={null} embedded={false} />
          </Suspense>
        </ErrorBoundary>
      ) : (
        <p className="notice">The visualiser is not available in this build.</p>
      )}
    </div>
  );
}

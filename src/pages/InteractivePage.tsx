import { Suspense } from 'react';
import { useParams, useSearchParams } from 'react-router';
import { ErrorBoundary } from '../components/ErrorBoundary';
import { PageLoading } from '../components/PageLoading';
import { useDocumentTitle } from '../components/useDocumentTitle';
import { interactiveById } from '../interactives/registry';
import { NotFound } from './NotFound';

/** One interactive on a page of its own (/try/<id>), for projecting and sharing. */
export default function InteractivePage() {
  const { interactiveId = '' } = useParams();
  const [params] = useSearchParams();
  const entry = interactiveById(interactiveId);
  useDocumentTitle(entry?.title ?? 'Not found');
  if (!entry) return <NotFound what="interactive" />;
  const scenario = params.get('scenario');
  const Component = entry.Component;
  return (
    <div className="interactive-page">
      <h1>{entry.title}</h1>
      <p className="lede">{entry.description}</p>
      <ErrorBoundary label={entry.title}>
        <Suspense fallback={<PageLoading />}>
          <Component scenario={scenario && /^[a-z0-9-]{1,64}$/.test(scenario) ? scenario : null} caption={null} embedded={false} />
        </Suspense>
      </ErrorBoundary>
    </div>
  );
}

import { Suspense } from 'react';
import { interactiveById } from '../../interactives/registry';
import { ErrorBoundary } from '../ErrorBoundary';
import { PageLoading } from '../PageLoading';

/**
 * Where an interactive part sits beside the prose. An id that has no implementation yet renders
 * nothing at all, so learners never meet a placeholder.
 */
export function InteractiveSlot({ id, scenario, caption }: { id: string; scenario: string | null; caption: string | null }) {
  const entry = interactiveById(id);
  if (!entry) return null;
  const Component = entry.Component;
  return (
    <div className="interactive-slot" data-interactive={id}>
      <ErrorBoundary label={entry.title}>
        <Suspense fallback={<PageLoading />}>
          <Component scenario={scenario} caption={caption} embedded />
        </Suspense>
      </ErrorBoundary>
    </div>
  );
}

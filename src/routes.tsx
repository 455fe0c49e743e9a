import { lazy, Suspense, type ComponentType, type ReactNode } from 'react';
import type { RouteObject } from 'react-router';
import { Layout } from './components/Layout';
import { PageLoading } from './components/PageLoading';
import { loadLesson } from './content';
import { Home } from './pages/Home';
import { NotFound } from './pages/NotFound';

// Every page but the home page is its own chunk, so the first load stays small.
const pages = {
  lesson: () => import('./pages/Lesson'),
  glossary: () => import('./pages/Glossary'),
  interactive: () => import('./pages/InteractivePage'),
  playground: () => import('./pages/Playground'),
  quiz: () => import('./quiz/pages/QuizPage'),
  quizReview: () => import('./quiz/pages/QuizReview'),
  lab: () => import('./lab/LabPage'),
  live: () => import('./pages/Live'),
} satisfies Record<string, () => Promise<{ default: ComponentType }>>;

const Lesson = lazy(pages.lesson);
const Glossary = lazy(pages.glossary);
const InteractivePage = lazy(pages.interactive);
const Playground = lazy(pages.playground);
const QuizPage = lazy(pages.quiz);
const QuizReview = lazy(pages.quizReview);
const LabPage = lazy(pages.lab);
const Live = lazy(pages.live);

const lazyPage = (el: ReactNode) => <Suspense fallback={<PageLoading />}>{el}</Suspense>;

export const routes: RouteObject[] = [
  {
    element: <Layout />,
    children: [
      { index: true, element: <Home /> },
      { path: 'learn/:sectionId', element: lazyPage(<Lesson />) },
      { path: 'glossary', element: lazyPage(<Glossary />) },
      { path: 'try/:interactiveId', element: lazyPage(<InteractivePage />) },
      { path: 'playground', element: lazyPage(<Playground />) },
      { path: 'quiz', element: lazyPage(<QuizPage />) },
      { path: 'quiz/review', element: lazyPage(<QuizReview />) },
      { path: 'labs/:labId', element: lazyPage(<LabPage />) },
      { path: 'live', element: lazyPage(<Live />) },
      { path: '*', element: <NotFound /> },
    ],
  },
];

/** `decodeURIComponent` that returns null for a malformed escape (`%`, `%E0%A4`) instead of throwing. */
function safeDecode(segment: string): string | null {
  try {
    return decodeURIComponent(segment);
  } catch {
    return null;
  }
}

/**
 * Starts fetching the chunks the page at `hash` (a location hash such as `#/learn/backpressure`)
 * needs, so they download while React starts instead of after the first render (one network
 * round trip less before a deep-linked page shows; two for a lesson, whose body is a chunk too).
 * Unknown or malformed hashes start nothing; errors surface later, where the page loads them.
 */
export function preloadRoute(hash: string): void {
  const path = hash.replace(/^#/, '').split(/[?#]/)[0] ?? '';
  const [, first, second] = path.split('/');
  const swallow = (p: Promise<unknown> | null) => void p?.catch(() => undefined);
  if (first === 'learn' && second) {
    swallow(pages.lesson());
    const id = safeDecode(second);
    if (id !== null) swallow(loadLesson(id));
  } else if (first === 'glossary') swallow(pages.glossary());
  else if (first === 'try') swallow(pages.interactive());
  else if (first === 'playground') {
    swallow(pages.playground());
    swallow(import('./interactives/partition-visualiser/index.tsx'));
  }
  else if (first === 'quiz') swallow(second === 'review' ? pages.quizReview() : pages.quiz());
  else if (first === 'labs') swallow(pages.lab());
  else if (first === 'live') swallow(pages.live());
}

import { lazy, Suspense, type ReactNode } from 'react';
import type { RouteObject } from 'react-router';
import { Layout } from './components/Layout';
import { PageLoading } from './components/PageLoading';
import { Home } from './pages/Home';
import { NotFound } from './pages/NotFound';

// Every page but the home page is its own chunk, so the first load stays small.
const Lesson = lazy(() => import('./pages/Lesson'));
const Glossary = lazy(() => import('./pages/Glossary'));
const InteractivePage = lazy(() => import('./pages/InteractivePage'));
const Playground = lazy(() => import('./pages/Playground'));
const QuizPage = lazy(() => import('./quiz/pages/QuizPage'));
const QuizReview = lazy(() => import('./quiz/pages/QuizReview'));
const LabPage = lazy(() => import('./lab/LabPage'));
const Live = lazy(() => import('./pages/Live'));

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

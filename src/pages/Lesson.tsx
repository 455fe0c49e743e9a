import { useEffect, useState } from 'react';
import { Link, useParams } from 'react-router';
import { RenderNodes } from '../components/content/Render';
import { Toc } from '../components/Toc';
import { PageLoading } from '../components/PageLoading';
import { useDocumentTitle } from '../components/useDocumentTitle';
import { formatMinutes, loadLesson, sectionIndex, sections, type CompiledLesson } from '../content';
import { useStore } from '../store';
import { NotFound } from './NotFound';

// On narrow screens the contents start folded so the lesson is the first thing a learner sees.
const wideScreen = () => typeof window === 'undefined' || !window.matchMedia || window.matchMedia('(min-width: 901px)').matches;

export default function Lesson() {
  const { sectionId = '' } = useParams();
  const index = sectionIndex(sectionId);
  const meta = sections[index];
  const [lesson, setLesson] = useState<{ id: string; data: CompiledLesson } | { id: string; error: string } | null>(null);
  const markVisited = useStore((s) => s.markVisited);
  const completed = useStore((s) => Object.hasOwn(s.progress.completed, sectionId));
  const setCompleted = useStore((s) => s.setCompleted);
  useDocumentTitle(meta?.title ?? 'Not found');

  useEffect(() => {
    if (!meta) return;
    markVisited(meta.id);
    let live = true;
    const promise = loadLesson(meta.id);
    promise
      ?.then((data) => live && setLesson({ id: meta.id, data }))
      .catch((e: unknown) => live && setLesson({ id: meta.id, error: e instanceof Error ? e.message : String(e) }));
    return () => {
      live = false;
    };
  }, [meta, markVisited]);

  // Scroll to a heading named in the URL (#/learn/x#heading) once the body is in.
  useEffect(() => {
    if (!lesson || !('data' in lesson)) return;
    const hash = window.location.hash.split('#')[2];
    if (hash) document.getElementById(decodeURIComponent(hash))?.scrollIntoView();
  }, [lesson]);

  if (!meta) return <NotFound what="section" />;
  const prev = sections[index - 1];
  const next = sections[index + 1];
  const current = lesson && lesson.id === meta.id ? lesson : null;

  return (
    <div className="lesson-layout">
      <aside className="lesson-sidebar" aria-label="Module contents">
        <details className="toc-disclosure" open={wideScreen()}>
          <summary>Contents</summary>
          <Toc />
        </details>
      </aside>
      <article className="lesson" aria-labelledby="lesson-title">
        <header className="lesson__header">
          <p className="eyebrow">
            Section {index + 1} of {sections.length} · {meta.kind === 'lab' ? `hands-on lab, about ${formatMinutes(meta.minutes)}` : formatMinutes(meta.minutes)}
          </p>
          <h1 id="lesson-title">{meta.title}</h1>
          <p className="lede">{meta.summary}</p>
          <div className="objectives">
            <p className="objectives__title">By the end you can</p>
            <ul>
              {meta.objectives.map((o) => (
                <li key={o}>{o}</li>
              ))}
            </ul>
          </div>
        </header>
        {!current ? (
          <PageLoading />
        ) : 'error' in current ? (
          <div className="notice notice--error" role="alert">
            <p>This section could not be loaded ({current.error}). Check your connection and reload the page.</p>
          </div>
        ) : (
          <div className="lesson__body">
            <RenderNodes nodes={[current.data.body]} />
          </div>
        )}
        <footer className="lesson__footer">
          <label className="complete-toggle">
            <input type="checkbox" checked={completed} onChange={(e) => setCompleted(meta.id, e.target.checked)} />
            <span>I have finished this section</span>
          </label>
          <nav className="pager" aria-label="Previous and next section">
            {prev ? (
              <Link to={`/learn/${prev.id}`} rel="prev" className="pager__link pager__link--prev">
                <span className="pager__dir">Previous</span>
                <span className="pager__title">{prev.title}</span>
              </Link>
            ) : (
              <Link to="/" className="pager__link pager__link--prev">
                <span className="pager__dir">Back to</span>
                <span className="pager__title">Module overview</span>
              </Link>
            )}
            {next ? (
              <Link
                to={`/learn/${next.id}`}
                rel="next"
                className="pager__link pager__link--next"
                onClick={() => {
                  if (!completed) setCompleted(meta.id, true);
                }}
              >
                <span className="pager__dir">Next</span>
                <span className="pager__title">{next.title}</span>
              </Link>
            ) : (
              <Link to="/glossary" className="pager__link pager__link--next">
                <span className="pager__dir">Finally</span>
                <span className="pager__title">Review the key terms</span>
              </Link>
            )}
          </nav>
        </footer>
      </article>
    </div>
  );
}

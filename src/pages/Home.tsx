import { Link } from 'react-router';
import { formatMinutes, labMinutes, moduleInfo, sections, totalMinutes } from '../content';
import { Toc, useSectionStatus } from '../components/Toc';
import { useDocumentTitle } from '../components/useDocumentTitle';
import { useStore } from '../store';
import { nextUnfinished } from './continue';

export function Home() {
  useDocumentTitle('');
  const completed = useStore((s) => s.progress.completed);
  const status = useSectionStatus();
  const started = Object.values(status).some((s) => s !== 'new');
  const resume = nextUnfinished(sections, completed);
  return (
    <div className="home">
      <section className="hero" aria-labelledby="home-title">
        <p className="eyebrow">Interactive module</p>
        <h1 id="home-title">{moduleInfo.title}</h1>
        <p className="lede">{moduleInfo.summary}</p>
        {moduleInfo.audience ? <p className="audience">{moduleInfo.audience}</p> : null}
        <dl className="facts">
          <div>
            <dt>Time</dt>
            <dd>
              about {formatMinutes(totalMinutes)} to read and play{labMinutes ? `, plus about ${formatMinutes(labMinutes)} for the lab` : ''}
            </dd>
          </div>
          <div>
            <dt>Sections</dt>
            <dd>{sections.length}</dd>
          </div>
          <div>
            <dt>Needs</dt>
            <dd>a browser; no install, no account</dd>
          </div>
        </dl>
        <p>
          {resume ? (
            <Link className="button button--primary" to={`/learn/${resume.id}`} data-continue="">
              {started ? `Continue: ${resume.title}` : 'Start the module'}
            </Link>
          ) : (
            <Link className="button button--primary" to="/quiz" data-continue="">
              Every section is completed: take the quiz
            </Link>
          )}
        </p>
      </section>
      <section aria-labelledby="toc-title" className="home__toc">
        <h2 id="toc-title">What you will learn</h2>
        <Toc label="Module sections" />
      </section>
      <section aria-labelledby="outcomes-title" className="home__outcomes">
        <h2 id="outcomes-title">Section by section</h2>
        <ul className="card-list">
          {sections.map((s) => (
            <li key={s.id} className="card">
              <h3>
                <Link to={`/learn/${s.id}`}>{s.title}</Link>
              </h3>
              <p>{s.summary}</p>
              <p className="card__meta">{s.kind === 'lab' ? `hands-on lab, about ${formatMinutes(s.minutes)}` : formatMinutes(s.minutes)}</p>
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}

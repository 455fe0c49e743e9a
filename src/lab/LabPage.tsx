import { useCallback, useEffect, useId, useMemo, useRef, useState, type ReactNode } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { z } from 'zod';
import { useDocumentTitle } from '../components/useDocumentTitle';
import { decodeShare, encodeShare, MAX_SHARE_CHARS, SHARE_PARAM } from '../share/link';
import { useStore } from '../store';
import { MAX_CELL_CHARS } from '../store/slices/lab';
import { checkTitle, type CheckResult } from './checks.ts';
import { emptyView, startRun, RUN_TIME_LIMIT_MS, type RunHandle } from './client.ts';
import { labs, type Lab, type LabStep } from './lab-data.ts';
import { LabViz } from './LabViz.tsx';
import type { LabEvent, RunResult } from './runtime/types.ts';
import { gradeStep, runOptionsForStep } from './steps.ts';
import { createViewFeed } from './viewFeed.ts';
import { zipFiles } from './zip.ts';
import './lab.css';

const SHARE_ID = 'lab';
const shareSchema = z.strictObject({
  lab: z.string().regex(/^[a-z0-9-]{1,64}$/),
  step: z.string().regex(/^[a-z0-9-]{1,64}$/),
  code: z.record(z.string().regex(/^[a-z][a-z0-9-]{0,40}$/), z.string().max(MAX_CELL_CHARS)),
});

/** `code` spans and **bold** in the step texts. */
function inline(text: string): ReactNode[] {
  return text.split(/(`[^`]+`|\*\*[^*]+\*\*)/g).map((part, i) => {
    if (part.startsWith('`') && part.endsWith('`')) return <code key={i}>{part.slice(1, -1)}</code>;
    if (part.startsWith('**') && part.endsWith('**')) return <strong key={i}>{part.slice(2, -2)}</strong>;
    return part;
  });
}

interface StepRun {
  result: RunResult;
  checks: CheckResult[];
  passed: boolean;
}

/** A step's title as shown in the step list and heading (without the "Go further: " prefix). */
const shortTitle = (title: string) => {
  const t = title.replace(/^Go further: /, '');
  return t.charAt(0).toUpperCase() + t.slice(1);
};

const reducedPace = () => (window.matchMedia?.('(prefers-reduced-motion: reduce)').matches ? 0 : 25);

export default function LabPage() {
  const { labId = '' } = useParams();
  const lab = labs[labId];
  useDocumentTitle(lab ? lab.title : 'Lab not found');
  if (!lab) {
    return (
      <div className="lab">
        <h1>Lab not found</h1>
        <p>
          There is no lab called <code>{labId}</code>. Try <Link to="/labs/lab-3-1">Lab 3.1</Link>.
        </p>
      </div>
    );
  }
  return <LabRunner lab={lab} />;
}

function LabRunner({ lab }: { lab: Lab }) {
  const [params, setParams] = useSearchParams();
  const saved = useStore((s) => s.lab.code[lab.id]);
  const passed = useStore((s) => s.lab.passed[lab.id]);
  const currentId = useStore((s) => s.lab.current[lab.id]);
  const setLabCode = useStore((s) => s.setLabCode);
  const resetLabCode = useStore((s) => s.resetLabCode);
  const setPassed = useStore((s) => s.setLabStepPassed);
  const setCurrent = useStore((s) => s.setLabCurrent);

  // Code from a share link: shown, never run until the learner presses Run.
  const shared = useMemo(() => {
    const s = params.get(SHARE_PARAM);
    if (!s) return null;
    const d = decodeShare(SHARE_ID, s, shareSchema);
    if (!d.ok) return { ok: false as const, message: d.message };
    if (d.value.lab !== lab.id) return { ok: false as const, message: 'This share link belongs to another lab. Showing your own code instead.' };
    const cells = new Set(lab.steps.map((st) => st.cell));
    const code = Object.fromEntries(Object.entries(d.value.code).filter(([c]) => cells.has(c)));
    return { ok: true as const, step: d.value.step, code };
  }, [params, lab]);
  const [linkCode, setLinkCode] = useState<Record<string, string>>({});
  const [linkNotice, setLinkNotice] = useState<string | null>(null);
  useEffect(() => {
    if (!shared) return;
    if (shared.ok) {
      setLinkCode(shared.code);
      if (lab.steps.some((st) => st.id === shared.step)) setCurrent(lab.id, shared.step);
      setLinkNotice(null);
    } else setLinkNotice(shared.message);
  }, [shared, lab, setCurrent]);

  const step = lab.steps.find((st) => st.id === currentId) ?? lab.steps[0]!;
  const codeOf = useCallback((cell: string) => linkCode[cell] ?? saved?.[cell] ?? lab.starter[cell] ?? '', [linkCode, saved, lab]);

  const [runs, setRuns] = useState<Record<string, StepRun>>({});
  // Snapshots go to the live view without re-rendering this page (many arrive each second).
  const [feed] = useState(() => createViewFeed(emptyView()));
  const [running, setRunning] = useState(false);
  const handle = useRef<RunHandle | null>(null);
  const [announce, setAnnounce] = useState('');
  useEffect(() => () => handle.current?.cancel(), []);

  const run = useCallback(() => {
    if (running) return;
    // Pressing Run accepts any shared code shown for the cells this step runs.
    const code: Record<string, string> = {};
    for (const cell of step.runs) code[cell] = codeOf(cell);
    for (const cell of step.runs) if (linkCode[cell] !== undefined) setLabCode(lab.id, cell, linkCode[cell]);
    setLinkCode((lc) => Object.fromEntries(Object.entries(lc).filter(([c]) => !step.runs.includes(c))));
    const opts = runOptionsForStep(lab, step, code);
    setRunning(true);
    feed.push(emptyView());
    setAnnounce(`Running ${step.runs.map((c) => `${c}.ts`).join(', ')}…`);
    handle.current = startRun(
      { cells: opts.cells, faults: opts.faults ?? [], paceMs: reducedPace() },
      {
        view: feed.push,
        done: (result) => {
          handle.current = null;
          const graded = gradeStep(step, result);
          setRuns((r) => ({ ...r, [step.id]: { result, checks: graded.results, passed: graded.passed } }));
          feed.push(result.view);
          setRunning(false);
          // Once passed, a step stays passed: trying variations afterwards does not take it away.
          if (graded.passed) setPassed(lab.id, step.id, true);
          const failedN = graded.results.filter((c) => !c.passed).length;
          setAnnounce(
            result.error
              ? `The run stopped: ${result.error.message}`
              : graded.passed
                ? `All ${graded.results.length} checks passed.`
                : `${failedN} of ${graded.results.length} checks failed.`,
          );
        },
      },
    );
  }, [running, step, codeOf, linkCode, lab, setLabCode, setPassed, feed]);

  const coreSteps = lab.steps.filter((s) => !s.extra);
  const doneCore = coreSteps.filter((s) => passed?.[s.id]).length;

  return (
    <div className="lab">
      <p className="eyebrow">
        <Link to={`/learn/${lab.lesson}`}>Lesson: {lab.title}</Link>
      </p>
      <h1>{lab.title}, in your browser</h1>
      <p className="lede">{lab.summary}</p>
      {linkNotice ? (
        <div className="notice notice--warning" role="status">
          <p>{linkNotice}</p>
        </div>
      ) : null}
      {Object.keys(linkCode).length > 0 ? (
        <div className="notice notice--info" role="status">
          <p>
            This page was opened from a share link with code for {Object.keys(linkCode).map((c) => `${c}.ts`).join(', ')}. The code is shown in the editor but has <strong>not</strong> been
            run. Read it first; it runs only when you press Run.
          </p>
          <button
            type="button"
            className="button"
            onClick={() => {
              setLinkCode({});
              const next = new URLSearchParams(params);
              next.delete(SHARE_PARAM);
              setParams(next, { replace: true });
            }}
          >
            Discard the shared code
          </button>
        </div>
      ) : null}

      <nav className="lab-steps" aria-label="Lab steps">
        <p className="lab-steps__progress">
          {doneCore} of {coreSteps.length} steps passed
          {lab.steps.length > coreSteps.length ? `, ${lab.steps.filter((s) => s.extra && passed?.[s.id]).length} of ${lab.steps.length - coreSteps.length} extra` : ''}
        </p>
        <ol>
          {lab.steps.map((s, i) => (
            <li key={s.id}>
              <button
                type="button"
                className={`lab-steps__item${s.id === step.id ? ' lab-steps__item--current' : ''}${passed?.[s.id] ? ' lab-steps__item--passed' : ''}`}
                aria-current={s.id === step.id ? 'step' : undefined}
                onClick={() => setCurrent(lab.id, s.id)}
                disabled={running}
              >
                <span className="lab-steps__n">{s.extra ? 'Extra' : `Step ${i + 1}`}</span>
                <span className="lab-steps__title">{shortTitle(s.title)}</span>
                <span className="lab-steps__state">{passed?.[s.id] ? '✓ passed' : 'not passed yet'}</span>
              </button>
            </li>
          ))}
        </ol>
      </nav>

      <div className="lab-grid">
        <StepPanel
          key={step.id}
          lab={lab}
          step={step}
          index={lab.steps.indexOf(step)}
          code={codeOf(step.cell)}
          fromLink={linkCode[step.cell] !== undefined}
          onCode={(c) => {
            setLabCode(lab.id, step.cell, c);
            setLinkCode((lc) => {
              const n = { ...lc };
              delete n[step.cell];
              return n;
            });
          }}
          onReset={() => {
            resetLabCode(lab.id, step.cell);
            setLinkCode((lc) => {
              const n = { ...lc };
              delete n[step.cell];
              return n;
            });
          }}
          onRun={run}
          running={running}
          onStop={() => handle.current?.cancel()}
          lastRun={runs[step.id] ?? null}
          shareUrl={() => {
            const code: Record<string, string> = {};
            for (const s of lab.steps) {
              const c = codeOf(s.cell);
              if (c !== lab.starter[s.cell]) code[s.cell] = c;
            }
            const encoded = encodeShare(SHARE_ID, { lab: lab.id, step: step.id, code });
            if (encoded.length > MAX_SHARE_CHARS) return null;
            return `${window.location.origin}${window.location.pathname}${window.location.search}#/labs/${lab.id}?${SHARE_PARAM}=${encoded}`;
          }}
          goToStep={(cell) => {
            const target = lab.steps.find((s) => s.cell === cell);
            if (target) setCurrent(lab.id, target.id);
          }}
        />
        <div className="lab-side">
          <LabViz feed={feed} running={running} />
          <RunLog trace={runs[step.id]?.result.trace ?? null} />
        </div>
      </div>
      <p className="visually-hidden" role="status" aria-live="polite">
        {announce}
      </p>
      <WhichClient />
      <KitSection lab={lab} />
    </div>
  );
}

interface StepPanelProps {
  lab: Lab;
  step: LabStep;
  index: number;
  code: string;
  fromLink: boolean;
  onCode: (code: string) => void;
  onReset: () => void;
  onRun: () => void;
  onStop: () => void;
  running: boolean;
  lastRun: StepRun | null;
  shareUrl: () => string | null;
  goToStep: (cell: string) => void;
}

function StepPanel({ lab, step, index, code, fromLink, onCode, onReset, onRun, onStop, running, lastRun, shareUrl, goToStep }: StepPanelProps) {
  const uid = useId();
  const editor = useRef<HTMLTextAreaElement>(null);
  const [showSolution, setShowSolution] = useState(false);
  const [shareText, setShareText] = useState<string | null>(null);
  const [shareStatus, setShareStatus] = useState('');
  const lines = code.split('\n').length;
  const err = lastRun?.result.error ?? null;

  const goToLine = (line: number) => {
    const ta = editor.current;
    if (!ta) return;
    const all = ta.value.split('\n');
    const start = all.slice(0, line - 1).reduce((n, l) => n + l.length + 1, 0);
    ta.focus();
    ta.setSelectionRange(start, start + (all[line - 1]?.length ?? 0));
    const lh = parseFloat(getComputedStyle(ta).lineHeight) || 20;
    ta.scrollTop = Math.max(0, (line - 3) * lh);
  };

  return (
    <section className="lab-step" aria-labelledby={`${uid}-title`}>
      <h2 id={`${uid}-title`}>
        {step.extra ? 'Extra: ' : `Step ${index + 1}: `}
        {shortTitle(step.title)}
      </h2>
      {step.body.map((p, i) => (
        <p key={i}>{inline(p)}</p>
      ))}
      {step.runs.length > 1 ? (
        <p className="lab-step__runs">
          Run executes, in order: {step.runs.map((c, i) => (
            <span key={i}>
              {i > 0 ? ', then ' : ''}
              <code>{c}.ts</code>
            </span>
          ))}
          {step.faults?.length ? `. The lab crashes one ${step.faults[0]!.group} consumer at its first commit after ${step.faults[0]!.afterMessages} orders.` : '.'}
        </p>
      ) : null}

      <label className="lab-editor__label" htmlFor={`${uid}-code`}>
        Code: <code>{step.cell}.ts</code> {fromLink ? <span className="lab-editor__from">(from a share link, not run yet)</span> : null}
      </label>
      <textarea
        id={`${uid}-code`}
        ref={editor}
        className="lab-editor"
        value={code}
        spellCheck={false}
        autoCapitalize="off"
        autoComplete="off"
        wrap="off"
        rows={Math.min(30, Math.max(12, lines + 1))}
        aria-describedby={`${uid}-help`}
        aria-keyshortcuts="Control+Enter"
        onChange={(e) => onCode(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
            e.preventDefault();
            onRun();
          }
        }}
      />
      <p id={`${uid}-help`} className="lab-editor__help">
        TypeScript or JavaScript. Ctrl+Enter runs. Your code is saved in this browser as you type. Tab moves to the next control.
      </p>
      <div className="lab-actions">
        {running ? (
          <button type="button" className="button button--primary" onClick={onStop}>
            Stop
          </button>
        ) : (
          <button type="button" className="button button--primary" onClick={onRun}>
            Run step {step.extra ? '' : index + 1}
          </button>
        )}
        <button type="button" className="button" onClick={() => setShowSolution((v) => !v)} aria-expanded={showSolution} aria-controls={`${uid}-solution`}>
          {showSolution ? 'Hide the solution' : 'Show a solution'}
        </button>
        <button
          type="button"
          className="button"
          disabled={running || code === lab.starter[step.cell]}
          onClick={() => {
            if (window.confirm(`Replace your ${step.cell}.ts with the starting code?`)) onReset();
          }}
        >
          Start this file again
        </button>
        <button
          type="button"
          className="button"
          onClick={async () => {
            const url = shareUrl();
            if (!url) {
              setShareStatus('Your code is too long for a share link.');
              return;
            }
            setShareText(url);
            try {
              await navigator.clipboard.writeText(url);
              setShareStatus('Share link copied. Whoever opens it sees your code; it runs only when they press Run.');
            } catch {
              setShareStatus('Copy the link below.');
            }
          }}
        >
          Copy share link
        </button>
      </div>
      <p className="lab-actions__status" role="status">
        {shareStatus}
      </p>
      {shareText ? (
        <label className="lab-share">
          Share link
          <input readOnly value={shareText} onFocus={(e) => e.currentTarget.select()} />
        </label>
      ) : null}
      <div id={`${uid}-solution`} hidden={!showSolution} className="lab-solution">
        <h3>A reference solution: {step.cell}.ts</h3>
        <p>This is the kit's own file: the same code runs on a real broker.</p>
        <pre tabIndex={0} aria-label={`Reference solution for ${step.cell}.ts`}>
          <code>{lab.solution[step.cell]}</code>
        </pre>
        <button
          type="button"
          className="button"
          onClick={() => {
            onCode(lab.solution[step.cell] ?? '');
            setShowSolution(false);
            editor.current?.focus();
          }}
        >
          Put the solution in the editor
        </button>
      </div>

      <section className="lab-results" aria-labelledby={`${uid}-results`}>
        <h3 id={`${uid}-results`}>Checks</h3>
        {running ? <p>Running…</p> : null}
        {!lastRun && !running ? (
          <ul className="lab-checks">
            {step.checks.map((id) => (
              <li key={id} className="lab-check lab-check--pending">
                <p className="lab-check__title">
                  <span className="lab-check__mark">Not run yet</span> {checkTitle(id)}
                </p>
              </li>
            ))}
          </ul>
        ) : null}
        {lastRun && !running ? (
          <>
            {err ? (
              <div className="notice notice--error lab-error">
                <p>
                  <strong>{err.kind === 'runaway' ? 'Stopped.' : err.kind === 'stopped' ? 'Run stopped.' : err.kind === 'compile' ? 'Your code could not be read.' : 'Your code threw an error.'}</strong> {err.message}
                </p>
                {err.cell && err.line ? (
                  err.cell === step.cell ? (
                    <button type="button" className="button" onClick={() => goToLine(err.line!)}>
                      Go to line {err.line}
                    </button>
                  ) : (
                    <button type="button" className="button" onClick={() => goToStep(err.cell!)}>
                      Open {err.cell}.ts
                    </button>
                  )
                ) : null}
              </div>
            ) : null}
            <p className={`lab-verdict ${lastRun.passed ? 'lab-verdict--ok' : 'lab-verdict--fail'}`}>
              {lastRun.passed ? `✓ All ${lastRun.checks.length} checks passed.` : `✗ ${lastRun.checks.filter((c) => !c.passed).length} of ${lastRun.checks.length} checks did not pass.`}
            </p>
            <ul className="lab-checks">
              {lastRun.checks.map((c) => (
                <li key={c.id} className={`lab-check ${c.passed ? 'lab-check--ok' : 'lab-check--fail'}`}>
                  <p className="lab-check__title">
                    <span className="lab-check__mark">{c.passed ? '✓ Passed' : '✗ Not yet'}</span> {c.title}
                  </p>
                  <p className="lab-check__observed">
                    <span className="lab-check__label">Observed:</span> {c.observed}
                  </p>
                  {c.hint ? (
                    <p className="lab-check__hint">
                      <span className="lab-check__label">Hint:</span> {c.hint}
                    </p>
                  ) : null}
                </li>
              ))}
            </ul>
          </>
        ) : null}
      </section>
    </section>
  );
}

function RunLog({ trace }: { trace: LabEvent[] | null }) {
  if (!trace) return null;
  const lines = trace.filter((e): e is Extract<LabEvent, { type: 'log' }> => e.type === 'log');
  const shown = lines.slice(-200);
  return (
    <details className="lab-log">
      <summary>
        Console output ({lines.length} {lines.length === 1 ? 'line' : 'lines'})
      </summary>
      {lines.length > shown.length ? <p>Showing the last {shown.length}.</p> : null}
      <pre tabIndex={0} aria-label="Console output">
        {shown.map((l) => `[${(l.at / 1000).toFixed(3)}s ${l.cell}] ${l.level === 'log' ? '' : `${l.level}: `}${l.text}`).join('\n')}
      </pre>
    </details>
  );
}

function WhichClient() {
  return (
    <section className="lab-about" aria-labelledby="lab-client">
      <h2 id="lab-client">Which client, and how this runs</h2>
      <p>
        The code follows the API of <strong>KafkaJS</strong>, the most widely used Kafka client written purely in JavaScript. It needs no native build, and its TypeScript types ship
        with the package, so the kit's files are type-checked against the client's own types. The lab supports the part of it this lab needs: <code>new Kafka({'{ clientId, brokers }'})</code>,{' '}
        <code>admin().createTopics</code>, <code>producer().send</code> with keys, and <code>consumer({'{ groupId }'})</code> with <code>subscribe</code>, <code>run({'{ eachMessage, autoCommit }'})</code>,{' '}
        <code>commitOffsets</code> and <code>disconnect</code>. Anything else stops the run with a message naming the method.
      </p>
      <p>
        In the browser, <code>import {'{ Kafka }'} from 'kafkajs'</code> gets a stand-in that talks to Streamlab's simulator (the same one behind the visualiser): keys are hashed to partitions with murmur2, as Kafka and
        KafkaJS's default partitioner do, and groups share partitions with Kafka's round-robin assignment. Your code runs in a Web Worker with no network and no access to this page,
        on a simulated clock (a <code>setTimeout</code> of 50 ms takes 50 simulated milliseconds). A run that is still going after {RUN_TIME_LIMIT_MS / 1000} seconds is stopped.
      </p>
      <p>
        Simplifications: one broker, no replication, rebalances take 300 simulated ms and use the eager protocol, a fetch returns up to 10 records from the partitions the consumer owns, a crashed consumer leaves the group once its session times out (counted from its last background heartbeat), and only the
        files of the current step and the steps before it run.
      </p>
    </section>
  );
}

function KitSection({ lab }: { lab: Lab }) {
  const files = Object.keys(lab.kit).sort();
  const download = () => {
    const prefixed: Record<string, string> = {};
    for (const f of files) prefixed[`${lab.id}-kit/${f}`] = lab.kit[f]!;
    const blob = new Blob([zipFiles(prefixed) as Uint8Array<ArrayBuffer>], { type: 'application/zip' });
    const url = URL.createObjectURL(blob);
    const a = document.createElement('a');
    a.href = url;
    a.download = `${lab.id}-kit.zip`;
    document.body.append(a);
    a.click();
    a.remove();
    window.setTimeout(() => URL.revokeObjectURL(url), 10_000);
  };
  return (
    <section className="lab-about" aria-labelledby="lab-kit">
      <h2 id="lab-kit">Run it on real Kafka</h2>
      <p>
        The kit is a small Node.js project with a <code>docker-compose.yml</code> for a single Kafka broker in KRaft mode (the official <code>apache/kafka</code> image), the same
        files as this lab, and a README with the exact commands. Your own files from this page run there unchanged: copy them into <code>src/</code>.
      </p>
      <button type="button" className="button button--primary" onClick={download}>
        Download the kit (.zip)
      </button>
      <details className="lab-kit-files">
        <summary>Files in the kit ({files.length})</summary>
        <ul>
          {files.map((f) => (
            <li key={f}>
              <code>{f}</code>
            </li>
          ))}
        </ul>
      </details>
    </section>
  );
}

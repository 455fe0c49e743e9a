import { useCallback, useEffect, useId, useMemo, useRef, useState, type ReactNode } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { z } from 'zod';
import { useDocumentTitle } from '../components/useDocumentTitle';
import { decodeShare, encodeShare, MAX_SHARE_CHARS, SHARE_PARAM } from '../share/link';
import { useStore } from '../store';
import { MAX_CELL_CHARS } from '../store/slices/lab';
import { checkTitle, type CheckResult } from './checks.ts';
import { CodeEditor, type CodeEditorHandle } from './CodeEditor.tsx';
import { labById, type Lab, type LabStep } from './lab-data.ts';
import { LabViz } from './LabViz.tsx';
import type { LabEvent, RunResult } from './runtime/types.ts';
import { emptyView, PROGRESS_GRACE_MS, RUN_HARD_LIMIT_MS, RUN_TIME_LIMIT_MS, SILENCE_LIMIT_MS, startRun, type RunHandle } from './session/frame.ts';
import { count, errorHeading } from './session/messages.ts';
import { gradeCoveredSteps, runOptionsForStep, verdict } from './steps.ts';
import { createViewFeed } from './viewFeed.ts';
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
  /** earlier steps this run also passed (their files ran too), e.g. "steps 1, 2 and 3" */
  alsoPassed: string | null;
}

/** "1, 2 and 3" */
function andList(items: readonly string[]): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

/** The steps in words: "step 2", "steps 1, 2 and 3", "step 1 and an extra step". */
function stepsInWords(lab: Lab, steps: readonly LabStep[]): string | null {
  const core = steps.filter((s) => !s.extra).map((s) => String(lab.steps.indexOf(s) + 1));
  const extra = steps.filter((s) => s.extra).length;
  const parts: string[] = [];
  if (core.length) parts.push(`${core.length === 1 ? 'step' : 'steps'} ${andList(core)}`);
  if (extra) parts.push(extra === 1 ? 'an extra step' : `${extra} extra steps`);
  return parts.length ? andList(parts) : null;
}

/** A step's title as shown in the step list and heading (without the "Go further: " prefix). */
const shortTitle = (title: string) => {
  const t = title.replace(/^Go further: /, '');
  return t.charAt(0).toUpperCase() + t.slice(1);
};

export default function LabPage() {
  const { labId = '' } = useParams();
  const lab = labById(labId);
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
  const [snapshots, setSnapshots] = useState<RunResult['snapshots']>([]);
  const [wide, setWide] = useState(false);
  const passedRef = useRef(passed);
  useEffect(() => {
    passedRef.current = passed;
  }, [passed]);
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
    setSnapshots([]);
    setAnnounce(`Running ${step.runs.map((c) => `${c}.ts`).join(', ')}…`);
    handle.current = startRun(
      { cells: opts.cells, faults: opts.faults ?? [] },
      {
        view: feed.push,
        done: (result) => {
          handle.current = null;
          const graded = gradeCoveredSteps(lab, step, result);
          const own = graded.find((g) => g.step.id === step.id)!;
          // Earlier steps whose files this run also ran count when their own checks hold in this run.
          const alsoPassed = stepsInWords(
            lab,
            graded.filter((g) => g.passed && g.step.id !== step.id && !passedRef.current?.[g.step.id]).map((g) => g.step),
          );
          setRuns((r) => ({ ...r, [step.id]: { result, checks: own.results, passed: own.passed, alsoPassed } }));
          feed.push(result.view);
          setSnapshots(result.snapshots ?? []);
          setRunning(false);
          // Once passed, a step stays passed: trying variations afterwards does not take it away.
          for (const g of graded) if (g.passed) setPassed(lab.id, g.step.id, true);
          const also = alsoPassed ? ` This run also passed ${alsoPassed}.` : '';
          setAnnounce(result.error ? `The run stopped. ${errorHeading(result.error.kind)} ${result.error.message}` : `${verdict(own.results)}${also}`);
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

      <div className={`lab-grid${wide ? ' lab-grid--wide' : ''}`}>
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
          wide={wide}
          onWide={() => setWide((w) => !w)}
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
          <LabViz feed={feed} running={running} snapshots={snapshots ?? []} />
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
  wide: boolean;
  onWide: () => void;
  lastRun: StepRun | null;
  shareUrl: () => string | null;
  goToStep: (cell: string) => void;
}

function StepPanel({ lab, step, index, code, fromLink, onCode, onReset, onRun, onStop, running, wide, onWide, lastRun, shareUrl, goToStep }: StepPanelProps) {
  const uid = useId();
  const editor = useRef<CodeEditorHandle>(null);
  const [showSolution, setShowSolution] = useState(false);
  const [shareText, setShareText] = useState<string | null>(null);
  const [shareStatus, setShareStatus] = useState('');
  const err = lastRun?.result.error ?? null;
  const errorMark = useMemo(() => (err && err.cell === step.cell && err.line ? { line: err.line } : null), [err, step.cell]);

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
          {step.faults?.length ? `. The lab crashes one ${step.faults[0]!.group} consumer at its first commit after ${count(step.faults[0]!.afterMessages, 'order')}.` : '.'}
        </p>
      ) : null}

      <p className="lab-editor__label" id={`${uid}-label`}>
        Code: <code>{step.cell}.ts</code> {fromLink ? <span className="lab-editor__from">(from a share link, not run yet)</span> : null}
      </p>
      <CodeEditor
        ref={editor}
        id={`${uid}-code`}
        value={code}
        label={`Code: ${step.cell}.ts`}
        describedBy={`${uid}-help`}
        error={errorMark}
        onChange={onCode}
        onRun={onRun}
      />
      <p id={`${uid}-help`} className="lab-editor__help">
        TypeScript or JavaScript, saved in this browser as you type. <kbd>Tab</kbd> indents. To leave the editor with the keyboard, press <kbd>Esc</kbd> then <kbd>Tab</kbd>{' '}
        (or <kbd>Ctrl</kbd>+<kbd>M</kbd> to make <kbd>Tab</kbd> move focus until you press it again). <kbd>Ctrl</kbd>+<kbd>Enter</kbd> runs the step.
      </p>
      <div className="lab-actions">
        {running ? (
          <button type="button" className="button button--primary" onClick={onStop}>
            Stop
          </button>
        ) : (
          <button type="button" className="button button--primary" onClick={onRun}>
            {step.extra ? 'Run this step' : `Run step ${index + 1}`}
          </button>
        )}
        <button type="button" className="button" aria-pressed={wide} onClick={onWide}>
          Full-width editor
        </button>
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
                  <strong>{errorHeading(err.kind)}</strong> {err.message}
                </p>
                {err.cell && err.line ? (
                  err.cell === step.cell ? (
                    <button type="button" className="button" onClick={() => editor.current?.goToLine(err.line!)}>
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
              {lastRun.passed ? '✓' : '✗'} {verdict(lastRun.checks)}
            </p>
            {lastRun.alsoPassed ? <p className="lab-also">This run also passed {lastRun.alsoPassed}: their files ran first, and their checks hold in this run too.</p> : null}
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
        KafkaJS's default partitioner do, and groups share partitions with Kafka's round-robin assignment. Runs take real time, shown on the clock above the picture: a{' '}
        <code>setTimeout</code> of 50 ms takes 50 ms.
      </p>
      <p>
        Your code runs in a sandbox of its own: a worker inside a frame with no origin of its own, under a content security policy that allows no network at all and no code made from
        strings. It cannot see this page, your saved work or the checks; the broker and the checks run here, on the page, and grade what the broker itself saw. A run that is silent for{' '}
        {SILENCE_LIMIT_MS / 1000} seconds (a loop that never awaits), still going after {RUN_TIME_LIMIT_MS / 1000} seconds with nothing new in the broker for {PROGRESS_GRACE_MS / 1000} seconds, or
        still going after {RUN_HARD_LIMIT_MS / 60_000} minutes in any case is stopped by removing the sandbox, and the next run starts a fresh one.
      </p>
      <p>
        Simplifications: one broker, no replication, rebalances take 300 ms and use the eager protocol, a fetch returns up to 10 records from the partitions the consumer owns, a crashed consumer leaves the group once its session times out (counted from its last background heartbeat), and only the
        files of the current step and the steps before it run.
      </p>
    </section>
  );
}

function KitSection({ lab }: { lab: Lab }) {
  const files = Object.keys(lab.kit).sort();
  const download = async () => {
    // fflate loads with the first download, not with the lab page.
    const { zipFiles } = await import('../zip.ts');
    const prefixed: Record<string, string> = {};
    for (const f of files) prefixed[`${lab.id}-kit/${f}`] = lab.kit[f]!;
    const blob = new Blob([zipFiles(prefixed)], { type: 'application/zip' });
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

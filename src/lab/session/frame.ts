/**
 * Runs the learner's files in the browser: one fresh sandbox per run, a LabSession on the page's
 * side, and a watchdog. Ending a run always removes the sandbox's iframe, which ends its worker
 * and everything the learner's code started.
 *
 * The sandbox is an iframe with sandbox="allow-scripts" (no allow-same-origin: an opaque origin,
 * so no cookies, storage, or access to this page) loading public/lab-sandbox.html, whose own CSP
 * refuses every request and every string-to-code path; the worker it starts from the script we
 * send inherits that CSP. What the page's own CSP must allow for this (for whoever sets it, see
 * index.html / the server): `frame-src 'self'` (or `child-src 'self'`), since the iframe's document
 * is lab-sandbox.html from this site. The page itself needs no worker-src, no blob: and no
 * 'unsafe-eval' for the lab: the worker is created inside the sandbox, from a blob: URL of the
 * sandbox's own opaque origin, and compiling the learner's TypeScript (sucrase) only parses it.
 */
import runtimeSource from 'virtual:streamlab/lab-runtime';
import { RealClock } from '../runtime/broker.ts';
import type { Fault, LabView, RunError, RunResult } from '../runtime/types.ts';
import { lineInCell } from '../sandbox/lines.ts';
import { MAX_SNAPSHOTS, QUIET_MS, runOverLimit, SILENCE_LIMIT_MS, SNAPSHOT_EVERY_MS, START_LIMIT_MS } from './limits.ts';
import { runStops } from './messages.ts';
import { compileCells, workerScript } from './script.ts';
import { LabSession } from './session.ts';

export { MAX_SNAPSHOTS, PROGRESS_GRACE_MS, QUIET_MS, RUN_HARD_LIMIT_MS, RUN_TIME_LIMIT_MS, SILENCE_LIMIT_MS, SNAPSHOT_EVERY_MS, START_LIMIT_MS } from './limits.ts';

export interface RunHandle {
  cancel: () => void;
}

export function emptyView(): LabView {
  return { timeMs: 0, topics: [], groups: [], produced: 0 };
}

export interface RunRequest {
  cells: { name: string; code: string }[];
  faults: Fault[];
}

export interface RunCallbacks {
  /** a new picture of the cluster, several times a second */
  view: (v: LabView) => void;
  /** the run is over; called exactly once */
  done: (r: RunResult) => void;
}

function sandboxUrl(): string {
  return new URL('lab-sandbox.html', document.baseURI).href;
}

/** Starts a run in a fresh sandbox. `host` is where the (hidden) iframe goes. */
export function startRun(req: RunRequest, on: RunCallbacks, host: HTMLElement = document.body): RunHandle {
  const compiled = compileCells(req.cells);
  if (!compiled.ok) {
    const r: RunResult = { trace: [], view: emptyView(), error: compiled.error, timeMs: 0, snapshots: [] };
    queueMicrotask(() => on.done(r));
    return { cancel: () => undefined };
  }
  const clock = new RealClock();
  const channel = new MessageChannel();
  const session = new LabSession({ cells: compiled.cells, faults: req.faults, clock, send: (m) => channel.port1.postMessage(m) });
  const snapshots: LabView[] = [];
  const frame = document.createElement('iframe');
  frame.setAttribute('sandbox', 'allow-scripts');
  frame.title = 'Lab sandbox: runs your code, shows nothing';
  frame.hidden = true;
  frame.tabIndex = -1;
  frame.setAttribute('aria-hidden', 'true');
  frame.className = 'lab-sandbox-frame';
  frame.src = sandboxUrl();

  let finished = false;
  let lastHeard = performance.now();
  const startedAt = performance.now();
  let quietSince: number | null = null;
  let advancedAt = -1;
  let lastSnapshot = -Infinity;
  let traceScanned = 0;
  let lastProgressAt = startedAt;

  const snapshot = (force = false) => {
    const now = performance.now();
    if (!force && now - lastSnapshot < SNAPSHOT_EVERY_MS) return;
    lastSnapshot = now;
    const v = session.broker.view();
    snapshots.push(v);
    if (snapshots.length > MAX_SNAPSHOTS) {
      // keep the first, then every other one
      for (let i = snapshots.length - 2; i >= 1; i -= 2) snapshots.splice(i, 1);
    }
    on.view(v);
  };

  const finish = (error: RunError | null = null) => {
    if (finished) return;
    finished = true;
    window.clearInterval(watchdog);
    window.removeEventListener('message', onWindowMessage);
    channel.port1.onmessage = null;
    channel.port1.close();
    frame.remove();
    snapshot(true);
    clock.clearAll();
    on.done(session.finish(error, snapshots));
  };

  // Messages from the sandbox's own document (not the learner's worker): it is loaded, or the worker failed.
  const onWindowMessage = (e: MessageEvent) => {
    if (e.source !== frame.contentWindow || finished) return;
    const d = e.data as { type?: unknown; message?: unknown; line?: unknown } | null;
    if (d && d.type === 'sandbox-ready') {
      const script = workerScript(compiled, runtimeSource);
      frame.contentWindow?.postMessage({ type: 'start', script }, '*', [channel.port2]);
      return;
    }
    if (d && d.type === 'worker-error' && typeof d.message === 'string') {
      const line = typeof d.line === 'number' && Number.isInteger(d.line) ? d.line : 0;
      const at = lineInCell(compiled.cells, line);
      const text = d.message.slice(0, 2000).replace(/^Uncaught /, '');
      if (!session.ready) {
        const where = at.cell ? ` (${at.cell}.ts${at.line ? `, line ${at.line}` : ''})` : '';
        finish({ kind: 'compile', message: `${text}${where}`, cell: at.cell, line: at.line });
      } else if (/out of memory|allocation failed/i.test(text)) {
        finish(runStops.outOfMemory(text));
      } else {
        finish({ kind: 'exception', message: text, cell: at.cell, line: at.line });
      }
    }
  };

  channel.port1.onmessage = (e) => {
    if (finished) return;
    lastHeard = performance.now();
    session.receive(e.data);
    if (session.failure) finish();
  };
  channel.port1.onmessageerror = () => {
    if (finished) return;
    session.receive(undefined);
    finish();
  };

  const watchdog = window.setInterval(() => {
    if (finished) return;
    const now = performance.now();
    if (session.failure) return finish();
    // Progress: the broker recorded something other than the learner's output.
    const trace = session.broker.trace;
    for (; traceScanned < trace.length; traceScanned++) {
      const type = trace[traceScanned]!.type;
      if (type !== 'log' && type !== 'ledger/charged') lastProgressAt = now;
    }
    const limit = runOverLimit(now - startedAt, now - lastProgressAt);
    if (limit !== null) {
      return finish(runStops.tooLong(limit));
    }
    if (!session.ready) {
      if (now - startedAt > START_LIMIT_MS) finish(runStops.didNotStart(START_LIMIT_MS));
      return;
    }
    if (now - lastHeard > SILENCE_LIMIT_MS) {
      return finish(runStops.silent(SILENCE_LIMIT_MS));
    }
    snapshot();
    if (session.quiet()) {
      quietSince ??= now;
      if (now - quietSince >= QUIET_MS) {
        if (session.idle()) return finish();
        if (advancedAt !== session.cellsDone) {
          advancedAt = session.cellsDone;
          quietSince = null;
          session.nextCell();
        }
      }
    } else quietSince = null;
  }, 50);

  window.addEventListener('message', onWindowMessage);
  host.append(frame);
  return { cancel: () => finish(runStops.byLearner()) };
}

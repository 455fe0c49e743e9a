/** Starts a lab run in a fresh Web Worker, with a time limit. One worker per run. */
import type { Fault, LabView, RunResult } from './runtime/types.ts';
import type { WorkerReply, WorkerRequest } from './worker.ts';

/** Real time a run may take before the page stops it. */
export const RUN_TIME_LIMIT_MS = 10_000;

export interface RunHandle {
  cancel: () => void;
}

export function emptyView(): LabView {
  return { timeMs: 0, topics: [], groups: [], produced: 0 };
}

function stopped(message: string, kind: 'runaway' | 'exception' | 'stopped', view: LabView): RunResult {
  return { trace: [], view, error: { kind, message, cell: null, line: null }, timeMs: view.timeMs };
}

export function startRun(
  req: { cells: { name: string; code: string }[]; faults: Fault[]; paceMs: number },
  on: { view: (v: LabView) => void; done: (r: RunResult) => void },
  limitMs = RUN_TIME_LIMIT_MS,
): RunHandle {
  const worker = new Worker(new URL('./worker.ts', import.meta.url), { type: 'module', name: 'streamlab-lab' });
  const channel = new MessageChannel();
  let finished = false;
  let lastView = emptyView();
  const finish = (r: RunResult) => {
    if (finished) return;
    finished = true;
    window.clearTimeout(timer);
    channel.port1.close();
    worker.terminate();
    on.done(r);
  };
  const timer = window.setTimeout(() => {
    finish(
      stopped(
        `Your code was still running after ${limitMs / 1000} seconds, so the lab stopped it. Look for a loop that never ends, or one that never awaits (a loop without await blocks everything else, including the consumers).`,
        'runaway',
        lastView,
      ),
    );
  }, limitMs);
  channel.port1.onmessage = (e: MessageEvent<WorkerReply>) => {
    const msg = e.data;
    if (finished || !msg || typeof msg !== 'object') return;
    if (msg.type === 'view' && msg.view && Array.isArray(msg.view.topics)) {
      lastView = msg.view;
      on.view(msg.view);
    } else if (msg.type === 'done' && msg.result && Array.isArray(msg.result.trace)) {
      finish(msg.result);
    }
  };
  worker.onerror = (e) => {
    e.preventDefault();
    finish(stopped(`The lab's sandbox failed to start: ${e.message || 'unknown error'}. Try reloading the page.`, 'exception', lastView));
  };
  const request: WorkerRequest = { type: 'run', ...req };
  worker.postMessage(request, [channel.port2]);
  return { cancel: () => finish(stopped('You stopped the run.', 'stopped', lastView)) };
}

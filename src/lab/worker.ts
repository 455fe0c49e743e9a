/// <reference lib="webworker" />
/**
 * The lab's sandbox: a module Web Worker that runs the learner's code against the in-memory
 * broker. Before any learner code runs it removes the worker's ways out (network, storage,
 * nested workers); the learner's code gets only the KafkaJS shim, './ledger.ts', a console and
 * simulated timers. The page stops this worker if it runs past its time limit, which is the only
 * way to stop a synchronous endless loop.
 *
 * Replies go through a MessagePort handed over with the run request and kept in a closure here,
 * so code that finds its way to `self.postMessage` cannot speak to the page.
 */
import { runLab } from './runtime/runner.ts';
import type { Fault, LabView, RunResult } from './runtime/types.ts';

export interface WorkerRequest {
  type: 'run';
  cells: { name: string; code: string }[];
  faults: Fault[];
  paceMs: number;
}

export type WorkerReply = { type: 'view'; view: LabView } | { type: 'done'; result: RunResult };

const BLOCKED = ['fetch', 'XMLHttpRequest', 'WebSocket', 'WebTransport', 'importScripts', 'EventSource', 'indexedDB', 'caches', 'Worker', 'SharedWorker', 'BroadcastChannel', 'FileReaderSync', 'Request'];

function lockDown(scope: typeof globalThis): void {
  for (const name of BLOCKED) {
    for (let o: object | null = scope; o; o = Object.getPrototypeOf(o) as object | null) {
      if (Object.prototype.hasOwnProperty.call(o, name)) {
        try {
          delete (o as Record<string, unknown>)[name];
        } catch {
          /* not configurable: shadowed below */
        }
      }
    }
    try {
      Object.defineProperty(scope, name, { value: undefined, writable: false, configurable: false });
    } catch {
      /* best effort */
    }
  }
  // No code from strings: eval or a Function constructor could reach a real dynamic import()
  // (which would load from the network). The runner took its own AsyncFunction reference at load.
  const refuse = () => {
    throw new EvalError('Creating code from strings (eval, new Function) is not available in the lab.');
  };
  const kinds = [function () {}, function* () {}, async function () {}, async function* () {}];
  for (const f of kinds) {
    try {
      Object.defineProperty(Object.getPrototypeOf(f), 'constructor', { value: refuse, writable: false, configurable: false });
    } catch {
      /* best effort */
    }
  }
  for (const name of ['eval', 'Function']) {
    try {
      Object.defineProperty(scope, name, { value: refuse, writable: false, configurable: false });
    } catch {
      /* best effort */
    }
  }
}

let busy = false;

/**
 * Snapshots go to the page at most this often (real time): the runner makes one every 100
 * simulated ms or dozen events, which without pacing (reduced motion) can be thousands a second.
 * The end state always arrives with the 'done' reply.
 */
const VIEW_EVERY_MS = 50;

self.onmessage = (e: MessageEvent<WorkerRequest>) => {
  const port = e.ports[0];
  const req = e.data;
  if (busy || !port || req?.type !== 'run' || !Array.isArray(req.cells)) return;
  busy = true;
  self.onmessage = null;
  lockDown(self);
  const send = (reply: WorkerReply) => port.postMessage(reply);
  let lastView = -Infinity;
  void runLab({
    cells: req.cells.map((c) => ({ name: String(c.name), code: String(c.code) })),
    faults: Array.isArray(req.faults) ? req.faults : [],
    paceMs: Math.min(200, Math.max(0, Number(req.paceMs) || 0)),
    onView: (view) => {
      const now = performance.now();
      if (now - lastView < VIEW_EVERY_MS) return;
      lastView = now;
      send({ type: 'view', view });
    },
  }).then(
    (result) => send({ type: 'done', result }),
    (err: unknown) =>
      send({
        type: 'done',
        result: {
          trace: [],
          view: { timeMs: 0, topics: [], groups: [], produced: 0 },
          error: { kind: 'exception', message: `The lab itself failed: ${String(err)}`, cell: null, line: null },
          timeMs: 0,
        },
      }),
  );
};

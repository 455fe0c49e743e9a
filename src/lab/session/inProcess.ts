/**
 * Runs a lab run in Node, for unit tests and the checks' tests: the page's session and the
 * sandbox's runtime talk through an in-process message queue (structured-cloned, as postMessage
 * does), and share one simulated clock, which jumps to the next timer whenever nothing else is
 * left to do. So a run that takes 15 s in the browser takes milliseconds here, and the same
 * files give the same trace every time.
 *
 * The learner's files are compiled exactly as for the browser (script.ts) and evaluated with
 * node:vm. This gives no isolation at all: it is for tests of our own code and the reference
 * solutions. The browser's isolation is tested end to end (e2e/lab-sandbox.spec.ts).
 */
import { runInThisContext } from 'node:vm';
import { Clock } from '../runtime/broker.ts';
import type { RunOptions, RunResult } from '../runtime/types.ts';
import { locateInStack } from '../sandbox/lines.ts';
import { startRuntime, type PortLike, type RuntimeCell } from '../sandbox/runtime.ts';
import { CELLS_GLOBAL, type PageMessage, type SandboxMessage } from './protocol.ts';
import { RUN_TIME_LIMIT_MS } from './limits.ts';
import { runStops } from './messages.ts';
import { compileCells } from './script.ts';
import { LabSession } from './session.ts';

const SCRIPT_NAME = 'lab-sandbox-test.js';

/** Simulated milliseconds between the views handed to onView (the browser takes one every 200 ms of real time). */
const VIEW_EVERY_MS = 100;

const macrotask = () => new Promise<void>((resolve) => setImmediate(resolve));

export interface InProcessOptions extends RunOptions {
  /** lets a test tamper with what the sandbox sends (to test the page's validation) */
  tamper?: (m: SandboxMessage) => unknown;
}

export async function runLab(opts: InProcessOptions): Promise<RunResult> {
  const compiled = compileCells(opts.cells);
  const clock = new Clock();
  if (!compiled.ok) return { trace: [], view: { timeMs: 0, topics: [], groups: [], produced: 0 }, error: compiled.error, timeMs: 0 };
  const toPage: unknown[] = [];
  const toSandbox: PageMessage[] = [];
  const session = new LabSession({
    cells: compiled.cells,
    faults: opts.faults ?? [],
    clock,
    send: (m) => toSandbox.push(structuredClone(m)),
    maxRecords: opts.maxRecords ?? 10_000,
    epochMs: 1_700_000_000_000,
  });
  const port: PortLike = {
    postMessage: (m) => toPage.push(structuredClone(opts.tamper ? opts.tamper(m) : m)),
    onmessage: null,
  };
  runInThisContext(compiled.source, { filename: SCRIPT_NAME });
  const scope = globalThis as Record<string, unknown>;
  const cells = scope[CELLS_GLOBAL] as RuntimeCell[];
  delete scope[CELLS_GLOBAL];
  startRuntime({
    port,
    cells,
    timers: { setTimeout: (fn, ms) => clock.set(fn, ms), clearTimeout: (id) => clock.clear(id as number) },
    locate: (e) => locateInStack(e, SCRIPT_NAME, compiled.cells),
    heartbeatMs: 0,
  });

  /** Delivers queued messages both ways until a macrotask passes with none left. */
  const flush = async () => {
    for (let rounds = 0; rounds < 1_000_000; rounds++) {
      await macrotask();
      if (toPage.length === 0 && toSandbox.length === 0) return;
      while (toPage.length) session.receive(toPage.shift());
      while (toSandbox.length) port.onmessage?.({ data: toSandbox.shift() });
    }
  };

  const maxMs = opts.maxSimMs ?? 300_000;
  let advancedAt = -1;
  let lastView = -Infinity;
  let messagesAtView = 0;
  for (;;) {
    await flush();
    if (session.failure) break;
    if (session.quiet()) {
      if (session.cellsDone >= compiled.cells.length) break;
      // The current file waits for something that will not come: start the next one.
      if (advancedAt !== session.cellsDone) {
        advancedAt = session.cellsDone;
        session.nextCell();
        continue;
      }
    }
    const t = clock.takeNext();
    if (!t) {
      // Nothing can happen any more, yet the run is not idle (the sandbox says it is busy, or a
      // delivery is out): in the browser it would run until its time limit. Fail the same way.
      if (!session.quiet()) session.fail(runStops.tooLong(RUN_TIME_LIMIT_MS));
      break;
    }
    if (t.at > maxMs) {
      session.fail(runStops.tooLongSimulated(maxMs));
      break;
    }
    if (opts.onView && t.at - clock.now > VIEW_EVERY_MS && (lastView < clock.now || session.messages !== messagesAtView)) {
      // time is about to jump (a session timeout, a sleep): keep a view of the moment before
      lastView = clock.now;
      messagesAtView = session.messages;
      opts.onView(session.broker.view());
    }
    clock.now = Math.max(clock.now, t.at);
    try {
      t.fn();
    } catch (e) {
      session.fail({ kind: 'exception', message: `The lab itself failed: ${e instanceof Error ? e.message : String(e)}`, cell: null, line: null });
    }
    if (opts.onView && clock.now - lastView >= VIEW_EVERY_MS) {
      lastView = clock.now;
      messagesAtView = session.messages;
      opts.onView(session.broker.view());
    }
  }
  const result = session.finish();
  opts.onView?.(result.view);
  return result;
}

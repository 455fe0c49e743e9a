/**
 * Runs the learner's cells against the in-memory broker on a simulated clock. The same function
 * runs in the lab's Web Worker (worker.ts) and in unit tests.
 *
 * Each cell is one file of the lab project, run as its own "process": its top level runs to the
 * end (with top-level await), then the next cell starts, while consumers started by earlier cells
 * keep consuming. When every cell has finished and nothing is left to do (no timers, every
 * consumer idle), the run ends and the trace and end state are returned.
 */
import { transform } from 'sucrase';
import { Broker, LabAbort } from './broker.ts';
import { createKafkaModule, createLedgerModule } from './shim.ts';
import type { RunError, RunOptions, RunResult } from './types.ts';

/** Lines V8 puts before the body of an AsyncFunction: `async function anonymous(...\n) {\n`. */
const FUNCTION_PREAMBLE_LINES = 2;
const SOURCE_PREFIX = 'lab-cell-';

type AsyncFn = (...args: unknown[]) => Promise<unknown>;
const AsyncFunction = Object.getPrototypeOf(async function () {}).constructor as new (...args: string[]) => AsyncFn;

const realSetTimeout = globalThis.setTimeout.bind(globalThis);

/** Waits one macrotask, so every pending microtask (promise continuation) has run. */
function macrotask(): Promise<void> {
  const g = globalThis as { setImmediate?: (fn: () => void) => void };
  if (typeof g.setImmediate === 'function') return new Promise((resolve) => g.setImmediate!(resolve));
  return new Promise((resolve) => {
    const ch = new MessageChannel();
    ch.port1.onmessage = () => {
      ch.port1.close();
      resolve();
    };
    ch.port2.postMessage(0);
  });
}

export function compileCell(name: string, code: string): string {
  return transform(code, { transforms: ['typescript', 'imports'], filePath: `${name}.ts` }).code;
}

/** The learner's cell and line from an error's stack, if the error came from their code. */
export function locate(e: unknown): { cell: string | null; line: number | null } {
  const stack = e instanceof Error && typeof e.stack === 'string' ? e.stack : '';
  const re = new RegExp(`${SOURCE_PREFIX}([A-Za-z0-9_-]+)(?:\\.ts)?:(\\d+):(\\d+)`);
  const m = re.exec(stack);
  if (!m) return { cell: null, line: null };
  return { cell: m[1]!, line: Math.max(1, Number(m[2]) - FUNCTION_PREAMBLE_LINES) };
}

function describe(e: unknown): string {
  if (e instanceof Error) return `${e.name === 'Error' ? '' : `${e.name}: `}${e.message}`;
  return `a non-Error value was thrown: ${String(e)}`;
}

function where(cell: string | null, line: number | null): string {
  return cell && line ? ` (${cell}.ts, line ${line})` : cell ? ` (${cell}.ts)` : '';
}

function exceptionError(e: unknown, fallbackCell: string | null, prefix = ''): RunError {
  if (e instanceof LabAbort) return e.runError;
  const at = locate(e);
  const cell = at.cell ?? fallbackCell;
  const kind = e instanceof Error && e.name === 'LabImportError' ? 'import' : e instanceof TypeError && /not part of the KafkaJS subset/.test(e.message) ? 'unsupported' : 'exception';
  return { kind, message: `${prefix}${describe(e)}${where(cell, at.line)}`, cell, line: at.line };
}

function formatArg(a: unknown): string {
  if (typeof a === 'string') return a;
  if (a instanceof Error) return `${a.name}: ${a.message}`;
  try {
    const s = JSON.stringify(a);
    return s === undefined ? String(a) : s;
  } catch {
    return String(a);
  }
}

export async function runLab(opts: RunOptions): Promise<RunResult> {
  const broker = new Broker(opts.faults ?? [], opts.maxRecords ?? 10_000);
  const maxSimMs = opts.maxSimMs ?? 300_000;
  const clock = broker.clock;
  let lastViewAt = -Infinity;
  let lastViewEvents = 0;
  broker.describeHandlerError = (group, e) => exceptionError(e, null, `eachMessage in group ${group} threw `);

  const emitView = async (force = false) => {
    if (!opts.onView) return;
    const recordEvents = broker.trace.length;
    if (!force && clock.now - lastViewAt < 100 && recordEvents - lastViewEvents < 12) return;
    lastViewAt = clock.now;
    lastViewEvents = recordEvents;
    opts.onView(broker.view());
    if (opts.paceMs) await new Promise((r) => realSetTimeout(r, opts.paceMs));
  };

  /** Advances simulated time until `until()` holds or nothing is left to do. */
  const drive = async (until: () => boolean) => {
    for (;;) {
      await macrotask();
      if (broker.failure || until()) return;
      const t = clock.takeNext();
      if (!t) return;
      if (t.at > maxSimMs) {
        broker.fail({
          kind: 'runaway',
          message: `Stopped after ${Math.round(maxSimMs / 1000)} s of simulated time: something keeps the run going (a loop with no end, or a timer that keeps rescheduling itself).`,
          cell: null,
          line: null,
        });
        return;
      }
      clock.now = Math.max(clock.now, t.at);
      try {
        t.fn();
      } catch (e) {
        broker.fail(exceptionError(e, null));
        return;
      }
      await emitView();
    }
  };

  for (const cell of opts.cells) {
    if (broker.failure) break;
    let js: string;
    try {
      js = compileCell(cell.name, cell.code);
    } catch (e) {
      const m = /\((\d+):(\d+)\)/.exec(e instanceof Error ? e.message : '');
      const line = m ? Number(m[1]) : null;
      broker.fail({ kind: 'compile', message: `Your code could not be read: ${e instanceof Error ? e.message : String(e)}${where(cell.name, line)}`, cell: cell.name, line });
      break;
    }
    const kafkaModule = createKafkaModule({ broker, cell: cell.name });
    const ledgerModule = createLedgerModule(broker);
    const require = (spec: unknown) => {
      if (spec === 'kafkajs') return kafkaModule;
      if (spec === './ledger' || spec === './ledger.ts' || spec === './ledger.js') return ledgerModule;
      const err = new Error(`Cannot import ${JSON.stringify(spec)}: in the lab you can import only 'kafkajs' and './ledger.ts'.`);
      err.name = 'LabImportError';
      throw err;
    };
    const consoleShim = Object.freeze({
      log: (...a: unknown[]) => broker.log(cell.name, 'log', a.map(formatArg).join(' ')),
      info: (...a: unknown[]) => broker.log(cell.name, 'log', a.map(formatArg).join(' ')),
      debug: (...a: unknown[]) => broker.log(cell.name, 'log', a.map(formatArg).join(' ')),
      warn: (...a: unknown[]) => broker.log(cell.name, 'warn', a.map(formatArg).join(' ')),
      error: (...a: unknown[]) => broker.log(cell.name, 'error', a.map(formatArg).join(' ')),
    });
    const timers = {
      setTimeout: (fn: unknown, ms?: unknown, ...args: unknown[]) => {
        if (typeof fn !== 'function') throw new TypeError('setTimeout needs a function');
        return clock.set(() => (fn as (...a: unknown[]) => void)(...args), Number(ms ?? 0));
      },
      clearTimeout: (id: unknown) => clock.clear(id as number),
      setInterval: (fn: unknown, ms?: unknown) => {
        if (typeof fn !== 'function') throw new TypeError('setInterval needs a function');
        const every = Math.max(1, Number(ms ?? 0) || 1);
        const box = { id: 0 };
        const tick = () => {
          box.id = clock.set(tick, every);
          (fn as () => void)();
        };
        box.id = clock.set(tick, every);
        // The id handed out must keep cancelling later ticks, so hand out the box's current id lazily.
        const handle = -(intervals.push(box));
        return handle;
      },
      clearInterval: (id: unknown) => {
        const box = typeof id === 'number' && id < 0 ? intervals[-id - 1] : undefined;
        if (box) clock.clear(box.id);
      },
    };
    const intervals: { id: number }[] = [];
    const processShim = Object.freeze({
      env: Object.freeze({ KAFKA_BROKERS: 'localhost:9092' } as Record<string, string | undefined>),
      argv: Object.freeze(['node', `${cell.name}.ts`]),
      // Signals never arrive in the browser; the run ends when everything is idle.
      on: () => processShim,
      once: () => processShim,
      exit: () => {
        throw new Error('process.exit is not available in the browser lab.');
      },
    });
    const params = ['require', 'module', 'exports', 'console', 'process', 'setTimeout', 'clearTimeout', 'setInterval', 'clearInterval',
      'self', 'globalThis', 'window', 'postMessage', 'fetch', 'XMLHttpRequest', 'WebSocket', 'importScripts', 'EventSource', 'indexedDB', 'caches', 'Worker'];
    let fn: AsyncFn;
    try {
      fn = new AsyncFunction(...params, `${js}\n//# sourceURL=${SOURCE_PREFIX}${cell.name}.ts`);
    } catch (e) {
      broker.fail({ kind: 'compile', message: `Your code could not be read: ${describe(e)}${where(cell.name, null)}`, cell: cell.name, line: null });
      break;
    }
    const moduleObj = { exports: {} };
    let settled = false;
    const started = fn(require, moduleObj, moduleObj.exports, consoleShim, processShim, timers.setTimeout, timers.clearTimeout, timers.setInterval, timers.clearInterval,
      undefined, undefined, undefined, undefined, undefined, undefined, undefined, undefined, undefined, undefined, undefined, undefined);
    started.then(
      () => {
        settled = true;
      },
      (e: unknown) => {
        settled = true;
        broker.fail(exceptionError(e, cell.name));
      },
    );
    await drive(() => settled);
    if (!settled && !broker.failure) {
      broker.log(cell.name, 'warn', `${cell.name}.ts is still waiting for something that will not happen in this run; the next file starts anyway.`);
    }
    await emitView(true);
  }
  if (!broker.failure) await drive(() => false);
  const view = broker.view();
  opts.onView?.(view);
  return { trace: broker.trace, view, error: broker.failure, timeMs: clock.now };
}

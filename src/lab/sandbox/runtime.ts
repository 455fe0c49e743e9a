/**
 * The lab's runtime inside the sandbox: it runs the learner's files one after another, each as
 * its own "process" (its top level runs to the end, then the next file starts, while consumers
 * started earlier keep consuming), gives them `require('kafkajs')`, './ledger.ts', a console,
 * `process.env` and timers, and talks to the page over one MessagePort.
 *
 * This code shares its realm with the learner's code, so it is not trusted: learner code can
 * patch anything it uses (postMessage, Promise, every prototype). That is fine by design: the
 * page validates every message, and the broker, the simulator and the checks live in the page.
 * The isolation itself comes from the opaque-origin iframe and its CSP (public/lab-sandbox.html).
 *
 * In the browser, `main.ts` starts this with the real timers and the worker's MessagePort; unit
 * tests start it in Node with a simulated clock and an in-process port.
 */
import { createKafkaModule, createLedgerModule, type RuntimeLink } from './shim.ts';
import type { BrokerCall, BrokerReplies, DeliveredRecord, PageMessage, SandboxError, SandboxMessage } from '../session/protocol.ts';
import { MAX_LOG_TEXT } from '../session/protocol.ts';

/** A learner file compiled into a function of its module environment. */
export type CellFn = (
  require: (spec: unknown) => unknown,
  module: { exports: object },
  exports: object,
  console: object,
  process: object,
  setTimeout: unknown,
  clearTimeout: unknown,
  setInterval: unknown,
  clearInterval: unknown,
) => Promise<unknown>;

export interface RuntimeCell {
  name: string;
  run: CellFn;
}

export interface PortLike {
  postMessage(message: SandboxMessage): void;
  onmessage: ((e: { data: unknown }) => void) | null;
}

export interface TimerApi {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(id: unknown): void;
}

export interface RuntimeEnv {
  port: PortLike;
  cells: RuntimeCell[];
  timers: TimerApi;
  /** the learner's file and line from an error's stack */
  locate(e: unknown): { cell: string | null; line: number | null };
  /** real milliseconds between heartbeats; 0: none (tests) */
  heartbeatMs: number;
}

/** Thrown for an import the lab cannot give. */
class LabImportError extends Error {
  override name = 'LabImportError';
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

/** The learner's error as the protocol carries it. */
export function describeError(e: unknown, at: { cell: string | null; line: number | null }, fallbackCell: string | null): SandboxError {
  const name = e instanceof Error ? String(e.name).slice(0, 100) : 'Error';
  const message = e instanceof Error ? String(e.message) : `a non-Error value was thrown: ${formatArg(e)}`;
  const kind = name === 'LabImportError' ? 'import' : /is not part of the KafkaJS subset/.test(message) ? 'unsupported' : 'exception';
  return { name, message: message.slice(0, 4000), cell: at.cell ?? fallbackCell, line: at.line, kind };
}

export function startRuntime(env: RuntimeEnv): void {
  const { port, timers } = env;
  const send = (m: SandboxMessage) => port.postMessage(m);

  // --- what is pending here, so the page knows when the run has nothing left to do ---
  // The learner's timers, the calls awaiting the broker's reply and the eachMessage calls running.
  // The page hears the state only as it is between two tasks (never mid-way through one, where a
  // reply has just resolved a call and the next call is about to go out).
  let pendingTimers = 0;
  /** eachMessage calls running, per consumer; a crashed consumer's are gone with its process */
  const running = new Map<string, number>();
  const handlersRunning = () => {
    let n = 0;
    for (const k of running.values()) n += k;
    return n;
  };
  const calls = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  let sent = { timers: -1, busy: true };
  let reportScheduled = false;
  const stateNow = () => ({ timers: pendingTimers, busy: calls.size > 0 || handlersRunning() > 0 });
  const sendState = () => {
    sent = stateNow();
    send({ t: 'hb', ...sent });
  };
  const stateChanged = () => {
    if (reportScheduled) return;
    reportScheduled = true;
    timers.setTimeout(() => {
      reportScheduled = false;
      const now = stateNow();
      if (now.busy !== sent.busy || (now.timers === 0) !== (sent.timers === 0)) sendState();
    }, 0);
  };
  const timerIds = new Map<number, unknown>();
  let nextTimer = 1;
  const fail = (e: unknown, fallbackCell: string | null) => send({ t: 'fail', error: describeError(e, env.locate(e), fallbackCell) });
  let currentCell: string | null = null;

  const learnerSetTimeout = (fn: unknown, ms?: unknown, ...args: unknown[]) => {
    if (typeof fn !== 'function') throw new TypeError('setTimeout needs a function: the lab does not run code from strings.');
    const id = nextTimer++;
    pendingTimers++;
    const owner = currentCell;
    timerIds.set(
      id,
      timers.setTimeout(() => {
        if (!timerIds.delete(id)) return;
        pendingTimers--;
        try {
          (fn as (...a: unknown[]) => void)(...args);
        } catch (e) {
          fail(e, owner);
        }
        stateChanged();
      }, Number(ms ?? 0) || 0),
    );
    stateChanged();
    return id;
  };
  const learnerClearTimeout = (id: unknown) => {
    const t = typeof id === 'number' ? timerIds.get(id) : undefined;
    if (t === undefined) return;
    timers.clearTimeout(t);
    timerIds.delete(id as number);
    pendingTimers--;
    stateChanged();
  };
  const intervals = new Map<number, number>();
  const learnerSetInterval = (fn: unknown, ms?: unknown, ...args: unknown[]) => {
    if (typeof fn !== 'function') throw new TypeError('setInterval needs a function: the lab does not run code from strings.');
    const every = Math.max(1, Number(ms ?? 0) || 1);
    const handle = nextTimer++;
    const tick = () => {
      intervals.set(handle, learnerSetTimeout(tick, every));
      (fn as (...a: unknown[]) => void)(...args);
    };
    intervals.set(handle, learnerSetTimeout(tick, every));
    return handle;
  };
  const learnerClearInterval = (handle: unknown) => {
    const id = typeof handle === 'number' ? intervals.get(handle) : undefined;
    if (id === undefined) return;
    intervals.delete(handle as number);
    learnerClearTimeout(id);
  };

  // --- calls to the broker, deliveries from it ---
  let nextCall = 1;
  const handlers = new Map<string, (r: DeliveredRecord) => Promise<void>>();
  const crashListeners = new Map<string, () => void>();
  const link: RuntimeLink = {
    call: <K extends BrokerCall['op']>(call: Extract<BrokerCall, { op: K }>) =>
      new Promise<BrokerReplies[K]>((resolve, reject) => {
        const id = nextCall++;
        calls.set(id, { resolve: resolve as (v: unknown) => void, reject });
        send({ t: 'call', id, call });
        stateChanged();
      }),
    onDeliver: (member, handler) => handlers.set(member, handler),
    onCrash: (member, listener) => crashListeners.set(member, listener),
    log: (cell, level, text) => send({ t: 'log', cell, level, text: text.length > MAX_LOG_TEXT ? `${text.slice(0, MAX_LOG_TEXT - 1)}…` : text }),
  };
  const ledger = createLedgerModule((orderId, amount) => send({ t: 'charge', orderId, amount }));

  let advance: (() => void) | null = null;

  port.onmessage = (e) => {
    const m = e.data as PageMessage;
    if (!m || typeof m !== 'object') return;
    switch (m.t) {
      case 'reply': {
        const c = calls.get(m.id);
        if (!c) return;
        calls.delete(m.id);
        stateChanged();
        if (m.ok) c.resolve(m.value);
        else {
          const err = new Error(m.error.message);
          err.name = m.error.name;
          c.reject(err);
        }
        return;
      }
      case 'deliver': {
        const h = handlers.get(m.member);
        if (!h) {
          send({ t: 'handled', id: m.id, error: { name: 'Error', message: `no eachMessage for ${m.member}`, cell: null, line: null, kind: 'exception' } });
          return;
        }
        const member = m.member;
        running.set(member, (running.get(member) ?? 0) + 1);
        stateChanged();
        const finished = () => {
          const n = running.get(member);
          if (n !== undefined) running.set(member, n - 1);
          stateChanged();
        };
        h(m.record).then(
          () => {
            finished();
            send({ t: 'handled', id: m.id, error: null });
          },
          (err: unknown) => {
            finished();
            send({ t: 'handled', id: m.id, error: describeError(err, env.locate(err), null) });
          },
        );
        return;
      }
      case 'crashed': {
        // The consumer's process is gone: its eachMessage that waits on the commit never ends, and no longer counts.
        handlers.delete(m.member);
        running.delete(m.member);
        crashListeners.get(m.member)?.();
        stateChanged();
        return;
      }
      case 'next-cell': {
        const go = advance;
        advance = null;
        go?.();
        return;
      }
    }
  };

  if (env.heartbeatMs > 0) {
    const beat = () => {
      sendState();
      timers.setTimeout(beat, env.heartbeatMs);
    };
    timers.setTimeout(beat, env.heartbeatMs);
  }

  const runCell = async (cell: RuntimeCell): Promise<boolean> => {
    currentCell = cell.name;
    send({ t: 'cell', cell: cell.name, state: 'started' });
    const kafkaModule = createKafkaModule({ link, cell: cell.name });
    const require = (spec: unknown) => {
      if (spec === 'kafkajs') return kafkaModule;
      if (spec === './ledger' || spec === './ledger.ts' || spec === './ledger.js') return ledger;
      throw new LabImportError(`Cannot import ${JSON.stringify(spec)}: in the lab you can import only 'kafkajs' and './ledger.ts'.`);
    };
    const say = (level: 'log' | 'warn' | 'error') => (...a: unknown[]) => link.log(cell.name, level, a.map(formatArg).join(' '));
    const consoleShim = Object.freeze({ log: say('log'), info: say('log'), debug: say('log'), warn: say('warn'), error: say('error') });
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
    const moduleObj = { exports: {} };
    let outcome: 'done' | 'waiting' | 'failed';
    try {
      const started = cell.run(require, moduleObj, moduleObj.exports, consoleShim, processShim, learnerSetTimeout, learnerClearTimeout, learnerSetInterval, learnerClearInterval);
      outcome = await new Promise<'done' | 'waiting' | 'failed'>((resolve) => {
        advance = () => resolve('waiting');
        started.then(
          () => resolve('done'),
          (err: unknown) => {
            fail(err, cell.name);
            resolve('failed');
          },
        );
      });
    } catch (err) {
      fail(err, cell.name);
      outcome = 'failed';
    }
    advance = null;
    if (outcome === 'failed') return false;
    if (outcome === 'waiting') link.log(cell.name, 'warn', `${cell.name}.ts is still waiting for something that will not happen in this run; the next file starts anyway.`);
    send({ t: 'cell', cell: cell.name, state: 'done' });
    return true;
  };

  send({ t: 'ready' });
  stateChanged();
  void (async () => {
    for (const cell of env.cells) if (!(await runCell(cell))) return;
  })();
}

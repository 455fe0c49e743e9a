/// <reference lib="webworker" />
/**
 * The entry of the sandbox's worker script (built into one IIFE by vite-plugins/lab-runtime.ts and
 * placed after the learner's compiled files, see session/script.ts). The worker runs inside the
 * opaque-origin iframe public/lab-sandbox.html and inherits its CSP: no network, no remote
 * scripts, no code from strings. The page's MessagePort arrives with the first message.
 */
import { CELLS_GLOBAL, type CellInfo, type SandboxMessage } from '../session/protocol.ts';
import { locateInStack } from './lines.ts';
import { startRuntime, describeError, type RuntimeCell } from './runtime.ts';

const scope = self as unknown as DedicatedWorkerGlobalScope & Record<string, unknown>;
const cells = (scope[CELLS_GLOBAL] ?? []) as RuntimeCell[];
const lines = (scope[`${CELLS_GLOBAL}Lines`] ?? []) as CellInfo[];
delete scope[CELLS_GLOBAL];
delete scope[`${CELLS_GLOBAL}Lines`];
const scriptUrl = scope.location.href;
// Taken before any learner code runs (the runtime's heartbeat must not depend on what the learner patches).
const realSetTimeout = scope.setTimeout.bind(scope);
const realClearTimeout = scope.clearTimeout.bind(scope);
const locate = (e: unknown) => locateInStack(e, scriptUrl, lines);
/** How often the sandbox says it is alive (the page ends a sandbox that stays silent). */
const HEARTBEAT_MS = 250;

scope.onmessage = (e: MessageEvent) => {
  const port = e.ports[0];
  if (!port) return;
  scope.onmessage = null;
  const send = (m: SandboxMessage) => port.postMessage(m);
  // The CSP refuses every request; say so in the learner's console rather than failing silently.
  scope.addEventListener('securitypolicyviolation', (ev) => {
    const v = ev as SecurityPolicyViolationEvent;
    send({ t: 'blocked', what: `${v.effectiveDirective || v.violatedDirective} ${v.blockedURI || ''}`.trim().slice(0, 500) });
  });
  scope.addEventListener('unhandledrejection', (ev) => {
    ev.preventDefault();
    send({ t: 'fail', error: describeError(ev.reason, locate(ev.reason), null) });
  });
  startRuntime({
    port: port as unknown as Parameters<typeof startRuntime>[0]['port'],
    cells,
    timers: { setTimeout: (fn, ms) => realSetTimeout(fn, ms), clearTimeout: (id) => realClearTimeout(id as number) },
    locate,
    heartbeatMs: HEARTBEAT_MS,
  });
  port.start();
};

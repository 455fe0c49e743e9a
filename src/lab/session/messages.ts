/**
 * What the lab tells the learner when a run stops early, in one place: the bold heading by kind
 * and the sentence after it. A message never repeats its heading (messages.test.ts checks every
 * pair), and numbers agree with their nouns.
 */
import type { RunError } from '../runtime/types.ts';

/** "1 second", "30 seconds"; "1 record", "10,000 records" */
export function count(n: number, one: string, many = `${one}s`): string {
  return `${n.toLocaleString('en')} ${n === 1 ? one : many}`;
}

/** The bold lead of the error notice. */
export function errorHeading(kind: RunError['kind']): string {
  switch (kind) {
    case 'compile':
      return 'Your code could not be read.';
    case 'runaway':
      return 'Stopped.';
    case 'stopped':
      return 'Run stopped.';
    case 'crashed':
      return 'The sandbox crashed.';
    case 'refused':
      return 'Run refused.';
    case 'unsupported':
      return 'Not available in this lab.';
    case 'import':
      return 'This import is not available.';
    default:
      return 'Your code threw an error.';
  }
}

const stop = (kind: RunError['kind'], message: string): RunError => ({ kind, message, cell: null, line: null });

export const runStops = {
  tooLong: (limitMs: number) =>
    stop(
      'runaway',
      `Your code was still running after ${count(limitMs / 1000, 'second')}, so the lab ended it. Every step of this lab finishes in well under 20 seconds: look for a loop or a timer that keeps the run going.`,
    ),
  silent: (limitMs: number) =>
    stop(
      'runaway',
      `Your code stopped responding: it kept the sandbox busy for ${count(limitMs / 1000, 'second')} without a pause, so the lab ended the sandbox. Look for a loop that never ends or never awaits (a loop without await blocks everything else, consumers included), or one that keeps filling memory.`,
    ),
  didNotStart: (limitMs: number) =>
    stop('crashed', `The sandbox that runs your code did not start within ${count(limitMs / 1000, 'second')}. Try again; if it keeps happening, reload the page.`),
  outOfMemory: (detail: string) =>
    stop('crashed', `Your code ran out of memory (${detail}), so the lab ended its sandbox. Look for a loop that keeps adding to an array or a string.`),
  byLearner: () => stop('stopped', 'You pressed Stop before the run had finished.'),
  refused: (reason: string) =>
    stop(
      'refused',
      `The sandbox running your code sent the page a message it does not accept (${reason}), so the run was ended. This happens when code changes the lab's own objects, such as postMessage.`,
    ),
  tooManyMessages: (limit: number) =>
    stop('runaway', `Your code sent more than ${count(limit, 'request')} and lines of output in one run, so the lab ended it. Does a loop never end?`),
  tooManyRecords: (limit: number) => stop('runaway', `More than ${count(limit, 'record')} were produced in one run, so the lab ended it. Does a loop keep sending without an end?`),
  tooLongSimulated: (limitMs: number) =>
    stop('runaway', `The run went on for ${count(Math.round(limitMs / 1000), 'second')} of simulated time: something keeps it going (a loop with no end, or a timer that keeps rescheduling itself).`),
};

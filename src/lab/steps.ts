import { runChecks, type CheckResult } from './checks.ts';
import type { Lab, LabStep } from './lab-data.ts';
import type { RunOptions, RunResult } from './runtime/types.ts';

/** The cells a step runs, in order, taking the learner's code where they have some. */
export function cellsForStep(lab: Lab, step: LabStep, code: Record<string, string | undefined>): RunOptions['cells'] {
  return step.runs.map((name) => ({ name, code: code[name] ?? lab.starter[name] ?? '' }));
}

export function runOptionsForStep(lab: Lab, step: LabStep, code: Record<string, string | undefined>): RunOptions {
  return { cells: cellsForStep(lab, step, code), faults: step.faults ?? [] };
}

export function gradeStep(step: LabStep, run: RunResult): { passed: boolean; results: CheckResult[] } {
  const results = runChecks(step.checks, run);
  return { passed: run.error === null && results.every((r) => r.passed), results };
}

/**
 * Every step a run counts for: the run's own step, and each step whose files are the first files
 * this run ran, in the same order (step 4's run also runs steps 1 to 3's files). Each is graded on
 * the same trace with its own checks, so a later step's run shows which earlier ones hold too.
 */
export function gradeCoveredSteps(lab: Lab, step: LabStep, run: RunResult): { step: LabStep; passed: boolean; results: CheckResult[] }[] {
  return lab.steps
    .filter((s) => s.id === step.id || (s.runs.length <= step.runs.length && s.runs.every((cell, i) => step.runs[i] === cell)))
    .map((s) => ({ step: s, ...gradeStep(s, run) }));
}

/** "The check passed.", "Both checks passed.", "All 3 checks passed.", "1 of 3 checks did not pass." */
export function verdict(results: readonly CheckResult[]): string {
  const n = results.length;
  const failed = results.filter((r) => !r.passed).length;
  if (failed === 0) return n === 1 ? 'The check passed.' : n === 2 ? 'Both checks passed.' : `All ${n} checks passed.`;
  if (n === 1) return 'The check did not pass.';
  if (failed === n) return n === 2 ? 'Neither check passed.' : `None of the ${n} checks passed.`;
  return `${failed} of ${n} checks did not pass.`;
}

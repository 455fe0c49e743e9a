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

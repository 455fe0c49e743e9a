/**
 * Where the learner's files sit in the sandbox's worker script, and how a line of that script
 * maps back to a file and line. Pure; used in the sandbox (error stacks) and in the page (syntax
 * errors reported by the worker's error event).
 */
import type { CellInfo } from '../session/protocol.ts';

/** The learner's file and line for a 1-based line of the worker script, or nulls. */
export function lineInCell(cells: readonly CellInfo[], scriptLine: number): { cell: string | null; line: number | null } {
  for (const c of cells) {
    if (scriptLine >= c.firstLine && scriptLine < c.firstLine + c.lines) return { cell: c.name, line: scriptLine - c.firstLine + 1 };
  }
  return { cell: null, line: null };
}

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The first frame of an error's stack that points into a learner's file. */
export function locateInStack(e: unknown, scriptUrl: string, cells: readonly CellInfo[]): { cell: string | null; line: number | null } {
  let stack: string;
  try {
    stack = e instanceof Error && typeof e.stack === 'string' ? e.stack : '';
  } catch {
    return { cell: null, line: null };
  }
  const re = new RegExp(`${escapeRe(scriptUrl)}:(\\d+):(\\d+)`, 'g');
  for (const m of stack.matchAll(re)) {
    const at = lineInCell(cells, Number(m[1]));
    if (at.cell) return at;
  }
  return { cell: null, line: null };
}

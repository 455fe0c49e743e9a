/**
 * Builds the sandbox's worker script: the learner's files, compiled from TypeScript (sucrase, in
 * the page: parsing is not running) into functions of their module environment, followed by the
 * lab's runtime. The sandbox runs the script as one classic worker script, so no code is ever
 * made from strings inside the sandbox, and its CSP can forbid that outright.
 */
import { transform } from 'sucrase';
import type { RunError } from '../runtime/types.ts';
import { CELLS_GLOBAL, type CellInfo } from './protocol.ts';
const PARAMS = 'require, module, exports, console, process, setTimeout, clearTimeout, setInterval, clearInterval';

/** TypeScript/ES module source to a function body with require() (sucrase keeps line numbers). */
export function compileCell(name: string, code: string): string {
  return transform(code, { transforms: ['typescript', 'imports'], filePath: `${name}.ts` }).code;
}

export type CompiledCells = { ok: true; source: string; cells: CellInfo[] } | { ok: false; error: RunError };

/**
 * Compiles the files in run order into the script's first part. Line 1 is the array's opening;
 * each file's function header takes one line, then its code, then the closing line.
 */
export function compileCells(cells: readonly { name: string; code: string }[]): CompiledCells {
  const out: string[] = [`globalThis.${CELLS_GLOBAL} = [`];
  const info: CellInfo[] = [];
  for (const cell of cells) {
    let js: string;
    try {
      js = compileCell(cell.name, cell.code);
    } catch (e) {
      const text = e instanceof Error ? e.message : String(e);
      const m = /\((\d+):(\d+)\)/.exec(text);
      const line = m ? Number(m[1]) : null;
      // "Error transforming x.ts: Unexpected token (2:11)" -> "Unexpected token", then our own "(x.ts, line 2)"
      const message = text.replace(/^Error transforming [^:]*:\s*/, '').replace(/\s*\(\d+:\d+\)\s*$/, '');
      return { ok: false, error: { kind: 'compile', message: `${message}${line ? ` (${cell.name}.ts, line ${line})` : ` (${cell.name}.ts)`}`, cell: cell.name, line } };
    }
    const lines = js.split('\n');
    const firstLine = out.length + 2;
    info.push({ name: cell.name, firstLine, lines: lines.length });
    out.push(`{ name: ${JSON.stringify(cell.name)}, run: async function (${PARAMS}) {`);
    out.push(...lines);
    out.push('} },');
  }
  out.push('];');
  return { ok: true, source: out.join('\n'), cells: info };
}

/** The whole worker script: the cells, a table of where they are, then the runtime. */
export function workerScript(compiled: { source: string; cells: CellInfo[] }, runtime: string): string {
  return `${compiled.source}\nglobalThis.${CELLS_GLOBAL}Lines = ${JSON.stringify(compiled.cells)};\n${runtime}`;
}

import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

// The visualiser and the control registry use the simulator only through its public entry
// (src/sim/index.ts), never its internal files.
const root = join(import.meta.dirname, '..', '..', '..');
const folders = ['src/interactives/partition-visualiser', 'src/controls', 'e2e/visualiser.spec.ts'];

function sources(path: string): string[] {
  const abs = join(root, path);
  if (/\.tsx?$/.test(abs)) return [abs];
  return readdirSync(abs, { withFileTypes: true }).flatMap((d) => (d.isDirectory() ? sources(join(path, d.name)) : /\.tsx?$/.test(d.name) ? [join(abs, d.name)] : []));
}

/** Module specifiers of the static and dynamic imports (and re-exports) in a file. */
export function importsOf(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(/(?:\bfrom\s*|\bimport\s*\(?\s*)['"]([^'"]+)['"]/g)) out.push(m[1]!);
  return out;
}

/** True when a specifier reaches into src/sim/ past its index. */
export function reachesIntoSim(spec: string): boolean {
  const m = /(?:^|\/)sim(\/.*)?$/.exec(spec);
  if (!m || !spec.startsWith('.')) return false;
  const rest = m[1] ?? '';
  return rest !== '' && rest !== '/' && rest !== '/index' && rest !== '/index.ts';
}

describe('simulator imports', () => {
  it('recognises deep and public imports', () => {
    expect(importsOf("import { a } from '../../sim/config';\nimport type { B } from '../sim';\nconst x = import('./y.ts');")).toEqual(['../../sim/config', '../sim', './y.ts']);
    expect(reachesIntoSim('../../sim/config')).toBe(true);
    expect(reachesIntoSim('../../sim/kafka/index.ts')).toBe(true);
    expect(reachesIntoSim('../sim/types')).toBe(true);
    expect(reachesIntoSim('../../sim')).toBe(false);
    expect(reachesIntoSim('../../sim/index.ts')).toBe(false);
    expect(reachesIntoSim('../../viz/runner')).toBe(false);
    expect(reachesIntoSim('zod')).toBe(false);
  });

  it('the visualiser, the controls and their e2e test import src/sim only through its index', () => {
    // this file quotes deep imports as test data, so it is left out
    const files = folders.flatMap(sources).filter((f) => !f.endsWith('imports.test.ts'));
    expect(files.length).toBeGreaterThan(5);
    const deep = files.flatMap((f) => importsOf(readFileSync(f, 'utf8')).filter(reachesIntoSim).map((s) => `${relative(root, f)}: ${s}`));
    expect(deep).toEqual([]);
  });
});

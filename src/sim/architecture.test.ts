import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

// ARCHITECTURE.md describes the simulator file by file; nothing it names may be missing (it once
// pointed at an ARCHITECTURE-sim.md that did not exist), and every simulator module is described.
const root = resolve(import.meta.dirname, '../..');
const arch = readFileSync(join(root, 'ARCHITECTURE.md'), 'utf8');
const simDir = join(root, 'src/sim');

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? walk(p) : [p];
  });
}

describe('ARCHITECTURE.md and the simulator agree', () => {
  const section = arch.slice(arch.indexOf('### Files'), arch.indexOf('### Data flow'));
  const rows = [...section.matchAll(/^\| `([^`]+)` \|/gm)].map((m) => m[1]!);

  it('every file or folder in the simulator table exists under src/sim', () => {
    expect(rows.length).toBeGreaterThan(30);
    const missing = rows.filter((r) => !existsSync(join(simDir, r)));
    expect(missing).toEqual([]);
  });

  it('every simulator module (outside models/ and kafka/) has a row of its own', () => {
    const described = new Set(rows);
    const modules = walk(simDir)
      .map((p) => p.slice(simDir.length + 1))
      .filter((p) => p.endsWith('.ts') && !p.endsWith('.test.ts') && !p.startsWith('models/') && !p.startsWith('kafka/') && !p.startsWith('testing/'));
    const undocumented = modules.filter((m) => !described.has(m) && !described.has(m.slice(0, m.lastIndexOf('/') + 1)));
    expect(undocumented).toEqual([]);
  });

  it('names no Markdown file that does not exist (ARCHITECTURE.md itself and src/sim comments)', () => {
    const texts = [arch, ...walk(simDir).filter((p) => p.endsWith('.ts') && !p.endsWith('.test.ts')).map((p) => readFileSync(p, 'utf8'))];
    const named = new Set(texts.flatMap((t) => [...t.matchAll(/\b([A-Za-z][\w-]*\.md)\b/g)].map((m) => m[1]!)));
    const missing = [...named].filter((f) => !existsSync(join(root, f)) && !walk(join(root, 'src')).some((p) => p.endsWith(`/${f}`)) && !existsSync(join(root, 'content', f)));
    expect(missing).toEqual([]);
  });
});

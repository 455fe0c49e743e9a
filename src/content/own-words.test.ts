import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

// The lesson teaches every fact of the source module in our own words. This guard fails when any
// content file repeats a run of eight or more words from the source. The source lives outside the
// repository (../shared/reference); where it is absent the check is skipped, not faked.
const SOURCE = resolve(import.meta.dirname, '../../../shared/reference/module-source.txt');
const CONTENT = resolve(import.meta.dirname, '../../content');
const RUN = 8;
/** Names that are allowed to match: the lab's own title. */
const ALLOWED = ['lab 3 1 kafka event pipeline end to end'];

const words = (text: string) => text.toLowerCase().match(/[a-z0-9_']+/g) ?? [];

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : /\.(md|ya?ml|json)$/.test(name) ? [path] : [];
  });
}

describe.skipIf(!existsSync(SOURCE))('content is in our own words', () => {
  it(`repeats no run of ${RUN} words from the source module`, () => {
    const src = words(readFileSync(SOURCE, 'utf8'));
    const runs = new Set<string>();
    for (let i = 0; i + RUN <= src.length; i++) runs.add(src.slice(i, i + RUN).join(' '));
    const echoes: string[] = [];
    for (const file of files(CONTENT)) {
      const w = words(readFileSync(file, 'utf8'));
      for (let i = 0; i + RUN <= w.length; i++) {
        const run = w.slice(i, i + RUN).join(' ');
        if (runs.has(run) && !ALLOWED.some((a) => a.includes(run))) echoes.push(`${file.slice(CONTENT.length + 1)}: "${run}"`);
      }
    }
    expect(echoes).toEqual([]);
  });
});

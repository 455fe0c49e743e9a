import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { unzipSync, strFromU8 } from 'fflate';
import { describe, expect, it } from 'vitest';
import { zipFiles } from './zip.ts';

function hasPythonZip(): boolean {
  try {
    execFileSync('python3', ['-c', 'import zipfile']);
    return true;
  } catch {
    return false;
  }
}

const files = { 'README.md': '# Kit\nnaïve ünïcode ✓\n', 'src/producer.ts': 'console.log(1);\n'.repeat(200), 'empty.txt': '', 'bin/data.bin': new Uint8Array([0, 1, 2, 255]) };

describe('zipFiles', () => {
  it('round-trips text and bytes, compressing repetitive text', () => {
    const zip = zipFiles(files);
    const out = unzipSync(zip);
    expect(Object.keys(out)).toEqual(Object.keys(files));
    expect(strFromU8(out['README.md']!)).toBe(files['README.md']);
    expect(strFromU8(out['src/producer.ts']!)).toBe(files['src/producer.ts']);
    expect(out['bin/data.bin']).toEqual(files['bin/data.bin']);
    expect(zip.length).toBeLessThan(files['src/producer.ts'].length);
  });

  it('gives the same bytes for the same files', () => {
    expect(zipFiles(files)).toEqual(zipFiles({ ...files }));
  });

  it('refuses paths that would land outside the archive folder', () => {
    for (const bad of ['', '/etc/passwd', '../x', 'a/../../x', 'a//b']) expect(() => zipFiles({ [bad]: 'x' })).toThrow(/not a relative path/);
  });

  it.runIf(hasPythonZip())('writes a zip that a standard reader extracts byte for byte', () => {
    const dir = mkdtempSync(join(tmpdir(), 'zip-'));
    const zip = join(dir, 'kit.zip');
    writeFileSync(zip, zipFiles(files));
    const out = join(dir, 'out');
    execFileSync('python3', ['-c', 'import sys, zipfile; z = zipfile.ZipFile(sys.argv[1]); assert z.testzip() is None; z.extractall(sys.argv[2])', zip, out]);
    for (const [path, content] of Object.entries(files)) {
      const got = readFileSync(join(out, path));
      expect(typeof content === 'string' ? got.toString('utf8') : new Uint8Array(got)).toEqual(content);
    }
  });
});

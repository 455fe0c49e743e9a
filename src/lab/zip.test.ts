import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { crc32, zipFiles } from './zip.ts';

function hasUnzip(): boolean {
  try {
    execFileSync('python3', ['-c', 'import zipfile']);
    return true;
  } catch {
    return false;
  }
}

describe('zipFiles', () => {
  it('computes the standard CRC-32', () => {
    expect(crc32(new TextEncoder().encode('123456789'))).toBe(0xcbf43926);
    expect(crc32(new Uint8Array())).toBe(0);
  });

  it.runIf(hasUnzip())('writes a zip that a standard reader extracts byte for byte', () => {
    const files = { 'README.md': '# Kit\nnaïve ünïcode ✓\n', 'src/producer.ts': 'console.log(1);\n', 'empty.txt': '' };
    const dir = mkdtempSync(join(tmpdir(), 'labzip-'));
    const zip = join(dir, 'kit.zip');
    writeFileSync(zip, zipFiles(files));
    const out = join(dir, 'out');
    execFileSync('python3', ['-c', 'import sys, zipfile; z = zipfile.ZipFile(sys.argv[1]); assert z.testzip() is None; z.extractall(sys.argv[2])', zip, out]);
    for (const [path, text] of Object.entries(files)) expect(readFileSync(join(out, path), 'utf8')).toBe(text);
  });
});

import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import type { Plugin } from 'vite';
import { zipFiles } from '../../src/zip.ts';
import { parseManifest } from '../content/compile.ts';
import { scormManifest } from './manifest.ts';
import type { LmsTarget } from './options.ts';

/** Every file under `dir`, as forward-slash paths relative to it, sorted; build metadata (.vite/) left out. */
export function listFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const entry of readdirSync(d, { withFileTypes: true })) {
      const full = join(d, entry.name);
      if (entry.isDirectory()) {
        if (entry.name !== '.vite') walk(full);
      } else out.push(relative(dir, full).split(sep).join('/'));
    }
  };
  walk(dir);
  return out.sort();
}

/** Where `npm run package` puts the zips. */
export const PACKAGES_DIR = 'dist-packages';

/** The zip file name for a target. */
export const packageFileName = (target: LmsTarget) => `streamlab-${target}.zip`;

/**
 * In an LMS build (STREAMLAB_LMS set), after Vite has written the module: adds the package's
 * manifest next to index.html (the launch page) and zips the folder into
 * dist-packages/streamlab-<target>.zip, manifest at the root. Does nothing in the web build.
 */
export function lmsPackagePlugin(target: '' | LmsTarget, passMark: number): Plugin {
  let root = '';
  let outDir = '';
  return {
    name: 'streamlab-lms-package',
    apply: 'build',
    configResolved(config) {
      root = config.root;
      outDir = resolve(config.root, config.build.outDir);
    },
    closeBundle() {
      if (!target) return;
      const title = parseManifest(readFileSync(resolve(root, 'content/manifest.yaml'), 'utf8')).module.title;
      const files = listFiles(outDir).filter((f) => f !== 'imsmanifest.xml');
      const manifest = scormManifest({ version: target === 'scorm12' ? '1.2' : '2004', title, files, launch: 'index.html', passMark, identifier: `streamlab-${target}` });
      writeFileSync(join(outDir, 'imsmanifest.xml'), manifest);
      const entries: Record<string, Uint8Array | string> = { 'imsmanifest.xml': manifest };
      for (const f of files) entries[f] = readFileSync(join(outDir, f));
      const dir = resolve(root, PACKAGES_DIR);
      mkdirSync(dir, { recursive: true });
      writeFileSync(join(dir, packageFileName(target)), zipFiles(entries, 9));
    },
  };
}

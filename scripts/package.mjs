// npm run package: builds the LMS packages into dist-packages/:
//   streamlab-scorm12.zip    SCORM 1.2
//   streamlab-scorm2004.zip  SCORM 2004 4th Edition
// Each is one Vite build with STREAMLAB_LMS set (into dist-lms/<target>/); the build's
// streamlab-lms-package plugin writes imsmanifest.xml and the zip. The pass mark comes from
// STREAMLAB_PASS_MARK (a share, 0.8, or a percentage, 80 or 80%; default 80 %).
// `npm run package -- scorm12` builds only the targets named.
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { run } from './run.mjs';

const ALL = ['scorm12', 'scorm2004'];
const asked = process.argv.slice(2).filter((a) => !a.startsWith('-'));
const unknown = asked.filter((t) => !ALL.includes(t));
if (unknown.length) {
  console.error(`Unknown package target(s): ${unknown.join(', ')}. Targets: ${ALL.join(', ')}.`);
  process.exit(2);
}
const targets = asked.length ? asked : ALL;
const root = join(import.meta.dirname, '..');
for (const target of targets) {
  console.log(`\n=== ${target}: vite build --outDir dist-lms/${target}`);
  const code = await run('npx', ['vite', 'build', '--outDir', `dist-lms/${target}`, '--emptyOutDir', '--logLevel', 'warn'], {
    env: { ...process.env, STREAMLAB_LMS: target },
    cwd: root,
  });
  if (code !== 0) process.exit(code);
}
console.log('\nPackages (pass mark: ' + (process.env.STREAMLAB_PASS_MARK || '80%') + '):');
for (const target of targets) {
  const file = join(root, 'dist-packages', `streamlab-${target}.zip`);
  if (!existsSync(file)) {
    console.error(`  ${file} was not written`);
    process.exit(1);
  }
  console.log(`  dist-packages/streamlab-${target}.zip  ${(statSync(file).size / 1024).toFixed(0)} KB`);
}

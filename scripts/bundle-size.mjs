// Prints the gzipped JavaScript a page loads before it can run, from the build's manifest
// (build with `vite build --manifest`; `npm run bench` does):
// - the home page: the entry script and every chunk it imports statically;
// - the playground: the home page's set, plus the Playground page chunk and the partition
//   visualiser chunk, each with their static imports (the page shows nothing useful before both).
// Lazy chunks (lessons, other interactives) are listed apart. Figures only: nothing is asserted.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

const dist = join(import.meta.dirname, '..', 'dist');
const manifestPath = join(dist, '.vite', 'manifest.json');
if (!existsSync(manifestPath)) {
  console.error('No dist/.vite/manifest.json: build with `npx vite build --manifest` first.');
  process.exit(1);
}
/** @type {Record<string, { file: string, imports?: string[], isEntry?: boolean }>} */
const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
const gz = (file) => gzipSync(readFileSync(join(dist, file))).length;
const kb = (bytes) => `${(bytes / 1024).toFixed(1).padStart(7)} KB`;

/** The output files of the given manifest keys and of everything they import statically. */
function closure(keys, into = new Set()) {
  for (const key of keys) {
    const chunk = manifest[key];
    if (!chunk) throw new Error(`${key} is not in the build manifest`);
    if (into.has(chunk.file)) continue;
    into.add(chunk.file);
    closure(chunk.imports ?? [], into);
  }
  return into;
}

function report(title, files, note = '') {
  let total = 0;
  console.log(`\n== First load: ${title} ==`);
  for (const f of files) {
    const size = gz(f);
    total += size;
    console.log(`  ${f.padEnd(48)} ${kb(size)} gzipped`);
  }
  console.log(`  ${'total JavaScript before the page runs'.padEnd(48)} ${kb(total)} gzipped${note}`);
  return total;
}

const entryKey = Object.keys(manifest).find((k) => manifest[k].isEntry);
const home = closure([entryKey]);
report('home page', home, '   (target: 80 KB)');
const playground = closure(['src/pages/Playground.tsx', 'src/interactives/partition-visualiser/index.tsx'], new Set(home));
report('playground (#/playground)', playground);

const lazy = readdirSync(join(dist, 'assets')).filter((f) => f.endsWith('.js') && !home.has(`assets/${f}`));
const biggest = lazy.map((f) => [f, gz(join('assets', f))]).sort((a, b) => b[1] - a[1]).slice(0, 5);
console.log(`\n  lazy chunks: ${lazy.length}; largest: ${biggest.map(([f, s]) => `${f} ${(s / 1024).toFixed(1)} KB`).join(', ')}\n`);

// Prints the gzipped size of the JavaScript the home page loads first: the entry script in
// dist/index.html plus every chunk it imports statically (which the browser fetches before the
// page can run). Lazy chunks (lessons, interactives) are listed apart. Build first (vite build).
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

const dist = join(import.meta.dirname, '..', 'dist');
const html = readFileSync(join(dist, 'index.html'), 'utf8');
const entry = html.match(/<script type="module"[^>]*src="\.\/(assets\/[^"]+\.js)"/)?.[1];
if (!entry) {
  console.error('No entry script in dist/index.html: run `npx vite build` first.');
  process.exit(1);
}
const gz = (file) => gzipSync(readFileSync(join(dist, file))).length;
const initial = new Set();
const visit = (file) => {
  if (initial.has(file)) return;
  initial.add(file);
  const code = readFileSync(join(dist, file), 'utf8');
  // static imports only: `import ... from "./x.js"` and bare `import "./x.js"`, not import("./x.js")
  for (const m of code.matchAll(/(?:^|[;}\n])\s*import\s*(?:[^"'()]*?from\s*)?["']\.\/([^"']+\.js)["']/g)) visit(join('assets', m[1]));
};
visit(entry);
let total = 0;
console.log('\n== First load (home page) ==');
for (const f of initial) {
  const size = gz(f);
  total += size;
  console.log(`  ${f.padEnd(44)} ${(size / 1024).toFixed(1).padStart(7)} KB gzipped`);
}
console.log(`  ${'total JavaScript before the page runs'.padEnd(44)} ${(total / 1024).toFixed(1).padStart(7)} KB gzipped   (target < 150 KB)`);
const lazy = readdirSync(join(dist, 'assets')).filter((f) => f.endsWith('.js') && !initial.has(join('assets', f)));
const biggest = lazy.map((f) => [f, gz(join('assets', f))]).sort((a, b) => b[1] - a[1]).slice(0, 5);
console.log(`  lazy chunks: ${lazy.length}; largest: ${biggest.map(([f, s]) => `${f} ${(s / 1024).toFixed(1)} KB`).join(', ')}\n`);

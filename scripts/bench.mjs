// npm run bench: prints figures, asserts no timings.
// 1. The TypeScript simulator and assignor benchmarks (bench/*.bench-run.test.ts) through Vitest
//    in a forked worker started with --expose-gc.
// 2. The first-load JavaScript of the built site: the home page and the playground
//    (vite build --manifest, then scripts/bundle-size.mjs).
// 3. Lighthouse's mobile performance score of the home page and one lesson (scripts/lighthouse.mjs,
//    with the Chromium the end-to-end tests use). `npm run bench -- --web` runs only 2 and 3.
// Browser frame rates are measured separately: npm run perf.
import { run } from './run.mjs';

const args = process.argv.slice(2);
const webOnly = args.includes('--web');
if (!webOnly) {
  const code = await run('npx', ['vitest', 'run', '--config', 'bench/vitest.bench.config.ts', '--silent=false', ...args]);
  if (code !== 0) process.exit(code);
}
const built = await run('npx', ['vite', 'build', '--manifest', '--logLevel', 'error']);
if (built !== 0) process.exit(built);
const sized = await run('node', ['scripts/bundle-size.mjs']);
if (sized !== 0) process.exit(sized);
process.exit(await run('node', ['scripts/lighthouse.mjs']));

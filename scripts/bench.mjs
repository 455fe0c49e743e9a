// npm run bench: prints figures, asserts no timings.
// 1. The TypeScript simulator and assignor benchmarks (bench/*.bench-run.test.ts) through Vitest
//    in a forked worker started with --expose-gc.
// 2. The first-load JavaScript of the built site (vite build, then scripts/bundle-size.mjs).
// Browser frame rates are measured separately: npm run perf.
import { run } from './run.mjs';

const code = await run('npx', ['vitest', 'run', '--config', 'bench/vitest.bench.config.ts', '--silent=false', ...process.argv.slice(2)]);
if (code !== 0) process.exit(code);
const built = await run('npx', ['vite', 'build', '--logLevel', 'error']);
if (built !== 0) process.exit(built);
process.exit(await run('node', ['scripts/bundle-size.mjs']));

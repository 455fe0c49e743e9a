// npm run bench: runs the TypeScript simulator benchmark (bench/sim.bench-run.test.ts) through Vitest
// in a forked worker started with --expose-gc, and prints its figures.
import { run } from './run.mjs';

const code = await run('npx', ['vitest', 'run', '--config', 'bench/vitest.bench.config.ts', '--silent=false', ...process.argv.slice(2)]);
process.exit(code);

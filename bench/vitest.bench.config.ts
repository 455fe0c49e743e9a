import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// The simulator benchmark (npm run bench): one forked worker with --expose-gc so the heap figure
// is measured after a full collection. It prints figures and never asserts timings.
export default defineConfig({
  root: fileURLToPath(new URL('..', import.meta.url)),
  test: {
    include: ['bench/**/*.bench-run.test.ts'],
    environment: 'node',
    pool: 'forks',
    execArgv: ['--expose-gc'],
    testTimeout: 600_000,
    fileParallelism: false,
  },
});

// `npm test`: type check, lint, unit tests, end-to-end tests. Stops at the first failing stage
// and exits non-zero, so CI fails when any test fails.
import { run } from './run.mjs';

const stages = [
  ['Type check', 'npx', ['tsc', '-b', '--pretty', 'false']],
  ['Lint', 'npx', ['eslint', '.', '--max-warnings', '0']],
  ['Unit tests', 'npx', ['vitest', 'run']],
  ['End-to-end tests', 'node', ['scripts/e2e.mjs']],
];

const started = Date.now();
for (const [name, cmd, args] of stages) {
  console.log(`\n=== ${name}: ${cmd} ${args.join(' ')}`);
  const t = Date.now();
  const code = await run(cmd, args);
  if (code !== 0) {
    console.error(`\n${name} failed (exit code ${code}).`);
    process.exit(code);
  }
  console.log(`=== ${name} passed in ${((Date.now() - t) / 1000).toFixed(1)} s`);
}
console.log(`\nAll tests passed in ${((Date.now() - started) / 1000).toFixed(1)} s.`);

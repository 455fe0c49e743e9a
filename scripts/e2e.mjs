// Runs the Playwright suite with a Chromium found (or fetched) by find-chromium.mjs.
// Extra arguments go to `playwright test` (e.g. `npm run test:e2e -- e2e/lesson.spec.ts`).
import { ensureChromium } from './find-chromium.mjs';
import { run } from './run.mjs';

let chromium;
try {
  chromium = await ensureChromium();
} catch (e) {
  console.error(e.message);
  process.exit(1);
}
console.log(`End-to-end tests use Chromium at ${chromium}`);
const args = process.argv.slice(2);
// The perf project prints figures and is never part of pass/fail: run it with `npm run perf`.
if (!args.some((a) => a.startsWith('--project'))) args.push('--project=chromium');
const code = await run('npx', ['playwright', 'test', ...args], {
  env: { ...process.env, STREAMLAB_CHROMIUM: chromium },
});
process.exit(code);

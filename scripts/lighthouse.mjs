// Lighthouse mobile performance of the built site (dist/): the home page and one lesson.
// Prints figures, asserts nothing (machines are noisy). Part of `npm run bench`; build first.
// Each page is measured STREAMLAB_LH_RUNS times (3 by default) and the run with the median score
// is printed, since one run on a busy machine can be far off.
// Uses the `lighthouse` package's default (mobile) settings: a Moto G Power-sized screen, 4x CPU
// slow-down and simulated slow 4G, with the Chromium that the end-to-end tests use.
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';
import { loadavg } from 'node:os';
import { preview } from 'vite';
import { ensureChromium } from './find-chromium.mjs';

/** The pages measured: the home page and the lesson with the heaviest interactive above the fold. */
export const PAGES = [
  ['home page', ''],
  ['lesson "Kafka\'s mental model"', '#/learn/kafka-mental-model'],
];

const RUNS = Math.max(1, Number(process.env.STREAMLAB_LH_RUNS) || 3);
const chromePath = await ensureChromium();
const server = await preview({ preview: { port: 0, host: '127.0.0.1', strictPort: false, open: false }, logLevel: 'error' });
const base = server.resolvedUrls?.local?.[0];
const chrome = await chromeLauncher.launch({ chromePath, chromeFlags: ['--headless=new', '--no-sandbox', '--disable-gpu'] });
const ms = (v) => (v === undefined ? 'n/a' : `${(v / 1000).toFixed(2)} s`);
try {
  console.log(`\n== Lighthouse, mobile (performance); load average ${loadavg()[0].toFixed(1)} on this machine ==`);
  for (const [name, hash] of PAGES) {
    const runs = [];
    for (let i = 0; i < RUNS; i++) {
      const result = await lighthouse(`${base}${hash}`, { port: chrome.port, onlyCategories: ['performance'], logLevel: 'error', output: 'json' });
      if (!result?.lhr) throw new Error(`Lighthouse returned no result for ${name}`);
      runs.push(result.lhr);
    }
    runs.sort((x, y) => (x.categories.performance?.score ?? 0) - (y.categories.performance?.score ?? 0));
    const lhr = runs[Math.floor(runs.length / 2)];
    const a = lhr.audits;
    const score = lhr.categories.performance?.score;
    const all = runs.map((r) => r.categories.performance?.score?.toFixed(2) ?? 'n/a').join(', ');
    console.log(
      `  ${name.padEnd(34)} score ${score === null || score === undefined ? 'n/a' : score.toFixed(2)} (runs: ${all})` +
        `   FCP ${ms(a['first-contentful-paint']?.numericValue)}   LCP ${ms(a['largest-contentful-paint']?.numericValue)}` +
        `   TBT ${Math.round(a['total-blocking-time']?.numericValue ?? 0)} ms   CLS ${(a['cumulative-layout-shift']?.numericValue ?? 0).toFixed(3)}`,
    );
    if (lhr.runtimeError) console.log(`    runtime error: ${lhr.runtimeError.message}`);
  }
} finally {
  await chrome.kill();
  await new Promise((r) => server.httpServer.close(r));
}

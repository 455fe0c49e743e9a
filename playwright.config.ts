import { defineConfig, devices } from '@playwright/test';

// Playwright cannot download its own browsers on every machine; scripts/e2e.mjs finds a Chromium
// and passes it in STREAMLAB_CHROMIUM. Debian's real binary is the fallback when run directly.
const executablePath = process.env.STREAMLAB_CHROMIUM || '/usr/lib/chromium/chromium';
// Not 4173, so a running `npm start` does not block the tests.
const PORT = Number(process.env.STREAMLAB_E2E_PORT) || 4174;

export default defineConfig({
  testDir: './e2e',
  outputDir: './test-results',
  fullyParallel: true,
  workers: process.env.CI ? 2 : undefined,
  retries: process.env.CI ? 1 : 0,
  reporter: [['list']],
  timeout: 60_000,
  expect: { timeout: 10_000 },
  use: {
    baseURL: `http://127.0.0.1:${PORT}/`,
    launchOptions: { executablePath },
    trace: 'retain-on-failure',
    // Only e2e/offline.spec.ts lets the offline copy (service worker) install; elsewhere it would
    // precache the whole module in every test for nothing.
    serviceWorkers: 'block',
  },
  projects: [
    { name: 'chromium', use: { ...devices['Desktop Chrome'], viewport: { width: 1280, height: 720 } }, testIgnore: /perf\..*\.ts/ },
    // Performance figures are printed, never asserted: run with `npm run perf`.
    { name: 'perf', use: { ...devices['Desktop Chrome'], viewport: { width: 1280, height: 720 } }, testMatch: /perf\..*\.ts/ },
  ],
  webServer: {
    // The same server as `npm start` (with its Content-Security-Policy header).
    command: `npx vite build && node scripts/serve.mjs --port ${PORT} --strict-port --host 127.0.0.1`,
    url: `http://127.0.0.1:${PORT}/`,
    reuseExistingServer: false,
    timeout: 180_000,
    stdout: 'ignore',
    stderr: 'pipe',
  },
});

import type { Page } from '@playwright/test';
import { cpSync, mkdtempSync, appendFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, shot } from './fixtures';
import { answerByClicking, loadQuizItems } from './support/quiz';
import { fromDir, serveStatic } from './support/static-server';

// The installable, offline module (vite-plugin-pwa + Workbox). The built site (dist/, from the
// web server step) is served from a sub-path by a plain static server, as a course site would.
// The rest of the suite blocks service workers (playwright.config.ts); these tests allow them.
// Laptop size (1366x768), where the toasts' screenshots are taken.
test.use({ serviceWorkers: 'allow', viewport: { width: 1366, height: 768 } });

const PREFIX = '/courses/streamlab/';
const lab = JSON.parse(readFileSync('content/labs/lab-3-1/lab.json', 'utf8')) as { steps: { id: string; cell: string; checks: string[] }[] };

/** Waits until the service worker has cached every file and says so. */
async function waitUntilOfflineReady(page: Page): Promise<void> {
  await expect(page.getByRole('status').filter({ hasText: 'now work offline' })).toBeVisible({ timeout: 90_000 });
  expect(await page.evaluate(async () => (await navigator.serviceWorker.ready).active?.state)).toBe('activated');
}

/** Every request the page makes that fails or gets an error status. */
function failures(page: Page): string[] {
  const failed: string[] = [];
  page.on('requestfailed', (r) => failed.push(`failed ${r.url()} ${r.failure()?.errorText ?? ''}`));
  page.on('response', (r) => {
    if (r.status() >= 400) failed.push(`${r.status()} ${r.url()}`);
  });
  return failed;
}

test('after one visit the module works offline: a lesson, the playground and the quiz', async ({ page, context }) => {
  test.setTimeout(240_000);
  const site = await serveStatic({ [PREFIX]: fromDir(join(process.cwd(), 'dist')) });
  try {
    const failed = failures(page);
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${site.origin}${PREFIX}`);
    await expect(page.getByRole('heading', { level: 1 })).toContainText(/Kafka/);
    await waitUntilOfflineReady(page);
    await shot(page, 'offline-ready');

    await context.setOffline(true);
    await page.reload();
    await expect(page.getByRole('heading', { level: 1 })).toContainText(/Kafka/);

    // a lesson with its interactive
    await page.getByRole('navigation', { name: 'Module sections' }).getByRole('link', { name: /Kafka's mental model/ }).click();
    await expect(page.locator('.lesson__body p').first()).toBeVisible();
    const viz = page.locator('[data-interactive-frame="partition-visualiser"]').first();
    await viz.scrollIntoViewIfNeeded();
    await expect(viz.locator('[data-visualiser]')).toBeVisible();
    await page.getByRole('checkbox', { name: 'I have finished this section' }).check();

    // the playground: the simulator runs
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Playground' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Playground');
    await page.locator('[data-control="run.play"]').click();
    await page.locator('[data-control="run.fast-forward"]').click();
    await expect(page.locator('[data-viz-log]')).toContainText('rebalance done');

    // the quiz: start an attempt and have an answer graded
    const items = loadQuizItems();
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Quiz' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Check what you have learned' })).toBeVisible();
    await page.getByRole('button', { name: 'Start a new attempt' }).click();
    const card = page.locator('article.quiz-q');
    const item = items.get((await card.getAttribute('data-item-id'))!)!;
    await answerByClicking(card, item, true);
    await expect(card.locator('.quiz-feedback__verdict')).toContainText('Correct');

    // still offline, a reload keeps the progress made offline
    await page.goto(`${site.origin}${PREFIX}`);
    await expect(page.locator('.toc__progress')).toContainText('1 of');

    expect(failed, 'requests that failed while offline').toEqual([]);
    expect(errors).toEqual([]);
  } finally {
    await context.setOffline(false);
    await site.close();
  }
});

test('a new deployment shows "update available"; updating keeps the learner\'s progress', async ({ page }) => {
  test.setTimeout(180_000);
  // A copy of the build that can be "redeployed": any change to sw.js is a new version to the browser.
  const root = mkdtempSync(join(tmpdir(), 'streamlab-deploy-'));
  cpSync(join(process.cwd(), 'dist'), root, { recursive: true });
  const site = await serveStatic({ [PREFIX]: fromDir(root) });
  try {
    await page.goto(`${site.origin}${PREFIX}#/learn/before-after`);
    await page.getByRole('checkbox', { name: 'I have finished this section' }).check();
    await waitUntilOfflineReady(page);

    appendFileSync(join(root, 'sw.js'), '\n// redeployed\n');
    await page.reload();
    const notice = page.getByRole('status').filter({ hasText: 'A new version of Streamlab is available' });
    await expect(notice).toBeVisible({ timeout: 90_000 });
    await expect(page.getByRole('checkbox', { name: 'I have finished this section' })).toBeChecked();
    await shot(page, 'update-available');

    await notice.getByRole('button', { name: 'Update now' }).click();
    await page.waitForEvent('load');
    await expect(page.getByRole('checkbox', { name: 'I have finished this section' })).toBeChecked();
    await expect(page.getByRole('status').filter({ hasText: 'A new version' })).toHaveCount(0);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Module' }).click();
    await expect(page.locator('.toc__progress')).toContainText('1 of');
  } finally {
    await site.close();
  }
});

// KNOWN GAP (found on 2026-11-30 after rebasing onto the lab's sandbox, commit "lab: learner code
// runs in an opaque-origin sandboxed iframe"): offline, the lab's sandbox frame
// (public/lab-sandbox.html, embedded with sandbox="allow-scripts") does not load, so a lab run
// reports "The sandbox that runs your code did not start within 15 seconds". Chromium does not
// appear to let the service worker answer an opaque-origin frame's navigation (not yet confirmed).
// Kept here, skipped, so that
// whoever fixes it (e.g. the page fetching the precached document for the frame) turns it on.
test.fixme('after one visit a lab run works offline', async ({ page, context }) => {
  test.setTimeout(240_000);
  const site = await serveStatic({ [PREFIX]: fromDir(join(process.cwd(), 'dist')) });
  try {
    await page.goto(`${site.origin}${PREFIX}`);
    await waitUntilOfflineReady(page);
    await context.setOffline(true);
    await page.reload();
    // the lab: the first step's solution runs in the sandbox and passes its checks
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Lab' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toContainText('Lab 3.1');
    const step = lab.steps[0]!;
    await page.getByRole('textbox', { name: /^Code:/ }).fill(readFileSync(`content/labs/lab-3-1/kit/src/${step.cell}.ts`, 'utf8'));
    await page.getByRole('button', { name: /^Run step 1/ }).click();
    await expect(page.getByText(`✓ All ${step.checks.length} checks passed.`)).toBeVisible({ timeout: 60_000 });

  } finally {
    await context.setOffline(false);
    await site.close();
  }
});

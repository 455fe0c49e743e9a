/// <reference lib="dom" />
import type { Browser, FrameLocator, Page } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { unzipSync, strFromU8 } from 'fflate';
import { JSDOM } from 'jsdom';
import { manifestProblems } from '../vite-plugins/lms/check.ts';
import { expect, test, shot } from './fixtures';
import { answerByClicking, loadQuizItems } from './support/quiz';
import { fromFiles, serveStatic, type Lookup } from './support/static-server';

// The LMS packages in a real browser, with scorm-again (a maintained SCORM 1.2 / 2004 run-time)
// playing the LMS: a host page creates the API object, opens the package's launch page in a frame,
// and the test reads what the run-time recorded. The packages are built here (npm run package),
// so this file runs its tests one after another in one worker.
test.describe.configure({ mode: 'serial' });

type Target = 'scorm12' | 'scorm2004';
const VERSION: Record<Target, '1.2' | '2004'> = { scorm12: '1.2', scorm2004: '2004' };
const PASS_MARK = 0.8;
const sections = (readFileSync('content/manifest.yaml', 'utf8').match(/^sections:\n((?:\s+- .+\n)+)/m)?.[1] ?? '').split('\n').map((l) => l.replace(/^\s+- /, '').trim()).filter(Boolean);
const items = loadQuizItems();

const packages = {} as Record<Target, Record<string, Uint8Array>>;
let site: Awaited<ReturnType<typeof serveStatic>>;

// The "LMS": loads scorm-again, creates the API the package looks for, preloads the learner's
// record (learner id, suspend_data from an earlier session), and launches the package in a frame.
const PLAYER = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Test LMS</title>
<script src="scorm12.js"></script><script src="scorm2004.js"></script></head>
<body><h1>Test LMS</h1><iframe id="sco" title="Course content" style="width:100%;height:680px;border:0"></iframe>
<script>
  const cfg = JSON.parse(decodeURIComponent(location.hash.slice(1)));
  window.lmsLog = [];
  let api;
  if (cfg.broken) {
    // an LMS that accepts the launch and then refuses everything
    api = { LMSInitialize: () => 'true', LMSGetValue: () => '', LMSSetValue: () => 'false', LMSCommit: () => 'false', LMSFinish: () => 'false',
            LMSGetLastError: () => '101', LMSGetErrorString: () => 'General exception', LMSGetDiagnostic: () => '' };
    for (const k of Object.keys(api)) { const f = api[k]; api[k] = (...a) => { window.lmsLog.push(k); return f(...a); }; }
  } else {
    api = cfg.version === '1.2' ? new Scorm12API({ logLevel: 5 }) : new Scorm2004API({ logLevel: 5 });
    api.loadFromFlattenedJSON(cfg.cmi);
    for (const ev of ['LMSInitialize', 'LMSCommit', 'LMSFinish', 'Initialize', 'Commit', 'Terminate']) api.on(ev, () => window.lmsLog.push(ev));
  }
  window[cfg.version === '1.2' ? 'API' : 'API_1484_11'] = api;
  document.getElementById('sco').src = cfg.launch;
</script></body></html>`;

test.beforeAll(async ({ browserName: _browser }, info) => {
  info.setTimeout(900_000);
  execFileSync('node', ['scripts/package.mjs'], { stdio: 'inherit', env: { ...process.env, STREAMLAB_PASS_MARK: String(PASS_MARK) } });
  for (const t of ['scorm12', 'scorm2004'] as const) packages[t] = unzipSync(readFileSync(`dist-packages/streamlab-${t}.zip`));
  const dist = join(process.cwd(), 'node_modules/scorm-again/dist');
  const lms: Lookup = (path) => (path === 'player.html' ? PLAYER : path === 'scorm12.js' ? readFileSync(join(dist, 'scorm12.min.js')) : path === 'scorm2004.js' ? readFileSync(join(dist, 'scorm2004.min.js')) : null);
  site = await serveStatic({ '/lms/': lms, '/content/scorm12/': fromFiles(packages.scorm12), '/content/scorm2004/': fromFiles(packages.scorm2004) });
});

test.afterAll(async () => {
  await site?.close();
});

/** Opens the test LMS on a fresh page and launches the package; returns the course frame. */
async function launch(page: Page, target: Target, cmi: Record<string, string>, extra: Record<string, unknown> = {}): Promise<FrameLocator> {
  const cfg = { version: VERSION[target], cmi, launch: `/content/${target}/index.html`, ...extra };
  // a real page load even when only the hash differs from the last launch
  await page.goto('about:blank');
  await page.goto(`${site.origin}/lms/player.html#${encodeURIComponent(JSON.stringify(cfg))}`);
  const app = page.frameLocator('#sco');
  await expect(app.getByRole('heading', { level: 1 })).toBeVisible();
  return app;
}

/** What the run-time recorded, as flattened CMI (element -> value). */
const recorded = (page: Page, target: Target) =>
  page.evaluate((name) => (window as unknown as Record<string, { getFlattenedCMI(): Record<string, string> }>)[name]!.getFlattenedCMI(), target === 'scorm12' ? 'API' : 'API_1484_11');

/** Completes the first `n` sections as a learner does: open the first, then Next (which marks it done). */
async function completeSections(app: FrameLocator, n: number): Promise<void> {
  await app.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Module' }).click();
  await app.getByRole('navigation', { name: 'Module sections' }).getByRole('link').first().click();
  for (let i = 0; i < n; i++) {
    await expect(app.locator('.lesson__header .eyebrow')).toContainText(`Section ${i + 1} of ${sections.length}`);
    if (i < n - 1) await app.locator('a[rel="next"]').click();
    else await app.getByRole('checkbox', { name: 'I have finished this section' }).check();
  }
}

/** Takes a whole quiz attempt, answering `right` of the questions right (in the order asked). */
async function takeQuiz(app: FrameLocator, right: (index: number) => boolean): Promise<void> {
  await app.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Quiz' }).click();
  await app.getByRole('button', { name: 'Start a new attempt' }).click();
  for (let q = 0; q < items.size; q++) {
    const card = app.locator('article.quiz-q');
    await expect(card.locator('.quiz-q__meta')).toContainText(`Question ${q + 1} of ${items.size}`);
    await answerByClicking(card, items.get((await card.getAttribute('data-item-id'))!)!, right(q));
    if (q < items.size - 1) await app.getByRole('button', { name: 'Next question →' }).click();
  }
  await app.getByRole('button', { name: 'Finish and see my score' }).click();
  await expect(app.getByRole('heading', { level: 1, name: 'Your score' })).toBeVisible();
}

/** Ends the session as an LMS does when the learner leaves: the course frame unloads. */
async function closeCourse(page: Page): Promise<void> {
  await page.evaluate(() => {
    (document.getElementById('sco') as HTMLIFrameElement).src = 'about:blank';
  });
}

async function newPage(browser: Browser): Promise<Page> {
  return (await browser.newContext({ viewport: { width: 1280, height: 800 }, serviceWorkers: 'block' })).newPage();
}

test('both packages: manifest at the root, every file listed, launch page present, pass mark set', async () => {
  const parser = new new JSDOM('').window.DOMParser();
  for (const target of ['scorm12', 'scorm2004'] as const) {
    const entries = Object.keys(packages[target]);
    expect(entries).toContain('imsmanifest.xml');
    expect(entries).toContain('index.html');
    expect(entries.some((e) => /^assets\/index-.+\.js$/.test(e))).toBe(true);
    expect(entries.filter((e) => /sw\.js$|manifest\.webmanifest$/.test(e)), 'no service worker in an LMS package').toEqual([]);
    const doc = parser.parseFromString(strFromU8(packages[target]['imsmanifest.xml']!), 'application/xml');
    expect(manifestProblems(doc, entries, { version: VERSION[target], passMark: PASS_MARK })).toEqual([]);
  }
});

test('SCORM 1.2: sections and a passed quiz are recorded; a relaunch with the recorded suspend_data brings the progress back', async ({ page, browser }) => {
  test.setTimeout(420_000);
  const app = await launch(page, 'scorm12', { 'cmi.core.student_id': 'learner-12', 'cmi.core.student_name': 'Ada, Learner', 'cmi.core.entry': 'ab-initio' });
  await completeSections(app, sections.length);
  await expect.poll(async () => (await recorded(page, 'scorm12'))['cmi.core.lesson_status']).toBe('completed');
  await takeQuiz(app, () => true);
  await expect.poll(async () => (await recorded(page, 'scorm12'))['cmi.core.lesson_status']).toBe('passed');
  // an LMS package never claims that nothing is sent anywhere
  await expect(app.getByText('Your best score is also reported to your course system.')).toBeVisible();
  await expect(app.getByText(/nothing (is )?sent anywhere/i)).toHaveCount(0);
  await shot(page, 'scorm12-in-lms');
  await closeCourse(page);
  await expect.poll(() => page.evaluate(() => (window as unknown as { lmsLog: string[] }).lmsLog)).toContain('LMSFinish');

  const cmi = await recorded(page, 'scorm12');
  expect(cmi['cmi.core.lesson_status']).toBe('passed');
  expect(cmi['cmi.core.score.raw']).toBe('100');
  expect(cmi['cmi.core.score.min']).toBe('0');
  expect(cmi['cmi.core.score.max']).toBe('100');
  expect(cmi['cmi.core.exit']).toBe('suspend');
  expect(cmi['cmi.core.session_time']).toMatch(/^\d{2,4}:\d{2}:\d{2}(\.\d{1,2})?$/);
  expect(cmi['cmi.core.lesson_location']).toBe(sections.at(-1));
  sections.forEach((id, n) => {
    expect(cmi[`cmi.objectives.${n}.id`]).toBe(id);
    expect(cmi[`cmi.objectives.${n}.status`]).toBe('completed');
  });
  const suspend = cmi['cmi.suspend_data']!;
  expect(suspend.length).toBeGreaterThan(0);
  expect(suspend.length).toBeLessThanOrEqual(4096);

  // A relaunch on another computer (a fresh browser, nothing stored): the LMS hands back suspend_data.
  const again = await newPage(browser);
  const app2 = await launch(again, 'scorm12', { 'cmi.core.student_id': 'learner-12', 'cmi.core.entry': 'resume', 'cmi.suspend_data': suspend, 'cmi.core.lesson_status': 'passed' });
  await expect(app2.locator('.toc__progress')).toContainText(`${sections.length} of ${sections.length} sections completed`);
  await app2.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Quiz' }).click();
  await expect(app2.locator('dt', { hasText: 'Best score' }).locator('xpath=following-sibling::dd[1]')).toHaveText('100%');
  await expect.poll(async () => (await recorded(again, 'scorm12'))['cmi.core.lesson_status']).toBe('passed');
  expect((await recorded(again, 'scorm12'))['cmi.core.score.raw']).toBe('100');
  await again.context().close();
});

test('SCORM 2004: progress measure, incomplete, failed and the scaled score are recorded; a relaunch restores progress', async ({ page, browser }) => {
  test.setTimeout(420_000);
  const app = await launch(page, 'scorm2004', { 'cmi.learner_id': 'learner-2004', 'cmi.learner_name': 'Lin, Learner', 'cmi.entry': 'ab-initio' });
  await completeSections(app, 3);
  // every third question right: a failing score
  await takeQuiz(app, (q) => q % 3 === 0);
  // wrong answers can still earn partial credit, so the expected score is the one the quiz shows
  const shown = (await app.getByText(/ of \d+ points;/).textContent())!.match(/([\d.]+) of (\d+) points/)!;
  const share = Number(shown[1]) / Number(shown[2]);
  expect(share).toBeLessThan(PASS_MARK);
  await expect.poll(async () => (await recorded(page, 'scorm2004'))['cmi.success_status']).toBe('failed');
  await closeCourse(page);
  await expect.poll(() => page.evaluate(() => (window as unknown as { lmsLog: string[] }).lmsLog)).toContain('Terminate');

  const cmi = await recorded(page, 'scorm2004');
  expect(cmi['cmi.completion_status']).toBe('incomplete');
  expect(Number(cmi['cmi.progress_measure'])).toBeCloseTo(3 / sections.length, 3);
  // the quiz keeps percentages to one decimal (src/quiz/engine.ts scoreAttempt)
  expect(Number(cmi['cmi.score.scaled'])).toBeCloseTo(Math.round(share * 1000) / 1000, 4);
  expect(Number(cmi['cmi.score.raw'])).toBeCloseTo(Math.round(share * 1000) / 10, 2);
  expect(cmi['cmi.exit']).toBe('suspend');
  expect(cmi['cmi.session_time']).toMatch(/^PT/);
  expect(cmi['cmi.objectives.2.completion_status']).toBe('completed');
  expect(cmi['cmi.objectives.3.completion_status']).toBe('not attempted');
  const suspend = cmi['cmi.suspend_data']!;
  expect(suspend.length).toBeLessThanOrEqual(4096);

  const again = await newPage(browser);
  const app2 = await launch(again, 'scorm2004', { 'cmi.learner_id': 'learner-2004', 'cmi.entry': 'resume', 'cmi.suspend_data': suspend });
  await expect(app2.locator('.toc__progress')).toContainText(`3 of ${sections.length} sections completed`);
  await expect.poll(async () => (await recorded(again, 'scorm2004'))['cmi.success_status']).toBe('failed');
  expect(Number((await recorded(again, 'scorm2004'))['cmi.progress_measure'])).toBeCloseTo(3 / sections.length, 3);
  await again.context().close();
});

test('no LMS: the package runs on local storage with one notice and keeps progress', async ({ page }) => {
  await page.setViewportSize({ width: 1366, height: 768 });
  await page.goto(`${site.origin}/content/scorm12/index.html`);
  const notice = page.getByRole('alert').filter({ hasText: 'could not find your course system' });
  await expect(notice).toHaveCount(1);
  await shot(page, 'scorm-no-lms');
  await page.getByRole('navigation', { name: 'Module sections' }).getByRole('link').first().click();
  await page.getByRole('checkbox', { name: 'I have finished this section' }).check();
  await page.reload();
  await expect(page.getByRole('checkbox', { name: 'I have finished this section' })).toBeChecked();
  await expect(page.getByRole('alert').filter({ hasText: 'could not find your course system' })).toHaveCount(1);
});

test('an LMS that refuses every value: one notice, progress kept in the browser', async ({ page }) => {
  await page.setViewportSize({ width: 1366, height: 768 });
  const app = await launch(page, 'scorm12', {}, { broken: true });
  await app.getByRole('navigation', { name: 'Module sections' }).getByRole('link').first().click();
  await app.getByRole('checkbox', { name: 'I have finished this section' }).check();
  await app.locator('a[rel="next"]').click();
  await app.getByRole('checkbox', { name: 'I have finished this section' }).check();
  const notice = app.getByRole('alert').filter({ hasText: 'stopped recording' });
  await expect(notice).toHaveCount(1);
  await expect(notice).toContainText('error 101: General exception');
  await notice.scrollIntoViewIfNeeded();
  await shot(page, 'scorm-lms-refuses');
  // after the first failure the module stops calling the LMS, so the learner sees one message
  const calls = await page.evaluate(() => (window as unknown as { lmsLog: string[] }).lmsLog.length);
  await app.getByRole('checkbox', { name: 'I have finished this section' }).uncheck();
  await page.waitForTimeout(1000);
  expect(await page.evaluate(() => (window as unknown as { lmsLog: string[] }).lmsLog.length)).toBe(calls);
  // the browser kept every change: section 1 done, section 2 undone again
  await page.reload();
  await expect(page.frameLocator('#sco').locator('.toc__progress')).toContainText(`1 of ${sections.length} sections completed`);
});

test('a session the LMS ends unexpectedly: one notice; what the learner does next reaches the LMS at the next launch', async ({ page }) => {
  const app = await launch(page, 'scorm2004', { 'cmi.learner_id': 'learner-cut', 'cmi.entry': 'ab-initio' });
  await completeSections(app, 1);
  await expect.poll(async () => (await recorded(page, 'scorm2004'))['cmi.objectives.0.completion_status']).toBe('completed');
  const before = (await recorded(page, 'scorm2004'))['cmi.suspend_data']!;
  // the LMS side ends the session (a timeout, a second window): the course is not told
  await page.evaluate(() => (window as unknown as { API_1484_11: { Terminate(a: string): string } }).API_1484_11.Terminate(''));
  await app.locator('a[rel="next"]').click();
  await expect(app.getByRole('alert').filter({ hasText: 'stopped recording' })).toHaveCount(1);
  await app.locator('a[rel="next"]').click();
  await expect(app.locator('.lesson__header .eyebrow')).toContainText('Section 3');
  await expect(app.getByRole('alert').filter({ hasText: 'stopped recording' })).toHaveCount(1);

  // Next launch, same browser: the LMS still has the old record; the browser kept the rest.
  const app2 = await launch(page, 'scorm2004', { 'cmi.learner_id': 'learner-cut', 'cmi.entry': 'resume', 'cmi.suspend_data': before });
  await expect(app2.locator('.toc__progress')).toContainText(`2 of ${sections.length} sections completed`);
  await expect.poll(async () => (await recorded(page, 'scorm2004'))['cmi.objectives.1.completion_status']).toBe('completed');
  await expect(app2.getByRole('alert').filter({ hasText: 'stopped recording' })).toHaveCount(0);
});

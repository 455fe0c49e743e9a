/// <reference lib="dom" />
import type { Page } from '@playwright/test';
import { expect, shot, test } from './fixtures';

// Saved progress survives a full storage quota and a second tab.

const finished = (page: Page) => page.getByRole('checkbox', { name: 'I have finished this section' });
const editor = (page: Page) => page.getByRole('textbox', { name: /^Code:/ });
/** The code in the lab's editor (a text area, or a CodeMirror view's lines). */
const code = (page: Page) =>
  editor(page).evaluate((el) => (el instanceof HTMLTextAreaElement ? el.value : [...el.querySelectorAll('.cm-line')].map((l) => l.textContent ?? '').join('\n')).trim());
const stepButton = (page: Page, n: number) => page.getByRole('navigation', { name: 'Lab steps' }).getByRole('button').nth(n);
const firstSections = async (page: Page) => {
  await page.goto('./');
  const hrefs = await page.getByRole('navigation', { name: 'Module sections' }).getByRole('link').evaluateAll((as) => as.map((a) => a.getAttribute('href') ?? '').filter((h) => h.includes('/learn/')));
  return hrefs.slice(0, 3);
};

/** Fills this origin's localStorage until not even one more character fits. Returns the keys it added. */
const fillQuota = (page: Page) =>
  page.evaluate(() => {
    const keys: string[] = [];
    let chunk = 1 << 20;
    while (chunk >= 1) {
      const key = `filler-${keys.length}`;
      try {
        localStorage.setItem(key, 'x'.repeat(chunk));
        keys.push(key);
      } catch {
        chunk = Math.floor(chunk / 2);
      }
    }
    return keys;
  });

test('a full quota still loads saved progress; a failed save is reported with what to do, and saved once there is room', async ({ page }) => {
  test.setTimeout(120_000);
  const [s1, s2] = await firstSections(page);
  await page.goto(s1!);
  await finished(page).check();
  const fillers = await fillQuota(page);
  expect(fillers.length).toBeGreaterThan(0);
  expect(await page.evaluate(() => {
    try {
      localStorage.setItem('one-more', 'x');
      return 'stored';
    } catch {
      return 'full';
    }
  })).toBe('full');

  // Reloading with the quota full: the saved progress is there.
  await page.reload();
  await expect(finished(page)).toBeChecked();

  // Progress made now cannot be saved: the learner is told, with what to do.
  await page.goto(s2!);
  await finished(page).check();
  const alert = page.getByRole('alert').filter({ hasText: 'could not save your progress' });
  await expect(alert).toBeVisible();
  await expect(alert).toContainText('keep it open');
  await expect(alert).toContainText('Free some space');
  await shot(page, 'storage-full-notice');
  // The message waits at the bottom of the window; the page has room for it, so the end of the
  // page (next/previous, the footer) can still be scrolled into view above it.
  await expect
    .poll(async () => {
      await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
      const footer = await page.locator('.site-footer').boundingBox();
      const notices = await page.locator('.notices').boundingBox();
      return footer && notices ? notices.y - (footer.y + footer.height) : -1;
    })
    .toBeGreaterThanOrEqual(0);

  // Room is made; "Try saving again" saves, and the message goes.
  await page.evaluate((keys) => keys.forEach((k) => localStorage.removeItem(k)), fillers);
  await alert.getByRole('button', { name: 'Try saving again' }).click();
  await expect(alert).toHaveCount(0);
  await page.reload();
  await expect(finished(page)).toBeChecked();
  await page.goto(s1!);
  await expect(finished(page)).toBeChecked();
});

test('two tabs of one browser merge their progress: completed sections are a union, each lab cell keeps its latest edit', async ({ context }) => {
  test.setTimeout(120_000);
  const one = await context.newPage();
  const two = await context.newPage();
  const [s1, s2] = await firstSections(one);
  // Both tabs are open before either changes anything.
  await one.goto(s1!);
  await two.goto(s2!);
  await expect(finished(one)).not.toBeChecked();
  await expect(finished(two)).not.toBeChecked();
  await finished(one).check();
  await finished(two).check();

  await one.goto('./#/labs/lab-3-1');
  await two.goto('./#/labs/lab-3-1');
  await stepButton(one, 0).click();
  await editor(one).fill('// step 1 from tab one\n');
  await stepButton(two, 1).click();
  await editor(two).fill('// step 2 from tab two\n');
  // The same cell edited in both: the later edit is kept, in both tabs.
  await stepButton(two, 0).click();
  await expect.poll(() => code(two)).toBe('// step 1 from tab one');
  await editor(two).fill('// step 1, edited later in tab two\n');
  await expect.poll(() => code(one)).toBe('// step 1, edited later in tab two');

  // A third tab (and a reload) sees everything both tabs did.
  const three = await context.newPage();
  await three.goto(s1!);
  await expect(finished(three)).toBeChecked();
  await three.goto(s2!);
  await expect(finished(three)).toBeChecked();
  await three.goto('./#/labs/lab-3-1');
  await stepButton(three, 0).click();
  await expect.poll(() => code(three)).toBe('// step 1, edited later in tab two');
  await stepButton(three, 1).click();
  await expect.poll(() => code(three)).toBe('// step 2 from tab two');
  await one.reload();
  await one.goto(s2!);
  await expect(finished(one)).toBeChecked();
});

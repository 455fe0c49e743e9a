import { readdirSync, existsSync } from 'node:fs';
import { expect, test, expectNoAxeViolations } from './fixtures';

// Every interactive has a page of its own (#/try/<id>); together with the lesson, quiz, lab and
// playground specs this puts every route of the app under an axe scan.
const interactiveIds = readdirSync('src/interactives', { withFileTypes: true })
  .filter((d) => d.isDirectory() && existsSync(`src/interactives/${d.name}/meta.ts`))
  .map((d) => d.name);

test('every interactive page loads without errors and passes axe', async ({ page }) => {
  test.setTimeout(120_000);
  expect(interactiveIds.length).toBeGreaterThanOrEqual(7);
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  for (const id of interactiveIds) {
    await page.goto(`./#/try/${id}`);
    await page.reload();
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    await expect(page.getByRole('heading', { level: 1 })).not.toHaveText(/could not find/);
    await page.waitForLoadState('networkidle');
    await expectNoAxeViolations(page, `#/try/${id}`);
  }
  expect(errors).toEqual([]);
});

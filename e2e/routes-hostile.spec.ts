import { expect, test } from './fixtures';
import { readFileSync } from 'node:fs';

// Names that exist on every plain object's prototype chain. A route that looks a URL segment up
// in a plain object finds a function there instead of "nothing" and crashes; every route must
// treat them as the unknown ids they are.
const HOSTILE_IDS = ['constructor', '__proto__', 'toString', 'hasOwnProperty'];

// Every route that takes an id, read from the route table itself so that a route added later is
// covered without editing this file.
const routeSource = readFileSync('src/routes.tsx', 'utf8');
const idRoutes = [...routeSource.matchAll(/path:\s*'([^']*:[^']*)'/g)].map((m) => m[1]!);
// Lookups by query parameter (an id that names a scenario or a saved attempt).
const queryLookups = ['/try/partition-visualiser?scenario=', '/playground?scenario=', '/quiz/review?attempt=', '/quiz?seed='];

test('the route table has routes that take ids', () => {
  expect(idRoutes).toEqual(expect.arrayContaining(['learn/:sectionId', 'try/:interactiveId', 'labs/:labId']));
});

for (const route of idRoutes) {
  test(`#/${route} treats prototype names as unknown ids`, async ({ page }) => {
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    for (const id of HOSTILE_IDS) {
      const path = route.replace(/:[A-Za-z]+/g, encodeURIComponent(id));
      await page.goto(`./#/${path}`);
      const h1 = page.getByRole('heading', { level: 1 });
      await expect(h1, `#/${path}`).toBeVisible();
      await expect(h1, `#/${path}`).toHaveText(/not found|could not find/i);
      await expect(page.getByText(/Unexpected Application Error|stopped working/), `#/${path}`).toHaveCount(0);
    }
    expect(errors).toEqual([]);
  });
}

test('query parameters that name an id treat prototype names as unknown', async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  for (const prefix of queryLookups) {
    for (const id of HOSTILE_IDS) {
      await page.goto(`./#${prefix}${encodeURIComponent(id)}`);
      await expect(page.getByRole('heading', { level: 1 }), `${prefix}${id}`).toBeVisible();
      await expect(page.getByText(/Unexpected Application Error|stopped working/), `${prefix}${id}`).toHaveCount(0);
    }
  }
  expect(errors).toEqual([]);
});

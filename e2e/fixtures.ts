import AxeBuilder from '@axe-core/playwright';
import { expect, type Locator, type Page } from '@playwright/test';

/** WCAG 2.1 AA scan; fails with a readable list of violations. */
export async function expectNoAxeViolations(page: Page, context = ''): Promise<void> {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  const summary = results.violations.map((v) => `${v.id} (${v.impact}): ${v.help} -> ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(' | ')}`);
  expect(summary, `axe violations ${context}`).toEqual([]);
}

/** Every lesson section in manifest order, read from the home page's table of contents. */
export async function sectionLinks(page: Page): Promise<{ title: string; href: string }[]> {
  await page.goto('./');
  const links = page.getByRole('navigation', { name: 'Module sections' }).getByRole('link');
  const out: { title: string; href: string }[] = [];
  for (const link of await links.all()) {
    const href = (await link.getAttribute('href')) ?? '';
    if (!href.includes('/learn/')) continue;
    out.push({ title: ((await link.locator('.toc__title').textContent()) ?? '').trim(), href });
  }
  return out;
}

export async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: `e2e/screenshots/${name}.png`, fullPage: false });
}

/**
 * A visualiser control by its registry id. Controls beside the canvas sit in tabs (Faults,
 * Producer, Consumer groups, Topic): the tab holding it is opened first.
 */
export async function control(page: Page, id: string, scope: Page | Locator = page): Promise<Locator> {
  const el = scope.locator(`[data-control="${id}"]`).first();
  const panel = scope.locator(`[role="tabpanel"]:has([data-control="${id}"])`).first();
  if ((await panel.count()) > 0 && (await panel.isHidden())) {
    const panelId = await panel.getAttribute('id');
    await scope.locator(`[role="tab"][aria-controls="${panelId}"]`).click();
  }
  return el;
}

import AxeBuilder from '@axe-core/playwright';
import { test as base, expect, type Locator, type Page } from '@playwright/test';

export { expect };

/**
 * The Playwright `test` every spec uses (ESLint forbids importing `test` from @playwright/test in
 * e2e/). Its automatic `cspViolations` fixture listens, in every page of the test's browser
 * context, for Content Security Policy violations: the `securitypolicyviolation` event of each
 * document and Chromium's "Refused to ... Content Security Policy" console reports (which also
 * cover workers). A test fails if any arrive. A test that provokes a violation on purpose reads
 * the array, checks it, and empties it (`cspViolations.length = 0`).
 */
export const test = base.extend<{ cspViolations: string[] }>({
  cspViolations: [
    async ({ context }, use) => {
      const violations: string[] = [];
      await context.exposeBinding('__streamlabCspViolation', (_source, text: string) => {
        violations.push(String(text));
      });
      await context.addInitScript(() => {
        document.addEventListener('securitypolicyviolation', (e) => {
          const report = (window as unknown as { __streamlabCspViolation?: (t: string) => void }).__streamlabCspViolation;
          report?.(`${e.effectiveDirective} blocked ${e.blockedURI || '(inline)'} in ${e.sourceFile || e.documentURI}:${e.lineNumber} (${e.disposition})`);
        });
      });
      const onConsole = (msg: { text(): string }) => {
        const text = msg.text();
        if (/Content[- ]Security[- ]Policy/i.test(text)) violations.push(`console: ${text.slice(0, 300)}`);
      };
      context.on('console', onConsole);
      await use(violations);
      context.off('console', onConsole);
      expect(violations, 'Content Security Policy violations reported while the test ran').toEqual([]);
    },
    { auto: true },
  ],
});

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

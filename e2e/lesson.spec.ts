import { expect, test, expectNoAxeViolations, sectionLinks, shot } from './fixtures';

test.describe('reading the module', () => {
  test('the home page shows the overview, the time estimate and every section', async ({ page }) => {
    await page.goto('./');
    await expect(page.getByRole('heading', { level: 1 })).toContainText(/Kafka/);
    await expect(page.getByText(/to read and play/)).toBeVisible();
    const sections = await sectionLinks(page);
    expect(sections.length).toBe(17);
    await expect(page.getByRole('link', { name: 'Start the module' })).toBeVisible();
  });

  test('every section opens through the navigation, and next/previous walk the whole module', async ({ page }) => {
    test.setTimeout(240_000); // 17 sections, each opened twice, with their interactives: minutes on a loaded 2-core machine
    const sections = await sectionLinks(page);
    for (const s of sections) {
      await page.goto('./');
      await page.getByRole('navigation', { name: 'Module sections' }).getByRole('link', { name: new RegExp(`^${escape(s.title)} \\(`) }).click();
      await expect(page.getByRole('heading', { level: 1 })).toHaveText(s.title);
      await expect(page.locator('.lesson__body p').first()).toBeVisible();
    }
    // Walk forward with "Next" from the first section to the last.
    await page.goto(`./${sections[0]!.href}`);
    for (let i = 1; i < sections.length; i++) {
      await page.getByRole('link', { name: new RegExp(`^Next`) }).click();
      await expect(page.getByRole('heading', { level: 1 })).toHaveText(sections[i]!.title);
    }
    await page.getByRole('link', { name: /^Previous/ }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(sections[sections.length - 2]!.title);
  });

  test('keyboard only: skip link, table of contents, next section', async ({ page }) => {
    await page.goto('./');
    await page.keyboard.press('Tab');
    await expect(page.getByRole('link', { name: 'Skip to content' })).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(page.locator('main')).toBeFocused();
    // Tab forward until the "Start the module" link has focus, then follow it.
    for (let i = 0; i < 20; i++) {
      await page.keyboard.press('Tab');
      if (await page.getByRole('link', { name: 'Start the module' }).evaluate((el) => el === document.activeElement)) break;
    }
    await expect(page.getByRole('link', { name: 'Start the module' })).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(page.getByRole('heading', { level: 1 })).toBeFocused();
    const first = (await page.getByRole('heading', { level: 1 }).textContent()) ?? '';
    for (let i = 0; i < 400; i++) {
      await page.keyboard.press('Tab');
      const name = await page.evaluate(() => document.activeElement?.textContent ?? '');
      if (name.startsWith('Next')) break;
    }
    await page.keyboard.press('Enter');
    await expect(page.getByRole('heading', { level: 1 })).not.toHaveText(first);
  });

  test('a glossary term shows its definition on hover and on focus, and Escape hides it', async ({ page }) => {
    await page.goto('./#/learn/kafka-mental-model');
    const term = page.locator('.term__link').first();
    await term.hover();
    const tip = page.locator('.term__tip[data-open="true"]');
    await expect(tip).toBeVisible();
    await page.mouse.move(0, 0);
    await expect(tip).toHaveCount(0);
    await term.focus();
    await expect(page.locator('.term__tip[data-open="true"]')).toBeVisible();
    await page.keyboard.press('Escape');
    await expect(page.locator('.term__tip[data-open="true"]')).toHaveCount(0);
    await term.press('Enter');
    await expect(page.getByRole('heading', { level: 1, name: 'Key terms' })).toBeVisible();
  });

  test('deep links survive a reload', async ({ page }) => {
    await page.goto('./#/learn/backpressure');
    const title = await page.getByRole('heading', { level: 1 }).textContent();
    await page.reload();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(title ?? '');
  });

  test('an unknown section shows a clear message and a way back', async ({ page }) => {
    await page.goto('./#/learn/no-such-section');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(/could not find that section/);
    await page.getByRole('link', { name: 'Go to the module overview' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toContainText(/Kafka/);
  });
});

test.describe('progress', () => {
  test('visited and completed sections are shown and survive a reload', async ({ page }) => {
    await page.goto('./#/learn/messaging-models');
    await page.getByLabel('I have finished this section').check();
    await page.goto('./#/learn/async-decoupling');
    await page.reload();
    const toc = page.getByRole('navigation', { name: 'Sections' });
    await expect(toc.getByRole('link', { name: /\(completed\)/ })).toHaveCount(1);
    await expect(toc.getByRole('link', { name: /\(visited\)/ })).toHaveCount(1);
    await expect(toc).toContainText('1 of 17 sections completed');
    await page.goto('./');
    await expect(page.getByRole('link', { name: /^Continue:/ })).toBeVisible();
  });

  test('reflection notes are saved in the browser', async ({ page }) => {
    await page.goto('./#/learn/think-like-an-engineer');
    const box = page.getByLabel('Your answer (saved in this browser only)').first();
    await box.fill('Billing falls behind; audit is unaffected.');
    await page.reload();
    await expect(page.getByLabel('Your answer (saved in this browser only)').first()).toHaveValue('Billing falls behind; audit is unaffected.');
    await page.getByRole('button', { name: 'Compare with our take' }).first().click();
    await expect(page.getByRole('button', { name: 'Hide our take' }).first()).toHaveAttribute('aria-expanded', 'true');
  });

  for (const [name, raw] of [
    ['not JSON', '{{{'],
    ['another app', '{"theme":"dark"}'],
    ['damaged', '{"app":"streamlab","slice":"progress","version":1,"data":{"visited":"everything"}}'],
    ['from the future', '{"app":"streamlab","slice":"progress","version":99,"data":{}}'],
  ] as const) {
    test(`corrupted saved progress (${name}) is reported, backed up and reset without a crash`, async ({ page }) => {
      await page.addInitScript((value) => {
        if (!sessionStorage.getItem('seeded')) {
          localStorage.setItem('streamlab:progress', value);
          sessionStorage.setItem('seeded', '1');
        }
      }, raw);
      await page.goto('./');
      await expect(page.getByRole('alert')).toContainText('could not be read');
      await expect(page.getByRole('heading', { level: 1 })).toContainText(/Kafka/);
      expect(await page.evaluate(() => localStorage.getItem('streamlab:progress:backup'))).toBe(raw);
      await page.getByRole('button', { name: 'Dismiss' }).click();
      await expect(page.getByRole('alert')).toHaveCount(0);
      await page.goto('./#/learn/backpressure');
      await page.reload();
      await expect(page.getByRole('alert')).toHaveCount(0);
    });
  }
});

test.describe('themes, layouts and accessibility', () => {
  // One test per theme: each scans every page, which takes minutes on a loaded 2-core machine.
  for (const theme of ['light', 'dark'] as const) {
    test(`axe finds no violations on any page, in the ${theme} theme`, async ({ page }) => {
      test.setTimeout(420_000);
      const sections = await sectionLinks(page);
      const pages = ['./', './#/glossary', './#/nope', ...sections.map((s) => `./${s.href}`)];
      await page.goto('./');
      await page.getByRole('radio', { name: theme === 'light' ? 'Light' : 'Dark' }).check({ force: true });
      for (const url of pages) {
        await page.goto(url);
        await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
        await page.waitForLoadState('networkidle');
        await expectNoAxeViolations(page, `${theme} ${url}`);
      }
    });
  }

  test('"Auto" follows the system colour scheme, live', async ({ page }) => {
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.goto('./');
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
    await page.emulateMedia({ colorScheme: 'light' });
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
  });

  test('the theme switch changes and remembers the theme', async ({ page }) => {
    await page.goto('./');
    await page.getByRole('radio', { name: 'Dark' }).check({ force: true });
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
    await page.reload();
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
    const bg = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    expect(bg).toBe('rgb(16, 21, 28)');
  });

  test('screenshots: home and a section at 1280x720 (projector) and 390x844 (phone)', async ({ page }) => {
    for (const [w, h, label] of [
      [1280, 720, 'projector'],
      [390, 844, 'phone'],
    ] as const) {
      await page.setViewportSize({ width: w, height: h });
      await page.goto('./');
      await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
      await shot(page, `home-${label}`);
      await page.goto('./#/learn/kafka-mental-model');
      await expect(page.locator('.lesson__body p').first()).toBeVisible();
      await shot(page, `section-${label}`);
      // Nothing spills sideways on a phone.
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect(overflow).toBeLessThanOrEqual(1);
    }
  });

  test('print hides navigation and controls and keeps the lesson text', async ({ page }) => {
    await page.goto('./#/learn/backpressure-propagation');
    await expect(page.locator('.lesson__body p').first()).toBeVisible();
    await page.emulateMedia({ media: 'print' });
    await expect(page.locator('.site-header')).toBeHidden();
    await expect(page.locator('.lesson-sidebar')).toBeHidden();
    await expect(page.locator('.lesson__body p').first()).toBeVisible();
    await expect(page.locator('.diagram__description').first()).toBeVisible();
  });
});

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

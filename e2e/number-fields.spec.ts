import { readdirSync, existsSync } from 'node:fs';
import { expect, test } from './fixtures';

// Every field where a learner types a number, on every page that has one: the model
// interactives, the visualiser's control panel (the playground shows all of its fields; the
// visualiser's own page shows the same ones), the quiz's seed. Fields are found in the DOM (text
// boxes with a numeric input mode, and number inputs), so a field added later is covered.
const interactiveIds = readdirSync('src/interactives', { withFileTypes: true })
  .filter((d) => d.isDirectory() && existsSync(`src/interactives/${d.name}/meta.ts`) && d.name !== 'partition-visualiser')
  .map((d) => d.name);
const pages = [...interactiveIds.map((id) => `#/try/${id}`), '#/playground', '#/quiz'];
// Pages known to have number fields (the others are checked in case they gain one).
const withFields = ['#/try/backpressure', '#/try/backpressure-chain', '#/try/messaging-models', '#/playground', '#/quiz'];
const FIELDS = 'input[inputmode="decimal"], input[inputmode="numeric"], input[type="number"]';

/** Digits in a row (allowing thousands separators): a number printed without a readable form. */
const LONG_NUMBER = /(\d[,\u202f\u00a0 ]?){30}/;

for (const path of pages) {
  test(`number fields on ${path} accept plain decimals only, print big numbers readably and quote little of bad input`, async ({ page }) => {
    test.setTimeout(180_000);
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`./${path}`);
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    await page.waitForLoadState('networkidle');
    await expect(page.locator('.page-loading')).toHaveCount(0);
    // Pause a running simulation: the fields are what is under test, and the machine is shared.
    const pause = page.locator('button[aria-pressed="true"]', { hasText: /^Pause$/ }).first();
    if (await pause.isVisible()) await pause.click();
    const fields = page.locator(FIELDS);
    const n = await fields.count();
    if (withFields.includes(path)) expect(n, `number fields on ${path}`).toBeGreaterThan(0);
    // The visualiser's panel draws all its number fields with one component over one parser, which
    // src/controls/registry.test.ts runs on every number control; here two of them stand for the rest.
    const checkN = path === '#/playground' ? Math.min(n, 2) : n;
    for (let i = 0; i < checkN; i++) {
      const field = fields.nth(i);
      if (!(await field.isVisible()) || !(await field.isEditable())) continue;
      const type = await field.getAttribute('type');
      const where = `${path} field ${i} (${(await field.getAttribute('data-control')) ?? (await field.getAttribute('id')) ?? ''})`;
      const huge = '1' + '0'.repeat(308);
      const paste = '9'.repeat(100_000);
      // Not plain decimals: hexadecimal (a number input cannot even hold it) and exponent notation.
      const notPlain = type === 'number' ? ['1e1'] : ['0x10', '1e1'];
      for (const value of [...notPlain, huge, paste]) {
        await field.fill(value);
        await field.press('Enter');
        await expect(field, `${where}: ${value.slice(0, 12)} is refused`).toHaveAttribute('aria-invalid', 'true');
        // The field's own message (what aria-describedby points at).
        const message = await field.evaluate((el) =>
          (el.getAttribute('aria-describedby') ?? '')
            .split(/\s+/)
            .map((id) => (id ? (document.getElementById(id)?.textContent ?? '') : ''))
            .join(' '),
        );
        expect(message.trim(), `${where}: the refusal is explained`).not.toBe('');
        if (value === huge) expect(message, `${where}: a message prints 10^308 as a row of digits`).not.toMatch(LONG_NUMBER);
        // A message may quote the start of a paste, a few dozen characters at most.
        if (value === paste) expect(message, `${where}: a message repeats the pasted input`).not.toMatch(/9{50}/);
        // Leave the field as it was, so the next field starts from a working page.
        await field.press('Escape');
      }
    }
    expect(errors).toEqual([]);
  });
}

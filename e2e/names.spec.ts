import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';

// One naming everywhere (issue #13): brokers numbered from 0, as Kafka numbers broker ids, and
// consumers named <group>-<n> — in the mental-model diagram, the partition visualiser's canvas
// and the lab's canvas and table. Canvas text is read by recording every fillText call.

/** Records the text every canvas draws, by the part of the page that owns the canvas. */
async function recordCanvasText(page: Page) {
  await page.addInitScript(() => {
    const drawn: Record<string, string[]> = { viz: [], lab: [] };
    (window as unknown as { __drawn: typeof drawn }).__drawn = drawn;
    const fill = CanvasRenderingContext2D.prototype.fillText;
    CanvasRenderingContext2D.prototype.fillText = function (text: string, x: number, y: number, maxWidth?: number) {
      const where = this.canvas.closest?.('.labviz') ? 'lab' : 'viz';
      const list = drawn[where]!;
      if (list.length < 20_000 && !list.includes(text)) list.push(text);
      return maxWidth === undefined ? fill.call(this, text, x, y) : fill.call(this, text, x, y, maxWidth);
    };
  });
}

const drawnText = (page: Page, where: 'viz' | 'lab') => page.evaluate((w) => (window as unknown as { __drawn: Record<string, string[]> }).__drawn[w]!, where);

/** Names that break the house naming: "c01", "#1", "billing-c01", brokers numbered from 1 to 3 as "broker 3". */
function offNames(texts: string[], brokers: number): string[] {
  const bad: string[] = [];
  for (const t of texts) {
    if (/\bc\d{2}\b|#\d|\b[a-z]+-c\d+\b/.test(t)) bad.push(`consumer name not <group>-<n>: "${t}"`);
    for (const m of t.matchAll(/\b(?:broker|b)\s?(\d+)\b/gi)) if (Number(m[1]) >= brokers) bad.push(`broker id ${m[1]} outside 0..${brokers - 1}: "${t}"`);
  }
  return bad;
}

const MEMBER = /^([a-z][a-z0-9]*)-(\d+)$/;

test('the mental-model diagram numbers brokers from 0 and names consumers <group>-<n>', async ({ page }) => {
  await page.goto('./#/learn/kafka-mental-model');
  const svg = page.locator('.diagram-svg').first();
  await expect(svg).toBeVisible();
  const texts = await svg.locator('text').allTextContents();
  expect(offNames(texts, 3)).toEqual([]);
  const brokers = new Set(texts.flatMap((t) => [...t.matchAll(/broker (\d+)|followers (\d+) and (\d+)/g)].flatMap((m) => m.slice(1).filter(Boolean).map(Number))));
  expect([...brokers].sort()).toEqual([0, 1, 2]);
  const members = texts.map((t) => t.split(':')[0]!.trim()).filter((t) => MEMBER.test(t));
  expect(members).toEqual(['billing-1', 'billing-2']);
});

test('the visualiser draws brokers from 0 and consumers as <group>-<n>, as its log and tables say', async ({ page }) => {
  await recordCanvasText(page);
  await page.goto('./#/try/partition-visualiser?scenario=billing-and-audit');
  await page.locator('[data-viz-canvas]').waitFor();
  await expect.poll(async () => (await drawnText(page, 'viz')).filter((t) => MEMBER.test(t)).length, { timeout: 30_000 }).toBeGreaterThan(1);
  const texts = await drawnText(page, 'viz');
  expect(offNames(texts, 3)).toEqual([]);
  const members = texts.filter((t) => MEMBER.test(t));
  for (const m of members) expect(['billing', 'audit'], `group of ${m}`).toContain(MEMBER.exec(m)![1]);
  expect(texts.some((t) => /^broker 0\b|^b0\b/.test(t)), `broker 0 on the canvas: ${texts.filter((t) => /broker|^b\d/.test(t)).join(' | ')}`).toBe(true);
  // the same names in the page's text (log, facts, tables)
  const pageText = (await page.locator('[data-interactive-frame="partition-visualiser"]').textContent()) ?? '';
  expect(offNames([pageText], 3)).toEqual([]);
  for (const m of members.slice(0, 2)) expect(pageText, `${m} named in the page text too`).toContain(m);
});

test('the lab draws and tabulates the same names: consumers <group>-<n>, broker 0', async ({ page }) => {
  test.setTimeout(240_000);
  await recordCanvasText(page);
  const lab = JSON.parse(readFileSync('content/labs/lab-3-1/lab.json', 'utf8')) as { steps: { id: string; title: string; cell: string }[] };
  await page.goto('./#/labs/lab-3-1');
  for (const step of lab.steps) {
    await page
      .getByRole('navigation', { name: 'Lab steps' })
      .getByRole('button', { name: new RegExp(step.title.replace(/^Go further: /, '').replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'i') })
      .click();
    await page.getByRole('textbox', { name: /^Code:/ }).fill(readFileSync(`content/labs/lab-3-1/kit/src/${step.cell}.ts`, 'utf8'));
    await page.getByRole('button', { name: /^Run (step \d|this step)/ }).click();
    await expect(page.getByText(/✓ (The check passed|Both checks passed|All \d+ checks passed)\./).first()).toBeVisible({ timeout: 60_000 });
    if (step.id === 'consumers') break;
  }
  const viz = page.locator('.labviz');
  await expect(viz.locator('[data-group="billing"]')).toContainText('billing-1');
  const texts = await drawnText(page, 'lab');
  expect(offNames(texts, 1)).toEqual([]);
  const drawnMembers = texts.filter((t) => MEMBER.test(t));
  expect(drawnMembers, `members on the lab canvas: ${texts.join(' | ')}`).toContain('billing-1');
  const tableText = (await viz.textContent()) ?? '';
  expect(offNames([tableText], 1)).toEqual([]);
  for (const m of drawnMembers) expect(tableText, `${m} in the lab's table and group lines`).toContain(m);
});

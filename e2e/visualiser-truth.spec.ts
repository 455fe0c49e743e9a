import type { Page } from '@playwright/test';
import { expect, expectNoAxeViolations, shot, test } from './fixtures';

// What the visualiser shows of replication in time, the producer's buffer and unknown lag
// (issue "Kafka's truth everywhere"): the words, the tables and the picture agree.

async function pausedAt(page: Page, scenario: string, forwards: number, seekMs?: number): Promise<void> {
  await page.goto(`./#/playground?scenario=${scenario}`);
  await page.locator('[data-control="run.play"]').click();
  await expect(page.locator('[data-control="run.play"]')).toHaveText(/Play/);
  for (let i = 0; i < forwards; i++) await page.locator('[data-control="run.fast-forward"]').click();
  if (seekMs !== undefined) {
    await page.locator('[data-control="run.seek"]').fill(String(seekMs));
    await expect(page.locator('.viz-status__time')).toContainText(`Paused at ${(seekMs / 1000).toFixed(2)} s`);
  }
}

test.describe('visualiser: replication, producer buffer, unknown lag', () => {
  // each test fast-forwards a scenario and some scan with axe: room on a loaded machine
  test.describe.configure({ timeout: 180_000 });
  test('a stopped broker before it is fenced: the high watermark held back and writes waiting in the producer', async ({ page }) => {
    await pausedAt(page, 'broker-loss', 2, 15_000);
    const summary = page.locator('[data-viz-summary]');
    await expect(summary).toContainText('Broker 0 is down, not yet fenced (the controller fences it at 19.0 s');
    await expect(summary).toContainText('High watermark behind the log end');
    await expect(summary.locator('[data-producer="checkout"]')).toContainText(/records? in its buffer/);
    await expect(summary.locator('[data-producer="checkout"]')).toContainText('written with acks=all, waiting for every in-sync replica');
    await page.locator('[data-viz-tables] summary').click();
    const partitions = page.locator('[data-viz-tables] table').first();
    await expect(partitions).toContainText('not yet on every in-sync replica, not readable yet');
    await expect(partitions).toContainText('broker 0, down and not yet fenced: writes and reads wait');
    await expect(partitions).toContainText('holds the high watermark back; it leaves the ISR at 19.0 s (when its broker is fenced)');
    await expect(page.locator('[data-viz-tables] table').nth(1)).toContainText('its leader does not answer (down, not yet fenced)');
    await page.locator('[data-viz-tables] summary').click();
    await page.locator('.viz-scenario').evaluate((el) => el.scrollIntoView({ block: 'start' }));
    await expectNoAxeViolations(page, 'broker down, not yet fenced');
    await shot(page, 'visualiser-broker-not-yet-fenced');
  });

  test('below min.insync.replicas: writes are retried, not lost, and the charts show the buffer and the late acknowledgements', async ({ page }) => {
    await pausedAt(page, 'broker-loss', 6, 56_000);
    const log = page.locator('[data-viz-log]');
    await expect(log).toContainText('records that had waited were acknowledged, the longest after');
    await expect(page.locator('[data-viz-summary]')).not.toContainText('writes failed');
    await page.locator('[data-control="run.seek"]').fill('45000');
    await expect(page.locator('[data-viz-summary] [data-producer="checkout"]')).toContainText('NOT_ENOUGH_REPLICAS');
    // the producer charts are among the charts below the stage (the two key charts sit beside the canvas)
    const charts = page.locator('[data-viz-more-charts]');
    await expect(charts).toContainText('Producer: records waiting in its buffer');
    await expect(charts).toContainText('Producer: longest wait for an acknowledgement');
    await charts.evaluate((el) => el.scrollIntoView({ block: 'start' }));
    await page.waitForTimeout(300);
    await shot(page, 'visualiser-producer-buffer');
  });

  test('lag without a committed offset reads unknown, never 0, and the rule is stated', async ({ page }) => {
    await page.goto('./#/playground?scenario=billing-and-audit');
    await page.locator('[data-control="run.play"]').click();
    await page.locator('[data-control="run.restart"]').click();
    // the controls sit in tabs beside the canvas: open each tab before using its controls
    await page.getByRole('tab', { name: 'Consumer groups' }).click();
    await page.locator('[data-control="group.select"]').selectOption('audit');
    await page.getByRole('tab', { name: 'Faults' }).click();
    await page.locator('[data-control="fault.slow-downstream"]').check();
    await page.locator('[data-control="run.fast-forward"]').click();
    const audit = page.locator('[data-viz-summary] [data-group="audit"]');
    await expect(audit).toContainText('max and total lag unknown');
    await expect(audit).not.toContainText('max lag 0');
    await expect(page.locator('[data-viz-summary]')).toContainText('Unknown is never shown as 0.');
    await expect(page.locator('[data-viz-charts]')).toContainText('A gap: lag unknown');
    await page.locator('.viz-scenario').evaluate((el) => el.scrollIntoView({ block: 'start' }));
    await shot(page, 'visualiser-unknown-lag');
  });

  test('the assignment strategy decides the protocol; a rolling bounce shows each restart', async ({ page }) => {
    await pausedAt(page, 'cooperative-migration', 2);
    const strategy = page.locator('[data-control="group.assignor"]');
    await expect(strategy.locator('option:checked')).toHaveText(/^\[range, cooperative-sticky\]: range, eager|^\[range\]: range, eager/);
    await expect(page.locator('[data-viz-log]')).toContainText('rolling bounce');
    await expect(page.locator('[data-viz-summary] [data-group="billing"]')).toContainText('eager protocol');
    await page.locator('.viz-scenario').evaluate((el) => el.scrollIntoView({ block: 'start' }));
    await shot(page, 'visualiser-rolling-bounce');
  });
});

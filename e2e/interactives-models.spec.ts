import { type Page } from '@playwright/test';
import { expect, test, expectNoAxeViolations, shot } from './fixtures';

// The four interactives built on src/sim/models: delivery guarantees, backpressure, the
// backpressure chain and the messaging models.

const stat = (page: Page, label: string) => page.locator('.sim-stat', { has: page.locator('dt', { hasText: label }) }).locator('dd');

/** Screenshot with the interactive's top at the top of the window (below the sticky header). */
async function frameShot(page: Page, name: string) {
  await page.locator('.interactive-frame').first().evaluate((el) => window.scrollTo(0, el.getBoundingClientRect().top + window.scrollY - 70));
  await shot(page, name);
}

/**
 * Runs an experiment and goes to its end with the time slider (End): experiments play at the
 * chosen speed from their start, so the outcome is checked at the end of the experiment.
 */
async function runExperiment(page: Page, id: string) {
  await page.getByLabel('Show me an experiment').selectOption(id);
  await page.getByRole('button', { name: 'Play it' }).click();
  const scrub = page.locator('[data-run="scrub"]');
  await scrub.focus();
  await page.keyboard.press('End');
  await expect(page.locator('[data-run="play"]')).toHaveText('Run complete');
}

test.describe('delivery guarantees', () => {
  test('at-least-once with a crash duplicates; idempotency keys restore the correct total', async ({ page }) => {
    test.setTimeout(180_000); // two experiments and two axe scans
    await page.goto('./#/try/delivery-guarantees');
    await expectNoAxeViolations(page, 'delivery guarantees, fresh');
    await runExperiment(page, 'alo-crash-before-commit');
    await expect(page.locator('.dg-verdict')).toContainText('too high');
    await expect(stat(page, 'Records lost')).toHaveText('0');
    await expect(stat(page, 'Duplicated effects')).not.toHaveText('0');
    await runExperiment(page, 'alo-idempotent-sink');
    await expect(page.locator('.dg-verdict')).toContainText('equals the correct total');
    await expect(stat(page, 'Duplicated effects')).toHaveText('0');
    await expect(stat(page, 'Duplicates stopped by idempotency key')).not.toHaveText('0');
    await expect(page.getByRole('checkbox', { name: /Idempotency keys/ })).toBeChecked();
    await expectNoAxeViolations(page, 'delivery guarantees, after a run');
    await frameShot(page, 'interactives-delivery-guarantees');
  });

  test('exactly-once stops at the edge of Kafka', async ({ page }) => {
    await page.goto('./#/try/delivery-guarantees');
    await runExperiment(page, 'eos-kafka-sink');
    await expect(page.locator('.dg-verdict')).toContainText('equals the correct total');
    await runExperiment(page, 'eos-database-sink');
    await expect(page.locator('.dg-verdict')).toContainText('too high');
  });

  test('keyboard: toggles, faults and play all work without a mouse', async ({ page }) => {
    await page.goto('./#/try/delivery-guarantees');
    await page.getByRole('radio', { name: /At-most-once/ }).focus();
    await expect(page.getByRole('radio', { name: /At-most-once/ })).toBeFocused();
    await page.keyboard.press('Space');
    await expect(page.getByRole('radio', { name: /At-most-once/ })).toBeChecked();
    await page.locator('body').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('b');
    await expect(page.getByRole('button', { name: /Crash before processing/ })).toHaveAttribute('aria-pressed', 'true');
    // arming a fault starts the run; Space pauses and resumes it
    await expect(page.getByRole('button', { name: 'Pause' })).toBeVisible();
    await page.keyboard.press(' ');
    await expect(page.getByRole('button', { name: 'Play', exact: true })).toBeVisible();
    await page.keyboard.press(' ');
    await expect(page.getByRole('button', { name: 'Pause' })).toBeVisible();
    await expect(stat(page, 'Records lost')).not.toHaveText('0', { timeout: 20_000 });
  });

  test('a share link reopens the same moment; a tampered one falls back with a message', async ({ page }) => {
    await page.goto('./#/try/delivery-guarantees');
    await runExperiment(page, 'alo-crash-before-commit');
    const total = await stat(page, 'Database total charged').textContent();
    const time = await page.locator('.sim-run__time').textContent();
    await page.getByRole('button', { name: 'Copy share link' }).click();
    const url = await page.getByLabel(/Share link/).inputValue();
    await page.goto('about:blank');
    await page.goto(url);
    await expect(page.locator('.sim-run__time')).toHaveText(time ?? '');
    await expect(stat(page, 'Database total charged')).toHaveText(total ?? '');
    await expect(page.getByRole('alert')).toHaveCount(0);
    await page.goto('about:blank');
    await page.goto(url.replace(/s=([^&]+)/, (_m, v: string) => `s=${v.slice(0, -12)}xx`));
    await expect(page.getByRole('alert')).toContainText('could not be opened');
    await expect(page.locator('.sim-run__time')).toHaveText('0.0 s');
  });
});

test.describe('backpressure', () => {
  test('invalid values are explained and not applied; blocking keeps the buffer at its bound', async ({ page }) => {
    await page.goto('./#/try/backpressure');
    const rate = page.getByRole('textbox', { name: 'Producer rate' });
    await rate.fill('abc');
    await rate.press('Enter');
    await expect(page.getByText('"abc" is not a plain decimal number')).toBeVisible();
    await expect(rate).toHaveAttribute('aria-invalid', 'true');
    await rate.fill('999999');
    await rate.press('Enter');
    await expect(page.getByText(/out of range/)).toBeVisible();
    await expect(page.getByRole('slider', { name: 'Producer rate slider' })).toHaveAttribute('aria-valuetext', '3,000 records/s');
    await rate.fill('4000');
    await rate.press('Enter');
    await expect(page.getByRole('slider', { name: 'Producer rate slider' })).toHaveAttribute('aria-valuetext', '4,000 records/s');
    await runExperiment(page, 'blocking-slows-producer');
    await expect(stat(page, 'Buffer depth')).toContainText('10,000');
    await expect(stat(page, 'Dropped (counted)')).toContainText('0');
    await expect(page.locator('.ts-chart__summary').first()).toContainText('accepted: now 2.0k');
    await expectNoAxeViolations(page, 'backpressure');
  });

  test('the unbounded queue runs out of memory and loses what it buffered (presenter view)', async ({ page }) => {
    await page.goto('./#/try/backpressure');
    await runExperiment(page, 'unbounded-oom');
    await expect(stat(page, 'Lost in crashes')).not.toContainText(/^0 /);
    await expect(page.locator('.sim-log')).toContainText('Out of memory');
    await page.keyboard.press('p');
    await expect(page.locator('.interactive-frame--presenting')).toBeVisible();
    await expectNoAxeViolations(page, 'backpressure presenter');
    await shot(page, 'interactives-backpressure-presenter');
  });
});

test.describe('backpressure chain', () => {
  test('bounded buffers carry the slow-down to stage A; an unbounded one hides it', async ({ page }) => {
    await page.goto('./#/try/backpressure-chain');
    await runExperiment(page, 'bounded-propagates');
    await expect(page.locator('.ch-verdict')).toContainText('reached stage A');
    await expect(stat(page, 'Turned away (503)')).not.toContainText(/^0 /);
    await expectNoAxeViolations(page, 'chain');
    await frameShot(page, 'interactives-backpressure-chain');
    await runExperiment(page, 'unbounded-hides');
    await expect(page.locator('.ch-verdict')).toContainText('never hear');
    await expect(stat(page, 'Turned away (503)')).toContainText(/^0 /);
  });
});

test.describe('messaging models', () => {
  test('offline subscriber misses, late group reads the history, replay re-reads', async ({ page }) => {
    await page.goto('./#/try/messaging-models');
    await expectNoAxeViolations(page, 'messaging, fresh');
    await runExperiment(page, 'pubsub-offline-misses');
    const table = page.getByRole('table', { name: /What each reader got/ });
    await expect(table.getByRole('row', { name: /Pub\/sub subscriber 2/ }).getByRole('cell').nth(1)).not.toHaveText('0');
    await expect(table.getByRole('row', { name: /Pub\/sub subscriber 1/ }).getByRole('cell').nth(1)).toHaveText('0');
    await runExperiment(page, 'stream-late-group');
    await expect(table.getByRole('row', { name: /Stream group audit/ })).toBeVisible();
    // replay from an offset that was never read is refused with a message
    const replay = page.getByRole('textbox', { name: 'Replay billing from offset' });
    await replay.fill('100000');
    await replay.press('Enter');
    await expect(page.getByText(/Enter an offset from 0 to/).first()).toBeVisible();
    await replay.fill('0');
    await replay.press('Enter');
    await page.getByRole('button', { name: 'Step', exact: true }).click();
    await expectNoAxeViolations(page, 'messaging, after actions');
    await frameShot(page, 'interactives-messaging-models');
  });
});

test.describe('lesson embedding', () => {
  for (const [lesson, id] of [
    ['messaging-models', 'messaging-models'],
    ['delivery-guarantees', 'delivery-guarantees'],
    ['backpressure', 'backpressure'],
    ['backpressure-propagation', 'backpressure-chain'],
  ] as const) {
    test(`${id} fills its slot in /learn/${lesson}`, async ({ page }) => {
      await page.goto(`./#/learn/${lesson}`);
      const frame = page.locator(`[data-interactive-frame="${id}"]`);
      await expect(frame).toBeVisible();
      await expect(frame.getByRole('link', { name: 'Open on its own page' })).toHaveAttribute('href', `#/try/${id}`);
      await expect(frame.getByRole('heading', { name: 'Try this' })).toBeVisible();
    });
  }
});

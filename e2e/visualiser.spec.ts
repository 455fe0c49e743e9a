import { type Page } from '@playwright/test';
import { controls, controlsFor } from '../src/controls/registry';
import { control, expect, test, expectNoAxeViolations, shot } from './fixtures';

const TRY = './#/try/partition-visualiser';

async function status(page: Page) {
  return (await page.locator('.viz-status__time').textContent())?.trim() ?? '';
}

test.describe('partition visualiser', () => {
  test('4 partitions and 6 consumers: 2 consumers stay idle', async ({ page }) => {
    await page.goto(`${TRY}?scenario=four-partitions-six-consumers`);
    await page.locator('[data-control="run.seek"]').waitFor();
    const billing = page.locator('[data-viz-summary] [data-group="billing"]');
    await expect(billing.locator('[data-count="idle"]')).toHaveText('2 idle', { timeout: 15_000 });
    await expect(billing.locator('[data-count="active"]')).toHaveText('4 active');
    await page.locator('[data-control="run.play"]').click();
    await expect(page.locator('[data-viz-log]')).toContainText('billing-5 and billing-6 are idle');
    await page.locator('.viz-scenario').evaluate((el) => el.scrollIntoView({ block: 'start' }));
    await shot(page, 'visualiser-idle-consumers');
    await page.locator('[data-viz-tables] summary').click();
    await expect(page.locator('[data-viz-tables] tr[data-status="idle"]')).toHaveCount(2);
  });

  test('stopping a consumer triggers a rebalance that shows in the log and on the chart', async ({ page }) => {
    await page.goto('./#/playground?scenario=four-partitions-six-consumers');
    // Fast-forward (deterministic, whatever the machine's speed) past the group's first rebalance.
    await page.locator('[data-control="run.play"]').click();
    await page.locator('[data-control="run.fast-forward"]').click();
    const log = page.locator('[data-viz-log]');
    await expect(log).toContainText('rebalance done');
    const lagChart = page.locator('[data-viz-charts] figure').first();
    await expect(lagChart.locator('.ts-chart__shade').first()).toBeAttached();
    const shadesBefore = await lagChart.locator('.ts-chart__shade').count();
    await (await control(page, 'group.remove-consumer')).click();
    await expect(log).toContainText('left the group');
    await expect(log).toContainText('rebalance started (a consumer left');
    await page.locator('[data-control="run.fast-forward"]').click();
    await expect(log).toContainText('rebalance done in 3.0 s (generation 2)');
    await expect.poll(async () => lagChart.locator('.ts-chart__shade').count()).toBeGreaterThan(shadesBefore);
  });

  test('a share link opens exactly the same moment; a tampered one falls back with a message', async ({ page, context }) => {
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    await page.goto('./#/playground?scenario=billing-and-audit');
    await page.locator('[data-control="run.play"]').click();
    await page.locator('[data-control="run.fast-forward"]').click();
    await (await control(page, 'group.add-consumer')).click();
    await page.locator('[data-control="run.step"]').click();
    await page.locator('[data-control="run.step"]').click();
    await expect(page.locator('[data-control="run.play"]')).toHaveText(/Play/);
    const before = await status(page);
    const summary = await page.locator('[data-viz-summary]').textContent();
    await page.getByRole('button', { name: 'Copy share link' }).click();
    const url = await page.getByLabel(/Share link/).inputValue();
    expect(url).toContain('#/try/partition-visualiser?');
    await page.goto('about:blank');
    await page.goto(url);
    await expect(page.locator('.viz-status__time')).toHaveText(before);
    await expect(page.locator('[data-viz-summary]')).toHaveText(summary ?? '');
    await expect(page.getByRole('alert')).toHaveCount(0);

    await page.goto(`${TRY}?s=${url.split('s=')[1]!.slice(0, 40)}xyz`);
    await expect(page.getByRole('alert')).toContainText('could not be opened');
    await expect(page.locator('[data-visualiser="billing-and-audit"]')).toBeVisible();
    await page.goto(`${TRY}?s=%3Cscript%3Ealert(1)%3C%2Fscript%3E`);
    await expect(page.getByRole('alert')).toContainText('could not be opened');
  });

  test('keyboard only: every control is reachable with Tab, and controls work from the keyboard', async ({ page }) => {
    test.setTimeout(180_000); // Tab walks and axe scans take minutes on a loaded 2-core machine
    await page.goto('./#/playground?scenario=broker-loss');
    await page.locator('.viz-status').waitFor();
    const want = new Set(controls.map((c) => c.id));
    const seen = new Set<string>();
    // Tab reaches every control outside the tabs, and the selected tab; the arrow keys choose a
    // tab, and Tab then walks its panel. Every control is reached this way, keyboard only.
    const tabs = await page.locator('[role="tab"]').count();
    for (let t = 0; t < tabs; t++) {
      await page.locator('h1').focus();
      for (let i = 0; i < 160; i++) {
        await page.keyboard.press('Tab');
        const here = await page.evaluate(() => ({ id: document.activeElement?.getAttribute('data-control') ?? null, tab: document.activeElement?.getAttribute('role') === 'tab' }));
        if (here.id) seen.add(here.id);
        if (here.tab) {
          await page.keyboard.press('Home');
          for (let k = 0; k < t; k++) await page.keyboard.press('ArrowRight');
          for (let j = 0; j < 40; j++) {
            await page.keyboard.press('Tab');
            const id = await page.evaluate(() => document.activeElement?.getAttribute('data-control') ?? null);
            if (id) seen.add(id);
            if (await page.evaluate(() => !document.activeElement?.closest('[role="tabpanel"]'))) break;
          }
          break;
        }
      }
    }
    expect([...want].filter((id) => !seen.has(id))).toEqual([]);

    // Space on the focused play button toggles once, not twice (the Tab walk may have left the run
    // paused, e.g. out of view, so start from whichever state it is in and end paused).
    const play = page.locator('[data-control="run.play"]');
    await play.focus();
    const wasPlaying = /Pause/.test((await play.textContent()) ?? '');
    await page.keyboard.press('Space');
    await expect(play).toHaveText(wasPlaying ? /Play/ : /Pause/);
    if (!wasPlaying) {
      await page.keyboard.press('Space');
      await expect(play).toHaveText(/Play/);
    }
    const t0 = await status(page);
    await page.locator('h1').focus();
    await page.keyboard.press('ArrowRight');
    await expect(page.locator('.viz-status__time')).not.toHaveText(t0);

    // A number control: invalid values are refused with a message, a valid one is applied.
    const rate = await control(page, 'producer.rate');
    await rate.focus();
    await page.keyboard.press('ControlOrMeta+a');
    await page.keyboard.type('200000');
    await page.keyboard.press('Enter');
    await expect(page.getByText('Records per second: must be between 0 and 100,000 records/s.')).toBeVisible();
    await page.keyboard.press('ControlOrMeta+a');
    await page.keyboard.press('Backspace');
    await page.keyboard.press('Enter');
    await expect(page.getByText('Records per second: enter a number.')).toBeVisible();
    await page.keyboard.type('750');
    await page.keyboard.press('Enter');
    await expect(page.getByText(/Records per second: (must|enter)/)).toHaveCount(0);
    await expect(page.locator('[data-viz-log]')).toContainText('now sends 750 records/s');

    // Shortcuts: R restarts the run; B stops a broker; F fast-forwards past broker.session.timeout.ms,
    // when the controller fences it and leadership moves; ? lists the shortcuts. The scenario stops
    // brokers itself at 10 s, so restart first: how long the Tab walk took must not decide which
    // brokers are still up when B is pressed.
    await page.keyboard.press('Tab'); // off the number field (which keeps its keys), to its Set button
    await page.keyboard.press('r');
    await expect(page.locator('[data-viz-log]')).not.toContainText('now sends 750 records/s');
    if (/Pause/.test((await play.textContent()) ?? '')) {
      await play.focus();
      await page.keyboard.press('Space');
    }
    await expect(play).toHaveText(/Play/);
    await page.keyboard.press('b');
    await page.keyboard.press('ArrowRight');
    await expect(page.locator('[data-viz-log]')).toContainText(/broker \d stopped\. The controller fences it only after broker\.session\.timeout\.ms/);
    await page.keyboard.press('f');
    await expect(page.locator('[data-viz-log]')).toContainText(/the controller fenced broker \d/);
    await expect(page.locator('[data-viz-log]')).toContainText('leadership moved');
    await page.keyboard.press('?');
    const dialog = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
    await expect(dialog).toBeVisible();
    await expect(dialog).toContainText('Stop a broker');
    await page.keyboard.press('Escape');
    await expect(dialog).toBeHidden();
  });

  test('embedded in a lesson: reduced controls, its own simulation, no axe violations', async ({ page }) => {
    test.setTimeout(180_000); // Tab walks and axe scans take minutes on a loaded 2-core machine
    await page.goto('./#/learn/kafka-mental-model');
    // three: billing and audit, 4 partitions and 6 consumers, and the same as a share group (issue #11)
    const frames = page.locator('[data-interactive-frame="partition-visualiser"]');
    await expect(frames).toHaveCount(3);
    const first = frames.first();
    await first.scrollIntoViewIfNeeded();
    await expect(first.locator('[data-visualiser]')).toBeVisible();
    const embeddedIds = controlsFor(true).map((c) => c.id);
    for (const id of embeddedIds) await expect(await control(page, id, first)).toBeVisible();
    await (await control(page, 'fault.stop-broker', first)).waitFor();
    // one stop button per broker, each with its state
    await expect(first.locator('[data-control="fault.stop-broker"]')).toHaveCount(3);
    await expect(first.locator('[data-control="scenario.pick"]')).toHaveCount(0);
    await expect(first.locator('[data-control="topic.partitions"]')).toHaveCount(0);
    await page.waitForTimeout(1000);
    await expectNoAxeViolations(page, 'lesson with embedded visualisers');
    await first.locator('.viz-scenario').evaluate((el) => el.scrollIntoView({ block: 'start' }));
    await page.waitForTimeout(300);
    await shot(page, 'visualiser-lesson');
  });

  test('playground and presenter mode: no axe violations; screenshots at 1280x720', async ({ page }) => {
    test.setTimeout(180_000); // Tab walks and axe scans take minutes on a loaded 2-core machine
    await page.goto('./#/playground?scenario=billing-and-audit');
    await page.locator('[data-control="run.fast-forward"]').click();
    await (await control(page, 'group.select')).selectOption('audit');
    await (await control(page, 'fault.slow-downstream')).check();
    await page.locator('[data-control="run.fast-forward"]').click();
    await expectNoAxeViolations(page, 'playground');
    await page.locator('.viz-scenario').evaluate((el) => el.scrollIntoView({ block: 'start' }));
    await shot(page, 'visualiser-playground');
    await page.getByRole('button', { name: 'Stop broker 1 (up)' }).click();
    await page.getByRole('button', { name: /Presenter mode/ }).click();
    await expect(page.locator('.interactive-frame--presenting')).toBeVisible();
    await page.waitForTimeout(1200);
    await expectNoAxeViolations(page, 'presenter mode');
    await shot(page, 'visualiser-presenter');
    await page.keyboard.press('Escape');
    await expect(page.locator('.interactive-frame--presenting')).toHaveCount(0);
    await page.getByRole('radio', { name: 'Dark' }).check();
    await page.locator('.viz-scenario').evaluate((el) => el.scrollIntoView({ block: 'start' }));
    await page.waitForTimeout(600);
    await expectNoAxeViolations(page, 'playground, dark theme');
    await shot(page, 'visualiser-dark');
  });

  test('faults: the learner picks the broker to stop and start, and the partition for a poison record', async ({ page }) => {
    // three brokers, six partitions with three replicas, and no scripted fault
    await page.goto('./#/playground?scenario=billing-and-audit');
    await page.locator('[data-control="run.play"]').click();
    await expect(page.locator('[data-control="run.play"]')).toHaveText(/Play/);
    const log = page.locator('[data-viz-log]');
    const stopButtons = page.locator('[data-control="fault.stop-broker"]');
    await expect(stopButtons).toHaveText(['Stop broker 0 (up)', 'Stop broker 1 (up)', 'Stop broker 2 (up)']);
    await expect(page.locator('[data-control="fault.start-broker"]')).toHaveAttribute('aria-disabled', 'true');

    // Broker 2 is not the default target (the leader of partition 0), so this is the learner's choice.
    await page.getByRole('button', { name: 'Stop broker 2 (up)' }).click();
    await page.locator('[data-control="run.step"]').click();
    await expect(log).toContainText('broker 2 stopped');
    await expect(page.locator('[data-viz-summary]')).toContainText('Broker 2 is down, not yet fenced');
    // the controller fences it after broker.session.timeout.ms (9 s); then leadership moves
    await page.locator('[data-control="run.fast-forward"]').click();
    await expect(log).toContainText('the controller fenced broker 2');
    await expect(log).toContainText(/leadership moved for partitions? [^;]*\(2 → [01]\)/);
    await expect(page.locator('[data-viz-summary]')).toContainText('Broker 2 is down, fenced by the controller');
    await expect(stopButtons.nth(2)).toHaveText('Stop broker 2 (stopped)');
    await expect(stopButtons.nth(2)).toHaveAttribute('aria-disabled', 'true');
    await expect(stopButtons.nth(0)).toHaveText('Stop broker 0 (up)');
    // The partition table's leader column: no partition is led by broker 2 any more.
    await page.locator('[data-viz-tables] summary').click();
    const leaders = page.locator('[data-viz-tables] table').first().locator('tbody tr td:nth-of-type(1)');
    await expect(leaders).toHaveCount(6);
    await expect(leaders.filter({ hasText: /^broker [01]$/ })).toHaveCount(6);
    // Pressing a stopped broker's button (aria-disabled, still focusable) explains instead of acting.
    await stopButtons.nth(2).focus();
    await page.keyboard.press('Enter');
    await expect(page.getByText('Stop broker 2: broker 2 is already stopped')).toBeVisible();

    const start = page.getByRole('button', { name: 'Start broker 2 (stopped)' });
    await expect(page.locator('[data-control="fault.start-broker"]')).toHaveCount(1);
    await start.click();
    await expect(log).toContainText('broker 2 started');
    await expect(stopButtons.nth(2)).toHaveText('Stop broker 2 (up)');

    // The poison record's partition: out of range and fractional values are refused; a valid one is sent there.
    const part = page.locator('[data-control="fault.poison"]');
    await part.fill('6');
    await page.getByRole('button', { name: 'Send a poison record' }).click();
    await expect(page.getByText('Poison record to partition: the topic has 6 partitions, numbered 0 to 5.')).toBeVisible();
    await expect(part).toHaveAttribute('aria-invalid', 'true');
    await part.fill('2.5');
    await part.press('Enter');
    await expect(page.getByText('Poison record to partition: use a whole number.')).toBeVisible();
    await part.fill('3');
    await part.press('Enter');
    await expect(page.getByText(/Poison record to partition: /)).toHaveCount(0);
    await expect(part).toHaveValue('3');
    for (let i = 0; i < 10; i++) await page.locator('[data-control="run.step"]').click();
    await expect(log).toContainText('a poison record was written to partition 3');
    await expect(log).not.toContainText('a poison record was written to partition 0');
  });

  test('scrubbing back shows an earlier moment, and playing on from there works', async ({ page }) => {
    await page.goto('./#/playground?scenario=broker-loss');
    await page.locator('[data-control="run.play"]').click();
    await page.locator('[data-control="run.fast-forward"]').click();
    await page.locator('[data-control="run.fast-forward"]').click();
    await expect(page.locator('[data-viz-summary]')).toContainText('Broker 0 is down');
    const slider = page.locator('[data-control="run.seek"]');
    // the page plays from load until the first click pauses it, so the end is 20 s and a bit
    await expect(slider).toHaveAttribute('aria-valuetext', /of 2\d\.\d seconds$/);
    const end = (await slider.getAttribute('aria-valuetext'))!.replace(/^.* of /, '');
    await slider.focus();
    await page.keyboard.press('Home');
    await expect(page.locator('.viz-status__time')).toContainText('Paused at 0.00 s');
    await expect(page.locator('[data-viz-summary]')).toContainText('All 3 brokers up');
    await slider.fill('12000');
    await expect(page.locator('.viz-status__time')).toContainText('Paused at 12.00 s');
    await expect(page.locator('[data-viz-summary]')).toContainText('Broker 0 is down, not yet fenced');
    // scrubbing back keeps the whole timeline
    await expect(slider).toHaveAttribute('aria-valuetext', `12.0 seconds of ${end}`);
  });

  test('reduced motion: the facts are still shown', async ({ browser }) => {
    const context = await browser.newContext({ reducedMotion: 'reduce', viewport: { width: 1280, height: 720 } });
    const page = await context.newPage();
    await page.goto(`${TRY}?scenario=four-partitions-six-consumers`);
    await expect(page.locator('[data-group="billing"] [data-count="idle"]')).toHaveText('2 idle', { timeout: 15_000 });
    await context.close();
  });
});

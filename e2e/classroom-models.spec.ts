import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { expect, test, shot } from './fixtures';
import { checkPresenterStage } from './support/stage';

// Classroom checks (issue #13) for the model interactives (messaging models, delivery guarantees,
// backpressure, backpressure chain): experiments play from their start at the chosen speed with a
// time slider that goes back, the clock stops at "Run complete", the log gives one event per line,
// and presenter mode is one 1280x720 stage with large type and nothing cut. No timing is asserted.

const MODELS = ['messaging-models', 'delivery-guarantees', 'backpressure', 'backpressure-chain'] as const;

/** The experiment ids of a model interactive, in file order (content/interactives/<id>.yaml). */
function experiments(id: string): string[] {
  const yaml = readFileSync(`content/interactives/${id}.yaml`, 'utf8');
  return [...yaml.matchAll(/^ {2}- id: ([a-z0-9-]+)$/gm)].map((m) => m[1]!);
}

const scrub = (page: Page) => page.locator('[data-run="scrub"]').first();
const tickOf = async (page: Page) => Number(await scrub(page).inputValue());
const maxOf = async (page: Page) => Number(await scrub(page).getAttribute('max'));
const clock = async (page: Page) => ((await page.locator('[data-run="time"]').first().textContent()) ?? '').trim();

async function pick(page: Page, experiment: string) {
  await page.getByLabel('Show me an experiment').selectOption(experiment);
  await page.getByRole('button', { name: 'Play it' }).click();
}

for (const id of MODELS) {
  test.describe(id, () => {
    test('every experiment plays from its start; the time slider goes back; the clock stops at "Run complete"; one event per log line', async ({ page }) => {
      test.setTimeout(240_000);
      await page.goto(`./#/try/${id}`);
      const list = experiments(id);
      expect(list.length).toBeGreaterThan(1);
      for (const x of list) {
        await pick(page, x);
        // The first state on screen is near the experiment's start, not its end.
        const first = await tickOf(page);
        const end = await maxOf(page);
        expect(end, `${x}: the experiment has a length`).toBeGreaterThan(10);
        expect(first, `${x}: the first visible state is not the final one`).toBeLessThan(end);
        await expect(page.locator('[data-run="play"]'), `${x}: it plays`).toHaveText('Pause');
        // and it moves forward by itself
        await expect.poll(() => tickOf(page), { message: `${x}: the time slider moves while playing`, timeout: 20_000 }).toBeGreaterThan(first);
        // to the end with the slider's own key, then back with the slider
        await scrub(page).focus();
        await page.keyboard.press('End');
        await expect(page.locator('[data-run="play"]'), `${x}: at its end`).toHaveText('Run complete');
        const endClock = await clock(page);
        const endTick = await tickOf(page);
        // the clock does not run on after "Run complete" (not even when Play is pressed)
        await page.locator('[data-run="play"]').dispatchEvent('click');
        await page.waitForTimeout(600);
        expect(await clock(page), `${x}: the clock after "Run complete"`).toBe(endClock);
        expect(await tickOf(page)).toBe(endTick);
        await expect(page.locator('[data-run="play"]')).toHaveText('Run complete');
        // one event per line in the log: each line has its own time stamp, and only one
        const lines = await page.locator('.sim-log__list li:not(.sim-log__empty)').evaluateAll((lis) => lis.map((li) => ({ stamps: li.querySelectorAll('.sim-log__t').length, text: li.textContent ?? '' })));
        for (const line of lines) expect(line.stamps, `${x}: one event per log line: ${line.text}`).toBe(1);
        // back with the slider: an earlier moment, and the clock shows it
        await scrub(page).focus();
        for (let i = 0; i < 5; i++) await page.keyboard.press('PageDown');
        await page.keyboard.press('ArrowLeft');
        await expect.poll(() => tickOf(page), { message: `${x}: the slider moves back` }).toBeLessThan(endTick);
        expect(await clock(page), `${x}: the clock shows the earlier moment`).not.toBe(endClock);
        // Home: the very start
        await page.keyboard.press('Home');
        await expect.poll(() => tickOf(page)).toBe(0);
        await expect(page.locator('[data-run="time"]').first()).toHaveText('0.0 s');
      }
    });

    test('presenter mode: one 1280x720 stage, type >= 18 px, chart ticks >= 14 px, nothing cut, log and controls on the stage (every experiment)', async ({ page }) => {
      test.setTimeout(240_000);
      await page.goto(`./#/try/${id}`);
      const list = experiments(id);
      for (const [i, x] of list.entries()) {
        await pick(page, x);
        await scrub(page).focus();
        await page.keyboard.press('End');
        await expect(page.locator('[data-run="play"]')).toHaveText('Run complete');
        await page.locator('h1').focus();
        await page.keyboard.press('p');
        const stage = page.locator('.interactive-frame--presenting');
        await expect(stage).toBeVisible();
        await expect(stage.locator('.sim-log')).toBeVisible();
        await expect(stage.locator('.interactive-frame__present-bar [data-run="play"]')).toBeVisible();
        await expect(stage.locator('.interactive-frame__present-bar [data-run="scrub"]')).toBeVisible();
        await expect(stage.locator('.interactive-frame__body [data-run="play"]')).toBeHidden();
        if ((await stage.locator('[data-sim-key-charts]').count()) > 0) await expect(stage.locator('[data-sim-key-charts] figure')).toHaveCount(2);
        await page.waitForTimeout(300);
        await checkPresenterStage(page, `${id}, ${x}`);
        if (i === 0) await shot(page, `presenter-${id}`);
        await page.keyboard.press('Escape');
        await expect(stage).toHaveCount(0);
      }
    });
  });
}

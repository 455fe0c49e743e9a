import { readdirSync, readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { controlsFor, shortcutList } from '../src/controls/registry';
import { KEY_EXCEPTIONS } from '../src/interactives/frame/keys';
import { expect, test, control, shot } from './fixtures';

// Classroom checks (issue #13): what is on screen is live, fits the screen and can be read from
// the back of a room. Nothing here asserts a timing: "live" means the text keeps changing while
// the animation plays, checked by polling, however fast or slow the machine is.

const TRY = './#/try/partition-visualiser';

/** Every partition-visualiser scenario a lesson embeds, in lesson order. */
function lessonScenarios(): string[] {
  const out: string[] = [];
  for (const f of readdirSync('content/lessons').sort()) {
    const md = readFileSync(`content/lessons/${f}`, 'utf8');
    for (const m of md.matchAll(/::interactive\{id="partition-visualiser" scenario="([a-z0-9-]+)"/g)) if (!out.includes(m[1]!)) out.push(m[1]!);
  }
  return out;
}

const status = async (page: Page, scope = page.locator('body')) => ((await scope.locator('.viz-status__time').first().textContent()) ?? '').trim();
const timeOf = (s: string) => Number(/(\d+\.\d+) s/.exec(s)?.[1] ?? NaN);

/** Keeps polling until `read` has returned `n` different values. */
async function expectChanges(read: () => Promise<string>, n: number, what: string) {
  const seen = new Set<string>();
  await expect
    .poll(
      async () => {
        seen.add(await read());
        return seen.size;
      },
      { message: `${what} should keep changing while playing`, timeout: 30_000, intervals: [150] },
    )
    .toBeGreaterThanOrEqual(n);
}

test.describe('live and true', () => {
  test('while playing, the status, facts, charts and log keep refreshing after a broker stops, whatever the canvas does', async ({ page }) => {
    test.setTimeout(180_000);
    await page.goto(`${TRY}?scenario=broker-loss`);
    await page.locator('[data-viz-canvas]').waitFor();
    // Two brokers down: writes wait in the producer's buffer and are retried (retriable errors,
    // delivery.timeout.ms), so the log and charts keep changing (the case that froze the text)
    await page.getByRole('button', { name: 'Stop broker 1 (up)' }).click();
    await page.getByRole('button', { name: 'Stop broker 2 (up)' }).click();
    await expect(page.locator('[data-viz-log]')).toContainText('are retried');
    await expect(page.locator('[data-viz-status]')).toHaveAttribute('data-viz-status', 'playing');
    await expectChanges(() => status(page), 4, 'the status line');
    await expectChanges(async () => (await page.locator('[data-viz-summary]').textContent()) ?? '', 3, 'the summary');
    await expectChanges(async () => (await page.locator('[data-viz-charts] .ts-chart__line').first().getAttribute('d')) ?? '', 3, 'the first key chart');
    await expectChanges(async () => (await page.locator('[data-viz-log] li').last().textContent()) ?? '', 2, 'the log');
    // one event per line: no run-on lines joined with semicolons
    for (const line of await page.locator('[data-viz-log] li').allTextContents()) expect(line).not.toContain(';');
  });

  test('out of view it says "Paused (out of view)", and plays on when it comes back', async ({ page }) => {
    await page.goto('./#/learn/three-properties');
    const frames = page.locator('[data-interactive-frame="partition-visualiser"]');
    await expect(frames).toHaveCount(3);
    const last = frames.last();
    await expect(last.locator('[data-viz-status]')).toHaveAttribute('data-viz-status', 'away');
    await expect(last.locator('.viz-status__time')).toContainText('Paused (out of view)');
    await last.locator('[data-viz-canvas]').scrollIntoViewIfNeeded();
    await expect(last.locator('[data-viz-status]')).toHaveAttribute('data-viz-status', 'playing');
    await expectChanges(() => status(page, last), 3, 'the status of the visualiser in view');
    await page.evaluate(() => window.scrollTo(0, 0));
    await expect(last.locator('.viz-status__time')).toContainText('Paused (out of view)');
    const t = timeOf(await status(page, last));
    await page.waitForTimeout(800);
    expect(timeOf(await status(page, last))).toBe(t);
  });

  test('at any rate, every lane shows its newest records (the hot partition at 20x is not blank)', async ({ page }) => {
    await page.goto(`${TRY}?scenario=hot-partition`);
    await page.locator('[data-viz-canvas]').waitFor();
    await page.locator('[data-control="run.speed"]').selectOption('20');
    await expect.poll(async () => timeOf(await status(page)), { timeout: 30_000 }).toBeGreaterThan(15);
    // Colourful (key-coloured) pixels in the right quarter of each lane of the moving-marks canvas.
    const perLane = await page.locator('.viz-canvas__marks').evaluate((c: HTMLCanvasElement) => {
      const ctx = c.getContext('2d')!;
      const lanes = 12;
      const out: number[] = [];
      for (let l = 0; l < lanes; l++) {
        const y0 = Math.round((l * c.height) / lanes) + 2;
        const h = Math.max(1, Math.round(c.height / lanes) - 4);
        const x0 = Math.round(c.width * 0.75);
        const d = ctx.getImageData(x0, y0, c.width - x0 - 4, h).data;
        let coloured = 0;
        for (let i = 0; i < d.length; i += 4) {
          const [r, g, b, a] = [d[i]!, d[i + 1]!, d[i + 2]!, d[i + 3]!];
          if (a > 200 && Math.max(r, g, b) - Math.min(r, g, b) > 60) coloured++;
        }
        out.push(coloured / (d.length / 4));
      }
      return out;
    });
    for (const [lane, share] of perLane.entries()) expect(share, `lane ${lane} shows records`).toBeGreaterThan(0.2);
  });
});

test.describe('fits the screen', () => {
  for (const [w, h] of [
    [1366, 768],
    [1280, 720],
  ] as const) {
    test(`canvas, key charts and controls are visible together at ${w}x${h}, for every lesson scenario`, async ({ page }) => {
      test.setTimeout(120_000);
      await page.setViewportSize({ width: w, height: h });
      for (const id of lessonScenarios()) {
        await page.goto(`${TRY}?scenario=${id}`);
        await page.locator('[data-viz-canvas]').waitFor();
        await page.waitForTimeout(300);
        const box = await page.evaluate(() => {
          const header = document.querySelector('.site-header')?.getBoundingClientRect().bottom ?? 0;
          const stage = document.querySelector('.viz-stage')!;
          window.scrollTo(0, stage.getBoundingClientRect().top + window.scrollY - header - 4);
          const r = (sel: string) => document.querySelector(sel)!.getBoundingClientRect();
          return { header, innerHeight, canvas: r('.viz-canvas'), charts: r('[data-viz-charts]'), play: r('[data-control="run.play"]'), slider: r('[data-control="run.seek"]'), tabs: r('.viz-panel--tabs') };
        });
        for (const part of ['canvas', 'charts', 'play', 'slider', 'tabs'] as const) {
          expect(box[part].top, `${id}: top of ${part}`).toBeGreaterThanOrEqual(box.header - 1);
          expect(box[part].bottom, `${id}: bottom of ${part} at ${w}x${h}`).toBeLessThanOrEqual(box.innerHeight + 1);
        }
        await expect(page.locator('[data-viz-charts] figure')).toHaveCount(2);
      }
    });
  }

  test('phone (390 px, touch): nothing clipped on the canvas, no page-wide scrolling, no shortcut or presenter buttons', async ({ browser }) => {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true, deviceScaleFactor: 1 });
    const page = await context.newPage();
    for (const id of ['billing-and-audit', 'broker-loss', 'hot-partition']) {
      await page.goto(`${TRY}?scenario=${id}`);
      const canvas = page.locator('[data-viz-canvas]');
      await canvas.waitFor();
      await expect(canvas).toHaveAttribute('data-cut', '0');
      await expect(page.locator('[data-frame-tool="shortcuts"]')).toBeHidden();
      await expect(page.locator('[data-frame-tool="presenter"]')).toBeHidden();
      await expect(page.locator('.viz-panel__kbd').first()).toBeHidden();
      const widths = await page.evaluate(() => ({ page: document.scrollingElement!.scrollWidth, canvas: document.querySelector('[data-viz-canvas]')!.getBoundingClientRect().right }));
      expect(widths.page, `${id}: page width`).toBeLessThanOrEqual(390);
      expect(widths.canvas, `${id}: canvas right edge`).toBeLessThanOrEqual(390);
    }
    await page.locator('.viz-stage').evaluate((el) => el.scrollIntoView({ block: 'start' }));
    await page.waitForTimeout(400);
    await shot(page, 'visualiser-phone');
    await context.close();
  });
});

/** Everything the presenter stage shows, checked: in the 1280x720 viewport, large enough type, nothing cut. */
async function checkStage(page: Page, what: string) {
  const report = await page.evaluate(() => {
    const frame = document.querySelector<HTMLElement>('.interactive-frame--presenting')!;
    const problems: string[] = [];
    const doc = document.scrollingElement!;
    if (doc.scrollHeight > innerHeight + 1) problems.push(`page scrolls: ${doc.scrollHeight} > ${innerHeight}`);
    if (frame.scrollHeight > frame.clientHeight + 1) problems.push(`stage scrolls: ${frame.scrollHeight} > ${frame.clientHeight}`);
    if (frame.scrollWidth > frame.clientWidth + 1) problems.push(`stage scrolls sideways: ${frame.scrollWidth} > ${frame.clientWidth}`);
    const visible = (el: Element) => (el as HTMLElement).checkVisibility?.({ checkOpacity: true, checkVisibilityCSS: true }) ?? true;
    const hiddenByClip = (el: Element) => !!el.closest('.visually-hidden');
    for (const el of frame.querySelectorAll('*')) {
      if (!visible(el) || hiddenByClip(el) || el.closest('dialog, option, select option')) continue;
      const own = [...el.childNodes].some((n) => n.nodeType === 3 && (n.textContent ?? '').trim() !== '');
      const r = el.getBoundingClientRect();
      if (r.width === 0 || r.height === 0) continue;
      if (r.right > innerWidth + 1 || r.bottom > innerHeight + 1) problems.push(`${el.tagName}.${(el as HTMLElement).className} sticks out: ${Math.round(r.right)}x${Math.round(r.bottom)}`);
      if (!own) continue;
      const size = parseFloat(getComputedStyle(el).fontSize);
      if (el instanceof SVGTextElement) {
        const scale = el.getScreenCTM()?.a ?? 1;
        const min = el.classList.contains('ts-chart__tick') ? 14 : 18;
        if (size * scale < min - 0.01) problems.push(`svg text "${el.textContent}" is ${(size * scale).toFixed(1)} px`);
      } else if (size < 18 - 0.01) problems.push(`"${(el.textContent ?? '').trim().slice(0, 30)}" (${el.tagName}) is ${size} px`);
    }
    const canvas = frame.querySelector<HTMLCanvasElement>('[data-viz-canvas]');
    return { problems: [...new Set(problems)], cut: canvas?.dataset.cut, cutTexts: canvas?.dataset.cutTexts, minFont: Number(canvas?.dataset.minFont) };
  });
  expect(report.problems, what).toEqual([]);
  expect(report.cut, `${what}: labels cut short on the canvas: ${report.cutTexts}`).toBe('0');
  expect(report.minFont, `${what}: smallest type on the canvas`).toBeGreaterThanOrEqual(18);
}

test.describe('presenter mode', () => {
  for (const id of lessonScenarios()) {
    test(`one 1280x720 stage with canvas, two charts, log and fault buttons: ${id}`, async ({ page }) => {
      await page.goto(`${TRY}?scenario=${id}`);
      await page.locator('[data-viz-canvas]').waitFor();
      await page.keyboard.press('p');
      const stage = page.locator('.interactive-frame--presenting');
      await expect(stage).toBeVisible();
      // The scenario's first scripted moment (its end, for scenarios without a script), then pause.
      await page.keyboard.press('PageDown');
      await expect.poll(async () => timeOf(await status(page)), { timeout: 30_000 }).toBeGreaterThan(4);
      await page.keyboard.press(' ');
      await expect(stage.locator('[data-viz-status]')).toHaveAttribute('data-viz-status', 'paused');
      await expect(stage.locator('[data-viz-charts] figure')).toHaveCount(2);
      await expect(stage.locator('[data-viz-log]')).toBeVisible();
      await expect(stage.locator('[data-control="fault.stop-broker"]').first()).toBeVisible();
      await expect(stage.locator('[data-control="fault.crash-consumer"]')).toBeVisible();
      await page.waitForTimeout(500);
      await checkStage(page, id);
      await shot(page, `presenter-${id}`);
    });
  }
});

test.describe('keyboard', () => {
  test('Escape always leaves presenter mode; Space plays and pauses on the time slider; ← steps back; PageDown/PageUp go to scripted moments', async ({ page }) => {
    test.setTimeout(180_000);
    await page.goto(`${TRY}?scenario=broker-loss`);
    await page.locator('[data-viz-canvas]').waitFor();
    const presenting = page.locator('.interactive-frame--presenting');
    for (const target of ['[data-control="fault.poison"]', '[data-control="run.speed"]', '[data-control="run.play"]', '[data-control="fault.dlq"]']) {
      await page.keyboard.press('p');
      await expect(presenting).toBeVisible();
      await presenting.locator(target).focus();
      await page.keyboard.press('Escape');
      await expect(presenting, `Escape with ${target} focused`).toHaveCount(0);
    }
    const slider = page.locator('[data-control="run.seek"]');
    const state = page.locator('[data-viz-status]');
    await slider.focus();
    await expect(state).toHaveAttribute('data-viz-status', 'playing');
    await page.keyboard.press(' ');
    await expect(state).toHaveAttribute('data-viz-status', 'paused');
    await page.keyboard.press(' ');
    await expect(state).toHaveAttribute('data-viz-status', 'playing');
    await page.keyboard.press(' ');
    await expect(state).toHaveAttribute('data-viz-status', 'paused');

    // back to the start with the slider (Home is the slider's own key), whatever time it is now
    await slider.focus();
    await page.keyboard.press('Home');
    await expect(page.locator('.viz-status__time')).toContainText('at 0.00 s');
    await page.locator('h1').focus();
    await page.keyboard.press('PageDown');
    await expect(page.locator('.viz-status__time')).toContainText('at 10.00 s');
    await expect(page.locator('[data-viz-log]')).toContainText('broker 0 stopped');
    await page.keyboard.press('PageDown');
    await expect(page.locator('.viz-status__time')).toContainText('at 30.00 s');
    await page.keyboard.press('PageUp');
    await expect(page.locator('.viz-status__time')).toContainText('at 10.00 s');
    await page.keyboard.press('ArrowRight');
    await expect(page.locator('.viz-status__time')).toContainText('at 10.05 s');
    await page.keyboard.press('ArrowLeft');
    await expect(page.locator('.viz-status__time')).toContainText('at 10.00 s');
    await page.keyboard.press('ArrowLeft');
    await expect(page.locator('.viz-status__time')).toContainText('at 9.95 s');
    await expect(page.locator('[data-viz-summary]')).toContainText('All 3 brokers up');
  });

  test('every shortcut works wherever focus is, except the keys a focused control needs (which the list names)', async ({ page }) => {
    test.setTimeout(240_000);
    await page.goto(`${TRY}?scenario=billing-and-audit`);
    await page.locator('[data-viz-canvas]').waitFor();
    // the exceptions are listed with the shortcuts
    await page.keyboard.press('?');
    const dialog = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
    for (const t of KEY_EXCEPTIONS) await expect(dialog).toContainText(t);
    await page.keyboard.press('Escape');
    await expect(dialog).toBeHidden();

    const counter = page.locator('[data-key-status]');
    const count = async () => Number(await counter.getAttribute('data-key-status'));
    const keys = shortcutList(controlsFor(false)).map((s) => s.keys[0]!);
    const places: { name: string; focus: () => Promise<void>; owns: string[] }[] = [
      { name: 'the page', focus: () => page.locator('h1').focus(), owns: [] },
      { name: 'the time slider', focus: async () => page.locator('[data-control="run.seek"]').focus(), owns: ['ArrowLeft', 'ArrowRight', 'Home', 'End'] },
      { name: 'a checkbox', focus: async () => (await control(page, 'fault.dlq')).focus(), owns: [' ', 'Enter'] },
      { name: 'a button', focus: async () => page.locator('[data-control="run.restart"]').focus(), owns: [' ', 'Enter'] },
      { name: 'the event log', focus: () => page.locator('[data-viz-log]').focus(), owns: [] },
    ];
    for (const place of places) {
      for (const key of keys) {
        if (key === 'n' || key === '1') continue; // new run / another scenario: checked once below
        await place.focus();
        const before = await count();
        await page.keyboard.press(key);
        if (place.owns.includes(key)) await expect.poll(count, { message: `${JSON.stringify(key)} on ${place.name} is the control's` }).toBe(before);
        else await expect.poll(count, { message: `${JSON.stringify(key)} with focus on ${place.name}` }).toBeGreaterThan(before);
      }
    }
    for (const key of ['n', '2']) {
      await page.locator('[data-control="run.seek"]').focus();
      const before = await count();
      await page.keyboard.press(key);
      await expect.poll(count).toBeGreaterThan(before);
    }
    // the frame's own keys, from the slider too
    await page.locator('[data-control="run.seek"]').focus();
    await page.keyboard.press('p');
    await expect(page.locator('.interactive-frame--presenting')).toBeVisible();
    await page.keyboard.press('Escape');
    await page.locator('[data-control="run.seek"]').focus();
    await page.keyboard.press('?');
    await expect(dialog).toBeVisible();
  });
});

test.describe('diagrams', () => {
  test('no label of any diagram overlaps another or runs off the drawing', async ({ page }) => {
    const lessons = readdirSync('content/lessons').filter((f) => readFileSync(`content/lessons/${f}`, 'utf8').includes(':::diagram{'));
    expect(lessons.length).toBeGreaterThan(0);
    for (const f of lessons) {
      await page.goto(`./#/learn/${f.replace(/\.md$/, '')}`);
      const svgs = page.locator('.diagram-svg');
      await expect(svgs.first()).toBeVisible();
      for (const svg of await svgs.all()) {
        await svg.scrollIntoViewIfNeeded();
        const problems = await svg.evaluate((el: SVGSVGElement) => {
          const out: string[] = [];
          const frame = el.getBoundingClientRect();
          const texts = [...el.querySelectorAll('text')].map((t) => ({ t: t.textContent ?? '', r: t.getBoundingClientRect() }));
          for (const a of texts) if (a.r.left < frame.left - 1 || a.r.right > frame.right + 1 || a.r.top < frame.top - 1 || a.r.bottom > frame.bottom + 1) out.push(`"${a.t}" runs off the drawing`);
          for (let i = 0; i < texts.length; i++)
            for (let j = i + 1; j < texts.length; j++) {
              const a = texts[i]!.r;
              const b = texts[j]!.r;
              const overlap = Math.min(a.right, b.right) - Math.max(a.left, b.left) > 1 && Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top) > 1;
              if (overlap) out.push(`"${texts[i]!.t}" overlaps "${texts[j]!.t}"`);
            }
          return out;
        });
        expect(problems, f).toEqual([]);
      }
    }
  });
});

test.describe('home page', () => {
  test('"Continue" goes to the next unfinished section, not to the last one visited', async ({ page }) => {
    await page.goto('./#/learn/before-after');
    await page.getByLabel('I have finished this section').check();
    await page.goto('./#/learn/backpressure-propagation'); // a look ahead, last visited
    await page.goto('./');
    const cont = page.locator('[data-continue]');
    await expect(cont).toHaveText(/^Continue: /);
    await expect(cont).toHaveAttribute('href', /#\/learn\/async-decoupling$/);
  });
});

/// <reference lib="dom" />
import { type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { expect, test, expectNoAxeViolations, shot } from './fixtures';

// The in-browser lab, done as a learner does it: type each step's solution (the kit's own files),
// press Run, read the checks. Everything runs in the page's Web Worker against the simulator.
const lab = JSON.parse(readFileSync('content/labs/lab-3-1/lab.json', 'utf8')) as { steps: { id: string; title: string; cell: string; extra: boolean; checks: string[] }[] };
const solution = (cell: string) => readFileSync(`content/labs/lab-3-1/kit/src/${cell}.ts`, 'utf8');
const stepButton = (page: Page, title: string) => page.getByRole('navigation', { name: 'Lab steps' }).getByRole('button', { name: new RegExp(escape(title.replace(/^Go further: /, '')), 'i') });
const editor = (page: Page) => page.getByRole('textbox', { name: /^Code:/ });
/** The editor's text, line by line (CodeMirror draws each line as an element). */
const editorText = (page: Page) => page.locator('.lab-editor .cm-content').evaluate((el) => [...el.querySelectorAll('.cm-line')].map((l) => l.textContent ?? '').join('\n'));
/** What the page says when a step's checks all pass. */
const allPassed = (n: number) => (n === 1 ? '✓ The check passed.' : n === 2 ? '✓ Both checks passed.' : `✓ All ${n} checks passed.`);

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

test.describe('Lab 3.1 in the browser', () => {
  test('a learner completes every step by typing the solution, and keeps progress after a reload', async ({ page }) => {
    test.setTimeout(600_000); // five runs of real time each, on a loaded 2-core machine
    await page.goto('./#/labs/lab-3-1');
    await expect(page.getByRole('heading', { level: 1 })).toContainText('Lab 3.1');
    await expect(page.getByText('0 of 4 steps passed, 0 of 2 extra')).toBeVisible();

    // The starter code of step 1 runs, and its check fails with an observation and a hint.
    await page.getByRole('button', { name: /^Run step 1/ }).click();
    await expect(page.getByText('✗ The check did not pass.')).toBeVisible({ timeout: 20_000 });
    await expect(page.getByText('orders has 1 partition', { exact: false })).toBeVisible();
    await expect(page.getByText(/Ask for more partitions/)).toBeVisible();

    for (const step of lab.steps) {
      await stepButton(page, step.title).click();
      await editor(page).fill(solution(step.cell));
      await page.getByRole('button', { name: /^Run (step \d|this step)/ }).click();
      const viz = page.locator('.labviz');
      if (step.id === 'consumers') {
        // The view is live: while the code still runs, the picture and the table already show the groups.
        await expect
          .poll(() =>
            viz.evaluate((el) => {
              const running = /running: [\d.]+ s/.test(el.querySelector('h3')?.textContent ?? '');
              const heads = [...el.querySelectorAll('table th[scope="col"]')].map((th) => th.textContent ?? '');
              const canvas = el.querySelector('canvas[role="img"]');
              return running && heads.some((h) => h.startsWith('billing')) && /billing/.test(canvas?.getAttribute('aria-label') ?? '');
            }),
          )
          .toBe(true);
        await page.evaluate(() => window.scrollTo(0, document.querySelector('.lab-grid')!.getBoundingClientRect().top + window.scrollY - 12));
        await shot(page, 'lab-consumers-running');
      }
      await expect(page.getByText(allPassed(step.checks.length))).toBeVisible({ timeout: 120_000 });
      if (step.id === 'consumers') {
        // The visualiser's picture of the learner's topic and both groups, and the same facts as text.
        await expect(viz.getByText(/Topic orders: 6 partitions, 60 records written/)).toBeVisible();
        const canvas = viz.getByRole('img', { name: /Picture of topic orders: .*billing, audit|Picture of topic orders: .*audit, billing/ });
        await expect(canvas).toBeVisible();
        const drawn = await canvas.evaluate((c) => {
          const el = c as HTMLCanvasElement;
          const px = el.getContext('2d')!.getImageData(0, 0, el.width, el.height).data;
          const colours = new Set<number>();
          for (let i = 0; i < px.length; i += 4 * 37) colours.add((px[i]! << 16) | (px[i + 1]! << 8) | px[i + 2]!);
          return { height: el.getBoundingClientRect().height, colours: colours.size };
        });
        expect(drawn.height).toBeGreaterThan(200);
        expect(drawn.colours).toBeGreaterThan(5);
        const facts = viz.getByRole('table', { name: /Partitions of orders/ });
        for (let p = 0; p < 6; p++) await expect(facts.getByRole('rowheader', { name: `P${p}`, exact: true })).toBeVisible();
        await expect(facts.getByRole('columnheader', { name: /billing/ })).toBeVisible();
        await expect(facts.getByRole('columnheader', { name: /audit/ })).toBeVisible();
        // at the end both groups have read and committed everything
        expect(await facts.getByText(/, lag 0$/).count()).toBeGreaterThan(2);
        await expect(facts.getByText(/, lag [1-9]/)).toHaveCount(0);
        await expect(viz.locator('[data-group="billing"]')).toContainText('billing-1 owns P0 P1 P2 P3 P4 P5');
        // The code and the picture side by side at 1280x720, then the facts below the picture.
        await page.evaluate(() => window.scrollTo(0, document.querySelector('.lab-grid')!.getBoundingClientRect().top + window.scrollY - 12));
        await shot(page, 'lab-consumers-passed');
        await facts.evaluate((t) => t.closest('.labviz')!.querySelector('.labviz__summary')!.scrollIntoView({ block: 'start' }));
        await shot(page, 'lab-consumers-facts');
        // The picture follows the theme.
        await page.evaluate(() => {
          document.documentElement.dataset.theme = 'dark';
          document.querySelector('.lab-side')!.scrollTop = 0;
        });
        await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
        await page.evaluate(() => window.scrollTo(0, document.querySelector('.lab-grid')!.getBoundingClientRect().top + window.scrollY - 12));
        await shot(page, 'lab-consumers-dark');
        await expectNoAxeViolations(page, 'dark, after the consumers step');
        await page.evaluate(() => delete document.documentElement.dataset.theme);
        await expectNoAxeViolations(page, 'after the consumers step');
      }
    }
    // After the crash in the last step, billing's line says how many orders were delivered twice.
    await expect(page.locator('.labviz [data-group="billing"]')).toContainText(/delivered twice/);
    await page.evaluate(() => window.scrollTo(0, document.querySelector('.lab-grid')!.getBoundingClientRect().top + window.scrollY - 12));
    await shot(page, 'lab-idempotent-passed');
    await expect(page.getByText('4 of 4 steps passed, 2 of 2 extra')).toBeVisible();

    await page.reload();
    await expect(page.getByText('4 of 4 steps passed, 2 of 2 extra')).toBeVisible();
    const last = lab.steps[lab.steps.length - 1]!;
    await stepButton(page, last.title).click();
    // The code was kept in this browser, and the editor shows it (CodeMirror draws the lines in view: go to the end to see the last).
    const saved = await page.evaluate(() => JSON.parse(localStorage.getItem('streamlab:lab') ?? 'null') as { data: { code: Record<string, Record<string, string>> } } | null);
    expect(saved?.data.code['lab-3-1']?.[last.cell]).toBe(solution(last.cell));
    const lines = solution(last.cell).trimEnd().split('\n');
    await expect(editor(page)).toContainText(lines[0]!);
    await editor(page).focus();
    await page.keyboard.press('Control+End');
    await expect(editor(page)).toContainText(lines[lines.length - 2]!.trim());

    // The lesson's card shows the same progress.
    await page.goto('./#/learn/lab-3-1');
    await expect(page.getByText('4 of 4 steps passed')).toBeVisible();
    await expect(page.getByRole('link', { name: 'Continue the lab' })).toBeVisible();
    await page.locator('.lab-card').scrollIntoViewIfNeeded();
    await shot(page, 'lab-lesson-card');
    await expectNoAxeViolations(page, 'lesson card');
  });

  test('an exception shows its line, marked in the editor, and code from strings is refused', async ({ page }) => {
    await page.goto('./#/labs/lab-3-1');
    await editor(page).fill("import { Kafka } from 'kafkajs';\n\nconsole.log('before the error');\nthrow new Error('line four');\n");
    await page.getByRole('button', { name: /^Run step 1/ }).click();
    await expect(page.locator('.lab-error')).toHaveText(/^Your code threw an error\. line four \(create-topic\.ts, line 4\)/, { timeout: 20_000 });
    await expect(page.locator('.lab-editor .cm-lab-error-line')).toHaveAttribute('data-error-line', '4');
    await expect(page.locator('.lab-editor .cm-lab-error-line')).toHaveText("throw new Error('line four');");
    await page.getByRole('button', { name: 'Go to line 4' }).click();
    await expect(editor(page)).toBeFocused();
    await page.getByText(/Console output/).click();
    await expect(page.getByLabel('Console output')).toContainText('before the error');
    // A syntax error: said once, with its line.
    await editor(page).fill('const a = 1;\nconst b = ;\n');
    await page.getByRole('button', { name: /^Run step 1/ }).click();
    await expect(page.locator('.lab-error')).toHaveText(/^Your code could not be read\. Unexpected token \(create-topic\.ts, line 2\)/, { timeout: 20_000 });
    expect(await page.locator('.lab-error').textContent()).not.toMatch(/could not be read.*could not be read/);

    // No code from strings either (eval could reach a real dynamic import()).
    await editor(page).fill("try { (0, eval)('1'); console.log('eval ran'); } catch (e) { console.log('blocked', (e as Error).name); }\ntry { new Function('return 1'); } catch (e) { console.log('blocked', (e as Error).name); }\n");
    await page.getByRole('button', { name: /^Run step 1/ }).click();
    await expect(page.getByText('✗ The check did not pass.')).toBeVisible({ timeout: 20_000 });
    await page.getByText(/Console output/).click();
    await expect(page.getByLabel('Console output')).toContainText('blocked EvalError');
    await expect(page.getByLabel('Console output')).not.toContainText('eval ran');
  });

  test('code from a share link is shown but not run until the learner presses Run', async ({ page, context }) => {
    // axe scans take real time (over 30 s a scan on a busy machine); give them room
    test.setTimeout(180_000);
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    await page.goto('./#/labs/lab-3-1');
    await editor(page).fill(solution('create-topic').replace('numPartitions: 6', 'numPartitions: 3'));
    await page.getByRole('button', { name: 'Copy share link' }).click();
    const url = await page.getByRole('textbox', { name: 'Share link' }).inputValue();
    expect(url).toContain('#/labs/lab-3-1?s=');

    const other = await context.newPage();
    await other.goto(url);
    await expect(other.getByText(/has not been\s+run/)).toBeVisible();
    await expect(editor(other)).toContainText('numPartitions: 3');
    await expect(other.getByText('Not run yet', { exact: true })).toBeVisible();
    await expect(other.locator('.labviz')).toContainText('No topic yet');
    await expectNoAxeViolations(other, 'share link notice');
    await other.getByRole('button', { name: /^Run step 1/ }).click();
    await expect(other.getByText('✓ The check passed.')).toBeVisible({ timeout: 20_000 });
    await expect(other.getByText('orders has 3 partitions.')).toBeVisible();

    // A damaged link says so and falls back to the learner's own code.
    await other.goto(`${url.split('?s=')[0]}?s=AAAA`);
    await expect(other.getByText(/could not be opened/)).toBeVisible();
  });

  test('the lab page has no axe violations before a run, in light and dark themes, and offers the kit', async ({ page }) => {
    // axe scans take real time (over 30 s a scan on a busy machine); give them room
    test.setTimeout(180_000);
    await page.goto('./#/labs/lab-3-1');
    await expect(page.getByRole('button', { name: 'Download the kit (.zip)' })).toBeVisible();
    await expectNoAxeViolations(page, 'light');
    await shot(page, 'lab-page');
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Download the kit (.zip)' }).click();
    expect((await download).suggestedFilename()).toBe('lab-3-1-kit.zip');
    await page.evaluate(() => (document.documentElement.dataset.theme = 'dark'));
    await page.getByRole('button', { name: 'Show a solution' }).click();
    await expectNoAxeViolations(page, 'dark, solution shown');
  });

  test('the editor: Tab indents, Esc then Tab leaves it, Ctrl+Enter runs, and it can take the full width', async ({ page }) => {
    // axe scans take real time (over 30 s a scan on a busy machine); give them room
    test.setTimeout(180_000);
    await page.goto('./#/labs/lab-3-1');
    await expect(page.getByText(/press Esc then Tab/)).toBeVisible();
    await editor(page).focus();
    await page.keyboard.press('Control+End');
    await page.keyboard.type('if (true) {');
    await page.keyboard.press('Enter');
    await page.keyboard.press('Tab');
    await page.keyboard.type("console.log('indented');");
    // Enter after the brace indented the new line, and Tab indented it once more.
    expect((await editorText(page)).split('\n').slice(-2)).toEqual(['if (true) {', "    console.log('indented');"]);
    // Tab stayed in the editor; Escape then Tab moves on to the next control.
    await expect(editor(page)).toBeFocused();
    await page.keyboard.press('Escape');
    await page.keyboard.press('Tab');
    await expect(page.getByRole('button', { name: /^Run step 1/ })).toBeFocused();
    await page.keyboard.press('Shift+Tab');
    await expect(editor(page)).toBeFocused();
    // Ctrl+Enter runs the step (the brace is still open: the code cannot be read).
    await page.keyboard.press('Control+Enter');
    await expect(page.locator('.lab-error')).toContainText(/^Your code could not be read\./, { timeout: 20_000 });
    await expect(page.locator('.lab-editor .cm-scroller')).toBeVisible();

    // Full width: the editor spans the grid; the live view moves below it.
    const grid = page.locator('.lab-grid');
    const narrow = (await page.locator('.lab-editor').boundingBox())!.width;
    await page.getByRole('button', { name: 'Full-width editor' }).click();
    await expect(page.getByRole('button', { name: 'Full-width editor' })).toHaveAttribute('aria-pressed', 'true');
    const wide = (await page.locator('.lab-editor').boundingBox())!.width;
    expect(wide).toBeGreaterThan(narrow * 1.5);
    expect(wide).toBeGreaterThan((await grid.boundingBox())!.width * 0.9);
    await page.locator('.lab-editor').scrollIntoViewIfNeeded();
    await shot(page, 'lab-editor-full-width');
    await expectNoAxeViolations(page, 'full-width editor with an error marked');
  });

  test('passing a later step counts every earlier step whose checks hold in its run', async ({ page }) => {
    // two runs of real time (step 4's takes about 20 s); a busy machine needs room
    test.setTimeout(180_000);
    await page.goto('./#/labs/lab-3-1');
    // The learner writes steps 1 to 3 without running them (step 1 with one partition), then runs step 3.
    for (const step of lab.steps.slice(0, 3)) {
      await stepButton(page, step.title).click();
      await editor(page).fill(step.id === 'topic' ? solution(step.cell).replace('numPartitions: 6', 'numPartitions: 1') : solution(step.cell));
    }
    await page.getByRole('button', { name: /^Run step 3/ }).click();
    await expect(page.getByText(allPassed(3))).toBeVisible({ timeout: 120_000 });
    // Step 1's check fails in this run, and so does step 2's (one partition shows nothing about keys).
    await expect(page.locator('.lab-also')).toHaveCount(0);
    await expect(page.getByText('1 of 4 steps passed, 0 of 2 extra')).toBeVisible();
    // With six partitions, step 4's run also runs steps 1 to 3's files, and counts steps 1 and 2 as passed.
    await stepButton(page, lab.steps[0]!.title).click();
    await editor(page).fill(solution('create-topic'));
    await stepButton(page, lab.steps[3]!.title).click();
    await editor(page).fill(solution(lab.steps[3]!.cell));
    await page.getByRole('button', { name: /^Run step 4/ }).click();
    await expect(page.getByText('✓ The check passed.')).toBeVisible({ timeout: 120_000 });
    await expect(page.locator('.lab-also')).toHaveText(/^This run also passed steps 1 and 2:/);
    await expect(page.getByText('4 of 4 steps passed, 0 of 2 extra')).toBeVisible();
  });
});

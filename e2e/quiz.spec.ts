/// <reference lib="dom" />
import { type Locator, type Page } from '@playwright/test';
import { readFileSync, readdirSync } from 'node:fs';
import { parse } from 'yaml';
import { runPrediction } from '../src/quiz/predict.ts';
import { quizItemSchema, type QuizItem } from '../src/quiz/schema.ts';
import { expect, test, expectNoAxeViolations, shot } from './fixtures';

// The quiz, taken with the keyboard only. Answers come from the quiz files themselves (and, for
// "predict, then run" items, from running the same simulator code the page runs).
const items = new Map<string, QuizItem>();
for (const f of readdirSync('content/quiz').filter((x) => x.endsWith('.yaml'))) {
  for (const raw of parse(readFileSync(`content/quiz/${f}`, 'utf8')) as unknown[]) {
    const item = quizItemSchema.parse(raw);
    items.set(item.id, item);
  }
}

/** Deliberate mistakes and the score each one earns. */
const mistakes: Record<string, number> = {
  'sc-random-keys': 0, // a wrong single choice
  'failures-lag-value': 0, // an off-by-one number
  'backpressure-mechanisms': 2 / 3, // all three true statements plus one false: (3 - 1) / 3
  'predict-hot-partition-share': 0, // "even spread" prediction
};

async function isFocused(loc: Locator): Promise<boolean> {
  return loc.evaluate((el) => el === document.activeElement).catch(() => false);
}

/** Presses Tab until `target` has focus (keyboard only; fails after 80 presses). */
async function tabTo(page: Page, target: Locator): Promise<void> {
  for (let i = 0; i < 80; i++) {
    if (await isFocused(target)) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`could not reach ${target.toString()} with Tab`);
}

async function answer(page: Page, card: Locator, item: QuizItem, wrong: boolean): Promise<void> {
  switch (item.type) {
    case 'single': {
      const want = wrong ? item.choices.find((c) => !c.correct)! : item.choices.find((c) => c.correct)!;
      const radios = card.getByRole('radio');
      const values = await radios.evaluateAll((els) => els.map((e) => (e as HTMLInputElement).value));
      const k = values.indexOf(want.id);
      await tabTo(page, radios.first());
      if (k === 0) await page.keyboard.press('Space');
      for (let i = 0; i < k; i++) await page.keyboard.press('ArrowDown');
      await expect(card.locator(`input[value="${want.id}"]`)).toBeChecked();
      break;
    }
    case 'multiple': {
      const pick = item.choices.filter((c) => c.correct).map((c) => c.id);
      if (wrong) pick.push(item.choices.find((c) => !c.correct)!.id);
      for (const id of pick) {
        await tabTo(page, card.locator(`input[value="${id}"]`));
        await page.keyboard.press('Space');
      }
      break;
    }
    case 'numeric':
    case 'predict': {
      let value: number;
      if (item.type === 'numeric') value = wrong ? item.misconceptions[0]!.value : item.answer;
      else value = wrong ? item.misconceptions[0]!.value : runPrediction(item).value;
      await tabTo(page, card.getByRole('textbox'));
      await page.keyboard.type(String(value));
      break;
    }
    case 'ordering': {
      // selection sort with the Up buttons: bring each step to its place, top to bottom
      for (let i = 0; i < item.steps.length; i++) {
        const step = item.steps[i]!;
        const texts = await card.locator('.quiz-order__text').allTextContents();
        const j = texts.indexOf(step.text);
        if (j === i) continue;
        const up = card.getByRole('button', { name: `Move “${step.text}” up` });
        await tabTo(page, up);
        for (let n = 0; n < j - i; n++) await page.keyboard.press('Enter');
        await expect(card.locator('.quiz-order__text').nth(i)).toHaveText(step.text);
      }
      break;
    }
  }
  await tabTo(page, card.getByRole('button', { name: /Check answer|Commit prediction/ }));
  await page.keyboard.press('Enter');
  await expect(card.locator('.quiz-feedback')).toBeFocused();
}

test('a quiz taken by keyboard: graded answers, a reload mid-attempt, the score, the review and retry', async ({ page }) => {
  // Every quiz item is answered, so the time grows with the quiz (about 3 minutes on a busy 2-core machine).
  test.setTimeout(300_000);
  await page.goto('./#/quiz?seed=20261127');
  await expect(page.getByRole('heading', { level: 1, name: 'Check what you have learned' })).toBeVisible();
  await expectNoAxeViolations(page, 'quiz start');
  await shot(page, 'quiz-start');

  await tabTo(page, page.getByRole('button', { name: 'Start a new attempt' }));
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: 'Quiz attempt' })).toBeVisible();

  const total = items.size;
  const seen: string[] = [];
  let reloaded = false;
  for (let q = 0; q < total; q++) {
    const card = page.locator('article.quiz-q');
    await expect(card.locator('.quiz-q__meta')).toContainText(`Question ${q + 1} of ${total}`);
    const id = (await card.getAttribute('data-item-id'))!;
    const item = items.get(id)!;
    seen.push(id);
    await answer(page, card, item, id in mistakes);
    const verdict = card.locator('.quiz-feedback__verdict');
    if (id in mistakes) await expect(verdict).toContainText(mistakes[id]! > 0 ? 'Partly correct' : 'Not correct');
    else await expect(verdict).toContainText('Correct: 1 of 1 point');
    if (item.type === 'predict') await expect(card.locator('.quiz-feedback__run')).toContainText('the simulator produced');
    if (id === 'sc-random-keys') {
      await expect(card.getByRole('link', { name: 'Open the scenario in the visualiser' })).toHaveAttribute('href', /scenario=ordering-random-keys/);
      await shot(page, 'quiz-feedback');
      await expectNoAxeViolations(page, 'question with feedback');
    }

    if (q === 9 && !reloaded) {
      // half-way: reload and find every answer still there
      reloaded = true;
      await page.reload();
      await expect(page.locator('.quiz-progress')).toContainText(`10 of ${total} answered`);
      await expect(page.locator('article.quiz-q')).toHaveAttribute('data-item-id', id);
      await expect(page.locator('.quiz-feedback__verdict')).toBeVisible();
    }
    if (q < total - 1) {
      await tabTo(page, page.getByRole('button', { name: 'Next question →' }));
      await page.keyboard.press('Enter');
    }
  }
  expect(new Set(seen).size).toBe(total);

  await tabTo(page, page.getByRole('button', { name: 'Finish and see my score' }));
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: 'Your score' })).toBeVisible();
  const points = total - Object.keys(mistakes).length + Object.values(mistakes).reduce((a, b) => a + b, 0);
  const percent = Math.round((points / total) * 1000) / 10;
  await expect(page.locator('.quiz-score')).toHaveText(`${percent}%`);
  await expect(page.getByText(`${total - Object.keys(mistakes).length} of ${total} questions fully right`)).toBeVisible();
  // the summary names the sections of the missed questions
  const revisit = page.getByRole('heading', { name: 'Sections to revisit' }).locator('xpath=following-sibling::ul[1]');
  for (const section of ['Self-check', 'Backpressure', 'Common production failures']) await expect(revisit).toContainText(section);
  await expectNoAxeViolations(page, 'summary');
  await shot(page, 'quiz-summary');

  // export: the learner's name for handing in, a CSV with the fixed header and one row per question
  await page.getByLabel('Your name, as it should appear on what you hand in').fill('Ada Lovelace');
  const [csv] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download CSV' }).click()]);
  expect(csv.suggestedFilename()).toMatch(/^streamlab-quiz-ada-lovelace-\d{4}-\d{2}-\d{2}\.csv$/);
  const csvText = readFileSync(await csv.path(), 'utf8');
  const lines = csvText.trimEnd().split('\r\n');
  expect(lines[0]).toBe('attempt_id,attempt_kind,seed,started_at,finished_at,attempt_percent,question_number,item_id,section,type,answer,correct_answer,score,correct,learner_name');
  expect(lines).toHaveLength(total + 1);
  expect(lines.filter((l) => l.endsWith(',true,Ada Lovelace'))).toHaveLength(total - Object.keys(mistakes).length);
  const [json] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download JSON' }).click()]);
  const doc = JSON.parse(readFileSync(await json.path(), 'utf8')) as { format: string; learnerName: string; attempts: { seed: number; score: { percent: number } }[] };
  expect(doc.format).toBe('streamlab-quiz-results');
  expect(doc.learnerName).toBe('Ada Lovelace');
  expect(doc.attempts[0]).toMatchObject({ seed: 20261127, score: { percent } });

  // review: every answer, and the misses on their own
  await tabTo(page, page.getByRole('link', { name: 'Review all answers' }));
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: 'Quiz review' })).toBeVisible();
  await expect(page.locator('.quiz-review-item')).toHaveCount(total);
  await expect(page.locator('.facts')).toContainText('20261127');
  await tabTo(page, page.getByRole('checkbox', { name: 'Show only the questions I missed' }));
  await page.keyboard.press('Space');
  const missedCards = page.locator('.quiz-review-item');
  await expect(missedCards).toHaveCount(Object.keys(mistakes).length);
  const missedIds = await missedCards.evaluateAll((els) => els.map((e) => e.querySelector('h3')?.id ?? ''));
  expect(missedIds.length).toBe(Object.keys(mistakes).length);
  await expect(page.locator('.quiz-review-item--missed')).toHaveCount(Object.keys(mistakes).length);
  await expectNoAxeViolations(page, 'review');
  await shot(page, 'quiz-review');

  // retry only the missed ones
  await page.goto('./#/quiz');
  await tabTo(page, page.getByRole('button', { name: `Retry the ${Object.keys(mistakes).length} questions missed last time` }));
  await page.keyboard.press('Enter');
  await expect(page.locator('.quiz-q__meta')).toContainText(`Question 1 of ${Object.keys(mistakes).length}`);
  expect(Object.keys(mistakes)).toContain(await page.locator('article.quiz-q').getAttribute('data-item-id'));
});

test('invalid numbers are explained and not graded', async ({ page }) => {
  await page.goto('./#/quiz?seed=1');
  await page.getByRole('button', { name: 'Start a new attempt' }).click();
  // move to the first number question
  for (let i = 0; i < items.size; i++) {
    if ((await page.locator('article.quiz-q').getByRole('textbox').count()) > 0) break;
    await page.getByRole('button', { name: 'Next question →' }).click();
  }
  const box = page.locator('article.quiz-q').getByRole('textbox');
  await box.fill('lots');
  await page.getByRole('button', { name: /Check answer|Commit prediction/ }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'is not a number' })).toBeVisible();
  await expect(box).toHaveAttribute('aria-invalid', 'true');
  await expect(page.locator('.quiz-feedback__verdict')).toHaveCount(0);
  await box.fill('');
  await page.getByRole('button', { name: /Check answer|Commit prediction/ }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'Enter a number first.' })).toBeVisible();
});

test('a link with an invalid seed says so and still starts a fresh attempt', async ({ page }) => {
  for (const bad of ['abc', '-5', '99999999999']) {
    await page.goto(`./#/quiz?seed=${bad}`);
    await page.reload();
    await expect(page.getByRole('alert').filter({ hasText: `seed "${bad}" is not a whole number` })).toBeVisible();
  }
  await page.getByRole('button', { name: 'Start a new attempt' }).click();
  await expect(page.locator('article.quiz-q')).toBeVisible();
});

test('corrupted saved quiz data is reported and reset without crashing', async ({ page }) => {
  await page.goto('./');
  await page.evaluate(() => localStorage.setItem('streamlab:quiz', '{"app":"streamlab","slice":"quiz results","version":1,"data":{"current":42}}'));
  await page.goto('./#/quiz');
  await page.reload();
  await expect(page.getByRole('alert').filter({ hasText: 'Your saved quiz results could not be read' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Start a new attempt' })).toBeVisible();
});

test('the self-check lesson grades its four questions', async ({ page }) => {
  await page.goto('./#/learn/self-check');
  const frame = page.locator('[data-interactive-frame="quiz-self-check"]');
  await expect(frame.locator('article.quiz-q')).toHaveCount(4);
  const first = frame.locator('article.quiz-q').first();
  const item = items.get((await first.getAttribute('data-item-id'))!)!;
  if (item.type !== 'single') throw new Error('self-check items are single choice');
  await first.locator(`input[value="${item.choices.find((c) => c.correct)!.id}"]`).check();
  await first.getByRole('button', { name: 'Check answer' }).click();
  await expect(first.locator('.quiz-feedback__verdict')).toContainText('Correct');
  await expect(frame).toContainText('1 of 4 answered, 1 right.');
  await first.scrollIntoViewIfNeeded();
  await expectNoAxeViolations(page, 'self-check lesson');
  await shot(page, 'quiz-self-check');
});

import type { Locator } from '@playwright/test';
import { expect } from '../fixtures';
import { readFileSync, readdirSync } from 'node:fs';
import { parse } from 'yaml';
import { runPrediction } from '../../src/quiz/predict.ts';
import { quizItemSchema, type QuizItem } from '../../src/quiz/schema.ts';

/** Every quiz item in content/quiz, by id (the same files the page is built from). */
export function loadQuizItems(): Map<string, QuizItem> {
  const items = new Map<string, QuizItem>();
  for (const f of readdirSync('content/quiz').filter((x) => x.endsWith('.yaml'))) {
    for (const raw of parse(readFileSync(`content/quiz/${f}`, 'utf8')) as unknown[]) {
      const item = quizItemSchema.parse(raw);
      items.set(item.id, item);
    }
  }
  return items;
}

/**
 * Answers the question card on screen with the mouse, right (from the item's own answer key, or
 * for "predict, then run" items from running the simulator as the page does) or wrong, then
 * checks it and waits for the feedback.
 */
export async function answerByClicking(card: Locator, item: QuizItem, right: boolean): Promise<void> {
  switch (item.type) {
    case 'single': {
      const pick = right ? item.choices.find((c) => c.correct)! : item.choices.find((c) => !c.correct)!;
      await card.locator(`input[value="${pick.id}"]`).check();
      break;
    }
    case 'multiple': {
      const pick = item.choices.filter((c) => c.correct === right);
      for (const c of pick) await card.locator(`input[value="${c.id}"]`).check();
      break;
    }
    case 'numeric':
      await card.getByRole('textbox').fill(String(right ? item.answer : item.answer + 1000));
      break;
    case 'predict': {
      // a wrong prediction still inside the range the question accepts: the end farther from the truth
      const truth = runPrediction(item).value;
      await card.getByRole('textbox').fill(String(right ? truth : Math.abs(truth - item.min) > Math.abs(truth - item.max) ? item.min : item.max));
      break;
    }
    case 'ordering': {
      const want = right ? item.steps : [...item.steps].reverse();
      for (let i = 0; i < want.length; i++) {
        const step = want[i]!;
        for (let guard = 0; guard < 10; guard++) {
          const texts = await card.locator('.quiz-order__text').allTextContents();
          if (texts.indexOf(step.text) <= i) break;
          await card.getByRole('button', { name: `Move “${step.text}” up` }).click();
        }
      }
      break;
    }
  }
  await card.getByRole('button', { name: /Check answer|Commit prediction/ }).click();
  await expect(card.locator('.quiz-feedback__verdict')).toBeVisible();
}

import type { Page } from '@playwright/test';
import { expect } from '../fixtures';

/**
 * Checks the presenter stage (`.interactive-frame--presenting`) of any interactive, structurally:
 * - neither the page nor the stage scrolls (scrollHeight <= clientHeight, also sideways);
 * - nothing visible sticks out of the window;
 * - every visible text is at least 18 px (chart tick labels at least 14 px, scaled as drawn);
 * - no text is cut short: no element that clips its text overflows (scrollWidth > clientWidth
 *   with overflow other than visible), no text ends in an ellipsis ("c01 st…"), and no
 *   visualiser canvas label is cut (its data-cut count) or drawn under 18 px.
 * Fails with the list of problems found.
 */
export async function checkPresenterStage(page: Page, what: string): Promise<void> {
  const report = await page.evaluate(() => {
    const frame = document.querySelector<HTMLElement>('.interactive-frame--presenting');
    if (!frame) return { problems: ['no presenter stage'], cut: undefined, cutTexts: undefined, minFont: NaN };
    const problems: string[] = [];
    const doc = document.scrollingElement!;
    if (doc.scrollHeight > innerHeight + 1) problems.push(`page scrolls: ${doc.scrollHeight} > ${innerHeight}`);
    if (frame.scrollHeight > frame.clientHeight + 1) problems.push(`stage scrolls: ${frame.scrollHeight} > ${frame.clientHeight}`);
    if (frame.scrollWidth > frame.clientWidth + 1) problems.push(`stage scrolls sideways: ${frame.scrollWidth} > ${frame.clientWidth}`);
    const visible = (el: Element) => (el as HTMLElement).checkVisibility?.({ checkOpacity: true, checkVisibilityCSS: true }) ?? true;
    const hiddenByClip = (el: Element) => !!el.closest('.visually-hidden');
    const name = (el: Element) => `${el.tagName}.${typeof (el as HTMLElement).className === 'string' ? (el as HTMLElement).className : ''}`;
    for (const el of frame.querySelectorAll('*')) {
      if (!visible(el) || hiddenByClip(el) || el.closest('dialog, option, select option')) continue;
      const own = [...el.childNodes].some((n) => n.nodeType === 3 && (n.textContent ?? '').trim() !== '');
      const r = el.getBoundingClientRect();
      if (r.width <= 1 || r.height <= 1) continue; // empty, or visually hidden (read out only)
      if (r.right > innerWidth + 1 || r.bottom > innerHeight + 1) problems.push(`${name(el)} sticks out: ${Math.round(r.right)}x${Math.round(r.bottom)}`);
      if (!own) continue;
      const text = (el.textContent ?? '').trim();
      const cs = getComputedStyle(el);
      const size = parseFloat(cs.fontSize);
      if (el instanceof SVGTextElement) {
        const scale = el.getScreenCTM()?.a ?? 1;
        const min = el.classList.contains('ts-chart__tick') ? 14 : 18;
        if (size * scale < min - 0.01) problems.push(`svg text "${text}" is ${(size * scale).toFixed(1)} px`);
        const svg = el.ownerSVGElement?.getBoundingClientRect();
        if (svg && (r.left < svg.left - 1 || r.right > svg.right + 1 || r.top < svg.top - 1 || r.bottom > svg.bottom + 1)) problems.push(`svg text "${text}" runs off its drawing`);
      } else {
        if (size < 18 - 0.01) problems.push(`"${text.slice(0, 30)}" (${el.tagName}) is ${size} px`);
        const h = el as HTMLElement;
        const clips = cs.overflowX !== 'visible' || cs.textOverflow === 'ellipsis';
        if (clips && h.scrollWidth > h.clientWidth + 1 && !(el instanceof HTMLSelectElement) && !(el instanceof HTMLInputElement)) problems.push(`"${text.slice(0, 30)}" (${name(el)}) is cut: ${h.scrollWidth} > ${h.clientWidth}`);
      }
      if (/…$/.test(text) && !el.closest('select')) problems.push(`"${text.slice(0, 40)}" ends in an ellipsis`);
    }
    const canvas = frame.querySelector<HTMLCanvasElement>('[data-viz-canvas]');
    return { problems: [...new Set(problems)], cut: canvas?.dataset.cut, cutTexts: canvas?.dataset.cutTexts, minFont: Number(canvas?.dataset.minFont) };
  });
  expect(report.problems, what).toEqual([]);
  if (report.cut !== undefined) {
    expect(report.cut, `${what}: labels cut short on the canvas: ${report.cutTexts}`).toBe('0');
    expect(report.minFont, `${what}: smallest type on the canvas`).toBeGreaterThanOrEqual(18);
  }
}

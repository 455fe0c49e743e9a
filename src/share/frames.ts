/**
 * Resolves after the browser has drawn a frame (or at once-ish where no frames come: a hidden
 * page, or outside a browser), so work done between two awaits never holds a frame back.
 */
export function nextFrame(): Promise<void> {
  return new Promise((resolve) => {
    const g = globalThis as { requestAnimationFrame?: (cb: () => void) => number; document?: { visibilityState?: string } };
    if (g.requestAnimationFrame && g.document?.visibilityState !== 'hidden') g.requestAnimationFrame(() => setTimeout(resolve, 0));
    else setTimeout(resolve, 0);
  });
}

import { describe, expect, it } from 'vitest';
import { emptyView } from './session/frame.ts';
import { createViewFeed } from './viewFeed.ts';

describe('createViewFeed', () => {
  it('keeps the latest view and tells each subscriber until it unsubscribes', () => {
    const feed = createViewFeed(emptyView());
    const seen: number[] = [];
    const off = feed.subscribe(() => seen.push(feed.get().timeMs));
    feed.push({ ...emptyView(), timeMs: 100 });
    feed.push({ ...emptyView(), timeMs: 250 });
    off();
    feed.push({ ...emptyView(), timeMs: 400 });
    expect(seen).toEqual([100, 250]);
    expect(feed.get().timeMs).toBe(400);
  });
});

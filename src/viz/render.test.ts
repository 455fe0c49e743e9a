import { describe, expect, it } from 'vitest';
import { FALLBACK_PALETTE } from './colors';
import { computeLayout } from './layout';
import { createDrawState, drawFrame, easeEnds, fmtCount, marksRegion } from './render';
import { SimRunner } from './runner';

/** A stand-in 2D context that records the text drawn and counts fills. */
function recordingContext() {
  const texts: string[] = [];
  let fills = 0;
  const ctx = new Proxy(
    {},
    {
      get(_t, prop) {
        if (prop === 'fillText') return (s: string) => texts.push(s);
        if (prop === 'measureText') return (s: string) => ({ width: s.length * 6 });
        if (prop === 'fill' || prop === 'fillRect') return () => fills++;
        return () => undefined;
      },
      set() {
        return true;
      },
    },
  ) as unknown as CanvasRenderingContext2D;
  return { ctx, texts, fills: () => fills };
}

describe('drawFrame', () => {
  it('labels idle consumers, owners and lag in words on the canvas', () => {
    const r = new SimRunner({
      config: { topics: [{ name: 'orders', partitions: 4 }], producers: [{ id: 'web', topic: 'orders', ratePerSec: 100 }], groups: [{ id: 'g', topic: 'orders', consumers: 6 }] },
      seed: 1,
      timeline: [],
    });
    r.fastForward(8_000);
    const view = r.view();
    const L = computeLayout({ width: 1200, partitions: 4, groups: [{ id: 'g', members: 6 }], window: 64 });
    const ds = createDrawState();
    easeEnds(ds, view, 16, true);
    const { ctx, texts, fills } = recordingContext();
    drawFrame(ctx, view, L, FALLBACK_PALETTE, ds);
    expect(texts.filter((t) => t === 'idle')).toHaveLength(2);
    expect(texts.some((t) => /^P0 · b\d$/.test(t))).toBe(true);
    expect(texts.some((t) => t.includes('6 consumers') && t.includes('2 idle'))).toBe(true);
    expect(fills()).toBeGreaterThan(10);
  });

  it("heads each group's row with how it assigns: classic assignor and protocol, the broker's assignor (KIP-848), or a share group (KIP-932)", () => {
    const groups = [
      { id: 'old', topic: 'orders', consumers: 2 },
      { id: 'new', topic: 'orders', consumers: 2, type: 'consumer' as const },
      { id: 'queue', topic: 'orders', consumers: 2, type: 'share' as const },
    ];
    const r = new SimRunner({ config: { topics: [{ name: 'orders', partitions: 4 }], producers: [{ id: 'web', topic: 'orders', ratePerSec: 100 }], groups }, seed: 1, timeline: [] });
    r.fastForward(8_000);
    const view = r.view();
    const L = computeLayout({ width: 4000, partitions: 4, groups: groups.map((g) => ({ id: g.id, members: 2 })), window: 64 });
    const { ctx, texts } = recordingContext();
    drawFrame(ctx, view, L, FALLBACK_PALETTE, createDrawState());
    const head = (id: string) => texts.find((t) => new RegExp(`^\\d\\. ${id}: 2 consumers`).test(t)) ?? '';
    expect(head('old')).toContain(', range, eager');
    expect(head('new')).toContain(', consumer protocol, uniform on the broker');
    expect(head('new')).not.toMatch(/eager|cooperative/);
    expect(head('queue')).toContain(', share group');
    expect(head('queue')).not.toMatch(/eager|cooperative|range/);
  });
});

describe('marksRegion', () => {
  it('covers every lane between the marks edges and stays inside the picture', () => {
    const L = computeLayout({ width: 1280, partitions: 32, groups: [{ id: 'a', members: 12 }], window: 64 });
    const r = marksRegion(L);
    expect(r.x).toBeLessThanOrEqual(L.marksX0 - 2);
    expect(r.x + r.w).toBeGreaterThanOrEqual(L.marksX1 + 2);
    expect(r.y).toBeLessThanOrEqual(L.lanes[0]!.y);
    expect(r.y + r.h).toBeGreaterThanOrEqual(L.lanes[31]!.y + L.lanes[31]!.h);
    expect(r.x + r.w).toBeLessThan(L.columns[0]!.x); // the owner and lag columns are not covered
    expect(r.y + r.h).toBeLessThan(L.rows[0]!.y);
  });
});

describe('easeEnds', () => {
  it('snaps with reduced motion and eases otherwise', () => {
    const r = new SimRunner({ config: { topics: [{ name: 't', partitions: 1 }], producers: [{ id: 'p', topic: 't', ratePerSec: 200 }] }, seed: 1, timeline: [] });
    const ds = createDrawState();
    easeEnds(ds, r.view(), 16, false);
    r.fastForward(500);
    const end = r.view().topics[0]!.partitions[0]!.logEndOffset;
    expect(end).toBeGreaterThan(50);
    expect(easeEnds(ds, r.view(), 16, false)).toBe(true);
    expect(ds.shownEnd[0]).toBeGreaterThan(0);
    expect(ds.shownEnd[0]).toBeLessThan(end);
    easeEnds(ds, r.view(), 16, true);
    expect(ds.shownEnd[0]).toBe(end);
  });
});

describe('helpers', () => {
  it('shortens counts', () => {
    expect(fmtCount(999)).toBe('999');
    expect(fmtCount(1500)).toBe('1.5k');
    expect(fmtCount(25_000)).toBe('25k');
  });
});

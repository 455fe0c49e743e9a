import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { computeLayout, lagScale, markWidth, offsetScale } from './layout';

describe('computeLayout', () => {
  it('stacks one lane per partition without overlap, below the header', () => {
    const l = computeLayout({ width: 1000, partitions: 4, groups: [{ id: 'a', members: 6 }], window: 32 });
    expect(l.lanes).toHaveLength(4);
    for (let i = 1; i < l.lanes.length; i++) {
      const prev = l.lanes[i - 1]!;
      expect(l.lanes[i]!.y).toBeCloseTo(prev.y + prev.h);
    }
    expect(l.lanes[0]!.y).toBe(l.headerH);
  });

  it('places group columns to the right of the record marks and inside the width', () => {
    const l = computeLayout({ width: 900, partitions: 8, groups: [{ id: 'a', members: 2 }, { id: 'b', members: 3 }], window: 32 });
    expect(l.columns.map((c) => c.id)).toEqual(['a', 'b']);
    expect(l.columns[0]!.x).toBeGreaterThan(l.marksX1);
    const last = l.columns[1]!;
    expect(last.x + last.w).toBeLessThanOrEqual(l.width);
    expect(last.barX + last.barW).toBeLessThanOrEqual(last.x + last.w);
  });

  it('gives every member a chip, below the lanes, within the height', () => {
    const l = computeLayout({ width: 1280, partitions: 32, groups: [{ id: 'a', members: 12 }, { id: 'b', members: 12 }, { id: 'c', members: 12 }], window: 64 });
    const lanesBottom = l.lanes[31]!.y + l.lanes[31]!.h;
    expect(l.rows.map((r) => r.chips.length)).toEqual([12, 12, 12]);
    for (const r of l.rows) for (const c of r.chips) {
      expect(c.y).toBeGreaterThan(lanesBottom);
      expect(c.y + c.h).toBeLessThanOrEqual(l.height);
      expect(c.x + c.w).toBeLessThanOrEqual(l.width);
    }
  });

  it('uses larger type and thicker lines in presenter mode', () => {
    const a = computeLayout({ width: 1280, partitions: 4, groups: [], window: 32 });
    const b = computeLayout({ width: 1280, partitions: 4, groups: [], window: 32, large: true });
    expect(b.font).toBeGreaterThan(a.font);
    expect(b.line).toBeGreaterThan(a.line);
    expect(b.lanes[0]!.h).toBeGreaterThan(a.lanes[0]!.h);
  });

  it('never produces chips that overlap one another (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 280, max: 2000 }), fc.integer({ min: 1, max: 64 }), fc.array(fc.integer({ min: 0, max: 40 }), { maxLength: 4 }), (width, partitions, members) => {
        const l = computeLayout({ width, partitions, groups: members.map((m, i) => ({ id: `g${i}`, members: m })), window: 32 });
        const chips = l.rows.flatMap((r) => r.chips);
        for (let i = 0; i < chips.length; i++)
          for (let j = i + 1; j < chips.length; j++) {
            const a = chips[i]!;
            const b = chips[j]!;
            const overlap = a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
            if (overlap) return false;
          }
        return l.marksX1 > l.marksX0;
      }),
      { numRuns: 60 },
    );
  });
});

describe('scales', () => {
  const l = computeLayout({ width: 1000, partitions: 2, groups: [], window: 50 });
  it('puts the newest offset at the right edge and older ones to the left', () => {
    const x = offsetScale(l, 200);
    expect(x(200)).toBeCloseTo(l.marksX1);
    expect(x(150)).toBeCloseTo(l.marksX0);
    expect(x(175)).toBeCloseTo((l.marksX0 + l.marksX1) / 2);
    expect(x(10)).toBeCloseTo(l.marksX0); // clamped: far behind shows at the left edge
    expect(markWidth(l)).toBeCloseTo((l.marksX1 - l.marksX0) / 50);
  });
  it('lag bars grow with lag and saturate at the bar width', () => {
    const s = lagScale(1000, 80);
    expect(s(0)).toBe(0);
    expect(s(500)).toBeGreaterThan(0);
    expect(s(500)).toBeLessThan(s(1000));
    expect(s(1e9)).toBe(80);
  });
});

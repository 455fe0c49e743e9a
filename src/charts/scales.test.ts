import { describe, expect, it } from 'vitest';
import { layoutTimeSeries } from './scales';

describe('layoutTimeSeries', () => {
  const layout = { width: 200, height: 100, margin: { top: 0, right: 0, bottom: 0, left: 0 } };
  it('maps the time range across the width and values up from the bottom', () => {
    const lay = layoutTimeSeries([{ id: 'a', label: 'A', color: 'red', t: [0, 1000, 2000], v: [0, 5, 10] }], layout);
    expect(lay.x(0)).toBe(0);
    expect(lay.x(2000)).toBe(200);
    expect(lay.y(0)).toBe(100);
    expect(lay.y(10)).toBe(0);
    expect(lay.paths[0]?.d).toBe('M0.0,100.0L100.0,50.0L200.0,0.0');
  });
  it('clips shaded periods to the visible range and copes with no data', () => {
    const lay = layoutTimeSeries([{ id: 'a', label: 'A', color: 'red', t: [1000, 2000], v: [1, 1] }], layout, [{ fromMs: 0, toMs: 1500 }, { fromMs: 5000, toMs: 6000 }]);
    expect(lay.shadeRects).toEqual([{ x: 0, width: 100 }]);
    const empty = layoutTimeSeries([{ id: 'a', label: 'A', color: 'red', t: [], v: [] }], layout);
    expect(empty.paths[0]?.d).toBe('');
  });
});

import { extent, max, scaleLinear } from 'd3';

export interface Series {
  id: string;
  label: string;
  /** a CSS colour or var(--...) */
  color: string;
  t: readonly number[];
  /** null: unknown at that time; the line has a gap there */
  v: readonly (number | null)[];
  dashed?: boolean;
}

export interface Shade {
  fromMs: number;
  toMs: number;
}

export interface ChartLayout {
  width: number;
  height: number;
  margin: { top: number; right: number; bottom: number; left: number };
}

/** Pure layout of a time-series chart: scales, paths, ticks. Rendering is React's job. */
export function layoutTimeSeries(series: readonly Series[], layout: ChartLayout, shades: readonly Shade[] = [], yMin = 0, tMax?: number) {
  const { width, height, margin } = layout;
  const allT = series.flatMap((s) => s.t);
  const [t0 = 0, tLast = 1] = extent(allT) as [number | undefined, number | undefined];
  // The time axis may run on to "now" (tMax), past the last sample, so a live chart moves on
  // between samples instead of standing still.
  const t1 = tMax !== undefined && tMax > tLast ? tMax : tLast;
  const vMax = max(series.flatMap((s) => s.v.filter((v): v is number => v !== null))) ?? 1;
  const x = scaleLinear()
    .domain([t0, t1 > t0 ? t1 : t0 + 1000])
    .range([margin.left, width - margin.right]);
  const y = scaleLinear()
    .domain([yMin, Math.max(vMax, yMin + 1)])
    .nice(4)
    .range([height - margin.bottom, margin.top]);
  const paths = series.map((s) => {
    let d = '';
    let pen = false;
    for (let i = 0; i < s.t.length; i++) {
      const v = s.v[i];
      // an unknown value (null) breaks the line: nothing is drawn where nothing is known
      if (v === null || v === undefined) {
        pen = false;
        continue;
      }
      const px = x(s.t[i] ?? 0);
      const py = y(v);
      d += `${pen ? 'L' : 'M'}${px.toFixed(1)},${py.toFixed(1)}`;
      pen = true;
    }
    return { id: s.id, d };
  });
  const [d0, d1] = x.domain() as [number, number];
  const shadeRects = shades
    .filter((s) => s.toMs >= d0 && s.fromMs <= d1)
    .map((s) => {
      const a = x(Math.max(s.fromMs, d0));
      const b = x(Math.min(s.toMs, d1));
      return { x: a, width: Math.max(2, b - a) };
    });
  return { x, y, paths, shadeRects, yTicks: y.ticks(4), xTicks: x.ticks(5) };
}

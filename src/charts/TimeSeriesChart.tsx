import { useEffect, useId, useMemo, useRef, useState } from 'react';
import { layoutTimeSeries, type Series, type Shade } from './scales';
import './charts.css';

interface Props {
  title: string;
  series: Series[];
  /** unit shown after numbers, e.g. "records" or "ms" */
  unit: string;
  shades?: Shade[];
  shadeLabel?: string;
  height?: number;
  width?: number;
  formatTime?: (ms: number) => string;
  /** what a gap in a line (an unknown value) means, shown under the chart when there is one */
  unknownNote?: string;
  /** the time axis runs on to this moment (ms), past the last sample: a live chart keeps moving */
  tMax?: number;
  /** no sentence under the chart (it stays in the chart's accessible name and the table) */
  compact?: boolean;
}

/**
 * The element's width in CSS pixels, kept up to date: the chart draws in real pixels, so its type
 * is the size the stylesheet says at any width (a scaled viewBox would shrink it on narrow screens
 * and blow it up on wide ones).
 */
function useWidth(fallback: number): [React.RefObject<HTMLElement | null>, number] {
  const ref = useRef<HTMLElement | null>(null);
  const [w, setW] = useState(fallback);
  useEffect(() => {
    const el = ref.current;
    if (!el || typeof ResizeObserver === 'undefined') return undefined;
    const ro = new ResizeObserver(() => {
      const next = Math.round(el.clientWidth);
      if (next > 0) setW((prev) => (Math.abs(prev - next) >= 2 ? next : prev));
    });
    ro.observe(el);
    return () => ro.disconnect();
  }, []);
  return [ref, w];
}

const fmt = (n: number) => (Math.abs(n) >= 10_000 ? `${(n / 1000).toFixed(0)}k` : Math.abs(n) >= 1000 ? `${(n / 1000).toFixed(1)}k` : `${Math.round(n * 10) / 10}`);
const defaultTime = (ms: number) => `${Math.round(ms / 1000)}s`;
/** With a short time span whole seconds would repeat ("0s 0s 0s"), so show tenths. */
const fineTime = (ms: number) => `${(ms / 1000).toFixed(1)}s`;

/**
 * A line chart of time series with optional shaded periods. D3 computes the layout; React draws
 * SVG. The same facts are given in words (the figure's label) and in a table on request.
 */
const known = (v: readonly (number | null)[]) => v.filter((x): x is number => x !== null);
const cell = (v: number | null | undefined) => (v === null ? 'unknown' : fmt(v ?? 0));

export function TimeSeriesChart({ title, series, unit, shades = [], shadeLabel, height = 180, width: fallbackWidth = 560, formatTime = defaultTime, unknownNote, tMax, compact = false }: Props) {
  const uid = useId();
  const [ref, width] = useWidth(fallbackWidth);
  const margin = { top: 10, right: 14, bottom: 26, left: 54 };
  const lay = useMemo(() => layoutTimeSeries(series, { width, height, margin }, shades, 0, tMax), [series, width, height, shades, tMax]); // eslint-disable-line react-hooks/exhaustive-deps
  const latest = series.map((s) => {
    const k = known(s.v);
    return { label: s.label, value: s.v[s.v.length - 1], peak: k.length ? Math.max(...k) : undefined };
  });
  const summary = latest
    .map((l) =>
      l.value === undefined
        ? `${l.label}: no data yet`
        : l.value === null
          ? `${l.label}: now unknown${l.peak === undefined ? '' : `, peak of the known values ${fmt(l.peak)}`}`
          : `${l.label}: now ${fmt(l.value)} ${unit}, peak ${fmt(l.peak ?? 0)}`,
    )
    .join('; ');
  const hasUnknown = series.some((s) => s.v.some((v) => v === null));
  const rows = series[0]?.t.length ?? 0;
  const hasData = series.some((s) => s.t.length > 0);
  const [d0, d1] = lay.x.domain() as [number, number];
  // With a short time span whole seconds would repeat ("1s 1s 1s"): as many decimals as the ticks need.
  const tickStep = lay.xTicks.length > 1 ? lay.xTicks[1]! - lay.xTicks[0]! : d1 - d0;
  const tickTime = formatTime === defaultTime && d1 - d0 < 10_000 ? (tickStep >= 100 ? fineTime : (ms: number) => `${(ms / 1000).toFixed(2)}s`) : formatTime;
  const sampleIdx = Array.from({ length: Math.min(rows, 12) }, (_, i) => rows - Math.min(rows, 12) + i);
  return (
    <figure className={`ts-chart${compact ? ' ts-chart--compact' : ''}`} ref={ref as React.RefObject<HTMLElement>}>
      <figcaption className="ts-chart__title" id={`${uid}-t`}>
        {title}
      </figcaption>
      <ul className="ts-chart__legend" aria-hidden="true">
        {series.map((s) => (
          <li key={s.id}>
            <span className={`ts-chart__swatch${s.dashed ? ' ts-chart__swatch--dashed' : ''}`} style={{ background: s.dashed ? undefined : s.color, color: s.color }} />
            {s.label}
          </li>
        ))}
        {shades.length && shadeLabel ? (
          <li>
            <span className="ts-chart__swatch ts-chart__swatch--shade" />
            {shadeLabel}
          </li>
        ) : null}
      </ul>
      <svg viewBox={`0 0 ${width} ${height}`} width={width} height={height} className="ts-chart__svg" role="img" aria-label={`${title}. ${summary}.`}>
        {lay.shadeRects.map((r, i) => (
          <rect key={i} x={r.x} y={margin.top} width={r.width} height={height - margin.top - margin.bottom} className="ts-chart__shade" />
        ))}
        {lay.yTicks.map((t) => (
          <g key={t}>
            <line x1={margin.left} x2={width - margin.right} y1={lay.y(t)} y2={lay.y(t)} className="ts-chart__grid" />
            <text x={margin.left - 6} y={lay.y(t)} dy="0.32em" textAnchor="end" className="ts-chart__tick">
              {fmt(t)}
            </text>
          </g>
        ))}
        {hasData
          ? lay.xTicks.map((t) => {
              // a tick near the right edge is right-aligned to the edge, so its label is not cut
              const atEdge = lay.x(t) > width - margin.right - 20;
              return (
                <text key={t} x={atEdge ? width - 1 : lay.x(t)} y={height - 6} textAnchor={atEdge ? 'end' : 'middle'} className="ts-chart__tick">
                  {tickTime(t)}
                </text>
              );
            })
          : null}
        {lay.paths.map((p, i) => (
          <path key={p.id} d={p.d} className="ts-chart__line" stroke={series[i]?.color} strokeDasharray={series[i]?.dashed ? '6 4' : undefined} />
        ))}
      </svg>
      {compact ? null : <p className="ts-chart__summary">{summary}</p>}
      {hasUnknown && unknownNote ? <p className="ts-chart__note">{unknownNote}</p> : null}
      <details className="ts-chart__table">
        <summary>{compact ? 'Table' : 'Show the latest values as a table'}</summary>
        <div className="table-scroll" role="region" aria-label={`${title}: latest values`} tabIndex={0}>
          <table>
            <thead>
              <tr>
                <th scope="col">Time</th>
                {series.map((s) => (
                  <th scope="col" key={s.id}>
                    {s.label} ({unit})
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {sampleIdx.map((i) => (
                <tr key={i}>
                  <th scope="row">{formatTime(series[0]?.t[i] ?? 0)}</th>
                  {series.map((s) => (
                    <td key={s.id}>{cell(s.v[i])}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </figure>
  );
}

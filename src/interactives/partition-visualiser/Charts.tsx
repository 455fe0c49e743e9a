import { memo, useMemo } from 'react';
import { TimeSeriesChart } from '../../charts/TimeSeriesChart';
import type { SimView } from '../../sim';
import { chartSet, type ChartId } from '../../viz/chartData';

const TITLES: Record<ChartId, { title: string; unit: string; shaded: boolean; unknownNote?: string }> = {
  lag: {
    title: 'Consumer lag per group (max solid, total dashed)',
    unit: 'records',
    shaded: true,
    unknownNote: 'A gap: lag unknown (no committed offset yet; kafka-consumer-groups prints “-”), not zero.',
  },
  throughput: { title: 'Records in and out per second', unit: 'records/s', shaded: true },
  writes: { title: 'Writes per second: accepted and failed', unit: 'records/s', shaded: false },
  buffered: { title: 'Producer: records waiting in its buffer (retried or awaiting acknowledgement)', unit: 'records', shaded: false },
  latency: { title: 'Producer: longest wait for an acknowledgement in each second (seconds)', unit: 's', shaded: false },
  deadLetter: { title: 'Dead-lettered records', unit: 'records', shaded: false },
};
const OPTIONAL: readonly ChartId[] = ['buffered', 'latency'];

interface Props {
  view: SimView;
  /** which charts, in this order */
  ids: readonly ChartId[];
  /** px; presenter mode draws taller charts */
  height?: number;
  compact?: boolean;
  /** data-viz-charts marks the key charts (the ones beside the canvas) for tests */
  keyCharts?: boolean;
  /** fewer lines per chart (lag: the max per group only), so the legend stays one line (presenter mode, beside the canvas) */
  presenter?: boolean;
}

/**
 * Live charts. The data is recomputed whenever the view changes (the runner publishes several times
 * a second while playing): the time axis runs on to the current moment and lag has a live point
 * at "now", so the charts move with the animation instead of waiting for the next metrics sample.
 */
export const Charts = memo(function Charts({ view, ids, height = 150, compact = false, keyCharts = false, presenter = false }: Props) {
  const set = useMemo(() => chartSet(view), [view]);
  return (
    <div className={`viz-charts${compact ? ' viz-charts--compact' : ''}`} {...(keyCharts ? { 'data-viz-charts': '' } : { 'data-viz-more-charts': '' })}>
      {ids.map((id) => {
        const t = TITLES[id];
        const series = presenter && id === 'lag' ? set.lag.filter((x) => !x.dashed) : set[id];
        // the producer charts appear only where the view has producer metrics
        if (OPTIONAL.includes(id) && series.length === 0) return null;
        return (
          <TimeSeriesChart
            key={id}
            title={presenter && id === 'lag' ? 'Max consumer lag per group' : t.title}
            series={series}
            unit={t.unit}
            tMax={view.timeMs}
            height={height}
            compact={compact}
            {...(t.shaded ? { shades: set.shades, shadeLabel: 'rebalancing' } : {})}
            {...(t.unknownNote ? { unknownNote: t.unknownNote } : {})}
          />
        );
      })}
    </div>
  );
});

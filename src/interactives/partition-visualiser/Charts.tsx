import { memo, useMemo } from 'react';
import { TimeSeriesChart } from '../../charts/TimeSeriesChart';
import type { SimView } from '../../sim';
import { chartSet } from '../../viz/chartData';

/** Live charts, recomputed once per simulated second (the metrics' sampling period). */
export const Charts = memo(function Charts({ view, second }: { view: SimView; second: number }) {
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const set = useMemo(() => chartSet(view), [second, view.groups.length]);
  return (
    <div className="viz-charts" data-viz-charts="">
      <TimeSeriesChart
        title="Consumer lag per group (max solid, total dashed)"
        series={set.lag}
        unit="records"
        shades={set.shades}
        shadeLabel="rebalancing"
        unknownNote="A gap means unknown: a partition that holds records has no committed offset yet, so its lag cannot be measured (kafka-consumer-groups prints “-”). It is not zero."
      />
      <TimeSeriesChart title="Records in and out per second" series={set.throughput} unit="records/s" shades={set.shades} shadeLabel="rebalancing" />
      {set.buffered.length ? (
        <TimeSeriesChart title="Producer: records waiting in its buffer (retried or awaiting acknowledgement)" series={set.buffered} unit="records" />
      ) : null}
      {set.latency.length ? <TimeSeriesChart title="Producer: longest wait for an acknowledgement, per second" series={set.latency} unit="s" /> : null}
      <TimeSeriesChart title="Dead-lettered records" series={set.deadLetter} unit="records" />
    </div>
  );
}, (a, b) => a.second === b.second && a.view.groups.length === b.view.groups.length);

// @vitest-environment jsdom
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { TimeSeriesChart } from './TimeSeriesChart';

const ticks = (c: HTMLElement) => [...c.querySelectorAll('text.ts-chart__tick')].map((t) => t.textContent);

afterEach(cleanup);

describe('TimeSeriesChart', () => {
  it('says there is no data yet and draws no time axis labels before the first sample', () => {
    const { container } = render(<TimeSeriesChart title="Lag" unit="records" series={[{ id: 'a', label: 'billing max lag', color: 'red', t: [], v: [] }]} />);
    expect(screen.getByText('billing max lag: no data yet')).toBeInTheDocument();
    expect(ticks(container).filter((t) => t?.endsWith('s'))).toEqual([]);
  });

  it('labels a short time span in tenths of a second so labels do not repeat', () => {
    const { container } = render(<TimeSeriesChart title="Lag" unit="records" series={[{ id: 'a', label: 'lag', color: 'red', t: [0, 1000, 2000], v: [1, 5, 3] }]} />);
    const timeLabels = ticks(container).filter((t) => t?.endsWith('s'));
    expect(timeLabels.length).toBeGreaterThan(2);
    expect(new Set(timeLabels).size).toBe(timeLabels.length);
    expect(screen.getByRole('img')).toHaveAccessibleName(/lag: now 3 records, peak 5/);
  });
});

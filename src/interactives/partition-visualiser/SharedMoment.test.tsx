// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { encodeShare } from '../../share/link';
import type { SimConfig } from '../../sim';
import { SharedMoment } from './SharedMoment';
import type { OpenedShare } from './share';

afterEach(cleanup);

const link = (config: SimConfig, timeMs: number) => encodeShare('partition-visualiser', { scenario: 'large', seed: 1, config, timeline: [], timeMs, speed: 1, group: null });
const busy: SimConfig = { topics: [{ name: 't', partitions: 32 }], producers: [{ id: 'p', topic: 't', ratePerSec: 2000 }], groups: [{ id: 'g', topic: 't', consumers: 4 }] };
const show = (o: OpenedShare) => <p>{o.ok ? `opened at ${o.runner.timeMs} ms` : o.message}</p>;

describe('opening a shared moment', () => {
  it('shows progress, then the moment', async () => {
    render(<SharedMoment share={link(busy, 20_000)}>{show}</SharedMoment>);
    expect(screen.getByRole('heading', { name: 'Opening a shared moment' })).toBeInTheDocument();
    expect(screen.getByRole('progressbar', { name: 'Replayed so far' })).toBeInTheDocument();
    expect(await screen.findByText('opened at 20000 ms', undefined, { timeout: 30_000 })).toBeInTheDocument();
  }, 40_000);

  it('stops when the learner presses Cancel, and says so', async () => {
    render(<SharedMoment share={link(busy, 600_000)}>{show}</SharedMoment>);
    fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(await screen.findByText(/You cancelled opening the shared link/)).toBeInTheDocument();
  });

  it('refuses a link over the limits at once, naming the limit', async () => {
    render(<SharedMoment share={link({ ...busy, producers: [{ id: 'p', topic: 't', ratePerSec: 100_000 }] }, 1_800_000)}>{show}</SharedMoment>);
    expect(await screen.findByText(/a link may ask for at most 8,000,000/)).toBeInTheDocument();
    expect(screen.queryByRole('progressbar')).toBeNull();
  });
});

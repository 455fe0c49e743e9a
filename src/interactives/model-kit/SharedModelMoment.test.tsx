// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { encodeShare } from '../../share/link';
import { BP_DEFAULTS, backpressureModel, bpActionSchema, bpConfigSchema, type BpAction, type BpConfig, type BpState } from '../../sim/models/backpressure';
import { replay } from '../../sim/models/scenario';
import { MAX_SHARE_TICK, snapshotSchema } from './share';
import { SharedModelMoment, type OpenedModelShare } from './SharedModelMoment';
import type { RunnerSnapshot } from './useModelRunner';

afterEach(cleanup);

const schema = snapshotSchema(bpConfigSchema, bpActionSchema);
const link = (snap: RunnerSnapshot<BpConfig, BpAction>) => encodeShare('backpressure', snap);
// The heaviest moment a backpressure link can ask for: an hour at the highest rates, unbounded.
const heavy: RunnerSnapshot<BpConfig, BpAction> = {
  config: { ...BP_DEFAULTS, mechanism: 'unbounded', producerRate: 20_000, consumerRate: 10, slowdown: 20, heapMB: 100_000, baseMB: 1, recordKB: 0.1 },
  seed: 4,
  recording: [{ tick: 100, action: { type: 'set', params: { producerRate: 19_000 } } }],
  tick: MAX_SHARE_TICK,
};
let last: OpenedModelShare<BpConfig, BpState, BpAction> | null = null;
const show = (o: OpenedModelShare<BpConfig, BpState, BpAction>) => {
  last = o;
  return <p>{o.ok ? `opened at tick ${o.state.tick}` : o.message}</p>;
};
const gate = (encoded: string) => (
  <SharedModelMoment id="backpressure" encoded={encoded} model={backpressureModel} schema={schema} subject="the backpressure model">
    {show}
  </SharedModelMoment>
);

describe('opening a model share link', () => {
  it('opens a light link at once, with no progress panel', () => {
    render(gate(link({ config: BP_DEFAULTS, seed: 2, recording: [], tick: 30 })));
    expect(screen.getByText('opened at tick 30')).toBeInTheDocument();
    expect(screen.queryByRole('progressbar')).toBeNull();
  });

  it('replays a heavy link in slices with a progress bar, to exactly the state of replaying at once', async () => {
    last = null;
    // The first slice runs during render; a clock that moves 30 ms per reading keeps it to one
    // batch of steps however fast the machine is, so the progress panel is always shown first.
    let t = 0;
    const clock = vi.spyOn(performance, 'now').mockImplementation(() => (t += 30));
    try {
      render(gate(link(heavy)));
    } finally {
      clock.mockRestore();
    }
    expect(screen.getByRole('heading', { name: 'Opening a shared moment' })).toBeInTheDocument();
    expect(screen.getByRole('progressbar', { name: 'Replayed so far' })).toBeInTheDocument();
    expect(screen.getByText(/The link shows the backpressure model 60:00 into a run/)).toBeInTheDocument();
    expect(await screen.findByText(`opened at tick ${MAX_SHARE_TICK}`, undefined, { timeout: 60_000 })).toBeInTheDocument();
    const opened = last as OpenedModelShare<BpConfig, BpState, BpAction> | null;
    if (!opened?.ok) throw new Error('the heavy link did not open');
    expect(opened.state).toEqual(replay(backpressureModel, heavy.config, heavy.seed, heavy.recording, heavy.tick));
  }, 90_000);

  it('stops when the learner presses Cancel, and says so', async () => {
    // A clock that moves 30 ms per reading makes every slice one batch of steps, so the first
    // slice cannot finish the link on a fast machine and the Cancel button is always there.
    let t = 0;
    const clock = vi.spyOn(performance, 'now').mockImplementation(() => (t += 30));
    try {
      render(gate(link(heavy)));
      fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));
      expect(await screen.findByText(/You cancelled opening the shared link/)).toBeInTheDocument();
      expect(screen.queryByRole('progressbar')).toBeNull();
    } finally {
      clock.mockRestore();
    }
  });

  it('explains a damaged link at once', () => {
    render(gate('not-a-link'));
    expect(screen.getByText(/This share link could not be opened/)).toBeInTheDocument();
    expect(screen.queryByRole('progressbar')).toBeNull();
  });
});

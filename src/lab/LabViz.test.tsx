// @vitest-environment jsdom
import { act, fireEvent, render, screen, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { emptyView } from './session/frame.ts';
import { labs } from './lab-data.ts';
import { LabViz } from './LabViz.tsx';
import { runLab } from './session/inProcess.ts';
import type { LabView } from './runtime/types.ts';
import { runOptionsForStep } from './steps.ts';
import { createViewFeed } from './viewFeed.ts';

const lab = labs['lab-3-1']!;

async function consumersRun(): Promise<{ end: LabView; snapshots: LabView[] }> {
  const step = lab.steps.find((s) => s.id === 'consumers')!;
  const snapshots: LabView[] = [];
  const r = await runLab({ ...runOptionsForStep(lab, step, lab.solution), onView: (v) => snapshots.push(structuredClone(v)) });
  expect(r.error).toBeNull();
  return { end: r.view, snapshots };
}

describe('LabViz', () => {
  it('labels the picture and shows the same facts as a table: partitions, log ends, owners, committed offsets and lag', async () => {
    // jsdom has no 2D canvas: the picture stays blank here (the e2e test looks at it), the text must not.
    vi.spyOn(HTMLCanvasElement.prototype, 'getContext').mockReturnValue(null);
    const { end } = await consumersRun();
    const feed = createViewFeed(emptyView());
    const ui = render(<LabViz feed={feed} running={false} snapshots={[]} />);
    expect(screen.getByText(/No topic yet/)).toBeInTheDocument();
    act(() => feed.push(end));
    const fresh = ui;
    const img = within(fresh.container).getByRole('img');
    expect(img).toHaveAccessibleName(/Picture of topic orders: .*\(billing, audit\)/);
    const table = within(fresh.container).getByRole('table', { name: /Partitions of orders/ });
    const orders = end.topics.find((t) => t.name === 'orders')!;
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows).toHaveLength(orders.partitions.length);
    for (const p of orders.partitions) {
      const row = rows[p.id]!;
      const cells = within(row).getAllByRole('cell');
      expect(within(row).getByRole('rowheader')).toHaveTextContent(`P${p.id}`);
      expect(cells[0]).toHaveTextContent(String(p.logEnd));
      for (const [i, gid] of ['billing', 'audit'].entries()) {
        const g = end.groups.find((x) => x.id === gid)!;
        const c = g.committed[p.id];
        expect(cells[2 + i]).toHaveTextContent(`${gid}-1`);
        expect(cells[2 + i]).toHaveTextContent(c === null ? 'nothing committed' : `committed ${c}, lag ${g.lag[p.id]}`);
      }
    }
    expect(within(fresh.container).getByText(/Topic/, { selector: 'p' })).toHaveTextContent(`${orders.partitions.length} partitions, 60 records written`);
  }, 30_000);

  it('follows snapshots while running, at most a few times a second, and shows the end state at once', async () => {
    vi.spyOn(HTMLCanvasElement.prototype, 'getContext').mockReturnValue(null);
    const { end, snapshots } = await consumersRun();
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance'] });
    try {
      const withGroups = snapshots.filter((s) => s.groups.length === 2 && s.timeMs < end.timeMs);
      expect(withGroups.length).toBeGreaterThan(2);
      const feed = createViewFeed(emptyView());
      const ui = render(<LabViz feed={feed} running snapshots={[]} />);
      const badge = () => ui.container.querySelector('.labviz__badge')?.textContent ?? '';
      vi.advanceTimersByTime(1000);
      act(() => feed.push(withGroups[0]!));
      expect(badge()).toBe(`running: ${(withGroups[0]!.timeMs / 1000).toFixed(1)} s`);
      // two more snapshots within the throttle window: the text waits, then shows the latest
      act(() => feed.push(withGroups[1]!));
      act(() => feed.push(withGroups[2]!));
      expect(badge()).toBe(`running: ${(withGroups[0]!.timeMs / 1000).toFixed(1)} s`);
      act(() => vi.advanceTimersByTime(300));
      expect(badge()).toBe(`running: ${(withGroups[2]!.timeMs / 1000).toFixed(1)} s`);
      expect(within(ui.container).getByRole('table')).toBeInTheDocument();
      // the run ends: the final snapshot shows without waiting
      act(() => feed.push(end));
      ui.rerender(<LabViz feed={feed} running={false} snapshots={[]} />);
      expect(badge()).toBe(`after ${(end.timeMs / 1000).toFixed(1)} s`);
    } finally {
      vi.useRealTimers();
    }
  });

  it('after a run, a slider and Play go back through the snapshots the run kept', async () => {
    vi.spyOn(HTMLCanvasElement.prototype, 'getContext').mockReturnValue(null);
    const { end, snapshots } = await consumersRun();
    const feed = createViewFeed(end);
    const ui = render(<LabViz feed={feed} running={false} snapshots={snapshots} />);
    const slider = within(ui.container).getByRole('slider', { name: 'Go back through the run' });
    expect(slider).toHaveValue(String(snapshots.length - 1));
    const badge = () => ui.container.querySelector('.labviz__badge')?.textContent ?? '';
    expect(badge()).toBe(`after ${(end.timeMs / 1000).toFixed(1)} s`);
    // Back to the moment audit had read some orders and billing fewer: the picture and table follow.
    const i = snapshots.findIndex((s) => s.groups.length === 2 && s.groups.every((g) => g.processed > 0) && s.groups[0]!.processed !== s.groups[1]!.processed);
    expect(i).toBeGreaterThan(0);
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance'] });
    try {
      act(() => {
        fireEvent.change(slider, { target: { value: String(i) } });
      });
      act(() => vi.advanceTimersByTime(300));
      expect(feed.get()).toBe(snapshots[i]);
      expect(badge()).toBe(`at ${(snapshots[i]!.timeMs / 1000).toFixed(1)} s of ${(end.timeMs / 1000).toFixed(1)} s`);
      expect(slider).toHaveAttribute('aria-valuetext', `${(snapshots[i]!.timeMs / 1000).toFixed(1)} s of ${(end.timeMs / 1000).toFixed(1)} s`);
      const billing = snapshots[i]!.groups.find((g) => g.id === 'billing')!;
      expect(ui.container.querySelector('[data-group="billing"]')).toHaveTextContent(`(${billing.members[0]!.processed} handled)`);
    } finally {
      vi.useRealTimers();
    }
    expect(within(ui.container).getByRole('button', { name: 'Play' })).toBeInTheDocument();
  });
});

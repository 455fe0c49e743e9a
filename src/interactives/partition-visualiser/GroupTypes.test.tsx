// @vitest-environment jsdom
import { cleanup, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { createSimulation, runUntil, snapshotView, type SimConfig } from '../../sim';
import { GroupTypePanels } from './GroupTypes';
import { findScenario } from './scenarios';

function viewAt(id: string, ms: number) {
  const s = findScenario(id)!;
  const state = createSimulation(s.config as SimConfig, s.seed);
  runUntil(state, s.actions, ms);
  return snapshotView(state);
}

afterEach(cleanup);

describe('GroupTypePanels', () => {
  it('compares the paused partition-seconds of the churn scenario: eager most, the consumer protocol least', () => {
    const view = viewAt('churn-three-protocols', 30_000);
    render(<GroupTypePanels view={view} />);
    const section = screen.getByRole('region', { name: 'Paused partition-time so far, by protocol' });
    const items = within(section).getAllByRole('listitem');
    expect(items.map((li) => li.getAttribute('data-paused-group'))).toEqual(['eager', 'cooperative', 'kip848']);
    const secs = items.map((li) => Number(li.querySelector('[data-paused-seconds]')!.textContent));
    // the text is the simulator's pausedMs (weighted by the share of partitions paused) times the partition count
    const expected = view.groups.map((g) => Math.round((g.pausedMs * 6) / 100) / 10);
    expect(secs).toEqual(expected);
    expect(secs[0]!).toBeGreaterThan(secs[1]!);
    expect(secs[1]!).toBeGreaterThan(secs[2]!);
    expect(items[2]!.textContent).toMatch(/consumer protocol \(KIP-848\).*the least$/);
  });

  it('shows no comparison where the groups rebalance alike, and nothing at all for classic groups alone', () => {
    const { container } = render(<GroupTypePanels view={viewAt('billing-and-audit', 5_000)} />);
    expect(container.innerHTML).toBe('');
    render(<GroupTypePanels view={viewAt('share-four-partitions-six-consumers', 5_000)} />);
    expect(screen.queryByRole('region', { name: /Paused partition-time/ })).toBeNull();
    expect(screen.getByRole('region', { name: 'workers: share group (KIP-932)' })).toBeTruthy();
  });
});

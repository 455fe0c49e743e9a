// @vitest-environment jsdom
import { fireEvent, render, screen, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { SimRunner } from '../viz/runner';
import { ControlPanel } from './ControlPanel';
import { controls, controlsFor, type ControlContext } from './registry';

function setup(embedded = false) {
  const r = new SimRunner({
    config: { topics: [{ name: 'orders', partitions: 4 }], producers: [{ id: 'web', topic: 'orders', ratePerSec: 100 }], groups: [{ id: 'billing', topic: 'orders', consumers: 2 }] },
    seed: 1,
    timeline: [],
  });
  r.fastForward(4000);
  const ctx: ControlContext = {
    view: r.view(),
    playing: false,
    speed: 1,
    maxReachedMs: r.maxReachedMs,
    seed: 1,
    config: r.setup.config,
    scenarioId: 'x',
    scenarios: [{ id: 'x', title: 'X' }],
    group: 'billing',
  };
  const onEffect = vi.fn(() => null);
  const list = controlsFor(embedded);
  const utils = render(<ControlPanel controls={list} ctx={ctx} onEffect={onEffect} />);
  return { ...utils, onEffect, list };
}

// Role queries compute accessible names, which is slow in jsdom on a busy machine.
describe('ControlPanel', { timeout: 20_000 }, () => {
  it('renders every control of the set with a label and its registry id', () => {
    const { container, list } = setup();
    expect(list).toBe(controls);
    for (const c of list) {
      const el = container.querySelector(`[data-control="${c.id}"]`);
      expect(el, c.id).not.toBeNull();
      // every control has an accessible name
      if (el instanceof HTMLButtonElement) expect(el.textContent?.trim().length).toBeGreaterThan(0);
      else expect((el as HTMLInputElement).labels?.length ?? 0, c.id).toBeGreaterThan(0);
    }
  });

  it('shows a clear message for an invalid value and does not apply it', () => {
    const { container, onEffect } = setup();
    const input = container.querySelector<HTMLInputElement>('[data-control="topic.partitions"]')!;
    fireEvent.change(input, { target: { value: '2' } });
    fireEvent.keyDown(input, { key: 'Enter' });
    expect(screen.getByText('Partitions: must be between 4 and 256.')).toBeInTheDocument();
    expect(input).toHaveAttribute('aria-invalid', 'true');
    expect(onEffect).not.toHaveBeenCalled();
    fireEvent.change(input, { target: { value: '' } });
    fireEvent.keyDown(input, { key: 'Enter' });
    expect(screen.getByText('Partitions: enter a number.')).toBeInTheDocument();
    expect(onEffect).not.toHaveBeenCalled();
  });

  it('applies a valid value as a simulator action and clears the message', () => {
    const { container, onEffect } = setup();
    const input = container.querySelector<HTMLInputElement>('[data-control="topic.partitions"]')!;
    fireEvent.change(input, { target: { value: '2' } });
    fireEvent.keyDown(input, { key: 'Enter' });
    fireEvent.change(input, { target: { value: '8' } });
    fireEvent.keyDown(input, { key: 'Enter' });
    expect(onEffect).toHaveBeenCalledTimes(1);
    expect(onEffect.mock.calls[0]).toEqual([expect.objectContaining({ id: 'topic.partitions' }), { kind: 'action', action: { type: 'topic/set-partitions', topic: 'orders', partitions: 8 } }]);
    expect(screen.queryByText(/Partitions: must be/)).toBeNull();
  });

  it('a control that cannot be used now explains why instead of acting', () => {
    const { container, onEffect } = setup(true);
    const btn = container.querySelector<HTMLButtonElement>('[data-control="fault.start-broker"]')!;
    expect(btn).toHaveAttribute('aria-disabled', 'true');
    fireEvent.click(btn);
    expect(screen.getByText('Restart a stopped broker: no broker is stopped')).toBeInTheDocument();
    expect(onEffect).not.toHaveBeenCalled();
  });
  it('offers one stop button per broker with its state, and stops the broker clicked', () => {
    const { container, onEffect } = setup(true);
    // role queries are slow in jsdom: look only inside the faults section
    const ui = within(container.querySelector<HTMLElement>('[data-section="fault"]')!);
    const buttons = [...container.querySelectorAll<HTMLButtonElement>('[data-control="fault.stop-broker"]')];
    expect(buttons.map((b) => b.textContent)).toEqual(['Stop broker 0 (up)', 'Stop broker 1 (up)', 'Stop broker 2 (up)']);
    expect(ui.getByRole('group', { name: /Stop a broker/ })).toContainElement(buttons[1]!);
    fireEvent.click(ui.getByRole('button', { name: 'Stop broker 1 (up)' }));
    expect(onEffect).toHaveBeenCalledWith(expect.objectContaining({ id: 'fault.stop-broker' }), { kind: 'action', action: { type: 'broker/stop', broker: 1 } });
  });

  it('the poison partition is checked, sent only on Send or Enter, and kept in the field', () => {
    const { container, onEffect } = setup(true);
    const ui = within(container.querySelector<HTMLElement>('[data-section="fault"]')!);
    const input = container.querySelector<HTMLInputElement>('[data-control="fault.poison"]')!;
    expect(input.labels?.[0]?.textContent).toContain('Poison record to partition');
    fireEvent.change(input, { target: { value: '9' } });
    fireEvent.blur(input);
    expect(onEffect).not.toHaveBeenCalled();
    fireEvent.click(ui.getByRole('button', { name: 'Send a poison record' }));
    expect(ui.getByText('Poison record to partition: the topic has 4 partitions, numbered 0 to 3.')).toBeInTheDocument();
    expect(input).toHaveAttribute('aria-invalid', 'true');
    expect(onEffect).not.toHaveBeenCalled();
    fireEvent.change(input, { target: { value: '2' } });
    fireEvent.keyDown(input, { key: 'Enter' });
    expect(onEffect).toHaveBeenCalledTimes(1);
    expect(onEffect).toHaveBeenLastCalledWith(expect.objectContaining({ id: 'fault.poison' }), { kind: 'action', action: { type: 'record/poison', topic: 'orders', partition: 2 } });
    expect(input.value).toBe('2');
    expect(ui.queryByText(/the topic has 4 partitions/)).toBeNull();
    fireEvent.click(ui.getByRole('button', { name: 'Send a poison record' }));
    expect(onEffect).toHaveBeenCalledTimes(2);
  });
});

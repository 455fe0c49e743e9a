// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { NumberField, handleRunKey, nativeKey } from './controls';

afterEach(cleanup);

describe('NumberField', () => {
  const setup = () => {
    const onChange = vi.fn();
    render(<NumberField label="Producer rate" unit="records/s" value={3000} min={10} max={20000} onChange={onChange} />);
    return { onChange, box: screen.getByRole('textbox', { name: 'Producer rate' }) };
  };

  it('applies a valid typed value', () => {
    const { onChange, box } = setup();
    fireEvent.change(box, { target: { value: '4500' } });
    fireEvent.keyDown(box, { key: 'Enter' });
    expect(onChange).toHaveBeenCalledWith(4500);
    expect(box).not.toHaveAttribute('aria-invalid');
  });

  it.each([
    ['', /Enter a number from 10 to/],
    ['abc', /"abc" is not a plain decimal number/],
    ['0x10', /"0x10" is not a plain decimal number/],
    ['1e3', /"1e3" is not a plain decimal number/],
    ['1' + '0'.repeat(308), /^1 × 10³⁰⁸ is out of range/],
    ['9'.repeat(100_000), /^"9{32}…" is far too large/],
    ['999999', /out of range/],
    ['12.5', /whole number/],
  ])('refuses %j with a message and keeps the old value', (raw, message) => {
    const { onChange, box } = setup();
    fireEvent.change(box, { target: { value: raw } });
    fireEvent.blur(box);
    expect(onChange).not.toHaveBeenCalled();
    expect(box).toHaveAttribute('aria-invalid', 'true');
    const describedBy = box.getAttribute('aria-describedby')!.split(' ')[0]!;
    const shown = document.getElementById(describedBy)!.textContent!;
    expect(shown).toMatch(message);
    expect(shown.length).toBeLessThan(160);
    expect(screen.getByRole('slider')).toHaveAttribute('aria-valuetext', '3,000 records/s');
  });
});

describe('run keys', () => {
  const key = (k: string, target: HTMLElement) => {
    const e = new KeyboardEvent('keydown', { key: k });
    Object.defineProperty(e, 'target', { value: target });
    return e;
  };
  it('leave Space and arrows to a focused control, and handle them elsewhere', () => {
    const radio = document.createElement('input');
    radio.type = 'radio';
    const button = document.createElement('button');
    const div = document.createElement('div');
    expect(nativeKey(key(' ', radio))).toBe(true);
    expect(nativeKey(key('ArrowRight', radio))).toBe(true);
    expect(nativeKey(key('Enter', button))).toBe(true);
    expect(nativeKey(key(' ', div))).toBe(false);
    const r = { setPlaying: vi.fn(), step: vi.fn(), stepBack: vi.fn(), reset: vi.fn(), speed: 1, setSpeed: vi.fn(), state: { tick: 50 }, seek: vi.fn(), moments: [0, 30, 120] };
    expect(handleRunKey(key(' ', button), r)).toBe(false);
    expect(r.setPlaying).not.toHaveBeenCalled();
    expect(handleRunKey(key(' ', div), r)).toBe(true);
    expect(r.setPlaying).toHaveBeenCalledTimes(1);
    expect(handleRunKey(key('+', div), r)).toBe(true);
    expect(r.setSpeed).toHaveBeenCalledWith(2);
    expect(handleRunKey(key('ArrowLeft', div), r)).toBe(true);
    expect(r.stepBack).toHaveBeenCalledTimes(1);
    // a clicker's buttons go to the experiment's next and previous moments
    expect(handleRunKey(key('PageDown', div), r)).toBe(true);
    expect(r.seek).toHaveBeenLastCalledWith(120);
    expect(handleRunKey(key('PageUp', div), r)).toBe(true);
    expect(r.seek).toHaveBeenLastCalledWith(30);
  });
});

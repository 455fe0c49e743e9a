import { describe, expect, it } from 'vitest';
import { clipForMessage, formatNumber, QUOTE_MAX_CHARS, readDecimal } from './number';

describe('readDecimal', () => {
  it.each([
    ['42', 42],
    [' -3.5 ', -3.5],
    ['+7', 7],
    ['.5', 0.5],
    ['2.', 2],
    ['8,250', 8250],
    ['1 800 000', 1_800_000],
    ['1\u202f000', 1000],
    ['1_000', 1000],
    ['-0', 0],
    ['1' + '0'.repeat(308), 1e308],
  ])('reads %j as %d', (raw, value) => {
    expect(readDecimal(raw)).toEqual({ ok: true, value });
  });

  it.each(['0x10', '0X1f', '0b11', '0o17', '1e3', '1E-2', 'Infinity', '-Infinity', 'NaN', 'abc', '1,2,3', '12,34', '1.2.3', '--1', '1-', '٣', '١٠'])('refuses %j as not a plain decimal', (raw) => {
    expect(readDecimal(raw)).toEqual({ ok: false, reason: 'not-decimal' });
  });

  it('says empty and too large apart', () => {
    expect(readDecimal('   ')).toEqual({ ok: false, reason: 'empty' });
    expect(readDecimal('9'.repeat(400))).toEqual({ ok: false, reason: 'too-large' });
  });

  it('reads a 100,000-character paste without trouble', () => {
    expect(readDecimal('9'.repeat(100_000))).toEqual({ ok: false, reason: 'too-large' });
    expect(readDecimal('x'.repeat(100_000))).toEqual({ ok: false, reason: 'not-decimal' });
  });
});

describe('formatNumber', () => {
  it('groups thousands and limits decimals', () => {
    expect(formatNumber(8250)).toBe('8,250');
    expect(formatNumber(1 / 3)).toBe('0.333');
    expect(formatNumber(2.5, 0)).toBe('3');
    expect(formatNumber(999_999_999_999_999)).toBe('999,999,999,999,999');
  });
  it('prints huge numbers in scientific form, never as a row of hundreds of digits', () => {
    expect(formatNumber(1e308)).toBe('1 × 10³⁰⁸');
    expect(formatNumber(-1.2345e21)).toBe('-1.23 × 10²¹');
    expect(formatNumber(Number.MAX_VALUE).length).toBeLessThan(16);
  });
  it('names NaN and the infinities', () => {
    expect(formatNumber(NaN)).toBe('not a number');
    expect(formatNumber(Infinity)).toBe('infinity');
    expect(formatNumber(-Infinity)).toBe('minus infinity');
  });
});

describe('clipForMessage', () => {
  it('keeps short input as typed, collapsing white space', () => {
    expect(clipForMessage('  ab\n\tc ')).toBe('ab c');
  });
  it('quotes at most a few dozen characters of a long paste', () => {
    const clipped = clipForMessage('y'.repeat(100_000));
    expect(clipped).toBe(`${'y'.repeat(QUOTE_MAX_CHARS)}…`);
    expect(clipForMessage(`${' '.repeat(500)}x${'z'.repeat(10)}`)).toBe('xzzzzzzzzzz');
    expect(clipForMessage(`${'a'.repeat(10)}${' '.repeat(500)}b`)).toBe(`${'a'.repeat(10)}…`);
  });
});

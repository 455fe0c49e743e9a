import { describe, expect, it } from 'vitest';
import { parseLearnerNumber } from './parseNumber';

describe('parseLearnerNumber', () => {
  it('accepts plain, grouped and percentage numbers', () => {
    expect(parseLearnerNumber('8250')).toEqual({ ok: true, value: 8250 });
    expect(parseLearnerNumber(' 8,250 ')).toEqual({ ok: true, value: 8250 });
    expect(parseLearnerNumber('1 800 000')).toEqual({ ok: true, value: 1800000 });
    expect(parseLearnerNumber('55.8 %')).toEqual({ ok: true, value: 55.8 });
    expect(parseLearnerNumber('-3')).toEqual({ ok: true, value: -3 });
  });
  it('rejects empty, non-numeric, out-of-range and fractional-when-whole input with a message', () => {
    expect(parseLearnerNumber('')).toMatchObject({ ok: false, message: /Enter a number/ });
    expect(parseLearnerNumber('abc')).toMatchObject({ ok: false, message: /not a number/ });
    expect(parseLearnerNumber('NaN')).toMatchObject({ ok: false });
    expect(parseLearnerNumber('1,2,3')).toMatchObject({ ok: false });
    expect(parseLearnerNumber('7', { max: 5 })).toMatchObject({ ok: false, message: /at most 5/ });
    expect(parseLearnerNumber('-1', { min: 0 })).toMatchObject({ ok: false, message: /at least 0/ });
    expect(parseLearnerNumber('2.5', { integer: true })).toMatchObject({ ok: false, message: /whole number/ });
    expect(parseLearnerNumber('1e999')).toMatchObject({ ok: false });
  });
  it('accepts plain decimals only and quotes little of bad input', () => {
    for (const raw of ['0x10', '1e3', '0b11', 'Infinity']) expect(parseLearnerNumber(raw), raw).toEqual({ ok: false, message: `“${raw}” is not a number. Use plain digits, for example 1200 or 12.5.` });
    expect(parseLearnerNumber('9'.repeat(100_000))).toEqual({ ok: false, message: 'That number is too large.' });
    const junk = parseLearnerNumber('x'.repeat(100_000));
    expect(junk.ok === false && junk.message.length).toBeLessThan(100);
    expect(parseLearnerNumber('1' + '0'.repeat(20), { max: 1e19 })).toMatchObject({ ok: false, message: 'Enter a number of at most 1 × 10¹⁹.' });
  });
});

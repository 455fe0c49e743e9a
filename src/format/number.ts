/**
 * Reading numbers that learners type, and printing numbers for people. Every field where a
 * learner types a number reads it with `readDecimal`, prints limits and values with
 * `formatNumber`, and quotes bad input with `clipForMessage`.
 */

/** What `readDecimal` makes of a typed text. */
export type DecimalRead = { ok: true; value: number } | { ok: false; reason: 'empty' | 'not-decimal' | 'too-large' };

// A plain decimal: an optional sign, digits, an optional decimal point with digits. No exponent
// ("1e3"), no other base ("0x10", "0b11", "0o7"), no "Infinity" or "NaN": JavaScript's Number()
// accepts all of those, which is why fields must not use it on raw input.
const PLAIN_DECIMAL = /^[-+]?(\d+(\.\d*)?|\.\d+)$/;
// Thousands separators between a digit and a group of exactly three digits: "8,250", "1 800 000",
// "1_000", and the no-break spaces some keyboards and locales insert.
const GROUP_SEPARATOR = /(?<=\d)[,_ \u00a0\u202f](?=\d{3}(\D|$))/g;

/**
 * Reads a plain decimal number typed by a learner: "42", "-3.5", ".5", "8,250", "1 800 000".
 * Surrounding white space is ignored. Returns `{ok: false, reason}` for an empty text, anything
 * that is not a plain decimal (hexadecimal, binary, octal, exponent notation, words), and a
 * decimal too large for a double (it would read as Infinity). Never throws; linear in the length.
 */
export function readDecimal(raw: string): DecimalRead {
  const text = raw.trim();
  if (text === '') return { ok: false, reason: 'empty' };
  const compact = text.replace(GROUP_SEPARATOR, '');
  if (!PLAIN_DECIMAL.test(compact)) return { ok: false, reason: 'not-decimal' };
  const value = Number(compact);
  if (!Number.isFinite(value)) return { ok: false, reason: 'too-large' };
  return { ok: true, value: Object.is(value, -0) ? 0 : value };
}

/** From this magnitude on, numbers print as "1.2 × 10¹⁵" instead of a row of digits. */
export const SCIENTIFIC_FROM = 1e15;
const SUPERSCRIPT = '⁰¹²³⁴⁵⁶⁷⁸⁹';

/**
 * A number as people read it: thousands grouped ("8,250"), at most `maxFractionDigits` decimals,
 * and from 10^15 on in scientific form with three significant digits ("1 × 10³⁰⁸" rather than a
 * 309-digit row). NaN and infinities get words.
 */
export function formatNumber(n: number, maxFractionDigits = 3): string {
  if (Number.isNaN(n)) return 'not a number';
  if (!Number.isFinite(n)) return n > 0 ? 'infinity' : 'minus infinity';
  if (Math.abs(n) < SCIENTIFIC_FROM) return n.toLocaleString('en-US', { maximumFractionDigits: maxFractionDigits });
  const [mantissa, exponent] = n.toExponential(2).split('e') as [string, string];
  const digits = String(Math.abs(Number(exponent)))
    .split('')
    .map((d) => SUPERSCRIPT[Number(d)])
    .join('');
  return `${Number(mantissa)} × 10${Number(exponent) < 0 ? '⁻' : ''}${digits}`;
}

/** How many characters of a learner's input a message quotes. */
export const QUOTE_MAX_CHARS = 32;

/**
 * The part of a learner's input that a message may quote: white space and control characters
 * collapsed to single spaces, at most `max` characters, with "…" when cut. A pasted novel never
 * ends up in a message.
 */
export function clipForMessage(raw: string, max = QUOTE_MAX_CHARS): string {
  const start = raw.search(/[^\s\p{Cc}]/u);
  if (start < 0) return '';
  // Only the start can be shown, so only the start is cleaned (the input may be huge).
  const part = raw.slice(start, start + max * 4);
  const head = part.replace(/[\s\p{Cc}]+/gu, ' ').trimEnd();
  const more = raw.length - start > part.length && /[^\s\p{Cc}]/u.test(raw.slice(start + part.length));
  return head.length > max || more ? `${head.slice(0, max).trimEnd()}…` : head;
}

import { clipForMessage, formatNumber, readDecimal } from '../../format/number';

export type NumberParse = { ok: true; value: number } | { ok: false; message: string };

/**
 * Reads a number typed by a learner: accepts plain decimals such as "8250", "8,250", "8 250",
 * "55.8", "56 %". Rejects empty input, anything that is not a plain decimal (hexadecimal,
 * exponent notation, words), values outside [min, max], and fractions when a whole number is
 * required. Messages quote at most a few dozen characters of the input and print limits readably.
 */
export function parseLearnerNumber(raw: string, opts: { min?: number; max?: number; integer?: boolean } = {}): NumberParse {
  const text = raw.trim().replace(/%$/, '');
  const read = readDecimal(text);
  if (!read.ok && read.reason === 'empty') return { ok: false, message: 'Enter a number first.' };
  if (!read.ok && read.reason === 'too-large') return { ok: false, message: 'That number is too large.' };
  if (!read.ok) return { ok: false, message: `“${clipForMessage(raw)}” is not a number. Use plain digits, for example 1200 or 12.5.` };
  const value = read.value;
  if (opts.integer && !Number.isInteger(value)) return { ok: false, message: 'Enter a whole number.' };
  if (opts.min !== undefined && value < opts.min) return { ok: false, message: `Enter a number of at least ${formatNumber(opts.min)}.` };
  if (opts.max !== undefined && value > opts.max) return { ok: false, message: `Enter a number of at most ${formatNumber(opts.max)}.` };
  return { ok: true, value };
}

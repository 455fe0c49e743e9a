export type NumberParse = { ok: true; value: number } | { ok: false; message: string };

/**
 * Reads a number typed by a learner: accepts "8250", "8,250", "8 250", "55.8", "56 %".
 * Rejects empty input, anything that is not a number, values outside [min, max], and
 * fractions when a whole number is required.
 */
export function parseLearnerNumber(raw: string, opts: { min?: number; max?: number; integer?: boolean } = {}): NumberParse {
  const text = raw.trim().replace(/%$/, '').trim();
  if (text === '') return { ok: false, message: 'Enter a number first.' };
  const compact = text.replace(/(?<=\d)[,\s_](?=\d{3}(\D|$))/g, '');
  if (!/^[-+]?(\d+(\.\d*)?|\.\d+)(e[-+]?\d+)?$/i.test(compact)) return { ok: false, message: `“${raw.trim()}” is not a number. Use digits, for example 1200 or 12.5.` };
  const value = Number(compact);
  if (!Number.isFinite(value)) return { ok: false, message: 'That number is too large.' };
  if (opts.integer && !Number.isInteger(value)) return { ok: false, message: 'Enter a whole number.' };
  if (opts.min !== undefined && value < opts.min) return { ok: false, message: `Enter a number of at least ${opts.min}.` };
  if (opts.max !== undefined && value > opts.max) return { ok: false, message: `Enter a number of at most ${opts.max}.` };
  return { ok: true, value };
}

import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { decodeShare, encodeShare, MAX_SHARE_CHARS } from './link';

const schema = z.object({ seed: z.number().int(), label: z.string().max(20) }).strict();

describe('share links', () => {
  it('round-trips data, including non-ASCII text', () => {
    const enc = encodeShare('demo', { seed: 42, label: 'naïve ✓' });
    expect(enc).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeShare('demo', enc, schema)).toEqual({ ok: true, value: { seed: 42, label: 'naïve ✓' } });
  });

  it.each([
    ['garbage', 'not base64 !!'],
    ['truncated', encodeShare('demo', { seed: 1, label: 'x' }).slice(0, 10)],
    ['wrong interactive', encodeShare('other', { seed: 1, label: 'x' })],
    ['tampered field', encodeShare('demo', { seed: 'rm -rf', label: 'x' })],
    ['extra field', encodeShare('demo', { seed: 1, label: 'x', run: 'alert(1)' })],
    ['too long', 'A'.repeat(MAX_SHARE_CHARS + 1)],
    ['empty', ''],
  ])('rejects a %s link with a clear message', (_name, enc) => {
    const r = decodeShare('demo', enc, schema);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toMatch(/could not be opened .*default/);
  });
});

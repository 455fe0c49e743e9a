import type { z } from 'zod';
import { clipForMessage } from '../format/number';

// Share links carry data only: a versioned JSON payload, base64url-encoded in the `s` query
// parameter of the interactive's own route (#/try/<id>?s=...). Decoding validates the payload
// with the interactive's schema; nothing from a link is ever executed.

export const SHARE_PARAM = 's';
export const MAX_SHARE_CHARS = 24_000;

function toBase64Url(text: string): string {
  const bytes = new TextEncoder().encode(text);
  let bin = '';
  for (const b of bytes) bin += String.fromCharCode(b);
  return btoa(bin).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64Url(s: string): string {
  if (!/^[A-Za-z0-9_-]*$/.test(s)) throw new Error('bad characters');
  const b64 = s.replace(/-/g, '+').replace(/_/g, '/') + '='.repeat((4 - (s.length % 4)) % 4);
  const bin = atob(b64);
  const bytes = Uint8Array.from(bin, (c) => c.charCodeAt(0));
  return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
}

export function encodeShare(interactiveId: string, data: unknown): string {
  return toBase64Url(JSON.stringify({ v: 1, id: interactiveId, data }));
}

export type ShareDecode<T> = { ok: true; value: T } | { ok: false; message: string };

export function decodeShare<T>(interactiveId: string, encoded: string, schema: z.ZodType<T>): ShareDecode<T> {
  const fail = (why: string): ShareDecode<T> => ({
    ok: false,
    message: `This share link could not be opened (${why}). Showing the default set-up instead.`,
  });
  if (encoded.length > MAX_SHARE_CHARS) return fail('it is too long');
  let parsed: unknown;
  try {
    parsed = JSON.parse(fromBase64Url(encoded));
  } catch {
    return fail('it is damaged or incomplete');
  }
  if (typeof parsed !== 'object' || parsed === null) return fail('it is damaged or incomplete');
  const env = parsed as { v?: unknown; id?: unknown; data?: unknown };
  if (env.v !== 1) return fail('it was made by a different version of Streamlab');
  if (env.id !== interactiveId) return fail('it belongs to a different interactive');
  const result = schema.safeParse(env.data);
  if (!result.success) {
    const first = result.error.issues[0];
    // A tampered link can carry very long keys: the message quotes a short start of the path.
    return fail(first ? `${clipForMessage(first.path.join('.'), 60) || 'data'}: ${clipForMessage(first.message, 120)}` : 'its contents are invalid');
  }
  return { ok: true, value: result.data };
}

/** The absolute URL that opens this interactive's own page with the given state. */
export function shareUrl(interactiveId: string, data: unknown, extra: Record<string, string> = {}): string {
  const params = new URLSearchParams({ ...extra, [SHARE_PARAM]: encodeShare(interactiveId, data) });
  const base = `${window.location.origin}${window.location.pathname}${window.location.search}`;
  return `${base}#/try/${interactiveId}?${params.toString()}`;
}

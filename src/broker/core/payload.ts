/**
 * Record bytes <-> the simulator's record fields. The simulator keeps keys, values and header
 * values as strings (its state is plain JSON): bytes that are valid UTF-8 are kept as that text,
 * so the visualiser shows readable keys; a record with any other bytes is kept in base64 and
 * marked `encoding: 'base64'`. Either way the bytes a consumer fetches are the bytes produced.
 */
import type { RecordHeader } from '../records/batch.ts';

const strictUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
const encoder = new TextEncoder();

/** Text of valid UTF-8 bytes, or null when they are not valid UTF-8. */
function asText(b: Uint8Array): string | null {
  try {
    return strictUtf8.decode(b);
  } catch {
    return null;
  }
}

export function toBase64(b: Uint8Array): string {
  let s = '';
  for (let i = 0; i < b.length; i += 0x8000) s += String.fromCharCode(...b.subarray(i, i + 0x8000));
  return btoa(s);
}

export function fromBase64(s: string): Uint8Array {
  const bin = atob(s);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

export interface SimRecordFields {
  key: string | null;
  value: string | null;
  headers?: { key: string; value: string | null }[];
  encoding?: 'base64';
}

/** A record's bytes as the simulator's strings: UTF-8 text when every part is valid UTF-8, else base64. */
export function bytesToSim(key: Uint8Array | null, value: Uint8Array | null, headers: RecordHeader[]): SimRecordFields {
  const k = key === null ? null : asText(key);
  const v = value === null ? null : asText(value);
  let text = (key === null || k !== null) && (value === null || v !== null);
  const hv: (string | null)[] = [];
  for (const h of headers) {
    if (h.value === null) hv.push(null);
    else {
      const t = asText(h.value);
      if (t === null) text = false;
      hv.push(t);
    }
  }
  if (text) {
    const out: SimRecordFields = { key: k, value: v };
    if (headers.length) out.headers = headers.map((h, i) => ({ key: h.key, value: hv[i]! }));
    return out;
  }
  const out: SimRecordFields = { key: key === null ? null : toBase64(key), value: value === null ? null : toBase64(value), encoding: 'base64' };
  if (headers.length) out.headers = headers.map((h) => ({ key: h.key, value: h.value === null ? null : toBase64(h.value) }));
  return out;
}

function part(s: string | null, base64: boolean): Uint8Array | null {
  if (s === null) return null;
  return base64 ? fromBase64(s) : encoder.encode(s);
}

/** The bytes of a record kept by the simulator. */
export function simToBytes(r: SimRecordFields): { key: Uint8Array | null; value: Uint8Array | null; headers: RecordHeader[] } {
  const b64 = r.encoding === 'base64';
  return {
    key: part(r.key, b64),
    value: part(r.value, b64),
    headers: (r.headers ?? []).map((h) => ({ key: h.key, value: part(h.value, b64) })),
  };
}

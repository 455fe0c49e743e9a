/**
 * Request and response headers (Kafka's RequestHeader.json and ResponseHeader.json). A request's
 * header is v2 when its API version is flexible, else v1; a response's header is v1 when flexible,
 * else v0. ApiVersions answers always use response header v0, so that a client speaking a newer
 * version can still read the error and the supported versions (KIP-511).
 */
import { MalformedError, Reader, Writer } from './primitives.ts';

export interface RequestHeader {
  apiKey: number;
  apiVersion: number;
  correlationId: number;
  clientId: string | null;
}

/** Reads the fixed part of any request header (v1: api key, version, correlation id, client id). */
export function readRequestHeader(r: Reader): RequestHeader {
  const apiKey = r.int16();
  const apiVersion = r.int16();
  const correlationId = r.int32();
  const n = r.int16();
  if (n < -1) throw new MalformedError('bad client id length');
  const clientId = n < 0 ? null : r.utf8(n);
  return { apiKey, apiVersion, correlationId, clientId };
}

/** Skips header v2's tagged fields (none are defined for requests that this broker reads). */
export function skipHeaderTags(r: Reader): void {
  const count = r.uvarint();
  for (let i = 0; i < count; i++) {
    r.uvarint();
    r.skip(r.uvarint());
  }
}

export function writeRequestHeader(w: Writer, h: RequestHeader, flexible: boolean): void {
  w.int16(h.apiKey).int16(h.apiVersion).int32(h.correlationId);
  if (h.clientId === null) w.int16(-1);
  else {
    const b = new TextEncoder().encode(h.clientId);
    w.int16(b.length).bytes(b);
  }
  if (flexible) w.uvarint(0);
}

export function writeResponseHeader(w: Writer, correlationId: number, flexible: boolean): void {
  w.int32(correlationId);
  if (flexible) w.uvarint(0);
}

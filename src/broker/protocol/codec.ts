/**
 * The one generic codec: reads and writes any message described by a schema (schema.ts) at a
 * given version. Non-flexible versions use Kafka's classic encodings (int16-length strings,
 * int32-length bytes and arrays, -1 for null); flexible versions (KIP-482) use unsigned-varint
 * lengths plus one (0 for null) and end every struct with a tagged-field section, whose unknown
 * tags are skipped as Kafka skips them.
 */
import { MalformedError, Reader, Writer, fromUtf8, utf8 } from './primitives.ts';
import { inRange, type AnyField, type DeepPartial, type FieldType, type Infer, type MessageSchema, type Primitive } from './schema.ts';

type Obj = Record<string, unknown>;

function readPrimitive(r: Reader, type: Primitive, flexible: boolean, nullable: boolean): unknown {
  switch (type) {
    case 'bool':
      return r.bool();
    case 'int8':
      return r.int8();
    case 'int16':
      return r.int16();
    case 'int32':
      return r.int32();
    case 'int64':
      return r.int64();
    case 'float64':
      return r.float64();
    case 'string': {
      const n = flexible ? r.uvarint() - 1 : r.int16();
      if (n < 0) {
        if (!nullable) throw new MalformedError('null in a non-nullable string');
        return null;
      }
      return fromUtf8(r.bytes(n));
    }
    case 'bytes':
    case 'records': {
      const n = flexible ? r.uvarint() - 1 : r.int32();
      if (n < 0) {
        if (!nullable) throw new MalformedError('null in non-nullable bytes');
        return null;
      }
      return r.bytes(n);
    }
  }
}

function readArrayLength(r: Reader, flexible: boolean): number {
  const n = flexible ? r.uvarint() - 1 : r.int32();
  // each element takes at least one byte: a longer count is malformed, not a reason to allocate
  if (n > r.remaining) throw new MalformedError(`array of ${n} elements in ${r.remaining} bytes`);
  return n;
}

function readType(r: Reader, type: FieldType, version: number, flexible: boolean, nullable: boolean): unknown {
  switch (type.kind) {
    case 'primitive':
      return readPrimitive(r, type.type, flexible, nullable);
    case 'struct':
      return readStruct(r, type.fields, version, flexible);
    case 'array': {
      const n = readArrayLength(r, flexible);
      if (n < 0) {
        if (!nullable) throw new MalformedError('null in a non-nullable array');
        return null;
      }
      const out: unknown[] = new Array(n);
      const of = type.of;
      for (let i = 0; i < n; i++) out[i] = typeof of === 'string' ? readPrimitive(r, of, flexible, false) : readStruct(r, of, version, flexible);
      return out;
    }
  }
}

function readStruct(r: Reader, fields: readonly AnyField[], version: number, flexible: boolean): Obj {
  const out: Obj = {};
  let tagged: AnyField[] | null = null;
  for (const fd of fields) {
    if (!inRange(fd.versions, version)) {
      out[fd.name] = fd.default;
      continue;
    }
    if (fd.tag !== undefined) {
      if (flexible) {
        (tagged ??= []).push(fd);
        out[fd.name] = fd.default;
      } else out[fd.name] = fd.default;
      continue;
    }
    out[fd.name] = readType(r, fd.type, version, flexible, inRange(fd.nullable, version));
  }
  if (flexible) {
    const count = r.uvarint();
    let lastTag = -1;
    for (let i = 0; i < count; i++) {
      const tag = r.uvarint();
      if (tag <= lastTag) throw new MalformedError('tagged fields out of order');
      lastTag = tag;
      const size = r.uvarint();
      const fd = tagged?.find((x) => x.tag === tag);
      if (!fd) {
        r.skip(size);
        continue;
      }
      const sub = new Reader(r.buf, r.pos, r.pos + size);
      out[fd.name] = readType(sub, fd.type, version, flexible, inRange(fd.nullable, version));
      r.skip(size);
    }
  }
  return out;
}

function writePrimitive(w: Writer, type: Primitive, v: unknown, flexible: boolean, nullable: boolean, name: string): void {
  switch (type) {
    case 'bool':
      w.bool(Boolean(v));
      return;
    case 'int8':
      w.int8(Number(v ?? 0));
      return;
    case 'int16':
      w.int16(Number(v ?? 0));
      return;
    case 'int32':
      w.int32(Number(v ?? 0));
      return;
    case 'int64':
      w.int64(Number(v ?? 0));
      return;
    case 'float64':
      w.float64(Number(v ?? 0));
      return;
    case 'string': {
      if (v === null || v === undefined) {
        if (!nullable) throw new Error(`field ${name}: null in a non-nullable string`);
        if (flexible) w.uvarint(0);
        else w.int16(-1);
        return;
      }
      const b = utf8(String(v));
      if (flexible) w.uvarint(b.length + 1);
      else w.int16(b.length);
      w.bytes(b);
      return;
    }
    case 'bytes':
    case 'records': {
      if (v === null || v === undefined) {
        if (!nullable) throw new Error(`field ${name}: null in non-nullable bytes`);
        if (flexible) w.uvarint(0);
        else w.int32(-1);
        return;
      }
      const b = v as Uint8Array;
      if (flexible) w.uvarint(b.length + 1);
      else w.int32(b.length);
      w.bytes(b);
      return;
    }
  }
}

function writeType(w: Writer, type: FieldType, v: unknown, version: number, flexible: boolean, nullable: boolean, name: string): void {
  switch (type.kind) {
    case 'primitive':
      writePrimitive(w, type.type, v, flexible, nullable, name);
      return;
    case 'struct':
      writeStruct(w, type.fields, (v ?? {}) as Obj, version, flexible);
      return;
    case 'array': {
      if (v === null || v === undefined) {
        if (!nullable) {
          // an absent non-nullable array is written empty
          if (flexible) w.uvarint(1);
          else w.int32(0);
          return;
        }
        if (flexible) w.uvarint(0);
        else w.int32(-1);
        return;
      }
      const arr = v as unknown[];
      if (flexible) w.uvarint(arr.length + 1);
      else w.int32(arr.length);
      const of = type.of;
      for (const x of arr) {
        if (typeof of === 'string') writePrimitive(w, of, x, flexible, false, name);
        else writeStruct(w, of, x as Obj, version, flexible);
      }
      return;
    }
  }
}

function isDefault(v: unknown, d: unknown): boolean {
  if (v === undefined || v === d) return true;
  if (Array.isArray(v) && Array.isArray(d)) return v.length === 0 && d.length === 0;
  return false;
}

function writeStruct(w: Writer, fields: readonly AnyField[], v: Obj, version: number, flexible: boolean): void {
  let tagged: AnyField[] | null = null;
  for (const fd of fields) {
    if (!inRange(fd.versions, version)) continue;
    if (fd.tag !== undefined) {
      if (flexible && !isDefault(v[fd.name], fd.default)) (tagged ??= []).push(fd);
      continue;
    }
    const val = v[fd.name] === undefined ? fd.default : v[fd.name];
    writeType(w, fd.type, val, version, flexible, inRange(fd.nullable, version), fd.name);
  }
  if (flexible) {
    const list = (tagged ?? []).sort((a, b) => a.tag! - b.tag!);
    w.uvarint(list.length);
    for (const fd of list) {
      const sub = new Writer(64);
      writeType(sub, fd.type, v[fd.name], version, flexible, inRange(fd.nullable, version), fd.name);
      const body = sub.finish();
      w.uvarint(fd.tag!);
      w.uvarint(body.length);
      w.bytes(body);
    }
  }
}

/** Whether a message uses the flexible encodings at this version. */
export function isFlexible(schema: MessageSchema, version: number): boolean {
  return inRange(schema.flexible, version);
}

/** Decodes a message body at `version` from the reader (which it advances). Throws MalformedError. */
export function decodeMessage<S extends MessageSchema>(schema: S, version: number, r: Reader): Infer<S> {
  return readStruct(r, schema.fields, version, isFlexible(schema, version)) as Infer<S>;
}

/** Encodes a message body at `version`. Fields absent from that version are left out, as Kafka does. */
export function encodeMessage<S extends MessageSchema>(schema: S, version: number, value: DeepPartial<Infer<S>>, w: Writer): void {
  writeStruct(w, schema.fields, value as Obj, version, isFlexible(schema, version));
}

/** Convenience: decode a whole byte array (trailing bytes are an error). */
export function decodeAll<S extends MessageSchema>(schema: S, version: number, bytes: Uint8Array): Infer<S> {
  const r = new Reader(bytes);
  const v = decodeMessage(schema, version, r);
  if (r.remaining !== 0) throw new MalformedError(`${r.remaining} bytes left after ${schema.name} v${version}`);
  return v;
}

/** Convenience: encode to a fresh byte array. */
export function encodeAll<S extends MessageSchema>(schema: S, version: number, value: DeepPartial<Infer<S>>): Uint8Array {
  const w = new Writer(256);
  encodeMessage(schema, version, value, w);
  return w.finish().slice();
}

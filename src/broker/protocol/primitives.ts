/**
 * The wire primitives of Kafka's protocol (https://kafka.apache.org/protocol#protocol_types):
 * big-endian fixed-width integers, unsigned varints (KIP-482's compact lengths), zig-zag varints
 * and varlongs (record batch v2), UTF-8 strings and raw bytes.
 *
 * Pure TypeScript over Uint8Array and DataView: no Node Buffer, so it runs in a browser worker.
 * int64 values are read into JavaScript numbers; anything outside ±2^53 is refused as malformed
 * (offsets, timestamps and producer ids of real clients stay far below that).
 */

/** The input cannot be parsed: Kafka closes the connection (or answers CORRUPT_MESSAGE inside a record batch). */
export class MalformedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MalformedError';
  }
}

const TWO_32 = 2 ** 32;
const utf8Decoder = new TextDecoder('utf-8');
const utf8Encoder = new TextEncoder();

export function utf8(s: string): Uint8Array {
  return utf8Encoder.encode(s);
}

export function fromUtf8(b: Uint8Array): string {
  return utf8Decoder.decode(b);
}

/** Sequential reader over a byte range. Every read checks the bounds and throws MalformedError past the end. */
export class Reader {
  private readonly view: DataView;
  pos: number;

  constructor(
    readonly buf: Uint8Array,
    start = 0,
    readonly end = buf.length,
  ) {
    this.view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
    this.pos = start;
  }

  get remaining(): number {
    return this.end - this.pos;
  }

  private need(n: number): number {
    const at = this.pos;
    if (n < 0 || at + n > this.end) throw new MalformedError(`truncated: needed ${n} bytes at ${at}, ${this.end - at} left`);
    this.pos = at + n;
    return at;
  }

  int8(): number {
    return this.view.getInt8(this.need(1));
  }

  uint8(): number {
    return this.view.getUint8(this.need(1));
  }

  bool(): boolean {
    return this.int8() !== 0;
  }

  int16(): number {
    return this.view.getInt16(this.need(2));
  }

  int32(): number {
    return this.view.getInt32(this.need(4));
  }

  uint32(): number {
    return this.view.getUint32(this.need(4));
  }

  int64(): number {
    const at = this.need(8);
    const hi = this.view.getInt32(at);
    const lo = this.view.getUint32(at + 4);
    if (hi > 0x1fffff || hi < -0x200000) throw new MalformedError(`int64 at ${at} is beyond the safe integer range`);
    return hi * TWO_32 + lo;
  }

  float64(): number {
    return this.view.getFloat64(this.need(8));
  }

  /** Unsigned varint (at most 5 bytes, 32 bits), as KIP-482 uses for compact lengths and tags. */
  uvarint(): number {
    let value = 0;
    let mul = 1;
    for (let i = 0; i < 5; i++) {
      const b = this.uint8();
      value += (b & 0x7f) * mul;
      if ((b & 0x80) === 0) return value;
      mul *= 128;
    }
    throw new MalformedError('varint longer than 5 bytes');
  }

  /** Zig-zag varint (32-bit signed). */
  varint(): number {
    const u = this.uvarint();
    if (u > 0xffffffff) throw new MalformedError('varint beyond 32 bits');
    return u % 2 === 0 ? u / 2 : -(u + 1) / 2;
  }

  /** Zig-zag varlong (64-bit signed, within the safe integer range). */
  varlong(): number {
    let value = 0;
    let mul = 1;
    for (let i = 0; i < 10; i++) {
      const b = this.uint8();
      value += (b & 0x7f) * mul;
      if ((b & 0x80) === 0) {
        if (value > Number.MAX_SAFE_INTEGER) throw new MalformedError('varlong beyond the safe integer range');
        return value % 2 === 0 ? value / 2 : -(value + 1) / 2;
      }
      mul *= 128;
    }
    throw new MalformedError('varlong longer than 10 bytes');
  }

  /** n raw bytes (a view into the input, not a copy). */
  bytes(n: number): Uint8Array {
    const at = this.need(n);
    return this.buf.subarray(at, at + n);
  }

  utf8(n: number): string {
    return fromUtf8(this.bytes(n));
  }

  skip(n: number): void {
    this.need(n);
  }
}

/** Growable big-endian writer. */
export class Writer {
  private buf: Uint8Array;
  private view: DataView;
  pos = 0;

  constructor(initial = 256) {
    this.buf = new Uint8Array(initial);
    this.view = new DataView(this.buf.buffer);
  }

  private room(n: number): number {
    const at = this.pos;
    if (at + n > this.buf.length) {
      let size = this.buf.length * 2;
      while (size < at + n) size *= 2;
      const next = new Uint8Array(size);
      next.set(this.buf.subarray(0, at));
      this.buf = next;
      this.view = new DataView(next.buffer);
    }
    this.pos = at + n;
    return at;
  }

  int8(v: number): this {
    const at = this.room(1);
    this.view.setInt8(at, v);
    return this;
  }

  bool(v: boolean): this {
    return this.int8(v ? 1 : 0);
  }

  int16(v: number): this {
    const at = this.room(2);
    this.view.setInt16(at, v);
    return this;
  }

  int32(v: number): this {
    const at = this.room(4);
    this.view.setInt32(at, v);
    return this;
  }

  uint32(v: number): this {
    const at = this.room(4);
    this.view.setUint32(at, v >>> 0);
    return this;
  }

  int64(v: number): this {
    const at = this.room(8);
    const hi = Math.floor(v / TWO_32);
    this.view.setInt32(at, hi);
    this.view.setUint32(at + 4, v - hi * TWO_32);
    return this;
  }

  float64(v: number): this {
    const at = this.room(8);
    this.view.setFloat64(at, v);
    return this;
  }

  uvarint(v: number): this {
    let n = v;
    while (n >= 0x80) {
      const at = this.room(1);
    this.view.setUint8(at, (n % 128) | 0x80);
      n = Math.floor(n / 128);
    }
    const at = this.room(1);
    this.view.setUint8(at, n);
    return this;
  }

  varint(v: number): this {
    return this.uvarint(v >= 0 ? v * 2 : -v * 2 - 1);
  }

  varlong(v: number): this {
    return this.uvarint(v >= 0 ? v * 2 : -v * 2 - 1);
  }

  bytes(b: Uint8Array): this {
    const at = this.room(b.length);
    this.buf.set(b, at);
    return this;
  }

  /** Reserves n bytes to fill in later (lengths and CRCs written after their content). */
  reserve(n: number): number {
    return this.room(n);
  }

  setInt32At(at: number, v: number): void {
    this.view.setInt32(at, v);
  }

  setUint32At(at: number, v: number): void {
    this.view.setUint32(at, v >>> 0);
  }

  /** The bytes written so far (a view; copy it if the writer is reused). */
  finish(): Uint8Array {
    return this.buf.subarray(0, this.pos);
  }

  /** Bytes written between `from` and the current position. */
  slice(from: number): Uint8Array {
    return this.buf.subarray(from, this.pos);
  }
}

/** Bytes a value takes as an unsigned varint. */
export function uvarintSize(v: number): number {
  let n = 1;
  let x = v;
  while (x >= 0x80) {
    x = Math.floor(x / 128);
    n++;
  }
  return n;
}

/** Bytes a value takes as a zig-zag varint or varlong. */
export function varintSize(v: number): number {
  return uvarintSize(v >= 0 ? v * 2 : -v * 2 - 1);
}

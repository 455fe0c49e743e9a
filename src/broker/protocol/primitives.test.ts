import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { MalformedError, Reader, Writer, uvarintSize, varintSize } from './primitives.ts';

describe('wire primitives', () => {
  it('zig-zag varints match the protocol guide examples', () => {
    // 0 -> 00, -1 -> 01, 1 -> 02, -2 -> 03, 150 -> ac 02 (zig-zag 300)
    const bytes = (v: number) => [...new Writer().varint(v).finish()];
    expect(bytes(0)).toEqual([0x00]);
    expect(bytes(-1)).toEqual([0x01]);
    expect(bytes(1)).toEqual([0x02]);
    expect(bytes(-2)).toEqual([0x03]);
    expect(bytes(150)).toEqual([0xac, 0x02]);
  });

  // varlongs round-trip where their zig-zag form is a safe integer (timestamp and offset deltas are far smaller)
  it('round-trips varints, varlongs and int64 over their ranges', () => {
    fc.assert(
      fc.property(fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 }), fc.integer({ min: -(2 ** 52), max: 2 ** 52 - 1 }), (i, l) => {
        const w = new Writer(4).varint(i).varlong(l).int64(l).uvarint(Math.abs(i));
        const r = new Reader(w.finish());
        expect(r.varint()).toBe(i);
        expect(r.varlong()).toBe(l);
        expect(r.int64()).toBe(l);
        expect(r.uvarint()).toBe(Math.abs(i));
        expect(r.remaining).toBe(0);
        expect(varintSize(i)).toBe(new Writer().varint(i).finish().length);
        expect(uvarintSize(Math.abs(i))).toBe(new Writer().uvarint(Math.abs(i)).finish().length);
      }),
    );
  });

  it('writes int64 -1 as eight 0xff bytes', () => {
    expect([...new Writer().int64(-1).finish()]).toEqual(new Array(8).fill(0xff));
  });

  it('refuses reads past the end and endless varints', () => {
    expect(() => new Reader(new Uint8Array([1, 2])).int32()).toThrow(MalformedError);
    expect(() => new Reader(new Uint8Array([0x80, 0x80, 0x80, 0x80, 0x80, 0x01])).uvarint()).toThrow(MalformedError);
    expect(() => new Reader(new Uint8Array([0x7f, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff])).int64()).toThrow(/safe integer/);
  });
});

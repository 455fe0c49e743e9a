import { crc32c } from '@aws-crypto/crc32c';
import { describe, expect, it } from 'vitest';
import { ERR } from '../protocol/errors.ts';
import { BatchError, buildBatch, decodeBatches, encodeBatch, MAGIC_V2 } from './batch.ts';

const enc = new TextEncoder();

describe('record batch v2', () => {
  it('uses CRC-32C (Castagnoli): the check value of "123456789" is 0xe3069283', () => {
    expect(crc32c(enc.encode('123456789')) >>> 0).toBe(0xe3069283);
  });

  it('round-trips keys, values, nulls, headers and timestamps, uncompressed and gzip', () => {
    for (const compression of ['none', 'gzip'] as const) {
      const records = [
        { key: enc.encode('k1'), value: enc.encode('v1'), timestamp: 1_700_000_000_000, headers: [{ key: 'h', value: enc.encode('x') }] },
        { key: null, value: new Uint8Array([0, 255, 7]), timestamp: 1_700_000_000_123, headers: [{ key: 'n', value: null }] },
      ];
      const bytes = encodeBatch(buildBatch(42, records, { compression, producerId: 7, producerEpoch: 1, baseSequence: 5 }));
      const [b] = decodeBatches(bytes);
      expect(b!.baseOffset).toBe(42);
      expect(b!.producerId).toBe(7);
      expect(b!.baseSequence).toBe(5);
      expect(b!.attributes & 7).toBe(compression === 'gzip' ? 1 : 0);
      expect(b!.records.map((r) => [r.offsetDelta, b!.baseTimestamp + r.timestampDelta, r.key && [...r.key], r.value && [...r.value], r.headers.map((h) => [h.key, h.value && [...h.value]])])).toEqual([
        [0, 1_700_000_000_000, [...enc.encode('k1')], [...enc.encode('v1')], [['h', [...enc.encode('x')]]]],
        [1, 1_700_000_000_123, null, [0, 255, 7], [['n', null]]],
      ]);
      expect(bytes[16]).toBe(MAGIC_V2);
    }
  });

  it('refuses a batch whose CRC does not match with CORRUPT_MESSAGE', () => {
    const bytes = encodeBatch(buildBatch(0, [{ key: null, value: enc.encode('v'), timestamp: 1 }])).slice();
    bytes[bytes.length - 1] = bytes[bytes.length - 1]! ^ 0xff;
    expect(() => decodeBatches(bytes)).toThrow(BatchError);
    try {
      decodeBatches(bytes);
    } catch (e) {
      expect((e as BatchError).code).toBe(ERR.CORRUPT_MESSAGE);
    }
  });

  it('refuses snappy, lz4 and zstd with UNSUPPORTED_COMPRESSION_TYPE, and an old magic with INVALID_RECORD', () => {
    const plain = encodeBatch(buildBatch(0, [{ key: null, value: enc.encode('v'), timestamp: 1 }])).slice();
    for (const type of [2, 3, 4]) {
      const b = plain.slice();
      const view = new DataView(b.buffer);
      view.setInt16(21, type);
      view.setUint32(17, crc32c(b.subarray(21)) >>> 0);
      expect(() => decodeBatches(b)).toThrow(expect.objectContaining({ code: ERR.UNSUPPORTED_COMPRESSION_TYPE }));
    }
    const old = plain.slice();
    old[16] = 1;
    expect(() => decodeBatches(old)).toThrow(expect.objectContaining({ code: ERR.INVALID_RECORD }));
  });

  it('refuses truncated batches unless a partial tail is allowed (as at the end of a fetch)', () => {
    const bytes = encodeBatch(buildBatch(0, [{ key: null, value: enc.encode('value'), timestamp: 1 }]));
    const cut = bytes.subarray(0, bytes.length - 3);
    expect(() => decodeBatches(cut)).toThrow(expect.objectContaining({ code: ERR.CORRUPT_MESSAGE }));
    expect(decodeBatches(cut, { partialTail: true })).toEqual([]);
  });
});

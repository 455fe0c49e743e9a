/**
 * Record batch v2 ("magic 2", KIP-98; https://kafka.apache.org/documentation/#recordbatch): the
 * on-wire and on-disk format of records since Kafka 0.11. A batch header (base offset, length,
 * leader epoch, magic, CRC-32C, attributes, offsets, timestamps, producer id/epoch/sequence)
 * followed by records whose fields are zig-zag varints and varlongs relative to the header.
 *
 * The CRC-32C (Castagnoli) covers everything from the attributes to the end of the batch; it is
 * computed with @aws-crypto/crc32c. Gzip (compression type 1) uses fflate; snappy, lz4 and zstd
 * are refused with UNSUPPORTED_COMPRESSION_TYPE.
 */
import { crc32c } from '@aws-crypto/crc32c';
import { gunzipSync, gzipSync } from 'fflate';
import { ERR } from '../protocol/errors.ts';
import { MalformedError, Reader, Writer, fromUtf8, utf8 } from '../protocol/primitives.ts';

export const MAGIC_V2 = 2;
/** Bytes of a batch before its records (offset 8 + length 4 + epoch 4 + magic 1 + crc 4 + attributes 2 + ... = 61). */
export const BATCH_OVERHEAD = 61;
/** Offset of the attributes field: the CRC covers from here to the end. */
const CRC_START = 21;

export type Compression = 'none' | 'gzip' | 'snappy' | 'lz4' | 'zstd';
const COMPRESSION: Compression[] = ['none', 'gzip', 'snappy', 'lz4', 'zstd'];

/** Largest decompressed size accepted for one batch (a guard against compression bombs). */
export const MAX_DECOMPRESSED_BYTES = 64 * 1024 * 1024;

export interface RecordHeader {
  key: string;
  value: Uint8Array | null;
}

export interface BatchRecord {
  attributes: number;
  timestampDelta: number;
  offsetDelta: number;
  key: Uint8Array | null;
  value: Uint8Array | null;
  headers: RecordHeader[];
}

export interface RecordBatch {
  baseOffset: number;
  partitionLeaderEpoch: number;
  attributes: number;
  lastOffsetDelta: number;
  baseTimestamp: number;
  maxTimestamp: number;
  producerId: number;
  producerEpoch: number;
  baseSequence: number;
  records: BatchRecord[];
}

/** A batch Kafka would refuse, with the error code it would send. */
export class BatchError extends Error {
  constructor(
    readonly code: number,
    message: string,
  ) {
    super(message);
    this.name = 'BatchError';
  }
}

export function compressionOf(attributes: number): Compression {
  return COMPRESSION[attributes & 0x07] ?? 'none';
}

export function isTransactional(attributes: number): boolean {
  return (attributes & 0x10) !== 0;
}

export function isControl(attributes: number): boolean {
  return (attributes & 0x20) !== 0;
}

/** Timestamp type bit: 0 CreateTime (the producer's clock), 1 LogAppendTime (the broker's). */
export function timestampType(attributes: number): 'CreateTime' | 'LogAppendTime' {
  return (attributes & 0x08) !== 0 ? 'LogAppendTime' : 'CreateTime';
}

function readBytesField(r: Reader): Uint8Array | null {
  const n = r.varint();
  if (n < -1) throw new MalformedError('negative length');
  return n < 0 ? null : r.bytes(n);
}

function readRecord(r: Reader): BatchRecord {
  const length = r.varint();
  if (length < 0 || length > r.remaining) throw new MalformedError(`record length ${length} with ${r.remaining} bytes left`);
  const end = r.pos + length;
  const rr = new Reader(r.buf, r.pos, end);
  const attributes = rr.int8();
  const timestampDelta = rr.varlong();
  const offsetDelta = rr.varint();
  const key = readBytesField(rr);
  const value = readBytesField(rr);
  const nh = rr.varint();
  if (nh < 0 || nh > rr.remaining) throw new MalformedError(`header count ${nh}`);
  const headers: RecordHeader[] = [];
  for (let i = 0; i < nh; i++) {
    const kl = rr.varint();
    if (kl < 0) throw new MalformedError('null header key');
    const hk = fromUtf8(rr.bytes(kl));
    headers.push({ key: hk, value: readBytesField(rr) });
  }
  if (rr.remaining !== 0) throw new MalformedError('record has trailing bytes');
  r.pos = end;
  return { attributes, timestampDelta, offsetDelta, key, value, headers };
}

function gzipDecompress(data: Uint8Array): Uint8Array {
  if (data.length < 18) throw new BatchError(ERR.CORRUPT_MESSAGE, 'gzip data too short');
  // ISIZE, the last four bytes, is the uncompressed size (mod 2^32): refuse bombs before inflating
  const n = data.length;
  const isize = (data[n - 4]! | (data[n - 3]! << 8) | (data[n - 2]! << 16) | (data[n - 1]! << 24)) >>> 0;
  if (isize > MAX_DECOMPRESSED_BYTES) throw new BatchError(ERR.CORRUPT_MESSAGE, `gzip batch would inflate to ${isize} bytes`);
  try {
    return gunzipSync(data, { out: new Uint8Array(isize) });
  } catch (e) {
    throw new BatchError(ERR.CORRUPT_MESSAGE, `gzip data is corrupt: ${String(e)}`);
  }
}

/**
 * Decodes every complete batch in a record set. `partialTail` allows a truncated last batch (as a
 * Fetch response may end with one) and ignores it; a produce request allows none.
 * Throws BatchError with CORRUPT_MESSAGE (bad CRC, bad lengths), INVALID_RECORD (not magic 2),
 * or UNSUPPORTED_COMPRESSION_TYPE.
 */
export function decodeBatches(bytes: Uint8Array, options: { partialTail?: boolean; verifyCrc?: boolean } = {}): RecordBatch[] {
  const out: RecordBatch[] = [];
  const r = new Reader(bytes);
  while (r.remaining > 0) {
    if (r.remaining < 12) {
      if (options.partialTail) break;
      throw new BatchError(ERR.CORRUPT_MESSAGE, 'truncated record batch');
    }
    const start = r.pos;
    const baseOffset = r.int64();
    const batchLength = r.int32();
    if (batchLength > r.remaining) {
      if (options.partialTail) break;
      throw new BatchError(ERR.CORRUPT_MESSAGE, `batch length ${batchLength} beyond the ${r.remaining} bytes sent`);
    }
    if (batchLength < BATCH_OVERHEAD - 12) throw new BatchError(ERR.CORRUPT_MESSAGE, `batch length ${batchLength} is too small`);
    const end = r.pos + batchLength;
    const partitionLeaderEpoch = r.int32();
    const magic = r.int8();
    if (magic !== MAGIC_V2) throw new BatchError(ERR.INVALID_RECORD, `record batch magic ${magic}: this broker takes only magic 2 (Kafka 0.11+ clients)`);
    const crc = r.uint32();
    if (options.verifyCrc !== false) {
      const actual = crc32c(bytes.subarray(start + CRC_START, end)) >>> 0;
      if (actual !== crc) throw new BatchError(ERR.CORRUPT_MESSAGE, `record batch CRC mismatch (sent ${crc}, computed ${actual})`);
    }
    try {
      const attributes = r.int16();
      const lastOffsetDelta = r.int32();
      const baseTimestamp = r.int64();
      const maxTimestamp = r.int64();
      const producerId = r.int64();
      const producerEpoch = r.int16();
      const baseSequence = r.int32();
      const count = r.int32();
      if (count < 0 || count > batchLength) throw new BatchError(ERR.CORRUPT_MESSAGE, `record count ${count}`);
      const compression = compressionOf(attributes);
      let body: Reader;
      if (compression === 'none') body = new Reader(bytes, r.pos, end);
      else if (compression === 'gzip') body = new Reader(gzipDecompress(bytes.subarray(r.pos, end)));
      else throw new BatchError(ERR.UNSUPPORTED_COMPRESSION_TYPE, `compression ${compression} is not supported by this broker (only none and gzip)`);
      const records: BatchRecord[] = new Array(count);
      for (let i = 0; i < count; i++) records[i] = readRecord(body);
      if (body.remaining !== 0) throw new BatchError(ERR.CORRUPT_MESSAGE, 'record batch has bytes after its last record');
      r.pos = end;
      out.push({ baseOffset, partitionLeaderEpoch, attributes, lastOffsetDelta, baseTimestamp, maxTimestamp, producerId, producerEpoch, baseSequence, records });
    } catch (e) {
      if (e instanceof MalformedError) throw new BatchError(ERR.CORRUPT_MESSAGE, e.message);
      throw e;
    }
  }
  return out;
}

function writeBytesField(w: Writer, b: Uint8Array | null): void {
  if (b === null) w.varint(-1);
  else w.varint(b.length).bytes(b);
}

function writeRecord(w: Writer, rec: BatchRecord): void {
  const body = new Writer(64 + (rec.key?.length ?? 0) + (rec.value?.length ?? 0));
  body.int8(rec.attributes).varlong(rec.timestampDelta).varint(rec.offsetDelta);
  writeBytesField(body, rec.key);
  writeBytesField(body, rec.value);
  body.varint(rec.headers.length);
  for (const h of rec.headers) {
    const k = utf8(h.key);
    body.varint(k.length).bytes(k);
    writeBytesField(body, h.value);
  }
  const b = body.finish();
  w.varint(b.length).bytes(b);
}

/** Encodes one batch. Compression comes from the attributes (none or gzip). */
export function encodeBatch(batch: RecordBatch, w: Writer = new Writer(256)): Uint8Array {
  const start = w.pos;
  w.int64(batch.baseOffset);
  const lengthAt = w.reserve(4);
  w.int32(batch.partitionLeaderEpoch).int8(MAGIC_V2);
  const crcAt = w.reserve(4);
  const crcFrom = w.pos;
  w.int16(batch.attributes)
    .int32(batch.lastOffsetDelta)
    .int64(batch.baseTimestamp)
    .int64(batch.maxTimestamp)
    .int64(batch.producerId)
    .int16(batch.producerEpoch)
    .int32(batch.baseSequence)
    .int32(batch.records.length);
  const compression = compressionOf(batch.attributes);
  if (compression === 'none') {
    for (const rec of batch.records) writeRecord(w, rec);
  } else if (compression === 'gzip') {
    const inner = new Writer(256);
    for (const rec of batch.records) writeRecord(inner, rec);
    w.bytes(gzipSync(inner.finish()));
  } else throw new Error(`cannot encode ${compression}`);
  w.setInt32At(lengthAt, w.pos - lengthAt - 4);
  w.setUint32At(crcAt, crc32c(w.slice(crcFrom)) >>> 0);
  return w.slice(start);
}

/** Input of buildBatch: records with absolute timestamps. */
export interface PlainRecord {
  key: Uint8Array | null;
  value: Uint8Array | null;
  headers?: RecordHeader[];
  /** epoch ms */
  timestamp: number;
}

/** Builds a batch from records at consecutive offsets starting at baseOffset. */
export function buildBatch(
  baseOffset: number,
  records: PlainRecord[],
  options: { compression?: 'none' | 'gzip'; producerId?: number; producerEpoch?: number; baseSequence?: number; leaderEpoch?: number } = {},
): RecordBatch {
  const first = records.length ? records[0]!.timestamp : -1;
  let max = first;
  for (const r of records) if (r.timestamp > max) max = r.timestamp;
  return {
    baseOffset,
    partitionLeaderEpoch: options.leaderEpoch ?? 0,
    attributes: options.compression === 'gzip' ? 1 : 0,
    lastOffsetDelta: records.length - 1,
    baseTimestamp: first,
    maxTimestamp: max,
    producerId: options.producerId ?? -1,
    producerEpoch: options.producerEpoch ?? -1,
    baseSequence: options.baseSequence ?? -1,
    records: records.map((r, i) => ({ attributes: 0, timestampDelta: r.timestamp - first, offsetDelta: i, key: r.key, value: r.value, headers: r.headers ?? [] })),
  };
}

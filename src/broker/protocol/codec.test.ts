import { describe, expect, it } from 'vitest';
import { decodeAll, encodeAll } from './codec.ts';
import { APIS } from './apis.ts';
import { MalformedError } from './primitives.ts';
import { metadataResponse } from './messages/metadata.ts';
import { offsetFetchRequest } from './messages/groups.ts';
import { apiVersionsRequest } from './messages/apiVersions.ts';

describe('generic codec', () => {
  it('writes classic encodings: int16 string lengths, int32 array counts, -1 for null', () => {
    const bytes = encodeAll(APIS.Metadata.request, 1, { topics: null });
    expect([...bytes]).toEqual([0xff, 0xff, 0xff, 0xff]);
    const one = encodeAll(APIS.Metadata.request, 4, { topics: [{ name: 'ab' }], allowAutoTopicCreation: false });
    expect([...one]).toEqual([0, 0, 0, 1, 0, 2, 0x61, 0x62, 0]);
  });

  it('writes compact encodings and an empty tag section in flexible versions', () => {
    // ApiVersions v3: compact strings (length + 1) and a trailing tagged-field count of 0
    const bytes = encodeAll(apiVersionsRequest, 3, { clientSoftwareName: 'kcat', clientSoftwareVersion: '1' });
    expect([...bytes]).toEqual([5, 0x6b, 0x63, 0x61, 0x74, 2, 0x31, 0]);
  });

  it('round-trips a flexible message with a nullable array at every version it supports', () => {
    for (let v = offsetFetchRequest.valid.min; v <= offsetFetchRequest.valid.max; v++) {
      const value = { groupId: 'g', topics: [{ name: 't', partitionIndexes: [0, 2] }], requireStable: v >= 7 };
      expect(decodeAll(offsetFetchRequest, v, encodeAll(offsetFetchRequest, v, value))).toEqual(value);
    }
  });

  it('leaves out fields that a version does not have and decodes them as their defaults', () => {
    const v0 = encodeAll(metadataResponse, 0, { brokers: [{ nodeId: 1, host: 'h', port: 9092, rack: 'r' }], clusterId: 'c', controllerId: 1, topics: [] });
    const back = decodeAll(metadataResponse, 0, v0);
    expect(back.brokers).toEqual([{ nodeId: 1, host: 'h', port: 9092, rack: null }]);
    expect(back.clusterId).toBeNull();
    expect(back.controllerId).toBe(-1);
  });

  it('skips unknown tagged fields and rejects trailing or truncated input', () => {
    // ApiVersions v3 with one unknown tag (7) of 2 bytes before the end
    const withTag = new Uint8Array([1, 1, 1, 7, 2, 0xaa, 0xbb]);
    expect(decodeAll(apiVersionsRequest, 3, withTag)).toEqual({ clientSoftwareName: '', clientSoftwareVersion: '' });
    expect(() => decodeAll(apiVersionsRequest, 3, new Uint8Array([5, 0x6b]))).toThrow(MalformedError);
    expect(() => decodeAll(APIS.Metadata.request, 1, new Uint8Array([0, 0, 0, 0, 9]))).toThrow(MalformedError);
  });

  it('refuses an array count larger than the bytes that follow instead of allocating it', () => {
    expect(() => decodeAll(APIS.Metadata.request, 1, new Uint8Array([0x7f, 0xff, 0xff, 0xff]))).toThrow(/array of/);
  });
});

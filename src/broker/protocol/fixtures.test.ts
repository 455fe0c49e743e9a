/**
 * Byte-level tests of the codec against requests captured from real clients: kcat 1.7.1
 * (librdkafka 2.0.2) and KafkaJS 2.2.4, recorded with `npm run broker -- --record FILE` while they
 * listed metadata, produced (gzip, idempotent, with headers), consumed, ran a consumer group and
 * used admin calls. Every captured request must decode at its version with no byte left over,
 * and encode back to exactly the bytes the client sent.
 */
import { describe, expect, it } from 'vitest';
import kcat from './fixtures/kcat-1.7.1.json';
import kafkajs from './fixtures/kafkajs-2.2.4.json';
import { apiByKey, APIS } from './apis.ts';
import { decodeMessage, encodeMessage, isFlexible } from './codec.ts';
import { readRequestHeader, skipHeaderTags, writeRequestHeader } from './header.ts';
import { Reader, Writer } from './primitives.ts';
import { decodeAssignment, decodeSubscription } from './messages/consumerProtocol.ts';
import { decodeBatches } from '../records/batch.ts';

interface Capture {
  frames: { broker: number; dir: 'in' | 'out'; hex: string }[];
}

function hex(s: string): Uint8Array {
  return new Uint8Array(s.match(/../g)!.map((h) => parseInt(h, 16)));
}

function requests(c: Capture) {
  return c.frames
    .filter((f) => f.dir === 'in')
    .map((f) => {
      const bytes = hex(f.hex);
      const r = new Reader(bytes, 4);
      const header = readRequestHeader(r);
      const api = apiByKey(header.apiKey)!;
      const flexible = isFlexible(api.request, header.apiVersion);
      if (flexible) skipHeaderTags(r);
      const bodyStart = r.pos;
      const body = decodeMessage(api.request, header.apiVersion, r);
      return { bytes, header, api, flexible, body: body as Record<string, unknown>, rest: r.remaining, bodyStart };
    });
}

const clients: [string, Capture][] = [
  ['kcat 1.7.1 (librdkafka 2.0.2)', kcat as Capture],
  ['KafkaJS 2.2.4', kafkajs as Capture],
];

describe.each(clients)('requests captured from %s', (_name, capture) => {
  const reqs = requests(capture);

  it('decode completely and encode back to the same bytes', () => {
    expect(reqs.length).toBeGreaterThan(10);
    for (const q of reqs) {
      expect(q.rest, `${q.api.name} v${q.header.apiVersion} left bytes`).toBe(0);
      const w = new Writer();
      w.int32(0);
      writeRequestHeader(w, q.header, q.flexible);
      encodeMessage(q.api.request, q.header.apiVersion, q.body as never, w);
      const out = w.finish().slice();
      new DataView(out.buffer).setInt32(0, out.length - 4);
      expect([...out], `${q.api.name} v${q.header.apiVersion}`).toEqual([...q.bytes]);
    }
  });

  it('carry record batches that decode with their CRC-32C', () => {
    const produce = reqs.filter((q) => q.api.key === APIS.Produce.key);
    expect(produce.length).toBeGreaterThan(0);
    for (const q of produce) {
      for (const t of q.body.topicData as { partitionData: { records: Uint8Array }[] }[]) {
        for (const p of t.partitionData) expect(decodeBatches(p.records).length).toBe(1);
      }
    }
  });

  it('join with a consumer subscription and sync a consumer assignment', () => {
    const join = reqs.find((q) => q.api.key === APIS.JoinGroup.key && (q.body.memberId as string) !== '');
    const protocols = join!.body.protocols as { name: string; metadata: Uint8Array }[];
    expect(decodeSubscription(protocols[0]!.metadata)?.topics.length).toBe(1);
    const sync = reqs.find((q) => q.api.key === APIS.SyncGroup.key && (q.body.assignments as unknown[]).length > 0);
    const a = (sync!.body.assignments as { assignment: Uint8Array }[])[0]!;
    expect(decodeAssignment(a.assignment)?.assignedPartitions.length).toBe(1);
  });
});

describe('what the captures show', () => {
  it('librdkafka starts with ApiVersions v3 (flexible, KIP-511) naming itself', () => {
    const first = requests(kcat as Capture)[0]!;
    expect(first.api.name).toBe('ApiVersions');
    expect(first.header.apiVersion).toBe(3);
    expect(first.body.clientSoftwareName).toBe('librdkafka');
  });

  it('kcat sends batches of an idempotent producer (its tiny batches stay uncompressed: gzip would not shrink them)', () => {
    const p = requests(kcat as Capture).find((q) => q.api.key === APIS.Produce.key)!;
    const records = (p.body.topicData as { partitionData: { records: Uint8Array }[] }[])[0]!.partitionData[0]!.records;
    const [b] = decodeBatches(records);
    expect(b!.attributes & 7).toBe(0);
    expect(b!.producerId).toBeGreaterThanOrEqual(0);
    expect(b!.records.map((r) => new TextDecoder().decode(r.key!))).toEqual(['alice', 'bob']);
  });

  it('KafkaJS sends headers and its own timestamps, and asks for Metadata v6 and Fetch v11', () => {
    const reqs = requests(kafkajs as Capture);
    const p = reqs.find((q) => q.api.key === APIS.Produce.key)!;
    const batches = (p.body.topicData as { partitionData: { records: Uint8Array }[] }[]).flatMap((t) => t.partitionData.flatMap((d) => decodeBatches(d.records)));
    const b = batches.find((x) => x.records.some((r) => r.key && new TextDecoder().decode(r.key) === 'alice'))!;
    const alice = b.records.find((r) => r.key && new TextDecoder().decode(r.key) === 'alice')!;
    expect(alice.headers.map((h) => [h.key, new TextDecoder().decode(h.value!)])).toEqual([['trace', 'abc']]);
    expect(b.baseTimestamp + alice.timestampDelta).toBe(1_700_000_000_000);
    expect(b.producerId).toBeGreaterThanOrEqual(0);
    expect(reqs.find((q) => q.api.key === APIS.Metadata.key)!.header.apiVersion).toBe(6);
    expect(reqs.find((q) => q.api.key === APIS.Fetch.key)!.header.apiVersion).toBe(11);
  });
});

import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { labHintFor } from './hints.ts';

// KafkaJS's own errors, made by KafkaJS's own code (the package the lab bundles).
const require = createRequire(import.meta.url);
const compression = require('kafkajs/src/protocol/message/compression/index.js') as { lookupCodec: (type: number) => unknown };
const { createErrorFromCode } = require('kafkajs/src/protocol/error.js') as { createErrorFromCode: (code: number) => Error };

const thrown = (fn: () => unknown): Error => {
  try {
    fn();
  } catch (e) {
    return e as Error;
  }
  throw new Error('expected a throw');
};
const said = (e: Error) => `${e.name}: ${e.message}`;

describe('lab hints for what KafkaJS cannot do against the lab broker', () => {
  it('Snappy, LZ4 and ZSTD without a codec: KafkaJSNotImplemented (kafkajs compression/index.js) gets the compression hint', () => {
    for (const type of [2, 3, 4]) {
      const e = thrown(() => compression.lookupCodec(type));
      expect(e.name).toBe('KafkaJSNotImplemented');
      expect(labHintFor(said(e))?.id).toBe('compression');
    }
  });

  it("the broker's UNSUPPORTED_COMPRESSION_TYPE (Kafka error code 76) gets the compression hint", () => {
    const e = createErrorFromCode(76);
    expect(e.name).toBe('KafkaJSProtocolError');
    expect(labHintFor(said(e))?.id).toBe('compression');
  });

  it("TRANSACTIONAL_ID_AUTHORIZATION_FAILED (Kafka error code 53) gets the transactions hint", () => {
    const e = createErrorFromCode(53);
    expect(labHintFor(said(e))?.id).toBe('transactions');
    expect(labHintFor(`transaction failed: ${said(e)}`)?.text).toMatch(/^Lab hint: .*idempotent: true/);
  });

  it("a transactional producer's first error in KafkaJS, KafkaJSGroupCoordinatorNotFound, gets the transactions hint (the lab's one broker finds every consumer group's coordinator)", () => {
    const { KafkaJSGroupCoordinatorNotFound } = require('kafkajs/src/errors.js') as { KafkaJSGroupCoordinatorNotFound: new (m: string) => Error };
    expect(labHintFor(said(new KafkaJSGroupCoordinatorNotFound('Failed to find group coordinator')))?.id).toBe('transactions');
  });

  it('other errors, and gzip, get no hint', () => {
    expect(labHintFor(said(createErrorFromCode(3)))).toBeNull();
    expect(labHintFor('TypeError: order.userId is undefined')).toBeNull();
    expect(labHintFor('sent with compression: CompressionTypes.GZIP')).toBeNull();
    expect(labHintFor('')).toBeNull();
  });
});

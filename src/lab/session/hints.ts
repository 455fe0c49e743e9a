/**
 * Short lab hints for what the real KafkaJS cannot do against the lab's broker. The learner sees
 * KafkaJS's own error unchanged; the page adds one sentence after it saying why this happens in
 * the lab and what to do instead. The hints are chosen on the page's side from the error's text
 * (the sandbox's description of an error is untrusted, and a hint only adds advice).
 *
 * What KafkaJS says, and where it comes from:
 * - a compression codec it has no built-in code for: `KafkaJSNotImplemented: Snappy compression not
 *   implemented` (likewise LZ4, ZSTD; kafkajs src/protocol/message/compression/index.js: only GZIP
 *   ships with KafkaJS, the others need a codec package registered in `CompressionCodecs`);
 * - a batch whose codec the broker refuses: Kafka's UNSUPPORTED_COMPRESSION_TYPE (error code 76),
 *   which KafkaJS reports as "The requesting client does not support the compression type of given
 *   partition" (kafkajs src/protocol/error.js); the lab's broker stores none and gzip only
 *   (src/broker/records/batch.ts);
 * - transactions: the lab's broker has none, and answers a transactional id with
 *   TRANSACTIONAL_ID_AUTHORIZATION_FAILED (error code 53, "Transactional Id authorization failed"
 *   in KafkaJS; src/broker/core/handlers/admin.ts), the code Kafka sends to a client that may not
 *   use one. A transactional producer meets it first in FindCoordinator (key type 1), where KafkaJS
 *   tries every broker and then throws `KafkaJSGroupCoordinatorNotFound: Failed to find group
 *   coordinator` (kafkajs src/cluster/index.js, findGroupCoordinatorMetadata). The lab's cluster is
 *   one broker that is always up and finds every consumer group's coordinator, so in the lab that
 *   error comes only from a transactional id.
 */

export type LabHintId = 'compression' | 'transactions';

export interface LabHint {
  id: LabHintId;
  /** one or two sentences, starting with "Lab hint:" */
  text: string;
}

const HINTS: { id: LabHintId; matches: RegExp; text: string }[] = [
  {
    id: 'compression',
    matches: /\b(?:snappy|lz4|zstd) compression not implemented\b|does not support the compression type|UNSUPPORTED_COMPRESSION_TYPE/i,
    text: 'Lab hint: the lab’s broker and KafkaJS in the browser handle records uncompressed or gzip-compressed only. Use compression: CompressionTypes.GZIP, or leave compression out; with real Kafka, Snappy, LZ4 and ZSTD need a codec package registered in KafkaJS’s CompressionCodecs.',
  },
  {
    id: 'transactions',
    matches: /Transactional Id authorization failed|TRANSACTIONAL_ID_AUTHORIZATION_FAILED|transactions are not available|Failed to find group coordinator/i,
    text: 'Lab hint: the lab’s broker has no transactions, so a transactionalId, producer.transaction() and sendOffsets fail here (KafkaJS cannot find a transaction coordinator). Use an idempotent producer (kafka.producer({ idempotent: true })) and make the consumer’s work idempotent, as step 4 does.',
  },
];

/**
 * The hint for an error or a console line, if it shows something the lab's broker cannot do.
 * @param text an error as "Name: message", or a line of the learner's output (at most its first 4,000 characters are read)
 * @returns the hint, or null when the text shows none of these limits
 */
export function labHintFor(text: string): LabHint | null {
  const t = text.slice(0, 4000);
  for (const h of HINTS) if (h.matches.test(t)) return { id: h.id, text: h.text };
  return null;
}

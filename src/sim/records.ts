/**
 * Explicit records and client-driven groups: the parts of the simulator that outside code (the
 * lab's KafkaJS-style clients, a wire-protocol broker) drives one call at a time. They live with
 * their components; this module gathers them:
 *
 * - producer/send: producer/send.ts; reading records back: log/payload.ts.
 * - client/join: coordinator/classic/membership.ts; client/commit: coordinator/offsets.ts;
 *   client/fetch: consumer/fetch.ts; the next deadline: coordinator/deadlines.ts.
 */
export { sendRecords, SEND_BATCH_BYTES, SEND_RECORD_OVERHEAD_BYTES, EXPLICIT_ENTITY } from './producer/send.ts';
export { payloadCap, readRecords, partitionRecords } from './log/payload.ts';
export { joinClient } from './coordinator/classic/membership.ts';
export { commitRefusal, commitForClient } from './coordinator/offsets.ts';
export { fetchForClient } from './consumer/fetch.ts';
export { nextDeadlineMs } from './coordinator/deadlines.ts';

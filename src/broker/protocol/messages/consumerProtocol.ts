/**
 * The consumer's embedded protocol (Kafka's ConsumerProtocolSubscription.json and
 * ConsumerProtocolAssignment.json): the opaque bytes that JoinGroup carries as member metadata and
 * SyncGroup as assignments, for protocol type "consumer". The coordinator does not need them to
 * run the group (the assignment runs in the client); the broker decodes them only to show who
 * reads what. Each starts with an int16 version; newer versions only append fields, so a reader
 * reads the fields it knows and ignores the rest, as Kafka's ConsumerProtocol does.
 */
import { decodeMessage, encodeAll } from '../codec.ts';
import { MalformedError, Reader } from '../primitives.ts';
import { f, message, type Infer } from '../schema.ts';

export const consumerSubscription = message('ConsumerProtocolSubscription', -1, '0-3', 'none', [
  f.list('topics', '0+', 'string'),
  f.nbytes('userData', '0+', { nullable: '0+' }),
  f.array('ownedPartitions', '1+', [f.string('topic', '1+'), f.list('partitions', '1+', 'int32')]),
  f.int32('generationId', '2+', { default: -1 }),
  f.nstring('rackId', '3+', { nullable: '3+' }),
]);

export const consumerAssignment = message('ConsumerProtocolAssignment', -1, '0-3', 'none', [
  f.array('assignedPartitions', '0+', [f.string('topic', '0+'), f.list('partitions', '0+', 'int32')]),
  f.nbytes('userData', '0+', { nullable: '0+' }),
]);

export type ConsumerSubscription = Infer<typeof consumerSubscription>;
export type ConsumerAssignment = Infer<typeof consumerAssignment>;

function decodeVersioned<S extends typeof consumerSubscription | typeof consumerAssignment>(schema: S, bytes: Uint8Array): Infer<S> | null {
  if (bytes.length === 0) return null;
  try {
    const r = new Reader(bytes);
    const version = r.int16();
    if (version < 0) return null;
    return decodeMessage(schema, Math.min(version, schema.valid.max), r);
  } catch (e) {
    if (e instanceof MalformedError) return null;
    throw e;
  }
}

/** The subscription a member sent in JoinGroup, or null when the bytes are not a consumer subscription. */
export function decodeSubscription(bytes: Uint8Array): ConsumerSubscription | null {
  return decodeVersioned(consumerSubscription, bytes);
}

/** The assignment the leader sent in SyncGroup, or null when the bytes are empty or not a consumer assignment. */
export function decodeAssignment(bytes: Uint8Array): ConsumerAssignment | null {
  return decodeVersioned(consumerAssignment, bytes);
}

/** Encodes with the version prefix (for tests and fixtures). */
export function encodeVersioned(schema: typeof consumerSubscription | typeof consumerAssignment, version: number, value: object): Uint8Array {
  const body = encodeAll(schema, version, value as never);
  const out = new Uint8Array(body.length + 2);
  new DataView(out.buffer).setInt16(0, version);
  out.set(body, 2);
  return out;
}

/**
 * The MessagePort transport: Kafka connections carried over one MessagePort between two realms.
 * The lab's sandbox (an opaque-origin iframe's worker, where learner code and KafkaJS run) holds
 * one end; the page (where the broker core and the simulator live) holds the other. Each Kafka
 * connection is a numbered stream of bytes; the bytes are Kafka's protocol, unchanged, moved as
 * transferred ArrayBuffers.
 *
 * The page treats every message from the port as untrusted input (the learner's realm can post
 * anything): `parseClientMessage` accepts only the shapes below and says why it refuses the rest.
 */

/** Client (sandbox) to broker (page). */
export type ClientMessage =
  /**
   * open connection `conn` (a number the client chose) to the broker at host:port; `client`, when
   * given, names the client (one KafkaJS producer, consumer or admin) the connection belongs to
   */
  | { t: 'open'; conn: number; host: string; port: number; client?: number }
  /** bytes the client wrote on `conn` */
  | { t: 'data'; conn: number; bytes: ArrayBuffer }
  /** the client closed `conn` */
  | { t: 'end'; conn: number };

/** Broker (page) to client (sandbox). */
export type ServerMessage =
  /** `conn` is connected */
  | { t: 'opened'; conn: number }
  /** nothing listens at that address, or the broker is down (the client sees ECONNREFUSED) */
  | { t: 'refused'; conn: number; message: string }
  /** bytes the broker sent on `conn` */
  | { t: 'data'; conn: number; bytes: ArrayBuffer }
  /** the broker closed `conn` */
  | { t: 'closed'; conn: number };

/** Most connections one port may have open at once (a KafkaJS program opens a handful). */
export const MAX_PORT_CONNECTIONS = 64;
/** Longest host name accepted (DNS's limit). */
const MAX_HOST = 253;

const isConn = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v) && v > 0;

/**
 * A message from the client end, checked field by field.
 * @param data whatever arrived on the port (structured-clone data from an untrusted realm)
 * @param maxBytes the largest `data` chunk accepted, in bytes (the broker's socket.request.max.bytes)
 * @returns the message, or `{ refused }` with the reason in a sentence
 */
export function parseClientMessage(data: unknown, maxBytes: number): ClientMessage | { refused: string } {
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return { refused: 'a message that is not an object' };
  const m = data as Record<string, unknown>;
  if (!isConn(m.conn)) return { refused: 'a message without a valid connection number' };
  switch (m.t) {
    case 'open': {
      if (typeof m.host !== 'string' || m.host.length === 0 || m.host.length > MAX_HOST) return { refused: 'an open without a valid host' };
      if (typeof m.port !== 'number' || !Number.isInteger(m.port) || m.port < 0 || m.port > 65_535) return { refused: 'an open without a valid port' };
      if (m.client === undefined) return { t: 'open', conn: m.conn, host: m.host, port: m.port };
      if (!isConn(m.client)) return { refused: 'an open with a client that is not a positive integer' };
      return { t: 'open', conn: m.conn, host: m.host, port: m.port, client: m.client };
    }
    case 'data': {
      if (!(m.bytes instanceof ArrayBuffer)) return { refused: 'data that is not an ArrayBuffer' };
      if (m.bytes.byteLength > maxBytes) return { refused: `a data chunk of ${m.bytes.byteLength} bytes (at most ${maxBytes})` };
      return { t: 'data', conn: m.conn, bytes: m.bytes };
    }
    case 'end':
      return { t: 'end', conn: m.conn };
    default:
      return { refused: 'a message of an unknown type' };
  }
}

/** The part of a MessagePort both ends use (the DOM's and Node's ports both have it). */
export interface PortEnd {
  postMessage(message: unknown, transfer?: Transferable[]): void;
  addEventListener(type: 'message', listener: (e: MessageEvent) => void): void;
  removeEventListener(type: 'message', listener: (e: MessageEvent) => void): void;
  start(): void;
  close(): void;
}

/** A copy of the bytes in a fresh ArrayBuffer of exactly their length (safe to transfer). */
export function ownBuffer(bytes: Uint8Array): ArrayBuffer {
  const out = new ArrayBuffer(bytes.byteLength);
  new Uint8Array(out).set(bytes);
  return out;
}

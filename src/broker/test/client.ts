/**
 * A minimal protocol client for tests of the broker core: it writes requests with the codec and
 * reads responses, straight into a Connection (no transport), so that a test can send exactly the
 * bytes it wants, good or bad, and see what the broker answers or whether it closes.
 */
import type { KafkaCluster } from '../core/cluster.ts';
import type { Connection } from '../core/connection.ts';
import { frame } from '../core/framing.ts';
import { APIS, type ApiName } from '../protocol/apis.ts';
import { decodeMessage, encodeMessage, isFlexible } from '../protocol/codec.ts';
import { writeRequestHeader } from '../protocol/header.ts';
import { Reader, Writer } from '../protocol/primitives.ts';
import type { DeepPartial, Infer } from '../protocol/schema.ts';

export class TestClient {
  readonly conn: Connection;
  closed = false;
  private frames: Uint8Array[] = [];
  private nextCorrelation = 1;

  constructor(
    readonly cluster: KafkaCluster,
    readonly broker = 0,
  ) {
    this.conn = cluster.connect(broker, { send: (b) => void this.frames.push(b), close: () => void (this.closed = true) });
  }

  /** Raw bytes to the broker. */
  raw(bytes: Uint8Array): void {
    this.conn.receive(bytes);
  }

  /** Encodes a request (header + body) as a frame. */
  encode<N extends ApiName>(name: N, version: number, body: DeepPartial<Infer<(typeof APIS)[N]['request']>>, correlationId = this.nextCorrelation++): Uint8Array {
    const api = APIS[name];
    const w = new Writer();
    writeRequestHeader(w, { apiKey: api.key, apiVersion: version, correlationId, clientId: 'test-client' }, isFlexible(api.request, version));
    encodeMessage(api.request, version, body as never, w);
    return frame(w.finish());
  }

  /** Sends a request; resolves with the decoded response (waiting up to `ms` of real time for a delayed one). */
  async call<N extends ApiName>(name: N, version: number, body: DeepPartial<Infer<(typeof APIS)[N]['request']>>, ms = 2000): Promise<Infer<(typeof APIS)[N]['response']>> {
    const correlationId = this.nextCorrelation++;
    this.raw(this.encode(name, version, body, correlationId));
    const end = Date.now() + ms;
    for (;;) {
      const i = this.frames.findIndex((f) => new DataView(f.buffer, f.byteOffset).getInt32(4) === correlationId);
      if (i >= 0) {
        const f = this.frames.splice(i, 1)[0]!;
        const api = APIS[name];
        const r = new Reader(f, 8);
        // ApiVersions always answers with response header v0
        if (api.key !== APIS.ApiVersions.key && isFlexible(api.response, version)) r.uvarint();
        return decodeMessage(api.response, version, r) as never;
      }
      if (this.closed) throw new Error(`connection closed before the ${name} response`);
      if (Date.now() > end) throw new Error(`no ${name} response within ${ms} ms`);
      await new Promise((r) => setTimeout(r, 5));
    }
  }

  /** Responses received and not yet taken. */
  get pendingFrames(): number {
    return this.frames.length;
  }
}

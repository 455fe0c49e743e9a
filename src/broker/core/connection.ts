/**
 * One client connection to one simulated broker: frames in, frames out. Like a Kafka broker's
 * network processor it handles one request at a time per connection (the socket is "muted" while
 * a request is in progress, so responses leave in request order), and it closes the connection on
 * input it cannot parse: a bad frame size, an unknown API key, an unsupported version (except for
 * ApiVersions, which answers UNSUPPORTED_VERSION so that the client can pick another, KIP-511),
 * or a malformed request body.
 */
import { FrameDecoder, FrameError, frame } from './framing.ts';
import { apiByKey, APIS, supportsVersion, advertisedVersions } from '../protocol/apis.ts';
import { decodeMessage, encodeMessage, isFlexible } from '../protocol/codec.ts';
import { ERR } from '../protocol/errors.ts';
import { readRequestHeader, skipHeaderTags, writeResponseHeader, type RequestHeader } from '../protocol/header.ts';
import { MalformedError, Reader, Writer } from '../protocol/primitives.ts';
import type { KafkaCluster } from './cluster.ts';
import { NO_RESPONSE, type RequestContext } from './handlers/types.ts';

/** What a transport gives a connection: a way to send bytes and to close. */
export interface ConnectionSink {
  send(bytes: Uint8Array): void;
  close(): void;
}

let nextConnectionId = 1;

export class Connection {
  readonly id = nextConnectionId++;
  private readonly decoder: FrameDecoder;
  private queue: Uint8Array[] = [];
  private busy = false;
  private open = true;
  lastActiveMs: number;
  /** requests handled, for the live summary */
  requests = 0;

  constructor(
    private readonly cluster: KafkaCluster,
    readonly brokerId: number,
    private readonly sink: ConnectionSink,
    readonly remote: string,
  ) {
    this.decoder = new FrameDecoder(cluster.config.socketRequestMaxBytes);
    this.lastActiveMs = cluster.now();
  }

  get isOpen(): boolean {
    return this.open;
  }

  /** Bytes from the peer (any chunking). */
  receive(chunk: Uint8Array): void {
    if (!this.open) return;
    this.lastActiveMs = this.cluster.now();
    let frames: Uint8Array[];
    try {
      frames = this.decoder.push(chunk);
    } catch (e) {
      // a FrameError is the peer's fault; anything else is ours, but one connection's input must
      // never take the whole cluster down: close this connection either way
      this.cluster.log(`broker ${this.brokerId}: closing ${this.remote}: ${e instanceof FrameError ? e.message : e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
      this.close();
      return;
    }
    if (frames.length) {
      this.queue.push(...frames);
      this.pump();
    }
  }

  /** The peer went away (or the transport closed): stop, drop queued requests. */
  closed(): void {
    if (!this.open) return;
    this.open = false;
    this.queue = [];
    this.cluster.detach(this);
  }

  /** Close from the broker side. */
  close(): void {
    if (!this.open) return;
    this.closed();
    this.sink.close();
  }

  private pump(): void {
    while (!this.busy && this.open && this.queue.length) {
      const f = this.queue.shift()!;
      this.busy = true;
      let result: ReturnType<Connection['handle']>;
      try {
        result = this.handle(f);
      } catch (e) {
        this.fail(e);
        return;
      }
      if (result instanceof Promise) {
        result.then(
          (bytes) => this.finish(bytes),
          (e: unknown) => this.fail(e),
        );
        return;
      }
      this.finish(result);
    }
  }

  private finish(bytes: Uint8Array | null): void {
    this.busy = false;
    if (!this.open) return;
    this.lastActiveMs = this.cluster.now();
    if (bytes) {
      this.cluster.record?.(this.brokerId, 'out', bytes);
      this.sink.send(bytes);
    }
    this.pump();
  }

  private fail(e: unknown): void {
    this.busy = false;
    if (e instanceof MalformedError) this.cluster.log(`broker ${this.brokerId}: closing ${this.remote}: malformed request (${e.message})`);
    else this.cluster.log(`broker ${this.brokerId}: closing ${this.remote}: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
    this.close();
  }

  /** Parses one request frame and runs its handler; returns the response frame (null for none). */
  private handle(f: Uint8Array): Uint8Array | null | Promise<Uint8Array | null> {
    this.requests++;
    this.cluster.record?.(this.brokerId, 'in', frame(f));
    const r = new Reader(f);
    const header = readRequestHeader(r);
    const api = apiByKey(header.apiKey);
    if (!api) throw new MalformedError(`unknown API key ${header.apiKey}`);
    this.cluster.countRequest(api.name);
    if (!supportsVersion(api, header.apiVersion)) {
      if (api.key === APIS.ApiVersions.key) return this.unsupportedApiVersions(header);
      throw new MalformedError(`${api.name} v${header.apiVersion} is not supported (v${api.request.valid.min}-${api.request.valid.max})`);
    }
    const flexible = isFlexible(api.request, header.apiVersion);
    if (flexible) skipHeaderTags(r);
    const body = decodeMessage(api.request, header.apiVersion, r);
    const ctx: RequestContext = { cluster: this.cluster, connection: this, brokerId: this.brokerId, header, api };
    const handler = this.cluster.handlers.get(api.key);
    if (!handler) throw new MalformedError(`no handler for ${api.name}`);
    this.cluster.sync();
    let out: ReturnType<typeof handler>;
    // what the simulator does while the handler runs synchronously was asked for by this API (a topic made by Metadata was auto-created)
    this.cluster.handling = api.name;
    try {
      out = handler(ctx, body as never);
    } finally {
      this.cluster.handling = null;
    }
    if (out instanceof Promise) return out.then((res) => this.encode(header, res));
    return this.encode(header, out);
  }

  private encode(header: RequestHeader, res: object | typeof NO_RESPONSE): Uint8Array | null {
    if (res === NO_RESPONSE) return null;
    const api = apiByKey(header.apiKey)!;
    const w = new Writer(256);
    // ApiVersions responses always use header v0 (KIP-511)
    writeResponseHeader(w, header.correlationId, api.key !== APIS.ApiVersions.key && isFlexible(api.response, header.apiVersion));
    encodeMessage(api.response, header.apiVersion, res as never, w);
    return frame(w.finish());
  }

  /** ApiVersions at a version this broker does not know: answer v0 with UNSUPPORTED_VERSION and the list. */
  private unsupportedApiVersions(header: RequestHeader): Uint8Array {
    const w = new Writer(256);
    writeResponseHeader(w, header.correlationId, false);
    encodeMessage(APIS.ApiVersions.response, 0, { errorCode: ERR.UNSUPPORTED_VERSION, apiKeys: advertisedVersions() }, w);
    return frame(w.finish());
  }
}

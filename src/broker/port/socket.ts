/**
 * The client's end of the MessagePort transport (protocol.ts): sockets for KafkaJS's
 * `socketFactory` whose bytes cross a MessagePort to the broker in another realm. It runs where
 * the client runs (the lab's sandboxed worker, or a test), on the `events` and `buffer` packages.
 *
 *   const kafka = new Kafka({ brokers: ['broker-0:9092'], socketFactory: portSocketFactory(port) as unknown as ISocketFactory });
 *
 * Like the in-memory socket (../memory/socket.ts) it implements what KafkaJS uses of a Node
 * socket: `on('connect' | 'data' | 'end' | 'close' | 'error' | 'timeout')`, `write`, `end`,
 * `destroy`, `setKeepAlive`, `setNoDelay`, `setTimeout`, `ref`, `unref`.
 */
import { Buffer } from 'buffer';
import { EventEmitter } from 'events';
import { ownBuffer, type ClientMessage, type PortEnd, type ServerMessage } from './protocol.ts';

export class PortSocket extends EventEmitter {
  private state: 'connecting' | 'open' | 'ended' = 'connecting';

  constructor(
    private readonly link: PortLink,
    readonly conn: number,
    readonly remoteAddress: string,
    readonly remotePort: number,
    private readonly onConnect?: () => void,
  ) {
    super();
  }

  /** Called by the link with what the broker end sent for this connection. */
  deliver(m: ServerMessage): void {
    if (this.state === 'ended') return;
    switch (m.t) {
      case 'opened':
        this.state = 'open';
        this.emit('connect');
        this.onConnect?.();
        return;
      case 'refused': {
        this.state = 'ended';
        this.link.forget(this.conn);
        this.emit('error', Object.assign(new Error(m.message), { code: 'ECONNREFUSED' }));
        this.emit('close', true);
        return;
      }
      case 'data':
        this.emit('data', Buffer.from(m.bytes));
        return;
      case 'closed': {
        const wasOpen = this.state === 'open';
        this.state = 'ended';
        this.link.forget(this.conn);
        // Closed before it connected: a failed connect, as a socket reports it.
        if (!wasOpen) this.emit('error', Object.assign(new Error(`connect ECONNRESET ${this.remoteAddress}:${this.remotePort}`), { code: 'ECONNRESET' }));
        else this.emit('end');
        this.emit('close', !wasOpen);
        return;
      }
    }
  }

  /** Sends bytes to the broker (Node's socket.write signature; the encoding is ignored for bytes). */
  write(data: Uint8Array | string, encodingOrCb?: string | (() => void), cb?: () => void): boolean {
    if (this.state === 'ended') return false;
    const bytes = ownBuffer(typeof data === 'string' ? new TextEncoder().encode(data) : data);
    this.link.send({ t: 'data', conn: this.conn, bytes }, [bytes]);
    const done = typeof encodingOrCb === 'function' ? encodingOrCb : cb;
    if (done) setTimeout(done, 0);
    return true;
  }

  /** Closes from the client side. */
  end(): this {
    if (this.state !== 'ended') {
      this.state = 'ended';
      this.link.send({ t: 'end', conn: this.conn });
      this.link.forget(this.conn);
      setTimeout(() => this.emit('close', false), 0);
    }
    return this;
  }

  destroy(): this {
    return this.end();
  }

  setKeepAlive(): this {
    return this;
  }

  setNoDelay(): this {
    return this;
  }

  setTimeout(): this {
    return this;
  }

  unref(): this {
    return this;
  }

  ref(): this {
    return this;
  }
}

/** One port carrying many connections. */
export class PortLink {
  private readonly sockets = new Map<number, PortSocket>();
  private nextConn = 1;

  constructor(private readonly port: PortEnd) {
    port.addEventListener('message', (e: MessageEvent) => {
      const m = e.data as ServerMessage;
      if (!m || typeof m !== 'object' || typeof m.conn !== 'number') return;
      this.sockets.get(m.conn)?.deliver(m);
    });
    port.start();
  }

  /** Opens a connection; `client` says which client it belongs to (see portSocketFactory). */
  open(host: string, port: number, onConnect?: () => void, client?: number): PortSocket {
    const conn = this.nextConn++;
    const s = new PortSocket(this, conn, host, port, onConnect);
    this.sockets.set(conn, s);
    this.send(client === undefined ? { t: 'open', conn, host, port } : { t: 'open', conn, host, port, client });
    return s;
  }

  send(m: ClientMessage, transfer: Transferable[] = []): void {
    this.port.postMessage(m, transfer);
  }

  forget(conn: number): void {
    this.sockets.delete(conn);
  }

  /** connections open or opening */
  get size(): number {
    return this.sockets.size;
  }
}

/**
 * A KafkaJS `socketFactory` whose connections cross `port` to a broker served with servePort().
 * @param port one end of a MessageChannel (the other end is served by servePort in the broker's realm)
 * @param client a number naming the client (one KafkaJS producer, consumer or admin) whose
 *   connections these are; the broker's side sees it with each connection (PortServer.clientOf).
 *   A positive safe integer; leave it out when one factory serves several clients.
 */
export function portSocketFactory(port: PortEnd | PortLink, client?: number) {
  const link = port instanceof PortLink ? port : new PortLink(port);
  return ({ host, port: p, onConnect }: { host: string; port: number; ssl?: unknown; onConnect: () => void }) => link.open(host, p, onConnect, client);
}

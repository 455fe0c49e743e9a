/**
 * The in-memory transport: a duplex stream that behaves like the Node socket a Kafka client
 * expects, connected straight to the broker core, so that a real client runs in a browser worker
 * with no network. It implements what KafkaJS's `socketFactory` option needs (`on('data' | 'end' |
 * 'error' | 'timeout')`, `write`, `end`, `destroy`, `unref`, `setKeepAlive`, and the `onConnect`
 * callback) on top of the `events` and `buffer` packages (Node's own modules under Node, their
 * browser builds under Vite).
 *
 *   const kafka = new Kafka({ brokers: ['broker-0:9092'], socketFactory: memorySocketFactory(cluster) as unknown as ISocketFactory });
 *
 * (KafkaJS's TypeScript types ask for a whole net.Socket; at run time it uses only the methods above.)
 *
 * Delivery in both directions is asynchronous (a macrotask), as real I/O is, so no request is
 * handled inside the client's own call stack.
 */
import { Buffer } from 'buffer';
import { EventEmitter } from 'events';
import type { KafkaCluster } from '../core/cluster.ts';
import type { Connection } from '../core/connection.ts';

function later(fn: () => void): void {
  setTimeout(fn, 0);
}

export class MemorySocket extends EventEmitter {
  private conn: Connection | null = null;
  private ended = false;
  readonly remoteAddress: string;
  readonly remotePort: number;

  constructor(cluster: KafkaCluster, broker: number | null, host: string, port: number, onConnect?: () => void) {
    super();
    this.remoteAddress = host;
    this.remotePort = port;
    later(() => {
      if (this.ended) return;
      if (broker === null || !cluster.isUp(broker)) {
        const err = Object.assign(new Error(`connect ECONNREFUSED ${host}:${port}`), { code: 'ECONNREFUSED' });
        this.ended = true;
        this.emit('error', err);
        this.emit('close', true);
        return;
      }
      this.conn = cluster.connect(
        broker,
        {
          send: (bytes) => {
            const copy = Buffer.from(bytes);
            later(() => {
              if (!this.ended) this.emit('data', copy);
            });
          },
          close: () => later(() => this.finish()),
        },
        `memory:${host}:${port}`,
      );
      this.emit('connect');
      onConnect?.();
    });
  }

  /** Sends bytes to the broker (Node's socket.write signature; the encoding is ignored for bytes). */
  write(data: Uint8Array | string, encodingOrCb?: string | (() => void), cb?: () => void): boolean {
    if (this.ended) return false;
    const bytes = typeof data === 'string' ? new TextEncoder().encode(data) : new Uint8Array(data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength));
    const done = typeof encodingOrCb === 'function' ? encodingOrCb : cb;
    later(() => {
      this.conn?.receive(bytes);
      done?.();
    });
    return true;
  }

  /** Closes from the client side. */
  end(): this {
    if (!this.ended) {
      this.ended = true;
      const c = this.conn;
      later(() => c?.closed());
      later(() => this.emit('close', false));
    }
    return this;
  }

  destroy(): this {
    return this.end();
  }

  private finish(): void {
    if (this.ended) return;
    this.ended = true;
    this.emit('end');
    this.emit('close', false);
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

/** Which broker an address names: one of the cluster's advertised endpoints, else null (refused). */
export function brokerAt(cluster: KafkaCluster, host: string, port: number): number | null {
  for (const id of cluster.brokerIds) {
    const e = cluster.endpoint(id);
    if (e.host === host && e.port === port) return id;
  }
  return null;
}

/** A KafkaJS `socketFactory` whose sockets lead to the cluster's simulated brokers. */
export function memorySocketFactory(cluster: KafkaCluster) {
  return ({ host, port, onConnect }: { host: string; port: number; ssl?: unknown; onConnect: () => void }) => new MemorySocket(cluster, brokerAt(cluster, host, port), host, port, onConnect);
}

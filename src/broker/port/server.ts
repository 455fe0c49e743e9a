/**
 * The broker's end of the MessagePort transport (protocol.ts): it runs in the page, next to the
 * KafkaCluster, and turns the port's numbered byte streams into broker connections. Addresses
 * are the cluster's advertised endpoints (`broker-0:9092`, ...); anything else is refused as a
 * closed TCP port is (the client sees ECONNREFUSED).
 *
 * Every message is validated first. A message the client end should never send (not an object,
 * a bad field, a reused connection number, too many connections) is reported through `onRefused`
 * and otherwise ignored, so the caller decides what to do with a misbehaving sandbox.
 */
import type { KafkaCluster } from '../core/cluster.ts';
import type { Connection } from '../core/connection.ts';
import { brokerAt } from '../memory/socket.ts';
import { MAX_PORT_CONNECTIONS, ownBuffer, parseClientMessage, type PortEnd, type ServerMessage } from './protocol.ts';

export interface PortServerOptions {
  /** most connections open at once; default MAX_PORT_CONNECTIONS */
  maxConnections?: number;
  /** a message was refused (why, in a sentence) */
  onRefused?: (reason: string) => void;
  /** a name for the connections in the broker's diagnostics; default "port" */
  remote?: string;
}

export interface PortServer {
  /** connections open now */
  readonly connections: number;
  /** bytes received from the client end so far */
  readonly bytesIn: number;
  /** bytes sent to the client end so far */
  readonly bytesOut: number;
  /**
   * The client number the client end gave when it opened a connection (see portSocketFactory).
   * @param remote a broker connection's name (Connection.remote) as this server made it
   * @returns the number, or null for a connection that gave none or is not this server's
   */
  clientOf(remote: string): number | null;
  /**
   * Closes every open connection of a client at once, as when its process dies: the client sees
   * each connection end. Later connections of that client are refused (ECONNREFUSED).
   * @returns how many connections were closed
   */
  dropClient(client: number): number;
  /** closes every connection and stops listening (the port itself is left to its owner) */
  close(): void;
}

/**
 * Serves `cluster` on `port`.
 * @returns a handle with live counts and `close()`
 */
export function servePort(cluster: KafkaCluster, port: PortEnd, options: PortServerOptions = {}): PortServer {
  const max = options.maxConnections ?? MAX_PORT_CONNECTIONS;
  const refuse = options.onRefused ?? (() => {});
  const remote = options.remote ?? 'port';
  const conns = new Map<number, Connection>();
  /** client number of each connection (remote name -> client), kept after it closes */
  const clients = new Map<string, number>();
  /** clients whose process the page ended (dropClient): their new connections are refused */
  const dropped = new Set<number>();
  /** connection numbers used once: a number is never reused */
  const used = new Set<number>();
  let closed = false;
  let bytesIn = 0;
  let bytesOut = 0;
  const post = (m: ServerMessage, transfer: Transferable[] = []) => {
    if (!closed) port.postMessage(m, transfer);
  };

  const onMessage = (e: MessageEvent) => {
    if (closed) return;
    const m = parseClientMessage(e.data, cluster.config.socketRequestMaxBytes);
    if ('refused' in m) {
      refuse(`the client end sent ${m.refused}`);
      return;
    }
    switch (m.t) {
      case 'open': {
        if (used.has(m.conn)) {
          refuse(`the client end opened connection ${m.conn} twice`);
          return;
        }
        used.add(m.conn);
        if (conns.size >= max) {
          refuse(`the client end opened more than ${max} connections at once`);
          post({ t: 'refused', conn: m.conn, message: `too many connections (at most ${max})` });
          return;
        }
        const broker = brokerAt(cluster, m.host, m.port);
        if (broker === null || !cluster.isUp(broker) || (m.client !== undefined && dropped.has(m.client))) {
          post({ t: 'refused', conn: m.conn, message: `connect ECONNREFUSED ${m.host}:${m.port}` });
          return;
        }
        const id = m.conn;
        const conn = cluster.connect(
          broker,
          {
            send: (bytes) => {
              bytesOut += bytes.byteLength;
              const buf = ownBuffer(bytes);
              post({ t: 'data', conn: id, bytes: buf }, [buf]);
            },
            close: () => {
              if (conns.delete(id)) post({ t: 'closed', conn: id });
            },
          },
          `${remote}:${id}`,
        );
        conns.set(id, conn);
        if (m.client !== undefined) clients.set(conn.remote, m.client);
        post({ t: 'opened', conn: id });
        return;
      }
      case 'data': {
        bytesIn += m.bytes.byteLength;
        // Data for a connection the broker has just closed crosses the close on the way: dropped, as a socket drops it.
        conns.get(m.conn)?.receive(new Uint8Array(m.bytes));
        return;
      }
      case 'end': {
        const c = conns.get(m.conn);
        conns.delete(m.conn);
        c?.closed();
        return;
      }
    }
  };
  port.addEventListener('message', onMessage);
  port.start();

  return {
    get connections() {
      return conns.size;
    },
    get bytesIn() {
      return bytesIn;
    },
    get bytesOut() {
      return bytesOut;
    },
    clientOf(name) {
      return clients.get(name) ?? null;
    },
    dropClient(client) {
      dropped.add(client);
      let n = 0;
      for (const c of [...conns.values()]) {
        if (clients.get(c.remote) !== client) continue;
        // the broker closes it: the sink's close tells the client end
        c.close();
        n++;
      }
      return n;
    },
    close() {
      if (closed) return;
      for (const c of [...conns.values()]) c.closed();
      conns.clear();
      closed = true;
      port.removeEventListener('message', onMessage);
    },
  };
}

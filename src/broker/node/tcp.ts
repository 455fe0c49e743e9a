/**
 * The Node TCP transport: one listener per simulated broker. Bytes from a socket go to the
 * broker core's Connection, frames from it go back to the socket. Stopping a simulated broker
 * closes its listener and its connections, so real clients see what they would see when a Kafka
 * broker dies, and starting it again reopens the same port.
 */
import net from 'node:net';
import { KafkaCluster, type ClusterOptions } from '../core/cluster.ts';

export interface TcpClusterOptions extends ClusterOptions {
  /** address to listen on and advertise; default 127.0.0.1 */
  host?: string;
  /** port of broker 0; broker i listens on port + i. 0 (the default) takes a free port for each. */
  port?: number;
}


export class TcpCluster {
  readonly cluster: KafkaCluster;
  readonly host: string;
  private servers = new Map<number, net.Server>();
  private sockets = new Set<net.Socket>();
  private ports = new Map<number, number>();
  private unsubscribe: () => void;

  private constructor(cluster: KafkaCluster, host: string) {
    this.cluster = cluster;
    this.host = host;
    this.unsubscribe = cluster.onBrokerChange(({ broker, up }) => {
      if (up) void this.listen(broker, this.ports.get(broker) ?? 0);
      else this.unlisten(broker);
    });
  }

  /** Starts a cluster and its listeners; resolves once every broker listens. */
  static async start(options: TcpClusterOptions = {}): Promise<TcpCluster> {
    const host = options.host ?? '127.0.0.1';
    const t = new TcpCluster(new KafkaCluster(options), host);
    try {
      for (const id of t.cluster.brokerIds) await t.listen(id, options.port ? options.port + id : 0);
    } catch (e) {
      await t.close();
      throw e;
    }
    return t;
  }

  /** host:port of every broker, by id (a bootstrap list for clients). */
  get addresses(): string[] {
    return this.cluster.brokerIds.map((id) => `${this.host}:${this.ports.get(id)}`);
  }

  port(broker: number): number {
    return this.ports.get(broker)!;
  }

  private listen(broker: number, port: number): Promise<void> {
    return new Promise((resolve, reject) => {
      const server = net.createServer((socket) => this.accept(broker, socket));
      server.once('error', reject);
      server.listen({ host: this.host, port, exclusive: true }, () => {
        server.off('error', reject);
        server.on('error', (e) => this.cluster.log(`broker ${broker} listener: ${e.message}`));
        const actual = (server.address() as net.AddressInfo).port;
        this.ports.set(broker, actual);
        this.servers.set(broker, server);
        this.cluster.setEndpoint(broker, { host: this.host, port: actual });
        resolve();
      });
    });
  }

  private unlisten(broker: number): void {
    const s = this.servers.get(broker);
    if (!s) return;
    this.servers.delete(broker);
    s.close();
  }

  private accept(broker: number, socket: net.Socket): void {
    socket.setNoDelay(true);
    this.sockets.add(socket);
    let conn: ReturnType<KafkaCluster['connect']>;
    try {
      conn = this.cluster.connect(broker, { send: (b) => void socket.write(b), close: () => socket.destroy() }, `${socket.remoteAddress}:${socket.remotePort}`);
    } catch {
      socket.destroy();
      return;
    }
    socket.on('data', (chunk: Buffer) => conn.receive(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength)));
    socket.on('error', () => {});
    socket.on('close', () => {
      this.sockets.delete(socket);
      conn.closed();
    });
  }

  async close(): Promise<void> {
    this.unsubscribe();
    this.cluster.close();
    for (const s of this.sockets) s.destroy();
    await Promise.all([...this.servers.values()].map((s) => new Promise<void>((r) => s.close(() => r()))));
    this.servers.clear();
  }
}

/** Test helpers: a TCP cluster on ephemeral ports and KafkaJS clients for it (Node only). */
import { Kafka, logLevel, Partitioners, type KafkaConfig } from 'kafkajs';
import { TcpCluster, type TcpClusterOptions } from '../node/tcp.ts';

export async function startCluster(options: TcpClusterOptions = {}): Promise<TcpCluster> {
  return TcpCluster.start({ port: 0, ...options, config: { groupInitialRebalanceDelayMs: 0, ...options.config } });
}

export function kafkaFor(t: TcpCluster, extra: Partial<KafkaConfig> = {}): Kafka {
  return new Kafka({ clientId: 'streamlab-test', brokers: t.addresses, logLevel: logLevel.NOTHING, retry: { retries: 8, initialRetryTime: 50, maxRetryTime: 500 }, ...extra });
}

export { Partitioners };

/** Resolves when check() is true, polling every 20 ms, or rejects after timeoutMs. */
export async function until(check: () => boolean | Promise<boolean>, timeoutMs = 15_000, what = 'condition'): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(`timed out waiting for ${what}`);
}

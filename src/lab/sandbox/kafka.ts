/**
 * The real KafkaJS in the lab's sandbox: the `kafkajs` package, bundled for the browser worker
 * (vite-plugins/lab-runtime.ts replaces Node's built-ins), whose connections cross a MessagePort
 * to the broker in the page (src/broker/port/). Every byte between them is Kafka's protocol.
 *
 * `kafkaJsOver(link)` is what the learner's `import ... from 'kafkajs'` gives: the package's own
 * exports, with `Kafka` using the port's socketFactory unless the code brings its own. The
 * address the code names must be one the page's broker advertises (the lab's cluster answers
 * at localhost:9092, as the kit's programs expect), else the connection is refused.
 */
import './node/globals.ts';
import * as kafkajs from 'kafkajs';
import type { KafkaConfig } from 'kafkajs';
import { PortLink, portSocketFactory } from '../../broker/port/socket.ts';
import type { PortEnd } from '../../broker/port/protocol.ts';

export { PortLink };

/**
 * @param link the sandbox's end of the broker port (one link for the whole run)
 * @returns the `kafkajs` module as learner code imports it
 */
export function kafkaJsOver(link: PortLink): typeof kafkajs {
  type Factory = NonNullable<KafkaConfig['socketFactory']>;
  const socketFactory = portSocketFactory(link) as unknown as Factory;
  let nextClient = 1;
  class Kafka extends kafkajs.Kafka {
    constructor(config: KafkaConfig) {
      super({ ...config, socketFactory: config?.socketFactory ?? socketFactory });
      if (config?.socketFactory) return;
      // Each producer, consumer and admin gets sockets that name it (a client number), so the
      // broker's side can tell which client a connection belongs to: a Fetch names no group, and
      // KafkaJS fetches on a connection of its own. Each is made by a Kafka of the same config.
      const own = <K extends 'producer' | 'consumer' | 'admin'>(method: K) =>
        ((...args: Parameters<kafkajs.Kafka[K]>) => {
          const kafka = new kafkajs.Kafka({ ...config, socketFactory: portSocketFactory(link, nextClient++) as unknown as Factory });
          return (kafka[method] as (...a: Parameters<kafkajs.Kafka[K]>) => ReturnType<kafkajs.Kafka[K]>)(...args);
        }) as kafkajs.Kafka[K];
      Object.defineProperties(this, {
        producer: { value: own('producer') },
        consumer: { value: own('consumer') },
        admin: { value: own('admin') },
      });
    }
  }
  // No `default` and no __esModule: a default import (`import kafkajs from 'kafkajs'`) then gets this
  // whole object, as with Node's CommonJS interop, never the unwrapped Kafka class.
  const mod: Record<string, unknown> = { ...kafkajs, Kafka };
  delete mod.default;
  delete mod.__esModule;
  return Object.freeze(mod) as unknown as typeof kafkajs;
}

/** The link for a port (the runtime makes one per run). */
export function linkFor(port: PortEnd): PortLink {
  return new PortLink(port);
}

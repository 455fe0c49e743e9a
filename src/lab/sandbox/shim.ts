/**
 * The subset of KafkaJS's API (https://kafka.js.org) that the lab supports, as calls to the
 * broker in the page. Learner code imports it exactly as it imports 'kafkajs' on a real machine:
 *
 *   const kafka = new Kafka({ clientId, brokers })
 *   kafka.admin()    -> connect, createTopics({ topics: [{ topic, numPartitions }] }), listTopics, disconnect
 *   kafka.producer() -> connect, send({ topic, messages: [{ key, value, partition? }] }), disconnect
 *   kafka.consumer({ groupId, sessionTimeout? })
 *                    -> connect, subscribe({ topics | topic, fromBeginning }),
 *                       run({ eachMessage, autoCommit }), commitOffsets([...]), stop, disconnect
 *
 * Anything else throws a message naming the method, so a learner knows it is the lab's limit and
 * not their mistake. The checks never read what this file reports: they read the broker's trace.
 */
import type { BrokerCall, BrokerReplies, DeliveredRecord, LogLevel } from '../session/protocol.ts';

/** How the stand-in reaches the page (runtime.ts provides it). */
export interface RuntimeLink {
  call<K extends BrokerCall['op']>(call: Extract<BrokerCall, { op: K }>): Promise<BrokerReplies[K]>;
  onDeliver(member: string, handler: (r: DeliveredRecord) => Promise<void>): void;
  onCrash(member: string, listener: () => void): void;
  log(cell: string, level: LogLevel, text: string): void;
}

/** What KafkaJS hands eachMessage as message.key / message.value: a Buffer. toString() gives the text. */
export class LabBuffer extends Uint8Array {
  override toString(): string {
    return new TextDecoder().decode(this);
  }
  toJSON(): string {
    return this.toString();
  }
}

export function labBuffer(text: string): LabBuffer {
  const bytes = new TextEncoder().encode(text);
  const b = new LabBuffer(bytes.length);
  b.set(bytes);
  return b;
}

function unsupportedProxy<T extends object>(target: T, what: string): T {
  return new Proxy(target, {
    get(obj, prop, receiver) {
      if (typeof prop === 'string' && !(prop in obj) && prop !== 'then' && prop !== 'toJSON') {
        throw new TypeError(`${what}.${prop} is not part of the KafkaJS subset this lab supports (see "Which client?" on the lab page).`);
      }
      return Reflect.get(obj, prop, receiver) as unknown;
    },
  });
}

function text(v: unknown, field: string): string | null {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string') return v;
  if (v instanceof Uint8Array) return new TextDecoder().decode(v);
  throw new TypeError(`${field} must be a string, a Buffer or null (got ${typeof v}). Did you forget JSON.stringify?`);
}

export interface ShimContext {
  link: RuntimeLink;
  cell: string;
}

export function createKafkaModule(ctx: ShimContext) {
  const { link, cell } = ctx;

  class Kafka {
    constructor(config: { clientId?: string; brokers?: unknown } = {}) {
      const brokers = config?.brokers;
      if (!Array.isArray(brokers) || brokers.length === 0 || !brokers.every((b) => typeof b === 'string')) {
        throw new TypeError('new Kafka({ brokers }) needs a list of "host:port" strings, e.g. ["localhost:9092"].');
      }
      return unsupportedProxy(this, 'kafka');
    }

    admin() {
      let connected = false;
      const need = (what: string) => {
        if (!connected) throw new Error(`admin.${what}: call await admin.connect() first.`);
      };
      return unsupportedProxy(
        {
          connect: async () => {
            connected = true;
          },
          disconnect: async () => {
            connected = false;
          },
          createTopics: async (opts: { topics?: { topic?: unknown; numPartitions?: unknown }[] }) => {
            need('createTopics');
            if (!opts || !Array.isArray(opts.topics) || opts.topics.length === 0) throw new TypeError('createTopics({ topics: [{ topic, numPartitions }] }) needs a topics list.');
            const topics = opts.topics.map((t) => {
              if (typeof t?.topic !== 'string' || t.topic.length === 0) throw new TypeError('Each topic in createTopics needs a name: { topic: "orders", numPartitions: 6 }.');
              const n = t.numPartitions === undefined ? 1 : t.numPartitions;
              if (typeof n !== 'number' || !Number.isInteger(n) || n < 1 || n > 64) {
                throw new RangeError(`numPartitions for ${t.topic} must be a whole number from 1 to 64 in this lab (got ${String(n)}).`);
              }
              return { topic: t.topic, numPartitions: n };
            });
            const r = await link.call<'createTopics'>({ op: 'createTopics', cell, topics });
            return r.created;
          },
          listTopics: async () => {
            need('listTopics');
            return link.call<'listTopics'>({ op: 'listTopics' });
          },
        },
        'admin',
      );
    }

    producer() {
      let connected = false;
      return unsupportedProxy(
        {
          connect: async () => {
            connected = true;
          },
          disconnect: async () => {
            connected = false;
          },
          send: async (req: { topic?: unknown; messages?: { key?: unknown; value?: unknown; partition?: unknown }[] }) => {
            if (!connected) throw new Error('producer.send: call await producer.connect() first.');
            if (!req || typeof req.topic !== 'string') throw new TypeError('producer.send({ topic, messages }) needs a topic name.');
            if (!Array.isArray(req.messages)) throw new TypeError('producer.send({ topic, messages }) needs a messages list.');
            const topic = req.topic;
            const messages = req.messages.map((msg, i) => {
              if (!msg || typeof msg !== 'object') throw new TypeError(`messages[${i}] must be an object like { key, value }.`);
              const part = msg.partition;
              if (part !== undefined && (typeof part !== 'number' || !Number.isInteger(part) || part < 0)) throw new TypeError(`messages[${i}].partition must be a whole number.`);
              return { key: text(msg.key, `messages[${i}].key`), value: text(msg.value, `messages[${i}].value`), partition: part === undefined ? null : part };
            });
            const results = await link.call<'produce'>({ op: 'produce', cell, topic, messages });
            // KafkaJS returns one entry per partition written, with that partition's first offset.
            const byPartition = new Map<number, number>();
            for (const r of results) if (!byPartition.has(r.partition)) byPartition.set(r.partition, r.offset);
            return [...byPartition].map(([partition, baseOffset]) => ({
              topicName: topic,
              partition,
              errorCode: 0,
              baseOffset: String(baseOffset),
              logAppendTime: '-1',
              logStartOffset: '0',
            }));
          },
        },
        'producer',
      );
    }

    consumer(config: { groupId?: unknown; sessionTimeout?: unknown } = {}) {
      const groupId = config?.groupId;
      if (typeof groupId !== 'string' || groupId.length === 0) throw new TypeError('kafka.consumer({ groupId }) needs a group id, e.g. { groupId: "billing" }.');
      const st = config.sessionTimeout;
      if (st !== undefined && (typeof st !== 'number' || !Number.isInteger(st) || st < 1000 || st > 300_000)) throw new RangeError('sessionTimeout must be a whole number of milliseconds from 1000 to 300000.');
      let member: string | null = null;
      let running = false;
      let crashed = false;
      const topics: string[] = [];
      const needMember = (what: string) => {
        if (member === null) throw new Error(`consumer.${what}: call await consumer.connect() first.`);
        return member;
      };
      return unsupportedProxy(
        {
          connect: async () => {
            if (member !== null) return;
            const r = await link.call<'consumer'>({ op: 'consumer', cell, groupId, sessionTimeout: typeof st === 'number' ? st : null });
            member = r.member;
            link.onCrash(member, () => {
              crashed = true;
            });
          },
          subscribe: async (sub: { topics?: unknown; topic?: unknown; fromBeginning?: unknown }) => {
            const m = needMember('subscribe');
            const list = Array.isArray(sub?.topics) ? sub.topics : sub?.topic !== undefined ? [sub.topic] : null;
            if (!list || list.length === 0 || !list.every((t): t is string => typeof t === 'string' && t.length > 0)) {
              throw new TypeError('consumer.subscribe({ topics: ["orders"], fromBeginning: true }) needs a list of topic names.');
            }
            if (list.length + topics.length > 1) throw new Error('In this lab a consumer subscribes to one topic.');
            await link.call<'subscribe'>({ op: 'subscribe', member: m, topics: list, fromBeginning: sub.fromBeginning === true });
            topics.push(...list);
          },
          run: async (opts: { eachMessage?: unknown; eachBatch?: unknown; autoCommit?: unknown } = {}) => {
            const m = needMember('run');
            if (topics.length === 0) throw new Error('consumer.run: subscribe to a topic first.');
            if (running) throw new Error('consumer.run was called twice on the same consumer.');
            if (opts?.eachBatch !== undefined) throw new TypeError('eachBatch is not part of the KafkaJS subset this lab supports: use eachMessage.');
            const each = opts?.eachMessage;
            if (typeof each !== 'function') throw new TypeError('consumer.run({ eachMessage: async ({ topic, partition, message }) => { ... } }) needs an eachMessage function.');
            running = true;
            link.onDeliver(m, async (r) => {
              const message = {
                key: r.key === null ? null : labBuffer(r.key),
                value: r.value === null ? null : labBuffer(r.value),
                offset: String(r.offset),
                timestamp: String(r.timestamp),
                headers: {},
                attributes: 0,
                size: 0,
              };
              await (each as (p: unknown) => Promise<void>)({
                topic: r.topic,
                partition: r.partition,
                message,
                heartbeat: async () => undefined,
                pause: () => {
                  throw new TypeError('pause() in eachMessage is not part of the KafkaJS subset this lab supports.');
                },
              });
            });
            await link.call<'run'>({ op: 'run', member: m, autoCommit: opts.autoCommit !== false });
          },
          commitOffsets: async (list: unknown) => {
            const m = needMember('commitOffsets');
            if (!Array.isArray(list)) throw new TypeError('commitOffsets([{ topic, partition, offset }]) needs a list.');
            const offsets = (list as { topic?: unknown; partition?: unknown; offset?: unknown }[]).map((c) => {
              const offset = typeof c?.offset === 'string' ? Number(c.offset) : NaN;
              if (typeof c?.topic !== 'string' || typeof c.partition !== 'number' || !Number.isInteger(c.partition) || c.partition < 0 || !Number.isSafeInteger(offset) || offset < 0) {
                throw new TypeError('commitOffsets takes [{ topic, partition, offset }] with offset as a string, e.g. String(Number(message.offset) + 1).');
              }
              return { topic: c.topic, partition: c.partition, offset };
            });
            const r = await link.call<'commit'>({ op: 'commit', member: m, offsets });
            // A crashed process never sees its commit complete.
            if (r.crashed || crashed) return new Promise<void>(() => undefined);
          },
          stop: async () => {
            if (member !== null) await link.call<'leave'>({ op: 'leave', member });
          },
          disconnect: async () => {
            if (member !== null) await link.call<'leave'>({ op: 'leave', member });
          },
        },
        'consumer',
      );
    }
  }

  const Partitioners = Object.freeze({ DefaultPartitioner: 'DefaultPartitioner', LegacyPartitioner: 'LegacyPartitioner' });
  const logLevel = Object.freeze({ NOTHING: 0, ERROR: 1, WARN: 2, INFO: 4, DEBUG: 5 });
  return Object.freeze({ Kafka, Partitioners, logLevel });
}

/**
 * The lab's ledger (content/labs/lab-3-1/kit/src/ledger.ts on a real machine): the billing
 * "database", shared by every file of the run, as a ledger file is shared by processes.
 */
export function createLedgerModule(report: (orderId: string, amount: number) => void) {
  const charged = new Map<string, number>();
  return Object.freeze({
    charge(orderId: unknown, amount: unknown): void {
      if (typeof orderId !== 'string' || typeof amount !== 'number' || !Number.isFinite(amount)) throw new TypeError('charge(orderId: string, amount: number)');
      charged.set(orderId, (charged.get(orderId) ?? 0) + 1);
      report(orderId, amount);
    },
    wasCharged(orderId: unknown): boolean {
      return typeof orderId === 'string' && (charged.get(orderId) ?? 0) > 0;
    },
  });
}

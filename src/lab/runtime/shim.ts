/**
 * The subset of KafkaJS's API (https://kafka.js.org) that the lab supports, implemented over the
 * in-memory Broker. Learner code imports it exactly as it imports 'kafkajs' on a real machine:
 *
 *   const kafka = new Kafka({ clientId, brokers })
 *   kafka.admin()    -> connect, createTopics({ topics: [{ topic, numPartitions }] }), listTopics, disconnect
 *   kafka.producer() -> connect, send({ topic, messages: [{ key, value, partition? }] }), disconnect
 *   kafka.consumer({ groupId, sessionTimeout? })
 *                    -> connect, subscribe({ topics | topic, fromBeginning }),
 *                       run({ eachMessage, autoCommit }), commitOffsets([...]), stop, disconnect
 *
 * Anything else throws a message naming the method, so a learner knows it is the lab's limit and
 * not their mistake.
 */
import { Broker, DEFAULT_SESSION_TIMEOUT_MS, SEND_MS, type Member } from './broker.ts';

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

const delay = (broker: Broker, ms: number) => new Promise<void>((resolve) => broker.clock.set(resolve, ms));

export interface ShimContext {
  broker: Broker;
  cell: string;
}

export function createKafkaModule(ctx: ShimContext) {
  const { broker, cell } = ctx;

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
        broker.guard();
        if (!connected) throw new Error(`admin.${what}: call await admin.connect() first.`);
      };
      return unsupportedProxy(
        {
          connect: async () => {
            broker.guard();
            connected = true;
          },
          disconnect: async () => {
            connected = false;
          },
          createTopics: async (opts: { topics?: { topic?: unknown; numPartitions?: unknown }[] }) => {
            need('createTopics');
            if (!opts || !Array.isArray(opts.topics)) throw new TypeError('createTopics({ topics: [{ topic, numPartitions }] }) needs a topics list.');
            let created = false;
            for (const t of opts.topics) {
              if (typeof t?.topic !== 'string' || t.topic.length === 0) throw new TypeError('Each topic in createTopics needs a name: { topic: "orders", numPartitions: 6 }.');
              const n = t.numPartitions === undefined ? 1 : t.numPartitions;
              if (typeof n !== 'number' || !Number.isInteger(n) || n < 1 || n > 64) {
                throw new RangeError(`numPartitions for ${t.topic} must be a whole number from 1 to 64 in this lab (got ${String(n)}).`);
              }
              if (broker.createTopic(t.topic, n)) created = true;
              else broker.log(cell, 'warn', `createTopics: topic ${t.topic} already exists; it keeps its ${broker.partitionCount(t.topic)} partitions.`);
            }
            await delay(broker, SEND_MS);
            return created;
          },
          listTopics: async () => {
            need('listTopics');
            return broker.topicNames();
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
            broker.guard();
            connected = true;
          },
          disconnect: async () => {
            connected = false;
          },
          send: async (req: { topic?: unknown; messages?: { key?: unknown; value?: unknown; partition?: unknown }[] }) => {
            broker.guard();
            if (!connected) throw new Error('producer.send: call await producer.connect() first.');
            if (!req || typeof req.topic !== 'string') throw new TypeError('producer.send({ topic, messages }) needs a topic name.');
            if (!Array.isArray(req.messages)) throw new TypeError('producer.send({ topic, messages }) needs a messages list.');
            const topic = req.topic;
            if (!broker.hasTopic(topic)) {
              // A broker with auto.create.topics.enable=true (the default) creates it with num.partitions=1.
              broker.createTopic(topic, 1, true);
              broker.log(cell, 'warn', `Topic ${topic} did not exist, so the broker created it automatically with 1 partition.`);
            }
            const results = req.messages.map((msg, i) => {
              if (!msg || typeof msg !== 'object') throw new TypeError(`messages[${i}] must be an object like { key, value }.`);
              const part = msg.partition;
              if (part !== undefined && typeof part !== 'number') throw new TypeError(`messages[${i}].partition must be a number.`);
              return broker.append(cell, topic, text(msg.key, `messages[${i}].key`), text(msg.value, `messages[${i}].value`), part);
            });
            await delay(broker, SEND_MS);
            broker.guard();
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
      if (st !== undefined && (typeof st !== 'number' || st < 1000 || st > 300_000)) throw new RangeError('sessionTimeout must be between 1000 and 300000 ms.');
      const member: Member = broker.newMember(groupId, typeof st === 'number' ? st : DEFAULT_SESSION_TIMEOUT_MS);
      let connected = false;
      let running = false;
      return unsupportedProxy(
        {
          connect: async () => {
            broker.guard();
            connected = true;
          },
          subscribe: async (sub: { topics?: unknown; topic?: unknown; fromBeginning?: unknown }) => {
            broker.guard();
            if (!connected) throw new Error('consumer.subscribe: call await consumer.connect() first.');
            const topics = Array.isArray(sub?.topics) ? sub.topics : sub?.topic !== undefined ? [sub.topic] : null;
            if (!topics || topics.length === 0 || !topics.every((t): t is string => typeof t === 'string')) {
              throw new TypeError('consumer.subscribe({ topics: ["orders"], fromBeginning: true }) needs a list of topic names.');
            }
            if (topics.length + member.topics.length > 1) throw new Error('In this lab a consumer subscribes to one topic.');
            for (const t of topics) if (!broker.hasTopic(t)) throw new Error(`consumer.subscribe: topic ${t} does not exist. Create it first.`);
            member.topics.push(...topics);
            member.fromBeginning = sub.fromBeginning === true;
          },
          run: async (opts: { eachMessage?: unknown; eachBatch?: unknown; autoCommit?: unknown } = {}) => {
            broker.guard();
            if (!connected) throw new Error('consumer.run: call await consumer.connect() first.');
            if (member.topics.length === 0) throw new Error('consumer.run: subscribe to a topic first.');
            if (running) throw new Error('consumer.run was called twice on the same consumer.');
            if (opts?.eachBatch !== undefined) throw new TypeError('eachBatch is not part of the KafkaJS subset this lab supports: use eachMessage.');
            const each = opts?.eachMessage;
            if (typeof each !== 'function') throw new TypeError('consumer.run({ eachMessage: async ({ topic, partition, message }) => { ... } }) needs an eachMessage function.');
            running = true;
            member.autoCommit = opts.autoCommit !== false;
            member.handler = async (r) => {
              const message = {
                key: r.key === null ? null : labBuffer(r.key),
                value: r.value === null ? null : labBuffer(r.value),
                offset: String(r.offset),
                timestamp: String(broker.now),
                headers: {},
                attributes: 0,
                size: 0,
              };
              await (each as (p: unknown) => Promise<void>)({
                topic: r.topic,
                partition: r.partition,
                message,
                heartbeat: async () => undefined,
                pause: () => () => undefined,
              });
            };
            broker.join(member);
          },
          commitOffsets: async (list: unknown) => {
            broker.guard();
            if (!Array.isArray(list)) throw new TypeError('commitOffsets([{ topic, partition, offset }]) needs a list.');
            for (const c of list as { topic?: unknown; partition?: unknown; offset?: unknown }[]) {
              const offset = typeof c?.offset === 'string' ? Number(c.offset) : NaN;
              if (typeof c?.topic !== 'string' || typeof c.partition !== 'number' || !Number.isInteger(offset) || offset < 0) {
                throw new TypeError('commitOffsets takes [{ topic, partition, offset }] with offset as a string, e.g. String(Number(message.offset) + 1).');
              }
              const r = broker.commit(member, c.topic, c.partition, offset);
              // A crashed process never sees its commit complete.
              if (r === 'crashed') return new Promise<void>(() => undefined);
              if (r === 'not-owner') broker.log(cell, 'warn', `${member.id}: commit for ${c.topic} partition ${c.partition} ignored: this consumer does not own it now.`);
            }
          },
          stop: async () => {
            await broker.leave(member);
          },
          disconnect: async () => {
            connected = false;
            await broker.leave(member);
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

/** The lab's ledger (content/labs/lab-3-1/kit/src/ledger.ts on a real machine): the billing "database". */
export function createLedgerModule(broker: Broker) {
  return Object.freeze({
    charge(orderId: unknown, amount: unknown): void {
      if (typeof orderId !== 'string' || typeof amount !== 'number') throw new TypeError('charge(orderId: string, amount: number)');
      broker.charge(orderId, amount);
    },
    wasCharged(orderId: unknown): boolean {
      return typeof orderId === 'string' && (broker.ledger.get(orderId) ?? 0) > 0;
    },
  });
}

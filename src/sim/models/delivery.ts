import { z } from 'zod';
import { random, seedRng, type Model, type SimEvent, type StepResult } from './common';

/**
 * Delivery guarantees: a producer writes orders to a topic; a consumer reads them in batches and
 * charges each order at a sink (a database outside Kafka, or a Kafka output topic). The consumer's
 * loop follows the chosen guarantee:
 *
 *   at-most-once   poll -> commit offsets -> process each record
 *   at-least-once  poll -> process each record -> commit offsets
 *   exactly-once   poll -> begin transaction -> process each record -> commit the transaction
 *                  (output records and consumed offsets commit atomically; a crash aborts it)
 *
 * A Kafka transaction covers only writes to Kafka. With the database sink the writes happen
 * outside the transaction, so a crash after writing and before the commit repeats them.
 * Faults are armed by the learner and fire at the next moment they apply.
 */

export const GUARANTEES = ['at-most-once', 'at-least-once', 'exactly-once'] as const;
export type Guarantee = (typeof GUARANTEES)[number];
export const SINKS = ['database', 'kafka'] as const;
export type Sink = (typeof SINKS)[number];

export const deliveryConfigSchema = z
  .object({
    guarantee: z.enum(GUARANTEES),
    sink: z.enum(SINKS),
    /** the sink remembers processed order ids and skips repeats */
    idempotencyKeys: z.boolean(),
    /** enable.idempotence: the broker discards a producer's retried duplicates (always on for exactly-once) */
    idempotentProducer: z.boolean(),
    orders: z.number().int().min(1).max(500),
    batchSize: z.number().int().min(1).max(20),
    /** ticks a crashed consumer stays down before restarting from its committed offset */
    restartTicks: z.number().int().min(1).max(100),
  })
  .strict();
export type DeliveryConfig = z.infer<typeof deliveryConfigSchema>;

export const DELIVERY_DEFAULTS: DeliveryConfig = {
  guarantee: 'at-least-once',
  sink: 'database',
  idempotencyKeys: false,
  idempotentProducer: true,
  orders: 40,
  batchSize: 5,
  restartTicks: 6,
};

export const FAULTS = ['crash-before-processing', 'crash-before-commit', 'producer-retry'] as const;
export type Fault = (typeof FAULTS)[number];

export const deliveryActionSchema = z.discriminatedUnion('type', [z.object({ type: z.literal('fault'), fault: z.enum(FAULTS) }).strict(), z.object({ type: z.literal('crash-now') }).strict()]);
export type DeliveryAction = z.infer<typeof deliveryActionSchema>;

type Phase = 'poll' | 'commit-first' | 'process' | 'commit' | 'down';

export interface LogRecord {
  orderId: number;
  amount: number;
}

export interface DeliveryState {
  config: DeliveryConfig;
  tick: number;
  t: number;
  rng: number;
  /** orders the producer application has sent (each once, from its point of view) */
  produced: number;
  /** the source topic */
  log: LogRecord[];
  amountOf: number[];
  /** highest log offset (+1) holding each order id (index = order id) */
  lastOffsetOf: number[];
  correctTotal: number;
  producerRetries: number;
  brokerDiscarded: number;
  logDuplicates: number;
  armed: Record<Fault, boolean>;
  consumer: {
    phase: Phase;
    committed: number;
    position: number;
    batchFrom: number;
    batchTo: number;
    idx: number;
    downUntil: number;
    highestRead: number;
    /** exactly-once with the Kafka sink: outputs written inside the open transaction */
    txnOutputs: number[];
  };
  crashes: number;
  redelivered: number;
  aborted: number;
  /** effects visible at the sink per order id */
  effects: number[];
  /** idempotency keys the sink has recorded (index = order id) */
  keys: boolean[];
  suppressed: number;
  sinkTotal: number;
  lastEvent: string;
}

export const TICK_MS = 100;

function ev(s: DeliveryState, type: string, text: string, out: SimEvent[]) {
  out.push({ type, t: s.t, text });
  s.lastEvent = text;
}

export function createDelivery(config: DeliveryConfig, seed: number): DeliveryState {
  const c = deliveryConfigSchema.parse(config);
  if (c.guarantee === 'exactly-once') c.idempotentProducer = true;
  return {
    config: c,
    tick: 0,
    t: 0,
    rng: seedRng(seed),
    produced: 0,
    log: [],
    amountOf: [0],
    lastOffsetOf: [0],
    correctTotal: 0,
    producerRetries: 0,
    brokerDiscarded: 0,
    logDuplicates: 0,
    armed: { 'crash-before-processing': false, 'crash-before-commit': false, 'producer-retry': false },
    consumer: { phase: 'poll', committed: 0, position: 0, batchFrom: 0, batchTo: 0, idx: 0, downUntil: 0, highestRead: 0, txnOutputs: [] },
    crashes: 0,
    redelivered: 0,
    aborted: 0,
    effects: [0],
    keys: [false],
    suppressed: 0,
    sinkTotal: 0,
    lastEvent: 'Ready.',
  };
}

/** An effect reaching the sink (a charge row, or a visible output record). */
function deliverEffect(s: DeliveryState, orderId: number, out: SimEvent[]) {
  if (s.config.idempotencyKeys) {
    if (s.keys[orderId]) {
      s.suppressed++;
      ev(s, 'sink/duplicate-suppressed', `Order ${orderId} was already charged: the idempotency key stopped a second charge.`, out);
      return;
    }
    s.keys[orderId] = true;
  }
  s.effects[orderId] = (s.effects[orderId] ?? 0) + 1;
  s.sinkTotal += s.amountOf[orderId] ?? 0;
  if ((s.effects[orderId] ?? 0) > 1) ev(s, 'sink/duplicate', `Order ${orderId} was charged again: a duplicate effect.`, out);
}

function crash(s: DeliveryState, where: string, out: SimEvent[]) {
  const c = s.consumer;
  s.crashes++;
  if (c.txnOutputs.length > 0) {
    s.aborted += c.txnOutputs.length;
    c.txnOutputs = [];
  }
  c.phase = 'down';
  c.downUntil = s.tick + s.config.restartTicks;
  ev(s, 'consumer/crash', `The consumer crashed ${where}. It restarts from committed offset ${c.committed}.`, out);
}

function produce(s: DeliveryState, out: SimEvent[]) {
  if (s.produced >= s.config.orders) return;
  const orderId = ++s.produced;
  const amount = 5 + Math.floor(random(s) * 196);
  s.amountOf[orderId] = amount;
  s.effects[orderId] = 0;
  s.keys[orderId] = false;
  s.correctTotal += amount;
  s.log.push({ orderId, amount });
  s.lastOffsetOf[orderId] = s.log.length;
  if (s.armed['producer-retry']) {
    s.armed['producer-retry'] = false;
    s.producerRetries++;
    if (s.config.idempotentProducer) {
      s.brokerDiscarded++;
      ev(s, 'producer/retry', `The acknowledgement for order ${orderId} was lost and the producer retried; the broker saw the same sequence number and discarded the copy.`, out);
    } else {
      s.log.push({ orderId, amount });
      s.lastOffsetOf[orderId] = s.log.length;
      s.logDuplicates++;
      ev(s, 'producer/retry', `The acknowledgement for order ${orderId} was lost and the producer retried; the topic now holds order ${orderId} twice.`, out);
    }
  }
}

function stepConsumer(s: DeliveryState, out: SimEvent[]) {
  const c = s.consumer;
  const g = s.config.guarantee;
  switch (c.phase) {
    case 'down':
      if (s.tick >= c.downUntil) {
        c.position = c.committed;
        c.phase = 'poll';
        ev(s, 'consumer/restart', `The consumer restarted and resumes at committed offset ${c.committed}.`, out);
      }
      return;
    case 'poll': {
      if (c.position >= s.log.length) return;
      // like fetch.min.bytes: wait for a full batch unless the producer has finished
      if (s.log.length - c.position < s.config.batchSize && s.produced < s.config.orders) return;
      c.batchFrom = c.position;
      c.batchTo = Math.min(c.position + s.config.batchSize, s.log.length);
      c.position = c.batchTo;
      c.idx = 0;
      const again = Math.max(0, Math.min(c.highestRead, c.batchTo) - c.batchFrom);
      s.redelivered += again;
      c.highestRead = Math.max(c.highestRead, c.batchTo);
      ev(s, 'consumer/poll', `Polled offsets ${c.batchFrom}-${c.batchTo - 1}${again ? ` (${again} read before)` : ''}.`, out);
      if (g === 'at-most-once') c.phase = 'commit-first';
      else {
        c.phase = 'process';
        if (s.armed['crash-before-processing']) {
          s.armed['crash-before-processing'] = false;
          crash(s, 'after polling, before processing', out);
        }
      }
      return;
    }
    case 'commit-first':
      c.committed = c.batchTo;
      ev(s, 'consumer/commit', `Committed offset ${c.committed} before processing (at-most-once).`, out);
      c.phase = 'process';
      if (s.armed['crash-before-processing']) {
        s.armed['crash-before-processing'] = false;
        crash(s, 'after committing, before processing', out);
      }
      return;
    case 'process': {
      const rec = s.log[c.batchFrom + c.idx];
      if (rec) {
        if (g === 'exactly-once' && s.config.sink === 'kafka') c.txnOutputs.push(rec.orderId);
        else deliverEffect(s, rec.orderId, out);
      }
      c.idx++;
      if (c.batchFrom + c.idx >= c.batchTo) {
        if (g === 'at-most-once') c.phase = 'poll';
        else c.phase = 'commit';
        if (s.armed['crash-before-commit']) {
          s.armed['crash-before-commit'] = false;
          crash(s, 'after processing, before committing', out);
        }
      }
      return;
    }
    case 'commit':
      if (g === 'exactly-once') {
        for (const id of c.txnOutputs) deliverEffect(s, id, out);
        c.txnOutputs = [];
        c.committed = c.batchTo;
        ev(s, 'consumer/commit', `Transaction committed: outputs and offset ${c.committed} together.`, out);
      } else {
        c.committed = c.batchTo;
        ev(s, 'consumer/commit', `Committed offset ${c.committed} after processing.`, out);
      }
      c.phase = 'poll';
      return;
  }
}

export function stepDelivery(s: DeliveryState): StepResult<DeliveryState> {
  const out: SimEvent[] = [];
  produce(s, out);
  stepConsumer(s, out);
  s.tick++;
  s.t += TICK_MS;
  return { state: s, events: out };
}

export function applyDelivery(s: DeliveryState, a: DeliveryAction): StepResult<DeliveryState> {
  const out: SimEvent[] = [];
  if (a.type === 'fault') {
    s.armed[a.fault] = true;
    const what = { 'crash-before-processing': 'a crash before processing', 'crash-before-commit': 'a crash between processing and committing', 'producer-retry': 'a lost acknowledgement and producer retry' }[a.fault];
    ev(s, 'fault/armed', `Armed ${what}: it happens at the next chance.`, out);
  } else if (s.consumer.phase !== 'down') {
    crash(s, 'at once', out);
  }
  return { state: s, events: out };
}

export function deliveryMetrics(s: DeliveryState) {
  let duplicated = 0;
  let lost = 0;
  let charged = 0;
  for (let id = 1; id <= s.produced; id++) {
    const e = s.effects[id] ?? 0;
    if (e > 1) duplicated += e - 1;
    if (e > 0) charged++;
    else if (s.consumer.committed >= (s.lastOffsetOf[id] ?? Infinity)) lost++;
  }
  const finished = s.produced === s.config.orders && s.consumer.phase === 'poll' && s.consumer.position >= s.log.length && s.consumer.committed >= s.log.length ? 1 : 0;
  return {
    produced: s.produced,
    logRecords: s.log.length,
    committed: s.consumer.committed,
    pending: s.log.length - s.consumer.committed,
    correctTotal: s.correctTotal,
    sinkTotal: s.sinkTotal,
    totalDifference: s.sinkTotal - s.correctTotal,
    charged,
    lost,
    duplicatedEffects: duplicated,
    suppressed: s.suppressed,
    crashes: s.crashes,
    redelivered: s.redelivered,
    aborted: s.aborted,
    producerRetries: s.producerRetries,
    brokerDiscarded: s.brokerDiscarded,
    logDuplicates: s.logDuplicates,
    finished,
    down: s.consumer.phase === 'down' ? 1 : 0,
  };
}

export const deliveryModel: Model<DeliveryConfig, DeliveryState, DeliveryAction> = {
  id: 'delivery-guarantees',
  tickMs: TICK_MS,
  create: createDelivery,
  step: stepDelivery,
  apply: applyDelivery,
  metrics: deliveryMetrics,
};

import { z } from 'zod';
import { carry, createFifo, createSeries, fifoClear, fifoPush, fifoTake, pushSample, random, seedRng, type Fifo, type Model, type SeriesBuffer, type SimEvent, type StepResult } from './common';

/**
 * Backpressure: a producer feeds a consumer through a buffer, with one of six mechanisms.
 *
 *   unbounded  an in-memory queue with no limit: memory grows with the backlog until the process
 *              runs out of memory, crashes, loses everything buffered and restarts
 *   blocking   bounded queue, blocking enqueue: the producer waits for free space
 *   drop       bounded queue that drops new records when full, and counts them
 *   pull       reactive-streams demand: the consumer requests n records at a time; the producer
 *              may send only what was requested
 *   credit     flow-control window (as in HTTP/2): the sender spends credit; the receiver returns
 *              it in WINDOW_UPDATE-like grants that take a round trip to arrive
 *   lag        a Kafka topic in between (on disk, not in the producer's memory); the producer
 *              throttles itself while consumer lag is above a threshold
 *
 * Records are whole numbers. Each tick is 100 ms of simulated time.
 */

export const MECHANISMS = ['unbounded', 'blocking', 'drop', 'pull', 'credit', 'lag'] as const;
export type Mechanism = (typeof MECHANISMS)[number];

export const BP_LIMITS = {
  producerRate: [10, 20_000],
  consumerRate: [10, 20_000],
  bufferSize: [10, 100_000],
  lagThreshold: [100, 1_000_000],
  slowdown: [1, 20],
} as const;

const num = (k: keyof typeof BP_LIMITS) => z.number().min(BP_LIMITS[k][0]).max(BP_LIMITS[k][1]);

export const bpParamsSchema = z
  .object({
    mechanism: z.enum(MECHANISMS),
    /** records per second the producer wants to send */
    producerRate: num('producerRate'),
    /** records per second the consumer handles when its downstream is healthy */
    consumerRate: num('consumerRate'),
    /** buffer capacity in records (ignored by unbounded and lag) */
    bufferSize: num('bufferSize').int(),
    /** lag in records above which the producer throttles (lag mechanism) */
    lagThreshold: num('lagThreshold').int(),
    /** the consumer's downstream is this many times slower than normal (1 = healthy) */
    slowdown: num('slowdown'),
  })
  .strict();
export type BpParams = z.infer<typeof bpParamsSchema>;

export const bpConfigSchema = bpParamsSchema
  .extend({
    recordKB: z.number().min(0.1).max(100),
    heapMB: z.number().min(16).max(100_000),
    baseMB: z.number().min(1).max(10_000),
    creditRttMs: z.number().int().min(0).max(5000),
    restartMs: z.number().int().min(100).max(60_000),
  })
  .strict();
export type BpConfig = z.infer<typeof bpConfigSchema>;

export const BP_DEFAULTS: BpConfig = {
  mechanism: 'unbounded',
  producerRate: 3000,
  consumerRate: 2000,
  bufferSize: 10_000,
  lagThreshold: 50_000,
  slowdown: 1,
  recordKB: 2,
  heapMB: 256,
  baseMB: 48,
  creditRttMs: 200,
  restartMs: 5000,
};

export const bpActionSchema = z.object({ type: z.literal('set'), params: bpParamsSchema.partial() }).strict();
export type BpAction = z.infer<typeof bpActionSchema>;

export const BP_SERIES = ['offered', 'accepted', 'depth', 'memoryMB', 'dropped', 'lostInCrash', 'latencyMs', 'lag'] as const;

export interface BpState {
  config: BpConfig;
  tick: number;
  t: number;
  rng: number;
  acc: { offer: number; consume: number; throttle: number };
  buffer: Fifo;
  /** pull: records requested by the consumer and not yet sent */
  demand: number;
  /** credit: window the sender may still use, and grants on their way back */
  credit: number;
  grants: [number, number][];
  unreturned: number;
  throttled: boolean;
  downUntil: number;
  totals: { offered: number; accepted: number; consumed: number; dropped: number; lostInCrash: number; refusedWhileDown: number; held: number };
  crashes: number;
  /** recent out-of-memory outages [from, to] in ms, at most 20 */
  downPeriods: [number, number][];
  peakDepth: number;
  peakMemoryMB: number;
  latencyMs: number;
  /** per-sample-window accumulators, turned into rates every SAMPLE_TICKS */
  win: { offered: number; accepted: number; latSum: number; latN: number };
  series: SeriesBuffer;
  lastEvent: string;
}

export const BP_TICK_MS = 100;
/**
 * Lag-based throttling has hysteresis: the producer slows down when lag passes the threshold and
 * speeds up again only when lag falls below this share of it, so it does not flap around the
 * threshold (the usual shape of such controllers; the threshold itself is the learner's setting).
 */
export const BP_RESUME_SHARE = 0.5;
const SAMPLE_TICKS = 5;
const SERIES_CAP = 240; // 240 samples x 0.5 s = the last two minutes

export function createBackpressure(config: BpConfig, seed: number): BpState {
  const c = bpConfigSchema.parse(config);
  return {
    config: c,
    tick: 0,
    t: 0,
    rng: seedRng(seed),
    acc: { offer: 0, consume: 0, throttle: 0 },
    buffer: createFifo(),
    demand: 0,
    credit: c.bufferSize,
    grants: [],
    unreturned: 0,
    throttled: false,
    downUntil: -1,
    totals: { offered: 0, accepted: 0, consumed: 0, dropped: 0, lostInCrash: 0, refusedWhileDown: 0, held: 0 },
    crashes: 0,
    downPeriods: [],
    peakDepth: 0,
    peakMemoryMB: c.baseMB,
    latencyMs: 0,
    win: { offered: 0, accepted: 0, latSum: 0, latN: 0 },
    series: createSeries(BP_SERIES, SERIES_CAP),
    lastEvent: 'Running.',
  };
}

export const isBounded = (m: Mechanism) => m === 'blocking' || m === 'drop' || m === 'pull' || m === 'credit';
const inMemory = (m: Mechanism) => m !== 'lag';

export function memoryMB(s: BpState): number {
  const buffered = inMemory(s.config.mechanism) ? (s.buffer.size * s.config.recordKB) / 1024 : 0;
  return s.config.baseMB + buffered;
}

export function effectiveConsumerRate(c: BpConfig): number {
  return c.consumerRate / c.slowdown;
}

function note(s: BpState, out: SimEvent[], type: string, text: string) {
  out.push({ type, t: s.t, text });
  s.lastEvent = text;
}

export function stepBackpressure(s: BpState): StepResult<BpState> {
  const out: SimEvent[] = [];
  const c = s.config;
  const dt = BP_TICK_MS / 1000;
  const down = s.t < s.downUntil;
  if (!down && s.downUntil >= 0 && s.t >= s.downUntil) {
    s.downUntil = -1;
    note(s, out, 'process/restart', 'The process restarted with an empty queue.');
  }

  // 1. The consumer drains the buffer (nothing happens while the process is down).
  const capacity = carry(s.acc, 'consume', effectiveConsumerRate(c) * dt);
  if (!down) {
    const { taken, sumArrival } = fifoTake(s.buffer, capacity);
    s.totals.consumed += taken;
    if (taken > 0) {
      const serviceMs = 1000 / effectiveConsumerRate(c);
      s.latencyMs = (taken * (s.t + BP_TICK_MS) - sumArrival) / taken + serviceMs;
      s.win.latSum += s.latencyMs * taken;
      s.win.latN += taken;
    }
    if (c.mechanism === 'credit') {
      s.unreturned += taken;
      if (s.unreturned >= Math.max(1, Math.floor(c.bufferSize / 4))) {
        s.grants.push([s.t + c.creditRttMs, s.unreturned]);
        s.unreturned = 0;
      }
    }
    if (c.mechanism === 'pull') {
      const batch = Math.max(1, Math.floor(c.bufferSize / 10));
      while (s.buffer.size + s.demand + batch <= c.bufferSize) s.demand += batch;
    }
  }
  if (c.mechanism === 'credit') {
    while (s.grants.length > 0 && s.grants[0]![0] <= s.t) s.credit += s.grants.shift()![1];
  }

  // 2. The producer offers records; the mechanism decides how many are accepted.
  const jitter = 0.9 + 0.2 * random(s);
  const offer = carry(s.acc, 'offer', c.producerRate * dt * jitter);
  s.totals.offered += offer;
  s.win.offered += offer;
  let accepted = 0;
  if (down) {
    s.totals.refusedWhileDown += offer;
  } else {
    const free = Math.max(0, c.bufferSize - s.buffer.size);
    switch (c.mechanism) {
      case 'unbounded':
        accepted = offer;
        break;
      case 'blocking':
        accepted = Math.min(offer, free);
        s.totals.held += offer - accepted;
        break;
      case 'drop':
        accepted = Math.min(offer, free);
        if (offer > accepted && s.totals.dropped === 0) note(s, out, 'buffer/drop', 'The buffer is full: new records are dropped and counted.');
        s.totals.dropped += offer - accepted;
        break;
      case 'pull':
        accepted = Math.min(offer, s.demand, free);
        s.demand -= accepted;
        s.totals.held += offer - accepted;
        break;
      case 'credit':
        accepted = Math.min(offer, s.credit, free);
        s.credit -= accepted;
        s.totals.held += offer - accepted;
        break;
      case 'lag': {
        const lag = s.buffer.size;
        if (!s.throttled && lag > c.lagThreshold) {
          s.throttled = true;
          note(s, out, 'producer/throttle', `Consumer lag passed ${c.lagThreshold.toLocaleString('en')} records: the producer slows down.`);
        } else if (s.throttled && lag < c.lagThreshold * BP_RESUME_SHARE) {
          s.throttled = false;
          note(s, out, 'producer/resume', 'Lag fell below half the threshold: the producer sends at full rate again.');
        }
        const cap = s.throttled ? carry(s.acc, 'throttle', effectiveConsumerRate(c) * 0.8 * dt) : offer;
        accepted = Math.min(offer, cap);
        s.totals.held += offer - accepted;
        break;
      }
    }
    fifoPush(s.buffer, accepted, s.t);
  }
  s.totals.accepted += accepted;
  s.win.accepted += accepted;
  s.peakDepth = Math.max(s.peakDepth, s.buffer.size);
  const mem = memoryMB(s);
  s.peakMemoryMB = Math.max(s.peakMemoryMB, mem);

  // 3. Out of memory: the process dies and everything it buffered is gone.
  if (c.mechanism === 'unbounded' && mem >= c.heapMB) {
    const lost = fifoClear(s.buffer);
    s.totals.lostInCrash += lost;
    s.crashes++;
    s.downUntil = s.t + c.restartMs;
    s.downPeriods.push([s.t, s.downUntil]);
    if (s.downPeriods.length > 20) s.downPeriods.shift();
    s.acc.consume = 0;
    note(s, out, 'process/out-of-memory', `Out of memory at ${Math.round(mem)} MB: the process crashed and lost ${lost.toLocaleString('en')} buffered records.`);
  }

  s.tick++;
  s.t += BP_TICK_MS;
  if (s.tick % SAMPLE_TICKS === 0) {
    const secs = (SAMPLE_TICKS * BP_TICK_MS) / 1000;
    pushSample(s.series, s.t, {
      offered: s.win.offered / secs,
      accepted: s.win.accepted / secs,
      depth: s.buffer.size,
      memoryMB: memoryMB(s),
      dropped: s.totals.dropped,
      lostInCrash: s.totals.lostInCrash,
      latencyMs: s.win.latN > 0 ? s.win.latSum / s.win.latN : 0,
      lag: s.buffer.size,
    });
    s.win = { offered: 0, accepted: 0, latSum: 0, latN: 0 };
  }
  return { state: s, events: out };
}

export function applyBackpressure(s: BpState, a: BpAction): StepResult<BpState> {
  const out: SimEvent[] = [];
  const before = s.config.mechanism;
  const next = bpConfigSchema.parse({ ...s.config, ...a.params });
  s.config = next;
  if (next.mechanism !== before) {
    // A different mechanism is a different program: start its buffer afresh.
    fifoClear(s.buffer);
    s.demand = 0;
    s.credit = next.bufferSize;
    s.grants = [];
    s.unreturned = 0;
    s.throttled = false;
    s.downUntil = -1;
    note(s, out, 'mechanism/change', `Switched to ${next.mechanism}; the buffer starts empty.`);
  } else if (a.params.bufferSize !== undefined && next.mechanism === 'credit') {
    s.credit = Math.max(0, next.bufferSize - s.buffer.size - s.grants.reduce((n, g) => n + g[1], 0) - s.unreturned);
  }
  return { state: s, events: out };
}

export function backpressureMetrics(s: BpState) {
  const last = (k: string) => s.series.v[k]?.[s.series.v[k]!.length - 1] ?? 0;
  return {
    depth: s.buffer.size,
    lag: s.buffer.size,
    peakDepth: s.peakDepth,
    memoryMB: memoryMB(s),
    peakMemoryMB: s.peakMemoryMB,
    heapMB: s.config.heapMB,
    bufferSize: s.config.bufferSize,
    offeredTotal: s.totals.offered,
    acceptedTotal: s.totals.accepted,
    consumedTotal: s.totals.consumed,
    dropped: s.totals.dropped,
    lostInCrash: s.totals.lostInCrash,
    refusedWhileDown: s.totals.refusedWhileDown,
    held: s.totals.held,
    crashes: s.crashes,
    latencyMs: s.latencyMs,
    offeredRate: last('offered'),
    acceptedRate: last('accepted'),
    consumerRate: effectiveConsumerRate(s.config),
    throttled: s.throttled ? 1 : 0,
    down: s.t < s.downUntil ? 1 : 0,
    seconds: s.t / 1000,
  };
}

export const backpressureModel: Model<BpConfig, BpState, BpAction> = {
  id: 'backpressure',
  tickMs: BP_TICK_MS,
  create: createBackpressure,
  step: stepBackpressure,
  apply: applyBackpressure,
  metrics: backpressureMetrics,
};

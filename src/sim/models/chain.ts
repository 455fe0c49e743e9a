import { z } from 'zod';
import { carry, createFifo, createSeries, fifoClear, fifoDropOlderThan, fifoPush, fifoTake, oldestArrival, pushSample, seedRng, type Fifo, type Model, type SeriesBuffer, type SimEvent, type StepResult } from './common';

/**
 * Backpressure propagation: orders arrive at stage A (ingest), pass a buffer to stage B (enrich),
 * then a second buffer to stage C (the database writer). The first buffer is bounded; the second
 * ("middle" of the lesson's story, in front of the slow stage) is bounded, unbounded in B's memory,
 * or a Kafka topic on disk with a retention limit.
 *
 * With bounded buffers, a stage whose output buffer is full can pass on only what the next stage
 * takes, so a slow C fills its input, then B's, and A starts turning orders away (503). With an
 * unbounded middle buffer, A and B never notice; B's memory grows until it runs out and crashes,
 * losing everything in that buffer. With a Kafka topic, B never notices either, but nothing is
 * lost in a crash; the backlog is consumer lag, and records older than retention are deleted
 * unread.
 */

export const MIDDLES = ['bounded', 'unbounded', 'kafka'] as const;
export type Middle = (typeof MIDDLES)[number];

export const CHAIN_LIMITS = {
  arrivalRate: [10, 10_000],
  stageCRate: [10, 10_000],
  bufferSize: [10, 100_000],
  retentionSec: [10, 3600],
} as const;
const num = (k: keyof typeof CHAIN_LIMITS) => z.number().min(CHAIN_LIMITS[k][0]).max(CHAIN_LIMITS[k][1]);

export const chainParamsSchema = z
  .object({
    middle: z.enum(MIDDLES),
    /** orders per second arriving at A */
    arrivalRate: num('arrivalRate'),
    /** orders per second the database writer C can handle */
    stageCRate: num('stageCRate'),
    /** capacity of each bounded buffer, in orders */
    bufferSize: num('bufferSize').int(),
    /** Kafka retention, shortened so the learner can watch it */
    retentionSec: num('retentionSec'),
  })
  .strict();
export type ChainParams = z.infer<typeof chainParamsSchema>;

export const chainConfigSchema = chainParamsSchema
  .extend({
    stageARate: z.number().min(10).max(100_000),
    stageBRate: z.number().min(10).max(100_000),
    orderKB: z.number().min(0.1).max(100),
    heapMB: z.number().min(8).max(100_000),
    baseMB: z.number().min(1).max(10_000),
    restartMs: z.number().int().min(100).max(60_000),
  })
  .strict();
export type ChainConfig = z.infer<typeof chainConfigSchema>;

export const CHAIN_DEFAULTS: ChainConfig = {
  middle: 'bounded',
  arrivalRate: 1000,
  stageCRate: 2000,
  bufferSize: 1000,
  retentionSec: 120,
  stageARate: 2000,
  stageBRate: 2000,
  orderKB: 1,
  heapMB: 96,
  baseMB: 40,
  restartMs: 5000,
};

export const chainActionSchema = z.object({ type: z.literal('set'), params: chainParamsSchema.partial() }).strict();
export type ChainAction = z.infer<typeof chainActionSchema>;

export const CHAIN_SERIES = ['bufferAB', 'bufferBC', 'acceptedRate', 'rejectedRate', 'writtenRate', 'memoryB'] as const;

export interface ChainState {
  config: ChainConfig;
  tick: number;
  t: number;
  rng: number;
  acc: { arrive: number; a: number; b: number; c: number };
  ab: Fifo;
  bc: Fifo;
  bDownUntil: number;
  /** per tick: is a stage held back by a full output buffer? */
  blockedA: boolean;
  blockedB: boolean;
  totals: { arrived: number; accepted: number; rejected: number; written: number; lostInCrash: number; expired: number };
  crashes: number;
  /** recent outages of stage B [from, to] in ms, at most 20 */
  downPeriods: [number, number][];
  peakBC: number;
  peakMemoryB: number;
  latencyMs: number;
  win: { accepted: number; rejected: number; written: number };
  series: SeriesBuffer;
  lastEvent: string;
}

export const CHAIN_TICK_MS = 100;
const SAMPLE_TICKS = 5;

export function createChain(config: ChainConfig, seed: number): ChainState {
  const c = chainConfigSchema.parse(config);
  return {
    config: c,
    tick: 0,
    t: 0,
    rng: seedRng(seed),
    acc: { arrive: 0, a: 0, b: 0, c: 0 },
    ab: createFifo(),
    bc: createFifo(),
    bDownUntil: -1,
    blockedA: false,
    blockedB: false,
    totals: { arrived: 0, accepted: 0, rejected: 0, written: 0, lostInCrash: 0, expired: 0 },
    crashes: 0,
    downPeriods: [],
    peakBC: 0,
    peakMemoryB: c.baseMB,
    latencyMs: 0,
    win: { accepted: 0, rejected: 0, written: 0 },
    series: createSeries(CHAIN_SERIES, 240),
    lastEvent: 'Orders flow through all three stages.',
  };
}

export function memoryB(s: ChainState): number {
  return s.config.baseMB + (s.config.middle === 'unbounded' ? (s.bc.size * s.config.orderKB) / 1024 : 0);
}

function note(s: ChainState, out: SimEvent[], type: string, text: string) {
  out.push({ type, t: s.t, text });
  s.lastEvent = text;
}

export function stepChain(s: ChainState): StepResult<ChainState> {
  const out: SimEvent[] = [];
  const c = s.config;
  const dt = CHAIN_TICK_MS / 1000;
  if (s.bDownUntil >= 0 && s.t >= s.bDownUntil) {
    s.bDownUntil = -1;
    note(s, out, 'stage/restart', 'Stage B restarted with an empty queue.');
  }
  const bDown = s.bDownUntil >= 0;
  const boundedBC = c.middle === 'bounded';

  // Downstream first, so a stage sees the room its successor made this tick.
  // C: the database writer drains its input (the B->C buffer or topic).
  const cCap = carry(s.acc, 'c', c.stageCRate * dt);
  const bcGone = bDown && c.middle === 'unbounded'; // that buffer lived in B's heap
  if (!bcGone) {
    const { taken, sumArrival } = fifoTake(s.bc, cCap);
    s.totals.written += taken;
    s.win.written += taken;
    if (taken > 0) s.latencyMs = (taken * (s.t + CHAIN_TICK_MS) - sumArrival) / taken;
  }

  // B: enrich moves orders from A->B to B->C, limited by its speed and by room downstream.
  const bCap = carry(s.acc, 'b', c.stageBRate * dt);
  if (!bDown) {
    const room = boundedBC ? Math.max(0, c.bufferSize - s.bc.size) : Infinity;
    const want = Math.min(bCap, s.ab.size);
    const n = Math.min(want, room);
    s.blockedB = want > 0 && n < want && room < bCap;
    const moved = fifoTake(s.ab, n);
    // keep each order's arrival time: push the moved orders with their average arrival time
    if (moved.taken > 0) fifoPush(s.bc, moved.taken, Math.round(moved.sumArrival / moved.taken));
  } else s.blockedB = false;

  // A: ingest accepts arrivals it can hand on; the rest are answered 503 Service Unavailable.
  const arrivals = carry(s.acc, 'arrive', c.arrivalRate * dt);
  const aCap = carry(s.acc, 'a', c.stageARate * dt);
  const roomAB = Math.max(0, c.bufferSize - s.ab.size);
  const accepted = Math.min(arrivals, aCap, roomAB);
  s.blockedA = accepted < arrivals && roomAB < arrivals;
  if (s.blockedA && s.totals.rejected === 0) note(s, out, 'stage/reject', 'Stage A is blocked by a full buffer and starts answering 503 Service Unavailable.');
  fifoPush(s.ab, accepted, s.t);
  s.totals.arrived += arrivals;
  s.totals.accepted += accepted;
  s.totals.rejected += arrivals - accepted;
  s.win.accepted += accepted;
  s.win.rejected += arrivals - accepted;

  // The unbounded middle buffer lives in B's heap.
  const mem = memoryB(s);
  s.peakMemoryB = Math.max(s.peakMemoryB, mem);
  s.peakBC = Math.max(s.peakBC, s.bc.size);
  if (c.middle === 'unbounded' && mem >= c.heapMB) {
    const lost = fifoClear(s.bc);
    s.totals.lostInCrash += lost;
    s.crashes++;
    s.bDownUntil = s.t + c.restartMs;
    s.downPeriods.push([s.t, s.bDownUntil]);
    if (s.downPeriods.length > 20) s.downPeriods.shift();
    note(s, out, 'stage/out-of-memory', `Stage B ran out of memory and crashed: ${lost.toLocaleString('en')} accepted orders in its queue are gone.`);
  }
  // A Kafka topic deletes records older than retention, read or not.
  if (c.middle === 'kafka') {
    const expired = fifoDropOlderThan(s.bc, s.t - c.retentionSec * 1000);
    if (expired > 0) {
      if (s.totals.expired === 0) note(s, out, 'topic/retention-delete', 'The oldest unread orders reached the retention limit and were deleted before C read them.');
      s.totals.expired += expired;
    }
  }

  s.tick++;
  s.t += CHAIN_TICK_MS;
  if (s.tick % SAMPLE_TICKS === 0) {
    const secs = (SAMPLE_TICKS * CHAIN_TICK_MS) / 1000;
    pushSample(s.series, s.t, {
      bufferAB: s.ab.size,
      bufferBC: s.bc.size,
      acceptedRate: s.win.accepted / secs,
      rejectedRate: s.win.rejected / secs,
      writtenRate: s.win.written / secs,
      memoryB: memoryB(s),
    });
    s.win = { accepted: 0, rejected: 0, written: 0 };
  }
  return { state: s, events: out };
}

export function applyChain(s: ChainState, a: ChainAction): StepResult<ChainState> {
  const out: SimEvent[] = [];
  const prev = s.config.middle;
  s.config = chainConfigSchema.parse({ ...s.config, ...a.params });
  if (s.config.middle !== prev) {
    // Swapping the middle buffer redeploys B: its queue starts empty.
    fifoClear(s.bc);
    s.bDownUntil = -1;
    note(s, out, 'pipeline/redeploy', `The buffer between B and C is now ${s.config.middle === 'kafka' ? 'a Kafka topic' : s.config.middle}.`);
  }
  // A smaller bound on a fuller buffer takes effect as C drains: B adds nothing until there is room.
  return { state: s, events: out };
}

export function chainMetrics(s: ChainState) {
  const oldest = oldestArrival(s.bc);
  return {
    bufferAB: s.ab.size,
    bufferBC: s.bc.size,
    lag: s.config.middle === 'kafka' ? s.bc.size : 0,
    oldestAgeSec: oldest === null ? 0 : (s.t - oldest) / 1000,
    peakBC: s.peakBC,
    memoryB: memoryB(s),
    peakMemoryB: s.peakMemoryB,
    arrived: s.totals.arrived,
    accepted: s.totals.accepted,
    rejected: s.totals.rejected,
    written: s.totals.written,
    lostInCrash: s.totals.lostInCrash,
    expired: s.totals.expired,
    crashes: s.crashes,
    blockedA: s.blockedA ? 1 : 0,
    blockedB: s.blockedB ? 1 : 0,
    bDown: s.bDownUntil >= 0 ? 1 : 0,
    latencyMs: s.latencyMs,
    acceptedRate: s.series.v.acceptedRate?.at(-1) ?? 0,
    rejectedRate: s.series.v.rejectedRate?.at(-1) ?? 0,
    writtenRate: s.series.v.writtenRate?.at(-1) ?? 0,
    seconds: s.t / 1000,
    bufferSize: s.config.bufferSize,
  };
}

export const chainModel: Model<ChainConfig, ChainState, ChainAction> = {
  id: 'backpressure-chain',
  tickMs: CHAIN_TICK_MS,
  create: createChain,
  step: stepChain,
  apply: applyChain,
  metrics: chainMetrics,
};

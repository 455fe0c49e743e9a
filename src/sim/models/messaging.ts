import { z } from 'zod';
import { carry, seedRng, type Metrics, type Model, type SimEvent, type StepResult } from './common';

/**
 * One producer, the same stream of messages, three delivery models side by side.
 *
 *   queue      each message goes to exactly one free worker; it is deleted when acknowledged;
 *              a worker that leaves with a message unacknowledged gives it back to the queue
 *   pub/sub    every connected subscriber gets every message; one that is offline misses it
 *   streaming  every message is appended to a durable log; each group keeps its own offset,
 *              reads at its own pace, can replay from any offset, and a group added later
 *              starts at the beginning of the log and reads the history
 */

export const KINDS = ['queue', 'pubsub', 'stream'] as const;
export type Kind = (typeof KINDS)[number];

export const messagingConfigSchema = z
  .object({
    /** messages per second */
    rate: z.number().min(0.2).max(20),
    workers: z.number().int().min(1).max(4),
    subscribers: z.number().int().min(1).max(4),
    groups: z.number().int().min(1).max(4),
    /** how long a queue worker takes per message, in ms */
    workMs: z.number().int().min(100).max(10_000),
    /** reading pace of each stream group, messages per second */
    groupRates: z.array(z.number().min(0.2).max(50)).min(1).max(6),
  })
  .strict();
export type MessagingConfig = z.infer<typeof messagingConfigSchema>;

export const MESSAGING_DEFAULTS: MessagingConfig = { rate: 2, workers: 3, subscribers: 3, groups: 2, workMs: 1200, groupRates: [4, 1.5, 6, 6, 6, 6] };

export const MAX_GROUPS = 4;
export const QUEUE_CAP = 500;
const RECENT = 6;

export const messagingActionSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('online'), kind: z.enum(KINDS), index: z.number().int().min(0).max(5), online: z.boolean() }).strict(),
  z.object({ type: z.literal('add-group') }).strict(),
  z.object({ type: z.literal('replay'), index: z.number().int().min(0).max(5), offset: z.number().int().min(0) }).strict(),
  z.object({ type: z.literal('producing'), on: z.boolean() }).strict(),
  z.object({ type: z.literal('rate'), rate: z.number().min(0.2).max(20) }).strict(),
]);
export type MessagingAction = z.infer<typeof messagingActionSchema>;

export interface Worker {
  name: string;
  online: boolean;
  /** message in hand and when the work is done */
  busy: [number, number] | null;
  received: number;
  acked: number;
  recent: number[];
}
export interface Subscriber {
  name: string;
  online: boolean;
  received: number;
  missed: number;
  recent: number[];
}
export interface Group {
  name: string;
  online: boolean;
  /** next offset to read */
  position: number;
  /** highest offset + 1 ever read, to tell new reads from re-reads */
  highest: number;
  rate: number;
  acc: number;
  received: number;
  reread: number;
  joinedAtMessage: number;
  recent: number[];
}

export interface MessagingState {
  config: MessagingConfig;
  tick: number;
  t: number;
  rng: number;
  acc: { publish: number };
  producing: boolean;
  published: number;
  queue: { pending: number[]; rejected: number; deleted: number; returned: number; nextWorker: number; workers: Worker[] };
  pubsub: { subscribers: Subscriber[] };
  /** the log holds messages 1..logEnd at offsets 0..logEnd-1 */
  stream: { logEnd: number; groups: Group[] };
  lastEvent: string;
}

export const MSG_TICK_MS = 100;
const GROUP_NAMES = ['billing', 'search', 'audit', 'analytics'];

function remember(list: number[], id: number) {
  list.push(id);
  if (list.length > RECENT) list.shift();
}

function newGroup(i: number, rate: number, joinedAt: number): Group {
  return { name: GROUP_NAMES[i] ?? `group ${i + 1}`, online: true, position: 0, highest: 0, rate, acc: 0, received: 0, reread: 0, joinedAtMessage: joinedAt, recent: [] };
}

export function createMessaging(config: MessagingConfig, seed: number): MessagingState {
  const c = messagingConfigSchema.parse(config);
  return {
    config: c,
    tick: 0,
    t: 0,
    rng: seedRng(seed),
    acc: { publish: 0.999 },
    producing: true,
    published: 0,
    queue: {
      pending: [],
      rejected: 0,
      deleted: 0,
      returned: 0,
      nextWorker: 0,
      workers: Array.from({ length: c.workers }, (_, i) => ({ name: `worker ${i + 1}`, online: true, busy: null, received: 0, acked: 0, recent: [] })),
    },
    pubsub: { subscribers: Array.from({ length: c.subscribers }, (_, i) => ({ name: `subscriber ${i + 1}`, online: true, received: 0, missed: 0, recent: [] })) },
    stream: { logEnd: 0, groups: Array.from({ length: c.groups }, (_, i) => newGroup(i, c.groupRates[i] ?? 4, 0)) },
    lastEvent: 'The producer is publishing.',
  };
}

function note(s: MessagingState, out: SimEvent[], type: string, text: string) {
  out.push({ type, t: s.t, text });
  s.lastEvent = text;
}

export function stepMessaging(s: MessagingState): StepResult<MessagingState> {
  const out: SimEvent[] = [];
  const dt = MSG_TICK_MS / 1000;
  const n = s.producing ? carry(s.acc, 'publish', s.config.rate * dt) : 0;
  for (let k = 0; k < n; k++) {
    const id = ++s.published;
    // queue
    if (s.queue.pending.length >= QUEUE_CAP) s.queue.rejected++;
    else s.queue.pending.push(id);
    // pub/sub: delivered now to whoever is connected now
    for (const sub of s.pubsub.subscribers) {
      if (sub.online) {
        sub.received++;
        remember(sub.recent, id);
      } else sub.missed++;
    }
    // stream: appended to the log
    s.stream.logEnd++;
    out.push({ type: 'producer/publish', t: s.t, text: `Published message ${id}.` });
  }

  // queue workers: finish work, then take the next message (round robin among free workers)
  const ws = s.queue.workers;
  for (const w of ws) {
    if (w.busy && s.t >= w.busy[1]) {
      w.acked++;
      s.queue.deleted++;
      w.busy = null;
    }
  }
  for (let k = 0; k < ws.length && s.queue.pending.length > 0; k++) {
    const i = (s.queue.nextWorker + k) % ws.length;
    const w = ws[i]!;
    if (!w.online || w.busy) continue;
    const id = s.queue.pending.shift()!;
    w.busy = [id, s.t + s.config.workMs];
    w.received++;
    remember(w.recent, id);
    s.queue.nextWorker = (i + 1) % ws.length;
  }

  // stream groups read at their own pace
  for (const g of s.stream.groups) {
    const want = carry(g, 'acc', g.online ? g.rate * dt : 0);
    const k = Math.min(want, s.stream.logEnd - g.position);
    for (let j = 0; j < k; j++) {
      const off = g.position++;
      if (off < g.highest) g.reread++;
      else g.received++;
      g.highest = Math.max(g.highest, g.position);
      remember(g.recent, off + 1);
    }
  }
  s.tick++;
  s.t += MSG_TICK_MS;
  return { state: s, events: out };
}

export function applyMessaging(s: MessagingState, a: MessagingAction): StepResult<MessagingState> {
  const out: SimEvent[] = [];
  switch (a.type) {
    case 'online': {
      if (a.kind === 'queue') {
        const w = s.queue.workers[a.index];
        if (!w || w.online === a.online) break;
        w.online = a.online;
        if (!a.online && w.busy) {
          // unacknowledged: the broker gives the message back for another worker
          s.queue.pending.unshift(w.busy[0]);
          s.queue.returned++;
          note(s, out, 'queue/redeliver', `${w.name} left before acknowledging message ${w.busy[0]}; the queue will give it to another worker.`);
          w.busy = null;
        } else note(s, out, a.online ? 'queue/join' : 'queue/leave', `${w.name} is ${a.online ? 'back' : 'offline'}.`);
      } else if (a.kind === 'pubsub') {
        const sub = s.pubsub.subscribers[a.index];
        if (!sub || sub.online === a.online) break;
        sub.online = a.online;
        note(s, out, a.online ? 'pubsub/connect' : 'pubsub/disconnect', a.online ? `${sub.name} reconnected; messages published meanwhile are gone for it.` : `${sub.name} disconnected: it misses everything published until it returns.`);
      } else {
        const g = s.stream.groups[a.index];
        if (!g || g.online === a.online) break;
        g.online = a.online;
        note(s, out, a.online ? 'stream/resume' : 'stream/pause', a.online ? `${g.name} is back and continues from offset ${g.position}.` : `${g.name} stopped; the log keeps its messages.`);
      }
      break;
    }
    case 'add-group': {
      const i = s.stream.groups.length;
      if (i >= MAX_GROUPS) break;
      s.stream.groups.push(newGroup(i, s.config.groupRates[i] ?? 6, s.published));
      note(s, out, 'stream/add-group', `New group ${s.stream.groups[i]!.name} joined after ${s.published} messages and reads the log from offset 0.`);
      break;
    }
    case 'replay': {
      const g = s.stream.groups[a.index];
      if (!g) break;
      // a rewind: back to any offset already read (seeking forward past unread messages would skip them)
      g.position = Math.min(a.offset, g.highest);
      note(s, out, 'stream/replay', `${g.name} rewound to offset ${g.position} and will re-read from there.`);
      break;
    }
    case 'producing':
      s.producing = a.on;
      note(s, out, a.on ? 'producer/start' : 'producer/stop', a.on ? 'The producer is publishing.' : 'The producer paused.');
      break;
    case 'rate':
      s.config = { ...s.config, rate: a.rate };
      break;
  }
  return { state: s, events: out };
}

export function messagingMetrics(s: MessagingState): Metrics {
  const m: Metrics = {
    published: s.published,
    queuePending: s.queue.pending.length,
    queueDeleted: s.queue.deleted,
    queueReturned: s.queue.returned,
    queueRejected: s.queue.rejected,
    logLength: s.stream.logEnd,
    groups: s.stream.groups.length,
  };
  let qSum = 0;
  s.queue.workers.forEach((w, i) => {
    m[`worker${i + 1}.received`] = w.received;
    m[`worker${i + 1}.acked`] = w.acked;
    qSum += w.received;
  });
  m.queueDelivered = qSum;
  m.queueInFlight = s.queue.workers.filter((w) => w.busy).length;
  // every published message is exactly one of: deleted, waiting, in a worker's hands, or refused
  m.queueAccounted = s.queue.deleted + s.queue.pending.length + m.queueInFlight + s.queue.rejected;
  s.pubsub.subscribers.forEach((sub, i) => {
    m[`subscriber${i + 1}.received`] = sub.received;
    m[`subscriber${i + 1}.missed`] = sub.missed;
  });
  s.stream.groups.forEach((g, i) => {
    m[`group${i + 1}.received`] = g.received;
    m[`group${i + 1}.reread`] = g.reread;
    m[`group${i + 1}.lag`] = s.stream.logEnd - g.position;
  });
  return m;
}

export const messagingModel: Model<MessagingConfig, MessagingState, MessagingAction> = {
  id: 'messaging-models',
  tickMs: MSG_TICK_MS,
  create: createMessaging,
  step: stepMessaging,
  apply: applyMessaging,
  metrics: messagingMetrics,
};

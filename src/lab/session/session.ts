/**
 * One lab run, on the page's side: the broker (the simulator behind a thin adapter), the trace
 * the checks grade, and the conversation with the sandbox. The sandbox's messages arrive through
 * `receive`, are validated (validate.ts) and become broker actions; anything malformed stops the
 * run. The session never takes the sandbox's word for what happened in Kafka: records, fetches,
 * commits, joins and rebalances are what the broker itself did.
 *
 * The session does not own time or the sandbox's life: a driver does (frame.ts in the browser,
 * inProcess.ts in unit tests). It asks `idle()` whether anything is left to do and `finish()` for
 * the result.
 */
import { Broker, DEFAULT_SESSION_TIMEOUT_MS, type LabClock, type Member } from '../runtime/broker.ts';
import type { Fault, LabView, RunError, RunResult } from '../runtime/types.ts';
import type { BrokerCall, BrokerReplies, CellInfo, PageMessage, SandboxError, SandboxMessage } from './protocol.ts';
import { count, runStops } from './messages.ts';
import { checkSandboxMessage } from './validate.ts';
import { labHintFor, type LabHintId } from './hints.ts';

/** Most messages a run may send before it is stopped (a flood would make the page sluggish). */
export const MAX_MESSAGES = 250_000;
/** Partitions a topic may have in the lab. */
export const MAX_PARTITIONS = 64;

interface PendingDelivery {
  member: Member;
  partition: number;
  offset: number;
  resolve: () => void;
  reject: (e: SandboxError) => void;
}

export interface SessionOptions {
  cells: CellInfo[];
  faults?: Fault[];
  clock: LabClock;
  /** sends a message to the sandbox */
  send: (m: PageMessage) => void;
  /** stop when more records than this were produced; default 10 000 */
  maxRecords?: number;
  /** epoch milliseconds at the start of the run (record timestamps); default Date.now() */
  epochMs?: number;
}

function where(cell: string | null, line: number | null): string {
  return cell && line ? ` (${cell}.ts, line ${line})` : cell ? ` (${cell}.ts)` : '';
}

function describe(e: { name: string; message: string }): string {
  return `${e.name === 'Error' || e.name === '' ? '' : `${e.name}: `}${e.message}`;
}

export class LabSession {
  readonly broker: Broker;
  private readonly send: (m: PageMessage) => void;
  private readonly cellLines = new Map<string, number>();
  private readonly members = new Map<string, Member>();
  private readonly deliveries = new Map<number, PendingDelivery>();
  /** deliveries abandoned when their member crashed: a late reply to one is not an error */
  private readonly abandoned = new Set<number>();
  private readonly producedAt = new Map<string, number>();
  private nextDelivery = 1;
  private inFlightCalls = 0;
  private readonly epochMs: number;
  /** how many of the run's files have finished their top level */
  cellsDone = 0;
  /** the learner's timers pending in the sandbox, as it last said */
  sandboxTimers = 0;
  /** the sandbox awaits a reply or runs an eachMessage, as it last said */
  sandboxBusy = true;
  ready = false;
  /** the run is over: later messages are ignored */
  stopped = false;
  messages = 0;
  private currentCell: string | null = null;
  /** lab hints already shown in the console this run (each once) */
  private readonly hinted = new Set<LabHintId>();

  constructor(readonly opts: SessionOptions) {
    this.broker = new Broker(opts.faults ?? [], opts.maxRecords ?? 10_000, opts.clock);
    this.send = opts.send;
    this.epochMs = opts.epochMs ?? Date.now();
    for (const c of opts.cells) this.cellLines.set(c.name, c.lines);
    this.broker.onCrash = (m) => {
      for (const [id, d] of this.deliveries) {
        if (d.member !== m) continue;
        this.deliveries.delete(id);
        this.abandoned.add(id);
        d.resolve();
      }
      this.send({ t: 'crashed', member: m.id });
    };
    this.broker.describeHandlerError = (group, e) =>
      e instanceof HandlerError ? e.runError : { kind: 'exception', message: `eachMessage in group ${group} failed: ${String(e)}`, cell: null, line: null };
  }

  get failure(): RunError | null {
    return this.broker.failure;
  }

  /** Stops the run with this error (the first error wins). */
  fail(err: RunError): void {
    this.broker.fail(err);
  }

  /** A cell name and line from the sandbox, kept only when they point into the learner's files. */
  private place(e: SandboxError): { cell: string | null; line: number | null } {
    const lines = e.cell === null ? undefined : this.cellLines.get(e.cell);
    if (lines === undefined) return { cell: null, line: null };
    return { cell: e.cell, line: e.line !== null && e.line <= lines ? e.line : null };
  }

  /** The learner's error as the run's error. */
  runError(e: SandboxError, prefix = ''): RunError {
    const at = this.place(e);
    const said = describe(e);
    // KafkaJS's own error stays as it is; what the lab's broker cannot do gets a hint after it.
    const hint = labHintFor(`${e.name}: ${e.message}`);
    return { kind: e.kind, message: `${prefix}${said}${where(at.cell, at.line)}${hint ? ` ${hint.text}` : ''}`, cell: at.cell, line: at.line };
  }

  /** A line of the learner's output; a line showing what the lab's broker cannot do is followed by its hint (once per run). */
  private logLine(cell: string, level: 'log' | 'warn' | 'error', text: string): void {
    this.broker.log(cell, level, text);
    const hint = labHintFor(text);
    if (hint && !this.hinted.has(hint.id)) {
      this.hinted.add(hint.id);
      this.broker.log(cell, 'warn', hint.text);
    }
  }

  private refuse(reason: string): void {
    this.fail(runStops.refused(reason));
  }

  /** Takes one message from the sandbox. Never throws. */
  receive(raw: unknown): void {
    if (this.failure || this.stopped) return;
    this.messages++;
    if (this.messages > MAX_MESSAGES) {
      this.fail(runStops.tooManyMessages(MAX_MESSAGES));
      return;
    }
    const checked = checkSandboxMessage(raw);
    if (!checked.ok) {
      this.refuse(checked.reason);
      return;
    }
    try {
      this.handle(checked.message);
    } catch (e) {
      // The broker's own errors are bugs, not the learner's: report them plainly instead of crashing the page.
      this.fail({ kind: 'exception', message: `The lab itself failed: ${e instanceof Error ? e.message : String(e)}`, cell: null, line: null });
    }
  }

  private handle(m: SandboxMessage): void {
    switch (m.t) {
      case 'ready':
        this.ready = true;
        return;
      case 'hb':
        this.sandboxTimers = m.timers;
        this.sandboxBusy = m.busy;
        return;
      case 'log':
        if (this.cellLines.has(m.cell)) this.logLine(m.cell, m.level, m.text);
        else this.refuse(`a line of output from an unknown file ${m.cell}`);
        return;
      case 'cell':
        if (!this.cellLines.has(m.cell)) return this.refuse(`an unknown file ${m.cell}`);
        if (m.state === 'started') this.currentCell = m.cell;
        else this.cellsDone++;
        return;
      case 'fail':
        this.fail(this.runError(m.error));
        return;
      case 'charge':
        this.broker.charge(
          m.orderId,
          m.amount,
          [...this.deliveries.values()].map((d) => ({ group: d.member.group.id, member: d.member.id, partition: d.partition, offset: d.offset })),
        );
        return;
      case 'blocked':
        this.broker.log(this.currentCell ?? this.opts.cells[0]?.name ?? 'lab', 'warn', `The lab has no network, so this was blocked: ${m.what}.`);
        return;
      case 'handled': {
        const d = this.deliveries.get(m.id);
        if (!d) {
          if (!this.abandoned.delete(m.id)) this.refuse(`a reply to delivery ${m.id}, which was never sent`);
          return;
        }
        this.deliveries.delete(m.id);
        if (m.error) d.reject(m.error);
        else d.resolve();
        return;
      }
      case 'call':
        this.call(m.id, m.call);
        return;
    }
  }

  private reply<K extends BrokerCall['op']>(id: number, value: BrokerReplies[K]): void {
    this.send({ t: 'reply', id, ok: true, value });
  }

  private replyError(id: number, e: unknown): void {
    const err = e instanceof Error ? { name: e.name === 'LabAbort' ? 'Error' : e.name, message: e.message } : { name: 'Error', message: String(e) };
    this.send({ t: 'reply', id, ok: false, error: err });
  }

  private member(id: string): Member {
    const m = this.members.get(id);
    if (!m) throw new Error(`unknown consumer ${id}`);
    return m;
  }

  private call(id: number, c: BrokerCall): void {
    const b = this.broker;
    try {
      b.guard();
      switch (c.op) {
        case 'createTopics': {
          let created = false;
          const existing: { topic: string; partitions: number }[] = [];
          for (const t of c.topics) {
            if (t.numPartitions < 1 || t.numPartitions > MAX_PARTITIONS) throw new RangeError(`numPartitions for ${t.topic} must be from 1 to ${MAX_PARTITIONS} in this lab (got ${t.numPartitions}).`);
            if (b.createTopic(t.topic, t.numPartitions)) created = true;
            else {
              existing.push({ topic: t.topic, partitions: b.partitionCount(t.topic) });
              b.log(c.cell, 'warn', `createTopics: topic ${t.topic} already exists; it keeps its ${count(b.partitionCount(t.topic), 'partition')}.`);
            }
          }
          return this.reply<'createTopics'>(id, { created, existing });
        }
        case 'listTopics':
          return this.reply<'listTopics'>(id, b.topicNames());
        case 'produce': {
          if (!b.hasTopic(c.topic)) {
            // A broker with auto.create.topics.enable=true (Kafka's default) creates it with num.partitions=1.
            b.createTopic(c.topic, 1, true);
            b.log(c.cell, 'warn', `Topic ${c.topic} did not exist, so the broker created it automatically with 1 partition.`);
          }
          const out: BrokerReplies['produce'] = [];
          for (const msg of c.messages) {
            const r = b.append(c.cell, c.topic, msg.key, msg.value, msg.partition ?? undefined);
            const timestamp = this.epochMs + b.now;
            this.producedAt.set(`${c.topic}\u0000${r.partition}\u0000${r.offset}`, timestamp);
            out.push({ ...r, timestamp });
          }
          return this.reply<'produce'>(id, out);
        }
        case 'consumer': {
          const st = c.sessionTimeout ?? DEFAULT_SESSION_TIMEOUT_MS;
          if (st < 1000 || st > 300_000) throw new RangeError('sessionTimeout must be from 1000 to 300000 ms.');
          const m = b.newMember(c.groupId, st);
          this.members.set(m.id, m);
          return this.reply<'consumer'>(id, { member: m.id });
        }
        case 'subscribe': {
          const m = this.member(c.member);
          if (c.topics.length + m.topics.length > 1) throw new Error('In this lab a consumer subscribes to one topic.');
          for (const t of c.topics) if (!b.hasTopic(t)) throw new Error(`consumer.subscribe: topic ${t} does not exist. Create it first.`);
          m.topics.push(...c.topics);
          m.fromBeginning = c.fromBeginning;
          return this.reply<'subscribe'>(id, null);
        }
        case 'run': {
          const m = this.member(c.member);
          if (m.topics.length === 0) throw new Error('consumer.run: subscribe to a topic first.');
          if (m.handler) throw new Error('consumer.run was called twice on the same consumer.');
          m.autoCommit = c.autoCommit;
          m.handler = (r) =>
            new Promise<void>((resolve, reject) => {
              const did = this.nextDelivery++;
              const groupId = m.group.id;
              this.deliveries.set(did, {
                member: m,
                partition: r.partition,
                offset: r.offset,
                resolve,
                reject: (e) => reject(new HandlerError(this.runError(e, `eachMessage in group ${groupId} threw `))),
              });
              const timestamp = this.producedAt.get(`${r.topic}\u0000${r.partition}\u0000${r.offset}`) ?? this.epochMs;
              this.send({ t: 'deliver', id: did, member: m.id, record: { ...r, timestamp } });
            });
          b.join(m);
          return this.reply<'run'>(id, null);
        }
        case 'commit': {
          const m = this.member(c.member);
          const ignored: number[] = [];
          for (const o of c.offsets) {
            const r = b.commit(m, o.topic, o.partition, o.offset);
            if (r === 'crashed') return this.reply<'commit'>(id, { crashed: true, ignored });
            if (typeof r === 'object') {
              ignored.push(o.partition);
              b.log(this.currentCell ?? 'lab', 'warn', `${m.id}: the commit of offset ${o.offset} for ${o.topic} partition ${o.partition} was refused: ${r.refused}.`);
            }
          }
          return this.reply<'commit'>(id, { crashed: false, ignored });
        }
        case 'leave': {
          const m = this.member(c.member);
          this.inFlightCalls++;
          void b.leave(m).then(() => {
            this.inFlightCalls--;
            this.reply<'leave'>(id, null);
          });
          return;
        }
      }
    } catch (e) {
      this.replyError(id, e);
    }
  }

  /** True when nothing is left to do but (maybe) the current file's top level: no call, delivery, broker timer or learner timer pending. */
  quiet(): boolean {
    return this.ready && !this.sandboxBusy && this.inFlightCalls === 0 && this.deliveries.size === 0 && this.sandboxTimers === 0 && this.broker.clock.pending === 0;
  }

  /** Every file ran to its end and nothing is left to do. */
  idle(): boolean {
    return this.quiet() && this.cellsDone >= this.opts.cells.length;
  }

  /** Tells the sandbox to start the next file, because the current one waits for something that will not come. */
  nextCell(): void {
    this.send({ t: 'next-cell' });
  }

  /** The run's result; further messages are ignored. */
  finish(error: RunError | null = null, snapshots?: LabView[]): RunResult {
    if (error) this.fail(error);
    this.stopped = true;
    const view = this.broker.view();
    return { trace: this.broker.trace, view, error: this.broker.failure, timeMs: this.broker.now, ...(snapshots ? { snapshots } : {}) };
  }
}

/** A learner's eachMessage threw: the broker reports it as the run's error. */
export class HandlerError extends Error {
  constructor(readonly runError: RunError) {
    super(runError.message);
    this.name = 'HandlerError';
  }
}

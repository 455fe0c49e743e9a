/**
 * The messages between the lab's sandbox (the learner's realm: a worker inside an opaque-origin
 * iframe) and the page (where the broker, the simulator and the grading live). Everything is
 * plain structured-clone data. The page validates every message it receives (validate.ts): what
 * the sandbox sends is untrusted input, since the learner's code runs there and may patch
 * anything in its realm, postMessage and every prototype included.
 *
 * The sandbox only asks; the page decides. Nothing the sandbox sends is taken as a fact about
 * the run except the learner's own output (console lines, ledger charges) and its own state
 * (which file runs, how many of its timers are pending). The checks read the broker's trace.
 */

/** A file of the lab project as it crosses to the sandbox. */
export interface CellInfo {
  name: string;
  /** 1-based line of the worker script where the cell's first line is */
  firstLine: number;
  lines: number;
}

export type LogLevel = 'log' | 'warn' | 'error';

/** An error in the learner's code, as the sandbox describes it (validated by the page). */
export interface SandboxError {
  /** the error's class name, e.g. TypeError */
  name: string;
  message: string;
  cell: string | null;
  line: number | null;
  /** which kind of learner error: an import the lab cannot give, the KafkaJS subset's limit, or anything else */
  kind: 'import' | 'unsupported' | 'exception';
}

/** A call from the learner's client to the broker (the KafkaJS stand-in's requests). */
export type BrokerCall =
  | { op: 'createTopics'; cell: string; topics: { topic: string; numPartitions: number }[] }
  | { op: 'listTopics' }
  | { op: 'produce'; cell: string; topic: string; messages: { key: string | null; value: string | null; partition: number | null }[] }
  | { op: 'consumer'; cell: string; groupId: string; sessionTimeout: number | null }
  | { op: 'subscribe'; member: string; topics: string[]; fromBeginning: boolean }
  | { op: 'run'; member: string; autoCommit: boolean }
  | { op: 'commit'; member: string; offsets: { topic: string; partition: number; offset: number }[] }
  | { op: 'leave'; member: string };

export type BrokerCallOp = BrokerCall['op'];

/** What each call returns when it succeeds. */
export interface BrokerReplies {
  createTopics: { created: boolean; existing: { topic: string; partitions: number }[] };
  listTopics: string[];
  produce: { partition: number; offset: number; timestamp: number }[];
  consumer: { member: string };
  subscribe: null;
  run: null;
  commit: { crashed: boolean; ignored: number[] };
  leave: null;
}

/** A record handed to the learner's eachMessage. */
export interface DeliveredRecord {
  topic: string;
  partition: number;
  offset: number;
  key: string | null;
  value: string | null;
  /** when the broker appended it, epoch milliseconds (as KafkaJS reports message.timestamp) */
  timestamp: number;
}

/** Sandbox to page. */
export type SandboxMessage =
  /** the runtime started and read the cells */
  | { t: 'ready' }
  /**
   * alive, and what is pending in the sandbox between two tasks: `timers`, the learner's timers;
   * `busy`, calls awaiting the broker's reply or eachMessage calls still running
   */
  | { t: 'hb'; timers: number; busy: boolean }
  | { t: 'log'; cell: string; level: LogLevel; text: string }
  /** a cell's top level finished (or failed: then a 'fail' follows) */
  | { t: 'cell'; cell: string; state: 'started' | 'done' }
  /** an error the learner's code did not catch: the run stops */
  | { t: 'fail'; error: SandboxError }
  | { t: 'call'; id: number; call: BrokerCall }
  /** eachMessage for delivery `id` finished (error: it threw) */
  | { t: 'handled'; id: number; error: SandboxError | null }
  /** the ledger's charge(orderId, amount) */
  | { t: 'charge'; orderId: string; amount: number }
  /** a request the sandbox's CSP refused (the lab has no network) */
  | { t: 'blocked'; what: string };

/** Page to sandbox. */
export type PageMessage =
  | { t: 'reply'; id: number; ok: true; value: unknown }
  | { t: 'reply'; id: number; ok: false; error: { name: string; message: string } }
  | { t: 'deliver'; id: number; member: string; record: DeliveredRecord }
  /** the lab crashed this consumer (an injected fault): its process is gone */
  | { t: 'crashed'; member: string }
  /** everything else is idle and the current file is still waiting: start the next file */
  | { t: 'next-cell' };

/** Longest console line kept, in characters. */
export const MAX_LOG_TEXT = 2000;
/** Longest key or value of a record, in characters (Kafka's default message.max.bytes is about 1 MB). */
export const MAX_RECORD_TEXT = 1_000_000;
/** Most records one produce call may carry. */
export const MAX_MESSAGES_PER_SEND = 10_000;

/** The global the sandbox's runtime reads the learner's compiled files from (and deletes at once). */
export const CELLS_GLOBAL = '__streamlabCells';

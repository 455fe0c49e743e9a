/**
 * What a lab run records. Everything is plain JSON so it can cross from the worker to the page.
 * Checks (src/lab/checks.ts) read only these: the end state and the trace, never the code.
 */

export type LeaveReason = 'disconnected' | 'crashed';
export type RebalanceReason = 'member-joined' | 'member-left' | 'member-crashed';

export type LabEvent =
  | { type: 'topic/created'; at: number; topic: string; partitions: number; auto: boolean }
  | { type: 'record/produced'; at: number; topic: string; partition: number; offset: number; key: string | null; value: string | null; cell: string }
  | { type: 'record/consumed'; at: number; group: string; member: string; topic: string; partition: number; offset: number; key: string | null; value: string | null }
  | { type: 'offset/committed'; at: number; group: string; member: string; topic: string; partition: number; offset: number }
  | { type: 'consumer/joined'; at: number; group: string; member: string }
  | { type: 'consumer/left'; at: number; group: string; member: string; reason: LeaveReason; owned: number[] }
  | { type: 'consumer/crashed'; at: number; group: string; member: string }
  | { type: 'group/rebalance-started'; at: number; group: string; generation: number; reason: RebalanceReason }
  | { type: 'group/rebalance-completed'; at: number; group: string; generation: number; assignment: Record<string, number[]> }
  | { type: 'ledger/charged'; at: number; orderId: string; amount: number; during: ChargeContext[] }
  | { type: 'log'; at: number; cell: string; level: 'log' | 'warn' | 'error'; text: string };

export type LabEventType = LabEvent['type'];

/** A record whose eachMessage was running when a charge came. */
export interface ChargeContext {
  group: string;
  member: string;
  partition: number;
  offset: number;
}

export interface RecordView {
  offset: number;
  key: string | null;
  /** the value, shortened for display */
  value: string | null;
  /** simulated time the record was produced */
  at: number;
}

export interface PartitionView {
  id: number;
  logEnd: number;
  /** the most recent records, oldest first (at most RECENT_RECORDS) */
  recent: RecordView[];
}

export interface TopicView {
  name: string;
  partitions: PartitionView[];
}

export type MemberStatus = 'joining' | 'active' | 'idle' | 'rebalancing' | 'leaving' | 'crashed';

export interface MemberView {
  id: string;
  status: MemberStatus;
  partitions: number[];
  processed: number;
}

export interface GroupView {
  id: string;
  topic: string | null;
  generation: number;
  rebalancing: boolean;
  members: MemberView[];
  /** committed offset per partition of the group's topic (null: nothing committed) */
  committed: (number | null)[];
  /** log end minus committed (null when nothing is committed) */
  lag: (number | null)[];
  /** records handled by the group's members, ever (members that have left included) */
  processed: number;
  /** records delivered to the group a second time (after a crash before a commit, say) */
  duplicates: number;
  /** simulated time the group spent rebalancing so far */
  pausedMs: number;
}

export interface LabView {
  timeMs: number;
  topics: TopicView[];
  groups: GroupView[];
  produced: number;
}

export interface RunError {
  /** what the learner reads */
  message: string;
  /** the cell (file) and 1-based line in the learner's code, when known */
  cell: string | null;
  line: number | null;
  /**
   * compile: the code could not be read; exception/import/unsupported: it threw; runaway: it ran
   * too long, produced too much or stopped responding; crashed: the sandbox itself died (out of
   * memory); refused: the sandbox sent a message the page does not accept; stopped: the learner
   * pressed Stop.
   */
  kind: 'compile' | 'exception' | 'import' | 'runaway' | 'unsupported' | 'stopped' | 'crashed' | 'refused';
}

export interface RunResult {
  trace: LabEvent[];
  view: LabView;
  error: RunError | null;
  /** milliseconds the run covered (wall-clock time in the browser, simulated time in unit tests) */
  timeMs: number;
  /** views taken as the run went, oldest first, for scrubbing back after the run */
  snapshots?: LabView[];
}

/** A fault the lab injects into a run (for the idempotency step). */
export interface Fault {
  kind: 'crash-before-commit';
  group: string;
  /** the first member of the group to have handled this many messages crashes at its next commit */
  afterMessages: number;
}

export interface RunOptions {
  /** cells to run, in order: file name -> source code (TypeScript or JavaScript) */
  cells: { name: string; code: string }[];
  faults?: Fault[];
  /** unit tests: stop when simulated time passes this (runaway async loops); default 300 000 */
  maxSimMs?: number;
  /** stop when more records than this were produced; default 10 000 */
  maxRecords?: number;
  /** called with a fresh view as the run progresses */
  onView?: (view: LabView) => void;
}

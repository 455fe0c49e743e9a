/** The browser lab's limits and rhythms, in real milliseconds (frame.ts applies them). */

/** The sandbox must be heard from at least this often once it runs (it sends a heartbeat every 250 ms). */
export const SILENCE_LIMIT_MS = 6_000;
/** Time the sandbox may take to load and start. */
export const START_LIMIT_MS = 15_000;
/**
 * Wall-clock time after which a run that has stopped making progress is ended. Every step of the
 * lab finishes well within 20 s on an idle machine; on a loaded one (a shared 2-core laptop, a
 * projector PC) it can take longer, so this limit alone never ends a run that is still working:
 * see `runOverLimit`.
 */
export const RUN_TIME_LIMIT_MS = 30_000;
/** After RUN_TIME_LIMIT_MS, a run is ended once the broker has recorded nothing new for this long. */
export const PROGRESS_GRACE_MS = 5_000;
/** Wall-clock time no run may pass, progress or not (a loop that keeps producing, say). */
export const RUN_HARD_LIMIT_MS = 120_000;

/**
 * Whether a run has gone on too long. Progress is the broker's own record of the run (a topic
 * made, a record written or read, a commit, a join, a rebalance), not the learner's output: a
 * loop that only logs or waits makes none.
 * @param elapsedMs wall-clock milliseconds since the run started
 * @param sinceProgressMs wall-clock milliseconds since the broker last recorded something new
 * @returns the limit (ms) to name in the message when the run must end, else null
 */
export function runOverLimit(elapsedMs: number, sinceProgressMs: number): number | null {
  if (elapsedMs > RUN_HARD_LIMIT_MS) return RUN_HARD_LIMIT_MS;
  if (elapsedMs > RUN_TIME_LIMIT_MS && sinceProgressMs >= PROGRESS_GRACE_MS) return Math.floor(elapsedMs / 1000) * 1000;
  return null;
}
/** The run ends once nothing has been left to do for this long. */
export const QUIET_MS = 400;
/** How often the live view gets a new picture (and the run keeps it for scrubbing). */
export const SNAPSHOT_EVERY_MS = 200;
/** Most snapshots a run keeps: beyond this, every other one is dropped (the timeline stays whole, coarser). */
export const MAX_SNAPSHOTS = 400;

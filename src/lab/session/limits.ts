/** The browser lab's limits and rhythms, in real milliseconds (frame.ts applies them). */

/** The sandbox must be heard from at least this often once it runs (it sends a heartbeat every 250 ms). */
export const SILENCE_LIMIT_MS = 6_000;
/** Time the sandbox may take to load and start. */
export const START_LIMIT_MS = 15_000;
/** Wall-clock time a run may take in all. Every step of the lab finishes well within 20 s. */
export const RUN_TIME_LIMIT_MS = 30_000;
/** The run ends once nothing has been left to do for this long. */
export const QUIET_MS = 400;
/** How often the live view gets a new picture (and the run keeps it for scrubbing). */
export const SNAPSHOT_EVERY_MS = 200;
/** Most snapshots a run keeps: beyond this, every other one is dropped (the timeline stays whole, coarser). */
export const MAX_SNAPSHOTS = 400;

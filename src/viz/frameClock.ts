/**
 * When the visualiser's animation loop redraws what. Pure, so the schedule is unit-tested without
 * a browser: per animation frame it decides whether to repaint the whole picture (labels, owners,
 * lag numbers), only the moving marks, and whether to publish to React (status, facts, charts,
 * log).
 *
 * The rule the schedule keeps: while playing, the text and charts React shows are published at
 * least every PUBLISH_MAX_GAP_MS (more than 4 times a second), whatever the canvas does, and the
 * canvas's own text at least every FULL_EVERY_MS. A full repaint and a publish are spread over
 * different frames when they can be, so that no single frame does both.
 */

/** the canvas's text (owners, lag numbers, states) is repainted at least this often while playing */
export const FULL_EVERY_MS = 250;
/** React is published this often while playing... */
export const PUBLISH_EVERY_MS = 160;
/** ...and never less often than this, even when it must share a frame with a full repaint */
export const PUBLISH_MAX_GAP_MS = 230;

export interface FrameClock {
  lastFull: number;
  lastPublish: number;
  lastTick: number;
  lastScene: number;
  /** a repaint is owed (resize, theme, layout change) */
  needFull: boolean;
}

export interface FrameInput {
  /** the frame's timestamp, ms */
  now: number;
  /** the simulation's tick (changes when simulated time moves) */
  tick: number;
  /** the runner's sceneVersion (an action, a seek, a restart) */
  scene: number;
  playing: boolean;
  /** whether the displayed log ends are still easing toward the real ones */
  moving: boolean;
}

export interface FramePlan {
  full: boolean;
  marks: boolean;
  publish: boolean;
}

export function createFrameClock(): FrameClock {
  return { lastFull: -Infinity, lastPublish: -Infinity, lastTick: -1, lastScene: -1, needFull: true };
}

/** Decide this frame's work and update the clock. */
export function planFrame(c: FrameClock, f: FrameInput): FramePlan {
  const ticked = f.tick !== c.lastTick;
  c.lastTick = f.tick;
  const sceneChanged = f.scene !== c.lastScene;
  c.lastScene = f.scene;
  const full = c.needFull || sceneChanged || (ticked && (!f.playing || f.now - c.lastFull >= FULL_EVERY_MS));
  if (full) {
    c.needFull = false;
    c.lastFull = f.now;
  }
  const sincePublish = f.now - c.lastPublish;
  // Paused, React is told at once (a step or a seek must show); playing, a few times a second,
  // preferably in a frame without a full repaint.
  const due = sceneChanged || (!f.playing && ticked) || sincePublish >= PUBLISH_EVERY_MS;
  const publish = due && (!full || sceneChanged || !f.playing || sincePublish >= PUBLISH_MAX_GAP_MS);
  if (publish) c.lastPublish = f.now;
  return { full, marks: !full && (f.moving || ticked), publish };
}

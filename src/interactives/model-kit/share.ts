import { z } from 'zod';
import { encodeShare, MAX_SHARE_CHARS, shareUrl } from '../../share/link';
import type { RunnerSnapshot } from './useModelRunner';

export const MAX_RECORDED = 400;

/** Up to one simulated hour at 100 ms ticks. */
export const MAX_SHARE_TICK = 36_000;

/** A share payload: the interactive's settings, seed, recorded actions and the moment shown. */
export function snapshotSchema<C, A>(config: z.ZodType<C>, action: z.ZodType<A>): z.ZodType<RunnerSnapshot<C, A>> {
  return z
    .object({
      config,
      seed: z.number().int().min(0).max(2 ** 31),
      recording: z.array(z.object({ tick: z.number().int().min(0).max(MAX_SHARE_TICK), action }).strict()).max(MAX_RECORDED),
      tick: z.number().int().min(0).max(MAX_SHARE_TICK),
    })
    .strict() as z.ZodType<RunnerSnapshot<C, A>>;
}

/**
 * The share URL for this moment. A run with too many recorded changes to fit in a link is shared
 * as its current settings from time 0 instead; `onFallback` is told so the learner knows.
 */
export function shareMoment<C, A>(id: string, snap: RunnerSnapshot<C, A>, current: C, onFallback: (why: string | null) => void): string {
  if (snap.recording.length <= MAX_RECORDED && encodeShare(id, snap).length <= MAX_SHARE_CHARS) {
    onFallback(null);
    return shareUrl(id, snap);
  }
  onFallback('This run has too many changes to fit in a link, so the link starts a fresh run with the current settings.');
  return shareUrl(id, { config: current, seed: snap.seed, recording: [], tick: 0 });
}

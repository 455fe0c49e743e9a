import { useMemo } from 'react';
import { useSearchParams } from 'react-router';
import { z } from 'zod';
import { decodeShare, encodeShare, MAX_SHARE_CHARS, SHARE_PARAM, shareUrl } from '../../share/link';
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
 * The snapshot to start from: the one in the share link if there is a valid one (on the
 * interactive's own page), otherwise the default; with a notice when a link was rejected.
 */
export function useInitialSnapshot<C, A>(id: string, embedded: boolean, schema: z.ZodType<RunnerSnapshot<C, A>>, fallback: () => RunnerSnapshot<C, A>) {
  const [params] = useSearchParams();
  const encoded = embedded ? null : params.get(SHARE_PARAM);
  return useMemo(() => {
    if (!encoded) return { initial: fallback(), notice: null, fromLink: false };
    const r = decodeShare(id, encoded, schema);
    if (r.ok) return { initial: r.value, notice: null, fromLink: true };
    return { initial: fallback(), notice: r.message, fromLink: false };
  }, [encoded]); // eslint-disable-line react-hooks/exhaustive-deps
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

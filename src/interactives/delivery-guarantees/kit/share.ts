import { useMemo } from 'react';
import { useSearchParams } from 'react-router';
import { z } from 'zod';
import { decodeShare, SHARE_PARAM } from '../../../share/link';
import type { RunnerSnapshot } from './useModelRunner';

/** Up to one simulated hour at 100 ms ticks. */
export const MAX_SHARE_TICK = 36_000;

/** A share payload: the interactive's settings, seed, recorded actions and the moment shown. */
export function snapshotSchema<C, A>(config: z.ZodType<C>, action: z.ZodType<A>): z.ZodType<RunnerSnapshot<C, A>> {
  return z
    .object({
      config,
      seed: z.number().int().min(0).max(2 ** 31),
      recording: z.array(z.object({ tick: z.number().int().min(0).max(MAX_SHARE_TICK), action }).strict()).max(400),
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

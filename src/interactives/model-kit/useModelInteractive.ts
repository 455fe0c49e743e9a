import { useCallback, useState } from 'react';
import type { z } from 'zod';
import type { Model } from '../../sim/models/common';
import type { TryThisFile } from '../../sim/models/tryThis';
import { useInitialSnapshot } from './share';
import { useModelRunner, type RunnerSnapshot } from './useModelRunner';

interface Options<C, S extends { tick: number; t: number }, A> {
  id: string;
  embedded: boolean;
  /** a try-this item id from the lesson or `?scenario=`: its settings, not yet run */
  scenario: string | null;
  model: Model<C, S, A>;
  defaults: C;
  seed: number;
  tryThis: TryThisFile<C, A>;
  shareSchema: z.ZodType<RunnerSnapshot<C, A>>;
  /** merge two actions recorded at the same tick (a slider drag) */
  coalesce?: (prev: A, next: A) => A | null;
  /** the run is over: the clock stops (e.g. every order sent and committed) */
  done?: (s: S) => boolean;
}

/**
 * What every model interactive starts with: the initial run (from a share link, else the lesson's
 * try-this item, else the defaults), the runner, the share-link notice, and "run this experiment".
 */
export function useModelInteractive<C, S extends { tick: number; t: number }, A>(o: Options<C, S, A>) {
  const { id, embedded, scenario, model, defaults, seed, tryThis, shareSchema, coalesce, done } = o;
  const fallback = useCallback((): RunnerSnapshot<C, A> => {
    const item = tryThis.items.find((i) => i.id === scenario);
    return { config: { ...defaults, ...(item?.setup ?? {}) }, seed, recording: [], tick: 0 };
  }, [scenario]); // eslint-disable-line react-hooks/exhaustive-deps
  const [shareNote, setShareNote] = useState<string | null>(null);
  const { initial, notice } = useInitialSnapshot(id, embedded, shareSchema, fallback);
  const runner = useModelRunner(model, initial, { autoplay: false, maxTicks: 36_000, ...(coalesce ? { coalesce } : {}), ...(done ? { done } : {}) });
  const runExperiment = (itemId: string) => {
    const item = tryThis.items.find((i) => i.id === itemId);
    if (item) runner.runSteps({ ...defaults, ...item.setup }, item.seed, item.steps, item.id);
  };
  const experiment = runner.script ? tryThis.items.findIndex((i) => i.id === runner.script?.id) : -1;
  return { runner, notice: notice ?? shareNote, setShareNote, runExperiment, experiment: experiment >= 0 ? { index: experiment, item: tryThis.items[experiment]! } : null };
}

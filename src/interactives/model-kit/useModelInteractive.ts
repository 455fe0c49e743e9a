import { useCallback, useState } from 'react';
import type { Model } from '../../sim/models/common';
import type { TryThisFile } from '../../sim/models/tryThis';
import { MAX_SHARE_TICK } from './share';
import type { OpenedModelShare } from './SharedModelMoment';
import { useModelRunner, type RunnerSnapshot } from './useModelRunner';

interface Options<C, S extends { tick: number; t: number }, A> {
  /** a try-this item id from the lesson or `?scenario=`: its settings, not yet run */
  scenario: string | null;
  model: Model<C, S, A>;
  defaults: C;
  seed: number;
  tryThis: TryThisFile<C, A>;
  /** merge two actions recorded at the same tick (a slider drag) */
  coalesce?: (prev: A, next: A) => A | null;
  /** the run is over: the clock stops (e.g. every order sent and committed) */
  done?: (s: S) => boolean;
  /** the share link's moment, opened by SharedModelMoment (null: no link, or embedded) */
  opened: OpenedModelShare<C, S, A> | null;
}

/**
 * What every model interactive starts with: the initial run (from a share link opened by
 * SharedModelMoment, else the lesson's try-this item, else the defaults), the runner, the share-link notice, and "run this experiment".
 */
export function useModelInteractive<C, S extends { tick: number; t: number }, A>(o: Options<C, S, A>) {
  const { scenario, model, defaults, seed, tryThis, coalesce, done, opened } = o;
  const fallback = useCallback((): RunnerSnapshot<C, A> => {
    const item = tryThis.items.find((i) => i.id === scenario);
    return { config: { ...defaults, ...(item?.setup ?? {}) }, seed, recording: [], tick: 0 };
  }, [scenario]); // eslint-disable-line react-hooks/exhaustive-deps
  const [shareNote, setShareNote] = useState<string | null>(null);
  const [{ initial, notice, prebuilt }] = useState(() =>
    opened?.ok ? { initial: opened.snapshot, notice: null, prebuilt: opened.state } : { initial: fallback(), notice: opened ? opened.message : null, prebuilt: undefined },
  );
  const runner = useModelRunner(model, initial, { autoplay: false, maxTicks: MAX_SHARE_TICK, ...(coalesce ? { coalesce } : {}), ...(done ? { done } : {}), ...(prebuilt ? { prebuilt } : {}) });
  const runExperiment = (itemId: string) => {
    const item = tryThis.items.find((i) => i.id === itemId);
    if (item) runner.runSteps({ ...defaults, ...item.setup }, item.seed, item.steps, item.id);
  };
  const experiment = runner.script ? tryThis.items.findIndex((i) => i.id === runner.script?.id) : -1;
  return { runner, notice: notice ?? shareNote, setShareNote, runExperiment, experiment: experiment >= 0 ? { index: experiment, item: tryThis.items[experiment]! } : null };
}

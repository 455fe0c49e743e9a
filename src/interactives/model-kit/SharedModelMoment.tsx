import { startTransition, useEffect, useRef, useState, type ComponentType, type ReactNode } from 'react';
import { useSearchParams } from 'react-router';
import type { z } from 'zod';
import { CANCELLED_MESSAGE, OpeningProgress } from '../../components/OpeningProgress';
import { nextFrame } from '../../share/frames';
import { decodeShare, SHARE_PARAM } from '../../share/link';
import type { Model } from '../../sim/models/common';
import { startReplay, type Replay } from '../../sim/models/scenario';
import type { InteractiveProps } from '../types';
import type { RunnerSnapshot } from './useModelRunner';

/** A share link's moment, rebuilt: the snapshot it carries and the state replayed from it; or why not. */
export type OpenedModelShare<C, S, A> = { ok: true; snapshot: RunnerSnapshot<C, A>; state: S } | { ok: false; message: string };

/** Wall time of each slice of replaying (the browser draws a frame between slices). */
const SLICE_MS = 25;
/** Steps between two looks at the clock within a slice. */
const STEPS_PER_CHECK = 50;

type Phase<C, S, A> =
  | { kind: 'opening'; replay: Replay<S>; snapshot: RunnerSnapshot<C, A>; done: number }
  | { kind: 'done'; opened: OpenedModelShare<C, S, A>; openMs: number };

const couldNotOpen = (err: unknown) =>
  `This share link could not be opened (${err instanceof Error ? (err.message.split('\n')[0] ?? '').slice(0, 120) : 'it could not be replayed'}). Showing the default set-up instead.`;

/** Runs the replay until it is complete or `deadline` (performance.now()) passes; true when complete. */
function advanceUntil<S>(replay: Replay<S>, deadline: number): boolean {
  while (!replay.advance(STEPS_PER_CHECK)) if (performance.now() >= deadline) return false;
  return true;
}

interface GateProps<C, S, A> {
  id: string;
  encoded: string;
  model: Model<C, S, A>;
  schema: z.ZodType<RunnerSnapshot<C, A>>;
  subject: string;
  children: (opened: OpenedModelShare<C, S, A>) => ReactNode;
}

/**
 * Opens a model interactive's share link without freezing the page (a link may ask for up to an
 * hour of simulated time at the model's highest rates). The first slice of the replay runs at
 * once, so a light link opens with no progress panel at all; a heavier one is replayed in
 * slices with the browser drawing between them, a progress bar and a Cancel button. Then
 * `children` gets the rebuilt moment, or a message (a damaged link, a cancelled opening) to show
 * with the default set-up. The wrapper's data attributes name the outcome and the time it took.
 */
export function SharedModelMoment<C, S extends { tick: number }, A>({ id, encoded, model, schema, subject, children }: GateProps<C, S, A>) {
  const started = useRef(performance.now());
  const [phase, setPhase] = useState<Phase<C, S, A>>(() => {
    const decoded = decodeShare(id, encoded, schema);
    if (!decoded.ok) return { kind: 'done', opened: decoded, openMs: 0 };
    const snap = decoded.value;
    try {
      const replay = startReplay(model, snap.config, snap.seed, snap.recording, snap.tick);
      if (!advanceUntil(replay, performance.now() + SLICE_MS)) return { kind: 'opening', replay, snapshot: snap, done: replay.done };
      return { kind: 'done', opened: { ok: true, snapshot: snap, state: replay.state }, openMs: performance.now() - started.current };
    } catch (err) {
      return { kind: 'done', opened: { ok: false, message: couldNotOpen(err) }, openMs: 0 };
    }
  });
  const abort = useRef<AbortController | null>(null);
  const opening = phase.kind === 'opening' ? phase : null;

  useEffect(() => {
    if (!opening) return undefined;
    const { replay, snapshot } = opening;
    const ac = new AbortController();
    abort.current = ac;
    let lastShown = 0;
    void (async () => {
      try {
        for (;;) {
          await nextFrame();
          if (ac.signal.aborted) return;
          if (advanceUntil(replay, performance.now() + SLICE_MS)) break;
          const now = performance.now();
          // the bar is re-rendered ten times a second at most
          if (now - lastShown >= 100) {
            lastShown = now;
            setPhase({ kind: 'opening', replay, snapshot, done: replay.done });
          }
        }
        // A transition: React renders the opened interactive in slices, yielding to the browser,
        // so mounting it is not one long task.
        const openMs = performance.now() - started.current;
        startTransition(() => setPhase({ kind: 'done', opened: { ok: true, snapshot, state: replay.state }, openMs }));
      } catch (err) {
        if (!ac.signal.aborted) setPhase({ kind: 'done', opened: { ok: false, message: couldNotOpen(err) }, openMs: 0 });
      }
    })();
    return () => {
      abort.current = null;
      ac.abort();
    };
    // one replay per link: progress updates re-render, they do not restart it
  }, [opening?.replay]); // eslint-disable-line react-hooks/exhaustive-deps

  if (phase.kind === 'done') {
    return (
      <div className="shared-moment" data-shared-moment={phase.opened.ok ? 'opened' : 'refused'} data-open-ms={Math.round(phase.openMs)}>
        {children(phase.opened)}
      </div>
    );
  }
  return (
    <OpeningProgress
      done={phase.done}
      targetMs={phase.snapshot.tick * model.tickMs}
      subject={subject}
      onCancel={() => {
        abort.current?.abort();
        setPhase({ kind: 'done', opened: { ok: false, message: CANCELLED_MESSAGE }, openMs: performance.now() - started.current });
      }}
    />
  );
}

/**
 * A model interactive that opens its share link (`?s=` on its own page) through
 * SharedModelMoment; embedded in a lesson, or without a link, it starts at once with `opened`
 * null.
 */
export function withSharedMoment<C, S extends { tick: number }, A>(
  View: ComponentType<InteractiveProps & { opened: OpenedModelShare<C, S, A> | null }>,
  spec: { id: string; model: Model<C, S, A>; schema: z.ZodType<RunnerSnapshot<C, A>>; subject: string },
): ComponentType<InteractiveProps> {
  function WithSharedMoment(props: InteractiveProps) {
    const [params] = useSearchParams();
    const encoded = props.embedded ? null : params.get(SHARE_PARAM);
    if (!encoded) return <View {...props} opened={null} />;
    return (
      <SharedModelMoment key={encoded} id={spec.id} encoded={encoded} model={spec.model} schema={spec.schema} subject={spec.subject}>
        {(opened) => <View {...props} opened={opened} />}
      </SharedModelMoment>
    );
  }
  return WithSharedMoment;
}

import { startTransition, useEffect, useRef, useState, type ReactNode } from 'react';
import { CANCELLED_MESSAGE, OpeningProgress } from '../../components/OpeningProgress';
import { findScenario } from './scenarios';
import { finishShare, prepareShare, type OpenedShare } from './share';

type Phase = { kind: 'opening'; done: number; targetMs: number } | { kind: 'done'; opened: OpenedShare; openMs: number; historyBytes: number; historyCount?: number };

/**
 * Opens a share link's moment without freezing the page: the simulation is replayed to the
 * shared time in slices, with the browser drawing between slices (SimRunner.seekGradually), while
 * a progress bar shows how far it got and Cancel stops it. Then `children` gets the opened runner,
 * or a message (a link over the limits, a damaged link, a cancelled opening) to show with the
 * default set-up. The wrapper's data attributes give the time it took and the size of the
 * scrubbing history it built (read by the tests and `npm run perf`).
 */
export function SharedMoment({ share, children }: { share: string; children: (opened: OpenedShare) => ReactNode }) {
  const [phase, setPhase] = useState<Phase>({ kind: 'opening', done: 0, targetMs: 0 });
  const abort = useRef<AbortController | null>(null);

  useEffect(() => {
    const started = performance.now();
    const prepared = prepareShare(share, findScenario);
    if (!prepared.ok) {
      setPhase({ kind: 'done', opened: prepared, openMs: 0, historyBytes: 0 });
      return;
    }
    const ac = new AbortController();
    abort.current = ac;
    let lastShown = 0;
    setPhase({ kind: 'opening', done: 0, targetMs: prepared.targetMs });
    prepared.runner
      .seekGradually(prepared.targetMs, {
        signal: ac.signal,
        onProgress: (done) => {
          // React re-renders the bar ten times a second at most, not after every slice.
          const now = performance.now();
          if (now - lastShown < 100) return;
          lastShown = now;
          setPhase({ kind: 'opening', done, targetMs: prepared.targetMs });
        },
      })
      .then(
        () => {
          const done: Phase = {
            kind: 'done',
            opened: finishShare(prepared),
            openMs: performance.now() - started,
            historyBytes: prepared.runner.historyBytes,
            historyCount: prepared.runner.history.count,
          };
          // A transition: React renders the opened visualiser in slices, yielding to the browser,
          // so mounting it is not one long task (the canvas then allocates and draws in two frames).
          startTransition(() => setPhase(done));
        },
        (err: unknown) => {
          if (ac.signal.aborted) {
            if (abort.current === ac) {
              setPhase({
                kind: 'done',
                opened: { ok: false, message: CANCELLED_MESSAGE },
                openMs: performance.now() - started,
                historyBytes: 0,
              });
            }
            return;
          }
          const why = err instanceof Error ? (err.message.split('\n')[0] ?? '') : 'it could not be replayed';
          setPhase({ kind: 'done', opened: { ok: false, message: `This share link could not be opened (${why}). Showing the default set-up instead.` }, openMs: 0, historyBytes: 0 });
        },
      );
    return () => {
      // Leaving the page (or a new link) stops the work; nothing is shown for it.
      abort.current = null;
      ac.abort();
    };
  }, [share]);

  if (phase.kind === 'done') {
    return (
      <div className="shared-moment" data-shared-moment={phase.opened.ok ? 'opened' : 'refused'} data-open-ms={Math.round(phase.openMs)} data-history-bytes={phase.historyBytes} data-history-count={phase.historyCount}>
        {children(phase.opened)}
      </div>
    );
  }
  return <OpeningProgress done={phase.done} targetMs={phase.targetMs} subject="the visualiser" onCancel={() => abort.current?.abort()} />;
}

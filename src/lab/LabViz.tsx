import { useEffect, useId, useRef, useState } from 'react';
import type { GroupView, SimView } from '../sim/types.ts';
import { FALLBACK_PALETTE, readPalette, type Palette } from '../viz/colors';
import { computeLayout, type VizLayout } from '../viz/layout';
import { groupLagText } from '../viz/facts';
import { createDrawState, drawFrame, easeEnds, ownerOf } from '../viz/render';
import { focusView, toSimView } from './toSimView.ts';
import type { LabView } from './runtime/types.ts';
import type { ViewFeed } from './viewFeed.ts';

/** The text facts follow the run at most this often; the canvas redraws on every snapshot. */
const TEXT_EVERY_MS = 250;

const viewOf = (feed: ViewFeed): SimView => focusView(toSimView(feed.get()));

/** How many of the newest offsets each lane shows: the lab's logs are short, so marks stay wide. */
function laneWindow(view: SimView): number {
  let end = 0;
  for (const p of view.topics[0]?.partitions ?? []) end = Math.max(end, p.logEndOffset);
  return Math.min(40, Math.max(10, Math.ceil(end / 10) * 10));
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

/**
 * The learner's topic, partitions and groups, drawn by the partition visualiser from the run's
 * snapshots, with the same facts as text below the picture. While a run goes, the clock shows its
 * real time; afterwards a slider (and Play) goes back through the snapshots the run kept.
 */
export function LabViz({ feed, running, snapshots }: { feed: ViewFeed; running: boolean; snapshots: readonly LabView[] }) {
  const view = useThrottledView(feed, running);
  const topic = view.topics[0];
  const label = topic
    ? `Picture of topic ${topic.name}: one lane per partition with its records, newest on the right, coloured by key; ${
        view.groups.length ? `for each group (${view.groups.map((g) => g.id).join(', ')}), the owner and lag of every partition, and its consumers below` : 'no consumer group yet'
      }. The same facts are in the table after the picture.`
    : 'No topic yet';
  const end = snapshots.length ? snapshots[snapshots.length - 1]!.timeMs : 0;
  return (
    <section className="labviz" aria-labelledby="labviz-title">
      <h3 id="labviz-title">
        Your cluster{' '}
        {running ? (
          <span className="labviz__badge labviz__badge--live" data-lab-clock="">
            running: {seconds(view.timeMs)}
          </span>
        ) : view.timeMs > 0 || end > 0 ? (
          <span className="labviz__badge" data-lab-clock="">
            {view.timeMs < end ? `at ${seconds(view.timeMs)} of ${seconds(end)}` : `after ${seconds(view.timeMs)}`}
          </span>
        ) : null}
      </h3>
      {!running && snapshots.length > 1 ? <Scrubber feed={feed} snapshots={snapshots} /> : null}
      {!topic ? <p className="labviz__empty">No topic yet. Run a step to see your topic, its partitions and your consumer groups here.</p> : null}
      <LabCanvas feed={feed} label={label} hidden={!topic} />
      {topic ? <LabFacts view={view} /> : null}
    </section>
  );
}

/** A slider over the finished run's snapshots, and Play to watch it again from where the slider is. */
function Scrubber({ feed, snapshots }: { feed: ViewFeed; snapshots: readonly LabView[] }) {
  const uid = useId();
  const last = snapshots.length - 1;
  const [index, setIndex] = useState(last);
  const [playing, setPlaying] = useState(false);
  const show = (i: number) => {
    const n = Math.min(last, Math.max(0, i));
    setIndex(n);
    feed.push(snapshots[n]!);
  };
  useEffect(() => {
    if (!playing) return;
    let i = index >= last ? 0 : index;
    feed.push(snapshots[i]!);
    setIndex(i);
    let t0 = performance.now() - snapshots[i]!.timeMs;
    const timer = window.setInterval(() => {
      const at = performance.now() - t0;
      while (i < last && snapshots[i + 1]!.timeMs <= at) i++;
      feed.push(snapshots[i]!);
      setIndex(i);
      if (i >= last) {
        setPlaying(false);
        t0 = 0;
      }
    }, 100);
    return () => window.clearInterval(timer);
    // Play starts from the slider's position when pressed; moving the slider pauses.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [playing]);
  return (
    <div className="labviz__scrub">
      <label htmlFor={`${uid}-scrub`}>Go back through the run</label>
      <input
        id={`${uid}-scrub`}
        type="range"
        min={0}
        max={last}
        step={1}
        value={index}
        aria-valuetext={`${seconds(snapshots[index]!.timeMs)} of ${seconds(snapshots[last]!.timeMs)}`}
        onChange={(e) => {
          setPlaying(false);
          show(Number(e.target.value));
        }}
      />
      <button type="button" className="button" onClick={() => setPlaying((p) => !p)}>
        {playing ? 'Pause' : index >= last ? 'Replay' : 'Play'}
      </button>
    </div>
  );
}

/** The focused view for React: on every snapshot at most every TEXT_EVERY_MS, and at once when a run ends. */
function useThrottledView(feed: ViewFeed, running: boolean): SimView {
  const [view, setView] = useState<SimView>(() => viewOf(feed));
  useEffect(() => {
    let last = 0;
    let timer: number | undefined;
    const update = () => {
      timer = undefined;
      last = performance.now();
      setView(viewOf(feed));
    };
    const off = feed.subscribe(() => {
      if (timer !== undefined) return;
      const wait = TEXT_EVERY_MS - (performance.now() - last);
      if (wait <= 0) update();
      else timer = window.setTimeout(update, wait);
    });
    return () => {
      off();
      if (timer !== undefined) window.clearTimeout(timer);
    };
  }, [feed]);
  // The final snapshot arrives with the end of the run: show it without waiting.
  useEffect(() => {
    if (!running) setView(viewOf(feed));
  }, [running, feed]);
  return view;
}

/**
 * One canvas, owned by this component: redrawn (at most once per animation frame) when a
 * snapshot arrives, the width changes or the theme changes. No React render per snapshot.
 */
function LabCanvas({ feed, label, hidden }: { feed: ViewFeed; label: string; hidden: boolean }) {
  const wrapRef = useRef<HTMLDivElement>(null);
  const canvasRef = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const wrap = wrapRef.current;
    const canvas = canvasRef.current;
    const ctx = canvas?.getContext('2d');
    if (!wrap || !canvas || !ctx) return;
    let width = wrap.clientWidth;
    let palette: Palette = readPalette(wrap);
    const ds = createDrawState();
    let layout: VizLayout | null = null;
    let layoutKey = '';
    let raf = 0;

    const draw = () => {
      raf = 0;
      if (width < 1) return;
      const view = viewOf(feed);
      const parts = view.topics[0]?.partitions.length ?? 0;
      const win = laneWindow(view);
      let key = `${Math.round(width)}|${parts}|${win}`;
      for (const g of view.groups) key += `|${g.id}:${g.members.length}`;
      if (key !== layoutKey || !layout) {
        layoutKey = key;
        layout = computeLayout({ width, partitions: parts, groups: view.groups.map((g) => ({ id: g.id, members: g.members.length })), window: win });
        const dpr = Math.min(2, window.devicePixelRatio || 1);
        canvas.width = Math.round(layout.width * dpr);
        canvas.height = Math.round(layout.height * dpr);
        canvas.style.height = `${layout.height}px`;
        ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
      }
      // No easing between snapshots: each snapshot is drawn as it is.
      easeEnds(ds, view, 0, true);
      drawFrame(ctx, view, layout, palette, ds);
    };
    const schedule = () => {
      if (!raf) raf = requestAnimationFrame(draw);
    };
    schedule();
    const off = feed.subscribe(schedule);
    const ro = new ResizeObserver((entries) => {
      const w = entries[0]?.contentRect.width;
      if (w !== undefined && Math.abs(w - width) >= 1) {
        width = w;
        schedule();
      }
    });
    ro.observe(wrap);
    const repaint = () => {
      palette = wrap.isConnected ? readPalette(wrap) : FALLBACK_PALETTE;
      schedule();
    };
    const mo = new MutationObserver(repaint);
    mo.observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme', 'class'] });
    const scheme = window.matchMedia?.('(prefers-color-scheme: dark)');
    scheme?.addEventListener?.('change', repaint);
    return () => {
      if (raf) cancelAnimationFrame(raf);
      off();
      ro.disconnect();
      mo.disconnect();
      scheme?.removeEventListener?.('change', repaint);
    };
  }, [feed]);
  return (
    <div ref={wrapRef} className="labviz__canvas" hidden={hidden}>
      <canvas ref={canvasRef} role="img" aria-label={label} data-lab-canvas="" />
    </div>
  );
}

function memberText(g: GroupView): string {
  if (g.members.length === 0) return 'no members';
  return g.members
    .map((m) => {
      const state = m.status === 'active' ? `owns ${m.partitions.map((p) => `P${p}`).join(' ')}` : m.status === 'idle' ? 'idle, no partition' : m.status;
      return `${m.id} ${state} (${m.processed} handled)`;
    })
    .join('; ');
}

/** The picture's facts as text: partitions with their records, and per group the owner, committed offset and lag of each partition. */
function LabFacts({ view }: { view: SimView }) {
  const topic = view.topics[0]!;
  const produced = topic.produced;
  return (
    <>
      <p className="labviz__summary">
        Topic <strong>{topic.name}</strong>: {topic.partitions.length} {topic.partitions.length === 1 ? 'partition' : 'partitions'}, {produced} {produced === 1 ? 'record' : 'records'}{' '}
        written. One broker (0) leads every partition; the picture draws each partition's newest records.
      </p>
      <div className="table-scroll" role="region" aria-label={`Partitions of ${topic.name} and the groups reading it`} tabIndex={0}>
        <table className="labviz__table" data-lab-facts="">
          <caption>Partitions of {topic.name}, with each group's owner, committed offset and lag</caption>
          <thead>
            <tr>
              <th scope="col">Partition</th>
              <th scope="col">Records</th>
              <th scope="col">Latest keys</th>
              {view.groups.map((g) => (
                <th scope="col" key={g.id}>
                  {g.id}
                  <span className="labviz__sub">owner, committed, lag</span>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {topic.partitions.map((p) => (
              <tr key={p.id}>
                <th scope="row">P{p.id}</th>
                <td>{p.logEndOffset}</td>
                <td className="labviz__keys">
                  {p.recent
                    .slice(-3)
                    .map((r) => r.key ?? 'no key')
                    .join(', ') || 'none yet'}
                </td>
                {view.groups.map((g) => {
                  const owner = ownerOf(g, p.id);
                  const c = g.committed[p.id] ?? null;
                  const lag = g.lag[p.id] ?? null;
                  return (
                    <td key={g.id} className={lag !== null && lag > 0 ? 'labviz__lag' : undefined}>
                      <span className="labviz__owner">{owner ? owner.id : g.rebalancing ? 'paused' : 'no owner'}</span>{' '}
                      <span className="labviz__offsets">{c === null ? 'nothing committed' : `committed ${c}, lag ${lag ?? '?'}`}</span>
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {view.groups.length === 0 ? (
        <p className="labviz__empty">No consumer group has joined yet.</p>
      ) : (
        <ul className="labviz__groups">
          {view.groups.map((g) => (
            <li key={g.id} data-group={g.id}>
              <strong>{g.id}</strong>
              {g.rebalancing ? ' (rebalancing now)' : ''}: {memberText(g)}. Generation {g.generation}, {groupLagText(g)}
              {g.duplicates ? `, ${g.duplicates} ${g.duplicates === 1 ? 'record' : 'records'} delivered twice` : ''}.
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

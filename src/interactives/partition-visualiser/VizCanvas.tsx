import { useEffect, useRef } from 'react';
import { FALLBACK_PALETTE, readPalette, type Palette } from '../../viz/colors';
import { createFrameClock, planFrame } from '../../viz/frameClock';
import { computeLayout, type VizLayout } from '../../viz/layout';
import { canvasMeasure, createDrawState, createDrawStats, drawFrame, drawMarksIn, easeEnds, marksRegion } from '../../viz/render';
import type { SimRunner } from '../../viz/runner';

/** canvas area (layout px) above which allocating and first drawing go in separate frames */
const BIG_CANVAS_PX = 4_000_000;

interface Props {
  /** the runner is swapped when the scenario changes; the loop always reads the current one */
  runnerRef: { current: SimRunner };
  /** called several times a second while playing (not per frame) so React can show text and charts */
  onPublish: () => void;
  large: boolean;
  /** fit the picture into the height of the element around the canvas (presenter mode's stage) */
  fitHeight?: boolean;
  label: string;
}

/**
 * The canvas, owned by this component alone. One requestAnimationFrame loop advances the
 * simulation and draws; React does not re-render per frame. The schedule of what is redrawn when
 * is `planFrame` (viz/frameClock.ts). Scrolled out of view or in a hidden tab the simulation waits,
 * and the runner says so (`outOfView`), so the status can say "Paused (out of view)".
 */
export function VizCanvas({ runnerRef, onPublish, large, fitHeight = false, label }: Props) {
  const wrapRef = useRef<HTMLDivElement>(null);
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const marksRef = useRef<HTMLCanvasElement>(null);
  const publishRef = useRef(onPublish);
  const largeRef = useRef(large);
  const fitRef = useRef(fitHeight);

  useEffect(() => {
    publishRef.current = onPublish;
    largeRef.current = large;
    fitRef.current = fitHeight;
  }, [onPublish, large, fitHeight]);

  useEffect(() => {
    const wrap = wrapRef.current;
    const canvas = canvasRef.current;
    const ctx = canvas?.getContext('2d');
    // The moving marks get their own small canvas over the marks region: redrawing it every frame
    // costs far less to composite than repainting the whole picture.
    const marksCanvas = marksRef.current;
    const mctx = marksCanvas?.getContext('2d');
    if (!wrap || !canvas || !ctx || !marksCanvas || !mctx) return;
    const measure = canvasMeasure(ctx);
    let width = wrap.clientWidth || 800;
    let fitH = 0;
    let visible = true;
    let palette: Palette = readPalette(wrap);
    const motion = window.matchMedia?.('(prefers-reduced-motion: reduce)');
    let reduced = motion?.matches ?? false;
    const ds = createDrawState();
    const clock = createFrameClock();
    let layout: VizLayout | null = null;
    let layoutKey = '';
    let lastRunner: SimRunner | null = null;
    let last = performance.now();
    let raf = 0;
    let shownCut = '';
    let shownFont = '';

    let resized = false;
    let keyView: unknown = null;
    let keyExtra = '';
    const ensureLayout = () => {
      const runner = runnerRef.current;
      const view = runner.view();
      const extra = `${Math.round(width)}|${largeRef.current ? 1 : 0}|${fitRef.current ? fitH : ''}`;
      // the view object only changes when the simulation moved: skip rebuilding the key otherwise
      if (view === keyView && extra === keyExtra && layout) return layout;
      keyView = view;
      keyExtra = extra;
      const parts = view.topics[0]?.partitions.length ?? 0;
      const maxHeight = fitRef.current && fitH > 0 ? fitH : undefined;
      let key = `${Math.round(width)}|${parts}|${largeRef.current ? 1 : 0}|${maxHeight ?? ''}|${view.brokers.length}`;
      for (const g of view.groups) key += `|${g.id}:${g.members.map((m) => m.id).join(',')}`;
      if (key === layoutKey && layout) return layout;
      layoutKey = key;
      layout = computeLayout({
        width,
        partitions: parts,
        groups: view.groups.map((g) => ({ id: g.id, members: g.members.length, memberIds: g.members.map((m) => m.id) })),
        window: runner.sim.config.recentRecords,
        large: largeRef.current,
        brokers: view.brokers.map((b) => b.id),
        topic: view.topics[0]?.name ?? '',
        ...(maxHeight ? { maxHeight } : {}),
        measure,
      });
      const dpr = Math.min(2, window.devicePixelRatio || 1);
      canvas.width = Math.round(layout.width * dpr);
      canvas.height = Math.round(layout.height * dpr);
      canvas.style.height = `${layout.height}px`;
      ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
      const r = marksRegion(layout);
      marksCanvas.width = Math.max(1, Math.round(r.w * dpr));
      marksCanvas.height = Math.max(1, Math.round(r.h * dpr));
      marksCanvas.style.left = `${r.x}px`;
      marksCanvas.style.top = `${r.y}px`;
      marksCanvas.style.width = `${r.w}px`;
      marksCanvas.style.height = `${r.h}px`;
      mctx.setTransform(dpr, 0, 0, dpr, 0, 0);
      clock.needFull = true;
      // A tall picture's backing stores are costly to allocate: draw it in the next frame, so that
      // allocating and the first full drawing are not one long task (issue: no 200 ms without a frame).
      resized = layout.width * layout.height > BIG_CANVAS_PX;
      return layout;
    };

    /**
     * Which band of a tall picture to draw: what is on screen, with one screen's margin above and
     * below. A full redraw follows when scrolling leaves the band drawn last. Pictures shorter than
     * two screens are drawn whole.
     */
    const updateClip = (L: VizLayout) => {
      const screen = window.innerHeight || 800;
      if (L.height <= 2 * screen) {
        if (ds.clipTop !== -Infinity) {
          ds.clipTop = -Infinity;
          ds.clipBottom = Infinity;
          clock.needFull = true;
        }
        return;
      }
      const rect = canvas.getBoundingClientRect();
      const scale = rect.height > 0 ? L.height / rect.height : 1;
      const top = -rect.top * scale;
      const bottom = top + screen * scale;
      if (top < ds.clipTop || bottom > ds.clipBottom) {
        ds.clipTop = top - screen * scale;
        ds.clipBottom = bottom + screen * scale;
        clock.needFull = true;
      }
    };

    const frame = (now: number) => {
      raf = requestAnimationFrame(frame);
      const dt = now - last;
      last = now;
      const runner = runnerRef.current;
      if (runner !== lastRunner) {
        lastRunner = runner;
        ds.shownEnd = new Float64Array(0);
        ds.rateFromMs = -1;
        clock.needFull = true;
      }
      const away = !visible || document.hidden;
      if (away !== runner.outOfView) {
        runner.outOfView = away;
        publishRef.current();
      }
      if (!away) runner.advance(dt);
      const view = runner.view();
      const L = ensureLayout();
      if (resized) {
        resized = false;
        return;
      }
      updateClip(L);
      const moving = easeEnds(ds, view, dt, reduced, L.window);
      const plan = planFrame(clock, { now, tick: view.tick, scene: runner.sceneVersion, playing: runner.playing && !away, moving });
      if (plan.full) {
        // everything: labels, owners, lag numbers and bars, consumers, marks
        const stats = createDrawStats();
        drawFrame(ctx, view, L, palette, ds, mctx, stats);
        const cut = String(stats.cut);
        if (cut !== shownCut) {
          shownCut = cut;
          canvas.dataset.cut = cut;
          canvas.dataset.cutTexts = stats.cutTexts.join(' | ');
        }
        const minFont = String(stats.minFont);
        if (minFont !== shownFont) {
          shownFont = minFont;
          canvas.dataset.minFont = minFont;
        }
      } else if (plan.marks) {
        // every frame: only the marks and committed offsets move
        drawMarksIn(mctx, view, L, palette, ds);
      }
      if (plan.publish) publishRef.current();
    };
    raf = requestAnimationFrame(frame);

    const ro = new ResizeObserver(() => {
      const w = wrap.clientWidth;
      if (w && Math.abs(w - width) >= 1) {
        width = w;
        clock.needFull = true;
      }
      const h = fitRef.current ? (wrap.parentElement?.clientHeight ?? 0) : 0;
      if (Math.abs(h - fitH) >= 2) {
        fitH = h;
        clock.needFull = true;
      }
    });
    ro.observe(wrap);
    if (wrap.parentElement) ro.observe(wrap.parentElement);
    const io = new IntersectionObserver((entries) => {
      visible = entries.some((e) => e.isIntersecting);
    });
    io.observe(wrap);
    const repaint = () => {
      palette = wrap.isConnected ? readPalette(wrap) : FALLBACK_PALETTE;
      layoutKey = '';
      keyView = null;
      clock.needFull = true;
    };
    // Theme or presenter mode changes: re-read the colours.
    const mo = new MutationObserver(repaint);
    mo.observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme', 'data-presenter', 'class'] });
    const scheme = window.matchMedia?.('(prefers-color-scheme: dark)');
    scheme?.addEventListener?.('change', repaint);
    const onMotion = () => {
      reduced = motion?.matches ?? false;
    };
    motion?.addEventListener?.('change', onMotion);
    return () => {
      cancelAnimationFrame(raf);
      ro.disconnect();
      io.disconnect();
      mo.disconnect();
      scheme?.removeEventListener?.('change', repaint);
      motion?.removeEventListener?.('change', onMotion);
      if (lastRunner) lastRunner.outOfView = false;
    };
  }, [runnerRef]);

  return (
    <div ref={wrapRef} className="viz-canvas">
      <canvas ref={canvasRef} role="img" aria-label={label} data-viz-canvas="" />
      <canvas ref={marksRef} className="viz-canvas__marks" aria-hidden="true" />
    </div>
  );
}

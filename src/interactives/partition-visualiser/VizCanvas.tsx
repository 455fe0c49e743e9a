import { useEffect, useRef } from 'react';
import { FALLBACK_PALETTE, readPalette, type Palette } from '../../viz/colors';
import { computeLayout, type VizLayout } from '../../viz/layout';
import { createDrawState, drawFrame, drawMarksIn, easeEnds, marksRegion } from '../../viz/render';
import type { SimRunner } from '../../viz/runner';

interface Props {
  /** the runner is swapped when the scenario changes; the loop always reads the current one */
  runnerRef: { current: SimRunner };
  /** called a few times a second (not per frame) so React can show counters, tables and the log */
  onPublish: () => void;
  large: boolean;
  label: string;
}

const PUBLISH_EVERY_MS = 400;
/** while playing, the text-heavy parts of the picture are redrawn at most this often */
const FULL_EVERY_MS = 400;

/**
 * The canvas, owned by this component alone. One requestAnimationFrame loop advances the
 * simulation and draws; React does not re-render per frame. Off-screen or hidden, it stops.
 */
export function VizCanvas({ runnerRef, onPublish, large, label }: Props) {
  const wrapRef = useRef<HTMLDivElement>(null);
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const marksRef = useRef<HTMLCanvasElement>(null);
  const publishRef = useRef(onPublish);
  const largeRef = useRef(large);

  useEffect(() => {
    publishRef.current = onPublish;
    largeRef.current = large;
  }, [onPublish, large]);

  useEffect(() => {
    const wrap = wrapRef.current;
    const canvas = canvasRef.current;
    const ctx = canvas?.getContext('2d');
    // The moving marks get their own small canvas over the marks region: redrawing it every frame
    // costs far less to composite than repainting the whole picture.
    const marksCanvas = marksRef.current;
    const mctx = marksCanvas?.getContext('2d');
    if (!wrap || !canvas || !ctx || !marksCanvas || !mctx) return;
    let width = wrap.clientWidth || 800;
    let visible = true;
    let palette: Palette = readPalette(wrap);
    const motion = window.matchMedia?.('(prefers-reduced-motion: reduce)');
    let reduced = motion?.matches ?? false;
    const ds = createDrawState();
    let layout: VizLayout | null = null;
    let layoutKey = '';
    let lastTick = -1;
    let lastRunner: SimRunner | null = null;
    let lastPublish = 0;
    let lastFull = 0;
    let lastVersion = -1;
    let last = performance.now();
    let raf = 0;
    let needDraw = true;

    const ensureLayout = () => {
      const view = runnerRef.current.view();
      const parts = view.topics[0]?.partitions.length ?? 0;
      let key = `${Math.round(width)}|${parts}|${largeRef.current ? 1 : 0}`;
      for (const g of view.groups) key += `|${g.id}:${g.members.length}`;
      if (key === layoutKey && layout) return layout;
      layoutKey = key;
      layout = computeLayout({
        width,
        partitions: parts,
        groups: view.groups.map((g) => ({ id: g.id, members: g.members.length })),
        window: runnerRef.current.sim.config.recentRecords,
        large: largeRef.current,
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
      needDraw = true;
      return layout;
    };

    const frame = (now: number) => {
      raf = requestAnimationFrame(frame);
      const dt = now - last;
      last = now;
      const runner = runnerRef.current;
      if (runner !== lastRunner) {
        lastRunner = runner;
        ds.shownEnd = new Float64Array(0);
        needDraw = true;
      }
      if (visible && !document.hidden) runner.advance(dt);
      const view = runner.view();
      const L = ensureLayout();
      const moving = easeEnds(ds, view, dt, reduced);
      if (runner.version !== lastVersion) {
        // an action, a seek or a restart: show it now, even when paused
        lastVersion = runner.version;
        needDraw = true;
      }
      const ticked = view.tick !== lastTick;
      lastTick = view.tick;
      if (needDraw || (ticked && (!runner.playing || now - lastFull >= FULL_EVERY_MS))) {
        // everything: labels, owners, lag numbers and bars, consumers, marks. While playing this
        // runs a few times a second; stepping, seeking or acting redraws at once.
        needDraw = false;
        lastFull = now;
        drawFrame(ctx, view, L, palette, ds, mctx);
      } else if (moving || ticked) {
        // every frame: only the marks and committed offsets move
        drawMarksIn(mctx, view, L, palette, ds);
      }
      if (now - lastPublish >= PUBLISH_EVERY_MS && now - lastFull >= PUBLISH_EVERY_MS / 3) {
        lastPublish = now;
        publishRef.current();
      }
    };
    raf = requestAnimationFrame(frame);

    const ro = new ResizeObserver((entries) => {
      const w = entries[0]?.contentRect.width;
      if (w && Math.abs(w - width) >= 1) {
        width = w;
        needDraw = true;
      }
    });
    ro.observe(wrap);
    const io = new IntersectionObserver((entries) => {
      visible = entries.some((e) => e.isIntersecting);
    });
    io.observe(wrap);
    const repaint = () => {
      palette = wrap.isConnected ? readPalette(wrap) : FALLBACK_PALETTE;
      layoutKey = '';
      needDraw = true;
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
    };
  }, [runnerRef]);

  return (
    <div ref={wrapRef} className="viz-canvas">
      <canvas ref={canvasRef} role="img" aria-label={label} data-viz-canvas="" />
      <canvas ref={marksRef} className="viz-canvas__marks" aria-hidden="true" />
    </div>
  );
}

import { useEffect, useRef } from 'react';
import type { SimView } from '../sim/types.ts';
import { FALLBACK_PALETTE, readPalette, type Palette } from '../viz/colors';
import { computeLayout, type VizLayout } from '../viz/layout';
import { createDrawState, drawFrame, easeEnds } from '../viz/render';

/**
 * One topic drawn by the partition visualiser's renderer, from the live snapshots. The canvas is
 * owned by this component alone and redrawn (at most once per animation frame) when a new view
 * arrives, the width changes or the theme changes.
 */
export function LiveCanvas({ view, label, window: win }: { view: SimView; label: string; window: number }) {
  const wrapRef = useRef<HTMLDivElement>(null);
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const viewRef = useRef(view);
  const scheduleRef = useRef<() => void>(() => {});

  useEffect(() => {
    viewRef.current = view;
    scheduleRef.current();
  }, [view]);

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
      const v = viewRef.current;
      const parts = v.topics[0]?.partitions.length ?? 0;
      let key = `${Math.round(width)}|${parts}|${win}`;
      for (const g of v.groups) key += `|${g.id}:${g.members.length}`;
      if (key !== layoutKey || !layout) {
        layoutKey = key;
        layout = computeLayout({ width, partitions: parts, groups: v.groups.map((g) => ({ id: g.id, members: g.members.length })), window: win });
        const dpr = Math.min(2, window.devicePixelRatio || 1);
        canvas.width = Math.round(layout.width * dpr);
        canvas.height = Math.round(layout.height * dpr);
        canvas.style.height = `${layout.height}px`;
        ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
      }
      easeEnds(ds, v, 0, true);
      drawFrame(ctx, v, layout, palette, ds);
    };
    const schedule = () => {
      if (!raf) raf = requestAnimationFrame(draw);
    };
    scheduleRef.current = schedule;
    schedule();
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
    return () => {
      if (raf) cancelAnimationFrame(raf);
      scheduleRef.current = () => {};
      ro.disconnect();
      mo.disconnect();
    };
  }, [win]);

  return (
    <div ref={wrapRef} className="live__canvas">
      <canvas ref={canvasRef} role="img" aria-label={label} data-live-canvas="" />
    </div>
  );
}

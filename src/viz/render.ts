import type { GroupView, MemberView, SimView } from '../sim/types';
import { keyColor, type Palette } from './colors';
import { lagScale, markWidth, type VizLayout } from './layout';

/**
 * Draws one frame of the visualiser on a 2D canvas. Called from the animation loop, so it
 * allocates little: no per-record objects, marks are batched by colour.
 */

export interface DrawState {
  /** per partition: the log end offset as displayed (eases toward the real one unless reduced motion) */
  shownEnd: Float64Array;
  /** per partition: records written per simulated second, measured over the last second */
  ratePerSec: Float64Array;
  /** the log ends and simulated time the rates are measured from */
  rateFromEnd: Float64Array;
  rateFromMs: number;
  /**
   * The band of the picture worth drawing, in layout px from its top (the part on screen, with a
   * margin): lanes and consumer rows wholly outside it are skipped. A tall picture (hundreds of
   * partitions) then costs what is on screen, not what the whole of it would. Unbounded by default.
   */
  clipTop: number;
  clipBottom: number;
}

export function createDrawState(): DrawState {
  return { shownEnd: new Float64Array(0), ratePerSec: new Float64Array(0), rateFromEnd: new Float64Array(0), rateFromMs: -1, clipTop: -Infinity, clipBottom: Infinity };
}

/** True when a lane (its marks row and its owner row) lies wholly outside the band to draw. */
function laneOff(ds: DrawState, lane: { y: number; h: number; oy: number; oh: number }): boolean {
  return Math.max(lane.y + lane.h, lane.oy + lane.oh) < ds.clipTop || Math.min(lane.y, lane.oy) > ds.clipBottom;
}

/**
 * How far (in offsets, as a share of the lane's window) the displayed log end may trail the real
 * one. New records slide in from the right while the display catches up; at any write rate the
 * lane keeps at least this much of its window filled with its newest records, so a busy lane
 * never looks empty (at high rates the lane shows the newest `window` records, thinned to what
 * fits; the rate is written beside the lane).
 */
export const MAX_TRAIL_SHARE = 0.125;

/** Move the displayed log ends toward the real ones. Returns true while still moving. */
export function easeEnds(ds: DrawState, view: SimView, dtMs: number, reducedMotion: boolean, window = 64): boolean {
  const parts = view.topics[0]?.partitions ?? [];
  measureRates(ds, view);
  if (ds.shownEnd.length !== parts.length) {
    ds.shownEnd = new Float64Array(parts.length);
    for (let i = 0; i < parts.length; i++) ds.shownEnd[i] = parts[i]!.logEndOffset;
    return false;
  }
  let moving = false;
  const k = reducedMotion ? 1 : 1 - Math.exp(-dtMs / 90);
  const maxTrail = Math.max(1, window * MAX_TRAIL_SHARE);
  for (let i = 0; i < parts.length; i++) {
    const target = parts[i]!.logEndOffset;
    const cur = ds.shownEnd[i]!;
    if (cur === target) continue;
    // a jump back (a seek, a restart) snaps; forward, never trail so far that the newest records are off the lane
    let next = target < cur ? target : cur + (target - cur) * k;
    if (target - next > maxTrail) next = target - maxTrail;
    ds.shownEnd[i] = Math.abs(target - next) < 0.02 ? target : next;
    moving = true;
  }
  return moving;
}

/** Per-partition write rates over the last simulated second (restarts after a seek back). */
function measureRates(ds: DrawState, view: SimView): void {
  const parts = view.topics[0]?.partitions ?? [];
  const n = parts.length;
  if (ds.ratePerSec.length !== n || ds.rateFromMs < 0 || view.timeMs < ds.rateFromMs) {
    ds.ratePerSec = new Float64Array(n);
    ds.rateFromEnd = new Float64Array(n);
    for (let i = 0; i < n; i++) ds.rateFromEnd[i] = parts[i]!.logEndOffset;
    ds.rateFromMs = view.timeMs;
    return;
  }
  const dt = view.timeMs - ds.rateFromMs;
  if (dt < 1000) return;
  for (let i = 0; i < n; i++) {
    const end = parts[i]!.logEndOffset;
    ds.ratePerSec[i] = Math.max(0, ((end - ds.rateFromEnd[i]!) * 1000) / dt);
    ds.rateFromEnd[i] = end;
  }
  ds.rateFromMs = view.timeMs;
}

export function ownerOf(g: GroupView, partition: number): MemberView | null {
  for (const m of g.members) if (m.partitions.includes(partition)) return m;
  return null;
}

function hatch(ctx: CanvasRenderingContext2D, x: number, y: number, w: number, h: number, color: string, gap: number) {
  ctx.save();
  ctx.beginPath();
  ctx.rect(x, y, w, h);
  ctx.clip();
  ctx.strokeStyle = color;
  ctx.lineWidth = 1;
  ctx.beginPath();
  for (let d = -h; d < w; d += gap) {
    ctx.moveTo(x + d, y + h);
    ctx.lineTo(x + d + h, y);
  }
  ctx.stroke();
  ctx.restore();
}

/** What the last drawFrame had to do to its text: labels cut short (should be 0) and the smallest type used. */
export interface DrawStats {
  cut: number;
  cutTexts: string[];
  minFont: number;
}

export function createDrawStats(): DrawStats {
  return { cut: 0, cutTexts: [], minFont: Infinity };
}

// measureText is slow enough to matter when a frame draws hundreds of labels: remember widths.
const widthCache = new Map<string, number>();

function textWidth(ctx: CanvasRenderingContext2D, text: string): number {
  const key = `${ctx.font}|${text}`;
  let w = widthCache.get(key);
  if (w === undefined) {
    w = ctx.measureText(text).width;
    if (widthCache.size > 4000) widthCache.clear();
    widthCache.set(key, w);
  }
  return w;
}

/**
 * The first of `options` (longest wording first) that fits in maxW. Only when not even the last
 * fits is it cut with "…", and the cut is counted in `stats` (a test keeps that count at 0).
 */
function pick(ctx: CanvasRenderingContext2D, options: readonly string[], maxW: number, stats: DrawStats | undefined): string {
  for (const o of options) if (textWidth(ctx, o) <= maxW) return o;
  const last = options[options.length - 1] ?? '';
  let t = last;
  while (t.length > 1 && textWidth(ctx, `${t}…`) > maxW) t = t.slice(0, -1);
  if (stats) {
    stats.cut++;
    if (stats.cutTexts.length < 20) stats.cutTexts.push(last);
  }
  return `${t}…`;
}

/** A measure function for computeLayout that uses the canvas's own text metrics. */
export function canvasMeasure(ctx: CanvasRenderingContext2D): (text: string, px: number, bold: boolean) => number {
  return (text, px, bold) => {
    ctx.font = `${bold ? '600 ' : ''}${px}px system-ui, sans-serif`;
    return textWidth(ctx, text);
  };
}

/** "P0–3", "P0,2,5" or "7 partitions": a member's partitions, in the first form that fits. */
export function partitionsText(ps: readonly number[]): string[] {
  if (ps.length === 0) return ['no partition'];
  const sorted = [...ps].sort((a, b) => a - b);
  const runs: string[] = [];
  for (let i = 0; i < sorted.length; ) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === sorted[j]! + 1) j++;
    runs.push(j - i >= 2 ? `${sorted[i]}–${sorted[j]}` : j > i ? `${sorted[i]},${sorted[j]}` : `${sorted[i]}`);
    i = j + 1;
  }
  return [`P${runs.join(',')}`, `${ps.length} partition${ps.length === 1 ? '' : 's'}`];
}

/** A consumer's state in words, longest form first (the chip shows the first that fits). */
export function chipState(m: MemberView): string[] {
  switch (m.status) {
    case 'active':
      return partitionsText(m.partitions);
    case 'stuck':
      return m.stuckOn ? [`stuck on P${m.stuckOn.partition} @ ${m.stuckOn.offset}`, `stuck P${m.stuckOn.partition}@${m.stuckOn.offset}`, 'stuck'] : ['stuck'];
    case 'rebalancing':
      return ['paused (rebalancing)', 'paused'];
    case 'idle':
      return ['idle (no partition)', 'idle'];
    default:
      return [m.status];
  }
}

/** Records per second for a lane's label: "0/s", "85/s", "1.2k/s". */
export function fmtRate(perSec: number): string {
  return `${fmtCount(perSec)}/s`;
}

/**
 * The whole picture. With `marks` given, the moving part (record marks and committed offsets) goes
 * to that second, smaller canvas laid over the marks region (see marksRegion), so per-frame
 * updates repaint only that region. `stats`, when given, counts labels that had to be cut.
 */
export function drawFrame(ctx: CanvasRenderingContext2D, view: SimView, L: VizLayout, P: Palette, ds: DrawState, marks?: CanvasRenderingContext2D, stats?: DrawStats): void {
  const topic = view.topics[0];
  ctx.clearRect(0, 0, L.width, L.height);
  ctx.fillStyle = P.surface;
  ctx.fillRect(0, 0, L.width, L.height);
  if (!topic) return;
  const font = `${L.font}px system-ui, sans-serif`;
  const bold = `600 ${L.font}px system-ui, sans-serif`;
  const smallFont = `${L.small}px system-ui, sans-serif`;
  if (stats) stats.minFont = Math.min(stats.minFont, L.small, L.font);
  ctx.textBaseline = 'middle';
  ctx.font = font;

  // Header: the topic and its brokers, then the column titles.
  ctx.fillStyle = P.ink;
  ctx.textAlign = 'left';
  ctx.font = bold;
  ctx.fillText(`Topic ${topic.name}`, L.labelX, L.topicY);
  ctx.font = font;
  const badges = L.badges.length ? L.badges : null;
  for (let i = 0; i < view.brokers.length; i++) {
    const b = view.brokers[i]!;
    const badge = badges?.find((x) => x.broker === b.id);
    if (!badge) continue;
    const { x, y, w, h } = badge;
    ctx.fillStyle = b.up ? P.surface2 : P.surface;
    ctx.fillRect(x, y, w, h);
    if (!b.up) hatch(ctx, x, y, w, h, P.line, 6);
    ctx.strokeStyle = b.up ? P.ok : P.danger;
    ctx.lineWidth = L.line;
    ctx.strokeRect(x, y, w, h);
    ctx.fillStyle = b.up ? P.ink : P.danger;
    // a stopped broker is DOWN until the controller fences it (broker.session.timeout.ms), then FENCED
    const state = b.up ? 'up' : b.fenced || b.fencesAtMs === undefined ? 'FENCED' : 'DOWN';
    const when = !b.up && !b.fenced && b.fencesAtMs !== undefined ? `, fenced at ${(b.fencesAtMs / 1000).toFixed(1)} s` : '';
    ctx.fillText(pick(ctx, [`broker ${b.id} ${state}${when}`, `broker ${b.id} ${state}`, `b${b.id} ${state}`], w - 10, stats), x + 6, y + h / 2);
  }
  // The producer's buffer: records retried or awaiting acknowledgement, after the last badge.
  const pr = view.producers?.[0];
  const lastBadge = badges?.[badges.length - 1];
  const px = lastBadge ? lastBadge.x + lastBadge.w + 10 : L.labelX + textWidth(ctx, `Topic ${topic.name}`) + 16;
  const py = lastBadge ? lastBadge.y + lastBadge.h / 2 : L.topicY;
  if (pr && pr.buffered > 0 && px < L.width - L.labelX - 60) {
    ctx.fillStyle = P.danger;
    ctx.font = bold;
    const blocked = pr.blockedSinceMs !== null ? ', send() BLOCKED' : '';
    const text = [`${pr.id}: ${fmtCount(pr.buffered)} in buffer, oldest ${(pr.oldestWaitMs / 1000).toFixed(1)} s${blocked}`, `${pr.id}: ${fmtCount(pr.buffered)} in buffer${blocked}`, `${fmtCount(pr.buffered)} buffered${blocked}`];
    // the words and tables say it in full; the picture shows what fits
    ctx.fillText(pick(ctx, text, L.width - L.labelX - px, undefined), px, py);
    ctx.font = font;
  }
  ctx.fillStyle = P.ink2;
  const rateHeadW = L.rateX >= 0 ? textWidth(ctx, 'writes') + 8 : 0;
  ctx.fillText(pick(ctx, ['partition · leader', 'P · leader', 'P'], L.labelW - 6 - rateHeadW, stats), L.labelX, L.columnsY);
  if (L.rateX >= 0) {
    ctx.font = smallFont;
    ctx.textAlign = 'right';
    ctx.fillText('writes', L.rateX, L.columnsY);
    ctx.textAlign = 'left';
    ctx.font = font;
  }
  const marksW = L.marksX1 - L.marksX0;
  ctx.fillText(pick(ctx, ['records, newest on the right (colour = key)', 'newest on the right, colour = key', 'records (colour = key)', 'records'], marksW, stats), L.marksX0, L.columnsY);
  ctx.font = bold;
  for (const c of L.columns) {
    ctx.fillStyle = P.ink;
    ctx.fillText(pick(ctx, c.longHead ? [`${c.id}: owner · lag`, c.id] : [c.id], c.w - 4, stats), c.x, L.groupsY);
  }
  ctx.font = font;

  let maxLag = 0;
  for (const g of view.groups) for (const l of g.lag) if (l !== null && l > maxLag) maxLag = l;
  const barW = L.columns[0]?.barW ?? 0;
  const lagX = lagScale(maxLag, Math.max(1, barW));

  // Lanes: labels and rates here; record marks and committed offsets in drawMarks (every frame).
  for (let li = 0; li < L.lanes.length; li++) {
    const lane = L.lanes[li]!;
    const part = topic.partitions[lane.partition];
    if (!part || laneOff(ds, lane)) continue;
    ctx.fillStyle = li % 2 === 0 ? P.surface2 : P.surface;
    ctx.fillRect(L.labelX, lane.y, L.width - L.labelX * 2, lane.h);
    ctx.fillStyle = part.offline || part.leaderUnreachable ? P.danger : P.ink;
    ctx.textAlign = 'left';
    ctx.fillText(pick(ctx, [`P${part.id} · ${part.offline ? 'offline' : part.leaderUnreachable ? `b${part.leader} down` : `b${part.leader}`}`, `P${part.id}`], L.labelW - 4, stats), L.labelX + 4, lane.y + lane.mh / 2);
    if (L.rateX >= 0) {
      ctx.font = smallFont;
      ctx.textAlign = 'right';
      ctx.fillStyle = P.ink2;
      ctx.fillText(fmtRate(ds.ratePerSec[lane.partition] ?? 0), L.rateX, lane.y + lane.mh / 2);
      ctx.font = font;
    }
    // the groups' owner and lag row: beside the marks, or below them when stacked
    const y = lane.oy;
    const h = lane.oh;
    // Group columns: owner (or state) and lag bar with its number.
    for (let gi = 0; gi < L.columns.length; gi++) {
      const col = L.columns[gi]!;
      const g = view.groups.find((x) => x.id === col.id);
      if (!g) continue;
      const owner = ownerOf(g, lane.partition);
      let label: string;
      let color = P.ink;
      const ox = col.x + 2;
      if (owner) {
        label = owner.id;
        if (owner.status === 'stuck' && owner.stuckOn?.partition === lane.partition) {
          color = P.danger;
          ctx.strokeStyle = P.danger;
          ctx.lineWidth = L.line;
          ctx.strokeRect(ox, y + 2, col.ownerW + 4, h - 4);
        } else if (owner.status === 'rebalancing') {
          color = P.warn;
          hatch(ctx, ox, y + 1, col.ownerW + 4, h - 2, P.line, 8);
        }
      } else if (g.rebalancing) {
        label = 'paused';
        color = P.warn;
        hatch(ctx, ox, y + 1, col.ownerW + 4, h - 2, P.line, 8);
      } else {
        label = 'no owner';
        color = P.ink2;
      }
      ctx.fillStyle = color;
      ctx.textAlign = 'left';
      ctx.font = bold;
      ctx.fillText(pick(ctx, [label], col.ownerW, stats), ox + 2, y + h / 2);
      ctx.font = font;
      const lag = g.lag[lane.partition];
      if (col.barW > 0) {
        const bw = lag === null || lag === undefined ? 0 : lagX(lag);
        ctx.strokeStyle = P.line;
        ctx.lineWidth = 1;
        ctx.strokeRect(col.barX, y + h * 0.25, col.barW, h * 0.5);
        ctx.fillStyle = lag !== null && lag !== undefined && lag > 0 && bw >= col.barW ? P.danger : P.accent;
        ctx.fillRect(col.barX, y + h * 0.25, bw, h * 0.5);
      }
      ctx.fillStyle = P.ink;
      ctx.textAlign = 'right';
      // unknown lag (no committed offset) is a question mark, never 0
      ctx.fillText(lag === null || lag === undefined ? '?' : fmtCount(lag), col.x + col.w - 4, y + h / 2);
    }
  }

  // Consumer chips, one row per group.
  ctx.textAlign = 'left';
  const rowW = L.width - L.labelX * 2;
  for (const row of L.rows) {
    const lastChip = row.chips[row.chips.length - 1];
    if (row.y > ds.clipBottom || (lastChip ? lastChip.y + lastChip.h : row.y + row.labelH) < ds.clipTop) continue;
    const gi = view.groups.findIndex((x) => x.id === row.id);
    const g = view.groups[gi];
    if (!g) continue;
    ctx.fillStyle = P.ink;
    ctx.font = bold;
    const idle = g.members.filter((m) => m.status === 'idle').length;
    const n = g.members.length;
    const who = `${gi + 1}. ${g.id}: ${n} consumer${n === 1 ? '' : 's'}`;
    const lagText = g.maxLag === null ? 'unknown (no committed offset)' : fmtCount(g.maxLag);
    const state = `${g.rebalancing ? ', rebalancing' : ''}${idle ? `, ${idle} idle` : ''}, max lag ${lagText}`;
    const short = `${g.rebalancing ? ', rebalancing' : ''}${idle ? `, ${idle} idle` : ''}, max lag ${g.maxLag === null ? 'unknown' : fmtCount(g.maxLag)}`;
    // how the group assigns: a classic group's client-side assignor and the protocol it derives
    // (KIP-429); a consumer group's server-side assignor (KIP-848); a share group has neither (KIP-932)
    const how = g.type === 'consumer' ? `consumer protocol, ${g.consumerGroup?.assignor ?? 'uniform'} on the broker` : g.type === 'share' ? 'share group' : `${g.assignor}, ${g.protocol}`;
    const head = [`${who}, ${how}${state}`, `${who}${state}`, `${who}${short}`, `${gi + 1}. ${g.id}${short}`, `${gi + 1}. ${g.id}`];
    ctx.fillText(pick(ctx, head, rowW, stats), L.labelX, row.y + row.labelH / 2);
    ctx.font = font;
    for (let mi = 0; mi < row.chips.length; mi++) {
      const chip = row.chips[mi]!;
      const m = g.members[mi];
      if (!m) continue;
      drawChip(ctx, m, chip.x, chip.y, chip.w, chip.h, L, P, stats);
    }
  }
  if (marks) drawMarksIn(marks, view, L, P, ds);
  else drawMarks(ctx, view, L, P, ds);
}

/** Where the moving part sits on the picture (a separate canvas may cover exactly this box). */
export function marksRegion(L: VizLayout): { x: number; y: number; w: number; h: number } {
  const first = L.lanes[0];
  const last = L.lanes[L.lanes.length - 1];
  const y = first ? first.y : L.headerH;
  const h = last ? last.y + last.h - y : 0;
  return { x: Math.floor(L.marksX0 - 4), y: Math.floor(y), w: Math.ceil(L.marksX1 - L.marksX0 + 8), h: Math.ceil(h) };
}

/** drawMarks on a canvas that covers only marksRegion(L). */
export function drawMarksIn(ctx: CanvasRenderingContext2D, view: SimView, L: VizLayout, P: Palette, ds: DrawState): void {
  const r = marksRegion(L);
  ctx.save();
  ctx.clearRect(0, 0, r.w, r.h);
  ctx.translate(-r.x, -r.y);
  drawMarks(ctx, view, L, P, ds);
  ctx.restore();
}

/**
 * The moving part: each lane's record marks (batched by colour over all lanes: 12 fills per
 * frame, not one per record), poison records and each group's committed offset. Cheap enough to
 * run every animation frame while the rest of the picture changes only when the simulation ticks.
 */
export function drawMarks(ctx: CanvasRenderingContext2D, view: SimView, L: VizLayout, P: Palette, ds: DrawState): void {
  const topic = view.topics[0];
  if (!topic) return;
  const x0 = L.marksX0;
  const span = L.marksX1 - L.marksX0;
  const mw = markWidth(L);
  const rw = Math.max(1, mw - (mw > 3 ? 1 : 0));
  const lanes = L.lanes;
  for (let li = 0; li < lanes.length; li++) {
    const lane = lanes[li]!;
    const part = topic.partitions[lane.partition];
    if (!part || laneOff(ds, lane)) continue;
    ctx.fillStyle = li % 2 === 0 ? P.surface2 : P.surface;
    ctx.fillRect(x0 - 2, lane.y, span + 4, lane.mh);
    if (part.offline) hatch(ctx, x0, lane.y, span, lane.mh, P.danger, 8);
  }
  for (let c = 0; c < 12; c++) {
    let any = false;
    ctx.beginPath();
    for (let li = 0; li < lanes.length; li++) {
      const lane = lanes[li]!;
      const part = topic.partitions[lane.partition];
      if (!part || laneOff(ds, lane)) continue;
      const lo = (ds.shownEnd[lane.partition] ?? part.logEndOffset) - L.window;
      const rec = part.recent;
      const my = lane.y + 3;
      const mh = lane.mh - 6;
      for (let i = 0; i < rec.length; i++) {
        const r = rec[i]!;
        if (r.keyColor !== c) continue;
        const x = x0 + ((r.offset - lo) / L.window) * span;
        if (x + mw <= x0 || x >= L.marksX1) continue;
        ctx.rect(x < x0 ? x0 : x, my, rw, mh);
        any = true;
      }
    }
    if (any) {
      ctx.fillStyle = keyColor(c);
      ctx.fill();
    }
  }
  ctx.textBaseline = 'middle';
  const tagFont = `600 ${L.small}px system-ui, sans-serif`;
  ctx.font = tagFont;
  for (let li = 0; li < lanes.length; li++) {
    const lane = lanes[li]!;
    const part = topic.partitions[lane.partition];
    if (!part || laneOff(ds, lane)) continue;
    const y = lane.y;
    const h = lane.mh;
    const lo = (ds.shownEnd[lane.partition] ?? part.logEndOffset) - L.window;
    // Poison records: a danger-coloured frame with a cross, so they are not colour alone.
    const rec = part.recent;
    for (let i = 0; i < rec.length; i++) {
      const r = rec[i]!;
      if (!r.poison) continue;
      const x = x0 + ((r.offset - lo) / L.window) * span;
      if (x < x0 || x >= L.marksX1) continue;
      const w = Math.max(6, mw);
      ctx.strokeStyle = P.danger;
      ctx.lineWidth = L.line * 1.5;
      ctx.strokeRect(x, y + 3, w, h - 6);
      ctx.beginPath();
      ctx.moveTo(x, y + 3);
      ctx.lineTo(x + w, y + h - 3);
      ctx.moveTo(x + w, y + 3);
      ctx.lineTo(x, y + h - 3);
      ctx.stroke();
    }
  }
  // High watermark: records at or above it are not yet on every in-sync replica, so no consumer
  // can read them: they are dimmed, with a dashed line and "HW" at the watermark.
  ctx.setLineDash([4, 3]);
  for (let li = 0; li < lanes.length; li++) {
    const lane = lanes[li]!;
    const part = topic.partitions[lane.partition];
    if (!part || laneOff(ds, lane)) continue;
    const hw = part.highWatermark ?? part.logEndOffset;
    if (hw >= part.logEndOffset) continue;
    const lo = (ds.shownEnd[lane.partition] ?? part.logEndOffset) - L.window;
    const x = hw < lo ? x0 : Math.min(L.marksX1, x0 + ((hw - lo) / L.window) * span);
    ctx.globalAlpha = 0.65;
    ctx.fillStyle = P.surface;
    ctx.fillRect(x, lane.y + 1, L.marksX1 - x, lane.h - 2);
    ctx.globalAlpha = 1;
    ctx.strokeStyle = P.danger;
    ctx.lineWidth = L.line * 1.5;
    ctx.beginPath();
    ctx.moveTo(x, lane.y + 1);
    ctx.lineTo(x, lane.y + lane.h - 1);
    ctx.stroke();
    if (lane.h >= 14) {
      ctx.fillStyle = P.danger;
      ctx.textAlign = 'left';
      // clear of the committed-offset tags, which sit at the left edge when they are further behind
      const tx = x + (hw < lo ? 26 : 4);
      ctx.fillText(pick(ctx, [`HW ${fmtCount(hw)}: ${fmtCount(part.logEndOffset - hw)} not replicated`, `HW ${fmtCount(hw)}`, 'HW'], Math.max(20, L.marksX1 - tx - 2), undefined), tx, lane.y + lane.h / 2);
    }
  }
  ctx.setLineDash([]);
  // Records the producer holds for a partition (retried, or written and awaiting acks=all): a box at
  // the lane's right end, drawn last so that it covers the ticks under it; offset tags stay left of it.
  const producer = view.producers?.[0];
  const held: { text: string; w: number }[] = [];
  if (producer) {
    for (let li = 0; li < lanes.length; li++) {
      const lane = lanes[li]!;
      if (laneOff(ds, lane)) continue;
      const waiting = (producer.waiting[lane.partition] ?? 0) + (producer.unacked[lane.partition] ?? 0);
      if (!waiting || lane.h < 12) continue;
      const text = `+${fmtCount(waiting)} at producer`;
      held[li] = { text, w: ctx.measureText(text).width + 8 };
    }
  }
  // Committed offset of each group: a tick at its offset (or at the left edge, with ◀, if further
  // behind), all in one path; numbered when lanes are tall enough for text.
  const groups = view.groups;
  ctx.strokeStyle = P.ink;
  ctx.lineWidth = L.line * 1.5;
  ctx.beginPath();
  for (let li = 0; li < lanes.length; li++) {
    const lane = lanes[li]!;
    const part = topic.partitions[lane.partition];
    if (!part || laneOff(ds, lane)) continue;
    const lo = (ds.shownEnd[lane.partition] ?? part.logEndOffset) - L.window;
    for (let gi = 0; gi < groups.length; gi++) {
      const committed = groups[gi]!.committed[lane.partition];
      if (committed === null || committed === undefined) continue;
      const x = committed < lo ? x0 : Math.min(L.marksX1, x0 + ((committed - lo) / L.window) * span);
      ctx.moveTo(x, lane.y + 1);
      ctx.lineTo(x, lane.y + lane.mh - 1);
    }
  }
  ctx.stroke();
  for (let li = 0; li < lanes.length; li++) {
    const lane = lanes[li]!;
    const part = topic.partitions[lane.partition];
    if (!part || laneOff(ds, lane)) continue;
    const y = lane.y;
    const h = lane.mh;
    const lo = (ds.shownEnd[lane.partition] ?? part.logEndOffset) - L.window;
    for (let gi = 0; gi < groups.length; gi++) {
      const committed = groups[gi]!.committed[lane.partition];
      if (committed === null || committed === undefined) continue;
      const behind = committed < lo;
      const x = behind ? x0 : Math.min(L.marksX1, x0 + ((committed - lo) / L.window) * span);
      if (h >= 18) {
        ctx.fillStyle = P.ink;
        const tag = behind ? `◀${gi + 1}` : TAGS[gi] ?? String(gi + 1);
        const limit = L.marksX1 - (held[li]?.w ?? 0);
        const right = x + 3 + L.small * 0.7 * tag.length > limit;
        ctx.textAlign = right ? 'right' : 'left';
        ctx.fillText(tag, right ? Math.min(x, limit) - 3 : x + 3, y + (gi + 1) * (h / (groups.length + 1)));
      }
    }
  }
  for (let li = 0; li < lanes.length; li++) {
    const box = held[li];
    if (!box) continue;
    const lane = lanes[li]!;
    ctx.fillStyle = P.surface;
    ctx.fillRect(L.marksX1 - box.w, lane.y + 2, box.w, lane.h - 4);
    ctx.strokeStyle = P.danger;
    ctx.lineWidth = 1;
    ctx.strokeRect(L.marksX1 - box.w, lane.y + 2, box.w, lane.h - 4);
    ctx.fillStyle = P.danger;
    ctx.textAlign = 'right';
    ctx.fillText(box.text, L.marksX1 - 4, lane.y + lane.h / 2);
  }
  ctx.textAlign = 'left';
}

const TAGS = ['1', '2', '3', '4', '5', '6', '7', '8', '9'];

function drawChip(ctx: CanvasRenderingContext2D, m: MemberView, x: number, y: number, w: number, h: number, L: VizLayout, P: Palette, stats: DrawStats | undefined) {
  const status = m.status;
  ctx.fillStyle = status === 'crashed' ? P.surface2 : P.surface;
  ctx.fillRect(x, y, w, h);
  if (status === 'rebalancing') hatch(ctx, x, y, w, h, P.line, 8);
  if (status === 'crashed') hatch(ctx, x, y, w, h, P.line, 5);
  ctx.lineWidth = status === 'active' ? L.line * 1.5 : L.line;
  ctx.strokeStyle = status === 'active' ? P.accent : status === 'stuck' ? P.danger : status === 'rebalancing' ? P.warn : P.ink2;
  ctx.setLineDash(status === 'idle' ? [4, 3] : []);
  ctx.strokeRect(x + 0.5, y + 0.5, w - 1, h - 1);
  ctx.setLineDash([]);
  const states = chipState(m);
  ctx.textAlign = 'left';
  const boldFont = `600 ${L.font}px system-ui, sans-serif`;
  const small = `${L.small}px system-ui, sans-serif`;
  ctx.font = boldFont;
  ctx.fillStyle = status === 'stuck' ? P.danger : P.ink;
  if (L.chipLines === 2) {
    ctx.fillText(pick(ctx, [m.id], w - 10, stats), x + 5, y + h * 0.3);
    ctx.font = small;
    ctx.fillStyle = status === 'stuck' ? P.danger : status === 'active' ? P.ink : P.ink2;
    ctx.fillText(pick(ctx, states, w - 10, stats), x + 5, y + h * 0.72);
  } else if (L.chipLines === 0) {
    ctx.fillText(pick(ctx, [m.id], w - 10, stats), x + 5, y + h / 2);
  } else {
    const idW = textWidth(ctx, m.id);
    ctx.fillText(m.id, x + 5, y + h / 2);
    ctx.font = small;
    ctx.fillStyle = status === 'stuck' ? P.danger : status === 'active' ? P.ink : P.ink2;
    ctx.fillText(pick(ctx, states, w - 10 - idW - 6, stats), x + 5 + idW + 6, y + h / 2);
  }
}

export function fmtCount(n: number): string {
  if (n >= 1_000_000) return `${(n / 1_000_000).toFixed(1)}M`;
  if (n >= 10_000) return `${Math.round(n / 1000)}k`;
  if (n >= 1000) return `${(n / 1000).toFixed(1)}k`;
  return String(Math.round(n));
}

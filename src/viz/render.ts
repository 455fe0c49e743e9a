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
}

export function createDrawState(): DrawState {
  return { shownEnd: new Float64Array(0) };
}

/** Move the displayed log ends toward the real ones. Returns true while still moving. */
export function easeEnds(ds: DrawState, view: SimView, dtMs: number, reducedMotion: boolean): boolean {
  const parts = view.topics[0]?.partitions ?? [];
  if (ds.shownEnd.length !== parts.length) {
    ds.shownEnd = new Float64Array(parts.length);
    for (let i = 0; i < parts.length; i++) ds.shownEnd[i] = parts[i]!.logEndOffset;
    return false;
  }
  let moving = false;
  const k = reducedMotion ? 1 : 1 - Math.exp(-dtMs / 90);
  for (let i = 0; i < parts.length; i++) {
    const target = parts[i]!.logEndOffset;
    const cur = ds.shownEnd[i]!;
    if (cur === target) continue;
    // far behind (a jump, a seek): snap rather than race across the lane
    const next = Math.abs(target - cur) > 400 ? target : cur + (target - cur) * k;
    ds.shownEnd[i] = Math.abs(target - next) < 0.02 ? target : next;
    moving = true;
  }
  return moving;
}

/** Short member label: "billing-c03" -> "c03"; a bare number reads as a consumer number: "billing-1" -> "#1". */
export function shortMember(id: string): string {
  const i = id.lastIndexOf('-');
  const tail = i >= 0 ? id.slice(i + 1) : id;
  return /^\d+$/.test(tail) ? `#${tail}` : tail;
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

// measureText is slow enough to matter when a frame draws hundreds of labels: remember results.
const fitCache = new Map<string, string>();

function fitText(ctx: CanvasRenderingContext2D, text: string, maxW: number): string {
  const key = `${ctx.font}|${Math.round(maxW)}|${text}`;
  const hit = fitCache.get(key);
  if (hit !== undefined) return hit;
  let out = text;
  if (ctx.measureText(text).width > maxW) {
    let t = text;
    while (t.length > 1 && ctx.measureText(`${t}…`).width > maxW) t = t.slice(0, -1);
    out = `${t}…`;
  }
  if (fitCache.size > 4000) fitCache.clear();
  fitCache.set(key, out);
  return out;
}

/**
 * The whole picture. With `marks` given, the moving part (record marks and committed offsets) goes
 * to that second, smaller canvas laid over the marks region (see marksRegion), so per-frame
 * updates repaint only that region.
 */
export function drawFrame(ctx: CanvasRenderingContext2D, view: SimView, L: VizLayout, P: Palette, ds: DrawState, marks?: CanvasRenderingContext2D): void {
  const topic = view.topics[0];
  ctx.clearRect(0, 0, L.width, L.height);
  ctx.fillStyle = P.surface;
  ctx.fillRect(0, 0, L.width, L.height);
  if (!topic) return;
  const font = `${L.font}px system-ui, sans-serif`;
  const bold = `600 ${L.font}px system-ui, sans-serif`;
  ctx.textBaseline = 'middle';
  ctx.font = font;

  // Header: brokers on the first line, column titles on the second.
  const hy1 = L.font * 0.8 + 2;
  const hy2 = L.font * 2.3 + 4;
  ctx.fillStyle = P.ink;
  ctx.textAlign = 'left';
  ctx.font = bold;
  const topicLabel = `Topic ${topic.name}`;
  ctx.fillText(topicLabel, L.labelX, hy1);
  let bx = Math.max(L.marksX0, L.labelX + ctx.measureText(topicLabel).width + 16);
  ctx.font = font;
  for (const b of view.brokers) {
    const label = `broker ${b.id} ${b.up ? 'up' : b.fenced || b.fencesAtMs === undefined ? 'FENCED' : `DOWN, fenced at ${(b.fencesAtMs / 1000).toFixed(1)} s`}`;
    const w = ctx.measureText(label).width + 12;
    ctx.fillStyle = b.up ? P.surface2 : P.surface;
    ctx.fillRect(bx, hy1 - L.font * 0.6, w, L.font * 1.2);
    if (!b.up) hatch(ctx, bx, hy1 - L.font * 0.6, w, L.font * 1.2, P.line, 6);
    ctx.strokeStyle = b.up ? P.ok : P.danger;
    ctx.lineWidth = L.line;
    ctx.strokeRect(bx, hy1 - L.font * 0.6, w, L.font * 1.2);
    ctx.fillStyle = b.up ? P.ink : P.danger;
    ctx.fillText(label, bx + 6, hy1);
    bx += w + 8;
  }
  // The producer's buffer: records retried or awaiting acknowledgement.
  const pr = view.producers?.[0];
  if (pr && pr.buffered > 0 && bx < L.width - L.labelX - 60) {
    ctx.fillStyle = P.danger;
    ctx.font = bold;
    const text = `${pr.id}: ${fmtCount(pr.buffered)} in buffer, oldest ${(pr.oldestWaitMs / 1000).toFixed(1)} s${pr.blockedSinceMs !== null ? ', send() BLOCKED' : ''}`;
    ctx.fillText(fitText(ctx, text, L.width - L.labelX - bx), bx, hy1);
    ctx.font = font;
  }
  ctx.fillStyle = P.ink2;
  // Headers give way to shorter wording before they are cut.
  const laneHead = ctx.measureText('partition · leader').width <= L.labelW - 6 ? 'partition · leader' : 'P · leader';
  ctx.fillText(fitText(ctx, laneHead, L.labelW - 6), L.labelX, hy2);
  const marksW = L.marksX1 - L.marksX0;
  const marksHead = ['records, newest on the right (colour = key)', 'newest on the right, colour = key', 'records (colour = key)'].find((t) => ctx.measureText(t).width <= marksW) ?? 'records';
  ctx.fillText(fitText(ctx, marksHead, marksW), L.marksX0, hy2);
  for (const c of L.columns) {
    ctx.fillStyle = P.ink;
    ctx.font = bold;
    const full = `${c.id}: owner · lag`;
    ctx.fillText(fitText(ctx, ctx.measureText(full).width <= c.w - 6 ? full : c.id, c.w - 6), c.x, hy2);
  }
  ctx.font = font;

  let maxLag = 0;
  for (const g of view.groups) for (const l of g.lag) if (l !== null && l > maxLag) maxLag = l;
  const lagX = lagScale(maxLag, L.columns[0]?.barW ?? 40);

  // Lanes: labels here; record marks and committed offsets in drawMarks (redrawn every animation frame).
  for (let li = 0; li < L.lanes.length; li++) {
    const lane = L.lanes[li]!;
    const part = topic.partitions[lane.partition];
    if (!part) continue;
    const y = lane.y;
    const h = lane.h;
    ctx.fillStyle = li % 2 === 0 ? P.surface2 : P.surface;
    ctx.fillRect(L.labelX, y, L.width - L.labelX * 2, h);
    ctx.fillStyle = part.offline || part.leaderUnreachable ? P.danger : P.ink;
    ctx.textAlign = 'left';
    ctx.fillText(fitText(ctx, `P${part.id} · ${part.offline ? 'offline' : part.leaderUnreachable ? `b${part.leader} down` : `b${part.leader}`}`, L.labelW - 4), L.labelX + 4, y + h / 2);
    // Group columns: owner (or state) and lag bar with its number.
    for (let gi = 0; gi < L.columns.length; gi++) {
      const col = L.columns[gi]!;
      const g = view.groups.find((x) => x.id === col.id);
      if (!g) continue;
      const owner = ownerOf(g, lane.partition);
      let label: string;
      let color = P.ink;
      if (owner) {
        if (owner.status === 'stuck' && owner.stuckOn?.partition === lane.partition) {
          label = `${shortMember(owner.id)} stuck@${owner.stuckOn.offset}`;
          color = P.danger;
        } else if (owner.status === 'rebalancing') {
          label = `${shortMember(owner.id)} paused`;
          color = P.warn;
        } else label = shortMember(owner.id);
      } else if (g.rebalancing) {
        label = 'paused';
        color = P.warn;
        hatch(ctx, col.x, y + 1, col.barX - col.x - 4, h - 2, P.line, 8);
      } else {
        label = 'no owner';
        color = P.ink2;
      }
      ctx.fillStyle = color;
      ctx.textAlign = 'left';
      if (color !== P.ink) ctx.font = bold;
      ctx.fillText(fitText(ctx, label, col.barX - col.x - 8), col.x + 4, y + h / 2);
      ctx.font = font;
      const lag = g.lag[lane.partition];
      const bw = lag === null || lag === undefined ? 0 : lagX(lag);
      ctx.strokeStyle = P.line;
      ctx.lineWidth = 1;
      ctx.strokeRect(col.barX, y + h * 0.25, col.barW, h * 0.5);
      ctx.fillStyle = lag !== null && lag !== undefined && lag > 0 && bw >= col.barW ? P.danger : P.accent;
      ctx.fillRect(col.barX, y + h * 0.25, bw, h * 0.5);
      ctx.fillStyle = P.ink;
      ctx.textAlign = 'right';
      // unknown lag (no committed offset) is a question mark, never 0
      ctx.fillText(lag === null || lag === undefined ? '?' : fmtCount(lag), col.x + col.w - 10, y + h / 2);
    }
  }

  // Consumer chips, one row per group.
  ctx.textAlign = 'left';
  for (const row of L.rows) {
    const g = view.groups.find((x) => x.id === row.id);
    if (!g) continue;
    const gi = view.groups.indexOf(g);
    ctx.fillStyle = P.ink;
    ctx.font = bold;
    const idle = g.members.filter((m) => m.status === 'idle').length;
    const head = `${gi + 1}. ${g.id}: ${g.members.length} consumer${g.members.length === 1 ? '' : 's'}, ${g.assignor}, ${g.protocol}${g.rebalancing ? ', REBALANCING' : ''}${idle ? `, ${idle} idle` : ''}, max lag ${g.maxLag === null ? 'unknown (no committed offset)' : fmtCount(g.maxLag)}`;
    ctx.fillText(fitText(ctx, head, L.width - L.labelX * 2), L.labelX, row.y + row.labelH / 2);
    ctx.font = font;
    for (let mi = 0; mi < row.chips.length; mi++) {
      const chip = row.chips[mi]!;
      const m = g.members[mi];
      if (!m) continue;
      drawChip(ctx, m, chip.x, chip.y, chip.w, chip.h, L, P);
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
    if (!part) continue;
    ctx.fillStyle = li % 2 === 0 ? P.surface2 : P.surface;
    ctx.fillRect(x0 - 2, lane.y, span + 4, lane.h);
    if (part.offline) hatch(ctx, x0, lane.y, span, lane.h, P.danger, 8);
  }
  for (let c = 0; c < 12; c++) {
    let any = false;
    ctx.beginPath();
    for (let li = 0; li < lanes.length; li++) {
      const lane = lanes[li]!;
      const part = topic.partitions[lane.partition];
      if (!part) continue;
      const lo = (ds.shownEnd[lane.partition] ?? part.logEndOffset) - L.window;
      const rec = part.recent;
      const my = lane.y + 3;
      const mh = lane.h - 6;
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
  const tagFont = `600 ${Math.max(10, L.font - 2)}px system-ui, sans-serif`;
  ctx.font = tagFont;
  for (let li = 0; li < lanes.length; li++) {
    const lane = lanes[li]!;
    const part = topic.partitions[lane.partition];
    if (!part) continue;
    const y = lane.y;
    const h = lane.h;
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
    if (!part) continue;
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
      ctx.fillText(fitText(ctx, `HW ${fmtCount(hw)}: ${fmtCount(part.logEndOffset - hw)} not replicated`, Math.max(20, L.marksX1 - tx - 2)), tx, lane.y + lane.h / 2);
    }
  }
  ctx.setLineDash([]);
  // Records the producer holds for a partition (retried, or written and awaiting acks=all).
  const producer = view.producers?.[0];
  if (producer) {
    for (let li = 0; li < lanes.length; li++) {
      const lane = lanes[li]!;
      const waiting = (producer.waiting[lane.partition] ?? 0) + (producer.unacked[lane.partition] ?? 0);
      if (!waiting || lane.h < 12) continue;
      const text = `+${fmtCount(waiting)} at producer`;
      const w = ctx.measureText(text).width + 8;
      ctx.fillStyle = P.surface;
      ctx.fillRect(L.marksX1 - w, lane.y + 2, w, lane.h - 4);
      ctx.strokeStyle = P.danger;
      ctx.lineWidth = 1;
      ctx.strokeRect(L.marksX1 - w, lane.y + 2, w, lane.h - 4);
      ctx.fillStyle = P.danger;
      ctx.textAlign = 'right';
      ctx.fillText(text, L.marksX1 - 4, lane.y + lane.h / 2);
    }
    ctx.textAlign = 'left';
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
    if (!part) continue;
    const lo = (ds.shownEnd[lane.partition] ?? part.logEndOffset) - L.window;
    for (let gi = 0; gi < groups.length; gi++) {
      const committed = groups[gi]!.committed[lane.partition];
      if (committed === null || committed === undefined) continue;
      const x = committed < lo ? x0 : Math.min(L.marksX1, x0 + ((committed - lo) / L.window) * span);
      ctx.moveTo(x, lane.y + 1);
      ctx.lineTo(x, lane.y + lane.h - 1);
    }
  }
  ctx.stroke();
  for (let li = 0; li < lanes.length; li++) {
    const lane = lanes[li]!;
    const part = topic.partitions[lane.partition];
    if (!part) continue;
    const y = lane.y;
    const h = lane.h;
    const lo = (ds.shownEnd[lane.partition] ?? part.logEndOffset) - L.window;
    for (let gi = 0; gi < groups.length; gi++) {
      const committed = groups[gi]!.committed[lane.partition];
      if (committed === null || committed === undefined) continue;
      const behind = committed < lo;
      const x = behind ? x0 : Math.min(L.marksX1, x0 + ((committed - lo) / L.window) * span);
      if (h >= 18) {
        ctx.fillStyle = P.ink;
        const tag = behind ? `◀${gi + 1}` : TAGS[gi] ?? String(gi + 1);
        const right = x + 3 + (L.font * 0.7 * tag.length) > L.marksX1;
        ctx.textAlign = right ? 'right' : 'left';
        ctx.fillText(tag, right ? x - 3 : x + 3, y + (gi + 1) * (h / (groups.length + 1)));
      }
    }
  }
  ctx.textAlign = 'left';
}

const TAGS = ['1', '2', '3', '4', '5', '6', '7', '8', '9'];

function drawChip(ctx: CanvasRenderingContext2D, m: MemberView, x: number, y: number, w: number, h: number, L: VizLayout, P: Palette) {
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
  const line1 = shortMember(m.id);
  let line2: string;
  if (status === 'active') line2 = m.partitions.length === 1 ? `P${m.partitions[0]}` : `P${m.partitions.join(',')}`;
  else if (status === 'stuck') line2 = m.stuckOn ? `stuck P${m.stuckOn.partition}@${m.stuckOn.offset}` : 'stuck';
  else if (status === 'rebalancing') line2 = 'paused';
  else line2 = status;
  ctx.fillStyle = status === 'stuck' ? P.danger : status === 'active' ? P.ink : P.ink2;
  ctx.textAlign = 'left';
  const small = `${Math.max(10, L.font - 1)}px system-ui, sans-serif`;
  ctx.font = `600 ${L.font}px system-ui, sans-serif`;
  ctx.fillText(line1, x + 5, y + h * 0.3);
  ctx.font = small;
  ctx.fillText(fitText(ctx, line2, w - 10), x + 5, y + h * 0.72);
}

export function fmtCount(n: number): string {
  if (n >= 1_000_000) return `${(n / 1_000_000).toFixed(1)}M`;
  if (n >= 10_000) return `${Math.round(n / 1000)}k`;
  if (n >= 1000) return `${(n / 1000).toFixed(1)}k`;
  return String(Math.round(n));
}

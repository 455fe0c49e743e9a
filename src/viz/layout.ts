import { scaleLinear } from 'd3';

/**
 * Pure layout of the partition visualiser: where each partition lane, each group's owner/lag
 * column and each consumer chip goes, for a given width. D3 computes the scales; the canvas
 * renderer only reads the numbers. Nothing here touches the DOM.
 */

export interface LayoutGroupInput {
  id: string;
  members: number;
}

export interface LayoutInput {
  width: number;
  partitions: number;
  groups: LayoutGroupInput[];
  /** how many of the most recent offsets each lane shows */
  window: number;
  /** larger type and thicker lines (presenter mode) */
  large?: boolean;
}

export interface Lane {
  partition: number;
  y: number;
  h: number;
}

export interface GroupColumn {
  id: string;
  /** left edge and width of this group's column beside the lanes (owner + lag bar + number) */
  x: number;
  w: number;
  /** space for the lag bar inside the column */
  barX: number;
  barW: number;
}

export interface Chip {
  x: number;
  y: number;
  w: number;
  h: number;
}

export interface GroupRow {
  id: string;
  /** y of the row label (baseline area) */
  y: number;
  labelH: number;
  chips: Chip[];
}

export interface VizLayout {
  width: number;
  height: number;
  font: number;
  line: number;
  /** lane label column */
  labelX: number;
  labelW: number;
  /** record marks area */
  marksX0: number;
  marksX1: number;
  headerH: number;
  lanes: Lane[];
  columns: GroupColumn[];
  rows: GroupRow[];
  window: number;
}

const clamp = (v: number, lo: number, hi: number) => Math.max(lo, Math.min(hi, v));

export function laneHeight(partitions: number, large = false): number {
  const base = partitions <= 4 ? 40 : partitions <= 8 ? 30 : partitions <= 16 ? 22 : 14;
  return large ? Math.round(base * 1.35) : base;
}

export function computeLayout(input: LayoutInput): VizLayout {
  const large = input.large ?? false;
  const width = Math.max(280, Math.floor(input.width));
  const font = large ? 18 : 12;
  const line = large ? 3 : 1.5;
  const pad = large ? 12 : 8;
  const laneH = laneHeight(input.partitions, large);
  const labelW = large ? 140 : 104;
  const g = input.groups.length;
  // Each group's column must hold an owner name and a lag bar with a number.
  let colW = clamp(Math.floor(width * 0.17), large ? 180 : 130, large ? 240 : 180);
  const minMarks = Math.min(160, width * 0.3);
  while (g > 0 && width - labelW - pad * 2 - g * colW < minMarks && colW > 70) colW -= 10;
  const headerH = Math.round(font * 3 + 10);
  const marksX0 = pad + labelW;
  const marksX1 = Math.max(marksX0 + 40, width - pad - g * colW - pad);
  const lanes: Lane[] = [];
  for (let p = 0; p < input.partitions; p++) lanes.push({ partition: p, y: headerH + p * laneH, h: laneH });
  const numW = font * 3.4;
  const columns: GroupColumn[] = input.groups.map((grp, i) => {
    const x = marksX1 + pad + i * colW;
    const barX = x + colW * 0.46;
    return { id: grp.id, x, w: colW, barX, barW: Math.max(10, colW - (barX - x) - numW - 10) };
  });
  // Consumer chips below the lanes, one wrapped row per group.
  const chipW = large ? 128 : 92;
  const chipH = large ? 50 : 34;
  const gap = large ? 8 : 6;
  const perRow = Math.max(1, Math.floor((width - pad * 2 + gap) / (chipW + gap)));
  let y = headerH + input.partitions * laneH + pad * 2;
  const rows: GroupRow[] = input.groups.map((grp) => {
    const labelH = font + 8;
    const chips: Chip[] = [];
    for (let m = 0; m < grp.members; m++) {
      const r = Math.floor(m / perRow);
      const c = m % perRow;
      chips.push({ x: pad + c * (chipW + gap), y: y + labelH + r * (chipH + gap), w: chipW, h: chipH });
    }
    const rowsUsed = Math.max(1, Math.ceil(grp.members / perRow));
    const row = { id: grp.id, y, labelH, chips };
    y += labelH + rowsUsed * (chipH + gap) + pad;
    return row;
  });
  return { width, height: Math.ceil(y + pad), font, line, labelX: pad, labelW, marksX0, marksX1, headerH, lanes, columns, rows, window: Math.max(1, input.window) };
}

/** x position of an offset in a lane whose log ends at `logEnd` (the newest record sits at the right edge). */
export function offsetScale(layout: VizLayout, logEnd: number) {
  return scaleLinear()
    .domain([logEnd - layout.window, logEnd])
    .range([layout.marksX0, layout.marksX1])
    .clamp(true);
}

/** Width of one record mark. */
export function markWidth(layout: VizLayout): number {
  return (layout.marksX1 - layout.marksX0) / layout.window;
}

/** Lag bar scale shared by every group column, so bars compare across groups. */
export function lagScale(maxLag: number, barW: number) {
  return scaleLinear()
    .domain([0, Math.max(10, maxLag)])
    .nice(3)
    .range([0, barW])
    .clamp(true);
}

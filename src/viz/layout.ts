import { scaleLinear } from 'd3';

/**
 * Pure layout of the partition visualiser: where each broker badge, partition lane, group
 * owner/lag column and consumer chip goes, for a given width (and, in presenter mode, a given
 * height). D3 computes the scales; the canvas renderer only reads the numbers. Nothing here
 * touches the DOM: text widths come from the `measure` function the caller passes (the canvas's
 * measureText in the browser, an estimate in tests), so every label is given room for its whole
 * text instead of being cut.
 */

export interface LayoutGroupInput {
  id: string;
  /** how many consumers (chips) the group has */
  members: number;
  /** the consumers' ids, when known: the owner column is sized to the longest */
  memberIds?: readonly string[];
}

/** Width in px of `text` set in the visualiser's font at `px` size (bold or not). */
export type Measure = (text: string, px: number, bold: boolean) => number;

/** A stand-in for text measurement: average glyph widths of a sans-serif face. */
export const estimateText: Measure = (text, px, bold) => text.length * px * (bold ? 0.62 : 0.57);

export interface LayoutInput {
  width: number;
  partitions: number;
  groups: LayoutGroupInput[];
  /** how many of the most recent offsets each lane shows */
  window: number;
  /** larger type and thicker lines (presenter mode) */
  large?: boolean;
  /** broker ids, for the header's badges (wrapped onto more lines when they do not fit) */
  brokers?: readonly number[];
  /** the topic's name, shown at the start of the header */
  topic?: string;
  /** fit the picture into this height: lanes and chips shrink, down to what the type needs */
  maxHeight?: number;
  measure?: Measure;
}

export interface Lane {
  partition: number;
  y: number;
  h: number;
  /** height of the marks row (from y); the whole lane unless the layout is stacked */
  mh: number;
  /** the row with the groups' owners and lag: beside the marks (oy = y, oh = h) or, stacked, below them */
  oy: number;
  oh: number;
}

export interface GroupColumn {
  id: string;
  /** left edge and width of this group's column beside the lanes (owner + lag bar + number) */
  x: number;
  w: number;
  /** the owner's name (or state) fits in [x + 4, x + 4 + ownerW] */
  ownerW: number;
  /** space for the lag bar inside the column (barW 0: no bar, the number alone) */
  barX: number;
  barW: number;
  /** whether the header can say "<group>: owner · lag" or just the group's name */
  longHead: boolean;
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

export interface Badge {
  broker: number;
  x: number;
  y: number;
  w: number;
  h: number;
}

export interface VizLayout {
  width: number;
  height: number;
  font: number;
  /** the smaller type (tags, chips' second line): never below 18 px in presenter mode */
  small: number;
  line: number;
  /** lane label column */
  labelX: number;
  labelW: number;
  /** where the lane's write rate is right-aligned (inside the label column) */
  rateX: number;
  /** record marks area */
  marksX0: number;
  marksX1: number;
  headerH: number;
  /** y of the header's lines: topic and brokers (first line), column titles */
  topicY: number;
  columnsY: number;
  /** y of the group columns' titles: columnsY, or a line of their own when stacked */
  groupsY: number;
  /**
   * narrow screens (phones): each lane is two rows, the record marks across the whole width and
   * the groups' owners and lag below them, so neither is squeezed to nothing
   */
  stacked: boolean;
  badges: Badge[];
  lanes: Lane[];
  columns: GroupColumn[];
  rows: GroupRow[];
  /**
   * chips show id and state on two lines, on one line (short of height), or the id alone (0: very
   * short of height, as on presenter mode's stage with a dozen consumers; the state is then in the
   * chip's outline and fill, and the owner column, the group's header line and the log say it in words)
   */
  chipLines: 0 | 1 | 2;
  window: number;
}

const clamp = (v: number, lo: number, hi: number) => Math.max(lo, Math.min(hi, v));

export function laneHeight(partitions: number, large = false): number {
  const base = partitions <= 4 ? 40 : partitions <= 8 ? 30 : partitions <= 16 ? 22 : 14;
  return large ? Math.round(Math.max(base * 1.35, 26)) : base;
}

/** Text a chip's second line may need at most, in its shortest form (see the renderer's chipState). */
export const CHIP_STATE_SAMPLE = 'stuck P0@0000';
/** The widest lag number the column shows (fmtCount keeps it to 4 characters plus a unit). */
export const LAG_SAMPLE = '99.9k';
/** The widest write rate beside a lane. */
export const RATE_SAMPLE = '9.9k/s';

export function computeLayout(input: LayoutInput): VizLayout {
  const large = input.large ?? false;
  const measure = input.measure ?? estimateText;
  const width = Math.max(280, Math.floor(input.width));
  const font = large ? 18 : 12;
  const small = large ? 18 : 12;
  const line = large ? 3 : 1.5;
  const pad = large ? 12 : 8;
  const gap = large ? 8 : 6;
  const inner = width - pad * 2;

  // Header line 1: "Topic <name>" then one badge per broker, wrapped onto more lines if needed.
  const lineH = Math.round(font * 1.5);
  const topicW = measure(`Topic ${input.topic ?? ''}`, font, true);
  const brokers = input.brokers ?? [];
  const badgeH = Math.round(font * 1.25);
  const badges: Badge[] = [];
  const badgeW = Math.ceil(Math.max(0, ...brokers.map((b) => Math.max(measure(`broker ${b} DOWN`, font, false), measure(`broker ${b} FENCED`, font, false)))) + 12);
  const besideTopic = pad + topicW + pad * 1.5;
  // badges go beside the topic's name, or start on a line of their own when not even one fits there
  const rowStart = besideTopic + badgeW <= width - pad ? besideTopic : pad;
  let row = rowStart === pad && brokers.length ? 1 : 0;
  let bx = rowStart;
  for (const b of brokers) {
    if (bx + badgeW > width - pad && bx > rowStart) {
      row++;
      bx = rowStart;
    }
    badges.push({ broker: b, x: bx, y: pad / 2 + row * lineH + (lineH - badgeH) / 2, w: badgeW, h: badgeH });
    bx += badgeW + gap;
  }
  const headLines = row + 1;
  const topicY = pad / 2 + lineH / 2;
  const columnsY = pad / 2 + headLines * lineH + lineH / 2;

  // Lane labels: "P11 · b2" (or "P11 · offline") and the lane's write rate.
  const maxP = Math.max(0, input.partitions - 1);
  const laneLabelW = Math.max(measure(`P${maxP} · offline`, font, false), measure(`P${maxP} · b${Math.max(0, ...brokers)} down`, font, false), measure('P · leader', font, false));
  const rateW = measure(RATE_SAMPLE, small, false);
  let showRate = true;
  let labelW = Math.ceil(laneLabelW + rateW + 14);

  // Group columns: owner name, lag bar, lag number. Sized to the longest owner name.
  const numW = Math.ceil(measure(LAG_SAMPLE, font, false) + 8);
  const groupCols = input.groups.map((grp) => {
    const names = grp.memberIds?.length ? grp.memberIds : [`${grp.id}-${Math.max(1, grp.members)}`];
    const ownerW = Math.ceil(Math.max(measure('no owner', font, true), measure('paused', font, true), ...names.map((n) => measure(n, font, true))) + 6);
    const headShort = measure(grp.id, font, true) + 8;
    const headLong = measure(`${grp.id}: owner · lag`, font, true) + 8;
    return { id: grp.id, ownerW, headShort, headLong };
  });
  const barFor = (w: number) => clamp(Math.round(w * 0.09), 0, large ? 90 : 70);
  const colWidth = (c: (typeof groupCols)[number], bar: number) => Math.ceil(Math.max(c.ownerW + 4 + bar + (bar ? 8 : 0) + numW, c.headShort));
  let bar = barFor(width);
  let colsW = groupCols.reduce((s, c) => s + colWidth(c, bar) + pad, 0);
  const minMarks = Math.min(large ? 240 : 160, width * 0.25);
  // Too narrow for marks and columns side by side even without bars: stack them (phones).
  // A picture fitted to a height (presenter mode) first gives up the write rates beside the lanes
  // (they are in the charts and facts) rather than stack, since stacking doubles each lane's height.
  // and it accepts a narrower strip of records (96 px) before stacking.
  const fitted = input.maxHeight !== undefined;
  const sideLabelW = fitted ? Math.ceil(laneLabelW + 8) : labelW;
  const fitsSide = inner - sideLabelW - groupCols.reduce((s, c) => s + colWidth(c, 0) + pad, 0) >= (fitted ? 96 : Math.max(minMarks, 120));
  const stacked = !fitsSide && groupCols.length > 0;
  if (stacked) {
    bar = barFor(width);
    while (bar > 0 && groupCols.reduce((s, c) => s + colWidth(c, bar) + pad, 0) > inner) bar = Math.max(0, bar - 10);
    colsW = 0;
  }
  if (!stacked && inner - labelW - colsW < minMarks) {
    bar = Math.max(0, Math.floor(bar / 2));
    colsW = groupCols.reduce((s, c) => s + colWidth(c, bar) + pad, 0);
  }
  if (!stacked && inner - labelW - colsW < minMarks && bar > 0) {
    bar = 0;
    colsW = groupCols.reduce((s, c) => s + colWidth(c, bar) + pad, 0);
  }
  if (!stacked && inner - labelW - colsW < minMarks) {
    // the rate moves out of the label column (it is in the facts table and summary)
    showRate = false;
    labelW = Math.ceil(laneLabelW + 8);
  }
  const marksX0 = pad + labelW;
  const marksX1 = stacked ? width - pad : Math.max(marksX0 + 40, width - pad - colsW);
  let x = stacked ? pad : marksX1 + pad;
  const columns: GroupColumn[] = groupCols.map((c) => {
    const w = colWidth(c, bar);
    const col: GroupColumn = { id: c.id, x, w, ownerW: c.ownerW, barX: x + 4 + c.ownerW + 4, barW: bar, longHead: c.headLong <= w };
    x += w + pad;
    return col;
  });

  // Consumer chips below the lanes, one wrapped row per group. Two lines (id; state) when there
  // is room, one line ("id state") when the height is short.
  const longestId = Math.max(0, ...input.groups.flatMap((g) => (g.memberIds?.length ? g.memberIds : [`${g.id}-${Math.max(1, g.members)}`]).map((n) => measure(n, font, true))));
  const stateW = measure(CHIP_STATE_SAMPLE, small, false);
  const rowLabelH = font + 8;
  const chipsHeight = (lines: 0 | 1 | 2) => {
    const chipW = lines === 2 ? Math.ceil(Math.max(longestId, stateW) + 12) : lines === 1 ? Math.ceil(longestId + 8 + stateW + 12) : Math.ceil(longestId + 14);
    const chipH = lines === 2 ? Math.round(font + small + (large ? 16 : 12)) : Math.round(font * 1.7);
    const perRow = Math.max(1, Math.floor((inner + gap) / (chipW + gap)));
    let h = 0;
    for (const g of input.groups) h += rowLabelH + Math.max(1, Math.ceil(g.members / perRow)) * (chipH + gap) + pad;
    return { chipW, chipH, perRow, h };
  };
  const headerH = Math.round(pad / 2 + (headLines + (stacked ? 2 : 1)) * lineH + 4);
  const groupsY = stacked ? columnsY + lineH : columnsY;
  const ownerRowH = stacked ? Math.round(font * 1.6) : 0;
  let laneH = laneHeight(input.partitions, large);
  let chipLines: 0 | 1 | 2 = 2;
  let chips = chipsHeight(2);
  const total = () => headerH + input.partitions * (laneH + ownerRowH) + pad * 2 + chips.h + pad;
  if (input.maxHeight !== undefined && total() > input.maxHeight) {
    const minLane = Math.ceil(font * 1.3);
    const room = (c: typeof chips) => Math.floor((input.maxHeight! - headerH - pad * 3 - c.h) / Math.max(1, input.partitions)) - ownerRowH;
    laneH = clamp(room(chips), minLane, laneH);
    for (const lines of [1, 0] as const) {
      if (total() <= input.maxHeight) break;
      chipLines = lines;
      chips = chipsHeight(lines);
      laneH = clamp(room(chips), minLane, laneHeight(input.partitions, large));
    }
    // last resort: lanes just taller than their type
    if (total() > input.maxHeight) laneH = clamp(room(chips), font + 4, laneH);
  }
  const lanes: Lane[] = [];
  const rowH = laneH + ownerRowH;
  for (let p = 0; p < input.partitions; p++) {
    const y0 = headerH + p * rowH;
    lanes.push(stacked ? { partition: p, y: y0, h: rowH, mh: laneH, oy: y0 + laneH, oh: ownerRowH } : { partition: p, y: y0, h: laneH, mh: laneH, oy: y0, oh: laneH });
  }
  let y = headerH + input.partitions * rowH + pad * 2;
  const rows: GroupRow[] = input.groups.map((grp) => {
    const list: Chip[] = [];
    for (let m = 0; m < grp.members; m++) {
      const r = Math.floor(m / chips.perRow);
      const c = m % chips.perRow;
      list.push({ x: pad + c * (chips.chipW + gap), y: y + rowLabelH + r * (chips.chipH + gap), w: chips.chipW, h: chips.chipH });
    }
    const rowsUsed = Math.max(1, Math.ceil(grp.members / chips.perRow));
    const row = { id: grp.id, y, labelH: rowLabelH, chips: list };
    y += rowLabelH + rowsUsed * (chips.chipH + gap) + pad;
    return row;
  });
  return {
    width,
    height: Math.ceil(y + pad),
    font,
    small,
    line,
    labelX: pad,
    labelW,
    rateX: showRate ? pad + labelW - 8 : -1,
    marksX0,
    marksX1,
    headerH,
    topicY,
    columnsY,
    groupsY,
    stacked,
    badges,
    lanes,
    columns,
    rows,
    chipLines,
    window: Math.max(1, input.window),
  };
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

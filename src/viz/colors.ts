/**
 * Colours for keys (12, matching the simulator's keyColor 0..11). Mid-tone hues readable on both
 * the light and the dark surface; a key's colour is never the only carrier of a fact (the table
 * and log name keys, offsets and owners in words).
 */
export const KEY_COLORS = ['#4e79a7', '#f28e2b', '#e15759', '#76b7b2', '#59a14f', '#edc948', '#b07aa1', '#ff9da7', '#9c755f', '#8cd17d', '#86bcb6', '#d4a6c8'] as const;

export function keyColor(i: number): string {
  return KEY_COLORS[((i % KEY_COLORS.length) + KEY_COLORS.length) % KEY_COLORS.length] ?? KEY_COLORS[0];
}

/** Theme colours the canvas needs, read from the page's CSS variables. */
export interface Palette {
  bg: string;
  surface: string;
  surface2: string;
  ink: string;
  ink2: string;
  line: string;
  accent: string;
  ok: string;
  warn: string;
  danger: string;
}

export const FALLBACK_PALETTE: Palette = {
  bg: '#ffffff',
  surface: '#ffffff',
  surface2: '#f3f4f6',
  ink: '#111827',
  ink2: '#4b5563',
  line: '#9ca3af',
  accent: '#1d4ed8',
  ok: '#15803d',
  warn: '#b45309',
  danger: '#b91c1c',
};

export function readPalette(el: Element): Palette {
  const cs = getComputedStyle(el);
  const v = (name: string, fallback: string) => cs.getPropertyValue(name).trim() || fallback;
  return {
    bg: v('--bg', FALLBACK_PALETTE.bg),
    surface: v('--surface', FALLBACK_PALETTE.surface),
    surface2: v('--surface-2', FALLBACK_PALETTE.surface2),
    ink: v('--ink', FALLBACK_PALETTE.ink),
    ink2: v('--ink-2', FALLBACK_PALETTE.ink2),
    line: v('--line', FALLBACK_PALETTE.line),
    accent: v('--accent', FALLBACK_PALETTE.accent),
    ok: v('--ok', FALLBACK_PALETTE.ok),
    warn: v('--warn', FALLBACK_PALETTE.warn),
    danger: v('--danger', FALLBACK_PALETTE.danger),
  };
}

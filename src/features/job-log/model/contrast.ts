/**
 * Readable log colours: a colour pair that a job prints is drawn as printed unless its
 * contrast is below a floor (WCAG's ratio), in which case the text becomes black or white,
 * whichever reads better on that background. Black on green stays black; black on the
 * log's own dark background (invisible in a terminal too) becomes white. Terminals call this
 * a minimum contrast ratio; GitLab's palette is kept as it is everywhere it is readable.
 */
import { TRUECOLOR, type SgrStyle } from './sgr.ts';

/** The colours a style's numbers stand for: the log's default fg/bg and its 16-colour palette. */
export interface LogPalette {
  fg: string;
  bg: string;
  /** Indexes 0..15: black, red, green, yellow, blue, magenta, cyan, white, then the bright ones. */
  colors: Readonly<Record<number, string>>;
}

const CUBE = [0, 95, 135, 175, 215, 255];

/** xterm's 256-colour palette above the first 16, as 0xRRGGBB. */
function xtermRgb(idx: number): number {
  if (idx >= 232) {
    const v = 8 + (idx - 232) * 10;
    return (v << 16) | (v << 8) | v;
  }
  const n = idx - 16;
  const r = CUBE[Math.floor(n / 36) % 6] ?? 0;
  const g = CUBE[Math.floor(n / 6) % 6] ?? 0;
  const b = CUBE[n % 6] ?? 0;
  return (r << 16) | (g << 8) | b;
}

function hexRgb(hex: string): number {
  const h = hex.replace('#', '');
  const full = h.length === 3 ? h.replace(/./g, (c) => c + c) : h;
  return Number.parseInt(full, 16) & 0xffffff;
}

/** 0xRRGGBB of a colour number (sgr.ts: 0 default, 1..256 palette + 1, TRUECOLOR | rgb). */
export function resolveColor(color: number, palette: LogPalette, isBackground: boolean): number {
  if (color >= TRUECOLOR) return color - TRUECOLOR;
  if (color === 0) return hexRgb(isBackground ? palette.bg : palette.fg);
  const idx = color - 1;
  if (idx < 16) return hexRgb(palette.colors[idx] ?? (isBackground ? palette.bg : palette.fg));
  return xtermRgb(idx);
}

function channel(v: number): number {
  const c = v / 255;
  return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
}

/** WCAG relative luminance of 0xRRGGBB. */
export function luminance(rgb: number): number {
  return 0.2126 * channel((rgb >> 16) & 255) + 0.7152 * channel((rgb >> 8) & 255) + 0.0722 * channel(rgb & 255);
}

/** WCAG contrast ratio (1..21) of two 0xRRGGBB colours. */
export function contrastRatio(a: number, b: number): number {
  const la = luminance(a);
  const lb = luminance(b);
  return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
}

const BLACK = 0x000000;
const WHITE = 0xffffff;
const cache = new WeakMap<LogPalette, Map<number, number>>();

/** The foreground to draw for `fg` on `bg` (colour numbers as in sgr.ts). */
export function readableForeground(fg: number, bg: number, palette: LogPalette, minContrast: number): number {
  let known = cache.get(palette);
  if (!known) cache.set(palette, (known = new Map()));
  const key = fg * 0x4000000 + bg;
  const hit = known.get(key);
  if (hit !== undefined) return hit;
  const back = resolveColor(bg, palette, true);
  let out = fg;
  if (contrastRatio(resolveColor(fg, palette, false), back) < minContrast) {
    out = TRUECOLOR | (contrastRatio(BLACK, back) >= contrastRatio(WHITE, back) ? BLACK : WHITE);
  }
  known.set(key, out);
  return out;
}

/** The style with its foreground made readable; the same object when it already is. */
export function readableStyle(style: Readonly<SgrStyle>, palette: LogPalette, minContrast: number): Readonly<SgrStyle> {
  const fg = readableForeground(style.fg, style.bg, palette, minContrast);
  return fg === style.fg ? style : { fg, bg: style.bg, flags: style.flags };
}

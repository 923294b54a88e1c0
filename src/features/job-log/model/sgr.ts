/**
 * SGR (Select Graphic Rendition, `ESC[…m`) state as GitLab's log renders it
 * (lib/gitlab/ci/ansi2json/v2/ansi_evaluator.rb): colours and five switches.
 *
 * A colour is one number so that a whole style fits three small integers:
 * 0 = terminal default, 1..256 = xterm palette index + 1, TRUECOLOR | 0xRRGGBB = 24-bit.
 */
export interface SgrStyle {
  fg: number;
  bg: number;
  flags: number;
}

export const BOLD = 1;
export const ITALIC = 2;
export const UNDERLINE = 4;
export const CONCEAL = 8;
export const STRIKE = 16;

export const TRUECOLOR = 0x1000000;

export const DEFAULT_STYLE: Readonly<SgrStyle> = Object.freeze({ fg: 0, bg: 0, flags: 0 });

export function cloneStyle(style: Readonly<SgrStyle>): SgrStyle {
  return { fg: style.fg, bg: style.bg, flags: style.flags };
}

export function sameStyle(a: Readonly<SgrStyle>, b: Readonly<SgrStyle>): boolean {
  return a.fg === b.fg && a.bg === b.bg && a.flags === b.flags;
}

export function isDefaultStyle(style: Readonly<SgrStyle>): boolean {
  return style.fg === 0 && style.bg === 0 && style.flags === 0;
}

/** Palette index (0..255) of a colour, or -1 for default and truecolor. */
export function paletteIndex(color: number): number {
  return color >= 1 && color <= 256 ? color - 1 : -1;
}

// Reused parameter buffer: SGR sequences are parsed on the hot path of the indexer.
const params = new Int32Array(64);

/**
 * Applies the SGR parameters found in `text[from, to)` (the bytes between `ESC[` and `m`)
 * to `style`. Empty parameters count as 0 (`ESC[m` resets), unknown codes are ignored.
 */
export function applySgr(style: SgrStyle, text: string, from: number, to: number): void {
  let n = 0;
  let value = 0;
  let hasDigit = false;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0x30 && c <= 0x39) {
      value = value * 10 + (c - 0x30);
      if (value > 0xffffff) value = 0xffffff;
      hasDigit = true;
    } else if (c === 0x3b || c === 0x3a) {
      if (n < params.length) params[n++] = hasDigit ? value : 0;
      value = 0;
      hasDigit = false;
    }
  }
  if (n < params.length) params[n++] = hasDigit ? value : 0;

  for (let k = 0; k < n; k++) {
    const code = params[k] ?? 0;
    if (code === 0) {
      style.fg = 0;
      style.bg = 0;
      style.flags = 0;
    } else if (code === 1) style.flags |= BOLD;
    else if (code === 3) style.flags |= ITALIC;
    else if (code === 4) style.flags |= UNDERLINE;
    else if (code === 8) style.flags |= CONCEAL;
    else if (code === 9) style.flags |= STRIKE;
    else if (code === 21 || code === 22) style.flags &= ~BOLD;
    else if (code === 23) style.flags &= ~ITALIC;
    else if (code === 24) style.flags &= ~UNDERLINE;
    else if (code === 28) style.flags &= ~CONCEAL;
    else if (code === 29) style.flags &= ~STRIKE;
    else if (code >= 30 && code <= 37) style.fg = code - 30 + 1;
    else if (code === 39) style.fg = 0;
    else if (code >= 40 && code <= 47) style.bg = code - 40 + 1;
    else if (code === 49) style.bg = 0;
    else if (code >= 90 && code <= 97) style.fg = code - 90 + 8 + 1;
    else if (code >= 100 && code <= 107) style.bg = code - 100 + 8 + 1;
    else if (code === 38 || code === 48) {
      // 38;5;n (256 colours) or 38;2;r;g;b (truecolor); a malformed tail is skipped.
      const mode = params[k + 1];
      let color = -1;
      if (mode === 5 && k + 2 < n) {
        const idx = params[k + 2] ?? 0;
        if (idx >= 0 && idx <= 255) color = idx + 1;
        k += 2;
      } else if (mode === 2 && k + 4 < n) {
        const r = params[k + 2] ?? 0;
        const g = params[k + 3] ?? 0;
        const b = params[k + 4] ?? 0;
        if (r <= 255 && g <= 255 && b <= 255) color = TRUECOLOR | (r << 16) | (g << 8) | b;
        k += 4;
      } else {
        k = n;
      }
      if (color >= 0) {
        if (code === 38) style.fg = color;
        else style.bg = color;
      }
    }
  }
}

function colorCodes(color: number, base: number, brightBase: number, extended: number): string {
  if (color === 0) return '';
  if (color >= TRUECOLOR) {
    const rgb = color - TRUECOLOR;
    return `\x1b[${extended};2;${(rgb >> 16) & 255};${(rgb >> 8) & 255};${rgb & 255}m`;
  }
  const idx = color - 1;
  if (idx < 8) return `\x1b[${base + idx}m`;
  if (idx < 16) return `\x1b[${brightBase + idx - 8}m`;
  return `\x1b[${extended};5;${idx}m`;
}

/**
 * The style as a canonical SGR string that starts from a reset. Each attribute is its own
 * sequence because ansi-to-html only recognises `38;5;n` and `38;2;r;g;b` on their own.
 */
export function styleToAnsi(style: Readonly<SgrStyle>): string {
  let out = '\x1b[0m';
  if (style.flags & BOLD) out += '\x1b[1m';
  if (style.flags & ITALIC) out += '\x1b[3m';
  if (style.flags & UNDERLINE) out += '\x1b[4m';
  if (style.flags & CONCEAL) out += '\x1b[8m';
  if (style.flags & STRIKE) out += '\x1b[9m';
  out += colorCodes(style.fg, 30, 90, 38);
  out += colorCodes(style.bg, 40, 100, 48);
  return out;
}

/** Red-ish foreground: what test runners and the runner itself use for failures. */
export function isRedColor(color: number): boolean {
  if (color >= TRUECOLOR) {
    const rgb = color - TRUECOLOR;
    const r = (rgb >> 16) & 255;
    const g = (rgb >> 8) & 255;
    const b = rgb & 255;
    return r >= 160 && g < 100 && b < 100;
  }
  const idx = color - 1;
  return idx === 1 || idx === 9 || idx === 88 || idx === 124 || idx === 160 || idx === 196 || idx === 197 || idx === 203;
}

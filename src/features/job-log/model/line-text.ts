/**
 * One display line, made only when it is shown: its text and styled spans, or HTML through
 * ansi-to-html (escapeXML: true) seeded with the line's starting style, with URLs as links.
 * The rules are those of the indexer (scan-rules.ts), so a line shows what the index says.
 */
import Convert, { type AnsiToHtmlOptions } from 'ansi-to-html';
import { LINE_PLAIN, LINE_TIMESTAMP_PREFIX, type LogIndex } from './log-index.ts';
import { applySgr, cloneStyle, isDefaultStyle, sameStyle, styleToAnsi, type SgrStyle } from './sgr.ts';
import { readableStyle, type LogPalette } from './contrast.ts';
import { MARKER_SUFFIX_LENGTH, TS_PREFIX_LENGTH, escapeEnd, findMarker, isSgr } from './scan-rules.ts';

export interface StyledSpan {
  text: string;
  style: Readonly<SgrStyle>;
}

export interface LineContent {
  text: string;
  spans: StyledSpan[];
  /** Display characters past the ceiling (LineLimits), not in `text` or `spans`; 0 for most lines. */
  hidden: number;
}

/**
 * The most one displayed line may hold: a hostile line (2 MB of 100,000 colour changes) must not
 * become 400,000 DOM nodes. Past `maxSpans` style runs the rest of the text keeps the last run's
 * style (runs are merged); past `maxChars` the text is cut and counted in `hidden`. Search and the
 * downloaded log still have the whole line.
 */
export interface LineLimits {
  maxChars: number;
  maxSpans: number;
}

/** The ceiling of a line on screen: at most 2,000 styled runs (spans) and 20,000 characters. */
export const DISPLAY_LIMITS: LineLimits = Object.freeze({ maxChars: 20_000, maxSpans: 2_000 });

const NO_LIMITS: LineLimits = Object.freeze({ maxChars: Number.POSITIVE_INFINITY, maxSpans: Number.POSITIVE_INFINITY });

/**
 * Where display text may stop in a raw line range: the next ESC, `\r` and (in a timestamped
 * log, where a `+` line is joined) `\n`, each searched for once and remembered until passed.
 * Shared by renderRawLine and rawLineText so that both stop at the same places.
 */
class RawLineStops {
  /** Next ESC at or after the last `next(q)`, the raw length when none. */
  esc = -1;
  /** Next `\r`, as esc. */
  cr = -1;
  private nl = -1;
  private readonly raw: string;
  private readonly timestamped: boolean;

  constructor(raw: string, timestamped: boolean) {
    this.raw = raw;
    this.timestamped = timestamped;
  }

  /** The nearest stop at or after `q`, the raw length when none. */
  next(q: number): number {
    const raw = this.raw;
    const len = raw.length;
    if (this.esc < q) {
      const e = raw.indexOf('\x1b', q);
      this.esc = e < 0 ? len : e;
    }
    if (this.cr < q) {
      const c = raw.indexOf('\r', q);
      this.cr = c < 0 ? len : c;
    }
    const k = this.esc < this.cr ? this.esc : this.cr;
    if (!this.timestamped) return k;
    if (this.nl < q) {
      const n = raw.indexOf('\n', q);
      this.nl = n < 0 ? len : n;
    }
    return this.nl < k ? this.nl : k;
  }
}

/**
 * Display content of a raw line range: escapes and section markers dropped, `\r` overwrites
 * applied, timestamp prefixes (at the start when `prefixed`, after each joined `\n` when
 * `timestamped`) skipped. `start` is the SGR style in force where the range begins.
 */
export function renderRawLine(raw: string, start: Readonly<SgrStyle>, prefixed: boolean, timestamped: boolean, limits: LineLimits = NO_LIMITS): LineContent {
  const len = raw.length;
  const spans: StyledSpan[] = [];
  let style: Readonly<SgrStyle> = start;
  let q = prefixed ? TS_PREFIX_LENGTH : 0;
  const stops = new RawLineStops(raw, timestamped);
  // Work stays linear in the line's length, and what is kept stays under the limits.
  let shown = 0;
  let hidden = 0;
  const add = (from: number, to: number) => {
    const room = limits.maxChars - shown;
    if (room <= 0) {
      hidden += to - from;
      return;
    }
    const take = Math.min(to - from, room);
    hidden += to - from - take;
    shown += take;
    const piece = raw.slice(from, from + take);
    const last = spans[spans.length - 1];
    if (last && (spans.length >= limits.maxSpans || sameStyle(last.style, style))) last.text += piece;
    else spans.push({ text: piece, style });
  };
  while (q < len) {
    const k = stops.next(q);
    const marker = k === stops.cr && k < len ? findMarker(raw, q, k, len) : null;
    const runEnd = marker ? marker.at : k;
    if (runEnd > q) add(q, runEnd);
    if (k >= len) break;
    if (marker) {
      q = k + MARKER_SUFFIX_LENGTH;
    } else if (k === stops.esc) {
      const end = escapeEnd(raw, k, len);
      if (isSgr(raw, k, end)) {
        const next = cloneStyle(style);
        applySgr(next, raw, k + 2, end - 1);
        if (!sameStyle(next, style)) style = next;
      }
      q = end;
    } else if (k === stops.cr) {
      spans.length = 0;
      shown = 0;
      hidden = 0;
      q = k + 1;
    } else {
      q = k + 1 + TS_PREFIX_LENGTH;
    }
  }
  let text = '';
  for (const s of spans) text += s.text;
  return { text, spans, hidden };
}

/** Text and spans of line `i`, within `limits` (none by default; the screen uses DISPLAY_LIMITS). */
export function lineContent(index: LogIndex, i: number, limits: LineLimits = NO_LIMITS): LineContent {
  const flags = index.lineFlags(i);
  const style = index.style(index.lineStyleId(i));
  if (flags & LINE_PLAIN) {
    const from = index.contentStart(i);
    const end = index.lineEnd(i);
    const to = Math.min(end, from + limits.maxChars);
    const text = index.slice(from, to);
    return { text, spans: text.length > 0 ? [{ text, style }] : [], hidden: end - to };
  }
  const raw = index.slice(index.lineStart(i), index.lineEnd(i));
  return renderRawLine(raw, style, (flags & LINE_TIMESTAMP_PREFIX) !== 0, index.hasTimestamps, limits);
}

/** Display text of a raw line range, as renderRawLine but without styles (search's hot path). */
export function rawLineText(raw: string, prefixed: boolean, timestamped: boolean): string {
  const len = raw.length;
  let text = '';
  let q = prefixed ? TS_PREFIX_LENGTH : 0;
  const stops = new RawLineStops(raw, timestamped);
  while (q < len) {
    const k = stops.next(q);
    const marker = k === stops.cr && k < len ? findMarker(raw, q, k, len) : null;
    const runEnd = marker ? marker.at : k;
    if (runEnd > q) text += raw.slice(q, runEnd);
    if (k >= len) break;
    if (marker) q = k + MARKER_SUFFIX_LENGTH;
    else if (k === stops.esc) q = escapeEnd(raw, k, len);
    else if (k === stops.cr) {
      text = '';
      q = k + 1;
    } else q = k + 1 + TS_PREFIX_LENGTH;
  }
  return text;
}

/** Display text of line `i` (what search sees). */
export function lineText(index: LogIndex, i: number): string {
  const flags = index.lineFlags(i);
  if (flags & LINE_PLAIN) return index.slice(index.contentStart(i), index.lineEnd(i));
  return rawLineText(index.slice(index.lineStart(i), index.lineEnd(i)), (flags & LINE_TIMESTAMP_PREFIX) !== 0, index.hasTimestamps);
}

/** Styled spans of line `i`; the first carries the style the line starts with. */
export function lineSpans(index: LogIndex, i: number): StyledSpan[] {
  return lineContent(index, i).spans;
}

const converters = new Map<string, Convert>();

const convertersByObject = new WeakMap<object, Convert>();

function converter(options: AnsiToHtmlOptions | undefined): Convert {
  // The same options object comes back for every line: skip stringifying the palette each time.
  const known = options ? convertersByObject.get(options) : undefined;
  if (known) return known;
  const key = options ? JSON.stringify(options) : '';
  let conv = converters.get(key);
  if (!conv) {
    // escapeXML is forced: the HTML goes to dangerouslySetInnerHTML. stream stays off: each
    // line is seeded with its own starting style instead.
    conv = new Convert({ ...options, escapeXML: true, stream: false, newline: false });
    converters.set(key, conv);
  }
  if (options) convertersByObject.set(options, conv);
  return conv;
}

export interface LineHtmlOptions {
  /** ansi-to-html colours (fg, bg, palette); escapeXML is always on. */
  ansi?: Omit<AnsiToHtmlOptions, 'escapeXML' | 'stream' | 'newline'>;
  /** Turn http(s) URLs into links (default true). */
  links?: boolean;
  /**
   * A contrast floor (WCAG ratio) for text on its background, given `ansi.fg`, `ansi.bg` and
   * the 16 `ansi.colors`: a pair below it is drawn in black or white (contrast.ts).
   */
  minContrast?: number;
}

function paletteOf(options: LineHtmlOptions | undefined): LogPalette | null {
  const ansi = options?.ansi;
  if (!options?.minContrast || !ansi?.fg || !ansi.bg || !ansi.colors) return null;
  return ansi as LogPalette;
}

/** Spans as HTML through ansi-to-html: every span restates its full style from a reset. */
export function spansToHtml(spans: readonly StyledSpan[], options?: LineHtmlOptions): string {
  let ansi = '';
  const palette = paletteOf(options);
  for (const span of spans) {
    const style = palette && options?.minContrast ? readableStyle(span.style, palette, options.minContrast) : span.style;
    // Text with a default style needs only the reset; control bytes left in the text
    // (backspace) are dropped by ansi-to-html as a terminal would.
    ansi += isDefaultStyle(style) ? '\x1b[0m' : styleToAnsi(style);
    ansi += span.text;
  }
  const html = ansi.length > 0 ? converter(options?.ansi).toHtml(ansi) : '';
  return options?.links === false ? html : linkify(html);
}

/** HTML of line `i`, escaped, styled from the line's own starting style, links made. */
export function lineHtml(index: LogIndex, i: number, options?: LineHtmlOptions): string {
  return spansToHtml(lineSpans(index, i), options);
}

const LINK_ATTRS = 'rel="nofollow noopener noreferrer" target="_blank"';

// GitLab's linkRegex (ci/job_details/components/log/utils.js) stops a URL at whitespace and
// at "'<>()\^`{|}; a URL may not end in .,:;!? nor right after [ or ].
function stopsUrl(c: number): boolean {
  return (
    c <= 0x20 ||
    c === 0x22 ||
    c === 0x27 ||
    c === 0x3c ||
    c === 0x3e ||
    c === 0x28 ||
    c === 0x29 ||
    c === 0x5c ||
    c === 0x5e ||
    c === 0x60 ||
    c === 0x7b ||
    c === 0x7c ||
    c === 0x7d ||
    c === 0x7f ||
    c === 0xa0 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000 ||
    c === 0xfeff
  );
}

function trailingPunctuation(c: number): boolean {
  return c === 0x2e || c === 0x2c || c === 0x3a || c === 0x3b || c === 0x21 || c === 0x3f || c === 0x5b || c === 0x5d;
}

/** Length of the entity at `html[i] === '&'` when it may be part of a URL, else 0. */
function urlEntityLength(html: string, i: number): number {
  const semi = html.indexOf(';', i);
  if (semi < 0 || semi - i > 12) return 0;
  const name = html.slice(i + 1, semi);
  if (name === 'amp') return semi - i + 1;
  if (name.charCodeAt(0) !== 0x23) return 0;
  const hex = name.charCodeAt(1) === 0x78 || name.charCodeAt(1) === 0x58;
  const cp = hex ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
  if (!Number.isFinite(cp) || cp < 0 || cp > 0x10ffff) return 0;
  return stopsUrl(cp) ? 0 : semi - i + 1;
}

/**
 * Turns http(s) URLs in already-escaped HTML text into links. Tags are skipped (and text
 * inside an existing <a> is left alone); entities stay intact: `&amp;` may be part of a URL,
 * `&lt;`, `&gt;`, `&quot;`, `&apos;` end it. Only `http://` and `https://` ever become an href,
 * and the href is the escaped text itself, so it cannot break out of the attribute.
 */
export function linkify(html: string): string {
  let out = '';
  let last = 0;
  let i = 0;
  const n = html.length;
  while (i < n) {
    const ch = html.charCodeAt(i);
    if (ch === 0x3c) {
      const close = html.indexOf('>', i);
      if (close < 0) break;
      const isAnchor = (html.charCodeAt(i + 1) === 0x61 || html.charCodeAt(i + 1) === 0x41) && html.charCodeAt(i + 2) <= 0x20;
      if (isAnchor || html.startsWith('<a>', i)) {
        const end = html.indexOf('</a>', close);
        i = end < 0 ? n : end + 4;
      } else {
        i = close + 1;
      }
      continue;
    }
    if (ch === 0x68 && (html.startsWith('http://', i) || html.startsWith('https://', i))) {
      const schemeEnd = i + (html.charCodeAt(i + 4) === 0x73 ? 8 : 7);
      let j = schemeEnd;
      while (j < n) {
        const c = html.charCodeAt(j);
        if (c === 0x26) {
          const el = urlEntityLength(html, j);
          if (el === 0) break;
          j += el;
        } else if (stopsUrl(c)) {
          break;
        } else {
          j++;
        }
      }
      // Drop trailing punctuation, but never cut into an entity such as `&amp;`.
      let end = j;
      while (end > schemeEnd) {
        const c = html.charCodeAt(end - 1);
        if (c === 0x3b) {
          const amp = html.lastIndexOf('&', end - 1);
          if (amp >= schemeEnd && urlEntityLength(html, amp) === end - amp) break;
        }
        if (!trailingPunctuation(c)) break;
        end--;
      }
      if (end > schemeEnd) {
        const url = html.slice(i, end);
        out += html.slice(last, i) + `<a href="${url}" ${LINK_ATTRS}>${url}</a>`;
        last = end;
        i = end;
        continue;
      }
      i = j > i ? j : i + 1;
      continue;
    }
    i++;
  }
  return last === 0 ? html : out + html.slice(last);
}

/**
 * Search over the whole log's display text (collapsed sections included) and the failure
 * finder, a raw chunk of the text at a time. Plain lines (no escapes, no `\r`) are searched in
 * the raw text with one scan over the chunk; only the other lines are rendered to text first.
 * A compacted chunk (UTF-8 bytes) is not decoded for a printable ASCII query or the failure
 * words: they are found in the bytes (utf8-scan.ts), and only the lines that are not plain are
 * decoded, in one call per chunk. A regex or a non-ASCII query decodes each chunk once.
 */
import { LINE_PLAIN, LINE_TIMESTAMP_PREFIX, type LogIndex, type RawChunk } from './log-index.ts';
import { lineContent, lineText, rawLineText, renderRawLine } from './line-text.ts';
import { isRedColor } from './sgr.ts';
import {
  DisplayBytes,
  GatheredLines,
  Utf8Cursor,
  byteFinder,
  hasVisibleBytes,
  isByteSearchable,
  maySetRedInBytes,
  multiByteFinder,
  showsRedInBytes,
  unitsBetween,
  type ByteFinder,
  type MultiByteFinder,
} from './utf8-scan.ts';
import type { Utf8Bytes } from './utf8-text.ts';

export interface SearchOptions {
  caseSensitive?: boolean;
  regex?: boolean;
}

/** One match in display coordinates: line index, [start, end) in the line's display text. */
export interface SearchMatch {
  line: number;
  start: number;
  end: number;
}

/** Matches are kept in typed arrays (a common word can match millions of times). */
export type SearchResult =
  | { ok: true; total: number; lines: Uint32Array; starts: Uint32Array; ends: Uint32Array }
  | { ok: false; error: string };

export function getMatch(result: Extract<SearchResult, { ok: true }>, k: number): SearchMatch | undefined {
  if (k < 0 || k >= result.total) return undefined;
  return { line: result.lines[k] ?? 0, start: result.starts[k] ?? 0, end: result.ends[k] ?? 0 };
}

class MatchList {
  total = 0;
  lines = new Uint32Array(256);
  starts = new Uint32Array(256);
  ends = new Uint32Array(256);

  add(line: number, start: number, end: number): void {
    if (this.total === this.lines.length) {
      const cap = this.total * 2;
      const grow = (a: Uint32Array) => {
        const b = new Uint32Array(cap);
        b.set(a);
        return b;
      };
      this.lines = grow(this.lines);
      this.starts = grow(this.starts);
      this.ends = grow(this.ends);
    }
    const k = this.total++;
    this.lines[k] = line;
    this.starts[k] = start;
    this.ends[k] = end;
  }

  result(): SearchResult {
    return {
      ok: true,
      total: this.total,
      lines: this.lines.slice(0, this.total),
      starts: this.starts.slice(0, this.total),
      ends: this.ends.slice(0, this.total),
    };
  }
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

const decoder = new TextDecoder();

/** Searches every line; an invalid regex gives `{ ok: false, error }`, never a throw. */
export function searchLog(index: LogIndex, query: string, options: SearchOptions = {}): SearchResult {
  const matches = new MatchList();
  if (query.length === 0 || index.lineCount === 0) return matches.result();
  const caseSensitive = options.caseSensitive ?? false;
  let re: RegExp;
  try {
    re = new RegExp(options.regex ? query : escapeRegExp(query), caseSensitive ? 'g' : 'gi');
  } catch (error) {
    return { ok: false, error: `Invalid regular expression: ${error instanceof Error ? error.message : String(error)}` };
  }
  if (options.regex) searchRegex(index, re, matches);
  else searchPlain(index, query, caseSensitive, re, matches);
  return matches.result();
}

/** What a whole-log walk does with the lines of one chunk, and with a line that straddles two. */
interface ChunkVisitor {
  /** Lines [first, end) lie inside the chunk (raw start to content end). */
  chunk(chunk: RawChunk, first: number, end: number): void;
  line(line: number): void;
}

/** Walks the lines from `fromLine` on, in order, grouped by the raw chunk that holds them. */
function walkChunks(index: LogIndex, visitor: ChunkVisitor, fromLine = 0): void {
  const chunks = index.rawChunks();
  const n = index.lineCount;
  let i = Math.max(0, fromLine);
  if (i >= n) return;
  const first = index.lineStart(i);
  let k = 0;
  while (k < chunks.length - 1 && (chunks[k + 1]?.start ?? 0) <= first) k++;
  for (; k < chunks.length && i < n; k++) {
    const chunk = chunks[k];
    if (!chunk) break;
    const chunkEnd = chunk.start + chunk.length;
    // A line that began in an earlier chunk and ends in this one (or further).
    while (i < n && index.lineStart(i) < chunk.start) visitor.line(i++);
    let j = i;
    while (j < n && index.lineEnd(j) <= chunkEnd) j++;
    if (j > i) visitor.chunk(chunk, i, j);
    i = j;
  }
  while (i < n) visitor.line(i++);
}

/** Raw text of the lines of a decoded chunk (`text` starts at `offset`) that are not plain. */
function sliceRaw(index: LogIndex, text: string, offset: number, line: number): string {
  return text.slice(index.lineStart(line) - offset, index.lineEnd(line) - offset);
}

/** Display text of a line whose raw text the caller holds. */
function textOfRaw(index: LogIndex, line: number, raw: string): string {
  const flags = index.lineFlags(line);
  if (flags & LINE_PLAIN) return raw.slice(index.contentStart(line) - index.lineStart(line));
  return rawLineText(raw, (flags & LINE_TIMESTAMP_PREFIX) !== 0, index.hasTimestamps);
}

/** The raw text of some lines of a compacted chunk (ascending), decoded in one call: `raw(k)` for `lines[k]`. */
function otherLinesOf(index: LogIndex, chunk: RawChunk, bytes: Utf8Bytes, lines: readonly number[]): (k: number) => string {
  const ranges = new Int32Array(2 * lines.length);
  lines.forEach((line, k) => {
    ranges[2 * k] = index.lineStart(line) - chunk.start;
    ranges[2 * k + 1] = index.lineEnd(line) - chunk.start;
  });
  const gathered = new GatheredLines(bytes, ranges, lines.length, decoder);
  return (k) => {
    const line = lines[k] ?? 0;
    return gathered.raw(k) ?? index.slice(index.lineStart(line), index.lineEnd(line));
  };
}

function searchPlain(index: LogIndex, needle: string, caseSensitive: boolean, re: RegExp, matches: MatchList): void {
  const L = needle.length;
  const inText = (text: string, line: number) => {
    if (caseSensitive) {
      for (let h = text.indexOf(needle); h >= 0; h = text.indexOf(needle, h + L)) matches.add(line, h, h + L);
    } else {
      re.lastIndex = 0;
      for (let m = re.exec(text); m; m = re.exec(text)) matches.add(line, m.index, m.index + m[0].length);
    }
  };
  const find = isByteSearchable(needle) ? byteFinder(needle, caseSensitive) : null;
  walkChunks(index, {
    chunk(chunk, first, end) {
      if (find && chunk.utf8) searchBytes(index, chunk, chunk.utf8, first, end, find, L, matches, inText);
      else searchText(index, chunk, first, end, re, L, matches, inText);
    },
    line: (line) => inText(lineText(index, line), line),
  });
}

/**
 * One chunk as a string: a global regex of the escaped needle finds hits for the plain lines in
 * one native scan (V8 sets its search up once, where indexOf on a big two-byte string would set
 * it up at every call); the other lines are rendered and searched on their own.
 */
function searchText(
  index: LogIndex,
  chunk: RawChunk,
  first: number,
  end: number,
  re: RegExp,
  L: number,
  matches: MatchList,
  inText: (text: string, line: number) => void,
): void {
  const text = chunk.decode();
  const offset = chunk.start;
  const find = (from: number) => {
    re.lastIndex = from;
    const m = re.exec(text);
    return m ? m.index : -1;
  };
  let hit = -2;
  for (let i = first; i < end; i++) {
    if (!(index.lineFlags(i) & LINE_PLAIN)) {
      inText(textOfRaw(index, i, sliceRaw(index, text, offset, i)), i);
      continue;
    }
    const from = index.contentStart(i) - offset;
    const to = index.lineEnd(i) - offset;
    if (hit === -2 || (hit >= 0 && hit < from)) hit = find(from);
    while (hit >= 0 && hit + L <= to) {
      matches.add(i, hit - from, hit - from + L);
      hit = find(hit + L);
    }
  }
}

/**
 * One compacted chunk, not decoded: the needle's hits come from a byte search over the chunk; a
 * cursor turns each line's start into a byte offset (walking on in order), a hit is placed in
 * its line by bytes and its column counted within the line. A hit before a plain line's content
 * is searched for again from there, as the string scan does. A line that is not plain is
 * searched in its display bytes (escapes dropped); only one with `\r` redraws, markers or joined
 * timestamped lines is decoded and rendered.
 */
function searchBytes(
  index: LogIndex,
  chunk: RawChunk,
  bytes: Utf8Bytes,
  first: number,
  end: number,
  find: ByteFinder,
  L: number,
  matches: MatchList,
  inText: (text: string, line: number) => void,
): void {
  const raw = bytes.bytes;
  const cursor = new Utf8Cursor(bytes);
  const display = new DisplayBytes();
  const offset = chunk.start;
  // The current hit's byte offset in the chunk: -2 before the first search, -1 when none is left.
  let hit = -2;
  for (let i = first; i < end; i++) {
    const flags = index.lineFlags(i);
    if (!(flags & LINE_PLAIN)) {
      const b0 = cursor.toByte(index.lineStart(i) - offset);
      const b1 = cursor.toByte(index.lineEnd(i) - offset);
      if (b0 >= 0 && b1 >= 0 && display.render(raw, b0, b1, (flags & LINE_TIMESTAMP_PREFIX) !== 0)) {
        for (let h = find(display.bytes, 0, display.length); h >= 0; h = find(display.bytes, h + L, display.length)) {
          const at = display.unitsBefore(h);
          matches.add(i, at, at + L);
        }
      } else {
        const text = b0 >= 0 && b1 >= 0 ? decoder.decode(raw.subarray(b0, b1)) : index.slice(index.lineStart(i), index.lineEnd(i));
        inText(textOfRaw(index, i, text), i);
      }
      continue;
    }
    const length = index.lineEnd(i) - index.contentStart(i);
    const b0 = cursor.byteAtOrAfter(index.contentStart(i) - offset);
    if (hit === -2 || (hit >= 0 && hit < b0)) hit = find(raw, b0, raw.length);
    // A code unit is 1 to 3 bytes: a hit further than that is in a later line; a nearer one is
    // placed by the line's end (where the cursor goes on from anyway).
    if (hit < 0 || hit + L > b0 + 3 * length) continue;
    const b1 = cursor.byteAtOrAfter(index.lineEnd(i) - offset);
    while (hit >= 0 && hit + L <= b1) {
      const at = unitsBetween(raw, b0, hit);
      matches.add(i, at, at + L);
      hit = find(raw, hit + L, raw.length);
    }
  }
}

function searchRegex(index: LogIndex, re: RegExp, matches: MatchList): void {
  const inText = (text: string, line: number) => {
    re.lastIndex = 0;
    for (let m = re.exec(text); m; m = re.exec(text)) {
      if (m[0].length === 0) {
        // Empty matches are not results; step over them so that the loop ends.
        re.lastIndex = m.index + 1;
        if (re.lastIndex > text.length) break;
        continue;
      }
      matches.add(line, m.index, m.index + m[0].length);
    }
  };
  walkChunks(index, {
    chunk(chunk, first, end) {
      // Decoded once, in one call, instead of a piece at a time per line.
      const text = chunk.decode();
      for (let i = first; i < end; i++) inText(textOfRaw(index, i, sliceRaw(index, text, chunk.start, i)), i);
    },
    line: (line) => inText(lineText(index, line), line),
  });
}

const FAILURE_WORDS = /ERROR:|error:|FAILED|Error/;
const FAILURE_WORDS_G = new RegExp(FAILURE_WORDS.source, 'g');
const FAILURE_WORD_LIST = ['ERROR:', 'error:', 'FAILED', 'Error'];
// An SGR parameter list holding 31, 91 or 38 (256/truecolor) might turn the text red.
const MAY_SET_RED = /[[;:](?:31|91|38)[;:m]/;

/**
 * Lines that look like failures, first one first: `ERROR:`, `error:`, `FAILED`, `Error`, or
 * red text (how the runner and test tools print a failing command). From line `fromLine` on
 * (the whole log by default).
 */
export function findFailures(index: LogIndex, fromLine = 0): Uint32Array {
  const out: number[] = [];
  const redStyle = new Uint8Array(index.styleCount);
  for (let id = 0; id < redStyle.length; id++) redStyle[id] = isRedColor(index.style(id).fg) ? 1 : 0;
  const words = multiByteFinder(FAILURE_WORD_LIST, true);
  // A line that is not plain: its display text, then its red spans if any can be red.
  const otherFails = (line: number, raw: string) => {
    const flags = index.lineFlags(line);
    if (FAILURE_WORDS.test(rawLineText(raw, (flags & LINE_TIMESTAMP_PREFIX) !== 0, index.hasTimestamps))) return true;
    const style = index.style(index.lineStyleId(line));
    // Styles are worked out only for lines that can be red at all.
    if (!isRedColor(style.fg) && !MAY_SET_RED.test(raw)) return false;
    return renderRawLine(raw, style, (flags & LINE_TIMESTAMP_PREFIX) !== 0, index.hasTimestamps).spans.some((s) => isRedColor(s.style.fg) && s.text.trim().length > 0);
  };
  walkChunks(
    index,
    {
      chunk(chunk, first, end) {
        if (chunk.utf8) failuresInBytes(index, chunk, chunk.utf8, first, end, words, redStyle, otherFails, out);
        else failuresInText(index, chunk, first, end, redStyle, otherFails, out);
      },
      line(line) {
        const flags = index.lineFlags(line);
        if (flags & LINE_PLAIN) {
          const text = lineText(index, line);
          if (FAILURE_WORDS.test(text) || (redStyle[index.lineStyleId(line)] === 1 && text.trim().length > 0)) out.push(line);
          return;
        }
        if (FAILURE_WORDS.test(lineText(index, line))) {
          out.push(line);
          return;
        }
        const raw = index.slice(index.lineStart(line), index.lineEnd(line));
        if (!isRedColor(index.style(index.lineStyleId(line)).fg) && !MAY_SET_RED.test(raw)) return;
        if (lineContent(index, line).spans.some((s) => isRedColor(s.style.fg) && s.text.trim().length > 0)) out.push(line);
      },
    },
    fromLine,
  );
  return Uint32Array.from(out);
}

function failuresInText(
  index: LogIndex,
  chunk: RawChunk,
  first: number,
  end: number,
  redStyle: Uint8Array,
  otherFails: (line: number, raw: string) => boolean,
  out: number[],
): void {
  const text = chunk.decode();
  const offset = chunk.start;
  const find = (from: number) => {
    FAILURE_WORDS_G.lastIndex = from;
    const m = FAILURE_WORDS_G.exec(text);
    return m ? m.index : -1;
  };
  let hit = -2;
  for (let i = first; i < end; i++) {
    if (!(index.lineFlags(i) & LINE_PLAIN)) {
      if (otherFails(i, sliceRaw(index, text, offset, i))) out.push(i);
      continue;
    }
    const from = index.contentStart(i) - offset;
    const to = index.lineEnd(i) - offset;
    if (hit === -2 || (hit >= 0 && hit < from)) hit = find(from);
    const red = () => to > from && redStyle[index.lineStyleId(i)] === 1 && text.slice(from, to).trim().length > 0;
    // The regex may have matched across the line's end: a hit inside is tested on the line itself.
    if (hit >= 0 && hit < to ? FAILURE_WORDS.test(text.slice(from, to)) || red() : red()) out.push(i);
  }
}

/**
 * One compacted chunk, not decoded: the failure words are searched for in the bytes (a word is
 * ASCII, so a byte match is a text match). A plain line fails when a hit lies inside its
 * content, or when its style is red and its bytes are not all whitespace. A line that is not
 * plain is tested on its display bytes; only one that may show red text or that needs the
 * general renderer is decoded (all of them in one call, then in order).
 */
function failuresInBytes(
  index: LogIndex,
  chunk: RawChunk,
  bytes: Utf8Bytes,
  first: number,
  end: number,
  words: MultiByteFinder,
  redStyle: Uint8Array,
  otherFails: (line: number, raw: string) => boolean,
  out: number[],
): void {
  const raw = bytes.bytes;
  const cursor = new Utf8Cursor(bytes);
  const display = new DisplayBytes();
  const offset = chunk.start;
  // This chunk's failure lines in order, and the lines to decode before they can be told.
  const found: number[] = [];
  const undecided: number[] = [];
  // The current hit's byte offset in the chunk: -2 before the first search, -1 when none is left.
  let hit = -2;
  for (let i = first; i < end; i++) {
    const flags = index.lineFlags(i);
    if (!(flags & LINE_PLAIN)) {
      const b0 = cursor.toByte(index.lineStart(i) - offset);
      const b1 = cursor.toByte(index.lineEnd(i) - offset);
      const prefixed = (flags & LINE_TIMESTAMP_PREFIX) !== 0;
      if (b0 >= 0 && b1 >= 0 && display.render(raw, b0, b1, prefixed)) {
        if (words.find(display.bytes, 0, display.length) >= 0) found.push(i);
        else {
          // Styles are worked out only for lines that can be red at all.
          const style = index.lineStyleId(i);
          if ((redStyle[style] === 1 || maySetRedInBytes(raw, b0, b1)) && showsRedInBytes(raw, b0, b1, prefixed, index.style(style), decoder)) found.push(i);
        }
      } else {
        undecided.push(i);
      }
      continue;
    }
    const length = index.lineEnd(i) - index.contentStart(i);
    const b0 = cursor.byteAtOrAfter(index.contentStart(i) - offset);
    if (hit === -2 || (hit >= 0 && hit < b0)) hit = words.find(raw, b0, raw.length);
    let fails = false;
    // A code unit is 1 to 3 bytes: a hit further than that is in a later line; a nearer one is
    // placed by the line's end.
    const red = length > 0 && redStyle[index.lineStyleId(i)] === 1;
    if ((hit < 0 || hit >= b0 + 3 * length) && !red) continue;
    const b1 = cursor.byteAtOrAfter(index.lineEnd(i) - offset);
    while (hit >= 0 && hit < b1) {
      if (hit + words.shortestAt(raw, hit) <= b1) {
        fails = true;
        break;
      }
      // This hit runs past the line's end: a shorter word may still start after it and fit.
      hit = words.find(raw, hit + 1, raw.length);
    }
    if (!fails && red) fails = hasVisibleBytes(raw, b0, b1, decoder);
    if (fails) found.push(i);
  }
  if (undecided.length === 0) {
    for (const line of found) out.push(line);
    return;
  }
  const decided = new Set<number>();
  const rawOf = otherLinesOf(index, chunk, bytes, undecided);
  undecided.forEach((line, k) => {
    if (otherFails(line, rawOf(k))) decided.add(line);
  });
  // Merge the two ascending lists.
  let k = 0;
  for (const line of found) {
    while (k < undecided.length && (undecided[k] ?? 0) < line) {
      if (decided.has(undecided[k] ?? -1)) out.push(undecided[k] ?? 0);
      k++;
    }
    out.push(line);
  }
  for (; k < undecided.length; k++) if (decided.has(undecided[k] ?? -1)) out.push(undecided[k] ?? 0);
}

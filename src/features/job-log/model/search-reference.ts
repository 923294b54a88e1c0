/**
 * The search and failure finder as they were before they read the compacted bytes (decision
 * 0029): each chunk or line decoded, then searched as a string. Kept only as the property
 * tests' reference (search-bytes.test.ts): the fast paths must find exactly what this finds.
 */
import { LINE_PLAIN, type LogIndex } from './log-index.ts';
import { lineContent, lineText } from './line-text.ts';
import { isRedColor } from './sgr.ts';
import type { SearchOptions, SearchResult } from './search.ts';

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

/** Searches every line; an invalid regex gives `{ ok: false, error }`, never a throw. */
export function referenceSearchLog(index: LogIndex, query: string, options: SearchOptions = {}): SearchResult {
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

/**
 * Walks the raw chunks alongside the lines: a global regex finds candidate hits in the raw
 * text of plain lines (one native scan), `onPlain` is called for a plain line holding one,
 * `onOther` for every line that is not plain or that straddles two chunks.
 */
function walkLines(
  index: LogIndex,
  re: RegExp,
  onPlain: (line: number, chunk: string, from: number, to: number, firstHit: number) => number,
  onOther: (line: number) => void,
  onPlainMiss?: (line: number) => void,
  fromLine = 0,
): void {
  const chunks = index.rawChunks();
  const n = index.lineCount;
  // Chunks are decoded one at a time, and only once a plain line inside one needs its text: a
  // per-append failure scan decodes the end of the log, not all of it.
  let k = 0;
  const first = Math.max(0, fromLine) < n ? index.contentStart(Math.max(0, fromLine)) : 0;
  while (k < chunks.length - 1 && (chunks[k + 1]?.start ?? 0) <= first) k++;
  let chunk: string | null = null;
  let chunkStart = chunks[k]?.start ?? 0;
  let chunkEnd = chunkStart + (chunks[k]?.length ?? 0);
  let text = '';
  const find = (from: number) => {
    re.lastIndex = from;
    const m = re.exec(text);
    return m ? m.index : -1;
  };
  let hit = -1;
  for (let i = Math.max(0, fromLine); i < n; i++) {
    if (!(index.lineFlags(i) & LINE_PLAIN)) {
      onOther(i);
      continue;
    }
    const cs = index.contentStart(i);
    const end = index.lineEnd(i);
    while (cs >= chunkEnd && k < chunks.length - 1) {
      k++;
      chunk = null;
      chunkStart = chunks[k]?.start ?? 0;
      chunkEnd = chunkStart + (chunks[k]?.length ?? 0);
    }
    if (end > chunkEnd || cs < chunkStart) {
      onOther(i);
      continue;
    }
    if (chunk === null) {
      chunk = chunks[k]?.decode() ?? '';
      text = chunk;
      hit = find(cs - chunkStart);
    }
    const from = cs - chunkStart;
    const to = end - chunkStart;
    if (hit >= 0 && hit < from) hit = find(from);
    if (hit < 0 || hit >= to) {
      onPlainMiss?.(i);
      continue;
    }
    hit = onPlain(i, text, from, to, hit);
  }
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
  // A global regex of the escaped needle: V8 sets up its search once, where indexOf on a big
  // two-byte string would set it up again at every call.
  walkLines(
    index,
    re,
    (line, chunk, from, to, first) => {
      let hit = first;
      while (hit >= 0 && hit + L <= to) {
        matches.add(line, hit - from, hit - from + L);
        re.lastIndex = hit + L;
        const m = re.exec(chunk);
        hit = m ? m.index : -1;
      }
      return hit;
    },
    (line) => inText(lineText(index, line), line),
  );
}

function searchRegex(index: LogIndex, re: RegExp, matches: MatchList): void {
  const n = index.lineCount;
  for (let i = 0; i < n; i++) {
    const text = lineText(index, i);
    re.lastIndex = 0;
    for (let m = re.exec(text); m; m = re.exec(text)) {
      if (m[0].length === 0) {
        // Empty matches are not results; step over them so that the loop ends.
        re.lastIndex = m.index + 1;
        if (re.lastIndex > text.length) break;
        continue;
      }
      matches.add(i, m.index, m.index + m[0].length);
    }
  }
}

const FAILURE_WORDS = /ERROR:|error:|FAILED|Error/;
const FAILURE_WORDS_G = new RegExp(FAILURE_WORDS.source, 'g');
// An SGR parameter list holding 31, 91 or 38 (256/truecolor) might turn the text red.
const MAY_SET_RED = /[[;:](?:31|91|38)[;:m]/;

/**
 * Lines that look like failures, first one first: `ERROR:`, `error:`, `FAILED`, `Error`, or
 * red text (how the runner and test tools print a failing command). From line `fromLine` on
 * (the whole log by default).
 */
export function referenceFindFailures(index: LogIndex, fromLine = 0): Uint32Array {
  const out: number[] = [];
  const redStyle = new Uint8Array(index.styleCount);
  for (let id = 0; id < redStyle.length; id++) redStyle[id] = isRedColor(index.style(id).fg) ? 1 : 0;
  const red = (line: number, cs: number, end: number) =>
    end > cs && isRedColor(index.style(index.lineStyleId(line)).fg) && index.slice(cs, end).trim().length > 0;
  walkLines(
    index,
    FAILURE_WORDS_G,
    (line, chunk, from, to, hit) => {
      // The regex may have matched across the line's end: test the line itself.
      if (FAILURE_WORDS.test(chunk.slice(from, to)) || red(line, index.contentStart(line), index.lineEnd(line))) out.push(line);
      return hit;
    },
    (line) => {
      const flags = index.lineFlags(line);
      if (flags & LINE_PLAIN) {
        const cs = index.contentStart(line);
        const end = index.lineEnd(line);
        if (FAILURE_WORDS.test(index.slice(cs, end)) || red(line, cs, end)) out.push(line);
        return;
      }
      if (FAILURE_WORDS.test(lineText(index, line))) {
        out.push(line);
        return;
      }
      // Styles are worked out only for lines that can be red at all.
      const raw = index.slice(index.lineStart(line), index.lineEnd(line));
      if (!isRedColor(index.style(index.lineStyleId(line)).fg) && !MAY_SET_RED.test(raw)) return;
      if (lineContent(index, line).spans.some((s) => isRedColor(s.style.fg) && s.text.trim().length > 0)) out.push(line);
    },
    (line) => {
      if (redStyle[index.lineStyleId(line)] === 1 && red(line, index.contentStart(line), index.lineEnd(line))) out.push(line);
    },
    fromLine,
  );
  return Uint32Array.from(out);
}

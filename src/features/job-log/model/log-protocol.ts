/**
 * The messages between the log viewer and the index, wherever the index lives (a Web Worker
 * for big logs, the same thread for small ones and tests). One handler serves both.
 */
import { type LogIndex, type LogSection } from './log-index.ts';
import { DISPLAY_LIMITS, lineContent, spansToHtml, type LineHtmlOptions, type StyledSpan } from './line-text.ts';
import { visibleRows } from './folding.ts';
import { findFailures, searchLog, type SearchOptions, type SearchResult } from './search.ts';

export type LogRequest =
  | { type: 'append'; text: string }
  | { type: 'replace'; text: string }
  | { type: 'reset' }
  /** `html`: the options of each line's `html` (the viewer's palette), so it is made once, here. */
  | { type: 'lines'; from: number; to: number; html?: LineHtmlOptions }
  | { type: 'search'; query: string; options: SearchOptions }
  | { type: 'failures' }
  | { type: 'rows'; collapsed: number[]; hideMarkerLines?: boolean };

/** What the viewer needs after every change: sizes and the sections (for folding). */
export interface LogSummary {
  lineCount: number;
  length: number;
  hasTimestamps: boolean;
  sections: LogSection[];
}

/** One line, ready to draw. `html` is escaped (ansi-to-html, escapeXML) with links made. */
export interface LogLine {
  line: number;
  /** What is shown of the line: within DISPLAY_LIMITS (see `hidden`). */
  text: string;
  spans: StyledSpan[];
  html: string;
  /** Characters of the line past the display ceiling (in search and the download, not on screen). */
  hidden: number;
  depth: number;
  section: number;
  flags: number;
  timestamp: number;
  stream: number;
}

export interface LogResults {
  append: LogSummary;
  replace: LogSummary;
  reset: LogSummary;
  lines: LogLine[];
  search: SearchResult;
  failures: Uint32Array;
  rows: Uint32Array;
}

export type LogResult<T extends LogRequest['type']> = LogResults[T];

export interface LogWireRequest {
  id: number;
  request: LogRequest;
}

export type LogWireResponse = { id: number; ok: true; result: LogResults[keyof LogResults] } | { id: number; ok: false; error: string };

/** Longest range one `lines` request returns (a screenful is a few dozen). */
export const MAX_LINES_PER_REQUEST = 2000;

export function summarize(index: LogIndex): LogSummary {
  return {
    lineCount: index.lineCount,
    length: index.length,
    hasTimestamps: index.hasTimestamps,
    sections: index.sections.map((s) => ({ ...s })),
  };
}

export function getLines(index: LogIndex, from: number, to: number, html?: LineHtmlOptions): LogLine[] {
  const a = Math.max(0, Math.floor(from));
  const b = Math.min(index.lineCount, Math.floor(to), a + MAX_LINES_PER_REQUEST);
  const out: LogLine[] = [];
  for (let i = a; i < b; i++) {
    const { text, spans, hidden } = lineContent(index, i, DISPLAY_LIMITS);
    out.push({
      line: i,
      text,
      spans,
      hidden,
      html: spansToHtml(spans, html),
      depth: index.lineDepth(i),
      section: index.lineSection(i),
      flags: index.lineFlags(i),
      timestamp: index.lineTimestamp(i),
      stream: index.lineStream(i),
    });
  }
  return out;
}

/**
 * The failure lines of an index, kept up to date as text is appended (only the new lines and
 * the re-parsed tail are scanned), so that "next error" answers from a list instead of a
 * whole-log scan at the moment the reader asks (for 50 MB, ~100+ ms of CPU in the worker,
 * which on a busy machine takes the core the page's frames need).
 */
interface FailureScan {
  lines: number[];
  /** Lines [0, scannedTo) are scanned. */
  scannedTo: number;
}
const failureScans = new WeakMap<LogIndex, FailureScan>();

/** First display line that an append may have changed: the one holding the start of the last raw line. */
function firstChangedLine(index: LogIndex, oldLength: number, oldLineCount: number): number {
  if (oldLineCount === 0 || oldLength === 0) return 0;
  // The incomplete last raw line is parsed again from its start (and a timestamped `+` line
  // joins the line before it): find where that raw line starts, looking back in small steps.
  let end = oldLength;
  let rawStart = 0;
  while (end > 0) {
    const from = Math.max(0, end - 4096);
    const nl = index.slice(from, end).lastIndexOf('\n');
    if (nl >= 0) {
      rawStart = from + nl + 1;
      break;
    }
    end = from;
  }
  // A raw line ending exactly at the old end was complete: only what follows is new.
  return Math.max(0, Math.min(oldLineCount - 1, index.lineOfOffset(Math.max(0, rawStart - 1))) - 1);
}

function updateFailures(index: LogIndex, fromLine: number): void {
  const scan = failureScans.get(index) ?? { lines: [], scannedTo: 0 };
  const from = Math.max(0, Math.min(fromLine, scan.scannedTo));
  while (scan.lines.length > 0 && (scan.lines[scan.lines.length - 1] ?? 0) >= from) scan.lines.pop();
  for (const line of findFailures(index, from)) scan.lines.push(line);
  scan.scannedTo = index.lineCount;
  failureScans.set(index, scan);
}

export function handleLogRequest<T extends LogRequest>(index: LogIndex, request: T): LogResult<T['type']>;
export function handleLogRequest(index: LogIndex, request: LogRequest): LogResults[keyof LogResults] {
  switch (request.type) {
    case 'append': {
      const oldLength = index.length;
      const oldLineCount = index.lineCount;
      index.append(request.text);
      updateFailures(index, firstChangedLine(index, oldLength, oldLineCount));
      return summarize(index);
    }
    case 'replace':
      index.reset();
      index.append(request.text);
      failureScans.delete(index);
      updateFailures(index, 0);
      return summarize(index);
    case 'reset':
      index.reset();
      failureScans.delete(index);
      return summarize(index);
    case 'lines':
      return getLines(index, request.from, request.to, request.html);
    case 'search':
      return searchLog(index, request.query, request.options);
    case 'failures': {
      const scan = failureScans.get(index);
      if (!scan || scan.scannedTo !== index.lineCount) {
        // An index fed outside this handler (tests): scanned whole, as before.
        failureScans.delete(index);
        updateFailures(index, 0);
      }
      return Uint32Array.from(failureScans.get(index)?.lines ?? []);
    }
    case 'rows':
      return visibleRows(index, request.collapsed, { hideMarkerLines: request.hideMarkerLines ?? true });
  }
}

/** Typed arrays in a result, to transfer rather than copy. */
export function transferablesOf(result: unknown): ArrayBuffer[] {
  if (result instanceof Uint32Array) return [result.buffer as ArrayBuffer];
  if (result && typeof result === 'object' && 'ok' in result && result.ok === true && 'lines' in result) {
    const r = result as unknown as { lines: Uint32Array; starts: Uint32Array; ends: Uint32Array };
    return [r.lines.buffer as ArrayBuffer, r.starts.buffer as ArrayBuffer, r.ends.buffer as ArrayBuffer];
  }
  return [];
}


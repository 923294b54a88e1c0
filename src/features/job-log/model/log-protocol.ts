/**
 * The messages between the log viewer and the index, wherever the index lives (a Web Worker
 * for big logs, the same thread for small ones and tests). One handler serves both.
 */
import { type LogIndex, type LogSection } from './log-index.ts';
import { lineContent, spansToHtml, type StyledSpan } from './line-text.ts';
import { visibleRows } from './folding.ts';
import { findFailures, searchLog, type SearchOptions, type SearchResult } from './search.ts';

export type LogRequest =
  | { type: 'append'; text: string }
  | { type: 'replace'; text: string }
  | { type: 'reset' }
  | { type: 'lines'; from: number; to: number }
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
  text: string;
  spans: StyledSpan[];
  html: string;
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

export function getLines(index: LogIndex, from: number, to: number): LogLine[] {
  const a = Math.max(0, Math.floor(from));
  const b = Math.min(index.lineCount, Math.floor(to), a + MAX_LINES_PER_REQUEST);
  const out: LogLine[] = [];
  for (let i = a; i < b; i++) {
    const { text, spans } = lineContent(index, i);
    out.push({
      line: i,
      text,
      spans,
      html: spansToHtml(spans),
      depth: index.lineDepth(i),
      section: index.lineSection(i),
      flags: index.lineFlags(i),
      timestamp: index.lineTimestamp(i),
      stream: index.lineStream(i),
    });
  }
  return out;
}

export function handleLogRequest<T extends LogRequest>(index: LogIndex, request: T): LogResult<T['type']>;
export function handleLogRequest(index: LogIndex, request: LogRequest): LogResults[keyof LogResults] {
  switch (request.type) {
    case 'append':
      index.append(request.text);
      return summarize(index);
    case 'replace':
      index.reset();
      index.append(request.text);
      return summarize(index);
    case 'reset':
      index.reset();
      return summarize(index);
    case 'lines':
      return getLines(index, request.from, request.to);
    case 'search':
      return searchLog(index, request.query, request.options);
    case 'failures':
      return findFailures(index);
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


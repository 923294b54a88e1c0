/**
 * `#L123` and `#L120-140` permalinks, as GitLab writes them: 1-based line numbers of the log as
 * the viewer numbers it. Parsed into a 0-based, inclusive line range.
 */

export interface LineRange {
  /** 0-based first line. */
  from: number;
  /** 0-based last line, inclusive (>= from). */
  to: number;
}

const HASH = /^#?L(\d{1,9})(?:-L?(\d{1,9}))?$/;

/** The line range a location hash names, or null when it names none. */
export function parseLineHash(hash: string): LineRange | null {
  const m = HASH.exec(hash);
  if (!m) return null;
  const a = Number(m[1]);
  const b = m[2] === undefined ? a : Number(m[2]);
  if (a < 1 || b < 1) return null;
  return { from: Math.min(a, b) - 1, to: Math.max(a, b) - 1 };
}

/** The hash (with `#`) of a 0-based line range. */
export function formatLineHash(range: LineRange): string {
  return range.from === range.to ? `#L${range.from + 1}` : `#L${range.from + 1}-${range.to + 1}`;
}

/** The range after a click on `line`: a shift-click extends the current range. */
export function extendRange(current: LineRange | null, line: number, extend: boolean): LineRange {
  if (!extend || !current) return { from: line, to: line };
  return { from: Math.min(current.from, line), to: Math.max(current.to, line) };
}

/** The address parameters that hold the log's search (`?q=…&case=1&regex=1`). */
export const LOG_SEARCH_PARAMS = ['q', 'case', 'regex'] as const;

/** A location's `?search` without the log's search, other parameters kept ('' when none is left). */
export function withoutLogSearch(search: string): string {
  const params = new URLSearchParams(search);
  for (const key of LOG_SEARCH_PARAMS) params.delete(key);
  const rest = params.toString();
  return rest ? `?${rest}` : '';
}

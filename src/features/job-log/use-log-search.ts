import { useCallback, useEffect, useRef, useState } from 'react';
import { countOf } from '../../ui/index.ts';
import type { MarkRange } from './highlight.ts';
import type { LogClient } from './model/log-worker-client.ts';
import type { SearchResult } from './model/search.ts';

/** The search the reader typed (it lives in the URL on the job page). */
export interface LogSearch {
  query: string;
  caseSensitive: boolean;
  regex: boolean;
}

export const EMPTY_SEARCH: LogSearch = { query: '', caseSensitive: false, regex: false };

/** A search kept by the caller (in the URL); without it the viewer keeps its own. */
export interface LogSearchProp {
  value: LogSearch;
  onChange(value: LogSearch): void;
}

/** Typing settles for this long before the search runs (and the address changes). */
export const SEARCH_DEBOUNCE_MS = 250;

export const NO_MARKS: readonly MarkRange[] = Object.freeze([]);

/** What a search result is for: the log as it was (generation, length) and the search itself. */
export function searchKey(s: LogSearch, generation: number, length: number): string {
  return s.query === '' ? '' : `${generation}:${length}:${s.caseSensitive ? 1 : 0}${s.regex ? 1 : 0}:${s.query}`;
}

/** First index k with lines[k] >= line. */
export function lowerBound(lines: Uint32Array, line: number): number {
  let lo = 0;
  let hi = lines.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((lines[mid] ?? 0) < line) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** "3 of 12 matches", "No matches", the regex error, or '' without a query. */
export function matchStatus(query: string, result: SearchResult | null, matchIndex: number): string {
  if (query === '') return '';
  if (result === null) return 'Searching…';
  if (!result.ok) return result.error;
  if (result.total === 0) return 'No matches';
  return `${matchIndex + 1} of ${countOf(result.total, 'match', 'matches')}`;
}

type Found = { key: string; result: SearchResult; index: number };
type OkResult = Extract<SearchResult, { ok: true }>;

export interface LogSearchState {
  value: LogSearch;
  /** The text in the box (it becomes the search after a pause, or on Enter). */
  draft: string;
  setDraft(draft: string): void;
  /** Changes an option; the draft goes with it. */
  setOptions(options: Pick<LogSearch, 'caseSensitive' | 'regex'>): void;
  /** Enter: search the draft now, or, when it is the search already, go to the next match. */
  submit(backwards: boolean): void;
  /** There are matches to step through. */
  canStep: boolean;
  stepMatch(step: 1 | -1): void;
  status: string;
  /** The line of the current match, -1 without one. */
  currentMatchLine: number;
  /** The marks on one line (the current match flagged). */
  marksFor(line: number): readonly MarkRange[];
}

export interface LogSearchOptions {
  client: LogClient | null;
  search: LogSearchProp | undefined;
  generation: number;
  length: number;
  goTo(line: number): void;
}

/**
 * Searching the whole log (folded sections included) in the index. The draft is debounced into
 * the search; a new result goes to its first match once; n/N step through the matches.
 */
export function useLogSearch({ client, search, generation, length, goTo }: LogSearchOptions): LogSearchState {
  const [localSearch, setLocalSearch] = useState<LogSearch>(EMPTY_SEARCH);
  const value = search?.value ?? localSearch;
  const setSearch = search?.onChange ?? setLocalSearch;
  const [draft, setDraft] = useState(value.query);
  const [draftFor, setDraftFor] = useState(value.query);
  if (draftFor !== value.query) {
    // The URL changed under us (back/forward): show its query.
    setDraftFor(value.query);
    setDraft(value.query);
  }
  const commit = useCallback(
    (next: LogSearch) => {
      setDraftFor(next.query);
      setSearch(next);
    },
    [setSearch],
  );
  useEffect(() => {
    if (draft === value.query) return;
    const t = setTimeout(() => commit({ ...value, query: draft }), SEARCH_DEBOUNCE_MS);
    return () => clearTimeout(t);
  }, [draft, value, commit]);

  const currentKey = searchKey(value, generation, length);
  const [found, setFound] = useState<Found | null>(null);
  const { query, caseSensitive, regex } = value;
  useEffect(() => {
    if (!client || currentKey === '') return;
    let current = true;
    client.search(query, { caseSensitive, regex }).then(
      (result) => {
        if (current) setFound((prev) => ({ key: currentKey, result, index: prev && prev.result.ok && result.ok ? Math.min(prev.index, Math.max(0, result.total - 1)) : 0 }));
      },
      (error: unknown) => {
        if (current) setFound({ key: currentKey, result: { ok: false, error: error instanceof Error ? error.message : String(error) }, index: 0 });
      },
    );
    return () => {
      current = false;
    };
  }, [client, currentKey, query, caseSensitive, regex]);
  const result = found && found.key === currentKey ? found.result : null;
  const okResult: OkResult | null = result && result.ok ? result : null;
  const matchIndex = found && okResult ? found.index : 0;

  const stepMatch = (step: 1 | -1) => {
    if (!okResult || okResult.total === 0 || !found) return;
    const index = (matchIndex + step + okResult.total) % okResult.total;
    setFound({ ...found, index });
    goTo(okResult.lines[index] ?? 0);
  };
  const firstMatchShown = useRef('');
  useEffect(() => {
    // A new search result: go to its first match (once per search, not again as the log grows).
    const searchOnly = currentKey.replace(/^\d+:\d+:/, '');
    if (!okResult || okResult.total === 0 || firstMatchShown.current === searchOnly) return;
    firstMatchShown.current = searchOnly;
    goTo(okResult.lines[matchIndex] ?? 0);
  }, [okResult, currentKey, matchIndex, goTo]);

  const marksFor = (line: number): readonly MarkRange[] => {
    if (!okResult || okResult.total === 0) return NO_MARKS;
    const marks: MarkRange[] = [];
    for (let k = lowerBound(okResult.lines, line); k < okResult.total && okResult.lines[k] === line; k++) {
      marks.push({ start: okResult.starts[k] ?? 0, end: okResult.ends[k] ?? 0, current: k === matchIndex });
    }
    return marks.length > 0 ? marks : NO_MARKS;
  };

  return {
    value,
    draft,
    setDraft,
    setOptions: (options) => commit({ ...value, query: draft, ...options }),
    submit: (backwards) => {
      if (draft !== value.query) commit({ ...value, query: draft });
      else stepMatch(backwards ? -1 : 1);
    },
    canStep: okResult !== null && okResult.total > 0,
    stepMatch,
    status: matchStatus(value.query, result, matchIndex),
    currentMatchLine: okResult && okResult.total > 0 ? (okResult.lines[matchIndex] ?? -1) : -1,
    marksFor,
  };
}

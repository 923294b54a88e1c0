import { useVirtualizer } from '@tanstack/react-virtual';
import { memo, useCallback, useEffect, useId, useMemo, useRef, useState, useSyncExternalStore, type KeyboardEvent as ReactKeyboardEvent, type MouseEvent as ReactMouseEvent, type ReactNode } from 'react';
import { markedLineHtml, type MarkRange } from './highlight.ts';
import { useFixedRows } from './fixed-rows.ts';
import { LineCache } from './line-cache.ts';
import { rowOfLine } from './model/folding.ts';
import type { LogClient } from './model/log-worker-client.ts';
import { LINE_STDERR, type LogSection } from './model/log-index.ts';
import type { LogLine, LogSummary } from './model/log-protocol.ts';
import type { LineHtmlOptions } from './model/line-text.ts';
import type { SearchResult } from './model/search.ts';
import { extendRange, type LineRange } from './permalink.ts';
import { formatLineTime, TIMESTAMP_MODES, isTimestampMode, type TimestampMode } from './timestamps.ts';
import { countOf } from '../../ui/index.ts';
import { LOG_HTML_OPTIONS } from './log-palette.ts';
import './job-log.css';

/** The search the reader typed (it lives in the URL on the job page). */
export interface LogSearch {
  query: string;
  caseSensitive: boolean;
  regex: boolean;
}

export const EMPTY_SEARCH: LogSearch = { query: '', caseSensitive: false, regex: false };

export interface LogViewerProps {
  /** The index (null while it starts). */
  client: LogClient | null;
  summary: LogSummary;
  /** Bumped when the log was replaced rather than appended to. */
  generation: number;
  /** Accessible name of the log region: "Log of job #123". */
  label: string;
  /** The `#L…` selection; without it lines have no permalinks. */
  selection?: {
    range: LineRange | null;
    onChange(range: LineRange | null): void;
    /** The shareable address of a range (current page + `#L…`). */
    hrefFor(range: LineRange): string;
  };
  /** A search kept by the caller (in the URL); without it the viewer keeps its own. */
  search?: { value: LogSearch; onChange(value: LogSearch): void };
  /** The log is growing: follow its tail while the reader is at the bottom. */
  live?: boolean;
  /** Unix ms the job started, for "time since the job started". */
  timeOrigin?: number;
  onDownload?: () => void;
  /** Listen for keyboard shortcuts on the whole page (one viewer per page). */
  shortcuts?: boolean;
  /** Shown in the toolbar (loading progress, freshness). */
  status?: ReactNode;
  /** Height of the scrolling area (CSS), default `70vh`. */
  height?: string;
}

const ROW_HEIGHT = 20;
const EMPTY_ROWS = new Uint32Array(0);

// GitLab's palette with a contrast floor (log-palette.ts).
const ANSI: LineHtmlOptions = LOG_HTML_OPTIONS;

type Fold = { all: 'auto' | 'open' | 'closed'; overrides: ReadonlyMap<number, boolean> };

function isCollapsed(fold: Fold, s: LogSection): boolean {
  return fold.overrides.get(s.id) ?? (fold.all === 'auto' ? s.collapsed : fold.all === 'closed');
}

/** Sections whose body holds `line` (not counting a section whose header it is). */
function sectionsAround(sections: readonly LogSection[], line: number): number[] {
  const ids: number[] = [];
  for (const s of sections) if (s.headerLine < line && line <= s.lastLine) ids.push(s.id);
  return ids;
}

/** First index k with lines[k] >= line. */
function lowerBound(lines: Uint32Array, line: number): number {
  let lo = 0;
  let hi = lines.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((lines[mid] ?? 0) < line) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function searchKey(s: LogSearch, generation: number, length: number): string {
  return s.query === '' ? '' : `${generation}:${length}:${s.caseSensitive ? 1 : 0}${s.regex ? 1 : 0}:${s.query}`;
}

function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || target.tagName === 'INPUT' || target.tagName === 'TEXTAREA' || target.tagName === 'SELECT';
}

function formatBytes(chars: number): string {
  if (chars < 1024) return `${chars} B`;
  if (chars < 1024 * 1024) return `${(chars / 1024).toFixed(1)} KiB`;
  return `${(chars / 1024 / 1024).toFixed(1)} MiB`;
}

const NO_MARKS: readonly MarkRange[] = Object.freeze([]);

interface LogRowProps {
  index: number;
  line: number;
  start: number;
  data: LogLine | undefined;
  header: LogSection | undefined;
  collapsed: boolean;
  selected: boolean;
  isMatch: boolean;
  marks: readonly MarkRange[];
  /** The line's time in the chosen mode; null when the time column is hidden. */
  time: string | null;
  /** The line's permalink; null without permalinks. */
  href: string | null;
  onLineClick(event: ReactMouseEvent, line: number): void;
  onToggle(section: LogSection): void;
  measureRef?: (node: Element | null) => void;
}

/**
 * One row. Memoised. An unmarked line's HTML was made by the index (in the worker for a big
 * log) with the viewer's palette; only a line with search marks is cut and converted here.
 */
const LogRow = memo(function LogRow({ index, line, start, data, header, collapsed, selected, isMatch, marks, time, href, onLineClick, onToggle, measureRef }: LogRowProps) {
  const html = useMemo(() => (!data ? '' : marks.length === 0 ? data.html : markedLineHtml(data.spans, marks, ANSI)), [data, marks]);
  const cls = `log-row${selected ? ' is-selected' : ''}${isMatch ? ' is-match' : ''}${header ? ' is-header' : ''}${data && data.flags & LINE_STDERR ? ' is-stderr' : ''}`;
  return (
    <div role="listitem" className={cls} data-line={line + 1} data-index={index} ref={measureRef} style={{ transform: `translateY(${start}px)` }}>
      {href !== null ? (
        <a className="log-row__num" href={href} onClick={(e) => onLineClick(e, line)} aria-current={selected ? 'location' : undefined}>
          {line + 1}
        </a>
      ) : (
        <span className="log-row__num">{line + 1}</span>
      )}
      {time !== null ? <span className="log-row__time">{time}</span> : null}
      <span className="log-row__indent" style={{ width: `${(data?.depth ?? header?.depth ?? 0) * 1.25}ch` }} />
      {header ? (
        <button type="button" className="log-row__toggle" aria-expanded={!collapsed} aria-label={`${collapsed ? 'Expand' : 'Collapse'} section ${header.name}`} onClick={() => onToggle(header)}>
          {collapsed ? '▸' : '▾'}
        </button>
      ) : null}
      {/* Escaped by ansi-to-html (escapeXML: true); links only http(s). */}
      <span className="log-row__text" dangerouslySetInnerHTML={{ __html: html === '' ? ' ' : html }} />
      {data && data.hidden > 0 ? (
        // The display ceiling (model/line-text.ts DISPLAY_LIMITS): the rest is in search and the download.
        <span className="log-row__cut">… {data.hidden.toLocaleString('en')} more characters of this line (search and Download have the whole line)</span>
      ) : null}
      {header && !header.hideDuration && header.duration !== '' ? <span className="log-row__duration">{header.duration}</span> : null}
    </div>
  );
});

/**
 * The virtualised log: only the rows on screen (and a few around) are in the DOM, each converted
 * with ansi-to-html from its own starting style. Sections fold, lines have permalinks, the whole
 * log is searchable (collapsed sections included), failures can be cycled.
 */
export function LogViewer({ client, summary, generation, label, selection, search, live = false, timeOrigin, onDownload, shortcuts = false, status, height = '70vh' }: LogViewerProps) {
  const baseId = useId();
  const scrollRef = useRef<HTMLDivElement>(null);
  const wrapperRef = useRef<HTMLDivElement>(null);
  const searchInputRef = useRef<HTMLInputElement>(null);

  // ---- lines asked of the index
  const [cache] = useState(() => new LineCache(client, ANSI));
  const cacheVersion = useSyncExternalStore(cache.subscribe, cache.getVersion, cache.getVersion);
  const seen = useRef({ client, generation, length: summary.length, lineCount: summary.lineCount });
  useEffect(() => {
    const prev = seen.current;
    if (prev.client !== client || prev.generation !== generation) cache.reset(client);
    else if (prev.length !== summary.length) cache.grew(prev.lineCount);
    seen.current = { client, generation, length: summary.length, lineCount: summary.lineCount };
  }, [cache, client, generation, summary.length, summary.lineCount]);

  // ---- folding
  const [fold, setFold] = useState<Fold>({ all: 'auto', overrides: new Map() });
  const sections = summary.sections;
  const collapsedIds = useMemo(() => sections.filter((s) => isCollapsed(fold, s)).map((s) => s.id), [sections, fold]);
  const collapsedKey = collapsedIds.join(',');
  const headers = useMemo(() => new Map(sections.map((s) => [s.headerLine, s])), [sections]);
  const toggleSection = useCallback((s: LogSection) => {
    setFold((f) => ({ ...f, overrides: new Map(f.overrides).set(s.id, !isCollapsed(f, s)) }));
  }, []);
  const expandAll = () => setFold({ all: 'open', overrides: new Map() });
  const collapseAll = () => setFold({ all: 'closed', overrides: new Map() });

  // ---- rows (line numbers of the visible rows), from the index
  const [rowsState, setRowsState] = useState<{ rows: Uint32Array; key: string; lineCount: number }>({ rows: EMPTY_ROWS, key: '', lineCount: 0 });
  useEffect(() => {
    if (!client) return;
    let current = true;
    const key = `${generation}|${collapsedKey}`;
    const lineCount = summary.lineCount;
    client.rows(collapsedIds).then(
      (rows) => {
        if (current) setRowsState({ rows, key, lineCount });
        if (rows.length > 0 && typeof performance !== 'undefined' && performance.getEntriesByName('job-log:first-rows-index').length === 0) performance.mark('job-log:first-rows-index');
      },
      () => undefined,
    );
    return () => {
      current = false;
    };
    // collapsedIds is keyed by collapsedKey; summary changes when the log grows.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [client, generation, collapsedKey, summary]);
  const rows = rowsState.rows;
  const rowsCurrent = rowsState.key === `${generation}|${collapsedKey}`;

  // ---- display options
  const [wrap, setWrap] = useState(false);
  const [tsMode, setTsMode] = useState<TimestampMode>('utc');
  const showTimes = summary.hasTimestamps && tsMode !== 'hidden';
  const origin = timeOrigin;

  // Stable callbacks: the virtualizer re-measures every row whenever these change identity.
  const getItemKey = useCallback((i: number) => rows[i] ?? i, [rows]);
  const getScrollElement = useCallback(() => scrollRef.current, []);
  const estimateSize = useCallback(() => ROW_HEIGHT, []);
  // Unwrapped rows all have one height: plain arithmetic windows them. Wrapped rows differ in
  // height and are measured by TanStack Virtual (which then lays out every row).
  const fixed = useFixedRows(scrollRef, wrap ? 0 : rows.length, ROW_HEIGHT, 20, getItemKey);
  const virtualizer = useVirtualizer({
    count: wrap ? rows.length : 0,
    getScrollElement,
    estimateSize,
    overscan: 20,
    getItemKey,
    useFlushSync: false,
  });
  useEffect(() => {
    virtualizer.measure();
  }, [wrap, virtualizer]);
  const items: Array<{ index: number; key: number | string | bigint; start: number }> = wrap ? virtualizer.getVirtualItems() : fixed.items;
  const totalSize = wrap ? virtualizer.getTotalSize() : fixed.totalSize;
  const fixedScrollToIndex = fixed.scrollToIndex;
  const scrollToIndex = useCallback(
    (index: number, options: { align: 'start' | 'center' | 'end' }) => {
      if (wrap) virtualizer.scrollToIndex(index, options);
      else fixedScrollToIndex(index, options);
    },
    [wrap, virtualizer, fixedScrollToIndex],
  );
  const firstIndex = items[0]?.index ?? 0;
  const lastIndex = items[items.length - 1]?.index ?? -1;

  useEffect(() => {
    const wanted: number[] = [];
    for (let i = firstIndex; i <= lastIndex; i++) {
      const line = rows[i];
      if (line !== undefined) wanted.push(line);
    }
    cache.ensure(wanted);
  }, [cache, rows, firstIndex, lastIndex, cacheVersion, client]);

  // ---- search
  const [localSearch, setLocalSearch] = useState<LogSearch>(EMPTY_SEARCH);
  const searchValue = search?.value ?? localSearch;
  const setSearch = search?.onChange ?? setLocalSearch;
  const [draft, setDraft] = useState(searchValue.query);
  const [draftFor, setDraftFor] = useState(searchValue.query);
  if (draftFor !== searchValue.query) {
    // The URL changed under us (back/forward): show its query.
    setDraftFor(searchValue.query);
    setDraft(searchValue.query);
  }
  useEffect(() => {
    if (draft === searchValue.query) return;
    const t = setTimeout(() => {
      setDraftFor(draft);
      setSearch({ ...searchValue, query: draft });
    }, 250);
    return () => clearTimeout(t);
  }, [draft, searchValue, setSearch]);

  const currentSearchKey = searchKey(searchValue, generation, summary.length);
  const [found, setFound] = useState<{ key: string; result: SearchResult; index: number } | null>(null);
  useEffect(() => {
    if (!client || currentSearchKey === '') return;
    let current = true;
    client.search(searchValue.query, { caseSensitive: searchValue.caseSensitive, regex: searchValue.regex }).then(
      (result) => {
        if (current) setFound((prev) => ({ key: currentSearchKey, result, index: prev && prev.result.ok && result.ok ? Math.min(prev.index, Math.max(0, result.total - 1)) : 0 }));
      },
      (error: unknown) => {
        if (current) setFound({ key: currentSearchKey, result: { ok: false, error: error instanceof Error ? error.message : String(error) }, index: 0 });
      },
    );
    return () => {
      current = false;
    };
    // currentSearchKey covers the query, its options and the log's size.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [client, currentSearchKey]);
  const result = found && found.key === currentSearchKey ? found.result : null;
  const okResult = result && result.ok ? result : null;
  const matchIndex = found && okResult ? found.index : 0;

  // ---- jumping to a line: open its sections, wait for the rows, scroll it to the middle
  const pendingJump = useRef<{ line: number; align: 'center' | 'start' | 'end' } | null>(null);
  const [jumpSeq, setJumpSeq] = useState(0);
  const goTo = useCallback(
    (line: number, align: 'center' | 'start' | 'end' = 'center') => {
      const open = sectionsAround(sections, line).filter((id) => {
        const s = sections[id];
        return s ? isCollapsed(fold, s) : false;
      });
      if (open.length > 0) {
        setFold((f) => {
          const overrides = new Map(f.overrides);
          for (const id of open) overrides.set(id, false);
          return { ...f, overrides };
        });
      }
      pendingJump.current = { line, align };
      setJumpSeq((n) => n + 1);
    },
    [sections, fold],
  );
  useEffect(() => {
    const jump = pendingJump.current;
    if (!jump || !rowsCurrent || rows.length === 0) return;
    if (jump.line >= rowsState.lineCount && jump.line < Number.MAX_SAFE_INTEGER) return; // not arrived yet
    const row = jump.line === Number.MAX_SAFE_INTEGER ? rows.length - 1 : Math.max(0, rowOfLine(rows, jump.line));
    pendingJump.current = null;
    scrollToIndex(row, { align: jump.align });
    // The pane itself may be below the fold (a long header): bring it into the window too.
    const pane = scrollRef.current;
    if (pane && typeof pane.scrollIntoView === 'function') {
      const box = pane.getBoundingClientRect();
      if (box.top < 0 || box.bottom > window.innerHeight) pane.scrollIntoView({ block: 'nearest' });
    }
  }, [rows, rowsCurrent, rowsState.lineCount, jumpSeq, scrollToIndex]);

  // ---- the #L selection
  const range = selection?.range ?? null;
  const selfChange = useRef<string | null>(null);
  const rangeKey = range ? `${range.from}-${range.to}` : '';
  useEffect(() => {
    if (!range) return;
    if (selfChange.current === rangeKey) {
      selfChange.current = null;
      return;
    }
    goTo(range.from, 'center');
    // Only a new range (from the address) moves the view, not every re-render.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [rangeKey]);
  const handleLineClick = (event: ReactMouseEvent, line: number) => {
    if (!selection || event.metaKey || event.ctrlKey || event.button !== 0) return;
    event.preventDefault();
    const next = extendRange(range, line, event.shiftKey);
    selfChange.current = `${next.from}-${next.to}`;
    selection.onChange(next);
  };

  // Rows are memoised: they get one stable click handler that calls the current one.
  const lineClick = useRef(handleLineClick);
  useEffect(() => {
    lineClick.current = handleLineClick;
  });
  const onLineClick = useCallback((event: ReactMouseEvent, line: number) => lineClick.current(event, line), []);

  // ---- following the tail
  const [following, setFollowing] = useState(live && !range);
  const handleScroll = () => {
    fixed.update();
    const el = scrollRef.current;
    if (!el) return;
    const atBottom = el.scrollHeight - el.scrollTop - el.clientHeight < ROW_HEIGHT * 2;
    if (atBottom !== following) setFollowing(atBottom);
  };
  useEffect(() => {
    if (!following || !live || rows.length === 0) return;
    scrollToIndex(rows.length - 1, { align: 'end' });
  }, [following, live, rows, scrollToIndex]);

  // ---- failures
  const [failures, setFailures] = useState<{ key: string; lines: Uint32Array; index: number } | null>(null);
  const failuresKey = `${generation}:${summary.length}`;
  const [message, setMessage] = useState('');
  const cycleFailure = async (step: 1 | -1) => {
    if (!client) return;
    let f = failures && failures.key === failuresKey ? failures : null;
    if (!f) {
      const lines = await client.failures();
      f = { key: failuresKey, lines, index: -1 };
    }
    if (f.lines.length === 0) {
      setFailures(f);
      setMessage('No errors found in this log.');
      return;
    }
    const index = f.index < 0 ? 0 : (f.index + step + f.lines.length) % f.lines.length;
    const line = f.lines[index] ?? 0;
    setFailures({ ...f, index });
    setMessage(`Error ${index + 1} of ${f.lines.length}: line ${line + 1}`);
    goTo(line);
    if (selection) {
      selfChange.current = `${line}-${line}`;
      selection.onChange({ from: line, to: line });
    }
  };

  // ---- search navigation
  const stepMatch = (step: 1 | -1) => {
    if (!okResult || okResult.total === 0 || !found) return;
    const index = (matchIndex + step + okResult.total) % okResult.total;
    setFound({ ...found, index });
    goTo(okResult.lines[index] ?? 0);
  };
  const firstMatchShown = useRef('');
  useEffect(() => {
    // A new search result: go to its first match (once per search).
    if (!okResult || okResult.total === 0 || firstMatchShown.current === currentSearchKey.replace(/^\d+:\d+:/, '')) return;
    firstMatchShown.current = currentSearchKey.replace(/^\d+:\d+:/, '');
    goTo(okResult.lines[matchIndex] ?? 0);
  }, [okResult, currentSearchKey, matchIndex, goTo]);

  // ---- copy, full screen, top and bottom
  const copyLines = async () => {
    if (!client || !range) return;
    const texts: string[] = [];
    for (let from = range.from; from <= range.to; from += 2000) {
      const lines = await client.lines(from, Math.min(range.to + 1, from + 2000));
      for (const l of lines) texts.push(l.text);
    }
    try {
      await navigator.clipboard.writeText(texts.join('\n'));
      setMessage(texts.length === 1 ? `Copied line ${range.from + 1}.` : `Copied lines ${range.from + 1}–${range.to + 1}.`);
    } catch {
      setMessage('The browser did not allow copying.');
    }
  };
  const [fullscreen, setFullscreen] = useState(false);
  useEffect(() => {
    const onChange = () => setFullscreen(document.fullscreenElement === wrapperRef.current && wrapperRef.current !== null);
    document.addEventListener('fullscreenchange', onChange);
    return () => document.removeEventListener('fullscreenchange', onChange);
  }, []);
  const toggleFullscreen = () => {
    const el = wrapperRef.current;
    if (!el) return;
    if (document.fullscreenElement) void document.exitFullscreen();
    else if (el.requestFullscreen) el.requestFullscreen().catch(() => setFullscreen((v) => !v));
    else setFullscreen((v) => !v);
  };
  const toTop = () => {
    setFollowing(false);
    scrollToIndex(0, { align: 'start' });
  };
  const toBottom = () => {
    if (rows.length === 0) return;
    pendingJump.current = { line: Number.MAX_SAFE_INTEGER, align: 'end' };
    setJumpSeq((n) => n + 1);
    if (live) setFollowing(true);
  };

  // ---- keyboard
  const keyActions = useRef<(e: KeyboardEvent) => void>(() => undefined);
  useEffect(() => {
    keyActions.current = (e: KeyboardEvent) => {
      if (e.altKey || e.ctrlKey || e.metaKey || isTyping(e.target)) return;
      const actions: Record<string, () => void> = {
        '/': () => searchInputRef.current?.focus(),
        n: () => stepMatch(1),
        N: () => stepMatch(-1),
        e: () => void cycleFailure(1),
        E: () => void cycleFailure(-1),
        g: toTop,
        G: toBottom,
        w: () => setWrap((v) => !v),
        t: () => setTsMode((m) => TIMESTAMP_MODES[(TIMESTAMP_MODES.findIndex((x) => x.value === m) + 1) % TIMESTAMP_MODES.length]?.value ?? 'utc'),
        f: toggleFullscreen,
        '[': collapseAll,
        ']': expandAll,
        c: () => void copyLines(),
      };
      const action = actions[e.key];
      if (action) {
        e.preventDefault();
        action();
      }
    };
  });
  useEffect(() => {
    if (!shortcuts) return;
    const onKey = (e: KeyboardEvent) => keyActions.current(e);
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [shortcuts]);
  const handleSearchKey = (e: ReactKeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'Enter') {
      e.preventDefault();
      if (draft !== searchValue.query) {
        setDraftFor(draft);
        setSearch({ ...searchValue, query: draft });
      } else stepMatch(e.shiftKey ? -1 : 1);
    } else if (e.key === 'Escape') {
      e.currentTarget.blur();
    }
  };

  // ---- first paint mark, for the bench (the first rows with text on screen)
  const painted = useRef(false);
  const anyLoaded = items.some((it) => {
    const line = rows[it.index];
    return line !== undefined && cache.get(line) !== undefined;
  });
  useEffect(() => {
    if (!anyLoaded || painted.current) return;
    painted.current = true;
    // After the next frame and the task that follows it: the rows have been painted.
    requestAnimationFrame(() => setTimeout(() => performance.mark?.('job-log:first-rows'), 0));
  }, [anyLoaded]);

  // ---- render
  const digits = String(Math.max(1, summary.lineCount)).length;
  const matchStatus =
    searchValue.query === ''
      ? ''
      : result === null
        ? 'Searching…'
        : !result.ok
          ? result.error
          : result.total === 0
            ? 'No matches'
            : `${matchIndex + 1} of ${countOf(result.total, 'match', 'matches')}`;
  const currentMatchLine = okResult && okResult.total > 0 ? (okResult.lines[matchIndex] ?? -1) : -1;

  const marksFor = (line: number): readonly MarkRange[] => {
    if (!okResult || okResult.total === 0) return NO_MARKS;
    const marks: MarkRange[] = [];
    for (let k = lowerBound(okResult.lines, line); k < okResult.total && okResult.lines[k] === line; k++) {
      marks.push({ start: okResult.starts[k] ?? 0, end: okResult.ends[k] ?? 0, current: k === matchIndex });
    }
    return marks.length > 0 ? marks : NO_MARKS;
  };

  return (
    <div ref={wrapperRef} className={`log-viewer${fullscreen ? ' is-fullscreen' : ''}${wrap ? ' is-wrapped' : ''}`} style={{ ['--log-height' as string]: height, ['--num-width' as string]: `${digits + 1}ch` }}>
      <div className="log-toolbar" role="toolbar" aria-label={`${label}: tools`}>
        <div className="log-toolbar__search" role="search">
          <label className="visually-hidden" htmlFor={`${baseId}-q`}>
            Search the log
          </label>
          <input
            ref={searchInputRef}
            id={`${baseId}-q`}
            type="search"
            placeholder="Search the log ( / )"
            value={draft}
            onChange={(e) => setDraft(e.target.value)}
            onKeyDown={handleSearchKey}
            aria-describedby={`${baseId}-matches`}
          />
          <label className="log-check">
            <input type="checkbox" checked={searchValue.caseSensitive} onChange={(e) => setSearch({ ...searchValue, query: draft, caseSensitive: e.target.checked })} /> Match case
          </label>
          <label className="log-check">
            <input type="checkbox" checked={searchValue.regex} onChange={(e) => setSearch({ ...searchValue, query: draft, regex: e.target.checked })} /> Regex
          </label>
          <button type="button" className="button" onClick={() => stepMatch(-1)} disabled={!okResult || okResult.total === 0} aria-label="Previous match" title="Previous match (N)">
            ↑
          </button>
          <button type="button" className="button" onClick={() => stepMatch(1)} disabled={!okResult || okResult.total === 0} aria-label="Next match" title="Next match (n)">
            ↓
          </button>
          <span id={`${baseId}-matches`} className="log-toolbar__count" role="status">
            {matchStatus}
          </span>
        </div>
        <div className="log-toolbar__actions">
          <button type="button" className="button" onClick={() => void cycleFailure(1)} title="Next error (e)">
            {failures && failures.key === failuresKey && failures.index >= 0 ? 'Next error' : 'Jump to first error'}
          </button>
          <button type="button" className="button" onClick={expandAll} disabled={sections.length === 0} title="Expand all sections (])">
            Expand all
          </button>
          <button type="button" className="button" onClick={collapseAll} disabled={sections.length === 0} title="Collapse all sections ([)">
            Collapse all
          </button>
          {summary.hasTimestamps ? (
            <label className="log-select">
              Timestamps{' '}
              <select value={tsMode} onChange={(e) => isTimestampMode(e.target.value) && setTsMode(e.target.value)}>
                {TIMESTAMP_MODES.map((m) => (
                  <option key={m.value} value={m.value}>
                    {m.label}
                  </option>
                ))}
              </select>
            </label>
          ) : null}
          <label className="log-check">
            <input type="checkbox" checked={wrap} onChange={(e) => setWrap(e.target.checked)} /> Wrap lines
          </label>
          <button type="button" className="button" onClick={toTop} title="Top (g)">
            Top
          </button>
          <button type="button" className="button" onClick={toBottom} title="Bottom (G)">
            Bottom
          </button>
          {range ? (
            <button type="button" className="button" onClick={() => void copyLines()} title="Copy the selected lines (c)">
              {range.from === range.to ? 'Copy line' : 'Copy lines'}
            </button>
          ) : null}
          <button type="button" className="button" onClick={toggleFullscreen} aria-pressed={fullscreen} title="Full screen (f)">
            Full screen
          </button>
          {onDownload ? (
            <button type="button" className="button" onClick={onDownload}>
              Download raw log
            </button>
          ) : null}
        </div>
        <div className="log-toolbar__status">
          <span>
            {countOf(summary.lineCount, 'line')} · {formatBytes(summary.length)}
          </span>
          {live ? <span>{following ? ' · following the end' : ' · scrolled up: not following'}</span> : null}
          {status ? <span> · {status}</span> : null}
          <span className="visually-hidden" role="status">
            {message}
          </span>
          {message ? (
            <span className="log-toolbar__message" aria-hidden="true">
              {' '}
              · {message}
            </span>
          ) : null}
        </div>
      </div>
      <div ref={scrollRef} className="log-scroll" onScroll={handleScroll} role="region" aria-label={label} tabIndex={0}>
        <div className="log-lines" role="list" style={{ height: totalSize }}>
          {items.map((item) => {
            const line = rows[item.index] ?? 0;
            const data = cache.get(line);
            const header = headers.get(line);
            const marks = data ? marksFor(line) : NO_MARKS;
            return (
              <LogRow
                key={String(item.key)}
                index={item.index}
                line={line}
                start={item.start}
                data={data}
                header={header}
                collapsed={header ? isCollapsed(fold, header) : false}
                selected={range !== null && line >= range.from && line <= range.to}
                isMatch={line === currentMatchLine}
                marks={marks}
                time={showTimes ? (data ? formatLineTime(data.timestamp, tsMode, origin ?? undefined) : '') : null}
                href={selection ? selection.hrefFor({ from: line, to: line }) : null}
                onLineClick={onLineClick}
                onToggle={toggleSection}
                measureRef={wrap ? virtualizer.measureElement : undefined}
              />
            );
          })}
        </div>
      </div>
      <details className="log-help">
        <summary>Keyboard shortcuts</summary>
        <dl>
          <dt>/</dt>
          <dd>search</dd>
          <dt>n / N</dt>
          <dd>next / previous match</dd>
          <dt>e / E</dt>
          <dd>next / previous error</dd>
          <dt>g / G</dt>
          <dd>top / bottom</dd>
          <dt>[ / ]</dt>
          <dd>collapse / expand all sections</dd>
          <dt>w</dt>
          <dd>wrap lines</dd>
          <dt>t</dt>
          <dd>timestamps: UTC, local, since start, hidden</dd>
          <dt>c</dt>
          <dd>copy the selected lines (click a line number; shift-click for a range)</dd>
          <dt>f</dt>
          <dd>full screen</dd>
        </dl>
      </details>
    </div>
  );
}

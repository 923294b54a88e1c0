import { useCallback, useEffect, useId, useRef, useState, type ReactNode } from 'react';
import { PopupContainer } from '../../ui/popups.ts';
import { copyLines, copyLineLink } from './copy-lines.ts';
import { LogRow } from './log-row.tsx';
import { LogShortcutsHelp } from './log-shortcuts-help.tsx';
import { LogToolbar } from './log-toolbar.tsx';
import { LOG_HTML_OPTIONS } from './log-palette.ts';
import type { LogClient } from './model/log-worker-client.ts';
import type { LogSummary } from './model/log-protocol.ts';
import { formatLineTime, nextTimestampMode, type TimestampMode } from './timestamps.ts';
import { useFullscreen } from './use-fullscreen.ts';
import { useLineCache } from './use-line-cache.ts';
import { useLineSelection, type LineSelectionProp } from './use-line-selection.ts';
import { useLogFailures } from './use-log-failures.ts';
import { useLogFolding } from './use-log-folding.ts';
import { useLogFollow } from './use-log-follow.ts';
import { useLogJumps } from './use-log-jumps.ts';
import { useLogRows } from './use-log-rows.ts';
import { NO_MARKS, useLogSearch, type LogSearchProp } from './use-log-search.ts';
import { useLogShortcuts } from './use-log-shortcuts.ts';
import { useLogWindow } from './use-log-window.ts';
import './job-log.css';

export { EMPTY_SEARCH, type LogSearch } from './use-log-search.ts';

export interface LogViewerProps {
  /** The index (null while it starts). */
  client: LogClient | null;
  summary: LogSummary;
  /** Bumped when the log was replaced rather than appended to. */
  generation: number;
  /** Accessible name of the log region: "Log of job #123". */
  label: string;
  /** The `#L…` selection; without it lines have no permalinks. */
  selection?: LineSelectionProp;
  /** A search kept by the caller (in the URL); without it the viewer keeps its own. */
  search?: LogSearchProp;
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

/** After the next frame and the task that follows it: the rows have been painted (for the bench). */
function useFirstPaintMark(anyLoaded: boolean): void {
  const painted = useRef(false);
  useEffect(() => {
    if (!anyLoaded || painted.current) return;
    painted.current = true;
    requestAnimationFrame(() => setTimeout(() => performance.mark?.('job-log:first-rows'), 0));
  }, [anyLoaded]);
}

/**
 * The virtualised log: only the rows on screen (and a few around) are in the DOM, each converted
 * with ansi-to-html from its own starting style. Sections fold, lines have permalinks, the whole
 * log is searchable (collapsed sections included), failures can be cycled.
 */
export function LogViewer({ client, summary, generation, label, selection, search, live = false, timeOrigin, onDownload, shortcuts = false, status, height = '70vh' }: LogViewerProps) {
  const baseId = useId();
  const scrollRef = useRef<HTMLDivElement>(null);
  const wrapperRef = useRef<HTMLDivElement>(null);
  // In full screen nothing outside the viewer is drawn: its tooltips and menus render inside it.
  const [wrapperEl, setWrapperEl] = useState<HTMLDivElement | null>(null);
  const setWrapper = useCallback((el: HTMLDivElement | null) => {
    wrapperRef.current = el;
    setWrapperEl(el);
  }, []);
  const searchInputRef = useRef<HTMLInputElement>(null);
  const [wrap, setWrap] = useState(false);
  const [tsMode, setTsMode] = useState<TimestampMode>('utc');
  const [message, setMessage] = useState('');

  const folding = useLogFolding(summary.sections);
  const rowsView = useLogRows(client, generation, summary, folding.collapsedIds);
  const { rows } = rowsView;
  const view = useLogWindow(scrollRef, rows, wrap, ROW_HEIGHT);
  const { items, scrollToIndex } = view;
  const { cache } = useLineCache(client, generation, summary, LOG_HTML_OPTIONS, rows, items[0]?.index ?? 0, items[items.length - 1]?.index ?? -1);
  const { goTo, goToEnd } = useLogJumps({ rows: rowsView, openAround: folding.openAround, scrollToIndex, scrollRef });
  const lines = useLineSelection(selection, goTo);
  const { range } = lines;
  const follow = useLogFollow({ live, initial: !range, scrollRef, rows, rowHeight: ROW_HEIGHT, scrollToIndex });
  const found = useLogSearch({ client, search, generation, length: summary.length, goTo });
  const failures = useLogFailures({ client, generation, length: summary.length, goTo, select: lines.select, onMessage: setMessage });
  const full = useFullscreen(wrapperRef);

  const copy = async () => {
    if (client && range) setMessage(await copyLines(client, range, navigator.clipboard));
  };
  const copyLink = async (withSearch: boolean) => {
    if (selection && range) setMessage(await copyLineLink(new URL(selection.hrefFor(range, { withSearch }), document.baseURI).href, range, navigator.clipboard));
  };
  const toTop = () => {
    follow.setFollowing(false);
    scrollToIndex(0, { align: 'start' });
  };
  const toBottom = () => {
    if (rows.length === 0) return;
    goToEnd();
    if (live) follow.setFollowing(true);
  };
  useLogShortcuts(shortcuts, {
    '/': () => searchInputRef.current?.focus(),
    n: () => found.stepMatch(1),
    N: () => found.stepMatch(-1),
    e: () => void failures.cycleFailure(1),
    E: () => void failures.cycleFailure(-1),
    g: toTop,
    G: toBottom,
    w: () => setWrap((v) => !v),
    t: () => setTsMode(nextTimestampMode),
    f: full.toggle,
    '[': folding.collapseAll,
    ']': folding.expandAll,
    c: () => void copy(),
  });
  useFirstPaintMark(items.some((it) => cache.get(rows[it.index] ?? -1) !== undefined));

  const showTimes = summary.hasTimestamps && tsMode !== 'hidden';
  const digits = String(Math.max(1, summary.lineCount)).length;
  return (
    <div ref={setWrapper} className={`log-viewer${full.fullscreen ? ' is-fullscreen' : ''}${view.wrapped ? ' is-wrapped' : ''}`} style={{ ['--log-height' as string]: height, ['--num-width' as string]: `${digits + 1}ch` }}>
      <PopupContainer value={full.fullscreen ? wrapperEl : null}>
      <LogToolbar
        label={label}
        idBase={baseId}
        search={found}
        searchInputRef={searchInputRef}
        cyclingErrors={failures.cycling}
        onNextError={() => void failures.cycleFailure(1)}
        hasSections={summary.sections.length > 0}
        onExpandAll={folding.expandAll}
        onCollapseAll={folding.collapseAll}
        timestamps={summary.hasTimestamps ? { mode: tsMode, onChange: setTsMode } : null}
        wrap={wrap}
        onWrapChange={setWrap}
        onTop={toTop}
        onBottom={toBottom}
        selection={range}
        onCopy={() => void copy()}
        onCopyLink={selection ? (withSearch) => void copyLink(withSearch) : undefined}
        fullscreen={full.fullscreen}
        onToggleFullscreen={full.toggle}
        onDownload={onDownload}
        lineCount={summary.lineCount}
        length={summary.length}
        following={live ? follow.following : null}
        status={status}
        message={message}
      />
      </PopupContainer>
      <div
        ref={scrollRef}
        className="log-scroll"
        onScroll={() => {
          view.update();
          follow.handleScroll();
        }}
        role="region"
        aria-label={label}
        tabIndex={0}
      >
        <div className="log-lines" role="list" style={{ height: view.totalSize }}>
          {items.map((item) => {
            const line = rows[item.index] ?? 0;
            const data = cache.get(line);
            const header = folding.headers.get(line);
            return (
              <LogRow
                key={String(item.key)}
                index={item.index}
                line={line}
                start={item.start}
                data={data}
                header={header}
                collapsed={header ? folding.isCollapsed(header) : false}
                selected={range !== null && line >= range.from && line <= range.to}
                isMatch={line === found.currentMatchLine}
                marks={data ? found.marksFor(line) : NO_MARKS}
                time={showTimes ? (data ? formatLineTime(data.timestamp, tsMode, timeOrigin) : '') : null}
                href={selection ? selection.hrefFor({ from: line, to: line }) : null}
                onLineClick={lines.onLineClick}
                onToggle={folding.toggleSection}
                measureRef={view.measureElement}
              />
            );
          })}
        </div>
      </div>
      <LogShortcutsHelp />
    </div>
  );
}

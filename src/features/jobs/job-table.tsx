import { FlexRender, useTable, type ColumnOrderState, type ColumnVisibilityState, type RowSelectionState } from '@tanstack/react-table';
import { useCallback, useEffect, useId, useLayoutEffect, useMemo, useRef, useState, type KeyboardEvent, type MouseEvent } from 'react';
import { useNavigate } from 'react-router';
import type { Job } from '../../gitlab/index.ts';
import { columnInfo, jobColumns, jobTableFeatures, SELECT_COLUMN_ID, SELECT_COLUMN_WIDTH } from './job-columns.tsx';
import { foldColumns, useContentWidth } from './column-fold.ts';
import { jobHref } from './job-cells.tsx';
import { JobIconStyles } from './icons.tsx';
import { cellClass, JobRow, type CellOf } from './job-row.tsx';
import { useFlicking } from './use-flicking.ts';
import { useRowWindow } from './use-row-window.ts';
import type { ColumnPrefs } from './column-prefs.ts';

/** Every row has this height (px), so the body can be virtualised and the reader's place kept exactly. */
export const ROW_HEIGHT = 52;
const HEADER_HEIGHT = 38;
/** Where layout is unknown (jsdom), draw as if the viewport were this tall. */
const FALLBACK_VIEWPORT = 800;
/** Load the next page when the reader is this many rows from the end. */
const LOAD_AHEAD_ROWS = 30;
export interface JobTableProps {
  jobs: readonly Job[];
  caption: string;
  projectPath: string;
  prefs: ColumnPrefs;
  withActions: boolean;
  selectable: boolean;
  rowSelection: RowSelectionState;
  onRowSelectionChange: (next: RowSelectionState) => void;
  /** Called when the reader scrolls near the end. */
  onNearEnd?: () => void;
  /** Plain clicks on the rows' `a[data-route]` links (in-app navigation). */
  onLinkClick?: (event: MouseEvent<Element>) => void;
}

/** The virtualised table: one fixed-height row per job, keyboard navigable, newest first. */
export function JobTable({ jobs, caption, projectPath, prefs, withActions, selectable, rowSelection, onRowSelectionChange, onNearEnd, onLinkClick }: JobTableProps) {
  const navigate = useNavigate();
  const columns = jobColumns({ actions: withActions, select: selectable });
  const columnOrder = useMemo<ColumnOrderState>(() => [SELECT_COLUMN_ID, 'status', ...prefs.order], [prefs.order]);
  const columnVisibility = useMemo<ColumnVisibilityState>(() => ({ ...prefs.visible, [SELECT_COLUMN_ID]: true }), [prefs.visible]);
  const data = jobs as Job[];

  const table = useTable({
    features: jobTableFeatures,
    columns,
    data,
    getRowId: (job) => String(job.id),
    state: { columnOrder, columnVisibility, rowSelection },
    onRowSelectionChange: (updater) => onRowSelectionChange(typeof updater === 'function' ? updater(rowSelection) : updater),
    enableRowSelection: selectable,
  });
  const rows = table.getRowModel().rows;
  const allLeafColumns = table.getVisibleLeafColumns();

  const scrollRef = useRef<HTMLDivElement>(null);
  // Columns give way as the box narrows; cards below CARD_WIDTH (column-fold.ts).
  const boxWidth = useContentWidth(scrollRef);
  const fold = foldColumns(
    allLeafColumns.map((c) => ({ id: c.id, width: columnWidth(c.id) })),
    boxWidth,
  );
  const leafColumns = fold.folded.size === 0 ? allLeafColumns : allLeafColumns.filter((c) => !fold.folded.has(c.id));
  const rowWindow = useRowWindow(scrollRef, {
    count: rows.length,
    rowHeight: ROW_HEIGHT,
    headerHeight: HEADER_HEIGHT,
    // Rows render synchronously with the scroll, so a few spare rows suffice; each one more is
    // laid out, styled and painted on every frame.
    overscan: 2,
    // jsdom has no layout: a zero-height viewport would draw no rows at all.
    fallbackHeight: FALLBACK_VIEWPORT,
  });
  const { items, scrolled } = rowWindow;
  const flicking = useFlicking(scrollRef, ROW_HEIGHT);

  // Keep the reader's place when rows arrive above it: anchor on the first visible row.
  const anchor = useRef<{ id: number; index: number; delta: number } | null>(null);
  const recordAnchor = useCallback(() => {
    const el = scrollRef.current;
    if (!el || el.scrollTop <= 0) {
      anchor.current = null;
      return;
    }
    const index = Math.floor(el.scrollTop / ROW_HEIGHT);
    const job = jobs[index];
    anchor.current = job ? { id: job.id, index, delta: el.scrollTop - index * ROW_HEIGHT } : null;
  }, [jobs]);
  useLayoutEffect(() => {
    const el = scrollRef.current;
    const a = anchor.current;
    if (!el || !a) return;
    if (jobs[a.index]?.id === a.id) return;
    const now = jobs.findIndex((j) => j.id === a.id);
    if (now < 0) return;
    el.scrollTop = now * ROW_HEIGHT + a.delta;
    anchor.current = { ...a, index: now };
  }, [jobs]);

  const lastIndex = items.at(-1)?.index ?? -1;
  useEffect(() => {
    // Only when the reader scrolled: a short filtered list must not pull in every page.
    if (!onNearEnd || !scrolled) return;
    if (lastIndex >= rows.length - LOAD_AHEAD_ROWS) onNearEnd();
  }, [lastIndex, rows.length, onNearEnd, scrolled]);

  // Keyboard: one row is in the tab order; arrows move, Enter opens the job.
  const [active, setActive] = useState(0);
  const wantFocus = useRef(false);
  const activeIndex = Math.min(active, Math.max(0, rows.length - 1));
  const moveTo = (index: number) => {
    const next = Math.max(0, Math.min(rows.length - 1, index));
    setActive(next);
    wantFocus.current = true;
    rowWindow.scrollToIndex(next);
  };
  useEffect(() => {
    if (!wantFocus.current) return;
    const row = scrollRef.current?.querySelector<HTMLElement>(`[role="row"][data-index="${activeIndex}"]`);
    if (row) {
      wantFocus.current = false;
      row.focus({ preventScroll: true });
    }
  });
  const toggle = (id: string) => {
    const next = { ...rowSelection };
    if (next[id]) delete next[id];
    else next[id] = true;
    onRowSelectionChange(next);
  };
  const keyHandler = (event: KeyboardEvent<HTMLDivElement>, index: number, job: Job) => {
    if (event.target !== event.currentTarget) return; // keys inside a link or button are theirs
    const visibleRows = Math.max(1, Math.floor((scrollRef.current?.clientHeight ?? FALLBACK_VIEWPORT) / ROW_HEIGHT) - 1);
    const moves: Record<string, number> = { ArrowDown: 1, ArrowUp: -1, PageDown: visibleRows, PageUp: -visibleRows, j: 1, k: -1 };
    if (event.key in moves) {
      event.preventDefault();
      moveTo(index + (moves[event.key] ?? 0));
    } else if (event.key === 'Home') {
      event.preventDefault();
      moveTo(0);
    } else if (event.key === 'End') {
      event.preventDefault();
      moveTo(rows.length - 1);
    } else if (event.key === 'Enter') {
      event.preventDefault();
      void navigate(jobHref(projectPath, job));
    } else if (event.key === ' ' && selectable) {
      event.preventDefault();
      toggle(String(job.id));
    }
  };

  // Rows are memoised: they get one stable handler that calls the latest one.
  const latestKeyHandler = useRef(keyHandler);
  useEffect(() => {
    latestKeyHandler.current = keyHandler;
  });
  const handleKeyDown = useCallback((event: KeyboardEvent<HTMLDivElement>, index: number, job: Job) => latestKeyHandler.current(event, index, job), []);
  const handleFocus = useCallback((index: number) => setActive(index), []);
  const latestToggle = useRef(toggle);
  useEffect(() => {
    latestToggle.current = toggle;
  });
  const handleToggle = useCallback((id: string) => latestToggle.current(id), []);

  const bodyHeight = Math.max(0, rowWindow.totalSize - HEADER_HEIGHT);
  const widths = leafColumns.map((c) => columnWidth(c.id));
  const width = fold.cards ? 0 : widths.reduce((sum, w) => sum + w, 0);
  // Each column at least its width; room to spare is shared out in proportion, as a table would.
  // A card: selection, status icon, the job (name, then stage · pipeline · ref · duration), actions.
  const template = fold.cards
    ? leafColumns.map((c) => (c.id === 'job' ? 'minmax(0, 1fr)' : c.id === 'status' ? '32px' : c.id === 'actions' ? 'max-content' : `${columnWidth(c.id)}px`)).join(' ')
    : widths.map((w) => `minmax(${w}px, ${w}fr)`).join(' ');
  // Status and Job stay in view when the table scrolls sideways, Actions at the right edge.
  const stickyLeft = fold.cards ? {} : stickyOffsets(leafColumns.map((c) => c.id), widths);
  const selectedCount = Object.keys(rowSelection).length;
  const allSelected = selectable && rows.length > 0 && selectedCount >= rows.length && rows.every((r) => rowSelection[r.id]);
  const someSelected = selectable && !allSelected && selectedCount > 0;
  const columnKey = leafColumns.map((c) => c.id).join(',') + (fold.cards ? ':cards' : '');
  const captionId = useId();

  return (
    <div className="job-table-scroll" ref={scrollRef} onScroll={recordAnchor} onClick={onLinkClick} data-testid="job-table-scroll">
      <JobIconStyles />
      {/* ARIA table roles on a grid of boxes: every row is placed on its own and laid out alone,
          so a row coming into view never lays out the others (a <table> relays its section). */}
      <div
        role="table"
        className={fold.cards ? 'jobs-table is-cards' : 'jobs-table'}
        data-folded={[...fold.folded].join(' ')}
        aria-labelledby={captionId}
        aria-rowcount={rows.length + 1}
        style={{ minWidth: width, ['--job-columns' as string]: template, ...stickyLeft }}
      >
        <div id={captionId} className="visually-hidden">
          {caption}
        </div>
        <div role="rowgroup" className="jobs-table__head">
          <div role="row" aria-rowindex={1} className="jobs-table__row">
            {leafColumns.map((c) =>
              c.id === SELECT_COLUMN_ID ? (
                <div key={c.id} role="columnheader" className={cellClass(c.id)}>
                  <input
                    type="checkbox"
                    aria-label="Select every loaded job"
                    checked={allSelected}
                    ref={(el) => {
                      if (el) el.indeterminate = someSelected;
                    }}
                    onChange={() => onRowSelectionChange(allSelected ? {} : Object.fromEntries(rows.map((r) => [r.id, true as const])))}
                  />
                </div>
              ) : (
                <div key={c.id} role="columnheader" className={cellClass(c.id)}>
                  {columnInfo(c.id)?.label ?? c.id}
                </div>
              ),
            )}
          </div>
        </div>
        <div role="rowgroup" className="jobs-table__body" style={{ height: bodyHeight }}>
          {items.map((item) => {
            const row = rows[item.index];
            if (!row) return null;
            return (
              <JobRow
                key={row.id}
                row={row}
                job={row.original}
                index={item.index}
                top={item.start - HEADER_HEIGHT}
                light={flicking}
                columnKey={columnKey}
                folded={fold.folded}
                active={item.index === activeIndex}
                selectable={selectable}
                selected={rowSelection[row.id] === true}
                onKeyDown={handleKeyDown}
                onFocus={handleFocus}
                onToggle={handleToggle}
                renderCell={renderCell}
              />
            );
          })}
        </div>
      </div>
    </div>
  );
}

const columnWidth = (columnId: string) => (columnId === SELECT_COLUMN_ID ? SELECT_COLUMN_WIDTH : columnInfo(columnId)?.width ?? 100);

/** CSS variables with the left offsets of the columns that stick: selection, status, job (while they lead). */
function stickyOffsets(ids: readonly string[], widths: readonly number[]): Record<string, string> {
  const out: Record<string, string> = {};
  let left = 0;
  for (let i = 0; i < ids.length; i++) {
    const id = ids[i] ?? '';
    if (id !== SELECT_COLUMN_ID && id !== 'status' && id !== 'job') break;
    out[`--sticky-${id}`] = `${left}px`;
    left += widths[i] ?? 0;
  }
  return out;
}

// At module scope: the table object `useTable` returns is new on every render, and a prop that
// changed with it would redraw every memoised row on every scroll frame.
const renderCell = (cell: CellOf) => <FlexRender cell={cell} />;

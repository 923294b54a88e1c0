import { FlexRender, useTable, type ColumnOrderState, type ColumnVisibilityState, type Row, type RowSelectionState } from '@tanstack/react-table';
import { observeElementRect, useVirtualizer } from '@tanstack/react-virtual';
import { memo, useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import { useNavigate } from 'react-router';
import type { Job } from '../../gitlab/index.ts';
import { columnInfo, jobColumns, jobTableFeatures, SELECT_COLUMN_ID, SELECT_COLUMN_WIDTH } from './job-columns.tsx';
import { jobHref } from './job-cells.tsx';
import { JobIconStyles } from './icons.tsx';
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
}

// jsdom has no layout: a zero-height viewport would draw no rows at all.
const observeRectWithFallback: typeof observeElementRect = (instance, cb) =>
  observeElementRect(instance, (rect) => cb(rect.height > 0 ? rect : { width: rect.width || 1200, height: FALLBACK_VIEWPORT }));

const estimateRowSize = () => ROW_HEIGHT;

/** The virtualised table: one fixed-height row per job, keyboard navigable, newest first. */
export function JobTable({ jobs, caption, projectPath, prefs, withActions, selectable, rowSelection, onRowSelectionChange, onNearEnd }: JobTableProps) {
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
  const leafColumns = table.getVisibleLeafColumns();

  const scrollRef = useRef<HTMLDivElement>(null);
  // Stable functions: the virtualizer rebuilds its 10,000 measurements whenever one changes.
  const getItemKey = useCallback((index: number) => rows[index]?.id ?? index, [rows]);
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: estimateRowSize,
    // Rows render synchronously with the scroll, so a few spare rows suffice; each one more is
    // laid out, styled and painted on every frame.
    overscan: 2,
    paddingStart: HEADER_HEIGHT,
    scrollPaddingStart: HEADER_HEIGHT,
    getItemKey,
    observeElementRect: observeRectWithFallback,
  });
  const items = virtualizer.getVirtualItems();

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
  // The virtualizer's own offset: reading scrollTop here would force a layout on every frame.
  const scrolled = (virtualizer.scrollOffset ?? 0) > 0;
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
    virtualizer.scrollToIndex(next, { align: 'auto' });
  };
  useEffect(() => {
    if (!wantFocus.current) return;
    const row = scrollRef.current?.querySelector<HTMLElement>(`tr[data-index="${activeIndex}"]`);
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
  const keyHandler = (event: KeyboardEvent<HTMLTableRowElement>, index: number, job: Job) => {
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
  const handleKeyDown = useCallback((event: KeyboardEvent<HTMLTableRowElement>, index: number, job: Job) => latestKeyHandler.current(event, index, job), []);
  const handleFocus = useCallback((index: number) => setActive(index), []);
  const latestToggle = useRef(toggle);
  useEffect(() => {
    latestToggle.current = toggle;
  });
  const handleToggle = useCallback((id: string) => latestToggle.current(id), []);

  const first = items[0];
  const last = items.at(-1);
  const padTop = first ? first.start - HEADER_HEIGHT : 0;
  const padBottom = last ? virtualizer.getTotalSize() - last.end : 0;
  const width = leafColumns.reduce((sum, c) => sum + (c.id === SELECT_COLUMN_ID ? SELECT_COLUMN_WIDTH : columnInfo(c.id)?.width ?? 100), 0);
  const selectedCount = Object.keys(rowSelection).length;
  const allSelected = selectable && rows.length > 0 && selectedCount >= rows.length && rows.every((r) => rowSelection[r.id]);
  const someSelected = selectable && !allSelected && selectedCount > 0;
  const columnKey = leafColumns.map((c) => c.id).join(',');

  return (
    <div className="job-table-scroll" ref={scrollRef} onScroll={recordAnchor} data-testid="job-table-scroll">
      <JobIconStyles />
      <table className="jobs-table" style={{ width }} aria-rowcount={rows.length + 1}>
        <caption className="visually-hidden">{caption}</caption>
        <colgroup>
          {leafColumns.map((c) => (
            <col key={c.id} style={{ width: c.id === SELECT_COLUMN_ID ? SELECT_COLUMN_WIDTH : columnInfo(c.id)?.width }} />
          ))}
        </colgroup>
        <thead>
          <tr aria-rowindex={1} style={{ height: HEADER_HEIGHT }}>
            {leafColumns.map((c) =>
              c.id === SELECT_COLUMN_ID ? (
                <th key={c.id} scope="col">
                  <input
                    type="checkbox"
                    aria-label="Select every loaded job"
                    checked={allSelected}
                    ref={(el) => {
                      if (el) el.indeterminate = someSelected;
                    }}
                    onChange={() => onRowSelectionChange(allSelected ? {} : Object.fromEntries(rows.map((r) => [r.id, true as const])))}
                  />
                </th>
              ) : (
                <th key={c.id} scope="col" className={columnInfo(c.id)?.className}>
                  {columnInfo(c.id)?.label ?? c.id}
                </th>
              ),
            )}
          </tr>
        </thead>
        <tbody>
          {padTop > 0 ? (
            <tr aria-hidden="true" className="spacer">
              <td colSpan={leafColumns.length} style={{ height: padTop }} />
            </tr>
          ) : null}
          {items.map((item) => {
            const row = rows[item.index];
            if (!row) return null;
            return (
              <JobRow
                key={row.id}
                row={row}
                job={row.original}
                index={item.index}
                columnKey={columnKey}
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
          {padBottom > 0 ? (
            <tr aria-hidden="true" className="spacer">
              <td colSpan={leafColumns.length} style={{ height: padBottom }} />
            </tr>
          ) : null}
        </tbody>
      </table>
    </div>
  );
}


type CellOf = ReturnType<Row<typeof jobTableFeatures, Job>['getVisibleCells']>[number];

// At module scope: the table object `useTable` returns is new on every render, and a prop that
// changed with it would redraw every memoised row on every scroll frame.
const renderCell = (cell: CellOf) => <FlexRender cell={cell} />;

interface JobRowProps {
  row: Row<typeof jobTableFeatures, Job>;
  /** The row's job: a new object when GitLab's data for it changed. */
  job: Job;
  index: number;
  /** The visible columns in order, so a column change redraws the row. */
  columnKey: string;
  active: boolean;
  selectable: boolean;
  selected: boolean;
  onKeyDown: (event: KeyboardEvent<HTMLTableRowElement>, index: number, job: Job) => void;
  onFocus: (index: number) => void;
  onToggle: (id: string) => void;
  renderCell: (cell: CellOf) => ReactNode;
}

/**
 * A new row model (a page arrived, a poll merged) gives every row a new `row` object; what a row
 * draws only changes with its job, its place, its columns and its state, so those decide.
 */
function sameRow(a: JobRowProps, b: JobRowProps): boolean {
  return (
    a.job === b.job &&
    a.row.id === b.row.id &&
    a.index === b.index &&
    a.columnKey === b.columnKey &&
    a.active === b.active &&
    a.selectable === b.selectable &&
    a.selected === b.selected &&
    a.onKeyDown === b.onKeyDown &&
    a.onFocus === b.onFocus &&
    a.onToggle === b.onToggle &&
    a.renderCell === b.renderCell
  );
}

/** One job; memoised, so scrolling only draws the rows that come into view. */
const JobRow = memo(function JobRow({ row, job, index, active, selectable, selected, onKeyDown, onFocus, onToggle, renderCell }: JobRowProps) {
  // A status that changes while the row is on screen flashes once (two names restart the animation).
  const [seenStatus, setSeenStatus] = useState(job.status);
  const [changes, setChanges] = useState(0);
  if (seenStatus !== job.status) {
    setSeenStatus(job.status);
    setChanges((n) => n + 1);
  }
  const classes = [selected ? 'is-selected' : '', changes > 0 ? `status-changed-${changes % 2}` : ''].filter(Boolean).join(' ');
  return (
    <tr
      data-index={index}
      data-job-id={job.id}
      aria-rowindex={index + 2}
      aria-selected={selectable ? selected : undefined}
      tabIndex={active ? 0 : -1}
      className={classes || undefined}
      onKeyDown={(e) => onKeyDown(e, index, job)}
      onFocus={(e) => {
        if (e.target === e.currentTarget) onFocus(index);
      }}
    >
      {row.getVisibleCells().map((cell) =>
        cell.column.id === SELECT_COLUMN_ID ? (
          <td key={cell.id}>
            <input type="checkbox" aria-label={`Select job ${job.id}`} checked={selected} onChange={() => onToggle(row.id)} />
          </td>
        ) : (
          <td key={cell.id} className={columnInfo(cell.column.id)?.className}>
            <div className="cell">{renderCell(cell)}</div>
          </td>
        ),
      )}
    </tr>
  );
}, sameRow);

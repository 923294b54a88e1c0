import { FlexRender, useTable, type ColumnOrderState, type ColumnVisibilityState, type Row, type RowSelectionState } from '@tanstack/react-table';
import { observeElementRect, useVirtualizer } from '@tanstack/react-virtual';
import { memo, startTransition, useCallback, useEffect, useId, useLayoutEffect, useMemo, useRef, useState, type KeyboardEvent, type MouseEvent, type ReactNode, type RefObject } from 'react';
import { useNavigate } from 'react-router';
import type { Job } from '../../gitlab/index.ts';
import { columnInfo, jobColumns, jobTableFeatures, SELECT_COLUMN_ID, SELECT_COLUMN_WIDTH } from './job-columns.tsx';
import { foldColumns, useContentWidth } from './column-fold.ts';
import { jobHref, StatusCell } from './job-cells.tsx';
import { JobIconStyles } from './icons.tsx';
import type { ColumnPrefs } from './column-prefs.ts';

/** Every row has this height (px), so the body can be virtualised and the reader's place kept exactly. */
export const ROW_HEIGHT = 52;
const HEADER_HEIGHT = 38;
/** Where layout is unknown (jsdom), draw as if the viewport were this tall. */
const FALLBACK_VIEWPORT = 800;
/** Load the next page when the reader is this many rows from the end. */
const LOAD_AHEAD_ROWS = 30;
/**
 * Faster than this (rows per 60 Hz frame) the list is being flicked, not read: rows that come
 * into view meanwhile draw their light form until the scroll slows (see useFlicking).
 */
const FLICK_ROWS_PER_FRAME = 2;
/**
 * A flick ends below this speed (or when the scroll stops): a single late frame (a garbage
 * collection) halves the measured speed, and must not redraw every row in full mid-flick.
 */
const FLICK_END_ROWS_PER_FRAME = 1;
/** The scroll has stopped when no scroll event came for this long (ms). */
const FLICK_SETTLE_MS = 120;

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

// jsdom has no layout: a zero-height viewport would draw no rows at all.
const observeRectWithFallback: typeof observeElementRect = (instance, cb) =>
  observeElementRect(instance, (rect) => cb(rect.height > 0 ? rect : { width: rect.width || 1200, height: FALLBACK_VIEWPORT }));

const estimateRowSize = () => ROW_HEIGHT;

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
  const flicking = useFlicking(scrollRef);

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

  const bodyHeight = Math.max(0, virtualizer.getTotalSize() - HEADER_HEIGHT);
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

const cellClass = (columnId: string) => {
  const extra = columnInfo(columnId)?.className;
  return extra ? `jobs-table__cell col-${columnId} ${extra}` : `jobs-table__cell col-${columnId}`;
};

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

type CellOf = ReturnType<Row<typeof jobTableFeatures, Job>['getVisibleCells']>[number];

// At module scope: the table object `useTable` returns is new on every render, and a prop that
// changed with it would redraw every memoised row on every scroll frame.
const renderCell = (cell: CellOf) => <FlexRender cell={cell} />;

interface JobRowProps {
  row: Row<typeof jobTableFeatures, Job>;
  /** The row's job: a new object when GitLab's data for it changed. */
  job: Job;
  index: number;
  /** Where the row sits in the body (px). */
  top: number;
  /** The list is being flicked: a row that mounts now draws its light form (see LightCells). */
  light: boolean;
  /** The visible columns in order, so a column change redraws the row. */
  columnKey: string;
  /** Columns folded away at this width (part of columnKey, so not compared on its own). */
  folded: ReadonlySet<string>;
  active: boolean;
  selectable: boolean;
  selected: boolean;
  onKeyDown: (event: KeyboardEvent<HTMLDivElement>, index: number, job: Job) => void;
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
    a.top === b.top &&
    // Rows already on screen keep what they drew when a flick starts; light rows redraw when it ends.
    (a.light === b.light || b.light) &&
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
const JobRow = memo(function JobRow({ row, job, index, top, light, folded, active, selectable, selected, onKeyDown, onFocus, onToggle, renderCell }: JobRowProps) {
  // Light while it mounted during a flick, full from the first render after it: never back.
  const [drawnLight, setDrawnLight] = useState(light);
  if (drawnLight && !light) setDrawnLight(false);
  // A status that changes while the row is on screen flashes once (two names restart the animation).
  const [seenStatus, setSeenStatus] = useState(job.status);
  const [changes, setChanges] = useState(0);
  if (seenStatus !== job.status) {
    setSeenStatus(job.status);
    setChanges((n) => n + 1);
  }
  const classes = ['jobs-table__row', selected ? 'is-selected' : '', changes > 0 ? `status-changed-${changes % 2}` : ''].filter(Boolean).join(' ');
  return (
    <div
      role="row"
      data-index={index}
      data-job-id={job.id}
      aria-rowindex={index + 2}
      aria-selected={selectable ? selected : undefined}
      tabIndex={active ? 0 : -1}
      className={classes}
      style={{ top }}
      onKeyDown={(e) => onKeyDown(e, index, job)}
      onFocus={(e) => {
        if (e.target === e.currentTarget) onFocus(index);
      }}
    >
      {row.getVisibleCells().filter((cell) => !folded.has(cell.column.id)).map((cell) =>
        drawnLight ? (
          <div key={cell.id} role="cell" className={cellClass(cell.column.id)}>
            <LightCell columnId={cell.column.id} job={job} />
          </div>
        ) : cell.column.id === SELECT_COLUMN_ID ? (
          <div key={cell.id} role="cell" className={cellClass(cell.column.id)}>
            <input type="checkbox" aria-label={`Select job ${job.id}`} checked={selected} onChange={() => onToggle(row.id)} />
          </div>
        ) : (
          <div key={cell.id} role="cell" className={cellClass(cell.column.id)}>
            {renderCell(cell)}
          </div>
        ),
      )}
    </div>
  );
}, sameRow);

/**
 * What a row shows while the list is flicked faster than anyone reads (a scrollbar drag, a fling):
 * its status and its name as plain text, without links, buttons, tooltips or times. It costs a
 * fraction of a full row to create, lay out and paint, so the flick keeps its frame rate on slow
 * machines; the full cells replace it as soon as the scroll slows.
 */
function LightCell({ columnId, job }: { columnId: string; job: Job }) {
  switch (columnId) {
    case 'status':
      return <StatusCell job={job} />;
    case 'job':
      return (
        <span className="job-link">
          <span className="job-id">#{job.id}</span> <span className="job-name">{job.name}</span>
        </span>
      );
    case 'stage':
      return <span className="truncate">{job.stage}</span>;
    case 'ref':
      return <code className="truncate">{job.ref}</code>;
    default:
      return null;
  }
}

/**
 * True from when the box scrolls faster than FLICK_ROWS_PER_FRAME rows per frame until it slows
 * below FLICK_END_ROWS_PER_FRAME or stops for FLICK_SETTLE_MS. The end is a transition: the full
 * rows are drawn in an interruptible render, not in one long task. Reading scrollTop in a scroll
 * event costs no layout.
 */
function useFlicking(scrollRef: RefObject<HTMLElement | null>): boolean {
  const [flicking, setFlicking] = useState(false);
  useEffect(() => {
    const el = scrollRef.current;
    if (!el) return;
    let lastTop = el.scrollTop;
    let lastTime = performance.now();
    let on = false;
    let settle: ReturnType<typeof setTimeout> | undefined;
    const end = () => {
      on = false;
      startTransition(() => setFlicking(false));
    };
    const onScroll = () => {
      const now = performance.now();
      const top = el.scrollTop;
      const frames = Math.max(1, (now - lastTime) / (1000 / 60));
      const rowsPerFrame = Math.abs(top - lastTop) / ROW_HEIGHT / frames;
      lastTop = top;
      lastTime = now;
      if (!on && rowsPerFrame > FLICK_ROWS_PER_FRAME) {
        on = true;
        setFlicking(true);
      } else if (on && rowsPerFrame < FLICK_END_ROWS_PER_FRAME) {
        end();
      }
      clearTimeout(settle);
      if (on) settle = setTimeout(end, FLICK_SETTLE_MS);
    };
    el.addEventListener('scroll', onScroll, { passive: true });
    return () => {
      el.removeEventListener('scroll', onScroll);
      clearTimeout(settle);
    };
  }, [scrollRef]);
  return flicking;
}

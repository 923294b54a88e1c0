import type { Row } from '@tanstack/react-table';
import { memo, useState, type KeyboardEvent, type ReactNode } from 'react';
import type { Job } from '../../gitlab/index.ts';
import { columnInfo, SELECT_COLUMN_ID, type jobTableFeatures } from './job-columns.tsx';
import { StatusCell } from './job-cells.tsx';

export type CellOf = ReturnType<Row<typeof jobTableFeatures, Job>['getVisibleCells']>[number];

export const cellClass = (columnId: string) => {
  const extra = columnInfo(columnId)?.className;
  return extra ? `jobs-table__cell col-${columnId} ${extra}` : `jobs-table__cell col-${columnId}`;
};

export interface JobRowProps {
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
export function sameRow(a: JobRowProps, b: JobRowProps): boolean {
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
export const JobRow = memo(function JobRow({ row, job, index, top, light, folded, active, selectable, selected, onKeyDown, onFocus, onToggle, renderCell }: JobRowProps) {
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
export function LightCell({ columnId, job }: { columnId: string; job: Job }) {
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

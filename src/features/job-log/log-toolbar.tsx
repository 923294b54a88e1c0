import type { ReactNode, RefObject } from 'react';
import { countOf } from '../../ui/index.ts';
import { LogSearchBox } from './log-search-box.tsx';
import { TIMESTAMP_MODES, isTimestampMode, type TimestampMode } from './timestamps.ts';
import type { LogSearchState } from './use-log-search.ts';

/** A log's size in characters (the text as decoded, not its bytes on the wire). */
export function formatChars(chars: number): string {
  if (chars < 1024) return `${chars} B`;
  if (chars < 1024 * 1024) return `${(chars / 1024).toFixed(1)} KiB`;
  return `${(chars / 1024 / 1024).toFixed(1)} MiB`;
}

export interface LogToolbarProps {
  /** The log's accessible name: the toolbar is "<label>: tools". */
  label: string;
  idBase: string;
  search: LogSearchState;
  searchInputRef: RefObject<HTMLInputElement | null>;
  /** The reader is cycling through the errors. */
  cyclingErrors: boolean;
  onNextError(): void;
  hasSections: boolean;
  onExpandAll(): void;
  onCollapseAll(): void;
  /** Null when the log has no timestamps. */
  timestamps: { mode: TimestampMode; onChange(mode: TimestampMode): void } | null;
  wrap: boolean;
  onWrapChange(wrap: boolean): void;
  onTop(): void;
  onBottom(): void;
  /** The selected lines, or null (no Copy button). */
  selection: { from: number; to: number } | null;
  onCopy(): void;
  fullscreen: boolean;
  onToggleFullscreen(): void;
  onDownload?: () => void;
  lineCount: number;
  length: number;
  /** Null when the log is not growing. */
  following: boolean | null;
  status?: ReactNode;
  /** The last action's outcome, announced. */
  message: string;
}

/** The log's tools: search, errors, folding, display, moving, copy, full screen, download; and its status line. */
export function LogToolbar(props: LogToolbarProps) {
  const { label, idBase, search, searchInputRef, timestamps, selection, message } = props;
  return (
    <div className="log-toolbar" role="toolbar" aria-label={`${label}: tools`}>
      <LogSearchBox idBase={idBase} search={search} inputRef={searchInputRef} />
      <div className="log-toolbar__actions">
        <button type="button" className="button" onClick={props.onNextError} title="Next error (e)">
          {props.cyclingErrors ? 'Next error' : 'Jump to first error'}
        </button>
        <button type="button" className="button" onClick={props.onExpandAll} disabled={!props.hasSections} title="Expand all sections (])">
          Expand all
        </button>
        <button type="button" className="button" onClick={props.onCollapseAll} disabled={!props.hasSections} title="Collapse all sections ([)">
          Collapse all
        </button>
        {timestamps ? (
          <label className="log-select">
            Timestamps{' '}
            <select value={timestamps.mode} onChange={(e) => isTimestampMode(e.target.value) && timestamps.onChange(e.target.value)}>
              {TIMESTAMP_MODES.map((m) => (
                <option key={m.value} value={m.value}>
                  {m.label}
                </option>
              ))}
            </select>
          </label>
        ) : null}
        <label className="log-check">
          <input type="checkbox" checked={props.wrap} onChange={(e) => props.onWrapChange(e.target.checked)} /> Wrap lines
        </label>
        <button type="button" className="button" onClick={props.onTop} title="Top (g)">
          Top
        </button>
        <button type="button" className="button" onClick={props.onBottom} title="Bottom (G)">
          Bottom
        </button>
        {selection ? (
          <button type="button" className="button" onClick={props.onCopy} title="Copy the selected lines (c)">
            {selection.from === selection.to ? 'Copy line' : 'Copy lines'}
          </button>
        ) : null}
        <button type="button" className="button" onClick={props.onToggleFullscreen} aria-pressed={props.fullscreen} title="Full screen (f)">
          Full screen
        </button>
        {props.onDownload ? (
          <button type="button" className="button" onClick={props.onDownload}>
            Download raw log
          </button>
        ) : null}
      </div>
      <div className="log-toolbar__status">
        <span>
          {countOf(props.lineCount, 'line')} · {formatChars(props.length)}
        </span>
        {props.following !== null ? <span>{props.following ? ' · following the end' : ' · scrolled up: not following'}</span> : null}
        {props.status ? <span> · {props.status}</span> : null}
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
  );
}

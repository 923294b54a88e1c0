import type { ReactNode, RefObject } from 'react';
import { countOf, formatBytes } from '../../ui/index.ts';
import {
  collapseIcon,
  copyIcon,
  downloadIcon,
  errorIcon,
  expandIcon,
  GlIcon,
  IconButton,
  linkIcon,
  maximizeIcon,
  Menu,
  MenuItem,
  minimizeIcon,
  scrollDownIcon,
  scrollUpIcon,
  Select,
  softWrapIcon,
  Tooltip,
} from '../../ui/popups.ts';
import { LogSearchBox } from './log-search-box.tsx';
import { TIMESTAMP_MODES, type TimestampMode } from './timestamps.ts';
import type { LogSearchState } from './use-log-search.ts';

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
  /** The selected lines, or null (no Copy buttons). */
  selection: { from: number; to: number } | null;
  onCopy(): void;
  /** Copies the address of the selected lines; with the search only when asked. Absent: lines have no addresses. */
  onCopyLink?: ((withSearch: boolean) => void) | undefined;
  fullscreen: boolean;
  onToggleFullscreen(): void;
  onDownload?: (() => void) | undefined;
  lineCount: number;
  length: number;
  /** Null when the log is not growing. */
  following: boolean | null;
  status?: ReactNode;
  /** The last action's outcome, announced. */
  message: string;
}

/**
 * The log's tools on one row at 1280 px: the search (its options inside the field), then
 * errors, and icon buttons with tooltips for folding, wrapping, moving, copying, full screen and
 * download; the size and follow state on a quiet line below.
 */
export function LogToolbar(props: LogToolbarProps) {
  const { label, idBase, search, searchInputRef, timestamps, selection, message } = props;
  const lines = selection ? (selection.from === selection.to ? 'line' : 'lines') : 'line';
  return (
    <div className="log-toolbar" role="toolbar" aria-label={`${label}: tools`}>
      <LogSearchBox idBase={idBase} search={search} inputRef={searchInputRef} />
      <div className="log-toolbar__actions">
        <Tooltip content="The next line that looks like a failure" shortcut="e">
          <button type="button" className="button" onClick={props.onNextError}>
            <GlIcon icon={errorIcon} />
            {props.cyclingErrors ? 'Next error' : 'Jump to first error'}
          </button>
        </Tooltip>
        <IconButton icon={expandIcon} label="Expand all" shortcut="]" disabled={!props.hasSections} onClick={props.onExpandAll} />
        <IconButton icon={collapseIcon} label="Collapse all" shortcut="[" disabled={!props.hasSections} onClick={props.onCollapseAll} />
        <IconButton icon={softWrapIcon} label="Wrap lines" shortcut="w" pressed={props.wrap} onClick={() => props.onWrapChange(!props.wrap)} />
        {timestamps ? <Select label="Timestamps" value={timestamps.mode} options={TIMESTAMP_MODES} onValueChange={timestamps.onChange} /> : null}
        <IconButton icon={scrollUpIcon} label="Top" shortcut="g" onClick={props.onTop} />
        <IconButton icon={scrollDownIcon} label="Bottom" shortcut="G" onClick={props.onBottom} />
        {selection ? <IconButton icon={copyIcon} label={selection.from === selection.to ? 'Copy line' : 'Copy lines'} shortcut="c" onClick={props.onCopy} /> : null}
        {selection && props.onCopyLink ? <CopyLink lines={lines} searching={search.value.query !== ''} onCopyLink={props.onCopyLink} /> : null}
        <IconButton icon={props.fullscreen ? minimizeIcon : maximizeIcon} label="Full screen" shortcut="f" pressed={props.fullscreen} onClick={props.onToggleFullscreen} />
        {props.onDownload ? <IconButton icon={downloadIcon} label="Download raw log" onClick={props.onDownload} /> : null}
      </div>
      <div className="log-toolbar__status">
        <span>
          {countOf(props.lineCount, 'line')} · {formatBytes(props.length)}
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

/** "Copy link to line": the address without the search; during a search, a menu offers both. */
function CopyLink({ lines, searching, onCopyLink }: { lines: string; searching: boolean; onCopyLink(withSearch: boolean): void }) {
  const name = `Copy link to ${lines}`;
  if (!searching) return <IconButton icon={linkIcon} label={name} onClick={() => onCopyLink(false)} />;
  return (
    <Menu
      label={name}
      trigger={
        <button type="button" className="button button--ghost button--icon" aria-label={name}>
          <GlIcon icon={linkIcon} />
        </button>
      }
    >
      <MenuItem onSelect={() => onCopyLink(false)}>Copy link to {lines}</MenuItem>
      <MenuItem onSelect={() => onCopyLink(true)}>Copy link to {lines} with the search</MenuItem>
    </Menu>
  );
}

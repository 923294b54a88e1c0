import { memo, useMemo, type MouseEvent as ReactMouseEvent } from 'react';
import { markedLineHtml, type MarkRange } from './highlight.ts';
import { LOG_HTML_OPTIONS } from './log-palette.ts';
import { LINE_STDERR, type LogSection } from './model/log-index.ts';
import type { LogLine } from './model/log-protocol.ts';

export interface LogRowProps {
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

function rowClass({ selected, isMatch, header, data }: Pick<LogRowProps, 'selected' | 'isMatch' | 'header' | 'data'>): string {
  return `log-row${selected ? ' is-selected' : ''}${isMatch ? ' is-match' : ''}${header ? ' is-header' : ''}${data && data.flags & LINE_STDERR ? ' is-stderr' : ''}`;
}

/**
 * One row. Memoised. An unmarked line's HTML was made by the index (in the worker for a big
 * log) with the viewer's palette; only a line with search marks is cut and converted here.
 */
export const LogRow = memo(function LogRow({ index, line, start, data, header, collapsed, selected, isMatch, marks, time, href, onLineClick, onToggle, measureRef }: LogRowProps) {
  const html = useMemo(() => (!data ? '' : marks.length === 0 ? data.html : markedLineHtml(data.spans, marks, LOG_HTML_OPTIONS)), [data, marks]);
  return (
    <div role="listitem" className={rowClass({ selected, isMatch, header, data })} data-line={line + 1} data-index={index} ref={measureRef} style={{ transform: `translateY(${start}px)` }}>
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

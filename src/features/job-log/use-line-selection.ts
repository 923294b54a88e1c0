import { useCallback, useEffect, useEffectEvent, useRef, type MouseEvent as ReactMouseEvent } from 'react';
import { extendRange, type LineRange } from './permalink.ts';

/** The `#L…` selection a caller keeps (in the address); without it lines have no permalinks. */
export interface LineSelectionProp {
  range: LineRange | null;
  onChange(range: LineRange | null): void;
  /**
   * The shareable address of a range (current page + `#L…`), without the log's search unless
   * `withSearch` (a link made during a search should not carry it by accident).
   */
  hrefFor(range: LineRange, options?: { withSearch?: boolean }): string;
}

export interface LineSelection {
  range: LineRange | null;
  /** Stable (rows are memoised): a click selects a line, a shift-click extends the range. */
  onLineClick(event: ReactMouseEvent, line: number): void;
  /** Selects one line without jumping to it again (the caller has already moved there). */
  select(line: number): void;
}

const keyOf = (range: LineRange | null) => (range ? `${range.from}-${range.to}` : '');

/**
 * The selected lines and their permalinks. A range that arrives from the address (a shared
 * link, back/forward) moves the view to it; one the reader clicked does not.
 */
export function useLineSelection(selection: LineSelectionProp | undefined, goTo: (line: number, align: 'center') => void): LineSelection {
  const range = selection?.range ?? null;
  const rangeKey = keyOf(range);
  /** The range this viewer asked for itself, not to be jumped to when it comes back. */
  const selfChange = useRef<string | null>(null);

  const onNewRange = useEffectEvent(() => {
    if (!range) return;
    if (selfChange.current === rangeKey) {
      selfChange.current = null;
      return;
    }
    goTo(range.from, 'center');
  });
  useEffect(() => {
    onNewRange();
  }, [rangeKey]);

  const handleLineClick = (event: ReactMouseEvent, line: number) => {
    if (!selection || event.metaKey || event.ctrlKey || event.button !== 0) return;
    event.preventDefault();
    const next = extendRange(range, line, event.shiftKey);
    selfChange.current = keyOf(next);
    selection.onChange(next);
  };
  // Rows are memoised: they get one stable click handler that calls the current one.
  const lineClick = useRef(handleLineClick);
  useEffect(() => {
    lineClick.current = handleLineClick;
  });
  const onLineClick = useCallback((event: ReactMouseEvent, line: number) => lineClick.current(event, line), []);

  const select = (line: number) => {
    if (!selection) return;
    const next = { from: line, to: line };
    selfChange.current = keyOf(next);
    selection.onChange(next);
  };
  return { range, onLineClick, select };
}

import { useCallback, useEffect, useRef, useState, type RefObject } from 'react';
import { flushSync } from 'react-dom';

export interface RowWindowItem {
  index: number;
  /** Distance from the top of the scroll box's content (the header's height included). */
  start: number;
}

export interface RowWindow {
  /** The rows to draw: those on screen and `overscan` more on each side. */
  items: RowWindowItem[];
  /** The header and every row. */
  totalSize: number;
  /** Whether the box is scrolled at all. */
  scrolled: boolean;
  /** Brings a row into view if it is not (below the sticky header), as little as needed. */
  scrollToIndex(index: number): void;
}

export interface RowWindowOptions {
  count: number;
  rowHeight: number;
  /** A sticky header above the rows, inside the scroll box. */
  headerHeight: number;
  overscan: number;
  /** The box's height where layout is unknown (jsdom). */
  fallbackHeight: number;
}

/**
 * Windowing of the job table: every row has one height, so which rows are on screen is
 * arithmetic on scrollTop, O(1) however many jobs are loaded (decision 0027: TanStack Virtual
 * then stays out of the job list's first load; it measured nothing here). As with TanStack
 * Virtual, the table is drawn again only when the range of rows changes, in the same frame as the
 * scroll (flushSync); the box's size is followed with a ResizeObserver.
 */
export function useRowWindow(scrollRef: RefObject<HTMLElement | null>, { count, rowHeight, headerHeight, overscan, fallbackHeight }: RowWindowOptions): RowWindow {
  // The rows on screen (before overscan and the row count's bound) and whether the box is
  // scrolled: the table is drawn again when one of these changes, not at every scrolled pixel.
  const [view, setView] = useState(() => ({ first: 0, last: Math.ceil((fallbackHeight - headerHeight) / rowHeight) - 1, scrolled: false }));
  const shown = useRef(view);
  const measure = useCallback(
    (sync: boolean) => {
      const el = scrollRef.current;
      if (!el) return;
      const top = el.scrollTop;
      const height = el.clientHeight > 0 ? el.clientHeight : fallbackHeight;
      const next = { first: Math.floor((top - headerHeight) / rowHeight), last: Math.ceil((top + height - headerHeight) / rowHeight) - 1, scrolled: top > 0 };
      const v = shown.current;
      if (v.first === next.first && v.last === next.last && v.scrolled === next.scrolled) return;
      shown.current = next;
      if (sync) flushSync(() => setView(next));
      else setView(next);
    },
    [scrollRef, rowHeight, headerHeight, fallbackHeight],
  );
  useEffect(() => {
    const el = scrollRef.current;
    if (!el) return;
    measure(false);
    const onScroll = () => measure(true);
    el.addEventListener('scroll', onScroll, { passive: true });
    const observer = typeof ResizeObserver === 'undefined' ? null : new ResizeObserver(() => measure(false));
    observer?.observe(el);
    return () => {
      el.removeEventListener('scroll', onScroll);
      observer?.disconnect();
    };
  }, [scrollRef, measure]);

  const first = Math.max(0, view.first - overscan);
  const last = Math.min(count - 1, view.last + overscan);
  const items: RowWindowItem[] = [];
  for (let i = first; i <= last; i++) items.push({ index: i, start: headerHeight + i * rowHeight });

  const scrollToIndex = useCallback(
    (index: number) => {
      const el = scrollRef.current;
      if (!el) return;
      const rowTop = index * rowHeight; // under the sticky header when scrolled to exactly this
      const rowBottom = headerHeight + (index + 1) * rowHeight;
      const boxHeight = el.clientHeight > 0 ? el.clientHeight : fallbackHeight;
      if (rowTop < el.scrollTop) el.scrollTop = rowTop;
      else if (rowBottom > el.scrollTop + boxHeight) el.scrollTop = rowBottom - boxHeight;
      measure(false);
    },
    [scrollRef, rowHeight, headerHeight, fallbackHeight, measure],
  );

  return { items, totalSize: headerHeight + count * rowHeight, scrolled: view.scrolled, scrollToIndex };
}

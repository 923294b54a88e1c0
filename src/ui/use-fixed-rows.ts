import { useCallback, useEffect, useMemo, useState, type RefObject } from 'react';

export interface WindowItem {
  index: number;
  key: number;
  start: number;
}

export interface FixedRows {
  items: WindowItem[];
  totalSize: number;
  scrollToIndex(index: number, options?: { align?: 'start' | 'center' | 'end' }): void;
  /** Call from the scroll container's scroll handler. */
  update(): void;
}

/**
 * Windowing for rows of one fixed height: which rows are on screen is arithmetic on scrollTop,
 * O(1) however many rows there are. (TanStack Virtual lays out every row again whenever the
 * row count changes, which for 500,000 rows costs whole frames; it still handles wrapped,
 * measured rows. See docs/decisions/0012-log-viewer-fixed-rows.md.) The log viewer's unwrapped
 * rows and the artifact text preview use it. Its window is plain state, so the React Compiler
 * can memoise its callers (TanStack Virtual's `useVirtualizer` is on its incompatible list).
 */
export function useFixedRows(scrollRef: RefObject<HTMLElement | null>, count: number, rowHeight: number, overscan: number, keyOf: (index: number) => number): FixedRows {
  const [view, setView] = useState({ top: 0, height: 0 });
  const update = useCallback(() => {
    const el = scrollRef.current;
    if (!el) return;
    const top = el.scrollTop;
    const height = el.clientHeight;
    setView((v) => (v.top === top && v.height === height ? v : { top, height }));
  }, [scrollRef]);
  useEffect(() => {
    const el = scrollRef.current;
    if (!el) return;
    update();
    if (typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(update);
    observer.observe(el);
    return () => observer.disconnect();
  }, [scrollRef, update]);

  const height = view.height > 0 ? view.height : 40 * rowHeight;
  const first = Math.max(0, Math.floor(view.top / rowHeight) - overscan);
  const last = Math.min(count - 1, Math.ceil((view.top + height) / rowHeight) + overscan);
  const items = useMemo(() => {
    const out: WindowItem[] = [];
    for (let i = first; i <= last; i++) out.push({ index: i, key: keyOf(i), start: i * rowHeight });
    return out;
  }, [first, last, rowHeight, keyOf]);

  const scrollToIndex = useCallback(
    (index: number, options: { align?: 'start' | 'center' | 'end' } = {}) => {
      const el = scrollRef.current;
      if (!el) return;
      const align = options.align ?? 'start';
      const top = index * rowHeight;
      const target = align === 'start' ? top : align === 'end' ? top + rowHeight - el.clientHeight : top - (el.clientHeight - rowHeight) / 2;
      el.scrollTop = Math.max(0, Math.min(target, count * rowHeight - el.clientHeight));
      update();
    },
    [scrollRef, rowHeight, count, update],
  );

  return { items, totalSize: count * rowHeight, scrollToIndex, update };
}

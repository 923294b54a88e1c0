import { useVirtualizer } from '@tanstack/react-virtual';
import { useCallback, useEffect, type RefObject } from 'react';
import { useFixedRows } from '../../ui/index.ts';

export type ScrollAlign = 'start' | 'center' | 'end';

export interface LogWindowItem {
  index: number;
  key: number | string | bigint;
  start: number;
}

export interface LogWindow {
  /** The rows to draw (those on screen and a few around). */
  items: LogWindowItem[];
  totalSize: number;
  scrollToIndex(index: number, options: { align: ScrollAlign }): void;
  /** Call from the scroll container's scroll handler. */
  update(): void;
  /** Wrapped rows are measured; unwrapped rows all have `rowHeight`. */
  measureElement: ((node: Element | null) => void) | undefined;
}

/**
 * Which rows are drawn. Unwrapped rows all have one height: plain arithmetic windows them
 * (`ui/use-fixed-rows.ts`). Wrapped rows differ in height and are measured by TanStack Virtual (which
 * then lays out every row).
 */
export function useLogWindow(scrollRef: RefObject<HTMLElement | null>, rows: Uint32Array, wrap: boolean, rowHeight: number, overscan = 20): LogWindow {
  // Stable callbacks: the virtualizer re-measures every row whenever these change identity.
  const getItemKey = useCallback((i: number) => rows[i] ?? i, [rows]);
  const getScrollElement = useCallback(() => scrollRef.current, [scrollRef]);
  const estimateSize = useCallback(() => rowHeight, [rowHeight]);
  const fixed = useFixedRows(scrollRef, wrap ? 0 : rows.length, rowHeight, overscan, getItemKey);
  const virtualizer = useVirtualizer({
    count: wrap ? rows.length : 0,
    getScrollElement,
    estimateSize,
    overscan,
    getItemKey,
    useFlushSync: false,
  });
  useEffect(() => {
    virtualizer.measure();
  }, [wrap, virtualizer]);
  const fixedScrollToIndex = fixed.scrollToIndex;
  const scrollToIndex = useCallback(
    (index: number, options: { align: ScrollAlign }) => {
      if (wrap) virtualizer.scrollToIndex(index, options);
      else fixedScrollToIndex(index, options);
    },
    [wrap, virtualizer, fixedScrollToIndex],
  );
  return {
    items: wrap ? virtualizer.getVirtualItems() : fixed.items,
    totalSize: wrap ? virtualizer.getTotalSize() : fixed.totalSize,
    scrollToIndex,
    update: fixed.update,
    measureElement: wrap ? virtualizer.measureElement : undefined,
  };
}

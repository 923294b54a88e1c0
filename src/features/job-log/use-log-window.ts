import type { Virtualizer } from '@tanstack/react-virtual';
import { useCallback, useEffect, useLayoutEffect, useMemo, useReducer, type RefObject } from 'react';
import { lazyModule, useFixedRows, useLazyModule } from '../../ui/index.ts';

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
  /** Whether the rows are drawn wrapped: asked for, and the measuring virtualizer is there. */
  wrapped: boolean;
}

/**
 * TanStack Virtual, fetched the first time a log is wrapped (decision 0027): most logs are read
 * unwrapped, and the job page's first screen does not wait for it. (The whole package, not only
 * its core: the job list imports it too, and one shared chunk keeps the bundler's runtime in the
 * first chunk instead of a file of its own on every page.)
 */
export const virtualModule = lazyModule(() => import('@tanstack/react-virtual'));

/**
 * Which rows are drawn. Unwrapped rows all have one height: plain arithmetic windows them
 * (`ui/use-fixed-rows.ts`). Wrapped rows differ in height and are measured by TanStack Virtual (which
 * then lays out every row), fetched when rows are first wrapped: until it is there they stay
 * unwrapped (`wrapped` says which).
 */
export function useLogWindow(scrollRef: RefObject<HTMLElement | null>, rows: Uint32Array, wrap: boolean, rowHeight: number, overscan = 20): LogWindow {
  // Stable callbacks: the virtualizer re-measures every row whenever these change identity.
  const getItemKey = useCallback((i: number) => rows[i] ?? i, [rows]);
  const getScrollElement = useCallback(() => scrollRef.current, [scrollRef]);
  const estimateSize = useCallback(() => rowHeight, [rowHeight]);
  const virtualizer = useMeasuredRows(wrap, getScrollElement, estimateSize);
  const wrapped = wrap && virtualizer !== null;
  const fixed = useFixedRows(scrollRef, wrapped ? 0 : rows.length, rowHeight, overscan, getItemKey);
  virtualizer?.setOptions({ ...virtualizer.options, count: wrapped ? rows.length : 0, overscan, getItemKey });
  useEffect(() => {
    virtualizer?.measure();
  }, [wrapped, virtualizer]);
  const fixedScrollToIndex = fixed.scrollToIndex;
  const scrollToIndex = useCallback(
    (index: number, options: { align: ScrollAlign }) => {
      if (wrapped) virtualizer?.scrollToIndex(index, options);
      else fixedScrollToIndex(index, options);
    },
    [wrapped, virtualizer, fixedScrollToIndex],
  );
  return {
    items: wrapped ? virtualizer.getVirtualItems() : fixed.items,
    totalSize: wrapped ? virtualizer.getTotalSize() : fixed.totalSize,
    scrollToIndex,
    update: fixed.update,
    measureElement: wrapped ? virtualizer.measureElement : undefined,
    wrapped,
  };
}

/**
 * TanStack Virtual's virtualizer for measured rows, made as its `useVirtualizer` makes it (options
 * set at every render, mounted and updated in layout effects, a re-render at each change; a hook
 * cannot be called only once its module has arrived): null until then. Asking for wrapped rows
 * fetches it.
 */
function useMeasuredRows(wanted: boolean, getScrollElement: () => HTMLElement | null, estimateSize: () => number): Virtualizer<HTMLElement, Element> | null {
  const core = useLazyModule(virtualModule);
  const [, rerender] = useReducer((n: number) => n + 1, 0);
  useEffect(() => {
    if (wanted) virtualModule.load().catch(() => undefined); // offline: the rows stay unwrapped
  }, [wanted]);
  const virtualizer = useMemo(
    () =>
      core &&
      new core.Virtualizer<HTMLElement, Element>({
        count: 0,
        getScrollElement,
        estimateSize,
        observeElementRect: core.observeElementRect,
        observeElementOffset: core.observeElementOffset,
        scrollToFn: core.elementScroll,
        onChange: () => rerender(),
      }),
    [core, getScrollElement, estimateSize],
  );
  useLayoutEffect(() => virtualizer?._didMount(), [virtualizer]);
  useLayoutEffect(() => virtualizer?._willUpdate());
  return virtualizer;
}

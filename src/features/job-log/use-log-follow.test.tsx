import { act, renderHook } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { useLogFollow } from './use-log-follow.ts';

function pane(scrollHeight: number, scrollTop: number, clientHeight: number) {
  const el = document.createElement('div');
  Object.defineProperty(el, 'scrollHeight', { configurable: true, value: scrollHeight });
  Object.defineProperty(el, 'clientHeight', { configurable: true, value: clientHeight });
  el.scrollTop = scrollTop;
  return el;
}

describe('useLogFollow', () => {
  it('follows a live log’s end as it grows, until the reader scrolls up', () => {
    const scrollToIndex = vi.fn();
    const scrollRef = { current: pane(2000, 1800, 200) };
    const { result, rerender } = renderHook(({ rows }) => useLogFollow({ live: true, initial: true, scrollRef, rows, rowHeight: 20, scrollToIndex }), { initialProps: { rows: Uint32Array.of(0, 1, 2) } });
    expect(result.current.following).toBe(true);
    expect(scrollToIndex).toHaveBeenLastCalledWith(2, { align: 'end' });
    rerender({ rows: Uint32Array.of(0, 1, 2, 3) });
    expect(scrollToIndex).toHaveBeenLastCalledWith(3, { align: 'end' });

    scrollRef.current = pane(2000, 1000, 200);
    act(() => result.current.handleScroll());
    expect(result.current.following).toBe(false);
    rerender({ rows: Uint32Array.of(0, 1, 2, 3, 4) });
    expect(scrollToIndex).toHaveBeenCalledTimes(2);

    scrollRef.current = pane(2000, 1790, 200);
    act(() => result.current.handleScroll());
    expect(result.current.following).toBe(true);
  });

  it('does not follow a finished log, nor one opened on a selected line', () => {
    const scrollToIndex = vi.fn();
    const scrollRef = { current: pane(2000, 0, 200) };
    const done = renderHook(() => useLogFollow({ live: false, initial: true, scrollRef, rows: Uint32Array.of(0), rowHeight: 20, scrollToIndex }));
    const linked = renderHook(() => useLogFollow({ live: true, initial: false, scrollRef, rows: Uint32Array.of(0), rowHeight: 20, scrollToIndex }));
    expect(done.result.current.following).toBe(false);
    expect(linked.result.current.following).toBe(false);
    expect(scrollToIndex).not.toHaveBeenCalled();
  });
});

import { act, renderHook } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { useRowWindow } from './use-row-window.ts';

/** A scroll box 200 px tall (jsdom has no layout: its height and scrollTop are set by hand). */
function scrollBox(height: number) {
  const el = document.createElement('div');
  Object.defineProperty(el, 'clientHeight', { configurable: true, value: height });
  document.body.append(el);
  return { current: el };
}

const options = { count: 1000, rowHeight: 50, headerHeight: 40, overscan: 2, fallbackHeight: 800 };

describe('useRowWindow', () => {
  it('draws the rows under the header that are on screen, and the overscan', () => {
    const ref = scrollBox(200);
    const { result } = renderHook(() => useRowWindow(ref, options));
    // 160 px below the 40 px header: rows 0-3 (the 4th cut), 2 more below.
    expect(result.current.items.map((i) => i.index)).toEqual([0, 1, 2, 3, 4, 5]);
    expect(result.current.items[1]).toEqual({ index: 1, start: 90 });
    expect(result.current.totalSize).toBe(40 + 50_000);
    expect(result.current.scrolled).toBe(false);
  });

  it('follows the scroll, and is drawn again only when the rows on screen change', () => {
    const ref = scrollBox(200);
    let renders = 0;
    const { result } = renderHook(() => {
      renders++;
      return useRowWindow(ref, options);
    });
    act(() => {
      ref.current.scrollTop = 10;
      ref.current.dispatchEvent(new Event('scroll'));
    });
    expect(result.current.scrolled).toBe(true);
    const afterFirst = renders;
    act(() => {
      ref.current.scrollTop = 20; // the same rows on screen
      ref.current.dispatchEvent(new Event('scroll'));
    });
    expect(renders).toBe(afterFirst);
    act(() => {
      ref.current.scrollTop = 40 + 50 * 100;
      ref.current.dispatchEvent(new Event('scroll'));
    });
    expect(result.current.items.map((i) => i.index)).toEqual([98, 99, 100, 101, 102, 103, 104, 105]);
  });

  it('brings a row into view as little as needed, below the sticky header', () => {
    const ref = scrollBox(200);
    const { result } = renderHook(() => useRowWindow(ref, options));
    act(() => result.current.scrollToIndex(2)); // on screen: stays
    expect(ref.current.scrollTop).toBe(0);
    act(() => result.current.scrollToIndex(10)); // below: its bottom at the box's bottom
    expect(ref.current.scrollTop).toBe(40 + 11 * 50 - 200);
    act(() => result.current.scrollToIndex(3)); // above: its top just under the header
    expect(ref.current.scrollTop).toBe(3 * 50);
    expect(result.current.items.map((i) => i.index)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8]);
  });

  it('draws as if the box were fallbackHeight tall where there is no layout, and never past the last row', () => {
    const ref = scrollBox(0);
    const { result } = renderHook(() => useRowWindow(ref, { ...options, count: 5 }));
    expect(result.current.items.map((i) => i.index)).toEqual([0, 1, 2, 3, 4]);
  });
});

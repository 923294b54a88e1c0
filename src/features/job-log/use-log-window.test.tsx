import { act, renderHook } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { useLogWindow, virtualModule } from './use-log-window.ts';

function scrollPane(height: number) {
  const el = document.createElement('div');
  Object.defineProperty(el, 'clientHeight', { configurable: true, value: height });
  document.body.append(el);
  return { current: el };
}

const rows = Uint32Array.from({ length: 1000 }, (_, i) => i * 2);

describe('useLogWindow', () => {
  it('draws the rows on screen and a few around, keyed by line number, and scrolls by arithmetic', () => {
    const ref = scrollPane(200);
    const { result } = renderHook(() => useLogWindow(ref, rows, false, 20, 5));
    // 200 px of 20 px rows: rows 0-10 on screen, 5 more below.
    expect(result.current.items.map((i) => i.index)).toEqual([...Array(16).keys()]);
    expect(result.current.items[3]).toEqual({ index: 3, key: 6, start: 60 });
    expect(result.current.totalSize).toBe(20_000);
    expect(result.current.measureElement).toBeUndefined();

    act(() => result.current.scrollToIndex(500, { align: 'start' }));
    expect(ref.current.scrollTop).toBe(10_000);
    expect(result.current.items[0]?.index).toBe(495);
    act(() => result.current.scrollToIndex(500, { align: 'center' }));
    expect(ref.current.scrollTop).toBe(10_000 - 90);
    act(() => result.current.scrollToIndex(999, { align: 'end' }));
    expect(ref.current.scrollTop).toBe(20_000 - 200);
  });

  it('hands wrapped rows to the measuring virtualizer once it has arrived, unwrapped until then', async () => {
    vi.resetModules();
    const { useLogWindow, virtualModule } = await import('./use-log-window.ts'); // TanStack Virtual not fetched yet
    const ref = scrollPane(200);
    const { result, rerender } = renderHook(({ wrap }) => useLogWindow(ref, rows, wrap, 20, 5), { initialProps: { wrap: false } });
    expect(virtualModule.get()).toBeNull();
    rerender({ wrap: true });
    // Asked for, not there yet: the rows stay unwrapped, windowed by arithmetic.
    expect(result.current.wrapped).toBe(false);
    expect(result.current.measureElement).toBeUndefined();
    expect(result.current.items.map((i) => i.index)).toEqual([...Array(16).keys()]);
    await act(() => virtualModule.load());
    expect(result.current.wrapped).toBe(true);
    expect(result.current.measureElement).toBeTypeOf('function');
    // Not yet measured: every row is estimated at one row height.
    expect(result.current.totalSize).toBe(20_000);
    rerender({ wrap: false });
    expect(result.current.wrapped).toBe(false);
    expect(result.current.measureElement).toBeUndefined();
  });

  it('keeps the rows unwrapped when TanStack Virtual is already there but wrapping is not asked for', async () => {
    await virtualModule.load();
    const ref = scrollPane(200);
    const { result } = renderHook(() => useLogWindow(ref, rows, false, 20, 5));
    expect(result.current.wrapped).toBe(false);
    expect(result.current.items[3]).toEqual({ index: 3, key: 6, start: 60 });
  });
});

import { act, renderHook } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { useLogJumps } from './use-log-jumps.ts';
import type { LogRows } from './use-log-rows.ts';

const ROWS: LogRows = { rows: Uint32Array.of(0, 1, 5, 6, 7), current: true, lineCount: 8 };

function setup(initial: LogRows) {
  const scrollToIndex = vi.fn();
  const openAround = vi.fn();
  const scrollRef = { current: null };
  const hook = renderHook(({ rows }) => useLogJumps({ rows, openAround, scrollToIndex, scrollRef }), { initialProps: { rows: initial } });
  return { ...hook, scrollToIndex, openAround };
}

describe('useLogJumps', () => {
  it('opens the line’s sections and scrolls its row to the middle', () => {
    const { result, scrollToIndex, openAround } = setup(ROWS);
    act(() => result.current.goTo(5));
    expect(openAround).toHaveBeenCalledWith(5);
    expect(scrollToIndex).toHaveBeenCalledWith(2, { align: 'center' });
  });

  it('waits for rows that answer the current folding, and for a line not loaded yet', () => {
    const { result, rerender, scrollToIndex } = setup({ ...ROWS, current: false });
    act(() => result.current.goTo(6, 'start'));
    expect(scrollToIndex).not.toHaveBeenCalled();
    rerender({ rows: { ...ROWS, lineCount: 6 } });
    expect(scrollToIndex).not.toHaveBeenCalled();
    rerender({ rows: ROWS });
    expect(scrollToIndex).toHaveBeenCalledTimes(1);
    expect(scrollToIndex).toHaveBeenCalledWith(3, { align: 'start' });
    // Done: new rows do not jump again.
    rerender({ rows: { ...ROWS, rows: Uint32Array.of(0, 1, 5, 6, 7, 8), lineCount: 9 } });
    expect(scrollToIndex).toHaveBeenCalledTimes(1);
  });

  it('goes to the last row', () => {
    const { result, scrollToIndex } = setup(ROWS);
    act(() => result.current.goToEnd());
    expect(scrollToIndex).toHaveBeenCalledWith(4, { align: 'end' });
  });
});

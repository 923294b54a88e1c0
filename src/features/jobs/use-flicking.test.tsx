import { act, renderHook } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { FLICK_SETTLE_MS, nextFlick, useFlicking, type FlickState } from './use-flicking.ts';

const ROW = 50;
const FRAME = 1000 / 60;

describe('nextFlick', () => {
  const still: FlickState = { on: false, top: 0, time: 0 };
  it.each([
    ['reading: two rows in a frame', still, 2 * ROW, FRAME, false],
    ['a fling: three rows in a frame', still, 3 * ROW, FRAME, true],
    ['three rows over two frames is reading', still, 3 * ROW, 2 * FRAME, false],
    ['upwards counts the same', { ...still, top: 1000 }, 1000 - 3 * ROW, FRAME, true],
    ['a flick goes on at one row a frame', { on: true, top: 0, time: 0 }, ROW, FRAME, true],
    ['a flick ends below one row a frame', { on: true, top: 0, time: 0 }, ROW / 2, FRAME, false],
    ['events closer than a frame count as one frame', still, 3 * ROW, FRAME / 4, true],
  ] as const)('%s', (_, state, top, now, on) => {
    expect(nextFlick(state, top, now, ROW)).toEqual({ on, top, time: now });
  });
});

describe('useFlicking', () => {
  beforeEach(() => vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance'] }));
  afterEach(() => vi.useRealTimers());

  function setup() {
    const el = document.createElement('div');
    const ref = { current: el };
    const { result } = renderHook(() => useFlicking(ref, ROW));
    // Async act: the end of a flick is a transition, drawn after the event.
    const scrollTo = (top: number, afterMs: number) =>
      act(async () => {
        vi.advanceTimersByTime(afterMs);
        el.scrollTop = top;
        el.dispatchEvent(new Event('scroll'));
      });
    return { result, scrollTo };
  }

  it('is on during a fast scroll and off once the scroll slows', async () => {
    const { result, scrollTo } = setup();
    await scrollTo(ROW, 100);
    expect(result.current).toBe(false);
    await scrollTo(ROW * 10, 16);
    expect(result.current).toBe(true);
    await scrollTo(ROW * 11, 16);
    expect(result.current).toBe(true);
    await scrollTo(ROW * 11 + 10, 16);
    expect(result.current).toBe(false);
  });

  it('is off once the scroll stops', async () => {
    const { result, scrollTo } = setup();
    await scrollTo(ROW * 10, 16);
    expect(result.current).toBe(true);
    act(() => vi.advanceTimersByTime(FLICK_SETTLE_MS - 1));
    expect(result.current).toBe(true);
    await act(async () => {
      vi.advanceTimersByTime(1);
    });
    expect(result.current).toBe(false);
  });
});

import { startTransition, useEffect, useState, type RefObject } from 'react';

/**
 * Faster than this (rows per 60 Hz frame) the list is being flicked, not read: rows that come
 * into view meanwhile draw their light form until the scroll slows.
 */
export const FLICK_ROWS_PER_FRAME = 2;
/**
 * A flick ends below this speed (or when the scroll stops): a single late frame (a garbage
 * collection) halves the measured speed, and must not redraw every row in full mid-flick.
 */
export const FLICK_END_ROWS_PER_FRAME = 1;
/** The scroll has stopped when no scroll event came for this long (ms). */
export const FLICK_SETTLE_MS = 120;

const FRAME_MS = 1000 / 60;

/** Where the last scroll event left the box, and whether it is being flicked. */
export interface FlickState {
  on: boolean;
  top: number;
  time: number;
}

/**
 * The state after a scroll event that found the box at `top` px at `now` ms: flicking from
 * above FLICK_ROWS_PER_FRAME rows per frame, until below FLICK_END_ROWS_PER_FRAME.
 */
export function nextFlick(state: FlickState, top: number, now: number, rowHeight: number): FlickState {
  const frames = Math.max(1, (now - state.time) / FRAME_MS);
  const rowsPerFrame = Math.abs(top - state.top) / rowHeight / frames;
  const on = state.on ? rowsPerFrame >= FLICK_END_ROWS_PER_FRAME : rowsPerFrame > FLICK_ROWS_PER_FRAME;
  return { on, top, time: now };
}

/**
 * True from when the box scrolls faster than FLICK_ROWS_PER_FRAME rows per frame until it slows
 * below FLICK_END_ROWS_PER_FRAME or stops for FLICK_SETTLE_MS. The end is a transition: the full
 * rows are drawn in an interruptible render, not in one long task. Reading scrollTop in a scroll
 * event costs no layout.
 */
export function useFlicking(scrollRef: RefObject<HTMLElement | null>, rowHeight: number): boolean {
  const [flicking, setFlicking] = useState(false);
  useEffect(() => {
    const el = scrollRef.current;
    if (!el) return;
    let state: FlickState = { on: false, top: el.scrollTop, time: performance.now() };
    let settle: ReturnType<typeof setTimeout> | undefined;
    const end = () => {
      state = { ...state, on: false };
      startTransition(() => setFlicking(false));
    };
    const onScroll = () => {
      const next = nextFlick(state, el.scrollTop, performance.now(), rowHeight);
      const was = state.on;
      state = next;
      if (!was && next.on) setFlicking(true);
      else if (was && !next.on) end();
      clearTimeout(settle);
      if (state.on) settle = setTimeout(end, FLICK_SETTLE_MS);
    };
    el.addEventListener('scroll', onScroll, { passive: true });
    return () => {
      el.removeEventListener('scroll', onScroll);
      clearTimeout(settle);
    };
  }, [scrollRef, rowHeight]);
  return flicking;
}

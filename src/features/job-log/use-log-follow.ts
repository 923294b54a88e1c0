import { useEffect, useState, type RefObject } from 'react';
import type { ScrollAlign } from './use-log-window.ts';

export interface LogFollow {
  /** The view sticks to the end as the log grows. */
  following: boolean;
  setFollowing(following: boolean): void;
  /** Call from the scroll handler: at the bottom follows, scrolled up stops following. */
  handleScroll(): void;
}

export interface LogFollowOptions {
  /** The log is growing. */
  live: boolean;
  /** Follow from the start (not when the page opened on a selected line). */
  initial: boolean;
  scrollRef: RefObject<HTMLElement | null>;
  rows: Uint32Array;
  rowHeight: number;
  scrollToIndex(index: number, options: { align: ScrollAlign }): void;
}

/** Following the tail of a live log while the reader stays at the bottom. */
export function useLogFollow({ live, initial, scrollRef, rows, rowHeight, scrollToIndex }: LogFollowOptions): LogFollow {
  const [following, setFollowing] = useState(live && initial);
  const handleScroll = () => {
    const el = scrollRef.current;
    if (!el) return;
    const atBottom = el.scrollHeight - el.scrollTop - el.clientHeight < rowHeight * 2;
    if (atBottom !== following) setFollowing(atBottom);
  };
  useEffect(() => {
    if (!following || !live || rows.length === 0) return;
    scrollToIndex(rows.length - 1, { align: 'end' });
  }, [following, live, rows, scrollToIndex]);
  return { following, setFollowing, handleScroll };
}

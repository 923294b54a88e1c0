import { useCallback, useEffect, useRef, useState, type RefObject } from 'react';
import { rowOfLine } from './model/folding.ts';
import type { LogRows } from './use-log-rows.ts';
import type { ScrollAlign } from './use-log-window.ts';

/** A jump to this line goes to the last row. */
const END = Number.MAX_SAFE_INTEGER;

export interface LogJumps {
  /** Opens the line's sections, waits for the rows, then scrolls the line into view. */
  goTo(line: number, align?: ScrollAlign): void;
  /** Scrolls to the last row (once the rows are there). */
  goToEnd(): void;
}

export interface LogJumpsOptions {
  rows: LogRows;
  openAround(line: number): void;
  scrollToIndex(index: number, options: { align: ScrollAlign }): void;
  /** The scrolling pane: brought into the window too when it is below the fold. */
  scrollRef: RefObject<HTMLElement | null>;
}

/** Jumps to a line: the jump waits for rows that hold it (a section opening, a log still loading). */
export function useLogJumps({ rows: { rows, current, lineCount }, openAround, scrollToIndex, scrollRef }: LogJumpsOptions): LogJumps {
  const pendingJump = useRef<{ line: number; align: ScrollAlign } | null>(null);
  const [jumpSeq, setJumpSeq] = useState(0);
  const goTo = useCallback(
    (line: number, align: ScrollAlign = 'center') => {
      openAround(line);
      pendingJump.current = { line, align };
      setJumpSeq((n) => n + 1);
    },
    [openAround],
  );
  const goToEnd = useCallback(() => {
    pendingJump.current = { line: END, align: 'end' };
    setJumpSeq((n) => n + 1);
  }, []);
  useEffect(() => {
    const jump = pendingJump.current;
    if (!jump || !current || rows.length === 0) return;
    if (jump.line >= lineCount && jump.line < END) return; // not arrived yet
    const row = jump.line === END ? rows.length - 1 : Math.max(0, rowOfLine(rows, jump.line));
    pendingJump.current = null;
    scrollToIndex(row, { align: jump.align });
    // The pane itself may be below the fold (a long header): bring it into the window too.
    const pane = scrollRef.current;
    if (pane && typeof pane.scrollIntoView === 'function') {
      const box = pane.getBoundingClientRect();
      if (box.top < 0 || box.bottom > window.innerHeight) pane.scrollIntoView({ block: 'nearest' });
    }
  }, [rows, current, lineCount, jumpSeq, scrollToIndex, scrollRef]);
  return { goTo, goToEnd };
}

/**
 * Which columns of the job list give way as the screen narrows. Each data column has a
 * priority; the ones of least use go first, and stage, pipeline, ref and duration fold into
 * the Job cell's second line instead of disappearing. Status, Job and Actions always stay.
 * Below CARD_WIDTH the rows become cards: status icon, name, that second line and actions.
 */
import { useLayoutEffect, useState, type RefObject } from 'react';

export const CARD_WIDTH = 600;

/** Higher folds first; columns not listed never fold (selection, status, job, actions). */
export const FOLD_PRIORITY: Readonly<Record<string, number>> = {
  created: 10,
  queued: 10,
  coverage: 9,
  user: 8,
  runner: 7,
  artifacts: 6,
  since: 6,
  finished: 5,
  ref: 4,
  duration: 3,
  pipeline: 3,
  stage: 2,
};

/** Folded columns whose value the Job cell shows on its second line. */
export const FOLDS_INTO_JOB = ['stage', 'pipeline', 'ref', 'duration'] as const;

export interface FoldColumn {
  id: string;
  width: number;
}

export interface ColumnFold {
  folded: ReadonlySet<string>;
  cards: boolean;
}

const NONE: ColumnFold = { folded: new Set(), cards: false };

/** The columns to fold so the rest fit in `available` px; 0 (not measured) folds nothing. */
export function foldColumns(columns: readonly FoldColumn[], available: number): ColumnFold {
  if (available <= 0) return NONE;
  const foldable = columns
    .map((c, index) => ({ ...c, index, priority: FOLD_PRIORITY[c.id] }))
    .filter((c): c is FoldColumn & { index: number; priority: number } => c.priority !== undefined);
  if (available < CARD_WIDTH) return { folded: new Set(foldable.map((c) => c.id)), cards: true };
  // Least useful first; of equals, the one further right.
  foldable.sort((a, b) => b.priority - a.priority || b.index - a.index);
  let total = columns.reduce((sum, c) => sum + c.width, 0);
  const folded = new Set<string>();
  for (const c of foldable) {
    if (total <= available) break;
    folded.add(c.id);
    total -= c.width;
  }
  return folded.size === 0 ? NONE : { folded, cards: false };
}

/** The element's content width, kept up to date (0 where nothing lays out, as in jsdom). */
export function useContentWidth(ref: RefObject<HTMLElement | null>): number {
  const [width, setWidth] = useState(0);
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el || typeof ResizeObserver === 'undefined') return;
    setWidth(el.clientWidth);
    const observer = new ResizeObserver(() => setWidth(el.clientWidth));
    observer.observe(el);
    return () => observer.disconnect();
  }, [ref]);
  return width;
}

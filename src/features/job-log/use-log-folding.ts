import { useCallback, useMemo, useState } from 'react';
import type { LogSection } from './model/log-index.ts';

/** How the sections are folded: one choice for all, then the reader's clicks on single ones. */
export interface Fold {
  all: 'auto' | 'open' | 'closed';
  overrides: ReadonlyMap<number, boolean>;
}

export const INITIAL_FOLD: Fold = { all: 'auto', overrides: new Map() };

/** Whether a section is folded: the reader's click, else "all", else the log's own `[collapsed=true]`. */
export function isCollapsed(fold: Fold, s: LogSection): boolean {
  return fold.overrides.get(s.id) ?? (fold.all === 'auto' ? s.collapsed : fold.all === 'closed');
}

/** Sections whose body holds `line` (not counting a section whose header it is). */
export function sectionsAround(sections: readonly LogSection[], line: number): number[] {
  const ids: number[] = [];
  for (const s of sections) if (s.headerLine < line && line <= s.lastLine) ids.push(s.id);
  return ids;
}

export interface LogFolding {
  /** Ids of the folded sections; the same array while the set is the same. */
  collapsedIds: readonly number[];
  /** Section headers by line number. */
  headers: ReadonlyMap<number, LogSection>;
  isCollapsed(section: LogSection): boolean;
  /** Stable: folded rows are memoised. */
  toggleSection(section: LogSection): void;
  expandAll(): void;
  collapseAll(): void;
  /** Opens the folded sections around `line`, so that a jump to it lands on a visible row. */
  openAround(line: number): void;
}

/** The folding of a log's sections. */
export function useLogFolding(sections: readonly LogSection[]): LogFolding {
  const [fold, setFold] = useState<Fold>(INITIAL_FOLD);
  const collapsedKey = sections
    .filter((s) => isCollapsed(fold, s))
    .map((s) => s.id)
    .join(',');
  const collapsedIds = useMemo(() => (collapsedKey === '' ? [] : collapsedKey.split(',').map(Number)), [collapsedKey]);
  const headers = useMemo(() => new Map(sections.map((s) => [s.headerLine, s])), [sections]);
  const isFolded = useCallback((s: LogSection) => isCollapsed(fold, s), [fold]);
  const toggleSection = useCallback((s: LogSection) => {
    setFold((f) => ({ ...f, overrides: new Map(f.overrides).set(s.id, !isCollapsed(f, s)) }));
  }, []);
  const expandAll = useCallback(() => setFold({ all: 'open', overrides: new Map() }), []);
  const collapseAll = useCallback(() => setFold({ all: 'closed', overrides: new Map() }), []);
  const openAround = useCallback(
    (line: number) => {
      const open = sectionsAround(sections, line).filter((id) => {
        const s = sections[id];
        return s ? isCollapsed(fold, s) : false;
      });
      if (open.length === 0) return;
      setFold((f) => {
        const overrides = new Map(f.overrides);
        for (const id of open) overrides.set(id, false);
        return { ...f, overrides };
      });
    },
    [sections, fold],
  );
  return { collapsedIds, headers, isCollapsed: isFolded, toggleSection, expandAll, collapseAll, openAround };
}

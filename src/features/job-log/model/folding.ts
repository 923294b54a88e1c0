/**
 * Which lines a viewer shows when some sections are collapsed: the rows of its virtual list.
 * A collapsed section keeps its header row and hides the rest; lines that only hold a
 * section marker (nothing to display) are hidden too, as GitLab does.
 */
import { LINE_EMPTY, LINE_HEADER, LINE_MARKER, type LogIndex, type LogSection } from './log-index.ts';

export interface RowOptions {
  /** Hide lines that display nothing but held a section marker (default true). */
  hideMarkerLines?: boolean;
}

/** Line numbers of the visible rows, in order. */
export function visibleRows(index: LogIndex, collapsed: Iterable<number>, options: RowOptions = {}): Uint32Array {
  const hideMarkers = options.hideMarkerLines ?? true;
  const sections = index.sections;
  const n = index.lineCount;
  // hideUntil[line] = last hidden line of a collapsed section whose header is `line`.
  const hideFrom = new Map<number, number>();
  for (const id of collapsed) {
    const s = sections[id];
    if (!s) continue;
    const prev = hideFrom.get(s.headerLine);
    if (prev === undefined || s.lastLine > prev) hideFrom.set(s.headerLine, s.lastLine);
  }
  const rows = new Uint32Array(n);
  let count = 0;
  let hiddenThrough = -1;
  for (let i = 0; i < n; i++) {
    if (i <= hiddenThrough) continue;
    const flags = index.lineFlags(i);
    const isHeader = (flags & LINE_HEADER) !== 0;
    if (!(hideMarkers && !isHeader && (flags & (LINE_MARKER | LINE_EMPTY)) === (LINE_MARKER | LINE_EMPTY))) rows[count++] = i;
    if (isHeader) {
      const until = hideFrom.get(i);
      if (until !== undefined && until > hiddenThrough) hiddenThrough = until;
    }
  }
  return rows.slice(0, count);
}

/** The row showing `line`, or the row of the nearest visible line before it; -1 when none. */
export function rowOfLine(rows: Uint32Array, line: number): number {
  let lo = 0;
  let hi = rows.length - 1;
  let best = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    if ((rows[mid] ?? 0) <= line) {
      best = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return best;
}

/** Sections to expand so that a line in section `id` is visible: it and its ancestors. */
export function sectionPath(sections: readonly LogSection[], id: number): number[] {
  const path: number[] = [];
  for (let s = sections[id]; s; s = s.parent >= 0 ? sections[s.parent] : undefined) path.unshift(s.id);
  return path;
}

/** Ids of the sections that start collapsed (`[collapsed=true]`). */
export function initiallyCollapsed(sections: readonly LogSection[]): number[] {
  return sections.filter((s) => s.collapsed).map((s) => s.id);
}

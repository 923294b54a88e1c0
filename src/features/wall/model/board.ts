/**
 * The board: which tiles are shown, in which order, and on which page (pure).
 * Failing first, then running (or blocked), then passing, then tiles with nothing known; inside a
 * group the wall's configured order, so tiles never jump while their group stays the same.
 * `wall.statuses` hides tiles whose latest pipeline has another status; `wall.showSuccessful: false`
 * folds the passing group into one "N projects passing" tile.
 */
import type { TileGroup, TileView } from './tile-view.ts';

const RANK: Record<TileGroup, number> = { failing: 0, running: 1, passing: 2, unknown: 3 };

export function orderTiles(tiles: readonly TileView[]): TileView[] {
  return [...tiles].sort((a, b) => RANK[a.group] - RANK[b.group] || a.order - b.order || a.key.localeCompare(b.key));
}

export type BoardItem = { kind: 'tile'; tile: TileView } | { kind: 'passing-summary'; count: number; keys: string[] };

export interface BoardOptions {
  showSuccessful: boolean;
  /** Pipeline statuses to show (undefined or empty: all). */
  statuses?: readonly string[] | undefined;
}

export interface Board {
  items: BoardItem[];
  /** Tiles left out by `wall.statuses`. */
  hidden: number;
  counts: Record<TileGroup, number>;
}

export function buildBoard(tiles: readonly TileView[], options: BoardOptions): Board {
  const wanted = options.statuses && options.statuses.length > 0 ? new Set(options.statuses) : null;
  const counts: Record<TileGroup, number> = { failing: 0, running: 0, passing: 0, unknown: 0 };
  const shown: TileView[] = [];
  for (const t of orderTiles(tiles)) {
    // A tile with nothing loaded yet is kept: hiding it would look like a wall with fewer projects.
    if (wanted && t.status !== null && !wanted.has(t.status)) continue;
    counts[t.group]++;
    shown.push(t);
  }
  const items: BoardItem[] = [];
  const folded = shown.filter((t) => t.group === 'passing');
  for (const t of shown) {
    if (!options.showSuccessful && t.group === 'passing') continue;
    items.push({ kind: 'tile', tile: t });
  }
  if (!options.showSuccessful && folded.length > 0) {
    // The summary sits where the passing group would be: before the tiles with nothing known.
    const at = items.findIndex((i) => i.kind === 'tile' && i.tile.group === 'unknown');
    const summary: BoardItem = { kind: 'passing-summary', count: folded.length, keys: folded.map((t) => t.key) };
    if (at < 0) items.push(summary);
    else items.splice(at, 0, summary);
  }
  return { items, hidden: tiles.length - shown.length, counts };
}

// ---------------------------------------------------------------------------------------------
// Layout

export interface GridFit {
  columns: number;
  rows: number;
  /** Tiles per page (every page but maybe the last holds this many). */
  perPage: number;
  pages: number;
}

export interface FitInput {
  count: number;
  /** The board's size in CSS pixels. */
  width: number;
  height: number;
  /** The smallest tile that stays readable from four metres, in CSS pixels. */
  minWidth: number;
  minHeight: number;
  /** The tile shape to aim for (width / height). */
  aspect?: number;
}

/**
 * The grid that fits every tile on the screen with no scrollbar: the most tiles per page that
 * keep each at least min size, spread evenly over as few pages as possible, and the column count
 * that makes the tiles largest (closest to `aspect`) for that many.
 */
export function fitGrid({ count, width, height, minWidth, minHeight, aspect = 1.8 }: FitInput): GridFit {
  const maxColumns = Math.max(1, Math.floor(width / minWidth));
  const maxRows = Math.max(1, Math.floor(height / minHeight));
  const n = Math.max(1, count);
  const pages = Math.ceil(n / (maxColumns * maxRows));
  const perPage = Math.ceil(n / pages);
  let best = { columns: 1, rows: perPage, score: -1 };
  for (let columns = 1; columns <= Math.min(maxColumns, perPage); columns++) {
    const rows = Math.ceil(perPage / columns);
    if (rows > maxRows) continue;
    const w = width / columns;
    const h = height / rows;
    // The largest tile of the wanted shape inside a w × h cell.
    const score = Math.min(w, h * aspect);
    if (score > best.score) best = { columns, rows, score };
  }
  return { columns: best.columns, rows: best.rows, perPage, pages };
}

/** The page shown at `now` when pages rotate every `periodMs`. */
export function pageAt(now: number, pages: number, periodMs: number): number {
  if (pages <= 1 || periodMs <= 0) return 0;
  return Math.floor(now / periodMs) % pages;
}

export function pageItems<T>(items: readonly T[], page: number, perPage: number): T[] {
  return items.slice(page * perPage, (page + 1) * perPage);
}

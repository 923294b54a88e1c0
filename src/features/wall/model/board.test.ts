import { describe, expect, it } from 'vitest';
import { buildBoard, fitGrid, orderTiles, pageAt, pageItems } from './board.ts';
import type { TileGroup, TileView } from './tile-view.ts';

function tile(key: string, group: TileGroup, order: number, status: string | null = group === 'failing' ? 'failed' : group === 'running' ? 'running' : group === 'passing' ? 'success' : null): TileView {
  return {
    key, path: key, name: key, ref: 'main', order, status, pipelineUrl: null, group, health: group === 'failing' ? 'failing' : 'passing',
    sinceMs: null, sinceAtLeast: false, streak: 0, streakAtLeast: false, culprit: null, failing: [], moreFailing: 0, progress: null, remainingMs: null, blocked: null,
  };
}

describe('orderTiles', () => {
  it('puts failing first, then running, passing, unknown; the configured order inside each group', () => {
    const tiles = [tile('a', 'passing', 0), tile('b', 'unknown', 1), tile('c', 'failing', 2), tile('d', 'running', 3), tile('e', 'failing', 4), tile('f', 'passing', 5)];
    expect(orderTiles(tiles).map((t) => t.key)).toEqual(['c', 'e', 'd', 'a', 'f', 'b']);
  });

  it('does not move a tile whose group stays the same, whatever the others do', () => {
    const before = orderTiles([tile('a', 'passing', 0), tile('b', 'passing', 1), tile('c', 'passing', 2)]).map((t) => t.key);
    const after = orderTiles([tile('c', 'passing', 2), tile('a', 'passing', 0), tile('b', 'failing', 1)]).map((t) => t.key);
    expect(before).toEqual(['a', 'b', 'c']);
    expect(after).toEqual(['b', 'a', 'c']);
  });
});

describe('buildBoard', () => {
  const tiles = [tile('a', 'passing', 0), tile('b', 'failing', 1), tile('c', 'passing', 2), tile('d', 'unknown', 3), tile('e', 'running', 4)];

  it('shows every tile by default', () => {
    const board = buildBoard(tiles, { showSuccessful: true });
    expect(board.items.map((i) => (i.kind === 'tile' ? i.tile.key : 'summary'))).toEqual(['b', 'e', 'a', 'c', 'd']);
    expect(board.counts).toEqual({ failing: 1, running: 1, passing: 2, unknown: 1 });
  });

  it('folds passing tiles into one "N passing" tile where the group would be', () => {
    const board = buildBoard(tiles, { showSuccessful: false });
    expect(board.items.map((i) => (i.kind === 'tile' ? i.tile.key : `summary:${i.count}`))).toEqual(['b', 'e', 'summary:2', 'd']);
  });

  it('hides tiles whose status wall.statuses leaves out, keeping tiles not loaded yet', () => {
    const board = buildBoard(tiles, { showSuccessful: true, statuses: ['failed', 'running'] });
    expect(board.items.map((i) => (i.kind === 'tile' ? i.tile.key : 'summary'))).toEqual(['b', 'e', 'd']);
    expect(board.hidden).toBe(2);
  });
});

describe('fitGrid', () => {
  it('fits 20 tiles on one 1920×1080 page with the largest tiles', () => {
    const fit = fitGrid({ count: 20, width: 1920, height: 1000, minWidth: 340, minHeight: 180 });
    expect(fit.pages).toBe(1);
    expect(fit.columns * fit.rows).toBeGreaterThanOrEqual(20);
    expect(1920 / fit.columns).toBeGreaterThanOrEqual(340);
    expect(1000 / fit.rows).toBeGreaterThanOrEqual(180);
  });

  it('uses few large tiles for a small wall', () => {
    expect(fitGrid({ count: 2, width: 1920, height: 1000, minWidth: 340, minHeight: 180 })).toEqual({ columns: 2, rows: 1, perPage: 2, pages: 1 });
    expect(fitGrid({ count: 1, width: 1920, height: 1000, minWidth: 340, minHeight: 180 })).toEqual({ columns: 1, rows: 1, perPage: 1, pages: 1 });
  });

  it('spreads more tiles than fit evenly over pages', () => {
    const fit = fitGrid({ count: 50, width: 1920, height: 1000, minWidth: 340, minHeight: 180 });
    // 5 columns × 5 rows fit: 50 tiles are two pages of 25.
    expect(fit).toMatchObject({ pages: 2, perPage: 25 });
    expect(fit.rows).toBeLessThanOrEqual(5);
    expect(fit.columns).toBeLessThanOrEqual(5);
  });

  it('never asks for less than one column or row on a tiny screen', () => {
    expect(fitGrid({ count: 3, width: 100, height: 100, minWidth: 340, minHeight: 180 })).toMatchObject({ columns: 1, rows: 1, perPage: 1, pages: 3 });
  });
});

describe('rotation', () => {
  it('shows each page in turn for the period, then starts over', () => {
    expect([0, 14_999, 15_000, 30_000, 45_000].map((t) => pageAt(t, 3, 15_000))).toEqual([0, 0, 1, 2, 0]);
    expect(pageAt(99_999, 1, 15_000)).toBe(0);
  });

  it('cuts the items of a page', () => {
    expect(pageItems([1, 2, 3, 4, 5], 1, 2)).toEqual([3, 4]);
    expect(pageItems([1, 2, 3, 4, 5], 2, 2)).toEqual([5]);
  });
});

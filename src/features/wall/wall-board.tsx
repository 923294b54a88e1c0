import { useLayoutEffect, useRef, useState } from 'react';
import { fitGrid, pageAt, pageItems, type BoardItem } from './model/board.ts';
import { PassingSummaryTile, WallTile } from './wall-tile.tsx';
import type { TileView } from './model/tile-view.ts';

/** How long each page shows when the tiles need more than one screen. */
export const PAGE_ROTATION_MS = 15_000;
/** The smallest tile readable from four metres, in the wall's rem (which scales with the screen). */
const MIN_TILE_REM = { width: 16, height: 8.5 };

export interface TileExtras {
  staleSince: number | null;
  notYet: string | null;
}

export interface WallBoardProps {
  items: BoardItem[];
  extras: (view: TileView) => TileExtras;
  now: number;
}

function useBoxSize(ref: React.RefObject<HTMLElement | null>): { width: number; height: number; rem: number } {
  const [size, setSize] = useState({ width: 0, height: 0, rem: 16 });
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    const measure = () => {
      const rem = Number.parseFloat(getComputedStyle(el).fontSize) || 16;
      setSize((s) => (s.width === el.clientWidth && s.height === el.clientHeight && s.rem === rem ? s : { width: el.clientWidth, height: el.clientHeight, rem }));
    };
    measure();
    if (typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(measure);
    observer.observe(el);
    return () => observer.disconnect();
  }, [ref]);
  return size;
}

/** The tiles in an auto-fitting grid with no scrollbar; pages rotate when they do not all fit. */
export function WallBoard({ items, extras, now }: WallBoardProps) {
  const ref = useRef<HTMLDivElement>(null);
  const { width, height, rem } = useBoxSize(ref);
  const fit = fitGrid({ count: items.length, width: width || 1920, height: height || 1000, minWidth: MIN_TILE_REM.width * rem, minHeight: MIN_TILE_REM.height * rem });
  const page = pageAt(now, fit.pages, PAGE_ROTATION_MS);
  // The tiles' type follows their size (about ten lines a tile), never below the wall's rem.
  const cellWidth = (width || 1920) / fit.columns;
  const cellHeight = (height || 1000) / fit.rows;
  const tileFont = Math.max(rem, Math.min(cellHeight / 10, cellWidth / 17, rem * 3));
  const shown = pageItems(items, page, fit.perPage);

  return (
    <>
      <div
        ref={ref}
        className="wall-board"
        style={{
          gridTemplateColumns: `repeat(${fit.columns}, minmax(0, 1fr))`,
          gridTemplateRows: `repeat(${fit.rows}, minmax(0, 1fr))`,
          ['--tile-font' as string]: `${tileFont.toFixed(1)}px`,
        }}
        data-testid="wall-board"
        data-page={page}
      >
        {shown.map((item) =>
          item.kind === 'tile' ? (
            <WallTile key={item.tile.key} view={item.tile} now={now} {...extras(item.tile)} />
          ) : (
            <PassingSummaryTile key="passing-summary" count={item.count} />
          ),
        )}
      </div>
      {fit.pages > 1 ? (
        <p className="wall-pager" data-testid="wall-pager">
          <span className="wall-pager__text">
            Page {page + 1} of {fit.pages}
          </span>
          <span className="wall-pager__dots" aria-hidden="true">
            {Array.from({ length: fit.pages }, (_, i) => (
              <span key={i} className={i === page ? 'wall-pager__dot wall-pager__dot--on' : 'wall-pager__dot'} />
            ))}
          </span>
        </p>
      ) : null}
    </>
  );
}

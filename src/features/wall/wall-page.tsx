import { useEffect, useMemo, useState } from 'react';
import type { Connection } from '../../gitlab/index.ts';
import { useNow } from '../../ui/index.ts';
import { buildBoard } from './model/board.ts';
import { createRequestPacer } from './model/pacer.ts';
import { tileIntervalMs, WALL_REQUESTS_PER_MINUTE } from './model/scheduler.ts';
import type { WallSource } from './model/targets.ts';
import { EMPTY_TILE_DATA } from './model/tile-data.ts';
import { isStale, tileView, type TileView } from './model/tile-view.ts';
import { useWallTargets } from './use-wall-targets.ts';
import { useWallTiles } from './use-wall-tiles.ts';
import { WallBanner, wallFault } from './wall-banner.tsx';
import { WallBoard, type TileExtras } from './wall-board.tsx';
import { clockTime } from './wall-tile.tsx';
import { describeError } from '../../gitlab/index.ts';
import './wall.css';

/**
 * Requests a wall may make at once when it starts (about four per tile of a 20-tile wall), so the
 * whole wall fills in seconds; the steady state stays at the budget, and a 429 empties the bucket.
 */
const FIRST_LOAD_BURST = 90;

export interface WallPageProps {
  /** null: not connected (no GitLab address or token for this wall). */
  connection: Connection | null;
  source: WallSource;
  /** `refresh.wallMs`. */
  refreshMs: number;
  showSuccessful: boolean;
  /** `wall.statuses`. */
  statuses?: readonly string[] | undefined;
  /** Sentences about ignored settings (the address, config.json). */
  warnings: readonly string[];
}

/** A tile for a project whose default branch could not be looked up yet: its name and why. */
function waitingView(w: { key: string; path: string }, order: number): TileView {
  return tileView({ key: w.key, project: w.path, path: w.path, name: w.path, webUrl: null, ref: 'default branch', order }, EMPTY_TILE_DATA, 0);
}

/** The team wall: every project's health on a screen nobody touches. */
export function WallPage(props: WallPageProps) {
  if (!props.connection) {
    return (
      <main className="wall theme-wall wall--message" id="main">
        <h1>{props.source.title ?? 'CI wall'}</h1>
        <p>This wall is not connected to GitLab.</p>
        <p className="wall__hint">
          Set <code>gitlab.url</code> in config.json and give the kiosk a read_api token (Settings on this browser, or <code>gitlab.token</code> on a trusted network).
        </p>
      </main>
    );
  }
  return <ConnectedWall {...props} connection={props.connection} />;
}

function ConnectedWall({ connection, source, refreshMs, showSuccessful, statuses, warnings }: WallPageProps & { connection: Connection }) {
  const [pacer] = useState(() => createRequestPacer({ ratePerMinute: WALL_REQUESTS_PER_MINUTE, burst: FIRST_LOAD_BURST }));
  useEffect(() => () => pacer.dispose(), [pacer]);
  const conn = useMemo<Connection>(() => {
    const base = connection.fetch ?? ((input: string | URL | Request, init?: RequestInit) => globalThis.fetch(input, init));
    return { ...connection, fetch: pacer.wrap(base) };
  }, [connection, pacer]);

  const { targets, waiting, problems, lookups, loading } = useWallTargets(conn, source, tileIntervalMs(source.projects.length + source.groups.length, refreshMs));
  const intervalMs = tileIntervalMs(targets.length, refreshMs);
  const tiles = useWallTiles(conn, targets, intervalMs);
  const now = useNow(1000);

  const views = [...tiles.map((t) => tileView(t.target, t.data ?? EMPTY_TILE_DATA, now)), ...waiting.map((w, i) => waitingView(w, targets.length + i))];
  const byKey = new Map(tiles.map((t) => [t.target.key, t]));
  const board = buildBoard(views, { showSuccessful, statuses });
  const fault = wallFault([...tiles, ...lookups]);
  const waitingReasons = new Map(waiting.map((w) => [w.key, w.reason]));
  const extras = (view: TileView): TileExtras => {
    const t = byKey.get(view.key);
    if (!t) return { staleSince: null, notYet: waitingReasons.get(view.key) ?? null };
    const staleSince = t.data && isStale(t.dataUpdatedAt, now, intervalMs) ? t.dataUpdatedAt : null;
    const notYet = !t.data && t.error ? describeError(t.error).title.toLowerCase() : null;
    return { staleSince, notYet };
  };
  const title = source.title ?? 'CI';

  useEffect(() => {
    document.title = `${title} · wall`;
  }, [title]);

  return (
    <main className="wall theme-wall" id="main" data-testid="wall">
      <header className="wall__header">
        <h1 className="wall__title">{title}</h1>
        <p className="wall__counts" aria-label="Summary">
          <span className="wall__count wall__count--failing">{board.counts.failing} failing</span>
          <span className="wall__count wall__count--running">{board.counts.running} running</span>
          <span className="wall__count wall__count--passing">{board.counts.passing} passing</span>
        </p>
        <p className="wall__clock">
          <time dateTime={new Date(now).toISOString()}>{clockTime(now, now)}</time>
        </p>
      </header>
      {fault ? <WallBanner fault={fault} now={now} /> : null}
      {targets.length + waiting.length === 0 ? (
        <div className="wall__empty" data-testid="wall-empty">
          {loading ? (
            <p role="status">Loading the wall’s projects…</p>
          ) : (
            <>
              <p>This wall has no projects.</p>
              <p className="wall__hint">
                List them in config.json (<code>wall.projects</code>, <code>wall.groups</code>) or in the address: <code>/wall?project=group/project&amp;ref=main</code>.
              </p>
            </>
          )}
        </div>
      ) : (
        <WallBoard items={board.items} extras={extras} now={now} />
      )}
      {problems.length > 0 || warnings.length > 0 || board.hidden > 0 ? (
        <footer className="wall__notes">
          {problems.map((p) => (
            <span key={p.what}>
              {p.what}: {p.detail}.{' '}
            </span>
          ))}
          {warnings.map((w) => (
            <span key={w}>{w} </span>
          ))}
          {board.hidden > 0 ? <span>{board.hidden} hidden by wall.statuses.</span> : null}
        </footer>
      ) : null}
    </main>
  );
}

import { queryOptions, useQueries, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { gitlabKeys, hostKey } from '../../gitlab/index.ts';
import type { Connection } from '../../gitlab/index.ts';
import { createSchedule, markRunning, nextDue, onFailure, onSuccess, reconcile } from './model/scheduler.ts';
import { EMPTY_TILE_DATA, type TileData, type TileTarget } from './model/tile-data.ts';
import { syncTile } from './model/tile-sync.ts';

/** What the wall has learnt about a host (asked once, then not again while the page lives). */
export interface HostCaps {
  bridges: boolean | null;
}

const learnt = new WeakMap<QueryClient, Map<string, HostCaps>>();

/** The client's record of what a host can do: a fact about the host, not part of any tile's key. */
export function hostCapsOf(client: QueryClient, conn: Pick<Connection, 'host'>): HostCaps {
  let byHost = learnt.get(client);
  if (!byHost) {
    byHost = new Map();
    learnt.set(client, byHost);
  }
  const host = hostKey(conn);
  let caps = byHost.get(host);
  if (!caps) {
    caps = { bridges: null };
    byHost.set(host, caps);
  }
  return caps;
}

/** Tiles refreshed at once, at most (each refresh is one to four requests, paced). */
const MAX_CONCURRENT = 3;

/**
 * A tile's query: its data is the tile's whole state, each fetch one refresh (tile-sync.ts) that
 * starts from the data already held. It never refetches by itself: the wall's schedule does.
 */
export function wallTileQueryOptions(conn: Connection, { project, ref }: Pick<TileTarget, 'project' | 'ref'>) {
  return queryOptions({
    queryKey: gitlabKeys.wallTile(conn, project, ref),
    queryFn: ({ signal, client, queryKey }): Promise<TileData> => {
      const caps = hostCapsOf(client, conn);
      return syncTile(conn, { project, ref }, client.getQueryData<TileData>(queryKey) ?? EMPTY_TILE_DATA, {
        signal,
        bridges: caps.bridges,
        onNoBridges: () => {
          caps.bridges = false;
        },
      });
    },
    staleTime: Infinity,
    gcTime: 10 * 60_000,
    retry: false,
    refetchOnWindowFocus: false,
    refetchOnReconnect: false,
  });
}

export interface TileState {
  target: TileTarget;
  data: TileData | undefined;
  dataUpdatedAt: number;
  error: unknown;
  errorUpdatedAt: number;
}

/**
 * Every tile's state, and the schedule that refreshes them: spread over the interval, a few at a
 * time, holding the whole wall after a connection failure (scheduler.ts).
 */
export function useWallTiles(conn: Connection, targets: readonly TileTarget[], intervalMs: number): TileState[] {
  const client = useQueryClient();
  const results = useQueries({ queries: targets.map((t) => wallTileQueryOptions(conn, t)) });

  const targetsRef = useRef(targets);
  useEffect(() => {
    targetsRef.current = targets;
  });
  const [schedule] = useState(createSchedule);
  const keyList = targets.map((t) => t.key).join('\n');

  useEffect(() => {
    const keys = keyList ? keyList.split('\n') : [];
    reconcile(schedule, keys, Date.now());
    // A new connection (a new token saved) is asked at once, whatever held the wall before.
    schedule.holdUntil = 0;
    schedule.faultStreak = 0;
    const firstDone = new Set<string>();
    let timer: ReturnType<typeof setTimeout> | undefined;
    let stopped = false;
    let running = 0;

    const tick = (): void => {
      if (stopped) return;
      clearTimeout(timer);
      for (;;) {
        if (running >= MAX_CONCURRENT) break;
        const next = nextDue(schedule);
        if (!next || next.at > Date.now()) break;
        const target = targetsRef.current.find((t) => t.key === next.key);
        if (!target) {
          schedule.entries.delete(next.key);
          continue;
        }
        markRunning(schedule, next.key);
        running++;
        client
          .fetchQuery({ ...wallTileQueryOptions(conn, target), staleTime: 0 })
          .then(
            () => {
              const phase = firstDone.has(next.key) ? undefined : { slot: keys.indexOf(next.key), slots: keys.length };
              firstDone.add(next.key);
              onSuccess(schedule, next.key, Date.now(), intervalMs, phase);
            },
            (error: unknown) => onFailure(schedule, next.key, error, Date.now(), intervalMs),
          )
          .finally(() => {
            running--;
            tick();
          });
      }
      const next = nextDue(schedule);
      if (next) timer = setTimeout(tick, Math.max(0, next.at - Date.now()));
    };
    tick();
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [client, conn, keyList, intervalMs, schedule]);

  return targets.map((target, i) => {
    const r = results[i];
    return { target, data: r?.data, dataUpdatedAt: r?.dataUpdatedAt ?? 0, error: r?.error ?? null, errorUpdatedAt: r?.errorUpdatedAt ?? 0 };
  });
}

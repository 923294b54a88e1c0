// A tile's query: keyed by its project and ref only, and what it learns about the host (no
// trigger-job route) is kept per QueryClient and host, outside every key.
import { QueryClient } from '@tanstack/react-query';
import { describe, expect, it } from 'vitest';
import { createSim } from '../../../gitlab-sim/index.ts';
import { gitlabKeys, type Connection } from '../../gitlab/index.ts';
import type { TileTarget } from './model/tile-data.ts';
import { recordingSimConnection } from '../../testing/sim-connection.ts';
import { hostCapsOf, wallTileQueryOptions } from './use-wall-tiles.ts';

const HOST = 'http://sim.test';

const target = (project: number, ref: string): TileTarget => ({ key: `${project}@${ref}`, project, path: `acme/fleet/p${project}`, name: `P${project}`, webUrl: null, ref, order: 0 });

describe('wallTileQueryOptions', () => {
  it('keys a tile by its project and ref, whatever else the target says', () => {
    const conn = { host: HOST, token: 't', fetch } as Connection;
    const a = wallTileQueryOptions(conn, target(101, 'main'));
    const renamed: TileTarget = { ...target(101, 'main'), name: 'Renamed', order: 7 };
    const b = wallTileQueryOptions(conn, renamed);
    expect(a.queryKey).toEqual(gitlabKeys.wallTile(conn, 101, 'main'));
    expect(b.queryKey).toEqual(a.queryKey);
  });

  it('asks a GitLab without the trigger-job route once per client, not once per tile', async () => {
    // GitLab 11 has no /pipelines/:id/bridges (12.0): the route answers 404.
    const sim = createSim({ paused: true, projects: 6, apiVersion: '11' });
    const requests: string[] = [];
    const conn = recordingSimConnection(sim, (url) => requests.push(url.pathname), 'glpat-sim-read');
    const admin = (path: string, body: unknown) => sim.fetch(new Request(`${HOST}/-/sim/${path}`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) }));
    // Two red refs: a red tile looks for failing downstream pipelines.
    await admin('push', { project_id: 103, ref: 'wall-a', outcome: 'failed' });
    await admin('push', { project_id: 105, ref: 'wall-b', outcome: 'failed' });
    await admin('clock', { advance_ms: 30 * 60_000 });
    const bridgeAsks = () => requests.filter((r) => r.endsWith('/bridges')).length;

    const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
    expect(hostCapsOf(client, conn)).toEqual({ bridges: null });
    await client.fetchQuery(wallTileQueryOptions(conn, target(103, 'wall-a')));
    expect(bridgeAsks()).toBe(1);
    expect(hostCapsOf(client, conn)).toEqual({ bridges: false });
    // The same host however its address is written.
    expect(hostCapsOf(client, { host: `${HOST}/api/v4/` })).toBe(hostCapsOf(client, conn));
    await client.fetchQuery(wallTileQueryOptions(conn, target(105, 'wall-b')));
    expect(bridgeAsks()).toBe(1);

    // Another client (another page) asks again.
    const other = new QueryClient({ defaultOptions: { queries: { retry: false } } });
    expect(hostCapsOf(other, conn)).toEqual({ bridges: null });
    await other.fetchQuery(wallTileQueryOptions(conn, target(103, 'wall-a')));
    expect(bridgeAsks()).toBe(2);
  });
});

// The tile's refresh against the simulated GitLab, counting the requests it makes.
import { describe, expect, it } from 'vitest';
import { createSim } from '../../../../gitlab-sim/index.ts';
import { recordingSimConnection } from '../../../testing/sim-connection.ts';
import { EMPTY_TILE_DATA, type TileTarget } from './tile-data.ts';
import { syncTile } from './tile-sync.ts';
import { tileView } from './tile-view.ts';

const HOST = 'http://sim.test';

function setup(apiVersion?: string) {
  const sim = createSim({ paused: true, projects: 6, ...(apiVersion ? { apiVersion } : {}) });
  const requests: string[] = [];
  const conn = recordingSimConnection(sim, (url) => requests.push(url.pathname + url.search), 'glpat-sim-read');
  const admin = async (path: string, body: unknown) => {
    const r = await sim.fetch(new Request(`${HOST}/-/sim/${path}`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) }));
    return (await r.json()) as Record<string, unknown>;
  };
  return { sim, conn, requests, admin };
}

const target = (project: number, ref = 'main'): TileTarget => ({ key: `${project}@${ref}`, project, path: `acme/fleet/p${project}`, name: `P${project}`, webUrl: null, ref, order: 0 });

describe('syncTile', () => {
  it('costs one request when nothing moved, and reads jobs only for a changed pipeline', async () => {
    const { conn, requests, admin } = setup();
    let data = await syncTile(conn, target(101), EMPTY_TILE_DATA);
    expect(data.pipelines.length).toBeGreaterThan(5);
    expect(requests[0]).toMatch(/^\/api\/v4\/projects\/101\/pipelines\?/);
    expect(requests[0]).toContain('ref=main');
    expect(requests[0]).toContain('per_page=25');
    expect(requests.some((r) => r.includes('/jobs'))).toBe(true);

    requests.length = 0;
    data = await syncTile(conn, target(101), data);
    expect(requests).toHaveLength(1);
    expect(requests[0]).toContain('updated_after=');

    // A push: the new pipeline's jobs are read once it changes, not again while it does not.
    await admin('push', { project_id: 101, outcome: 'failed', username: 'carol', title: 'Break the build' });
    requests.length = 0;
    data = await syncTile(conn, target(101), data);
    expect(requests.filter((r) => r.includes('/pipelines?'))).toHaveLength(1);
    expect(requests.filter((r) => /pipelines\/\d+\/jobs/.test(r))).toHaveLength(1);
    requests.length = 0;
    await syncTile(conn, target(101), data);
    expect(requests).toHaveLength(1);
    expect(requests.some((r) => r.includes('/trace'))).toBe(false);
  });

  it('turns red when the pushed pipeline fails, and names who broke it with the commit title', async () => {
    const { conn, admin } = setup();
    // A ref of its own: only these pushes move it.
    const t = target(104, 'wall-test');
    await admin('push', { project_id: 104, ref: 'wall-test', outcome: 'success', username: 'bob' });
    await admin('clock', { advance_ms: 30 * 60_000 });
    let data = await syncTile(conn, t, EMPTY_TILE_DATA);
    expect(tileView(t, data, Date.now() + 60 * 60_000).group).toBe('passing');
    const pushed = await admin('push', { project_id: 104, ref: 'wall-test', outcome: 'failed', username: 'carol', title: 'Break the build' });
    await admin('clock', { advance_ms: 30 * 60_000 });
    data = await syncTile(conn, t, data);
    const view = tileView(t, data, Date.now() + 60 * 60_000);
    expect(view.group).toBe('failing');
    expect(view.culprit).toMatchObject({ pipelineId: pushed.id, author: 'Carol Tester', title: 'Break the build' });
    expect(view.failing).toEqual([{ name: 'unit', reason: 'script_failure', via: null }]);
    expect(view).toMatchObject({ streak: 1, sinceAtLeast: false });
  });

  it('works on GitLab 9 (no updated_after, no times): a full page each time, nothing invented', async () => {
    const { conn, requests } = setup('9');
    let data = await syncTile(conn, target(102), EMPTY_TILE_DATA);
    requests.length = 0;
    data = await syncTile(conn, target(102), data);
    expect(data.pipelines.every((p) => p.updated_at === null)).toBe(true);
    // The filter is sent but ignored by GitLab 9, which answers the whole first page: merged, still right.
    expect(data.pipelines.length).toBeGreaterThan(5);
    expect(tileView(target(102), data, Date.now()).sinceMs).toBeNull();
  });
});

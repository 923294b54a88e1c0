import { describe, expect, it } from 'vitest';
import { createSim } from '../index.ts';
import { admin, call } from '../testing/client.ts';
import { advanceWorld } from './progress.ts';
import { FLEET_FIRST_PROJECT_ID, fleetProjectName } from './fleet.ts';
import { seedWorld } from './seed.ts';

const START = 1_700_000_000_000;
const MIN = 60_000;

type PipelineJson = { id: number; status: string; ref: string; updated_at: string; project_id: number };

function fleetPipelines(projects: number, startAt = START) {
  const w = seedWorld(1, startAt, { projects });
  return { w, list: [...w.pipelines.values()].filter((p) => p.projectId >= FLEET_FIRST_PROJECT_ID && p.parentBridgeId === null) };
}

describe('the fleet (--projects N)', () => {
  it('adds N projects in acme/fleet and its subgroup, with history on a few refs, deterministically', () => {
    const { w, list } = fleetPipelines(20);
    const fleet = w.projects.filter((p) => p.id >= FLEET_FIRST_PROJECT_ID);
    expect(fleet.map((p) => p.id)).toEqual(Array.from({ length: 20 }, (_, k) => FLEET_FIRST_PROJECT_ID + k));
    expect(new Set(fleet.map((p) => p.namespace.fullPath))).toEqual(new Set(['acme/fleet', 'acme/fleet/edge']));
    expect(fleet[0]?.path).toBe(fleetProjectName(0));
    expect(new Set(list.map((p) => p.ref))).toEqual(new Set(['main', 'develop', 'release/2.x']));
    // Every project has history on main; the seeded projects are untouched.
    for (const p of fleet) expect(list.some((x) => x.projectId === p.id && x.ref === 'main'), p.path).toBe(true);
    expect(w.projects.slice(0, 4).map((p) => p.id)).toEqual([1, 2, 3, 4]);
    const again = fleetPipelines(20, START + 5 * 86_400_000).list;
    expect(again.map((p) => [p.id, p.projectId, p.ref, p.status, p.createdAt - START - 5 * 86_400_000])).toEqual(list.map((p) => [p.id, p.projectId, p.ref, p.status, p.createdAt - START]));
  });

  it('holds failing, passing, running and a blocked manual deploy; several people push', () => {
    const { w, list } = fleetPipelines(20);
    const statuses = new Set(list.map((p) => p.status));
    for (const s of ['success', 'failed', 'manual']) expect(statuses, s).toContain(s);
    expect(new Set(list.map((p) => p.userId)).size).toBeGreaterThanOrEqual(3);
    // Pipelines keep arriving and run as the clock moves.
    const before = list.length;
    advanceWorld(w, START + 60 * MIN);
    const after = [...w.pipelines.values()].filter((p) => p.projectId >= FLEET_FIRST_PROJECT_ID && p.parentBridgeId === null);
    expect(after.length).toBeGreaterThan(before + 20);
    expect(after.some((p) => p.status === 'running' || p.status === 'pending')).toBe(true);
    // Child pipelines fold their status into the trigger job.
    expect([...w.pipelines.values()].some((p) => p.projectId >= FLEET_FIRST_PROJECT_ID && p.parentBridgeId !== null)).toBe(true);
  });

  it('is off by default', () => {
    expect(seedWorld(1, START).projects).toHaveLength(5);
  });
});

describe('the fleet over the API', () => {
  it('lists a group’s projects, with subgroups on request; 404 for an unknown group', async () => {
    const sim = createSim({ paused: true, projects: 9 });
    const all = await call(sim, '/api/v4/groups/acme%2Ffleet/projects?include_subgroups=true&per_page=100');
    expect(all.status).toBe(200);
    expect((all.body as { id: number }[]).length).toBe(9);
    const direct = await call(sim, '/api/v4/groups/acme%2Ffleet/projects?per_page=100');
    expect((direct.body as { path_with_namespace: string }[]).every((p) => p.path_with_namespace.split('/').length === 3)).toBe(true);
    expect((direct.body as unknown[]).length).toBe(6);
    expect((await call(sim, '/api/v4/groups/acme/projects?include_subgroups=true&per_page=100')).status).toBe(200);
    const missing = await call(sim, '/api/v4/groups/acme%2Fnope/projects');
    expect(missing.status).toBe(404);
    expect(missing.body).toEqual({ message: '404 Group Not Found' });
  });

  it('filters pipelines by updated_after (GitLab 12.6+) and ignores it on older versions', async () => {
    const sim = createSim({ paused: true, projects: 3 });
    const first = (await call(sim, '/api/v4/projects/101/pipelines?ref=main&per_page=100')).body as PipelineJson[];
    const newest = first.map((p) => p.updated_at).sort().at(-1) ?? '';
    const none = await call(sim, `/api/v4/projects/101/pipelines?ref=main&updated_after=${encodeURIComponent(newest)}`);
    expect(none.body).toEqual([]);
    await admin(sim, 'clock', { advance_ms: 30 * MIN });
    const changed = (await call(sim, `/api/v4/projects/101/pipelines?ref=main&updated_after=${encodeURIComponent(newest)}`)).body as PipelineJson[];
    expect(changed.length).toBeGreaterThan(0);
    expect(changed.every((p) => p.updated_at > newest)).toBe(true);
    expect((await call(sim, '/api/v4/projects/101/pipelines?updated_after=yesterday')).status).toBe(400);
    await admin(sim, 'faults', { api_version: '9' });
    const old = (await call(sim, `/api/v4/projects/101/pipelines?ref=main&updated_after=${encodeURIComponent(newest)}&per_page=100`)).body as unknown[];
    expect(old.length).toBe(changed.length + first.length);
  });

  it('takes a push that fails, by a named person with a commit title', async () => {
    const sim = createSim({ paused: true, projects: 3 });
    const r = await admin(sim, 'push', { project_id: 101, outcome: 'failed', username: 'carol', title: 'Break the build' });
    expect(r.ref).toBe('main');
    await admin(sim, 'clock', { advance_ms: 20 * MIN });
    const p = (await call(sim, `/api/v4/projects/101/pipelines/${String(r.id)}`)).body as { status: string; user: { username: string } };
    expect(p.status).toBe('failed');
    expect(p.user.username).toBe('carol');
    const jobs = (await call(sim, `/api/v4/projects/101/pipelines/${String(r.id)}/jobs`)).body as { status: string; failure_reason?: string; commit: { title: string } }[];
    expect(jobs.find((j) => j.status === 'failed')?.failure_reason).toBe('script_failure');
    expect(jobs[0]?.commit.title).toBe('Break the build');
    expect((await sim.fetch(new Request('http://sim.test/-/sim/push', { method: 'POST', body: JSON.stringify({ project_id: 101, outcome: 'maybe' }) }))).status).toBe(400);
  });
});

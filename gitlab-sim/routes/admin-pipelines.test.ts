import { describe, expect, it } from 'vitest';
import { createSim } from '../index.ts';
import { admin, call } from '../testing/client.ts';
import { largeTemplate } from '../world/large-pipeline.ts';

type Row = { id: number; name: string; status: string; stage: string; downstream_pipeline?: { id: number; project_id: number } | null };

async function all(sim: ReturnType<typeof createSim>, path: string): Promise<Row[]> {
  const out: Row[] = [];
  for (let page = 1; page < 50; page++) {
    const r = await call(sim, `${path}${path.includes('?') ? '&' : '?'}per_page=100&page=${page}`);
    const rows = r.body as Row[];
    out.push(...rows);
    if (r.headers.get('x-next-page') === '') break;
  }
  return out;
}

describe('POST /-/sim/pipelines (a pipeline of any size)', () => {
  it('spreads jobs over stages with parallel, matrix, manual and trigger jobs', () => {
    const t = largeTemplate(1000, 20, 10, 1);
    expect(t.stages).toHaveLength(20);
    expect(t.jobs).toHaveLength(1000);
    expect(t.jobs.filter((j) => j.kind === 'bridge')).toHaveLength(10);
    expect(new Set(t.jobs.map((j) => j.name)).size).toBe(1000);
    expect(t.jobs.some((j) => j.name === 'unit-1 1/10')).toBe(true);
    expect(t.jobs.some((j) => j.name.startsWith('integration-1: ['))).toBe(true);
    expect(t.jobs.filter((j) => j.when === 'manual')).toHaveLength(20);
  });

  it('creates it on the API, runs it with the clock and triggers downstream pipelines', async () => {
    const sim = createSim({ paused: true, hugeLogBytes: 10_000 });
    const made = await admin(sim, 'pipelines', { project_id: 1, jobs: 300, stages: 6, bridges: 4 });
    expect(made.jobs).toBe(300);
    const id = Number(made.id);
    const p = await call(sim, `/api/v4/projects/1/pipelines/${id}`);
    expect((p.body as { status: string }).status).toBe('pending');
    const jobs = await all(sim, `/api/v4/projects/1/pipelines/${id}/jobs`);
    expect(jobs).toHaveLength(296);
    expect(new Set(jobs.map((j) => j.stage)).size).toBe(6);
    await admin(sim, 'clock', { advance_ms: 3 * 3600_000 });
    const bridges = await all(sim, `/api/v4/projects/1/pipelines/${id}/bridges`);
    expect(bridges).toHaveLength(4);
    // A downstream pipeline that fails (smoke-test may) skips the later stages' trigger jobs, as in GitLab.
    expect(bridges.every((b) => b.downstream_pipeline || b.status === 'skipped')).toBe(true);
    expect(new Set(bridges.map((b) => b.downstream_pipeline?.project_id).filter((id) => id !== undefined))).toEqual(new Set([1, 2]));
    const done = await call(sim, `/api/v4/projects/1/pipelines/${id}`);
    expect(['success', 'failed']).toContain((done.body as { status: string }).status);
  });

  it('rejects sizes out of range', async () => {
    const sim = createSim({ paused: true, hugeLogBytes: 10_000 });
    const bad = await sim.fetch(new Request('http://sim.test/-/sim/pipelines', { method: 'POST', body: JSON.stringify({ jobs: 100_000 }) }));
    expect(bad.status).toBe(400);
    const none = await sim.fetch(new Request('http://sim.test/-/sim/pipelines', { method: 'POST', body: JSON.stringify({ project_id: 99 }) }));
    expect(none.status).toBe(404);
  });
});

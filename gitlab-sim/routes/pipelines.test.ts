import { describe, expect, it } from 'vitest';
import { createSim } from '../index.ts';
import { validateBridge, validateJob, validatePipeline, validatePipelineDetail } from '../test-support/schemas.ts';
import { admin, call, type JobJson } from '../testing/client.ts';

type PipelineJson = Record<string, unknown> & { id: number; status: string; ref: string; source: string; project_id: number };

describe('pipelines', () => {
  const sim = createSim({ paused: true, hugeLogBytes: 100_000 });

  it('lists pipelines newest first, valid, with totals', async () => {
    const r = await call(sim, '/api/v4/projects/1/pipelines?per_page=5');
    expect(r.status).toBe(200);
    const list = r.body as PipelineJson[];
    expect(list).toHaveLength(5);
    for (const p of list) {
      expect(validatePipeline(p)).toEqual([]);
      for (const f of ['iid', 'project_id', 'source', 'created_at', 'updated_at', 'web_url']) expect(p, f).toHaveProperty(f);
    }
    expect(list.map((p) => p.id)).toEqual([...list.map((p) => p.id)].sort((a, b) => b - a));
    expect(Number(r.headers.get('X-Total'))).toBeGreaterThan(5);
    expect(r.headers.get('X-Total-Pages')).not.toBeNull();
    expect(r.headers.get('Link')).toContain('rel="last"');
  });

  it('filters by ref, status, source and scope; 400 on bad values', async () => {
    const prod = (await call(sim, '/api/v4/projects/1/pipelines?ref=production&per_page=100')).body as PipelineJson[];
    expect(prod.length).toBeGreaterThan(0);
    expect(prod.every((p) => p.ref === 'production')).toBe(true);
    const failed = (await call(sim, '/api/v4/projects/1/pipelines?status=failed')).body as PipelineJson[];
    expect(failed.length).toBeGreaterThan(0);
    expect(failed.every((p) => p.status === 'failed')).toBe(true);
    const child = (await call(sim, '/api/v4/projects/1/pipelines?source=parent_pipeline')).body as PipelineJson[];
    expect(child.length).toBeGreaterThan(0);
    expect(child.every((p) => p.source === 'parent_pipeline')).toBe(true);
    const tags = (await call(sim, '/api/v4/projects/1/pipelines?scope=tags')).body as PipelineJson[];
    expect(tags.map((p) => p.ref)).toContain('v1.4.0');
    expect((await call(sim, '/api/v4/projects/1/pipelines?status=nope')).status).toBe(400);
  });

  it('lists child pipelines only when asked with source=parent_pipeline (GitLab 17.0+), as Ci::PipelinesFinder does', async () => {
    const all = (await call(sim, '/api/v4/projects/1/pipelines?per_page=100')).body as PipelineJson[];
    expect(all.length).toBeGreaterThan(0);
    expect(all.some((p) => p.source === 'parent_pipeline')).toBe(false);
    await admin(sim, 'faults', { api_version: '15' });
    try {
      const old = (await call(sim, '/api/v4/projects/1/pipelines?source=parent_pipeline')).body as PipelineJson[];
      expect(old).toEqual([]);
    } finally {
      await admin(sim, 'faults', { api_version: '18.8.2-ee' });
    }
  });

  it('shows one pipeline with the detail fields', async () => {
    const [first] = (await call(sim, '/api/v4/projects/1/pipelines?status=success&per_page=1')).body as PipelineJson[];
    const r = await call(sim, `/api/v4/projects/acme%2Fplatform%2Fbackend/pipelines/${first?.id}`);
    expect(r.status).toBe(200);
    expect(validatePipelineDetail(r.body)).toEqual([]);
    const d = r.body as Record<string, unknown>;
    for (const f of ['before_sha', 'tag', 'yaml_errors', 'user', 'started_at', 'finished_at', 'committed_at', 'duration', 'queued_duration', 'coverage', 'detailed_status']) {
      expect(d, f).toHaveProperty(f);
    }
    expect((d.detailed_status as { group: string }).group).toMatch(/^success/);
    expect((await call(sim, '/api/v4/projects/1/pipelines/999999')).body).toEqual({ message: '404 Not found' });
    expect((await call(sim, '/api/v4/projects/1/pipelines/abc')).body).toEqual({ error: 'pipeline_id is invalid' });
  });

  it('lists a pipeline\'s jobs (offset, totals, scope) and its bridges under both names', async () => {
    const [p] = (await call(sim, '/api/v4/projects/1/pipelines?status=success&ref=main&source=push&per_page=1')).body as PipelineJson[];
    const jobs = await call(sim, `/api/v4/projects/1/pipelines/${p?.id}/jobs?per_page=100`);
    const list = jobs.body as JobJson[];
    expect(list.length).toBeGreaterThan(5);
    for (const j of list) expect(validateJob(j)).toEqual([]);
    expect(jobs.headers.get('X-Total')).toBe(String(list.length));
    expect(list.map((j) => j.name)).toEqual(expect.arrayContaining(['rspec 1/3', 'rspec 2/3', 'rspec 3/3', 'test: [ruby, 3.2]', 'test: [ruby, 3.3]']));
    const scoped = (await call(sim, `/api/v4/projects/1/pipelines/${p?.id}/jobs?scope[]=success`)).body as JobJson[];
    expect(scoped.every((j) => j.status === 'success')).toBe(true);
    const singular = await call(sim, `/api/v4/projects/1/pipeline/${p?.id}/jobs?per_page=100`);
    expect((singular.body as JobJson[]).map((j) => j.id)).toEqual(list.map((j) => j.id));

    const bridges = (await call(sim, `/api/v4/projects/1/pipelines/${p?.id}/bridges`)).body as JobJson[];
    expect(bridges.map((b) => b.name).sort()).toEqual(['deploy-downstream', 'trigger-docs']);
    for (const b of bridges) expect(validateBridge(b)).toEqual([]);
    const alias = (await call(sim, `/api/v4/projects/1/pipelines/${p?.id}/trigger_jobs`)).body as JobJson[];
    expect(alias).toEqual(bridges);
    const child = bridges.find((b) => b.name === 'trigger-docs')?.downstream_pipeline as PipelineJson;
    const cross = bridges.find((b) => b.name === 'deploy-downstream')?.downstream_pipeline as PipelineJson;
    expect(child.project_id).toBe(1);
    expect(cross.project_id).toBe(2);
    const crossDetail = (await call(sim, `/api/v4/projects/2/pipelines/${cross.id}`)).body as PipelineJson;
    expect(crossDetail.source).toBe('pipeline');
    const childJobs = (await call(sim, `/api/v4/projects/1/pipelines/${child.id}/jobs`)).body as JobJson[];
    expect(childJobs.map((j) => j.name).sort()).toEqual(['docs-build', 'docs-publish']);
  });
});

describe('a world that moves', () => {
  it('advances pipelines with the clock, triggers downstream pipelines and keeps creating new ones', async () => {
    const sim = createSim({ paused: true, hugeLogBytes: 100_000 });
    const before = (await call(sim, '/api/v4/projects/1/pipelines?per_page=1')).headers.get('X-Total');
    const running = (await call(sim, '/api/v4/projects/1/pipelines?status=running&per_page=100')).body as PipelineJson[];
    expect(running.length).toBeGreaterThan(0);
    await admin(sim, 'clock', { advance_ms: 3 * 3_600_000 });
    const after = (await call(sim, '/api/v4/projects/1/pipelines?per_page=1')).headers.get('X-Total');
    expect(Number(after)).toBeGreaterThan(Number(before) + 20);
    for (const p of running) {
      const now = (await call(sim, `/api/v4/projects/1/pipelines/${p.id}`)).body as PipelineJson;
      expect(['success', 'failed', 'canceled', 'skipped']).toContain(now.status);
      expect(now.finished_at).not.toBeNull();
    }
    // The next periodic pipeline appears within five minutes and goes through its stages.
    const [last] = (await call(sim, '/api/v4/projects/1/pipelines?source=push&per_page=1')).body as PipelineJson[];
    const seen = new Set<string>();
    let freshId: number | null = null;
    for (let i = 0; i < 80; i++) {
      await admin(sim, 'clock', { advance_ms: 10_000 });
      if (freshId === null) {
        const [top] = (await call(sim, '/api/v4/projects/1/pipelines?source=push&per_page=1')).body as PipelineJson[];
        if (top && top.id !== last?.id) freshId = top.id;
        else continue;
      }
      const jobs = (await call(sim, `/api/v4/projects/1/pipelines/${freshId}/jobs?per_page=100`)).body as JobJson[];
      for (const j of jobs) seen.add(j.status);
    }
    expect(freshId).not.toBeNull();
    expect(seen).toContain('created');
    expect(seen).toContain('running');
    expect(seen).toContain('success');
  });

  it('derives a pipeline\'s status from its jobs: a failed job fails it and skips later stages', async () => {
    const sim = createSim({ paused: true, hugeLogBytes: 100_000 });
    const failed = (await call(sim, '/api/v4/projects/1/pipelines?status=failed&ref=main&per_page=100')).body as PipelineJson[];
    let checked = 0;
    for (const p of failed) {
      const jobs = (await call(sim, `/api/v4/projects/1/pipelines/${p.id}/jobs?per_page=100`)).body as JobJson[];
      const hard = jobs.filter((j) => j.status === 'failed' && j.allow_failure === false);
      if (!hard.length) continue;
      expect(jobs.some((j) => j.status === 'skipped')).toBe(true);
      checked++;
    }
    expect(checked).toBeGreaterThan(0);
  });
});

// The jobs list of a project: paging, scopes, keyset, its rate limit, and every seeded job valid.
import { describe, expect, it } from 'vitest';
import { createSim } from '../index.ts';
import { validateBridge, validateJob } from '../test-support/schemas.ts';
import { allJobs, call, expectValidJob, READ_TOKEN, type JobJson } from '../testing/client.ts';

describe('GET /projects/:id/jobs', () => {
  const sim = createSim({ paused: true, hugeLogBytes: 200_000 });

  it('lists jobs newest first, every one valid against job.json, no bridges', async () => {
    const r = await call(sim, '/api/v4/projects/1/jobs?per_page=100');
    expect(r.status).toBe(200);
    const jobs = r.body as JobJson[];
    expect(jobs).toHaveLength(100);
    for (const job of jobs) expectValidJob(job);
    const ids = jobs.map((j) => j.id);
    expect([...ids].sort((a, b) => b - a)).toEqual(ids);
    expect(jobs.some((j) => 'downstream_pipeline' in j)).toBe(false);
  });

  it('sends offset headers without any total, and empty X-Prev-Page on page 1', async () => {
    const r = await call(sim, '/api/v4/projects/1/jobs');
    expect((r.body as unknown[]).length).toBe(20);
    expect(r.headers.get('X-Per-Page')).toBe('20');
    expect(r.headers.get('X-Page')).toBe('1');
    expect(r.headers.get('X-Next-Page')).toBe('2');
    expect(r.headers.get('X-Prev-Page')).toBe('');
    expect(r.headers.has('X-Total')).toBe(false);
    expect(r.headers.has('X-Total-Pages')).toBe(false);
    const link = r.headers.get('Link') ?? '';
    expect(link).toContain('rel="next"');
    expect(link).toContain('rel="first"');
    expect(link).not.toContain('rel="last"');
  });

  it('caps per_page at 100 and gives an empty X-Next-Page on the last page', async () => {
    const big = await call(sim, '/api/v4/projects/1/jobs?per_page=500');
    expect((big.body as unknown[]).length).toBe(100);
    expect(big.headers.get('X-Per-Page')).toBe('100');
    const last = await call(sim, '/api/v4/projects/4/jobs?per_page=100');
    expect(last.headers.get('X-Next-Page')).toBe('');
    expect(last.headers.get('Link')).not.toContain('rel="next"');
  });

  it('filters by scope and scope[], and rejects unknown scopes with 400', async () => {
    const one = await call(sim, '/api/v4/projects/1/jobs?scope=failed&per_page=100');
    const failed = one.body as JobJson[];
    expect(failed.length).toBeGreaterThan(0);
    expect(failed.every((j) => j.status === 'failed' && typeof j.failure_reason === 'string')).toBe(true);
    const many = await call(sim, '/api/v4/projects/1/jobs?scope[]=pending&scope[]=running&per_page=100');
    const statuses = new Set((many.body as JobJson[]).map((j) => j.status));
    expect([...statuses].sort()).toEqual(['pending', 'running']);
    const bad = await call(sim, '/api/v4/projects/1/jobs?scope=bogus');
    expect(bad.status).toBe(400);
    expect(bad.body).toEqual({ error: 'scope does not have a valid value' });
  });

  it('holds every status of FACTS.md in project 1, each filterable by scope', async () => {
    const all = [
      'created', 'waiting_for_resource', 'preparing', 'waiting_for_callback', 'pending', 'running', 'success',
      'failed', 'canceling', 'canceled', 'skipped', 'manual', 'scheduled',
    ];
    for (const status of all) {
      const r = await call(sim, `/api/v4/projects/1/jobs?scope=${status}`);
      const jobs = r.body as JobJson[];
      expect(jobs.length, status).toBeGreaterThan(0);
      expect(jobs.every((j) => j.status === status)).toBe(true);
      for (const j of jobs) expectValidJob(j);
    }
  });

  it('pages by keyset with a cursor only while there is a next page', async () => {
    const first = await call(sim, '/api/v4/projects/4/jobs?pagination=keyset&per_page=4');
    expect((first.body as unknown[]).length).toBe(4);
    const link = first.headers.get('Link') ?? '';
    const next = link.match(/<([^>]+)>; rel="next"/)?.[1];
    expect(next).toContain('cursor=');
    const second = await call(sim, (next ?? '').replace('http://sim.test', ''));
    const ids = [...(first.body as JobJson[]), ...(second.body as JobJson[])].map((j) => j.id);
    expect(ids).toHaveLength(6);
    expect(new Set(ids).size).toBe(6);
    expect([...ids].sort((a, b) => b - a)).toEqual(ids);
    expect(second.headers.get('Link')).toBeNull();
    expect(second.headers.has('X-Total')).toBe(false);
  });

  it('refuses keyset orders other than id desc with 405', async () => {
    const r = await call(sim, '/api/v4/projects/1/jobs?pagination=keyset&order_by=created_at');
    expect(r.status).toBe(405);
    const asc = await call(sim, '/api/v4/projects/1/jobs?pagination=keyset&sort=asc');
    expect(asc.status).toBe(405);
    expect(asc.body).toEqual({ error: 'Keyset pagination is not yet available for this type of request' });
  });

  it('refuses a page whose end lies beyond 50,000 rows (page × per_page > 50000) with 405 and GitLab\'s message', async () => {
    const ok = await call(sim, '/api/v4/projects/3/jobs?per_page=100&page=500');
    expect(ok.status).toBe(200);
    const r = await call(sim, '/api/v4/projects/3/jobs?per_page=100&page=501');
    expect(r.status).toBe(405);
    expect(r.body).toEqual({
      error:
        'Offset pagination has a maximum allowed offset of 50000 for requests that return objects of type Ci::Build. Remaining records can be retrieved using keyset pagination.',
    });
  });

  it('walks the 5,000+ jobs of acme/tools/big-history by keyset', async () => {
    let path: string | null = '/api/v4/projects/acme%2Ftools%2Fbig-history/jobs?pagination=keyset&per_page=100';
    let count = 0;
    let last = Infinity;
    while (path) {
      const r: Awaited<ReturnType<typeof call>> = await call(sim, path);
      for (const j of r.body as JobJson[]) {
        expect(j.id).toBeLessThan(last);
        last = j.id;
        count++;
      }
      path = r.headers.get('Link')?.match(/<([^>]+)>; rel="next"/)?.[1]?.replace('http://sim.test', '') ?? null;
    }
    expect(count).toBeGreaterThanOrEqual(5000);
  });
});

describe('GET /projects/:id/jobs rate limit', () => {
  it('answers 429 with GitLab\'s JSON body past the per-minute limit', async () => {
    const sim = createSim({ paused: true, jobsRateLimitPerMinute: 3 });
    for (let i = 0; i < 3; i++) expect((await call(sim, '/api/v4/projects/1/jobs')).status).toBe(200);
    const r = await call(sim, '/api/v4/projects/1/jobs');
    expect(r.status).toBe(429);
    expect(r.body).toEqual({ message: { error: 'This endpoint has been requested too many times. Try again later.' } });
    // Per user: the read token still has its own budget; other endpoints are not limited.
    expect((await call(sim, '/api/v4/projects/1/jobs', { token: READ_TOKEN })).status).toBe(200);
    expect((await call(sim, '/api/v4/projects/1')).status).toBe(200);
  });
});

describe('every entity of the seeded world', () => {
  it('validates every job of every project and every bridge of project 1 against the schemas', async () => {
    const sim = createSim({ paused: true, hugeLogBytes: 100_000 });
    let count = 0;
    for (const projectId of [1, 2, 3, 4]) {
      for (const job of await allJobs(sim, projectId)) {
        expect(validateJob(job), `job ${job.id}`).toEqual([]);
        count++;
      }
    }
    expect(count).toBeGreaterThan(5500);
    const pipelines = (await call(sim, '/api/v4/projects/1/pipelines?per_page=100')).body as { id: number }[];
    let bridges = 0;
    for (const p of pipelines) {
      for (const b of (await call(sim, `/api/v4/projects/1/pipelines/${p.id}/bridges`)).body as JobJson[]) {
        expect(validateBridge(b), `bridge ${b.id}`).toEqual([]);
        bridges++;
      }
    }
    expect(bridges).toBeGreaterThan(20);
  }, 60_000);
});

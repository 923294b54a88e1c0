import { beforeEach, describe, expect, it } from 'vitest';
import { createSim, type Sim } from '../index.ts';
import { validateBridge, validateJob } from '../test-support/schemas.ts';
import { admin, allJobs, call, findJob, pipelineOf, READ_TOKEN, type JobJson } from '../testing/client.ts';

function expectValidJob(v: unknown): void {
  expect(validateJob(v)).toEqual([]);
}

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

describe('GET /projects/:id/jobs/:job_id and /trace', () => {
  const sim = createSim({ paused: true, hugeLogBytes: 300_000 });

  it('returns one job by numeric id or URL-encoded path', async () => {
    const jobs = await allJobs(sim, 1);
    const job = findJob(jobs, (j) => j.status === 'success', 'a successful job');
    const a = await call(sim, `/api/v4/projects/1/jobs/${job.id}`);
    const b = await call(sim, `/api/v4/projects/acme%2Fplatform%2Fbackend/jobs/${job.id}`);
    expect(a.status).toBe(200);
    expect(b.body).toEqual(a.body);
    expectValidJob(a.body);
  });

  it('answers GitLab\'s 404 and 400 bodies', async () => {
    expect((await call(sim, '/api/v4/projects/1/jobs/999999999')).body).toEqual({ message: '404 Not found' });
    expect((await call(sim, '/api/v4/projects/999/jobs/1')).body).toEqual({ message: '404 Project Not Found' });
    expect((await call(sim, '/api/v4/projects/acme%2Fnope/jobs')).body).toEqual({ message: '404 Project Not Found' });
    const bad = await call(sim, '/api/v4/projects/1/jobs/abc');
    expect(bad.status).toBe(400);
    expect(bad.body).toEqual({ error: 'job_id is invalid' });
    // A job of another project is not found in this one.
    const other = (await allJobs(sim, 4))[0];
    expect((await call(sim, `/api/v4/projects/1/jobs/${other?.id}`)).status).toBe(404);
  });

  it('carries failure_reason only on failed jobs and artifacts_file only with an archive', async () => {
    const jobs = await allJobs(sim, 1);
    for (const j of jobs) {
      expect('failure_reason' in j).toBe(j.status === 'failed');
      if ('artifacts_file' in j) expect((j.artifacts as unknown[]).length).toBeGreaterThan(0);
    }
    const expired = findJob(
      jobs,
      (j) => j.name === 'rspec 1/3' && typeof j.artifacts_expire_at === 'string' && Date.parse(j.artifacts_expire_at) < Date.parse(String(j.finished_at)) + 2 * 86_400_000 && !('artifacts_file' in j),
      'an expired archive',
    );
    // The archive has expired; the log stays listed as the job's trace artifact.
    expect((expired.artifacts as { file_type: string }[]).map((a) => a.file_type)).toEqual(['trace']);
    const kept = findJob(jobs, (j) => j.name === 'compile' && j.artifacts_expire_at === null && 'artifacts_file' in j, 'kept artifacts');
    expectValidJob(kept);
    const erased = findJob(jobs, (j) => j.erased_at !== null, 'an erased job');
    expect('artifacts_file' in erased).toBe(false);
  });

  it('serves the log as text/plain; empty for a job that never ran', async () => {
    const jobs = await allJobs(sim, 1);
    const done = findJob(jobs, (j) => j.status === 'success' && j.name === 'compile' && j.erased_at === null, 'finished compile');
    const r = await call(sim, `/api/v4/projects/1/jobs/${done.id}/trace`);
    expect(r.status).toBe(200);
    expect(r.headers.get('Content-Type')).toBe('text/plain');
    expect(r.text).toContain('section_start:');
    expect(r.text).toContain('Job succeeded');
    const created = findJob(jobs, (j) => j.status === 'created', 'created');
    const empty = await call(sim, `/api/v4/projects/1/jobs/${created.id}/trace`);
    expect(empty.status).toBe(200);
    expect(empty.text).toBe('');
    const erased = findJob(jobs, (j) => j.erased_at !== null, 'erased');
    expect((await call(sim, `/api/v4/projects/1/jobs/${erased.id}/trace`)).text).toBe('');
  });

  it('lets a running job\'s log grow with the clock and finish with the job', async () => {
    const s = createSim({ paused: true, hugeLogBytes: 100_000 });
    const running = findJob(await allJobs(s, 1), (j) => j.status === 'running' && j.name === 'rspec 1/3' && pipelineOf(j).ref === 'main', 'running rspec');
    const before = (await call(s, `/api/v4/projects/1/jobs/${running.id}/trace`)).text;
    await admin(s, 'clock', { advance_ms: 60_000 });
    const later = (await call(s, `/api/v4/projects/1/jobs/${running.id}/trace`)).text;
    expect(later.length).toBeGreaterThan(before.length);
    expect(later.startsWith(before)).toBe(true);
    await admin(s, 'clock', { advance_ms: 3 * 3_600_000 });
    const job = (await call(s, `/api/v4/projects/1/jobs/${running.id}`)).body as JobJson;
    expect(['success', 'failed']).toContain(job.status);
    expect(typeof job.duration).toBe('number');
    const full = (await call(s, `/api/v4/projects/1/jobs/${running.id}/trace`)).text;
    expect(full.startsWith(later)).toBe(true);
    expect(full).toMatch(job.status === 'success' ? /Job succeeded/ : /ERROR: Job failed/);
  });

  it('has a huge-log job whose log is hugeLogBytes long, 50 MB by default', async () => {
    const small = findJob(await allJobs(sim, 1), (j) => j.name === 'huge-log', 'huge-log');
    const r = await call(sim, `/api/v4/projects/1/jobs/${small.id}/trace`);
    expect(Buffer.byteLength(r.text)).toBeGreaterThanOrEqual(300_000);
    const big = createSim({ paused: true });
    const huge = findJob(await allJobs(big, 1), (j) => j.name === 'huge-log', 'huge-log');
    const res = await big.fetch(new Request(`http://sim.test/api/v4/projects/1/jobs/${huge.id}/trace`, { headers: { 'PRIVATE-TOKEN': 'glpat-sim-api' } }));
    const bytes = (await res.arrayBuffer()).byteLength;
    expect(bytes).toBeGreaterThanOrEqual(50_000_000);
  }, 60_000);

  it('answers 404 for a bridge id on the job-only routes', async () => {
    const bridge = await firstBridge(sim);
    for (const [method, suffix] of [['GET', ''], ['GET', '/trace'], ['POST', '/cancel'], ['POST', '/erase']] as const) {
      const r = await call(sim, `/api/v4/projects/1/jobs/${bridge.id}${suffix}`, { method });
      expect(r.status, suffix).toBe(404);
      expect(r.body).toEqual({ message: '404 Not found' });
    }
  });
});

async function firstBridge(sim: Sim): Promise<JobJson> {
  const pipelines = (await call(sim, '/api/v4/projects/1/pipelines?status=success&per_page=5')).body as { id: number }[];
  for (const p of pipelines) {
    const bridges = (await call(sim, `/api/v4/projects/1/pipelines/${p.id}/bridges`)).body as JobJson[];
    const b = bridges.find((x) => x.status === 'success');
    if (b) return b;
  }
  throw new Error('no finished bridge');
}

describe('the action table of FACTS.md', () => {
  let sim: Sim;
  let jobs: JobJson[];
  beforeEach(async () => {
    sim = createSim({ paused: true, hugeLogBytes: 100_000 });
    jobs = await allJobs(sim, 1);
  });
  const on = (status: string, extra: (j: JobJson) => boolean = () => true): JobJson =>
    findJob(jobs, (j) => j.status === status && pipelineOf(j).ref !== 'production' && extra(j), status);
  const post = (job: JobJson, action: string, json?: unknown, token?: string) =>
    call(sim, `/api/v4/projects/1/jobs/${job.id}/${action}`, { method: 'POST', ...(json !== undefined ? { json } : {}), ...(token ? { token } : {}) });

  it.each(['created', 'waiting_for_resource', 'preparing', 'pending'])('cancel of a %s job: 201, canceled', async (status) => {
    const r = await post(on(status), 'cancel');
    expect(r.status).toBe(201);
    expectValidJob(r.body);
    expect((r.body as JobJson).status).toBe('canceled');
  });

  it('cancel of a running job: 201 canceling, then canceled with the log cut and a canceled tail', async () => {
    const job = on('running', (j) => j.name === 'rspec 1/3');
    const r = await post(job, 'cancel');
    expect(r.status).toBe(201);
    expect((r.body as JobJson).status).toBe('canceling');
    await admin(sim, 'clock', { advance_ms: 10_000 });
    const after = (await call(sim, `/api/v4/projects/1/jobs/${job.id}`)).body as JobJson;
    expect(after.status).toBe('canceled');
    expectValidJob(after);
    const log = (await call(sim, `/api/v4/projects/1/jobs/${job.id}/trace`)).text;
    expect(log).toContain('Job failed: canceled');
  });

  it.each(['success', 'failed', 'canceled', 'skipped', 'manual', 'waiting_for_callback'])('cancel of a %s job: 201 with the job unchanged', async (status) => {
    const job = on(status);
    const r = await post(job, 'cancel');
    expect(r.status).toBe(201);
    expect(r.body).toEqual((await call(sim, `/api/v4/projects/1/jobs/${job.id}`)).body);
    expect((r.body as JobJson).status).toBe(status);
  });

  it.each(['success', 'failed', 'canceled'])('retry of a %s job: 201, a new job with a new id in the same pipeline', async (status) => {
    const old = on(status);
    const r = await post(old, 'retry');
    expect(r.status).toBe(201);
    const fresh = r.body as JobJson;
    expectValidJob(fresh);
    expect(fresh.id).toBeGreaterThan(old.id);
    expect(fresh.name).toBe(old.name);
    expect(pipelineOf(fresh).id).toBe(pipelineOf(old).id);
    expect(fresh.status).toBe('pending');
    const pid = pipelineOf(old).id;
    const visible = (await call(sim, `/api/v4/projects/1/pipelines/${pid}/jobs?per_page=100`)).body as JobJson[];
    expect(visible.map((j) => j.id)).toContain(fresh.id);
    expect(visible.map((j) => j.id)).not.toContain(old.id);
    const withRetried = (await call(sim, `/api/v4/projects/1/pipelines/${pid}/jobs?include_retried=true&per_page=100`)).body as JobJson[];
    expect(withRetried.map((j) => j.id)).toEqual(expect.arrayContaining([old.id, fresh.id]));
    const projectList = await allJobs(sim, 1);
    expect(projectList.map((j) => j.id)).toEqual(expect.arrayContaining([old.id, fresh.id]));
  });

  it.each(['running', 'pending', 'created', 'manual', 'skipped'])('retry of a %s job: 403 not retryable', async (status) => {
    const r = await post(on(status), 'retry');
    expect(r.status).toBe(403);
    expect(r.body).toEqual({ message: '403 Forbidden - Job is not retryable' });
  });

  it('retry of an archived job: 403 not retryable', async () => {
    const r0 = await call(sim, '/api/v4/projects/3/jobs?scope=success&per_page=100&page=40');
    const old = (r0.body as JobJson[])[0];
    expect(old?.archived).toBe(true);
    const r = await call(sim, `/api/v4/projects/3/jobs/${old?.id}/retry`, { method: 'POST' });
    expect(r.status).toBe(403);
    expect(r.body).toEqual({ message: '403 Forbidden - Job is not retryable' });
  });

  it('retry of an attempt that was already retried: 403 not retryable (only the newest attempt is)', async () => {
    const old = on('failed');
    expect((await post(old, 'retry')).status).toBe(201);
    const again = await post(old, 'retry');
    expect(again.status).toBe(403);
    expect(again.body).toEqual({ message: '403 Forbidden - Job is not retryable' });
  });

  it('retry of a trigger job makes a new bridge (answered Job-shaped, as GitLab does) and a new downstream pipeline', async () => {
    const bridge = await firstBridge(sim);
    const oldDown = (bridge.downstream_pipeline as { id: number }).id;
    const r = await post(bridge, 'retry');
    expect(r.status).toBe(201);
    const fresh = r.body as JobJson;
    expectValidJob(fresh);
    expect('downstream_pipeline' in fresh).toBe(false);
    expect(fresh.id).not.toBe(bridge.id);
    await admin(sim, 'clock', { advance_ms: 1_000 });
    const bridges = (await call(sim, `/api/v4/projects/1/pipelines/${pipelineOf(bridge).id}/bridges`)).body as JobJson[];
    const now = bridges.find((b) => b.id === fresh.id);
    expect(validateBridge(now)).toEqual([]);
    const down = now?.downstream_pipeline as { id: number; project_id: number } | null;
    expect(down).not.toBeNull();
    expect(down?.id).not.toBe(oldDown);
  });

  it('erase of a finished job: 201 with erased_at, log and artifacts gone', async () => {
    const job = on('success', (j) => j.name === 'compile' && 'artifacts_file' in j);
    const r = await post(job, 'erase');
    expect(r.status).toBe(201);
    const erased = r.body as JobJson;
    expectValidJob(erased);
    expect(typeof erased.erased_at).toBe('string');
    expect('artifacts_file' in erased).toBe(false);
    expect((await call(sim, `/api/v4/projects/1/jobs/${job.id}/trace`)).text).toBe('');
    expect((await call(sim, `/api/v4/projects/1/jobs/${job.id}/artifacts`)).status).toBe(404);
    const again = await post(job, 'erase');
    expect(again.status).toBe(403);
    expect(again.body).toEqual({ message: '403 Forbidden - Job is not erasable!' });
  });

  it.each(['running', 'created', 'manual'])('erase of a %s job: 403 not erasable', async (status) => {
    const r = await post(on(status), 'erase');
    expect(r.status).toBe(403);
    expect(r.body).toEqual({ message: '403 Forbidden - Job is not erasable!' });
  });

  it('play of a manual job with variables: 200 pending, then it runs and its log prints them', async () => {
    const job = on('manual', (j) => j.name === 'deploy-production');
    const r = await post(job, 'play', { job_variables_attributes: [{ key: 'DEPLOY_TARGET', value: 'canary-42' }] });
    expect(r.status).toBe(200);
    expectValidJob(r.body);
    expect((r.body as JobJson).status).toBe('pending');
    expect((r.body as JobJson).id).toBe(job.id);
    await admin(sim, 'clock', { advance_ms: 600_000 });
    const done = (await call(sim, `/api/v4/projects/1/jobs/${job.id}`)).body as JobJson;
    expect(['success', 'failed']).toContain(done.status);
    const log = (await call(sim, `/api/v4/projects/1/jobs/${job.id}/trace`)).text;
    expect(log).toContain('DEPLOY_TARGET');
    expect(log).toContain('canary-42');
  });

  it('play of a scheduled job: 200 pending', async () => {
    const r = await post(on('scheduled'), 'play');
    expect(r.status).toBe(200);
    expect((r.body as JobJson).status).toBe('pending');
  });

  it('play of a finished manual job runs it again as a new job', async () => {
    const job = on('manual', (j) => j.name === 'deploy-production');
    await post(job, 'play');
    await admin(sim, 'clock', { advance_ms: 600_000 });
    const again = await post(job, 'play');
    expect(again.status).toBe(200);
    expect((again.body as JobJson).id).not.toBe(job.id);
    expect((again.body as JobJson).status).toBe('pending');
  });

  it.each(['success', 'running', 'failed'])('play of a %s non-manual job: 400 Unplayable Job', async (status) => {
    const r = await post(on(status, (j) => j.name !== 'deploy-production' && j.name !== 'nightly-cleanup'), 'play');
    expect(r.status).toBe(400);
    expect(r.body).toEqual({ message: '400 Bad request - Unplayable Job' });
  });

  it('play with a bad variable key: 400', async () => {
    const r = await post(on('manual'), 'play', { job_variables_attributes: [{ key: 'NOT-OK', value: 'x' }] });
    expect(r.status).toBe(400);
    expect(JSON.stringify(r.body)).toContain("can contain only letters, digits and '_'");
  });

  it('keep: 200 with artifacts_expire_at null; 404 without artifacts', async () => {
    const job = on('success', (j) => 'artifacts_file' in j && j.artifacts_expire_at !== null);
    const r = await call(sim, `/api/v4/projects/1/jobs/${job.id}/artifacts/keep`, { method: 'POST' });
    expect(r.status).toBe(200);
    expectValidJob(r.body);
    expect((r.body as JobJson).artifacts_expire_at).toBeNull();
    await admin(sim, 'clock', { advance_ms: 40 * 86_400_000 });
    expect((await call(sim, `/api/v4/projects/1/jobs/${job.id}/artifacts`)).status).toBe(200);
    const none = on('success', (j) => !('artifacts_file' in j));
    const n = await call(sim, `/api/v4/projects/1/jobs/${none.id}/artifacts/keep`, { method: 'POST' });
    expect(n.status).toBe(404);
  });

  it('delete artifacts: 204 and they are gone; 404 without artifacts', async () => {
    const job = on('success', (j) => 'artifacts_file' in j);
    const r = await call(sim, `/api/v4/projects/1/jobs/${job.id}/artifacts`, { method: 'DELETE' });
    expect(r.status).toBe(204);
    expect(r.text).toBe('');
    expect((await call(sim, `/api/v4/projects/1/jobs/${job.id}/artifacts`)).status).toBe(404);
    const after = (await call(sim, `/api/v4/projects/1/jobs/${job.id}`)).body as JobJson;
    expect('artifacts_file' in after).toBe(false);
    const again = await call(sim, `/api/v4/projects/1/jobs/${job.id}/artifacts`, { method: 'DELETE' });
    expect(again.status).toBe(404);
  });

  it('every action by the read_api token: 403 insufficient_scope', async () => {
    const job = on('running');
    for (const action of ['cancel', 'retry', 'erase', 'play', 'artifacts/keep']) {
      const r = await post(job, action, undefined, READ_TOKEN);
      expect(r.status).toBe(403);
      expect((r.body as { error: string }).error).toBe('insufficient_scope');
    }
    const d = await call(sim, `/api/v4/projects/1/jobs/${job.id}/artifacts`, { method: 'DELETE', token: READ_TOKEN });
    expect(d.status).toBe(403);
  });

  it('every action on the protected production branch: 403 Forbidden', async () => {
    const running = findJob(jobs, (j) => pipelineOf(j).ref === 'production' && j.status === 'running', 'running on production');
    const finished = findJob(jobs, (j) => pipelineOf(j).ref === 'production' && j.status === 'success', 'finished on production');
    for (const [job, action] of [[running, 'cancel'], [finished, 'retry'], [finished, 'erase'], [running, 'play']] as const) {
      const r = await post(job, action);
      expect(r.status, action).toBe(403);
      expect(r.body).toEqual({ message: '403 Forbidden' });
    }
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

// The action table of FACTS.md: cancel, retry, play, erase, keep and delete artifacts, and who may.
import { beforeEach, describe, expect, it } from 'vitest';
import { createSim, type Sim } from '../index.ts';
import { validateBridge } from '../test-support/schemas.ts';
import { admin, allJobs, call, expectValidJob, findJob, firstBridge, pipelineOf, READ_TOKEN, type JobJson } from '../testing/client.ts';

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

// FACTS.md, item by item, against the simulator (in-process): the actions table.
// Written apart from the core's own tests, from FACTS.md and the common brief only, so the two
// readings check each other.
import { describe, expect, it } from 'vitest';
import { validateJob } from '../test-support/schemas.ts';
import { advance, anyBridge, hasArchiveRow, jobs, pick, req, sim, type Json } from './facts-client.ts';

describe('FACTS.md: the actions table', () => {
  it('cancel: 201 and canceling/canceled when running; 201 with the job unchanged when finished', async () => {
    const s = sim();
    const running = await pick(s, 'running');
    const r = await req(s, 'POST', `/api/v4/projects/1/jobs/${String(running.id)}/cancel`);
    expect(r.status).toBe(201);
    expect(['canceling', 'canceled']).toContain((r.body as Json).status);
    const done = await pick(s, 'success');
    const again = await req(s, 'POST', `/api/v4/projects/1/jobs/${String(done.id)}/cancel`);
    expect(again.status).toBe(201);
    expect(again.body).toEqual((await req(s, 'GET', `/api/v4/projects/1/jobs/${String(done.id)}`)).body);
  });

  it('retry: 201 with a new job for success/failed/canceled; 403 "Job is not retryable" otherwise', async () => {
    const s = sim();
    for (const scope of ['success', 'failed', 'canceled']) {
      const job = await pick(s, scope);
      const r = await req(s, 'POST', `/api/v4/projects/1/jobs/${String(job.id)}/retry`);
      expect(r.status, scope).toBe(201);
      expect((r.body as Json).id).not.toBe(job.id);
      expect((r.body as Json).name).toBe(job.name);
      expect(validateJob(r.body)).toEqual([]);
    }
    for (const scope of ['running', 'manual']) {
      const job = await pick(s, scope);
      const r = await req(s, 'POST', `/api/v4/projects/1/jobs/${String(job.id)}/retry`);
      expect(r.status, scope).toBe(403);
      expect(r.body).toEqual({ message: '403 Forbidden - Job is not retryable' });
    }
  });

  it('retry: archived jobs are not retryable', async () => {
    const s = sim();
    const old = (await jobs(s, 3, '&scope[]=success&page=40')).find((j) => j.archived === true);
    expect(old, 'an archived job in big-history').toBeDefined();
    const r = await req(s, 'POST', `/api/v4/projects/3/jobs/${String(old?.id)}/retry`);
    expect(r.status).toBe(403);
    expect(r.body).toEqual({ message: '403 Forbidden - Job is not retryable' });
  });

  it('erase: 201 with erased_at, then log and artifacts are gone; 403 "Job is not erasable!" after', async () => {
    const s = sim();
    const job = await pick(s, 'success', hasArchiveRow);
    const r = await req(s, 'POST', `/api/v4/projects/1/jobs/${String(job.id)}/erase`);
    expect(r.status).toBe(201);
    const erased = r.body as Json;
    expect(erased.erased_at).not.toBeNull();
    expect(erased.artifacts).toEqual([]);
    expect(erased.artifacts_file).toBeUndefined();
    const trace = await req(s, 'GET', `/api/v4/projects/1/jobs/${String(job.id)}/trace`);
    expect(trace.status).toBe(200);
    expect(trace.text).toBe('');
    expect((await req(s, 'GET', `/api/v4/projects/1/jobs/${String(job.id)}/artifacts`)).status).toBe(404);
    const again = await req(s, 'POST', `/api/v4/projects/1/jobs/${String(job.id)}/erase`);
    expect(again.status).toBe(403);
    expect(again.body).toEqual({ message: '403 Forbidden - Job is not erasable!' });
    const running = await pick(s, 'running');
    expect((await req(s, 'POST', `/api/v4/projects/1/jobs/${String(running.id)}/erase`)).status).toBe(403);
  });

  it('play: 200 pending for a manual job (with variables); 400 "Unplayable Job" otherwise; bad keys 400', async () => {
    const s = sim();
    const manual = await pick(s, 'manual');
    const bad = await req(s, 'POST', `/api/v4/projects/1/jobs/${String(manual.id)}/play`, { json: { job_variables_attributes: [{ key: 'BAD-KEY', value: 'x' }] } });
    expect(bad.status).toBe(400);
    const r = await req(s, 'POST', `/api/v4/projects/1/jobs/${String(manual.id)}/play`, { json: { job_variables_attributes: [{ key: 'DEPLOY_ENV', value: 'staging' }] } });
    expect(r.status).toBe(200);
    expect((r.body as Json).status).toBe('pending');
    const done = await pick(s, 'success');
    const no = await req(s, 'POST', `/api/v4/projects/1/jobs/${String(done.id)}/play`);
    expect(no.status).toBe(400);
    expect(no.body).toEqual({ message: '400 Bad request - Unplayable Job' });
  });

  it('play: a finished manual job may be played again', async () => {
    const s = sim();
    const manual = await pick(s, 'manual');
    expect((await req(s, 'POST', `/api/v4/projects/1/jobs/${String(manual.id)}/play`)).status).toBe(200);
    await advance(s, 3 * 60 * 60 * 1000);
    const after = (await req(s, 'GET', `/api/v4/projects/1/jobs/${String(manual.id)}`)).body as Json;
    expect(['success', 'failed']).toContain(after.status);
    const again = await req(s, 'POST', `/api/v4/projects/1/jobs/${String(manual.id)}/play`);
    expect(again.status).toBe(200);
    expect((again.body as Json).status).toBe('pending');
  });

  it('keep: 200 with artifacts_expire_at null; 404 without artifacts. Delete: 204, then 404', async () => {
    const s = sim();
    const job = await pick(s, 'success', (j) => hasArchiveRow(j) && j.artifacts_expire_at !== null);
    const kept = await req(s, 'POST', `/api/v4/projects/1/jobs/${String(job.id)}/artifacts/keep`);
    expect(kept.status).toBe(200);
    expect((kept.body as Json).artifacts_expire_at).toBeNull();
    const del = await req(s, 'DELETE', `/api/v4/projects/1/jobs/${String(job.id)}/artifacts`);
    expect(del.status).toBe(204);
    expect(del.text).toBe('');
    expect((await req(s, 'DELETE', `/api/v4/projects/1/jobs/${String(job.id)}/artifacts`)).status).toBe(404);
    expect((await req(s, 'POST', `/api/v4/projects/1/jobs/${String(job.id)}/artifacts/keep`)).status).toBe(404);
    const none = await pick(s, 'success', (j) => Array.isArray(j.artifacts) && !hasArchiveRow(j));
    expect((await req(s, 'POST', `/api/v4/projects/1/jobs/${String(none.id)}/artifacts/keep`)).status).toBe(404);
  });

  it('answers 404 "404 Not found" for a bridge id on job-only endpoints', async () => {
    const s = sim();
    const bridge = await anyBridge(s);
    for (const [method, suffix] of [['GET', ''], ['GET', '/trace'], ['POST', '/cancel'], ['POST', '/erase']] as const) {
      const r = await req(s, method, `/api/v4/projects/1/jobs/${String(bridge.id)}${suffix}`);
      expect(r.status, `${method} ${suffix}`).toBe(404);
      expect(r.body).toEqual({ message: '404 Not found' });
    }
  });

  it('refuses actions on the protected production branch with 403', async () => {
    const s = sim();
    const list: Json[] = [];
    for (let page = 1; page <= 10; page++) list.push(...(await jobs(s, 1, `&page=${page}`)));
    const prod = list.find((j) => (j.pipeline as Json).ref === 'production' && ['success', 'failed', 'canceled'].includes(String(j.status)));
    expect(prod).toBeDefined();
    const r = await req(s, 'POST', `/api/v4/projects/1/jobs/${String(prod?.id)}/retry`);
    expect(r.status).toBe(403);
    expect(String((r.body as Json).message)).toMatch(/^403 Forbidden/);
  });
});

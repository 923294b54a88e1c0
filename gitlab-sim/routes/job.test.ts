// One job and its log: by id or path, GitLab's error bodies, the log as it grows and ends.
import { describe, expect, it } from 'vitest';
import { createSim } from '../index.ts';
import { admin, allJobs, call, expectValidJob, findJob, firstBridge, pipelineOf, type JobJson } from '../testing/client.ts';

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

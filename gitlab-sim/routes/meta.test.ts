import { describe, expect, it } from 'vitest';
import { createSim } from '../index.ts';
import { validateJob, validateUser } from '../test-support/schemas.ts';
import { admin, allJobs, call, findJob, READ_TOKEN } from '../testing/client.ts';

describe('version, user, token', () => {
  const sim = createSim({ paused: true, hugeLogBytes: 100_000 });

  it('GET /version reports an 18.8+ EE host by default', async () => {
    const r = await call(sim, '/api/v4/version');
    expect(r.status).toBe(200);
    const v = r.body as { version: string; revision: string; kas: object; enterprise: boolean };
    expect(v.version).toMatch(/^18\.(8|9|\d\d)\.\d+-ee$/);
    expect(typeof v.revision).toBe('string');
    expect(v.enterprise).toBe(true);
    expect(v.kas).toBeTypeOf('object');
  });

  it('GET /user: the api token is the admin, the read token another user', async () => {
    const me = (await call(sim, '/api/v4/user')).body as { username: string; name: string };
    expect(validateUser(me)).toEqual([]);
    expect(me.name).toBe('Sim Admin');
    expect(me.username).toBe('root');
    const reader = (await call(sim, '/api/v4/user', { token: READ_TOKEN })).body as { username: string };
    expect(validateUser(reader)).toEqual([]);
    expect(reader.username).toBe('reader');
  });

  it('GET /personal_access_tokens/self tells the scopes', async () => {
    const api = (await call(sim, '/api/v4/personal_access_tokens/self')).body as Record<string, unknown>;
    expect(Object.keys(api).sort()).toEqual(
      expect.arrayContaining(['id', 'name', 'revoked', 'created_at', 'scopes', 'user_id', 'last_used_at', 'active', 'expires_at']),
    );
    expect(api.scopes).toEqual(['api']);
    expect(api.active).toBe(true);
    expect(api.revoked).toBe(false);
    const read = (await call(sim, '/api/v4/personal_access_tokens/self', { token: READ_TOKEN })).body as { scopes: string[] };
    expect(read.scopes).toEqual(['read_api']);
  });
});

describe('GET /job and /job/allowed_agents with a CI job token', () => {
  it('answers with the running job for JOB-TOKEN, Bearer and ?job_token=', async () => {
    const sim = createSim({ paused: true, hugeLogBytes: 100_000 });
    const running = findJob(await allJobs(sim, 1), (j) => j.status === 'running', 'running');
    const { token } = (await admin(sim, `job-token/${running.id}`)) as { token: string };
    const viaHeader = await call(sim, '/api/v4/job', { token: null, headers: { 'JOB-TOKEN': token } });
    expect(viaHeader.status).toBe(200);
    expect(validateJob(viaHeader.body)).toEqual([]);
    expect((viaHeader.body as { id: number }).id).toBe(running.id);
    const viaBearer = await call(sim, '/api/v4/job', { token: null, headers: { Authorization: `Bearer ${token}` } });
    expect((viaBearer.body as { id: number }).id).toBe(running.id);
    const viaQuery = await call(sim, `/api/v4/job?job_token=${token}`, { token: null });
    expect((viaQuery.body as { id: number }).id).toBe(running.id);
    const agents = await call(sim, '/api/v4/job/allowed_agents', { token: null, headers: { 'JOB-TOKEN': token } });
    expect(agents.status).toBe(200);
    const a = agents.body as { allowed_agents: unknown[]; job: { id: number }; pipeline: { id: number }; project: { id: number; groups: { id: number }[] }; user: { id: number } };
    expect(a.job.id).toBe(running.id);
    expect(a.project.id).toBe(1);
    expect(a.project.groups.length).toBeGreaterThan(0);
    expect(Array.isArray(a.allowed_agents)).toBe(true);
    // The job token also reads its own project's jobs, but not other endpoints.
    expect((await call(sim, '/api/v4/projects/1/jobs', { token: null, headers: { 'JOB-TOKEN': token } })).status).toBe(200);
    expect((await call(sim, '/api/v4/projects/1', { token: null, headers: { 'JOB-TOKEN': token } })).status).toBe(401);
  });

  it('answers 404 Job Not Found for a personal token, 401 without a token or for a finished job', async () => {
    const sim = createSim({ paused: true, hugeLogBytes: 100_000 });
    const r = await call(sim, '/api/v4/job');
    expect(r.status).toBe(404);
    expect(r.body).toEqual({ message: '404 Job Not Found' });
    expect((await call(sim, '/api/v4/job', { token: null })).status).toBe(401);
    const done = findJob(await allJobs(sim, 1), (j) => j.status === 'success', 'success');
    const { token } = (await admin(sim, `job-token/${done.id}`)) as { token: string };
    const stale = await call(sim, '/api/v4/job', { token: null, headers: { 'JOB-TOKEN': token } });
    expect(stale.status).toBe(401);
    expect(stale.body).toEqual({ message: '401 Unauthorized' });
  });
});

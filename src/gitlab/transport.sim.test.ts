// The transport against the simulated GitLab, in-process: the errors it reports, network and CORS failures, abort.
import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { createSim } from '../../gitlab-sim/index.ts';
import { checkConnection } from './api/connection.ts';
import { fetchJob, fetchJobsPage } from './api/jobs.ts';
import { fetchPipelineBridges } from './api/bridges.ts';
import { fetchPipelinesPage } from './api/pipelines.ts';
import { fetchProject } from './api/projects.ts';
import { describeError } from './errors.ts';
import { fetchAllPages } from './pagination.ts';
import { gitlabRequest } from './transport.ts';
import type { FetchLike } from './transport.ts';
import { JobSchema } from './types.ts';
import { API, EXPIRED, HOST, browserFetch, failure, jobsWithStatus, conn, readConn, setUpSimConnections, sim, setFaults, simFetch } from './test-helpers.ts';

setUpSimConnections();

describe('error shapes from the simulator', () => {
  it('404 {"message": …}', async () => {
    const e = await failure(fetchProject(conn, 'acme/does-not-exist'));
    expect(e).toMatchObject({ kind: 'not-found', status: 404, retryable: false });
    expect(e.gitlabMessage).toMatch(/^404/);
  });

  it('a private project is a 404 for a token that cannot see it', async () => {
    await expect(fetchProject(conn, 'acme/secret/vault')).resolves.toMatchObject({ id: 4 });
    expect((await failure(fetchProject(readConn, 4))).kind).toBe('not-found');
  });

  it('400 {"message": {"field": ["msg"]}} is flattened readably', async () => {
    const manual = (await jobsWithStatus(conn, 'manual'))[0];
    expect(manual).toBeDefined();
    const e = await failure(
      gitlabRequest(conn, `/projects/1/jobs/${manual!.id}/play`, { method: 'POST', body: { job_variables_attributes: [{ key: 'BAD-KEY', value: 'x' }] } }),
    );
    expect(e.kind).toBe('bad-request');
    expect(e.gitlabMessage).toBe("job_variables.key can contain only letters, digits and '_'.");
  });

  it('403 {"error":"insufficient_scope"} for a read_api token acting', async () => {
    const running = (await jobsWithStatus(conn, 'running'))[0]!;
    const e = await failure(gitlabRequest(readConn, `/projects/1/jobs/${running.id}/cancel`, { method: 'POST' }));
    expect(e).toMatchObject({ kind: 'insufficient-scope', status: 403, gitlabCode: 'insufficient_scope', requiredScope: 'api' });
    expect(describeError(e).title).toBe('This token can only read');
  });

  it('401 for no token, an unknown token, and an expired token', async () => {
    expect((await failure(gitlabRequest({ host: HOST, fetch: simFetch(sim) }, '/user'))).kind).toBe('unauthorized');
    expect((await failure(gitlabRequest({ host: HOST, token: 'glpat-nope', fetch: simFetch(sim) }, '/user'))).kind).toBe('unauthorized');
    const expired = await failure(gitlabRequest({ host: HOST, token: EXPIRED, fetch: simFetch(sim) }, '/user'));
    expect(expired.kind).toBe('token-expired');
    expect(describeError(expired).detail).toMatch(/Your token has expired/);
  });

  it('plain-text 429 "Retry later" from the general throttle', async () => {
    await setFaults(sim, { rate_limit_429: true });
    const e = await failure(fetchJob(conn, 1, 1));
    expect(e).toMatchObject({ kind: 'rate-limited', status: 429, gitlabMessage: 'Retry later', retryable: true });
  });

  it('the jobs list’s own JSON 429', async () => {
    const limited = { ...conn, fetch: simFetch(createSim({ paused: true, jobsRateLimitPerMinute: 2 })) };
    await fetchJobsPage(limited, 1);
    await fetchJobsPage(limited, 1);
    const e = await failure(fetchJobsPage(limited, 1));
    expect(e).toMatchObject({ kind: 'rate-limited', status: 429, gitlabMessage: 'This endpoint has been requested too many times. Try again later.' });
  });

  it.each([500, 502, 503])('%i is a retryable server error', async (status) => {
    await setFaults(sim, { error_rate: 1, error_status: status });
    const e = await failure(fetchJob(conn, 1, 1));
    expect(e).toMatchObject({ kind: 'server', status, retryable: true });
  });

  it('a bridge id on GET /jobs/:id is 404', async () => {
    const pipeline = (await fetchPipelinesPage(conn, 1, {}, 1)).items[0]!;
    const bridges = await fetchPipelineBridges(conn, 1, pipeline.id);
    const bridge = bridges.items[0];
    if (bridge) expect((await failure(fetchJob(conn, 1, bridge.id))).kind).toBe('not-found');
  });
});

describe('network, CORS and hosts that are not GitLab', () => {
  it('a host whose CORS headers are stripped is reported as CORS, with the proxy fix', async () => {
    await setFaults(sim, { cors: false });
    const e = await failure(fetchJobsPage({ host: HOST, token: API, fetch: browserFetch(simFetch(sim)) }, 1));
    expect(e.kind).toBe('cors');
    expect(e.retryable).toBe(false);
    expect(describeError(e).hint).toMatch(/reverse proxy/);
  });

  it('the same browser emulation passes when CORS is intact', async () => {
    const page = await fetchJobsPage({ host: HOST, token: API, fetch: browserFetch(simFetch(sim)) }, 1);
    expect(page.items.length).toBeGreaterThan(0);
  });

  it('an unreachable host (a closed port on 127.0.0.1) is a network error', async () => {
    const port = await new Promise<number>((resolve) => {
      const server = createServer();
      server.listen(0, '127.0.0.1', () => {
        const address = server.address();
        const p = typeof address === 'object' && address ? address.port : 1;
        server.close(() => resolve(p));
      });
    });
    const e = await failure(gitlabRequest({ host: `http://127.0.0.1:${port}`, token: API }, '/version'));
    expect(e.kind).toBe('network');
    expect(e.retryable).toBe(true);
    expect(describeError(e).detail).toBe(`Could not reach http://127.0.0.1:${port}: nothing answered.`);
  });

  it('an HTML page instead of the API is "not GitLab"', async () => {
    const spa: FetchLike = async () => new Response('<!DOCTYPE html><html><head><title>Portal</title></head></html>', { status: 200, headers: { 'content-type': 'text/html' } });
    const e = await failure(checkConnection({ host: 'https://portal.example', token: API, fetch: spa }));
    expect(e.kind).toBe('not-gitlab');
    const html404: FetchLike = async () => new Response('<html><body>404</body></html>', { status: 404, headers: { 'content-type': 'text/html' } });
    expect((await failure(checkConnection({ host: 'https://portal.example', token: API, fetch: html404 }))).kind).toBe('not-gitlab');
  });

  it('the simulator’s own non-API path is not GitLab’s API either', async () => {
    // A host given with a wrong path prefix lands outside /api/v4.
    const wrong: FetchLike = (input, init) => simFetch(sim)(String(input).replace('/api/v4/', '/wrong/api/v4/'), init);
    const e = await failure(fetchJob({ host: HOST, token: API, fetch: wrong }, 1, 1));
    expect(['not-found', 'not-gitlab']).toContain(e.kind);
  });
});

describe('abort', () => {
  it('an abort mid-request gives kind "aborted" and is not retried', async () => {
    await setFaults(sim, { latency_ms: 2000 });
    const controller = new AbortController();
    const pending = failure(fetchJobsPage(conn, 1, {}, null, controller.signal));
    setTimeout(() => controller.abort(), 20);
    const e = await pending;
    expect(e.kind).toBe('aborted');
    expect(e.retryable).toBe(false);
  });

  it('fetchAllPages stops when aborted between pages', async () => {
    const controller = new AbortController();
    let calls = 0;
    const counting: FetchLike = async (input, init) => {
      calls += 1;
      if (calls === 2) controller.abort();
      return simFetch(sim)(input, init);
    };
    const e = await failure(fetchAllPages({ ...conn, fetch: counting }, '/projects/3/jobs', { item: JobSchema, perPage: 5, signal: controller.signal }));
    expect(e.kind).toBe('aborted');
    expect(calls).toBe(2);
  });
});

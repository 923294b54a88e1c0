// The transport, pagination and API functions against the simulated GitLab, in-process.
import { createServer } from 'node:net';
import { InfiniteQueryObserver, QueryClient, QueryObserver } from '@tanstack/react-query';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createSim } from '../../gitlab-sim/index.ts';
import type { Sim } from '../../gitlab-sim/index.ts';
import { checkConnection } from './api/connection.ts';
import { cancelJobMutationOptions, playJob, retryJob } from './api/job-actions.ts';
import { fetchJob, fetchJobsPage, jobListPagesQueryOptions, jobQueryOptions, jobsPageQueryOptions } from './api/jobs.ts';
import { fetchPipelineBridges } from './api/bridges.ts';
import { fetchPipelineJobs } from './api/pipeline-jobs.ts';
import { fetchPipeline, fetchPipelinesPage } from './api/pipelines.ts';
import { fetchJobTrace } from './api/job-trace.ts';
import { fetchProject } from './api/projects.ts';
import { fetchArtifactTree, fetchArtifactsArchive } from './api/artifacts.ts';
import { GitLabError, describeError } from './errors.ts';
import { fetchAllPages, fetchPage } from './pagination.ts';
import type { Page } from './pagination.ts';
import { gitlabKeys } from './query-keys.ts';
import { gitlabRequest } from './transport.ts';
import type { Connection, FetchLike } from './transport.ts';
import { JobSchema } from './types.ts';
import type { Job } from './types.ts';

const HOST = 'http://sim.test';
const API = 'glpat-sim-api';
const READ = 'glpat-sim-read';
const EXPIRED = 'glpat-sim-expired';

/** The simulator as `fetch`: a Request in, a Response out, honouring abort like a real fetch. */
function simFetch(sim: Sim): FetchLike {
  return (input, init) => {
    const request = new Request(input, init);
    const signal = init?.signal;
    if (signal?.aborted) return Promise.reject(new DOMException('The operation was aborted.', 'AbortError'));
    return new Promise<Response>((resolve, reject) => {
      signal?.addEventListener('abort', () => reject(new DOMException('The operation was aborted.', 'AbortError')), { once: true });
      sim.fetch(request).then(resolve, reject);
    });
  };
}

/**
 * What a browser does with a host whose CORS headers are stripped: the preflight of a request
 * with PRIVATE-TOKEN fails, and so does any response without Access-Control-Allow-Origin, with
 * nothing but `TypeError: Failed to fetch`; a `no-cors` request still gets an opaque answer.
 */
function browserFetch(inner: FetchLike): FetchLike {
  return async (input, init) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    if (init?.mode === 'no-cors') {
      await inner(url, { method: init.method, signal: init.signal });
      return new Response(null, { status: 200 }); // stands in for an opaque response
    }
    const headers = new Headers(init?.headers);
    const custom = [...headers.keys()].filter((h) => !['accept', 'accept-language', 'content-language'].includes(h));
    if (custom.length > 0) {
      const preflight = await inner(url, {
        method: 'OPTIONS',
        headers: { 'Access-Control-Request-Method': init?.method ?? 'GET', 'Access-Control-Request-Headers': custom.join(',') },
        signal: init?.signal,
      });
      if (!preflight.headers.get('access-control-allow-origin')) throw new TypeError('Failed to fetch');
    }
    const res = await inner(input, init);
    if (!res.headers.get('access-control-allow-origin')) throw new TypeError('Failed to fetch');
    return res;
  };
}

async function setFaults(sim: Sim, faults: Record<string, unknown>): Promise<void> {
  const res = await sim.fetch(new Request(`${HOST}/-/sim/faults`, { method: 'POST', body: JSON.stringify(faults), headers: { 'content-type': 'application/json' } }));
  expect(res.status).toBe(200);
}

async function failure(p: Promise<unknown>): Promise<GitLabError> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(GitLabError);
    return e as GitLabError;
  }
  throw new Error('expected a GitLabError, but the call succeeded');
}

let sim: Sim;
let conn: Connection;
let readConn: Connection;

beforeEach(() => {
  sim = createSim({ paused: true });
  conn = { host: HOST, token: API, fetch: simFetch(sim) };
  readConn = { host: HOST, token: READ, fetch: simFetch(sim) };
});
afterEach(() => {
  sim.reset();
});

async function jobsWithStatus(status: string): Promise<Job[]> {
  const page = await fetchJobsPage(conn, 1, { scope: [status], perPage: 100 });
  return page.items;
}

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
    const manual = (await jobsWithStatus('manual'))[0];
    expect(manual).toBeDefined();
    const e = await failure(
      gitlabRequest(conn, `/projects/1/jobs/${manual!.id}/play`, { method: 'POST', body: { job_variables_attributes: [{ key: 'BAD-KEY', value: 'x' }] } }),
    );
    expect(e.kind).toBe('bad-request');
    expect(e.gitlabMessage).toBe("job_variables.key can contain only letters, digits and '_'.");
  });

  it('403 {"error":"insufficient_scope"} for a read_api token acting', async () => {
    const running = (await jobsWithStatus('running'))[0]!;
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
    sim = createSim({ paused: true, jobsRateLimitPerMinute: 2 });
    conn = { ...conn, fetch: simFetch(sim) };
    await fetchJobsPage(conn, 1);
    await fetchJobsPage(conn, 1);
    const e = await failure(fetchJobsPage(conn, 1));
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

describe('pagination against the simulator', () => {
  it('keyset: follows Link rel=next across pages, newest first, no totals', async () => {
    const first = await fetchJobsPage(conn, 3, {}, null);
    expect(first.mode).toBe('keyset');
    expect(first.total).toBeUndefined();
    expect(first.next?.mode).toBe('keyset');
    const ids = [...first.items.map((j) => j.id)];
    let page: Page<Job> = first;
    for (let i = 0; i < 3; i++) {
      page = await fetchJobsPage(conn, 3, {}, page.next);
      ids.push(...page.items.map((j) => j.id));
    }
    expect(ids).toHaveLength(80);
    expect(new Set(ids).size).toBe(80);
    expect([...ids].sort((a, b) => b - a)).toEqual(ids);
  });

  it('offset: reads X-Next-Page across pages, no totals on the jobs list', async () => {
    const p1 = await fetchPage(conn, '/projects/3/jobs', { item: JobSchema, perPage: 50, pagination: 'offset' });
    expect(p1).toMatchObject({ mode: 'offset', page: 1, next: { mode: 'offset', page: 2 } });
    expect(p1.total).toBeUndefined();
    expect(p1.totalPages).toBeUndefined();
    const p2 = await fetchPage(conn, '/projects/3/jobs', { item: JobSchema, perPage: 50, cursor: p1.next });
    expect(p2.page).toBe(2);
    expect(p2.items[0]!.id).toBeLessThan(p1.items[49]!.id);
    // Keyset and offset agree on the order.
    const k = await fetchJobsPage(conn, 3, { perPage: 100 });
    expect(k.items.map((j) => j.id)).toEqual([...p1.items, ...p2.items].map((j) => j.id));
  });

  it('the jobs list with a scope filter, by keyset', async () => {
    const page = await fetchJobsPage(conn, 3, { scope: ['failed', 'canceled'], perPage: 30 });
    expect(page.items.length).toBeGreaterThan(0);
    expect(page.items.every((j) => j.status === 'failed' || j.status === 'canceled')).toBe(true);
  });

  it('deep offsets on the jobs list are refused (405) and reported as such', async () => {
    const e = await failure(fetchPage(conn, '/projects/3/jobs', { item: JobSchema, perPage: 100, cursor: { mode: 'offset', page: 502 } }));
    expect(e.kind).toBe('method-not-allowed');
    expect(e.gitlabMessage).toMatch(/maximum allowed offset of 50000/);
  });

  it('falls back to offset when the host refuses keyset (405)', async () => {
    const refusing: FetchLike = async (input, init) => {
      if (String(input).includes('pagination=keyset')) {
        return new Response(JSON.stringify({ error: 'Keyset pagination is not yet available for this type of request' }), { status: 405, headers: { 'content-type': 'application/json' } });
      }
      return simFetch(sim)(input, init);
    };
    const page = await fetchJobsPage({ ...conn, fetch: refusing }, 3, { perPage: 20 });
    expect(page.mode).toBe('offset');
    expect(page.next).toEqual({ mode: 'offset', page: 2 });
    const next = await fetchJobsPage({ ...conn, fetch: refusing }, 3, { perPage: 20 }, page.next);
    expect(next.items[0]!.id).toBeLessThan(page.items[19]!.id);
  });

  it('falls back to offset when an old host ignores keyset (answers with offset headers)', async () => {
    const ignoring: FetchLike = (input, init) => {
      const url = new URL(String(input));
      for (const p of ['pagination', 'order_by', 'sort', 'cursor']) url.searchParams.delete(p);
      return simFetch(sim)(url.toString(), init);
    };
    const all = await fetchAllPages({ ...conn, fetch: ignoring }, '/projects/3/jobs', { item: JobSchema, pagination: 'keyset', perPage: 100, maxPages: 3 });
    expect(all.pages).toBe(3);
    expect(all.truncated).toBe(true);
    expect(new Set(all.items.map((j) => j.id)).size).toBe(300);
  });

  it('pipeline jobs: offset pages with totals, all of them', async () => {
    const pipeline = (await fetchPipelinesPage(conn, 1, {}, 1)).items[0]!;
    const small = await fetchAllPages(conn, `/projects/1/pipelines/${pipeline.id}/jobs`, { item: JobSchema, perPage: 2 });
    const whole = await fetchPipelineJobs(conn, 1, pipeline.id);
    expect(small.items.map((j) => j.id)).toEqual(whole.items.map((j) => j.id));
    expect(small.pages).toBe(Math.max(1, Math.ceil(whole.items.length / 2)));
    const first = await fetchPage(conn, `/projects/1/pipelines/${pipeline.id}/jobs`, { item: JobSchema, perPage: 2 });
    if (first.total !== undefined) expect(first.total).toBe(whole.items.length);
  });
});

describe('the API functions against the simulator', () => {
  it('checkConnection: write token, read token, and a host without /personal_access_tokens/self', async () => {
    const api = await checkConnection(conn);
    expect(api.user?.username).toBeTruthy();
    expect(api.version?.version).toMatch(/^\d+\.\d+/);
    expect(api.canWrite).toBe(true);
    expect(api.tokenInfo?.scopes).toContain('api');
    expect((await checkConnection(readConn)).canWrite).toBe(false);
    const old: FetchLike = async (input, init) =>
      String(input).endsWith('/personal_access_tokens/self')
        ? new Response(JSON.stringify({ error: '404 Not Found' }), { status: 404, headers: { 'content-type': 'application/json' } })
        : simFetch(sim)(input, init);
    const unknown = await checkConnection({ ...conn, fetch: old });
    expect(unknown.canWrite).toBe('unknown');
    expect(unknown.tokenInfo).toBeUndefined();
    expect((await failure(checkConnection({ host: HOST, token: EXPIRED, fetch: simFetch(sim) }))).kind).toBe('token-expired');
    const anonymous = await checkConnection({ host: HOST, fetch: simFetch(sim) });
    expect(anonymous).toMatchObject({ user: null, canWrite: false });
  });

  it('projects by id and by path, pipelines, jobs, bridges and the log', async () => {
    const byPath = await fetchProject(conn, 'acme/platform/backend');
    expect(byPath).toMatchObject({ id: 1, path_with_namespace: 'acme/platform/backend' });
    const pipelines = await fetchPipelinesPage(conn, 'acme/platform/backend', {}, 1);
    expect(pipelines.items.length).toBeGreaterThan(0);
    const detail = await fetchPipeline(conn, 1, pipelines.items[0]!.id);
    expect(detail.id).toBe(pipelines.items[0]!.id);
    const finished = (await jobsWithStatus('success'))[0]!;
    const trace = await fetchJobTrace(conn, 'acme/platform/backend', finished.id);
    expect(typeof trace).toBe('string');
    let bridgeCount = 0;
    for (const p of pipelines.items.slice(0, 10)) bridgeCount += (await fetchPipelineBridges(conn, 1, p.id)).items.length;
    expect(bridgeCount).toBeGreaterThan(0);
  });

  it('parses every seeded job in every API version the simulator serves', async () => {
    for (const version of ['9', '12', '15', '17', '18.8.2-ee']) {
      await setFaults(sim, { api_version: version });
      const page = await fetchJobsPage(conn, 1, { perPage: 100 });
      expect(page.items.length, version).toBeGreaterThan(0);
      for (const p of (await fetchPipelinesPage(conn, 1, { perPage: 5 }, 1)).items) {
        await fetchPipelineJobs(conn, 1, p.id, { includeRetried: true });
        await fetchPipelineBridges(conn, 1, p.id);
      }
    }
  });

  it('artifacts: the tree on 18.8+, the archive with the header', async () => {
    const withArtifacts = (await jobsWithStatus('success')).find((j) => j.artifacts_file);
    expect(withArtifacts).toBeDefined();
    const tree = await fetchArtifactTree(conn, 1, withArtifacts!.id);
    expect(tree.items.length).toBeGreaterThan(0);
    const archive = await fetchArtifactsArchive(conn, 1, withArtifacts!.id);
    expect(archive.blob.size).toBeGreaterThan(0);
    const head = new Uint8Array(await archive.blob.slice(0, 2).arrayBuffer());
    expect(String.fromCharCode(head[0]!, head[1]!)).toBe('PK');
  });

  it('actions: play with variables, retry gives a new job, a mutation awaits its invalidation', async () => {
    const manual = (await jobsWithStatus('manual'))[0]!;
    const played = await playJob(conn, 1, manual.id, [{ key: 'DEPLOY_TARGET', value: 'staging' }]);
    expect(played.id).toBe(manual.id);
    expect(played.status).not.toBe('manual');
    expect((await failure(playJob(conn, 1, manual.id, [{ key: 'bad key', value: 'x' }]))).kind).toBe('bad-request');

    const failed = (await jobsWithStatus('failed')).find((j) => j.archived !== true)!;
    const retried = await retryJob(conn, 1, failed.id);
    expect(retried.id).not.toBe(failed.id);
    expect(retried.name).toBe(failed.name);

    // Protected refs refuse actions (403, like GitLab): act on the first job that is not on one.
    const client = new QueryClient();
    const options = cancelJobMutationOptions(conn, 1);
    let done: { running: Job; canceled: Job } | null = null;
    let refusals = 0;
    for (const running of await jobsWithStatus('running')) {
      client.setQueryData(gitlabKeys.job(conn, 1, running.id), running);
      client.setQueryData(gitlabKeys.jobListPage(conn, 1, {}, null), { items: [running] });
      try {
        const canceled = await client.getMutationCache().build(client, options).execute({ jobId: running.id });
        done = { running, canceled };
        break;
      } catch (e) {
        expect((e as GitLabError).kind).toBe('forbidden');
        refusals += 1;
      }
    }
    expect(done, `all ${refusals} running jobs refused`).not.toBeNull();
    expect(['canceled', 'canceling']).toContain(done!.canceled.status);
    expect(client.getQueryState(gitlabKeys.job(conn, 1, done!.running.id))?.isInvalidated).toBe(true);
    expect(client.getQueryState(gitlabKeys.jobListPage(conn, 1, {}, null))?.isInvalidated).toBe(true);
    client.clear();
  });

  it('a mutation resolves only after the queries it changes have refetched', async () => {
    const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
    const options = cancelJobMutationOptions(conn, 1);
    let checked = false;
    for (const running of await jobsWithStatus('running')) {
      const observer = new QueryObserver(client, jobQueryOptions(conn, 1, running.id));
      const unsubscribe = observer.subscribe(() => undefined);
      await client.fetchQuery(jobQueryOptions(conn, 1, running.id));
      expect(observer.getCurrentResult().data?.status).toBe('running');
      try {
        await client.getMutationCache().build(client, options).execute({ jobId: running.id });
      } catch (e) {
        expect((e as GitLabError).kind).toBe('forbidden');
        unsubscribe();
        continue;
      }
      // No waiting here: the mutation's promise included the refetch of the observed job.
      expect(['canceled', 'canceling']).toContain(observer.getCurrentResult().data?.status);
      unsubscribe();
      checked = true;
      break;
    }
    expect(checked).toBe(true);
    client.clear();
  });
});

describe('query option factories with a QueryClient', () => {
  it("the jobs list as pages (cursor in the key) and as the job list's loaded pages", async () => {
    const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
    const first = await client.fetchQuery(jobsPageQueryOptions(conn, 'acme/tools/big-history', { perPage: 50 }));
    const second = await client.fetchQuery(jobsPageQueryOptions(conn, 'acme/tools/big-history', { perPage: 50 }, first.next));
    expect(second.items[0]!.id).toBeLessThan(first.items[49]!.id);
    expect(client.getQueryCache().findAll({ queryKey: gitlabKeys.jobLists(conn, 'acme/tools/big-history') })).toHaveLength(2);

    // Never fetched by itself (the head query brings the first page): asked, as "load more" does.
    const observer = new InfiniteQueryObserver(client, jobListPagesQueryOptions(conn, 3, []));
    const unsubscribe = observer.subscribe(() => undefined);
    await observer.refetch();
    await observer.fetchNextPage();
    const pages = observer.getCurrentResult().data?.pages ?? [];
    expect(pages).toHaveLength(2);
    const ids = pages.flatMap((p) => p.items.map((j) => j.id));
    expect(pages[0]?.items).toHaveLength(100);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.length).toBeGreaterThan(100);
    unsubscribe();
    client.clear();
  });
});

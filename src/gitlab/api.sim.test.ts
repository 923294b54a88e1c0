// The API functions and query option factories against the simulated GitLab, in-process.
import { InfiniteQueryObserver, QueryClient, QueryObserver } from '@tanstack/react-query';
import { describe, expect, it } from 'vitest';
import { checkConnection } from './api/connection.ts';
import { cancelJobMutationOptions, playJob, retryJob } from './api/job-actions.ts';
import { fetchJobsPage, jobListPagesQueryOptions, jobQueryOptions, jobsPageQueryOptions } from './api/jobs.ts';
import { fetchPipelineBridges } from './api/bridges.ts';
import { fetchPipelineJobs } from './api/pipeline-jobs.ts';
import { fetchPipeline, fetchPipelinesPage } from './api/pipelines.ts';
import { fetchJobTrace } from './api/job-trace.ts';
import { fetchProject } from './api/projects.ts';
import { fetchArtifactTree, fetchArtifactsArchive } from './api/artifacts.ts';
import type { GitLabError } from './errors.ts';
import { gitlabKeys } from './query-keys.ts';
import type { FetchLike } from './transport.ts';
import type { Job } from './types.ts';
import { EXPIRED, HOST, failure, jobsWithStatus, conn, readConn, setUpSimConnections, sim, setFaults, simFetch } from './test-helpers.ts';

setUpSimConnections();

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
    const finished = (await jobsWithStatus(conn, 'success'))[0]!;
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
    const withArtifacts = (await jobsWithStatus(conn, 'success')).find((j) => j.artifacts_file);
    expect(withArtifacts).toBeDefined();
    const tree = await fetchArtifactTree(conn, 1, withArtifacts!.id);
    expect(tree.items.length).toBeGreaterThan(0);
    const archive = await fetchArtifactsArchive(conn, 1, withArtifacts!.id);
    expect(archive.blob.size).toBeGreaterThan(0);
    const head = new Uint8Array(await archive.blob.slice(0, 2).arrayBuffer());
    expect(String.fromCharCode(head[0]!, head[1]!)).toBe('PK');
  });

  it('actions: play with variables, retry gives a new job, a mutation awaits its invalidation', async () => {
    const manual = (await jobsWithStatus(conn, 'manual'))[0]!;
    const played = await playJob(conn, 1, manual.id, [{ key: 'DEPLOY_TARGET', value: 'staging' }]);
    expect(played.id).toBe(manual.id);
    expect(played.status).not.toBe('manual');
    expect((await failure(playJob(conn, 1, manual.id, [{ key: 'bad key', value: 'x' }]))).kind).toBe('bad-request');

    const failed = (await jobsWithStatus(conn, 'failed')).find((j) => j.archived !== true)!;
    const retried = await retryJob(conn, 1, failed.id);
    expect(retried.id).not.toBe(failed.id);
    expect(retried.name).toBe(failed.name);

    // Protected refs refuse actions (403, like GitLab): act on the first job that is not on one.
    const client = new QueryClient();
    const options = cancelJobMutationOptions(conn, 1);
    let done: { running: Job; canceled: Job } | null = null;
    let refusals = 0;
    for (const running of await jobsWithStatus(conn, 'running')) {
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
    for (const running of await jobsWithStatus(conn, 'running')) {
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

// "Every view that shows the job updates": an action's mutation resolves only after the job,
// the job lists and the pipeline's jobs were refetched (the gitlab/ factories await it).
import { MutationObserver, QueryClient, QueryObserver } from '@tanstack/react-query';
import { describe, expect, it } from 'vitest';
import { cancelJobMutationOptions, jobQueryOptions, jobsPageQueryOptions, pipelineJobsQueryOptions, retryJobMutationOptions } from '../../gitlab/index.ts';
import { findJob, newSim, simConnection } from './test-helpers.ts';

describe('job action mutations against the simulated GitLab', () => {
  it('cancel resolves after the job, the list and the pipeline were refetched', async () => {
    const sim = newSim();
    const conn = simConnection(sim);
    const running = await findJob(conn, 1, (j) => j.status === 'running' && j.ref === 'main');
    const pipelineId = running.pipeline?.id ?? 0;
    const client = new QueryClient({ defaultOptions: { queries: { retry: false, staleTime: Infinity } } });
    // Active observers, as mounted views would hold them.
    const job = new QueryObserver(client, jobQueryOptions(conn, 1, running.id));
    const list = new QueryObserver(client, jobsPageQueryOptions(conn, 1, { perPage: 100, pagination: 'offset' }));
    const graph = new QueryObserver(client, pipelineJobsQueryOptions(conn, 1, pipelineId));
    const stops = [job, list, graph].map((o) => o.subscribe(() => undefined));
    await Promise.all([job.refetch(), list.refetch(), graph.refetch()]);
    expect(job.getCurrentResult().data?.status).toBe('running');

    const mutation = new MutationObserver(client, cancelJobMutationOptions(conn, 1));
    const result = await mutation.mutate({ jobId: running.id, pipelineId });
    expect(result.status).toMatch(/^cancel/);
    // Right when the promise resolves, every view already holds GitLab's new answer.
    expect(job.getCurrentResult().data?.status).toBe(result.status);
    expect(list.getCurrentResult().data?.items.find((j) => j.id === running.id)?.status).toBe(result.status);
    expect(graph.getCurrentResult().data?.items.find((j) => j.id === running.id)?.status).toBe(result.status);
    stops.forEach((stop) => stop());
  });

  it('retry resolves with the new job already in the list', async () => {
    const sim = newSim();
    const conn = simConnection(sim);
    const failed = await findJob(conn, 1, (j) => j.status === 'failed' && j.ref === 'main');
    const client = new QueryClient({ defaultOptions: { queries: { retry: false, staleTime: Infinity } } });
    const list = new QueryObserver(client, jobsPageQueryOptions(conn, 1, { perPage: 100, pagination: 'offset' }));
    const stop = list.subscribe(() => undefined);
    await list.refetch();
    const fresh = await new MutationObserver(client, retryJobMutationOptions(conn, 1)).mutate({ jobId: failed.id });
    expect(fresh.id).not.toBe(failed.id);
    expect(list.getCurrentResult().data?.items.some((j) => j.id === fresh.id)).toBe(true);
    stop();
  });
});

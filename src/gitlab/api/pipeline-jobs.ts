import { queryOptions } from '@tanstack/react-query';
import { fetchAllPages, fetchPage } from '../pagination.ts';
import type { AllPages, Page } from '../pagination.ts';
import { statusPolling } from '../polling.ts';
import { gitlabKeys } from '../query-keys.ts';
import type { PipelineJobsParams } from '../query-keys.ts';
import { projectSegment } from '../transport.ts';
import type { Connection, ProjectRef } from '../transport.ts';
import { JobSchema } from '../types.ts';
import type { Job } from '../types.ts';
import type { PollOption } from './jobs.ts';

/** Pipelines rarely have more than a few hundred jobs; beyond this we show what we have and say so. */
export const PIPELINE_JOBS_MAX_PAGES = 20;

/**
 * A pipeline's pages of jobs (and of trigger jobs) are asked for at once: all of them when GitLab
 * sends `X-Total-Pages` (pipeline lists do, up to 10,000 rows), else this many in flight.
 */
export const PIPELINE_PAGES_IN_FLIGHT = 4;

/**
 * Every job of a pipeline (`GET …/pipelines/:id/jobs`, offset pages of 100, asked for at once). With
 * `includeRetried`, older attempts are included: a job is "retried" when a newer job of the
 * same name exists in the pipeline (REST has no flag for it).
 */
export function fetchPipelineJobs(conn: Connection, project: ProjectRef, pipelineId: number, params: PipelineJobsParams = {}, signal?: AbortSignal): Promise<AllPages<Job>> {
  return fetchAllPages(conn, `/projects/${projectSegment(project)}/pipelines/${pipelineId}/jobs`, {
    item: JobSchema,
    query: {
      include_retried: params.includeRetried ? true : undefined,
      scope: params.scope && params.scope.length > 0 ? params.scope : undefined,
    },
    perPage: 100,
    maxPages: PIPELINE_JOBS_MAX_PAGES,
    concurrency: PIPELINE_PAGES_IN_FLIGHT,
    signal,
  });
}

export function pipelineJobsQueryOptions(conn: Connection, project: ProjectRef, pipelineId: number, params: PipelineJobsParams = {}, options: PollOption = {}) {
  return queryOptions({
    queryKey: gitlabKeys.pipelineJobs(conn, project, pipelineId, params),
    queryFn: ({ signal }) => fetchPipelineJobs(conn, project, pipelineId, params, signal),
    ...(options.poll ? statusPolling((all: AllPages<Job>) => all.items.map((j) => j.status), options.poll) : {}),
  });
}

/**
 * One page of a pipeline's jobs (`GET …/pipelines/:id/jobs`, newest first), for readers that
 * must stay within a request budget (the wall): one request, whatever the pipeline's size.
 */
export function fetchPipelineJobsPage(
  conn: Connection,
  project: ProjectRef,
  pipelineId: number,
  params: { scope?: readonly string[]; perPage?: number } = {},
  signal?: AbortSignal,
): Promise<Page<Job>> {
  return fetchPage(conn, `/projects/${projectSegment(project)}/pipelines/${pipelineId}/jobs`, {
    item: JobSchema,
    query: { scope: params.scope && params.scope.length > 0 ? params.scope : undefined },
    perPage: params.perPage ?? 100,
    cursor: { mode: 'offset', page: 1 },
    signal,
  });
}

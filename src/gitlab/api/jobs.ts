import { infiniteQueryOptions, queryOptions, replaceEqualDeep } from '@tanstack/react-query';
import { cursorToString, fetchPage } from '../pagination.ts';
import type { Page, PageCursor } from '../pagination.ts';
import { statusPolling } from '../polling.ts';
import type { PollIntervals } from '../polling.ts';
import { gitlabKeys } from '../query-keys.ts';
import { mergeHead, type JobListPages } from './job-list-pages.ts';
import type { JobListParams } from '../query-keys.ts';
import { gitlabRequest, projectSegment } from '../transport.ts';
import type { Connection, ProjectRef } from '../transport.ts';
import { JobSchema } from '../types.ts';
import type { Job } from '../types.ts';

export interface PollOption {
  /** Poll at intervals that follow the statuses shown; omit for no polling. */
  poll?: PollIntervals;
}

/**
 * One page of `GET /projects/:id/jobs` (newest first). Asks for keyset pagination and falls
 * back to offset on hosts that refuse or ignore it. The jobs list never has totals.
 */
export function fetchJobsPage(
  conn: Connection,
  project: ProjectRef,
  params: JobListParams = {},
  cursor: PageCursor | null = null,
  signal?: AbortSignal,
): Promise<Page<Job>> {
  return fetchPage(conn, `/projects/${projectSegment(project)}/jobs`, {
    item: JobSchema,
    query: { scope: params.scope && params.scope.length > 0 ? params.scope : undefined },
    perPage: params.perPage ?? 20,
    pagination: params.pagination ?? 'keyset',
    cursor,
    signal,
  });
}

const jobStatuses = (page: Page<Job>) => page.items.map((j) => j.status);

/** One page of the jobs list; the cursor lives in the URL, so each page is its own query. */
export function jobsPageQueryOptions(conn: Connection, project: ProjectRef, params: JobListParams = {}, cursor: PageCursor | null = null, options: PollOption = {}) {
  return queryOptions({
    queryKey: gitlabKeys.jobListPage(conn, project, params, cursor ? cursorToString(cursor) : null),
    queryFn: ({ signal }) => fetchJobsPage(conn, project, params, cursor, signal),
    ...(options.poll ? statusPolling(jobStatuses, options.poll) : {}),
  });
}

/** GitLab's maximum page size: the job list asks for this many (fewer requests for the same rows). */
export const JOB_LIST_PER_PAGE = 100;

const jobListParams = (scope: readonly string[]): JobListParams => ({ scope: [...scope], perPage: JOB_LIST_PER_PAGE });

/**
 * The job list's newest page, polled: new jobs and the status of the newest ones. Its interval
 * follows the statuses it holds (fast while any is active). The route's loader warms it.
 */
export function jobListHeadQueryOptions(conn: Connection, project: ProjectRef, scope: readonly string[], poll: PollIntervals) {
  const params = jobListParams(scope);
  const page = jobsPageQueryOptions(conn, project, params, null, { poll });
  return queryOptions({
    ...page,
    // Each answer is pushed into the loaded pages (TanStack's "push" seeding), where the rows are
    // read from: a row that has left the newest page (a new job pushed it down, or it left the
    // tab's scope) stays, and only a changed row is a new object there.
    queryFn: async ({ signal, client }) => {
      const fresh = await fetchJobsPage(conn, project, params, null, signal);
      const shared = replaceEqualDeep(client.getQueryData(page.queryKey), fresh);
      client.setQueryData<JobListPages>(gitlabKeys.jobListLoaded(conn, project, params), (loaded) => mergeHead(loaded, shared));
      return shared;
    },
  });
}

/**
 * Every page of the job list loaded so far. It never fetches its first page (the head query
 * pushes each of its answers in) and never refetches: live data is merged into it by id
 * (decision 0013). Only "load more" fetches, following GitLab's keyset Link or the offset fallback.
 */
export function jobListPagesQueryOptions(conn: Connection, project: ProjectRef, scope: readonly string[]) {
  const params = jobListParams(scope);
  return infiniteQueryOptions({
    queryKey: gitlabKeys.jobListLoaded(conn, project, params),
    queryFn: ({ pageParam, signal }) => fetchJobsPage(conn, project, params, pageParam, signal),
    initialPageParam: null as PageCursor | null,
    getNextPageParam: (last: Page<Job>) => last.next,
    enabled: false,
    staleTime: Number.POSITIVE_INFINITY,
    // The merge shares rows by id (job-list-pages.ts); TanStack's sharing by index would copy
    // every row that new jobs moved down a place.
    structuralSharing: false,
  });
}

/** `GET /projects/:id/jobs/:job_id` (a bridge id answers 404). */
export async function fetchJob(conn: Connection, project: ProjectRef, jobId: number, signal?: AbortSignal): Promise<Job> {
  const { data } = await gitlabRequest(conn, `/projects/${projectSegment(project)}/jobs/${jobId}`, { schema: JobSchema, signal });
  return data;
}

export function jobQueryOptions(conn: Connection, project: ProjectRef, jobId: number, options: PollOption = {}) {
  return queryOptions({
    queryKey: gitlabKeys.job(conn, project, jobId),
    queryFn: ({ signal }) => fetchJob(conn, project, jobId, signal),
    ...(options.poll ? statusPolling((job: Job) => [job.status], { finishedMs: false, ...options.poll }) : {}),
  });
}

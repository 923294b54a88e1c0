import { infiniteQueryOptions, queryOptions } from '@tanstack/react-query';
import { fetchJobsPage, gitlabKeys, statusPolling, type Connection, type Job, type Page, type PageCursor, type PollIntervals } from '../../gitlab/index.ts';

/** GitLab's maximum: fewer requests for the same rows. */
export const JOB_LIST_PER_PAGE = 100;

/** Active rows below the polled first page that are refreshed one by one; more wait for the first page's turn. */
export const MAX_TRACKED_JOBS = 30;

const params = (scope: readonly string[]) => ({ scope: [...scope], perPage: JOB_LIST_PER_PAGE });

/**
 * The newest page of the list, polled: new jobs and the status of the newest ones. Its interval
 * follows the statuses it holds (fast while any is active). The route's loader warms it.
 */
export function jobListHeadQueryOptions(conn: Connection, projectId: number, scope: readonly string[], poll: PollIntervals) {
  const p = params(scope);
  return queryOptions({
    queryKey: gitlabKeys.jobListPage(conn, projectId, p, null),
    queryFn: ({ signal }) => fetchJobsPage(conn, projectId, p, null, signal),
    ...statusPolling((page: Page<Job>) => page.items.map((j) => j.status), poll),
  });
}

/**
 * Every page loaded so far. It never fetches its first page (that comes from the head query)
 * and never refetches: live data is merged into it by id (decision 0013). Only "load more"
 * fetches, following GitLab's keyset Link or the offset fallback.
 */
export function jobListPagesQueryOptions(conn: Connection, projectId: number, scope: readonly string[]) {
  const p = params(scope);
  return infiniteQueryOptions({
    queryKey: gitlabKeys.jobListLoaded(conn, projectId, p),
    queryFn: ({ pageParam, signal }) => fetchJobsPage(conn, projectId, p, pageParam, signal),
    initialPageParam: null as PageCursor | null,
    getNextPageParam: (last: Page<Job>) => last.next,
    enabled: false,
    staleTime: Number.POSITIVE_INFINITY,
  });
}

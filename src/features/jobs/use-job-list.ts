import { useInfiniteQuery, useQueries, useQuery, useQueryClient, type UseQueryResult } from '@tanstack/react-query';
import { useMemo } from 'react';
import { jobListHeadQueryOptions, jobListPagesQueryOptions, jobQueryOptions, type Connection, type Job, type PollIntervals } from '../../gitlab/index.ts';
import { MAX_FOLLOWED_JOBS, MAX_TRACKED_JOBS } from './job-list-query.ts';
import { activeBelowHead, flattenJobs, mergeHead, replaceJobs, stillActive } from './job-list-merge.ts';

/** The jobs the followed queries hold (structurally shared by `useQueries`: the same array while none changed). */
function answeredJobs(results: readonly UseQueryResult<Job>[]): Job[] {
  const jobs: Job[] = [];
  for (const r of results) if (r.data) jobs.push(r.data);
  return jobs;
}

/**
 * The job list's rows, derived (decision 0013): the loaded pages, which every answer of the
 * polled newest page is pushed into (`jobListHeadQueryOptions`), and over them each followed
 * row's own job query (the rows below the newest page that the pages show as active). The
 * active ones among those are polled one by one; what a poll, the job page or an action's answer
 * put in a job's query stays on its row once the polling stopped. Actions also write their answer
 * into the loaded pages (`rememberJobAnswer`), so a row nobody follows shows it too.
 */
export function useJobList(conn: Connection, projectId: number, scope: readonly string[], poll: PollIntervals) {
  const client = useQueryClient();
  const pagesOptions = jobListPagesQueryOptions(conn, projectId, scope);
  const head = useQuery(jobListHeadQueryOptions(conn, projectId, scope, poll));
  const pages = useInfiniteQuery(pagesOptions);

  const headData = head.data;
  const pagesData = pages.data;
  // Every answer of the head is in the loaded pages (its queryFn pushes it there); the head alone
  // only when its answer came before the pages existed (restored from a cache without them).
  const store = useMemo(() => pagesData ?? (headData ? mergeHead(undefined, headData) : undefined), [pagesData, headData]);

  const followed = useMemo(() => activeBelowHead(store, headData, MAX_FOLLOWED_JOBS), [store, headData]);
  // Read-only observers: they never fetch, they hold each followed job's query (and its data) for the rows.
  const known = useQueries({ queries: followed.map((id) => ({ ...jobQueryOptions(conn, projectId, id), enabled: false })), combine: answeredJobs });
  const shown = useMemo(() => (store && known.length > 0 ? replaceJobs(store, known) : store), [store, known]);
  const jobs = useMemo(() => flattenJobs(shown), [shown]);

  // Each polls while its job is active and stops when it finishes (`statusPolling`); the observers above show what it got.
  const trackedIds = useMemo(() => stillActive(followed, known, MAX_TRACKED_JOBS), [followed, known]);
  useQueries({ queries: trackedIds.map((id) => jobQueryOptions(conn, projectId, id, { poll })) });

  const lastPage = store?.pages.at(-1);
  return {
    jobs,
    head,
    pages,
    /** True while the first page has never arrived. */
    isInitialLoading: store === undefined && head.isPending,
    hasMore: Boolean(lastPage?.next),
    pagination: lastPage?.mode,
    trackedCount: trackedIds.length,
    loadMore: () => {
      // Pages continue from the head when it came alone.
      if (store && !pagesData) client.setQueryData(pagesOptions.queryKey, store);
      return pages.fetchNextPage({ cancelRefetch: false });
    },
  };
}

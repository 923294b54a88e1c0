import { useInfiniteQuery, useQueries, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useMemo } from 'react';
import { gitlabKeys, isActiveStatus, jobListHeadQueryOptions, jobListPagesQueryOptions, jobQueryOptions, type Connection, type PollIntervals } from '../../gitlab/index.ts';
import { MAX_TRACKED_JOBS } from './job-list-query.ts';
import { flattenJobs, looksLikeJob, mergeHead, replaceJobs, type JobPages } from './job-list-merge.ts';

/**
 * The job list's data: loaded pages, kept live by polling the newest page and the active jobs
 * further down (one by one), plus any job another view fetched or an action returned.
 */
export function useJobList(conn: Connection, projectId: number, scope: readonly string[], poll: PollIntervals) {
  const client = useQueryClient();
  const headOptions = jobListHeadQueryOptions(conn, projectId, scope, poll);
  const pagesOptions = jobListPagesQueryOptions(conn, projectId, scope);
  const pagesKey = pagesOptions.queryKey;
  const head = useQuery(headOptions);
  const pages = useInfiniteQuery(pagesOptions);

  // The newest page goes into the loaded pages whenever it changes (structural sharing keeps
  // its reference when nothing did).
  const headData = head.data;
  useEffect(() => {
    if (!headData) return;
    client.setQueryData<JobPages>(pagesKey, (old) => mergeHead(old, headData));
    // pagesKey is rebuilt each render; its content is what the scope decides.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [client, headData, JSON.stringify(pagesKey)]);

  // Any job seen elsewhere (the job page, the polls below) or returned by an action.
  useEffect(() => {
    const prefix = gitlabKeys.jobs(conn, projectId);
    const patch = (job: unknown) => {
      if (!looksLikeJob(job)) return;
      queueMicrotask(() => client.setQueryData<JobPages>(pagesKey, (old) => (old ? replaceJobs(old, [job]) : old)));
    };
    const stopQueries = client.getQueryCache().subscribe((event) => {
      if (event.type !== 'updated' || event.action.type !== 'success') return;
      const key = event.query.queryKey;
      if (key.length !== prefix.length + 1 || !prefix.every((part, i) => key[i] === part)) return;
      patch(event.query.state.data);
    });
    const stopMutations = client.getMutationCache().subscribe((event) => {
      if (event.type === 'updated' && event.action.type === 'success') patch(event.mutation.state.data);
    });
    return () => {
      stopQueries();
      stopMutations();
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [client, conn, projectId, JSON.stringify(pagesKey)]);

  // Until the merge effect has run, the newest page alone is the list.
  const store = pages.data ?? (headData ? mergeHead(undefined, headData) : undefined);
  const jobs = useMemo(() => flattenJobs(store), [store]);

  const trackedIds = useMemo(() => {
    const inHead = new Set(headData?.items.map((j) => j.id));
    const ids: number[] = [];
    for (const job of jobs) {
      if (ids.length >= MAX_TRACKED_JOBS) break;
      if (isActiveStatus(job.status) && !inHead.has(job.id)) ids.push(job.id);
    }
    return ids;
  }, [jobs, headData]);
  // Each polls while its job is active and stops when it finishes; the cache subscription
  // above merges what they return.
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
      if (!pages.data && headData) client.setQueryData<JobPages>(pagesKey, (old) => mergeHead(old, headData));
      return pages.fetchNextPage({ cancelRefetch: false });
    },
  };
}

import { useQueries, useQueryClient, type UseQueryResult } from '@tanstack/react-query';
import { useEffect, useMemo, useRef } from 'react';
import type { Bridge, Connection, Job, PollIntervals } from '../../gitlab/index.ts';
import { pipelineKey, resolveDownstreamTree, type DownstreamNode, type PipelineLookup, type PipelineRef } from './model/index.ts';
import { pipelineBridgesQuery, pipelineJobsQuery } from './pipeline-queries.ts';

export type GraphNode = DownstreamNode<Job, Bridge>;

export interface PipelineTree {
  tree: GraphNode;
  /** Some pipeline's refresh failed while its last data is on screen. */
  staleError: unknown;
  /** When the root's jobs were fetched (ms). */
  updatedAt: number;
  /** A list stopped at the page cap: not every job is shown. */
  truncated: boolean;
  refetch: () => void;
}

/**
 * The root pipeline and the downstream pipelines the person expanded, as the model's lazy
 * tree (cycle, repeat, depth and count caps). One jobs and one bridges query per pipeline,
 * each against that pipeline's own project.
 */
export function usePipelineTree(
  connection: Connection,
  root: PipelineRef,
  expand: readonly PipelineRef[],
  includeRetried: boolean,
  poll: PollIntervals | undefined,
  /** The root pipeline reached an end state (from its own, polled, query). */
  rootFinished = false,
): PipelineTree {
  const refs = useMemo(() => {
    const rootKey = pipelineKey(root);
    return [root, ...expand.filter((r) => pipelineKey(r) !== rootKey)];
  }, [root, expand]);

  const queryClient = useQueryClient();
  // A finished root pipeline is asked no more, even when a manual job in it keeps the lists "idle".
  const rootPoll = rootFinished ? undefined : poll;
  const pollOf = (ref: PipelineRef) => (ref === root ? rootPoll : poll);
  // The header may see the end before the lists do: ask them once more as the root finishes,
  // or the last jobs and trigger jobs would stay as they were when polling stopped.
  const wasFinished = useRef(rootFinished);
  useEffect(() => {
    if (rootFinished && !wasFinished.current) {
      void queryClient.invalidateQueries({ queryKey: pipelineJobsQuery(connection, root.project, root.pipelineId, includeRetried).queryKey });
      void queryClient.invalidateQueries({ queryKey: pipelineBridgesQuery(connection, root.project, root.pipelineId).queryKey });
    }
    wasFinished.current = rootFinished;
  }, [rootFinished, queryClient, connection, root, includeRetried]);
  // `combine` keeps only what the tree is built from: its result is structurally shared, so the
  // same arrays come back while every answer is the same object (an unchanged poll only stamps
  // a new dataUpdatedAt), and the tree is rebuilt, and the graph redrawn, only when one is new.
  const jobLists = useQueries({ queries: refs.map((ref) => pipelineJobsQuery(connection, ref.project, ref.pipelineId, includeRetried, pollOf(ref))), combine: listStates });
  const bridgeLists = useQueries({ queries: refs.map((ref) => pipelineBridgesQuery(connection, ref.project, ref.pipelineId, pollOf(ref))), combine: listStates });

  const jobData = jobLists.data;
  const bridgeData = bridgeLists.data;
  const jobErrors = jobLists.errors;
  const bridgeErrors = bridgeLists.errors;
  const built = useMemo(() => {
    const lookups = new Map<string, PipelineLookup<Job, Bridge>>();
    let truncated = false;
    refs.forEach((ref, i) => {
      // Turning older attempts on or off keeps the other list on screen while this one loads.
      const jobs = jobData[i] ?? queryClient.getQueryData(pipelineJobsQuery(connection, ref.project, ref.pipelineId, !includeRetried).queryKey);
      const bridges = bridgeData[i];
      if (jobs !== undefined && bridges !== undefined) {
        lookups.set(pipelineKey(ref), { graph: { jobs: jobs.items, bridges: bridges.items } });
        if (jobs.truncated || bridges.truncated) truncated = true;
      } else if (jobErrors[i] || bridgeErrors[i]) {
        lookups.set(pipelineKey(ref), { error: jobErrors[i] ?? bridgeErrors[i] });
      }
    });
    const { tree } = resolveDownstreamTree<Job, Bridge>(root, (ref) => lookups.get(pipelineKey(ref)), {
      expanded: new Set(expand.map(pipelineKey)),
      instanceUrl: connection.host,
    });
    return { tree, truncated };
  }, [jobData, bridgeData, jobErrors, bridgeErrors, refs, root, expand, connection, includeRetried, queryClient]);

  // A failed refresh of a pipeline whose last data is still on screen.
  const failed = refs.findIndex((_, i) => (jobErrors[i] && jobData[i] !== undefined) || (bridgeErrors[i] && bridgeData[i] !== undefined));
  const staleError = failed === -1 ? null : (jobErrors[failed] ?? bridgeErrors[failed] ?? null);
  const refetch = () => {
    jobLists.refetchFailed();
    bridgeLists.refetchFailed();
  };
  return { ...built, staleError, updatedAt: jobLists.updatedAt, refetch };
}

interface ListStates<T> {
  /** Each pipeline's list (undefined until it arrived). */
  data: (T | undefined)[];
  /** Each pipeline's last error (null when its last fetch went well). */
  errors: unknown[];
  /** When the root's list was fetched (ms). */
  updatedAt: number;
  refetchFailed: () => void;
}

function listStates<T>(results: readonly UseQueryResult<T>[]): ListStates<T> {
  return {
    data: results.map((r) => r.data),
    errors: results.map((r) => (r.isError ? r.error : null)),
    updatedAt: results[0]?.dataUpdatedAt ?? 0,
    refetchFailed: () => {
      for (const r of results) if (r.isError) void r.refetch();
    },
  };
}

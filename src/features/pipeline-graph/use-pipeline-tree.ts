import { useQueries, useQueryClient } from '@tanstack/react-query';
import { useMemo } from 'react';
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
  const jobResults = useQueries({ queries: refs.map((ref) => pipelineJobsQuery(connection, ref.project, ref.pipelineId, includeRetried, pollOf(ref))) });
  const bridgeResults = useQueries({ queries: refs.map((ref) => pipelineBridgesQuery(connection, ref.project, ref.pipelineId, pollOf(ref))) });
  const results = [...jobResults, ...bridgeResults];

  // useQueries returns a new array every render; rebuild the tree only when some data changed.
  const stamp = results.map((r) => `${r.dataUpdatedAt}:${r.errorUpdatedAt}:${r.status}`).join('|');
  return useMemo(() => {
    const lookups = new Map<string, PipelineLookup<Job, Bridge>>();
    let staleError: unknown = null;
    let truncated = false;
    refs.forEach((ref, i) => {
      const jobs = jobResults[i];
      const bridges = bridgeResults[i];
      if (!jobs || !bridges) return;
      // Turning older attempts on or off keeps the other list on screen while this one loads.
      const jobData =
        jobs.data ?? queryClient.getQueryData(pipelineJobsQuery(connection, ref.project, ref.pipelineId, !includeRetried).queryKey);
      if (jobData !== undefined && bridges.data !== undefined) {
        lookups.set(pipelineKey(ref), { graph: { jobs: jobData.items, bridges: bridges.data.items } });
        if (jobs.isError || bridges.isError) staleError ??= jobs.error ?? bridges.error;
        if (jobData.truncated || bridges.data.truncated) truncated = true;
      } else if (jobs.isError || bridges.isError) {
        lookups.set(pipelineKey(ref), { error: jobs.error ?? bridges.error });
      }
    });
    const { tree } = resolveDownstreamTree<Job, Bridge>(root, (ref) => lookups.get(pipelineKey(ref)), {
      expanded: new Set(expand.map(pipelineKey)),
      instanceUrl: connection.host,
    });
    const refetch = () => {
      for (const r of results) if (r.isError) void r.refetch();
    };
    return { tree, staleError, updatedAt: jobResults[0]?.dataUpdatedAt ?? 0, truncated, refetch };
    // `stamp` stands for `results`, which changes identity on every render.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [stamp, refs, root, expand, connection, includeRetried, queryClient]);
}

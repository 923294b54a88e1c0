import { useQueries, useQueryClient } from '@tanstack/react-query';
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
  const jobResults = useQueries({ queries: refs.map((ref) => pipelineJobsQuery(connection, ref.project, ref.pipelineId, includeRetried, pollOf(ref))) });
  const bridgeResults = useQueries({ queries: refs.map((ref) => pipelineBridgesQuery(connection, ref.project, ref.pipelineId, pollOf(ref))) });
  const results = [...jobResults, ...bridgeResults];

  // useQueries returns a new array every render, and every poll stamps a new dataUpdatedAt even when
  // nothing changed. TanStack keeps the same data object for an unchanged answer (structural
  // sharing), so the tree is rebuilt, and the graph redrawn, only when some data or error is new.
  const stamp = results.map((r) => `${identity(r.data)}:${identity(r.error)}`).join('|');
  const built = useMemo(() => {
    const lookups = new Map<string, PipelineLookup<Job, Bridge>>();
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
        if (jobData.truncated || bridges.data.truncated) truncated = true;
      } else if (jobs.isError || bridges.isError) {
        lookups.set(pipelineKey(ref), { error: jobs.error ?? bridges.error });
      }
    });
    const { tree } = resolveDownstreamTree<Job, Bridge>(root, (ref) => lookups.get(pipelineKey(ref)), {
      expanded: new Set(expand.map(pipelineKey)),
      instanceUrl: connection.host,
    });
    return { tree, truncated };
    // `stamp` stands for `results`, which changes identity on every render.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [stamp, refs, root, expand, connection, includeRetried, queryClient]);

  // A failed refresh of a pipeline whose last data is still on screen.
  const failed = refs.findIndex((_, i) => (jobResults[i]?.isError && jobResults[i]?.data !== undefined) || (bridgeResults[i]?.isError && bridgeResults[i]?.data !== undefined));
  const staleError = failed === -1 ? null : (jobResults[failed]?.error ?? bridgeResults[failed]?.error ?? null);
  const refetch = () => {
    for (const r of results) if (r.isError) void r.refetch();
  };
  return { ...built, staleError, updatedAt: jobResults[0]?.dataUpdatedAt ?? 0, refetch };
}

const ids = new WeakMap<object, number>();
let nextId = 1;

/** A number per object (0 for none), so a memo can depend on many objects' identities at once. */
function identity(value: unknown): number {
  if (typeof value !== 'object' || value === null) return 0;
  let id = ids.get(value);
  if (id === undefined) {
    id = nextId++;
    ids.set(value, id);
  }
  return id;
}

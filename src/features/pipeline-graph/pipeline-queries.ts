// The queries the pipeline page reads, one set per pipeline (the root and every expanded
// downstream one, which may live in another project: its project id is the ProjectRef).
// The route's loader warms the same options the components read.
import type { QueryClient } from '@tanstack/react-query';
import {
  type AskByPath,
  pipelineBridgesQueryOptions,
  pipelineJobsQueryOptions,
  pipelineQueryOptions,
  type Connection,
  type PollIntervals,
  type ProjectRef,
} from '../../gitlab/index.ts';

/** Poll fast while anything runs, slowly while it waits for a person, not at all once finished. */
export function pipelinePoll(poll: PollIntervals | undefined): PollIntervals | undefined {
  return poll ? { ...poll, finishedMs: false } : undefined;
}

export function pipelineHeaderQuery(conn: Connection, project: ProjectRef, pipelineId: number, poll?: PollIntervals) {
  return pipelineQueryOptions(conn, project, pipelineId, { poll: pipelinePoll(poll) });
}

export function pipelineJobsQuery(conn: Connection, project: ProjectRef, pipelineId: number, includeRetried: boolean, poll?: PollIntervals) {
  return pipelineJobsQueryOptions(conn, project, pipelineId, includeRetried ? { includeRetried: true } : {}, { poll: pipelinePoll(poll) });
}

export function pipelineBridgesQuery(conn: Connection, project: ProjectRef, pipelineId: number, poll?: PollIntervals) {
  return pipelineBridgesQueryOptions(conn, project, pipelineId, { poll: pipelinePoll(poll) });
}

/**
 * Warms what the page shows: waits for the header only, and starts the jobs (with or without
 * older attempts) and the trigger jobs beside it, so the page paints its header while a big
 * pipeline's pages of jobs still arrive (the graph shows its own loading state meanwhile).
 */
export async function loadPipelinePage(
  queryClient: QueryClient,
  conn: Connection,
  project: ProjectRef,
  pipelineId: number,
  options: { includeRetried: boolean; poll?: PollIntervals },
): Promise<void> {
  void queryClient.prefetchQuery(pipelineJobsQuery(conn, project, pipelineId, options.includeRetried, options.poll));
  void queryClient.prefetchQuery(pipelineBridgesQuery(conn, project, pipelineId, options.poll));
  await queryClient.ensureQueryData(pipelineHeaderQuery(conn, project, pipelineId, options.poll));
}

/**
 * The requests loadPipelinePage makes, asked for by the project's path before its id is known
 * (the project route's loader adopts them under the id's keys, gitlab/ask-by-path.ts): the same
 * options, so that loadPipelinePage then finds them on their way.
 */
export function askPipelinePage(ask: AskByPath, conn: Connection, pipelineId: number, options: { includeRetried: boolean; poll?: PollIntervals }): void {
  ask((project) => pipelineHeaderQuery(conn, project, pipelineId, options.poll));
  ask((project) => pipelineJobsQuery(conn, project, pipelineId, options.includeRetried, options.poll));
  ask((project) => pipelineBridgesQuery(conn, project, pipelineId, options.poll));
}

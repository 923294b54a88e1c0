// The queries of the pipelines list: the page of pipelines, and for each row on screen its
// details (who, how long, tag) and its jobs and trigger jobs (the stages).
import {
  pipelineBridgesQueryOptions,
  pipelineJobsQueryOptions,
  pipelineQueryOptions,
  pipelinesQueryOptions,
  type Connection,
  type PollIntervals,
  type ProjectRef,
} from '../../gitlab/index.ts';
import { pipelineListParams, type PipelineListFilters } from './model/list-filters.ts';

/** Poll while something runs, slowly while it waits for a person, not at all once finished. */
function rowPoll(poll: PollIntervals | undefined): PollIntervals | undefined {
  return poll ? { ...poll, finishedMs: false } : undefined;
}

/** The page of pipelines the filters name; the route's loader warms the same one. */
export function pipelineListQueryOptions(conn: Connection, project: ProjectRef, filters: PipelineListFilters, poll?: PollIntervals) {
  return pipelinesQueryOptions(conn, project, pipelineListParams(filters), filters.page, poll ? { poll } : {});
}

export function pipelineRowDetailQuery(conn: Connection, project: ProjectRef, pipelineId: number, poll?: PollIntervals) {
  const p = rowPoll(poll);
  return pipelineQueryOptions(conn, project, pipelineId, p ? { poll: p } : {});
}

export function pipelineRowJobsQuery(conn: Connection, project: ProjectRef, pipelineId: number, poll?: PollIntervals) {
  const p = rowPoll(poll);
  return pipelineJobsQueryOptions(conn, project, pipelineId, {}, p ? { poll: p } : {});
}

export function pipelineRowBridgesQuery(conn: Connection, project: ProjectRef, pipelineId: number, poll?: PollIntervals) {
  const p = rowPoll(poll);
  return pipelineBridgesQueryOptions(conn, project, pipelineId, p ? { poll: p } : {});
}

import { keepPreviousData, queryOptions } from '@tanstack/react-query';
import { fetchPage } from '../pagination.ts';
import type { Page } from '../pagination.ts';
import { statusPolling } from '../polling.ts';
import { gitlabKeys } from '../query-keys.ts';
import type { PipelineListParams } from '../query-keys.ts';
import { gitlabRequest, projectSegment } from '../transport.ts';
import type { Connection, ProjectRef } from '../transport.ts';
import { PipelineBasicSchema, PipelineSchema } from '../types.ts';
import type { Pipeline, PipelineBasic } from '../types.ts';
import type { PollOption } from './jobs.ts';

/** One offset page of `GET /projects/:id/pipelines` (newest first). */
export function fetchPipelinesPage(conn: Connection, project: ProjectRef, params: PipelineListParams = {}, page = 1, signal?: AbortSignal): Promise<Page<PipelineBasic>> {
  return fetchPage(conn, `/projects/${projectSegment(project)}/pipelines`, {
    item: PipelineBasicSchema,
    query: { ref: params.ref, sha: params.sha, status: params.status, scope: params.scope, source: params.source, username: params.username, updated_after: params.updatedAfter, order_by: 'id', sort: 'desc' },
    perPage: params.perPage ?? 20,
    cursor: { mode: 'offset', page },
    signal,
  });
}

export function pipelinesQueryOptions(conn: Connection, project: ProjectRef, params: PipelineListParams = {}, page = 1, options: PollOption = {}) {
  return queryOptions({
    queryKey: gitlabKeys.pipelineListPage(conn, project, params, page),
    queryFn: ({ signal }) => fetchPipelinesPage(conn, project, params, page, signal),
    placeholderData: keepPreviousData,
    ...(options.poll ? statusPolling((p: Page<PipelineBasic>) => p.items.map((x) => x.status), options.poll) : {}),
  });
}

/** `GET /projects/:id/pipelines/:pipeline_id`. */
export async function fetchPipeline(conn: Connection, project: ProjectRef, pipelineId: number, signal?: AbortSignal): Promise<Pipeline> {
  const { data } = await gitlabRequest(conn, `/projects/${projectSegment(project)}/pipelines/${pipelineId}`, { schema: PipelineSchema, signal });
  return data;
}

export function pipelineQueryOptions(conn: Connection, project: ProjectRef, pipelineId: number, options: PollOption = {}) {
  return queryOptions({
    queryKey: gitlabKeys.pipeline(conn, project, pipelineId),
    queryFn: ({ signal }) => fetchPipeline(conn, project, pipelineId, signal),
    ...(options.poll ? statusPolling((p: Pipeline) => [p.status], options.poll) : {}),
  });
}

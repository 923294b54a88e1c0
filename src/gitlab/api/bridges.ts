import { queryOptions } from '@tanstack/react-query';
import { fetchAllPages } from '../pagination.ts';
import type { AllPages } from '../pagination.ts';
import { statusRefetchInterval } from '../polling.ts';
import { gitlabKeys } from '../query-keys.ts';
import { projectSegment } from '../transport.ts';
import type { Connection, ProjectRef } from '../transport.ts';
import { BridgeSchema } from '../types.ts';
import type { Bridge } from '../types.ts';
import type { PollOption } from './jobs.ts';

/**
 * Every trigger job of a pipeline (`GET …/pipelines/:id/bridges`). A bridge's
 * `downstream_pipeline` is null until GitLab creates it and may live in another project
 * (address it by its `project_id`).
 */
export function fetchPipelineBridges(conn: Connection, project: ProjectRef, pipelineId: number, signal?: AbortSignal): Promise<AllPages<Bridge>> {
  return fetchAllPages(conn, `/projects/${projectSegment(project)}/pipelines/${pipelineId}/bridges`, {
    item: BridgeSchema,
    perPage: 100,
    maxPages: 10,
    signal,
  });
}

export function pipelineBridgesQueryOptions(conn: Connection, project: ProjectRef, pipelineId: number, options: PollOption = {}) {
  return queryOptions({
    queryKey: gitlabKeys.pipelineBridges(conn, project, pipelineId),
    queryFn: ({ signal }) => fetchPipelineBridges(conn, project, pipelineId, signal),
    // A bridge is active while its downstream pipeline runs, even once the bridge itself says success.
    refetchInterval: options.poll
      ? statusRefetchInterval((all: AllPages<Bridge>) => all.items.flatMap((b) => [b.status, b.downstream_pipeline?.status]), options.poll)
      : undefined,
  });
}

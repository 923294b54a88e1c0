import { queryOptions } from '@tanstack/react-query';
import { fetchAllPages } from '../pagination.ts';
import type { AllPages } from '../pagination.ts';
import { GitLabError } from '../errors.ts';
import { statusRefetchInterval } from '../polling.ts';
import type { PolledQuery, PollIntervals } from '../polling.ts';
import { gitlabKeys } from '../query-keys.ts';
import { projectSegment } from '../transport.ts';
import type { Connection, ProjectRef } from '../transport.ts';
import { BridgeSchema } from '../types.ts';
import type { Bridge } from '../types.ts';
import type { PollOption } from './jobs.ts';
import { PIPELINE_PAGES_IN_FLIGHT } from './pipeline-jobs.ts';

export interface PipelineBridges extends AllPages<Bridge> {
  /** The host has no bridges endpoint (404: GitLab before 12, see `gitlabFeatures().pipelineBridges`): no trigger jobs. */
  unsupported?: boolean;
}

/**
 * Every trigger job of a pipeline (`GET …/pipelines/:id/bridges`). A bridge's
 * `downstream_pipeline` is null until GitLab creates it and may live in another project
 * (address it by its `project_id`). The endpoint is optional: a 404 means "none" (an old host
 * has no such route; a missing pipeline is told by its jobs list, which 404s too).
 */
export async function fetchPipelineBridges(conn: Connection, project: ProjectRef, pipelineId: number, signal?: AbortSignal): Promise<PipelineBridges> {
  try {
    return await fetchAllPages(conn, `/projects/${projectSegment(project)}/pipelines/${pipelineId}/bridges`, {
      item: BridgeSchema,
      perPage: 100,
      maxPages: 10,
      concurrency: PIPELINE_PAGES_IN_FLIGHT,
      signal,
    });
  } catch (e) {
    if (e instanceof GitLabError && e.kind === 'not-found') return { items: [], truncated: false, pages: 0, unsupported: true };
    throw e;
  }
}

/** The status interval of statusPolling, plus: a host without the endpoint is asked no more. */
function bridgesInterval(poll: PollIntervals) {
  const byStatus = statusRefetchInterval((all: PipelineBridges) => all.items.flatMap((b) => [b.status, b.downstream_pipeline?.status]), poll);
  // A host without the endpoint will not grow one: ask no more.
  return (query: PolledQuery<PipelineBridges>) => (query.state.data?.unsupported ? false : byStatus(query));
}

export function pipelineBridgesQueryOptions(conn: Connection, project: ProjectRef, pipelineId: number, options: PollOption = {}) {
  return queryOptions({
    queryKey: gitlabKeys.pipelineBridges(conn, project, pipelineId),
    queryFn: ({ signal }) => fetchPipelineBridges(conn, project, pipelineId, signal),
    // A bridge is active while its downstream pipeline runs, even once the bridge itself says success.
    ...(options.poll ? { refetchInterval: bridgesInterval(options.poll), retry: false as const } : {}),
  });
}

import { queryOptions } from '@tanstack/react-query';
import { intervalForStatuses } from '../polling.ts';
import type { PollIntervals } from '../polling.ts';
import { gitlabKeys } from '../query-keys.ts';
import { gitlabRequest, projectSegment } from '../transport.ts';
import type { Connection, ProjectRef } from '../transport.ts';
import { isActiveStatus } from '../status.ts';

function tracePath(project: ProjectRef, jobId: number): string {
  return `/projects/${projectSegment(project)}/jobs/${jobId}/trace`;
}

/**
 * `GET …/jobs/:id/trace`: the whole raw log as text (GitLab has no Range or offset here; a
 * running job's log only grows, so parse only the new tail). Empty when there is no log.
 */
export async function fetchJobTrace(conn: Connection, project: ProjectRef, jobId: number, signal?: AbortSignal): Promise<string> {
  const { data } = await gitlabRequest(conn, tracePath(project, jobId), { responseType: 'text', signal });
  return data;
}

/** The unread Response of the trace, for reading a huge log as a stream. Error statuses already throw. */
export async function fetchJobTraceResponse(conn: Connection, project: ProjectRef, jobId: number, signal?: AbortSignal): Promise<Response> {
  const { data } = await gitlabRequest(conn, tracePath(project, jobId), { responseType: 'response', signal });
  return data;
}

export interface TraceOptions {
  /** The job's current status: the log is polled only while the job is active. */
  jobStatus?: string;
  poll?: PollIntervals;
}

export function jobTraceQueryOptions(conn: Connection, project: ProjectRef, jobId: number, options: TraceOptions = {}) {
  const { poll, jobStatus } = options;
  return queryOptions({
    queryKey: gitlabKeys.jobTrace(conn, project, jobId),
    queryFn: ({ signal }) => fetchJobTrace(conn, project, jobId, signal),
    // A log of many megabytes: comparing it deeply on every poll is wasted work.
    structuralSharing: false,
    refetchInterval: poll && isActiveStatus(jobStatus) ? intervalForStatuses([jobStatus], poll) : false,
  });
}

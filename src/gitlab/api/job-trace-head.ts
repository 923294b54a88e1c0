// The head of a job's log, for digests: never more than a limit of bytes, a few logs at a time.
// GitLab serves the whole log on every call (no Range): a log known to be over the limit is not
// asked for at all; one of unknown size is read as a stream and the read stops at the limit.
import { queryOptions } from '@tanstack/react-query';
import { createLimiter } from '../limiter.ts';
import { gitlabKeys } from '../query-keys.ts';
import type { Connection, ProjectRef } from '../transport.ts';
import type { Job } from '../types.ts';
import { fetchJobTraceResponse } from './job-trace.ts';

/** Bytes of a log a digest reads at most (GitLab's own page renders the last 500 KiB). */
export const TRACE_HEAD_LIMIT = 2 * 1024 * 1024;
/** Logs fetched at once for digests, across the app. */
export const TRACE_HEAD_CONCURRENCY = 4;

const traceLimiter = createLimiter(TRACE_HEAD_CONCURRENCY);

export interface TraceHead {
  /** The text read (the whole log when `complete`). */
  text: string;
  complete: boolean;
  /** Not fetched: its known size is over the limit. */
  skipped: boolean;
  /** The log's size in bytes when GitLab said it (the job's `trace` artifact, or Content-Length). */
  size: number | null;
}

/** The log's size from the job's `artifacts[]` (`file_type: trace`), when GitLab lists it. */
export function traceSizeOf(job: Pick<Job, 'artifacts'>): number | null {
  const trace = job.artifacts?.find((a) => a.file_type === 'trace');
  return typeof trace?.size === 'number' ? trace.size : null;
}

/** Reads `…/jobs/:id/trace` up to `maxBytes` and stops there. */
export async function fetchJobTraceHead(conn: Connection, project: ProjectRef, jobId: number, maxBytes: number, signal?: AbortSignal): Promise<TraceHead> {
  const response = await fetchJobTraceResponse(conn, project, jobId, signal);
  const header = Number(response.headers.get('Content-Length') ?? NaN);
  const size = Number.isFinite(header) ? header : null;
  if (size !== null && size > maxBytes) {
    await response.body?.cancel();
    return { text: '', complete: false, skipped: true, size };
  }
  if (!response.body) return { text: await response.text(), complete: true, skipped: false, size };
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  let text = '';
  let read = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return { text: text + decoder.decode(), complete: true, skipped: false, size: size ?? read };
    const room = maxBytes - read;
    if (value.byteLength > room) {
      text += decoder.decode(value.subarray(0, room), { stream: true });
      await reader.cancel();
      return { text, complete: false, skipped: false, size };
    }
    read += value.byteLength;
    text += decoder.decode(value, { stream: true });
  }
}

export interface TraceHeadOptions {
  maxBytes?: number;
  /** The size GitLab lists for the log (`traceSizeOf(job)`): over the limit, nothing is fetched. */
  knownSize?: number | null;
}

/** A finished job's log head; at most TRACE_HEAD_CONCURRENCY are read at once. */
export function jobTraceHeadQueryOptions(conn: Connection, project: ProjectRef, jobId: number, options: TraceHeadOptions = {}) {
  const maxBytes = options.maxBytes ?? TRACE_HEAD_LIMIT;
  const knownSize = options.knownSize ?? null;
  return queryOptions({
    // The listed size decides whether the log is read at all, so it is part of the key.
    queryKey: gitlabKeys.jobTraceHead(conn, project, jobId, maxBytes, knownSize),
    queryFn: ({ signal }): Promise<TraceHead> => {
      if (knownSize !== null && knownSize > maxBytes) return Promise.resolve({ text: '', complete: false, skipped: true, size: knownSize });
      return traceLimiter.run(() => fetchJobTraceHead(conn, project, jobId, maxBytes, signal), signal);
    },
    // A finished job's log does not change (an erase or a retry makes it another query's business).
    staleTime: 10 * 60_000,
    structuralSharing: false,
  });
}

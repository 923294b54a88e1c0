import { useQueries, useQueryClient } from '@tanstack/react-query';
import {
  failingSinceQueryOptions,
  jobTraceHeadQueryOptions,
  pipelineBridgesQueryOptions,
  pipelineJobsQueryOptions,
  traceSizeOf,
  type AllPages,
  type Bridge,
  type Connection,
  type Culprit,
  type Job,
  type JobSince,
  type PollIntervals,
  type ProjectRef,
  type TraceHead,
} from '../../gitlab/index.ts';
import { MAX_DIGEST_DEPTH, digestPipelines, failedEntries, type DigestLoaded, type DigestPipeline, type FailedEntry } from './model/digest-tree.ts';
import type { FindFirstErrors, FirstErrorLine } from './model/types.ts';

export interface DigestRow extends FailedEntry {
  /** The log head: loading, read, skipped (too big) or failed. */
  log: { state: 'loading' | 'read' | 'too-big' | 'error'; head: TraceHead | null; error: unknown };
  /** The first failure lines (null until the log is read). */
  errors: FirstErrorLine[] | null;
  since: JobSince<Job> | null;
  culprit: Culprit | null;
  sinceState: 'loading' | 'done' | 'error';
}

export interface FailuresDigest {
  state: 'loading' | 'error' | 'ready';
  error: unknown;
  pipelines: DigestPipeline[];
  rows: DigestRow[];
  /** Every log read and every "since" walked (or failed). */
  complete: boolean;
  /** Some pipeline's jobs list stopped at its page cap. */
  truncated: boolean;
  refetch: () => void;
}

// First failure lines, worked out once per log read (a cached head keeps its identity).
const firstErrors = new WeakMap<TraceHead, FirstErrorLine[]>();
function errorsOf(head: TraceHead, find: FindFirstErrors): FirstErrorLine[] {
  let errors = firstErrors.get(head);
  if (!errors) {
    errors = head.skipped ? [] : find(head.text, 3);
    firstErrors.set(head, errors);
  }
  return errors;
}

/** A finished pipeline's lists are not polled; a running one's are, like the graph's. */
function listPoll(poll: PollIntervals | undefined): PollIntervals | undefined {
  return poll ? { ...poll, finishedMs: false } : undefined;
}

/**
 * Everything the failures digest shows: the pipeline tree's job and trigger-job lists (the same
 * cached queries as the graph), each failed job's log head (TRACE_HEAD_CONCURRENCY at a time),
 * its first failure lines, and "failing since" per pipeline (its failed names walked together).
 */
export function useFailuresDigest(options: {
  connection: Connection;
  project: ProjectRef;
  pipelineId: number;
  ref: string | null;
  poll?: PollIntervals | undefined;
  findFirstErrors: FindFirstErrors;
}): FailuresDigest {
  const { connection, project, pipelineId, ref, poll, findFirstErrors } = options;
  const client = useQueryClient();
  const lookup = (key: string): DigestLoaded | undefined => {
    const node = known.get(key);
    if (!node) return undefined;
    const jobs = client.getQueryData<AllPages<Job>>(pipelineJobsQueryOptions(connection, node.project, node.pipelineId).queryKey);
    const bridges = client.getQueryData<AllPages<Bridge>>(pipelineBridgesQueryOptions(connection, node.project, node.pipelineId).queryKey);
    return { jobs: jobs?.items, bridges: bridges?.items };
  };
  // Pipelines found so far (the tree grows as trigger jobs load), read back through `lookup`.
  const known = new Map<string, DigestPipeline>();
  const root = { project, pipelineId, ref };
  let pipelines: DigestPipeline[] = [];
  for (let round = 0; round <= MAX_DIGEST_DEPTH + 1; round++) {
    const next = digestPipelines(root, lookup, connection.host);
    for (const p of next) known.set(p.key, p);
    const grew = next.length !== pipelines.length;
    pipelines = next;
    if (!grew && round > 0) break;
  }

  const pollLists = listPoll(poll);
  const jobLists = useQueries({ queries: pipelines.map((p) => pipelineJobsQueryOptions(connection, p.project, p.pipelineId, {}, { poll: pollLists })) });
  const bridgeLists = useQueries({ queries: pipelines.map((p) => pipelineBridgesQueryOptions(connection, p.project, p.pipelineId, { poll: pollLists })) });
  const loadedOf = (key: string): DigestLoaded | undefined => {
    const i = pipelines.findIndex((p) => p.key === key);
    return i < 0 ? undefined : { jobs: jobLists[i]?.data?.items, bridges: bridgeLists[i]?.data?.items };
  };
  const entries = failedEntries(pipelines, loadedOf);

  const heads = useQueries({
    queries: entries.map((e) => jobTraceHeadQueryOptions(connection, e.pipeline.project, e.job.id, { knownSize: traceSizeOf(e.job) })),
  });
  const sinceInputs = pipelines
    .map((p) => ({ p, names: entries.filter((e) => e.pipeline.key === p.key && !e.allowed).map((e) => e.job.name) }))
    .filter((x) => x.names.length > 0 && x.p.lineage !== null);
  const sinces = useQueries({
    queries: sinceInputs.map(({ p, names }) => ({ ...failingSinceQueryOptions(connection, p.lineage ?? { project: p.project, ref: '' }, p.pipelineId, names), retry: 1 })),
  });

  const rows: DigestRow[] = entries.map((entry, i) => {
    const head = heads[i];
    let errors: FirstErrorLine[] | null = null;
    let state: DigestRow['log']['state'] = 'loading';
    if (head?.data) {
      state = head.data.skipped ? 'too-big' : 'read';
      errors = errorsOf(head.data, findFirstErrors);
    } else if (head?.isError) state = 'error';
    const s = sinceInputs.findIndex((x) => x.p.key === entry.pipeline.key);
    const walk = s >= 0 ? sinces[s] : undefined;
    return {
      ...entry,
      log: { state, head: head?.data ?? null, error: head?.error ?? null },
      errors,
      since: walk?.data?.byName[entry.job.name] ?? null,
      culprit: walk?.data?.culprits[entry.job.name] ?? null,
      sinceState: entry.allowed || s < 0 ? 'done' : walk?.isError ? 'error' : walk?.data ? 'done' : 'loading',
    };
  });

  const rootJobs = jobLists[0];
  const listsPending = jobLists.some((q) => q.isPending) || bridgeLists.some((q) => q.isPending);
  const state: FailuresDigest['state'] = rootJobs?.isError && !rootJobs.data ? 'error' : rootJobs?.data === undefined || listsPending ? 'loading' : 'ready';
  const complete = state === 'ready' && rows.every((r) => r.log.state !== 'loading' && r.sinceState !== 'loading');
  const truncated = jobLists.some((q) => q.data?.truncated === true);
  const refetch = () => {
    for (const queries of [jobLists, bridgeLists, heads, sinces]) for (const q of queries) if (q.isError) void q.refetch();
  };
  return { state, error: rootJobs?.error ?? null, pipelines, rows, complete, truncated, refetch };
}

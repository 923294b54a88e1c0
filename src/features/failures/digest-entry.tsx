import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { describeFailureReason, failingSinceQueryOptions, isAllowedFailure, jobTraceHeadQueryOptions, lineageOfJob, traceSizeOf, TRACE_HEAD_LIMIT, type Job, useProjectScope } from '../../gitlab/index.ts';
import { FailingSince, projectPath as appPath, useRouteLinks } from '../../ui/index.ts';
import type { FindFirstErrors } from './model/types.ts';
import './failures.css';

/** The project and the connection come from the screen's `ProjectScope` (useProjectScope). */
export interface DigestEntryProps {
  job: Job;
  findFirstErrors: FindFirstErrors;
}

/**
 * A failed job's digest entry, above its log: the reason in words, the first failure line (a link
 * to it in the log below) and since when the job fails on its ref. Nothing for other jobs.
 */
export function DigestEntry({ job, findFirstErrors }: DigestEntryProps) {
  const { connection, projectId, projectPath } = useProjectScope();
  const failed = job.status === 'failed';
  const lineage = failed ? lineageOfJob(job, projectId) : null;
  const pipelineId = job.pipeline?.id ?? null;
  const head = useQuery({ ...jobTraceHeadQueryOptions(connection, projectId, job.id, { knownSize: traceSizeOf(job) }), enabled: failed });
  const since = useQuery({
    ...failingSinceQueryOptions(connection, lineage ?? { project: projectId, ref: '' }, pipelineId ?? 0, [job.name]),
    enabled: failed && lineage !== null && pipelineId !== null && !isAllowedFailure(job),
  });
  const errors = useMemo(() => (head.data && !head.data.skipped ? findFirstErrors(head.data.text, 1) : []), [head.data, findFirstErrors]);
  const { href, onClick } = useRouteLinks();
  if (!failed) return null;

  const reason = job.failure_reason ? describeFailureReason(job.failure_reason) : 'Unknown: this GitLab does not report a failure reason.';
  const first = errors[0];
  const lineHref = first ? `#L${first.line + 1}` : null;
  let errorLine;
  if (head.isPending) errorLine = <span className="muted">Reading the log…</span>;
  else if (head.isError) errorLine = <span className="muted">The log could not be read.</span>;
  else if (head.data?.skipped) errorLine = <span className="muted">The log is more than the digest reads ({Math.round(TRACE_HEAD_LIMIT / 1024 / 1024)} MB); see below.</span>;
  else if (first && lineHref) {
    errorLine = (
      <a className="failure-line" href={lineHref} title={`Go to line ${first.line + 1}`}>
        <span className="failure-line__number">L{first.line + 1}</span>
        <code className="failure-line__text">{first.text}</code>
      </a>
    );
  } else errorLine = <span className="muted">No error line found.</span>;
  const walk = since.data?.byName[job.name] ?? null;
  const culprit = since.data?.culprits[job.name] ?? null;
  const pipelineHref = culprit ? href(appPath(lineage?.project === projectId ? projectPath : String(lineage?.project ?? projectId), 'pipelines', culprit.pipelineId)) : undefined;

  return (
    <section className="digest-entry" aria-label="Why it failed" onClick={onClick}>
      <h2 className="visually-hidden">Why it failed</h2>
      <p className="failure-row__reason">{reason}</p>
      <div className="failure-row__lines">{errorLine}</div>
      {walk ? (
        <p className="failure-row__since">
          <FailingSince since={walk} culprit={culprit} pipelineHref={pipelineHref} />
        </p>
      ) : since.isFetching ? (
        <p className="failure-row__since muted">Looking back through earlier pipelines…</p>
      ) : null}
    </section>
  );
}

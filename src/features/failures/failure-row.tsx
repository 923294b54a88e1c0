import { describeFailureReason, TRACE_HEAD_LIMIT } from '../../gitlab/index.ts';
import { Duration, FailingSince, StatusIcon } from '../../ui/index.ts';
import type { DigestRow } from './use-failures-digest.ts';
import type { DigestPipeline } from './model/digest-tree.ts';

export interface DigestLinks {
  /** App href of a job page, with an optional `#L` line (0-based). */
  job(project: DigestPipeline['project'], jobId: number, line?: number): string;
  /** App href of a pipeline page. */
  pipeline(project: DigestPipeline['project'], pipelineId: number): string;
}

function formatMb(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** "child pipeline services #1770", "multi-project pipeline deploy #1801", or "" for the root. */
export function pipelineLabel(p: DigestPipeline): string {
  if (p.kind === 'root') return '';
  return `${p.kind === 'child' ? 'child' : 'multi-project'} pipeline ${p.path.join(' › ')} #${p.pipelineId}`;
}

/** One failed job: what failed, where, why in words, its first failure lines (links to them in the log) and since when. */
export function FailureRow({ row, links }: { row: DigestRow; links: DigestLinks }) {
  const { job, pipeline } = row;
  const reason = job.failure_reason ? describeFailureReason(job.failure_reason) : 'Unknown: this GitLab does not report a failure reason.';
  const where = pipelineLabel(pipeline);
  return (
    <li className="failure-row" aria-label={`${job.name}${where ? ` in ${where}` : ''}`}>
      <div className="failure-row__head">
        <StatusIcon status={job.status} allowFailure={row.allowed} />
        <a className="failure-row__name" href={links.job(pipeline.project, job.id)} data-route={links.job(pipeline.project, job.id)}>
          {job.name}
        </a>
        {job.stage ? <span className="failure-row__stage">{job.stage}</span> : null}
        {where ? (
          <a className="failure-row__pipeline muted" href={links.pipeline(pipeline.project, pipeline.pipelineId)} data-route={links.pipeline(pipeline.project, pipeline.pipelineId)}>
            {where}
          </a>
        ) : null}
        <span className="failure-row__duration muted">
          <Duration seconds={job.duration} />
        </span>
      </div>
      <p className="failure-row__reason">{reason}</p>
      <FailureLines row={row} links={links} />
      {row.since && row.since.state === 'failing' ? (
        <p className="failure-row__since">
          <FailingSince since={row.since} culprit={row.culprit} pipelineHref={row.culprit ? links.pipeline(pipeline.project, row.culprit.pipelineId) : undefined} />
        </p>
      ) : row.sinceState === 'loading' ? (
        <p className="failure-row__since muted">Looking back through earlier pipelines…</p>
      ) : row.sinceState === 'error' ? (
        <p className="failure-row__since muted">Since when: the earlier pipelines could not be read.</p>
      ) : null}
    </li>
  );
}

function FailureLines({ row, links }: { row: DigestRow; links: DigestLinks }) {
  const { job, pipeline, log, errors } = row;
  const logHref = links.job(pipeline.project, job.id);
  if (log.state === 'loading') return <p className="failure-row__lines muted">Reading the log…</p>;
  if (log.state === 'error') return <p className="failure-row__lines muted">The log could not be read. <a href={logHref} data-route={logHref}>Open the log</a></p>;
  if (log.state === 'too-big') {
    return (
      <p className="failure-row__lines">
        The log is {log.head?.size ? formatMb(log.head.size) : 'too big'}, more than the digest reads ({formatMb(TRACE_HEAD_LIMIT)}).{' '}
        <a href={logHref} data-route={logHref}>Open the whole log</a>
      </p>
    );
  }
  if (!errors || errors.length === 0) {
    return (
      <p className="failure-row__lines muted">
        No error line found{log.head && !log.head.complete ? ` in its first ${formatMb(TRACE_HEAD_LIMIT)}` : ''}. <a href={logHref} data-route={logHref}>Open the log</a>
      </p>
    );
  }
  return (
    <ol className="failure-row__lines" aria-label={`First error lines of ${job.name}`}>
      {errors.map((e) => {
        const href = links.job(pipeline.project, job.id, e.line);
        return (
          <li key={e.line}>
            <a className="failure-line" href={href} data-route={href} title={`Open the log at line ${e.line + 1}`}>
              <span className="failure-line__number">L{e.line + 1}</span>
              <code className="failure-line__text">{e.text}</code>
            </a>
          </li>
        );
      })}
    </ol>
  );
}

import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { describeFailureReason, isActiveStatus, isQueuedStatus, isRunningStatus, type Job } from '../../gitlab/index.ts';
import { Duration, ExternalLink, MissingValue, PHONE_QUERY, StatusBadge, TimeAgo, projectPath as pagePath, useMediaQuery } from '../../ui/index.ts';
import { artifactsSummary, formatSize } from './artifacts-summary.ts';
import './job-details.css';

export interface JobHeaderProps {
  job: Job;
  /** The project's path (or id) for links to the dashboard's own pages. */
  projectPath: string;
  /** The project's id: a pipeline of another project (a cross-project one) is linked by its id. */
  projectId?: number;
  /** When the job was fetched (ms): running durations count on from there. */
  fetchedAt: number;
  /** Actions on the job (cancel, retry, erase…), from the job-actions feature. */
  renderActions?: (job: Job) => ReactNode;
}

/** Only http(s) addresses from GitLab become links. */
function safeHref(url: string | null | undefined): string | null {
  if (!url) return null;
  try {
    const u = new URL(url);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.href : null;
  } catch {
    return null;
  }
}

function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="job-field">
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}

function Time({ value, what }: { value: string | null | undefined; what: string }) {
  if (!value) return <MissingValue label={what} />;
  const d = new Date(value);
  if (Number.isNaN(d.getTime())) return <MissingValue label={what} />;
  return (
    <span>
      <TimeAgo value={value} /> <span className="muted job-field__exact">({d.toISOString().replace('T', ' ').replace(/\.\d+Z$/, ' UTC')})</span>
    </span>
  );
}

/**
 * Everything GitLab says about a job, in the order one reads it when a job failed: what and
 * where, why it failed, when and how long, on which runner, what it left behind.
 */
export function JobHeader({ job, projectPath, projectId, fetchedAt, renderActions }: JobHeaderProps) {
  const pipeline = job.pipeline;
  const commit = job.commit;
  const runner = job.runner;
  const reason = job.status === 'failed' ? describeFailureReason(job.failure_reason) : null;
  const artifacts = artifactsSummary(job, fetchedAt);
  const web = safeHref(job.web_url);
  const queued = isQueuedStatus(job.status);
  const running = isRunningStatus(job.status);
  const phone = useMediaQuery(PHONE_QUERY);
  const pipelineProject = pipeline?.project_id != null && pipeline.project_id !== projectId ? pipeline.project_id : projectPath;

  return (
    <header className="job-header">
      <div className="job-header__title">
        <StatusBadge status={job.status} allowFailure={job.allow_failure === true} />
        <h1>
          {job.name} <span className="muted">#{job.id}</span>
        </h1>
        {job.allow_failure && job.status !== 'failed' ? <span className="job-tag">allowed to fail</span> : null}
        {job.erased_at ? (
          <span className="job-tag job-tag--warning" title={`Erased ${job.erased_at}`}>
            erased
          </span>
        ) : null}
        {job.archived ? <span className="job-tag">archived</span> : null}
        {isActiveStatus(job.status) ? <span className="job-tag job-tag--info">refreshing while active</span> : null}
        {renderActions ? <div className="job-header__actions">{renderActions(job)}</div> : null}
      </div>

      {reason ? (
        <p className="job-header__reason" role="note">
          <strong>Why it failed:</strong> {reason}
          {job.failure_reason && reason !== job.failure_reason ? <span className="muted"> ({job.failure_reason})</span> : null}
        </p>
      ) : null}

      {/* On a phone the log comes first: the details fold into one line until asked for. */}
      <details className="job-details-fold" open={!phone} key={phone ? 'phone' : 'wide'}>
        <summary className="job-details-fold__summary">Job details</summary>
        <dl className="job-fields">
          <Field label="Stage">{job.stage ?? <MissingValue label="no stage" />}</Field>
          <Field label="Pipeline">
            {pipeline ? (
              <>
                <Link to={pagePath(pipelineProject, 'pipelines', pipeline.id)}>#{pipeline.id}</Link>
                {pipeline.status ? (
                  <>
                    {' '}
                    <StatusBadge status={pipeline.status} />
                  </>
                ) : null}
                {pipeline.source ? <span className="muted"> · {pipeline.source.replaceAll('_', ' ')}</span> : null}
              </>
            ) : (
              <MissingValue label="no pipeline" />
            )}
          </Field>
          <Field label={job.tag ? 'Tag' : 'Branch'}>{job.ref ? <code>{job.ref}</code> : <MissingValue label="no ref" />}</Field>
          <Field label="Commit">
            {commit ? (
              <span>
                {safeHref(commit.web_url) ? (
                  <ExternalLink href={safeHref(commit.web_url) ?? undefined}>
                    <code>{commit.short_id ?? commit.id?.slice(0, 8)}</code>
                  </ExternalLink>
                ) : (
                  <code>{commit.short_id ?? commit.id?.slice(0, 8)}</code>
                )}{' '}
                {commit.title}
                {commit.author_name ? <span className="muted"> by {commit.author_name}</span> : null}
              </span>
            ) : (
              <MissingValue label="no commit" />
            )}
          </Field>
          <Field label="Triggered by">
            {job.user ? (
              <span>
                {job.user.name}
                {job.user.username ? <span className="muted"> @{job.user.username}</span> : null}
              </span>
            ) : (
              <MissingValue label="unknown" />
            )}
          </Field>
          <Field label="Created">
            <Time value={job.created_at} what="not created" />
          </Field>
          <Field label="Queued for">
            <Duration seconds={job.queued_duration} running={queued} measuredAt={fetchedAt} startedAt={queued ? job.created_at : null} />
          </Field>
          <Field label="Started">
            <Time value={job.started_at} what="not started" />
          </Field>
          <Field label="Finished">
            <Time value={job.finished_at} what="not finished" />
          </Field>
          <Field label="Duration">
            <Duration seconds={job.duration} running={running} measuredAt={fetchedAt} startedAt={job.started_at} />
          </Field>
          <Field label="Runner">
            {runner ? (
              <span>
                {runner.description || runner.name || `#${runner.id}`} <span className="muted">#{runner.id}</span>
                {job.runner_manager?.version ? <span className="muted"> · gitlab-runner {job.runner_manager.version}</span> : null}
              </span>
            ) : (
              <MissingValue label="no runner" />
            )}
          </Field>
          <Field label="Runner tags">
            {job.tag_list && job.tag_list.length > 0 ? (
              <span className="job-tags">
                {job.tag_list.map((t) => (
                  <span key={t} className="job-tag">
                    {t}
                  </span>
                ))}
              </span>
            ) : (
              <MissingValue label="no tags" />
            )}
          </Field>
          <Field label="Coverage">{job.coverage !== null && job.coverage !== undefined && job.coverage !== '' ? `${job.coverage}%` : <MissingValue label="no coverage" />}</Field>
          <Field label="Artifacts">
            {artifacts.kind === 'none' ? (
              <span className="muted">{job.erased_at ? 'erased' : 'none'}</span>
            ) : artifacts.kind === 'expired' ? (
              <span className="muted">
                expired <TimeAgo value={artifacts.expireAt} />
              </span>
            ) : (
              <span>
                <Link to={pagePath(projectPath, 'jobs', job.id, 'artifacts', 'browse')}>Browse</Link>
                {artifacts.archiveBytes !== null ? ` · ${formatSize(artifacts.archiveBytes)}` : ''}
                {artifacts.files.length > 0 ? ` · ${artifacts.files.length} file${artifacts.files.length === 1 ? '' : 's'} (${artifacts.files.map((f) => f.type).join(', ')})` : ''}
                {' · '}
                {artifacts.kind === 'kept' ? (
                  <strong>kept</strong>
                ) : artifacts.expired ? (
                  <span>
                    expired <TimeAgo value={artifacts.expireAt} />
                  </span>
                ) : (
                  <span>
                    expire <TimeAgo value={artifacts.expireAt} />
                  </span>
                )}
              </span>
            )}
          </Field>
          <Field label="In GitLab">
            {web ? (
              <ExternalLink href={web}>Open job #{job.id} in GitLab</ExternalLink>
            ) : (
              <MissingValue label="no link" />
            )}
          </Field>
        </dl>
      </details>
    </header>
  );
}

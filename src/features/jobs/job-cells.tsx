import { useQuery } from '@tanstack/react-query';
import { createContext, useContext, useEffect, useState, type ReactNode } from 'react';
import {
  downloadArtifactsArchive,
  failingSinceQueryOptions,
  hasArtifacts,
  hasBrowsableArchive,
  lineageOfJob,
  type Connection,
  type Job,
} from '../../gitlab/index.ts';
import { describeError } from '../../gitlab/index.ts';
import { Duration, ExternalLink, FailingSince, formatDuration, MissingValue, projectPath, TimeAgo } from '../../ui/index.ts';
import { Icon, JobStatusBadge } from './icons.tsx';
import { safeHref } from './safe-href.ts';

/** What every cell needs beyond its job. */
export interface JobCellEnv {
  connection: Connection;
  projectId: number;
  /** For links: `acme/platform/backend` or the numeric id. */
  projectPath: string;
  /** When the rows were fetched (ms): running durations count on from there. */
  fetchedAt: number;
  /** The href of an app path; the table navigates in-app on plain clicks of `a[data-route]`. */
  href: (path: string) => string;
  renderActions?: ((job: Job) => ReactNode) | undefined;
}

export const JobCellEnvContext = createContext<JobCellEnv | null>(null);

function useCellEnv(): JobCellEnv {
  const env = useContext(JobCellEnvContext);
  if (!env) throw new Error('job cells need a JobCellEnvContext');
  return env;
}

/**
 * A link to a page of the dashboard. A plain anchor: a Link per cell would subscribe a hundred
 * rows to the location and resolve its path each time a row scrolls into view.
 */
function AppLink({ path, className, label, children }: { path: string; className?: string; label?: string; children: ReactNode }) {
  const env = useCellEnv();
  return (
    <a href={env.href(path)} data-route={path} className={className} tabIndex={-1} aria-label={label}>
      {children}
    </a>
  );
}

/** The dashboard's own job page for a job. */
export function jobHref(project: string, job: Pick<Job, 'id'>): string {
  return projectPath(project, 'jobs', job.id);
}

export function StatusCell({ job }: { job: Job }) {
  return <JobStatusBadge status={job.status} allowFailure={job.allow_failure === true} />;
}

export function JobCell({ job }: { job: Job }) {
  const env = useCellEnv();
  return (
    <div className="cell-2">
      <AppLink path={jobHref(env.projectPath, job)} className="job-link">
        <span className="job-id">#{job.id}</span> <span className="job-name">{job.name}</span>
      </AppLink>
      <span className="muted small truncate job-meta">
        {job.failure_reason ? <span className="job-meta__reason">{job.failure_reason.replaceAll('_', ' ')}</span> : null}
        {/* Shown when their columns fold away on a narrow screen (column-fold.ts, jobs.css). */}
        {job.stage ? <span className="job-fold job-fold--stage">{job.stage}</span> : null}
        {job.pipeline ? <span className="job-fold job-fold--pipeline">#{job.pipeline.id}</span> : null}
        {job.ref ? <span className="job-fold job-fold--ref">{job.ref}</span> : null}
        {job.duration !== null && job.duration !== undefined ? <span className="job-fold job-fold--duration">{formatDuration(job.duration)}</span> : null}
      </span>
    </div>
  );
}

export function StageCell({ job }: { job: Job }) {
  return job.stage ? <span className="truncate">{job.stage}</span> : <MissingValue label="no stage" />;
}

export function PipelineCell({ job }: { job: Job }) {
  const env = useCellEnv();
  const pipeline = job.pipeline;
  if (!pipeline) return <MissingValue label="no pipeline" />;
  return (
    <AppLink path={projectPath(env.projectPath, 'pipelines', pipeline.id)} label={`Pipeline ${pipeline.id}`}>
      #{pipeline.id}
    </AppLink>
  );
}

export function RefCell({ job }: { job: Job }) {
  const commit = job.commit;
  const commitHref = safeHref(commit?.web_url);
  const sha = commit?.short_id ?? commit?.id?.slice(0, 8) ?? job.pipeline?.sha?.slice(0, 8);
  return (
    <div className="cell-2">
      {job.ref ? (
        <span className="truncate ref" title={`${job.tag ? 'tag' : 'branch'} ${job.ref}`}>
          <Icon name={job.tag ? 'tag' : 'branch'} />
          <span className="visually-hidden">{job.tag ? 'tag' : 'branch'} </span>
          <code>{job.ref}</code>
        </span>
      ) : (
        <MissingValue label="no ref" />
      )}
      {sha ? (
        <span className="truncate small" title={commit?.title ?? undefined}>
          <Icon name="commit" />
          {commitHref ? (
            <ExternalLink href={commitHref} tabIndex={-1}>
              <code>{sha}</code>
            </ExternalLink>
          ) : (
            <code>{sha}</code>
          )}{' '}
          <span className="muted">{commit?.title ?? ''}</span>
        </span>
      ) : null}
    </div>
  );
}

export function UserCell({ job }: { job: Job }) {
  const user = job.user;
  if (!user) return <MissingValue label="no user" />;
  return (
    <span className="truncate" title={user.username ? `@${user.username}` : undefined}>
      {user.name || (user.username ? `@${user.username}` : `user ${user.id}`)}
    </span>
  );
}

export function RunnerCell({ job }: { job: Job }) {
  const runner = job.runner;
  const tags = job.tag_list ?? [];
  if (!runner && tags.length === 0) return <MissingValue label="no runner" />;
  return (
    <div className="cell-2">
      {runner ? <span className="truncate">{runner.description || runner.name || `#${runner.id}`}</span> : <span className="muted">no runner yet</span>}
      {tags.length > 0 ? (
        <span className="truncate small tags" title={tags.join(', ')}>
          {tags.map((t) => (
            <span key={t} className="tag">
              {t}
            </span>
          ))}
        </span>
      ) : null}
    </div>
  );
}

export function CoverageCell({ job }: { job: Job }) {
  const value = job.coverage;
  if (value === null || value === undefined || value === '') return <MissingValue label="no coverage" />;
  const n = typeof value === 'number' ? value : Number(value);
  return <span>{Number.isFinite(n) ? `${n.toFixed(n % 1 === 0 ? 0 : 2)}%` : String(value)}</span>;
}

export function QueuedCell({ job }: { job: Job }) {
  return <Duration seconds={job.queued_duration} />;
}

export function DurationCell({ job }: { job: Job }) {
  const env = useCellEnv();
  return <Duration seconds={job.duration} running={job.status === 'running'} measuredAt={env.fetchedAt} startedAt={job.started_at} />;
}

export function CreatedCell({ job }: { job: Job }) {
  return <TimeAgo value={job.created_at} />;
}

export function FinishedCell({ job }: { job: Job }) {
  return <TimeAgo value={job.finished_at} />;
}

export function ArtifactsCell({ job }: { job: Job }) {
  const env = useCellEnv();
  const [state, setState] = useState<{ busy: boolean; error: string | null }>({ busy: false, error: null });
  if (job.erased_at) return <span className="muted small">erased</span>;
  if (!hasArtifacts(job)) return <MissingValue label="no artifacts" />;
  // An archive past its expiry is gone even while GitLab still lists it: nothing to browse or download.
  if (!hasBrowsableArchive(job)) return <span className="muted small">expired</span>;
  const handleDownload = async () => {
    setState({ busy: true, error: null });
    try {
      // A blob URL: the token stays in the request header, never in a link.
      const file = await downloadArtifactsArchive(env.connection, env.projectId, job.id);
      const a = document.createElement('a');
      a.href = file.url;
      a.download = file.filename;
      a.rel = 'noopener';
      document.body.append(a);
      a.click();
      a.remove();
      setTimeout(file.revoke, 10_000);
      setState({ busy: false, error: null });
    } catch (e) {
      setState({ busy: false, error: describeError(e).title });
    }
  };
  return (
    <span className="artifacts-cell">
      <AppLink path={projectPath(env.projectPath, 'jobs', job.id, 'artifacts', 'browse')} className="small" label={`Browse the artifacts of job ${job.id}`}>
        Browse
      </AppLink>
      <button
        type="button"
        className="button button--ghost button--small"
        onClick={() => void handleDownload()}
        disabled={state.busy}
        tabIndex={-1}
        aria-label={`Download artifacts of job ${job.id}`}
        title={state.error ?? 'Download the artifacts archive'}
      >
        <Icon name="download" />
        <span aria-hidden="true">{state.busy ? '…' : ''}</span>
      </button>
      {state.error ? (
        <span className="tone-danger small" role="alert">
          {state.error}
        </span>
      ) : null}
    </span>
  );
}

export function ActionsCell({ job }: { job: Job }) {
  const env = useCellEnv();
  return <div className="actions-cell">{env.renderActions?.(job)}</div>;
}

/** Earlier pipelines a row's "failing since" looks at (the pipeline's Failures tab looks further). */
export const ROW_SINCE_WINDOW = 10;
/** A row must stay on screen this long before its walk starts: a flick past it asks nothing. */
export const ROW_SINCE_DELAY_MS = 400;

/**
 * "Failing since #1724, b08c584 by Alice, 8 hours ago" for a failed row (not one allowed to fail),
 * from the shared model (gitlab/failing-since.md). Rows mount only while on screen, and the walk
 * starts once the row has stayed there a moment; its requests are cached and bounded app-wide.
 */
export function SinceCell({ job }: { job: Job }) {
  const env = useCellEnv();
  const failing = job.status === 'failed' && job.allow_failure !== true;
  const lineage = failing ? lineageOfJob(job, env.projectId) : null;
  const pipelineId = job.pipeline?.id ?? null;
  const [settled, setSettled] = useState(false);
  useEffect(() => {
    if (!failing) return;
    const timer = setTimeout(() => setSettled(true), ROW_SINCE_DELAY_MS);
    return () => clearTimeout(timer);
  }, [failing]);
  const query = useQuery({
    ...failingSinceQueryOptions(env.connection, lineage ?? { project: env.projectId, ref: '' }, pipelineId ?? 0, [job.name], { window: ROW_SINCE_WINDOW }),
    enabled: settled && lineage !== null && pipelineId !== null,
  });
  if (!failing) return null;
  const since = query.data?.byName[job.name] ?? null;
  const culprit = query.data?.culprits[job.name] ?? null;
  if (!since || !culprit) return query.isError ? <MissingValue label="not known" /> : <span className="muted small">…</span>;
  const project = lineage && lineage.project !== env.projectId ? String(lineage.project) : env.projectPath;
  return (
    <div className="truncate small since-cell">
      <FailingSince since={since} culprit={culprit} compact pipelineHref={env.href(projectPath(project, 'pipelines', culprit.pipelineId))} />
    </div>
  );
}

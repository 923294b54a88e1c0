import type { ReactNode } from 'react';
import type { Job } from '../../gitlab/index.ts';
import { Duration, StatusBadge } from '../../ui/index.ts';
import { safeHref } from './safe-href.ts';

export interface CellContext {
  job: Job;
  /** When the list was fetched (ms): running durations count on from there. */
  fetchedAt: number;
}

export interface JobColumn {
  id: string;
  header: string;
  className?: string;
  Cell: (props: CellContext) => ReactNode;
}

function IdCell({ job }: CellContext) {
  // The job page is a later issue; until then the id opens the job in GitLab itself.
  const href = safeHref(job.web_url);
  const text = `#${job.id}`;
  return href ? (
    <a href={href} target="_blank" rel="noopener noreferrer" aria-label={`Job ${job.id} in GitLab (opens in a new tab)`}>
      {text}
    </a>
  ) : (
    <span>{text}</span>
  );
}

function NameCell({ job }: CellContext) {
  return <span className="job-name">{job.name}</span>;
}

function StageCell({ job }: CellContext) {
  return job.stage ? <span>{job.stage}</span> : <span className="muted">–</span>;
}

function StatusCell({ job }: CellContext) {
  return <StatusBadge status={job.status} allowFailure={job.allow_failure === true} />;
}

function RefCell({ job }: CellContext) {
  if (!job.ref) return <span className="muted">–</span>;
  return (
    <code className="job-ref" title={job.tag ? 'tag' : 'branch'}>
      {job.ref}
    </code>
  );
}

function DurationCell({ job, fetchedAt }: CellContext) {
  return <Duration seconds={job.duration} running={job.status === 'running'} measuredAt={fetchedAt} startedAt={job.started_at} />;
}

/** The first jobs table's columns, in GitLab's order. */
export const JOB_COLUMNS: readonly JobColumn[] = [
  { id: 'id', header: 'Job', className: 'num', Cell: IdCell },
  { id: 'name', header: 'Name', Cell: NameCell },
  { id: 'stage', header: 'Stage', Cell: StageCell },
  { id: 'status', header: 'Status', Cell: StatusCell },
  { id: 'ref', header: 'Ref', Cell: RefCell },
  { id: 'duration', header: 'Duration', className: 'num', Cell: DurationCell },
];

import { memo, useId, useRef, useState } from 'react';
import type { Bridge, Job } from '../../../gitlab/index.ts';
import { projectPath, StatusIcon, statusLook } from '../../../ui/index.ts';
import { projectLinkRef, useGraphContext } from '../graph-context.ts';
import { RouteLink } from './route-link.tsx';
import { useNearViewport } from './use-near-viewport.ts';
import { downstreamCards, jobFlags, type StageGroup } from '../model/index.ts';

type AnyJob = Job | Bridge;

function isBridge(job: AnyJob): job is Bridge {
  return 'downstream_pipeline' in job;
}

/** The small words beside a job: allowed to fail, manual, delayed, older attempt. */
function Marks({ job, retried }: { job: AnyJob; retried: boolean }) {
  const flags = jobFlags(job);
  const marks: string[] = [];
  if (retried) marks.push('older attempt');
  if (flags.allowFailure) marks.push('allowed to fail');
  if (flags.manual) marks.push('manual');
  if (flags.scheduled) marks.push('delayed');
  if (marks.length === 0) return null;
  return (
    <span className="pg-marks">
      {marks.map((m) => (
        <span key={m} className={`pg-mark pg-mark--${m.replace(/\s+/g, '-')}`}>
          {m}
        </span>
      ))}
    </span>
  );
}

export interface JobNodeProps {
  job: AnyJob;
  /** The project the job belongs to, as the dashboard links it. */
  project: string | number;
  retried: boolean;
  /** Shown inside an expanded group: the name is enough, the group carries the rest. */
  nested?: boolean;
}

/** One job or trigger job: opens its page (a trigger job opens its downstream pipeline) and carries its actions. */
export const JobNode = memo(function JobNode({ job, project, retried, nested = false }: JobNodeProps) {
  const ctx = useGraphContext();
  const nodeRef = useRef<HTMLDivElement>(null);
  // The actions slot is mounted for nodes on or near the screen only: a thousand-job graph
  // would otherwise build a thousand sets of mutation hooks before it could paint.
  const near = useNearViewport(nodeRef);
  const look = statusLook(job.status, job.allow_failure === true);
  const label = (
    <>
      <StatusIcon status={job.status} allowFailure={job.allow_failure === true} />
      <span className="pg-job__name">{job.name}</span>
      <span className="visually-hidden">, {look.label}</span>
    </>
  );
  let link = (
    <RouteLink className="pg-job__link" path={projectPath(project, 'jobs', job.id)} title={`${job.name}: ${look.label}`}>
      {label}
    </RouteLink>
  );
  let extra = null;
  if (isBridge(job)) {
    // GitLab answers 404 for a bridge on /jobs/:id: a trigger job leads to what it created.
    const card = downstreamCards([job], { projectId: typeof project === 'number' ? project : ctx.rootProjectId })[0];
    if (card?.pipelineId != null) {
      const target = projectLinkRef(ctx, card.projectId, card.projectPath);
      link = (
        <RouteLink className="pg-job__link" path={projectPath(target, 'pipelines', card.pipelineId)} title={`${job.name}: ${look.label}`}>
          {label}
        </RouteLink>
      );
      extra = <span className="pg-job__trigger">→ #{card.pipelineId}</span>;
    } else {
      link = (
        <span className="pg-job__link" title={`${job.name}: ${look.label}`}>
          {label}
        </span>
      );
      extra = <span className="pg-job__trigger">{card?.notCreatedYet ? 'not triggered yet' : 'no pipeline'}</span>;
    }
  }
  return (
    <div
      ref={nodeRef}
      className={`pg-job${retried ? ' is-retried' : ''}${nested ? ' is-nested' : ''}${isBridge(job) ? ' pg-job--trigger' : ''}`}
      data-status={job.status}
    >
      {link}
      {isBridge(job) ? <span className="pg-kind">trigger job</span> : null}
      {extra}
      <Marks job={job} retried={retried} />
      {/* An older attempt cannot be acted on (GitLab: a retried job is not retryable). */}
      {ctx.renderJobActions && near && !retried ? <span className="pg-job__actions">{ctx.renderJobActions(job)}</span> : null}
    </div>
  );
});

export interface GroupNodeProps {
  group: StageGroup<AnyJob>;
  project: string | number;
}

/** A parallel or matrix group as one node (count and worst status) that opens to its jobs; a lone job as itself. */
export function GroupNode({ group, project }: GroupNodeProps) {
  const { includeRetried } = useGraphContext();
  const [open, setOpen] = useState(false);
  const listId = useId();
  const retried = includeRetried ? group.retried : [];
  const only = group.jobs[0];
  if (group.kind === 'single' && group.jobs.length === 1 && only) {
    // A lone job shows its older attempts right under it, marked, as GitLab does.
    return (
      <>
        <JobNode job={only} project={project} retried={false} />
        {retried.map((job) => (
          <JobNode key={job.id} job={job} project={project} retried nested />
        ))}
      </>
    );
  }
  const status = group.status ?? 'created';
  const look = statusLook(status, false);
  const shown = group.jobs.length > 0 ? group.jobs : [];
  const count = group.jobs.length > 0 ? group.size : group.retried.length;
  return (
    <div className={`pg-group${group.warnings ? ' has-warnings' : ''}`} data-status={status}>
      <button type="button" className="pg-group__toggle" aria-expanded={open} aria-controls={listId} onClick={() => setOpen((o) => !o)}>
        <StatusIcon status={group.warnings && status === 'success' ? 'failed' : status} allowFailure={group.warnings && status === 'success'} />
        <span className="pg-job__name">{group.name}</span>
        <span className="pg-group__count" aria-hidden="true">
          {count}
        </span>
        <span className="visually-hidden">
          , {count} {count === 1 ? 'job' : 'jobs'}
          {retried.length > 0 ? ` and ${retried.length} older ${retried.length === 1 ? 'attempt' : 'attempts'}` : ''}, {look.label}
          {group.warnings ? ' with warnings' : ''}
        </span>
      </button>
      {group.manual || group.scheduled || group.allowFailure ? (
        <span className="pg-marks">
          {group.allowFailure ? <span className="pg-mark">allowed to fail</span> : null}
          {group.manual ? <span className="pg-mark">manual</span> : null}
          {group.scheduled ? <span className="pg-mark">delayed</span> : null}
        </span>
      ) : null}
      <ul id={listId} className="pg-group__jobs" hidden={!open} aria-label={`Jobs of ${group.name}`}>
        {open
          ? [...shown.map((job) => ({ job, old: false })), ...retried.map((job) => ({ job, old: true }))].map(({ job, old }) => (
              <li key={job.id}>
                <JobNode job={job} project={project} retried={old} nested />
              </li>
            ))
          : null}
      </ul>
    </div>
  );
}

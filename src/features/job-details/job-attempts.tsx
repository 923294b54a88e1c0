import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { pipelineJobsQueryOptions, type Job, type PollIntervals, useProjectScope } from '../../gitlab/index.ts';
import { StatusBadge, TimeAgo, projectPath as pagePath } from '../../ui/index.ts';

/** The project and the connection come from the screen's `ProjectScope` (useProjectScope). */
export interface JobAttemptsProps {
  job: Job;
  poll?: PollIntervals;
}

/**
 * Every attempt of this job in its pipeline (GitLab keeps a retried job and adds a new one of
 * the same name; REST has no "retried" flag, so `include_retried` and the name tell them apart).
 */
export function JobAttempts({ job, poll }: JobAttemptsProps) {
  const { connection, projectId, projectPath } = useProjectScope();
  const pipelineId = job.pipeline?.id;
  const query = useQuery({
    ...pipelineJobsQueryOptions(connection, projectId, pipelineId ?? 0, { includeRetried: true }, { poll }),
    enabled: pipelineId !== undefined,
  });
  if (pipelineId === undefined || !query.data) return null;
  const attempts = query.data.items.filter((j) => j.name === job.name).sort((a, b) => b.id - a.id);
  if (attempts.length < 2) return null;
  const latest = attempts[0]?.id;
  return (
    <section className="job-attempts" aria-labelledby={`attempts-${job.id}`}>
      <h2 id={`attempts-${job.id}`}>
        Attempts <span className="muted">({attempts.length})</span>
      </h2>
      <ol reversed>
        {attempts.map((a) => (
          <li key={a.id} aria-current={a.id === job.id ? 'page' : undefined}>
            <StatusBadge status={a.status} allowFailure={a.allow_failure === true} />{' '}
            {a.id === job.id ? <strong>#{a.id} (this attempt)</strong> : <Link to={pagePath(projectPath, 'jobs', a.id)}>#{a.id}</Link>}
            {a.id === latest ? <span className="muted"> · latest</span> : <span className="muted"> · retried</span>}
            {a.created_at ? (
              <span className="muted">
                {' '}
                · created <TimeAgo value={a.created_at} />
              </span>
            ) : null}
          </li>
        ))}
      </ol>
    </section>
  );
}

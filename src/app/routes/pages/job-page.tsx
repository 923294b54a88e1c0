import { useQuery } from '@tanstack/react-query';
import { Link, Navigate, useLocation, useNavigate } from 'react-router';
import { JobActions } from '../../../features/job-actions/index.ts';
import { JobAttempts, JobHeader } from '../../../features/job-details/index.ts';
import { DigestEntry } from '../../../features/failures/index.ts';
import { findFirstErrors, JobLog } from '../../../features/job-log/index.ts';
import { GitLabError, gitlabKeys, isActiveStatus, jobQueryOptions, pipelineBridgesQueryOptions, useProjectScope } from '../../../gitlab/index.ts';
import { ConnectionStatus, EmptyState, ErrorState, LoadingState, projectPath as pagePath } from '../../../ui/index.ts';
import { useAppEnv } from '../../providers.tsx';
import { parseId, projectPageModule } from '../project-page.ts';

/**
 * GitLab answers 404 for a trigger job's id on `/jobs/:id`. Given the pipeline (`?pipeline=`,
 * as the pipeline page may link), the bridge is found among its bridges and its downstream
 * pipeline opens instead; without it, the page says both possibilities.
 */
function MissingJob({ jobId, pipelineId }: { jobId: number; pipelineId: number | null }) {
  const { connection, projectId, projectPath } = useProjectScope();
  const bridges = useQuery({ ...pipelineBridgesQueryOptions(connection, projectId, pipelineId ?? 0), enabled: pipelineId !== null });
  const bridge = bridges.data?.items.find((b) => b.id === jobId);
  const downstream = bridge?.downstream_pipeline;
  if (downstream) return <Navigate replace to={pagePath(downstream.project_id ?? projectPath, 'pipelines', downstream.id)} />;
  if (pipelineId !== null && bridges.isPending) return <LoadingState label="Looking for the trigger job" />;
  return (
    <EmptyState
      title={bridge ? `Trigger job #${jobId} has no downstream pipeline yet` : `Job #${jobId} not found, or it is a trigger job`}
      action={<Link to={pagePath(projectPath, 'jobs')}>Back to the jobs</Link>}
    >
      <p>
        {bridge
          ? 'GitLab has not created its downstream pipeline yet.'
          : 'GitLab answered “404 Not found”. Either this job does not exist (or this token cannot see it), or it is a trigger job: GitLab does not serve those by id. Open trigger jobs from their pipeline.'}
      </p>
    </EmptyState>
  );
}

function JobPage({ params: { jobId } }: { params: { jobId: number } }) {
  const { poll } = useAppEnv();
  const location = useLocation();
  const navigate = useNavigate();
  const { connection, projectId, projectPath } = useProjectScope();
  const query = useQuery(jobQueryOptions(connection, projectId, jobId, { poll }));
  const retry = () => void query.refetch();

  if (query.isPending) return <LoadingState label={`Loading job #${jobId}`} />;
  if (query.isError && query.data === undefined) {
    if (query.error instanceof GitLabError && query.error.status === 404) {
      const pipelineId = parseId(new URLSearchParams(location.search).get('pipeline'));
      return <MissingJob jobId={jobId} pipelineId={pipelineId} />;
    }
    return <ErrorState error={query.error} onRetry={retry} headingLevel={1} />;
  }
  const job = query.data;
  if (!job) return <LoadingState label={`Loading job #${jobId}`} />;
  return (
    <>
      {/* The job and its log: fresh, stale, rate limited, unreachable or token expired, as on every page. */}
      <ConnectionStatus queryKey={gitlabKeys.host(connection)} live={isActiveStatus(job.status) ? 'refreshing while the job runs' : undefined} />
      <JobHeader
        job={job}
        projectPath={projectPath}
        projectId={projectId}
        fetchedAt={query.dataUpdatedAt}
        renderActions={(shown) => (
          <JobActions
            job={shown}
            layout="toolbar"
            onRetried={(fresh) => void navigate(pagePath(projectPath, 'jobs', fresh.id))}
          />
        )}
      />
      <DigestEntry job={job} findFirstErrors={findFirstErrors} />
      <JobAttempts job={job} poll={poll} />
      {/* Erasing the job (an action on this page) empties its log: start the log over then. */}
      <JobLog key={`${job.id}:${job.erased_at ?? ''}`} job={job} poll={poll} />
    </>
  );
}

/** The job page's code (its URL and title: `jobRoute` in project-pages.ts). */
export const jobPage = projectPageModule<{ jobId: number }>({
  load: ({ queryClient, connection, project, params, env }) => queryClient.ensureQueryData(jobQueryOptions(connection, project.id, params.jobId, { poll: env.poll })),
  Component: JobPage,
});

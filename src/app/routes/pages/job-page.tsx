import { useQuery } from '@tanstack/react-query';
import { Link, Navigate, useLocation, useNavigate } from 'react-router';
import { JobActions } from '../../../features/job-actions/index.ts';
import { JobAttempts, JobHeader } from '../../../features/job-details/index.ts';
import { DigestEntry } from '../../../features/failures/index.ts';
import { findFirstErrors, JobLog } from '../../../features/job-log/index.ts';
import { GitLabError, gitlabKeys, isActiveStatus, jobQueryOptions, pipelineBridgesQueryOptions, type Connection } from '../../../gitlab/index.ts';
import { ConnectionStatus, EmptyState, ErrorState, LoadingState, projectPath as pagePath } from '../../../ui/index.ts';
import { useAppEnv, useWriteAccess } from '../../providers.tsx';
import type { ProjectPage, ProjectPageProps } from '../project-pages.tsx';

const JOB_ID = /^[1-9]\d{0,15}$/;

/**
 * GitLab answers 404 for a trigger job's id on `/jobs/:id`. Given the pipeline (`?pipeline=`,
 * as the pipeline page may link), the bridge is found among its bridges and its downstream
 * pipeline opens instead; without it, the page says both possibilities.
 */
function MissingJob({ connection, projectId, projectPath, jobId, pipelineId }: { connection: Connection; projectId: number; projectPath: string; jobId: number; pipelineId: number | null }) {
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

function JobPage({ connection, project, projectPath, params }: ProjectPageProps) {
  const { poll } = useAppEnv();
  const jobId = Number(params.jobId);
  const location = useLocation();
  const navigate = useNavigate();
  const { readOnly, canWrite } = useWriteAccess();
  const query = useQuery(jobQueryOptions(connection, project.id, jobId, { poll }));
  const retry = () => void query.refetch();

  if (query.isPending) return <LoadingState label={`Loading job #${jobId}`} />;
  if (query.isError && query.data === undefined) {
    if (query.error instanceof GitLabError && query.error.status === 404) {
      const hint = new URLSearchParams(location.search).get('pipeline');
      const pipelineId = hint && JOB_ID.test(hint) ? Number(hint) : null;
      return <MissingJob connection={connection} projectId={project.id} projectPath={projectPath} jobId={jobId} pipelineId={pipelineId} />;
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
        projectId={project.id}
        fetchedAt={query.dataUpdatedAt}
        renderActions={(shown) => (
          <JobActions
            connection={connection}
            projectId={project.id}
            projectPath={projectPath}
            job={shown}
            readOnly={readOnly}
            canWrite={canWrite}
            layout="toolbar"
            onRetried={(fresh) => void navigate(pagePath(projectPath, 'jobs', fresh.id))}
          />
        )}
      />
      <DigestEntry connection={connection} projectId={project.id} projectPath={projectPath} job={job} findFirstErrors={findFirstErrors} />
      <JobAttempts connection={connection} projectId={project.id} projectPath={projectPath} job={job} poll={poll} />
      {/* Erasing the job (an action on this page) empties its log: start the log over then. */}
      <JobLog key={`${job.id}:${job.erased_at ?? ''}`} connection={connection} projectId={project.id} job={job} poll={poll} />
    </>
  );
}

/** `/<project>/-/jobs/:jobId`: one job, its header and its whole log. */
export const jobPage: ProjectPage = {
  kind: 'job',
  match: (rest) => (rest.length === 2 && rest[0] === 'jobs' && JOB_ID.test(rest[1] ?? '') ? { jobId: rest[1] ?? '' } : null),
  load: async ({ queryClient, connection, project, params, env }) => {
    await queryClient.ensureQueryData(jobQueryOptions(connection, project.id, Number(params.jobId), { poll: env.poll }));
  },
  title: (params, projectPath) => `Job #${params.jobId ?? ''} · ${projectPath}`,
  Component: JobPage,
};

import { useCallback } from 'react';
import { BulkJobActions, JobActions } from '../../../features/job-actions/index.ts';
import { JobList, jobListHeadQueryOptions, readJobListFilters } from '../../../features/jobs/index.ts';
import type { Job } from '../../../gitlab/index.ts';
import { useAppEnv, useWriteAccess } from '../../providers.tsx';
import type { ProjectPage, ProjectPageProps } from '../project-pages.tsx';

function JobsPage({ connection, project, projectPath }: ProjectPageProps) {
  const { poll } = useAppEnv();
  const { readOnly, canWrite } = useWriteAccess();
  // Stable callbacks: the list re-renders its cells when they change.
  const renderActions = useCallback(
    (job: Job) => <JobActions connection={connection} projectId={project.id} projectPath={projectPath} readOnly={readOnly} canWrite={canWrite} job={job} layout="inline" />,
    [connection, project.id, projectPath, readOnly, canWrite],
  );
  const renderBulkActions = useCallback(
    (selected: Job[]) => <BulkJobActions connection={connection} projectId={project.id} projectPath={projectPath} readOnly={readOnly} canWrite={canWrite} jobs={selected} />,
    [connection, project.id, projectPath, readOnly, canWrite],
  );
  return (
    <>
      <div className="page-header">
        <h1>Jobs</h1>
        <span className="muted">{projectPath}</span>
      </div>
      <JobList
        connection={connection}
        projectId={project.id}
        projectPath={projectPath}
        poll={poll}
        renderActions={renderActions}
        renderBulkActions={renderBulkActions}
      />
    </>
  );
}

/** `/<project>/-/jobs?scope=failed&name=rspec`: the project's jobs. */
export const jobsPage: ProjectPage = {
  kind: 'jobs',
  match: (rest) => (rest.length === 1 && rest[0] === 'jobs' ? {} : null),
  load: async ({ queryClient, connection, project, env, request }) => {
    const { scope } = readJobListFilters(new URL(request.url).searchParams);
    await queryClient.ensureQueryData(jobListHeadQueryOptions(connection, project.id, scope, env.poll));
  },
  title: (_params, projectPath) => `Jobs · ${projectPath}`,
  Component: JobsPage,
};

import { useCallback } from 'react';
import { BulkJobActions, JobActions } from '../../../features/job-actions/index.ts';
import { JobList, jobListHeadQueryOptions, readJobListFilters } from '../../../features/jobs/index.ts';
import { useProjectScope, type Job } from '../../../gitlab/index.ts';
import { useAppEnv } from '../../providers.tsx';
import { projectPageModule } from '../project-page.ts';

function JobsPage() {
  const { poll } = useAppEnv();
  const { connection, projectId, projectPath, readOnly, canWrite } = useProjectScope();
  // Stable callbacks: the list re-renders its cells when they change.
  const renderActions = useCallback(
    (job: Job) => <JobActions connection={connection} projectId={projectId} projectPath={projectPath} readOnly={readOnly} canWrite={canWrite} job={job} layout="inline" />,
    [connection, projectId, projectPath, readOnly, canWrite],
  );
  const renderBulkActions = useCallback(
    (selected: Job[]) => <BulkJobActions connection={connection} projectId={projectId} projectPath={projectPath} readOnly={readOnly} canWrite={canWrite} jobs={selected} />,
    [connection, projectId, projectPath, readOnly, canWrite],
  );
  return (
    <>
      <div className="page-header">
        <h1>Jobs</h1>
        <span className="muted">{projectPath}</span>
      </div>
      <JobList
        connection={connection}
        projectId={projectId}
        projectPath={projectPath}
        poll={poll}
        renderActions={renderActions}
        renderBulkActions={renderBulkActions}
      />
    </>
  );
}

/** The jobs page's code (its URL and title: `jobsRoute` in project-pages.ts). */
export const jobsPage = projectPageModule<Record<string, never>>({
  load: async ({ queryClient, connection, project, env, search }) => {
    const { scope } = readJobListFilters(search);
    await queryClient.ensureQueryData(jobListHeadQueryOptions(connection, project.id, scope, env.poll));
  },
  Component: JobsPage,
});

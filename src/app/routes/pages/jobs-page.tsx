import { JobList, jobListHeadQueryOptions, readJobListFilters } from '../../../features/jobs/index.ts';
import { useAppEnv } from '../../providers.tsx';
import type { ProjectPage, ProjectPageProps } from '../project-pages.tsx';

function JobsPage({ connection, project, projectPath }: ProjectPageProps) {
  const { poll } = useAppEnv();
  return (
    <>
      <div className="page-header">
        <h1>Jobs</h1>
        <span className="muted">{projectPath}</span>
      </div>
      {/* The job-actions feature fills renderActions / renderBulkActions here (connection and project.id are at hand). */}
      <JobList connection={connection} projectId={project.id} projectPath={projectPath} poll={poll} />
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

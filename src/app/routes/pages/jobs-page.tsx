import { LatestJobs, latestJobsQueryOptions } from '../../../features/jobs/index.ts';
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
      <LatestJobs connection={connection} projectId={project.id} projectLabel={projectPath} poll={poll} />
    </>
  );
}

/** `/<project>/-/jobs`: the project's jobs. */
export const jobsPage: ProjectPage = {
  kind: 'jobs',
  match: (rest) => (rest.length === 1 && rest[0] === 'jobs' ? {} : null),
  load: async ({ queryClient, connection, project, env }) => {
    await queryClient.ensureQueryData(latestJobsQueryOptions(connection, project.id, env.poll));
  },
  title: (_params, projectPath) => `Jobs · ${projectPath}`,
  Component: JobsPage,
};

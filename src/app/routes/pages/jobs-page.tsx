import { BulkJobActions, JobActions } from '../../../features/job-actions/index.ts';
import { JobList, readJobListFilters } from '../../../features/jobs/index.ts';
import { jobListHeadQueryOptions, useProjectScope, type Job } from '../../../gitlab/index.ts';
import { useAppEnv } from '../../providers.tsx';
import { projectPageModule } from '../project-page.ts';

// The actions read the project and whether acting is allowed from the page's ProjectScope:
// module-level renderers, so the list never redraws its cells for a new callback.
const renderActions = (job: Job) => <JobActions job={job} layout="inline" />;
const renderBulkActions = (selected: Job[]) => <BulkJobActions jobs={selected} />;

function JobsPage() {
  const { poll } = useAppEnv();
  const { projectPath } = useProjectScope();
  return (
    <>
      <div className="page-header">
        <h1>Jobs</h1>
        <span className="muted">{projectPath}</span>
      </div>
      <JobList
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

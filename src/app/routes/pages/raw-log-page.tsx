import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { RawLog } from '../../../features/job-log/index.ts';
import { jobQueryOptions, useProjectScope } from '../../../gitlab/index.ts';
import { projectPath as pagePath } from '../../../ui/index.ts';
import { defineProjectPage, pageRoute, parseId } from '../project-page.ts';

function RawLogPage({ params: { jobId } }: { params: { jobId: number } }) {
  const { connection, projectId, projectPath } = useProjectScope();
  // The job's name for the heading, when GitLab gives it; the log does not wait for it.
  const job = useQuery(jobQueryOptions(connection, projectId, jobId));
  return (
    <>
      <div className="page-header">
        <h1>
          Raw log of {job.data ? job.data.name : 'job'} #{jobId}
        </h1>
        <Link to={pagePath(projectPath, 'jobs', jobId)}>Open the job page</Link>
      </div>
      <RawLog connection={connection} projectId={projectId} jobId={jobId} />
    </>
  );
}

/** `/<project>/-/jobs/:id/raw`, GitLab's raw log link: the whole log as plain text. */
export const rawLogPage = defineProjectPage({
  routes: [
    pageRoute('jobs/:jobId/raw', (param) => {
      const jobId = parseId(param('jobId'));
      return jobId === null ? null : { jobId };
    }),
  ],
  title: (params, projectPath) => `Raw log of job #${params.jobId} · ${projectPath}`,
  Component: RawLogPage,
});

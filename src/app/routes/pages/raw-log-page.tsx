import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { RawLog } from '../../../features/job-log/index.ts';
import { jobQueryOptions, useProjectScope } from '../../../gitlab/index.ts';
import { projectPath as pagePath } from '../../../ui/index.ts';
import { projectPageModule } from '../project-page.ts';

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
      <RawLog jobId={jobId} />
    </>
  );
}

/** The raw log page's code (its URL and title: `rawLogRoute` in project-pages.ts). */
export const rawLogPage = projectPageModule<{ jobId: number }>({
  Component: RawLogPage,
});

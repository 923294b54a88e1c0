import { useCallback } from 'react';
import { ArtifactActions } from '../../../features/job-actions/index.ts';
import { ArtifactBrowser } from '../../../features/artifacts/index.ts';
import { StaticLog } from '../../../features/job-log/index.ts';
import { jobQueryOptions, useProjectScope, versionQueryOptions, type Job } from '../../../gitlab/index.ts';
import { useAppEnv } from '../../providers.tsx';
import { defineProjectPage, pageRoute, parseId } from '../project-page.ts';

interface ArtifactsParams {
  jobId: number;
  /** The file or folder inside the archive; '' for its root. */
  path: string;
}

function ArtifactsPage({ params }: { params: ArtifactsParams }) {
  const { poll } = useAppEnv();
  const { connection, projectId, projectPath, readOnly, canWrite } = useProjectScope();
  const renderArtifactActions = useCallback(
    (job: Job) => <ArtifactActions connection={connection} projectId={projectId} projectPath={projectPath} job={job} readOnly={readOnly} canWrite={canWrite} />,
    [connection, projectId, projectPath, readOnly, canWrite],
  );
  return (
    <ArtifactBrowser
      connection={connection}
      projectId={projectId}
      projectPath={projectPath}
      jobId={params.jobId}
      path={params.path}
      poll={poll}
      // Coloured logs in artifacts go through the job log's own escaping and colours.
      renderAnsiText={renderAnsiText}
      renderArtifactActions={renderArtifactActions}
    />
  );
}

function renderAnsiText(text: string, label: string) {
  return <StaticLog text={text} label={label} height="70vh" />;
}

function artifactsParams(jobId: string, path: string): ArtifactsParams | null {
  const id = parseId(jobId);
  return id === null ? null : { jobId: id, path };
}

/**
 * `/<project>/-/jobs/:id/artifacts/browse/*path` (GitLab's own path), `/<project>/-/jobs/:id/artifacts`
 * (the browse root), and GitLab's `…/artifacts/file/*path` and `…/artifacts/raw/*path` (that file's
 * preview). The router hands the segments decoded, so names with spaces or any script arrive as typed.
 */
export const artifactsPage = defineProjectPage({
  routes: [
    pageRoute('jobs/:jobId/artifacts', (param) => artifactsParams(param('jobId'), '')),
    pageRoute('jobs/:jobId/artifacts/browse/*', (param) => artifactsParams(param('jobId'), param('*'))),
    pageRoute('jobs/:jobId/artifacts/file/*', (param) => (param('*') === '' ? null : artifactsParams(param('jobId'), param('*')))),
    pageRoute('jobs/:jobId/artifacts/raw/*', (param) => (param('*') === '' ? null : artifactsParams(param('jobId'), param('*')))),
  ],
  load: ({ queryClient, connection, project, params, env }) =>
    Promise.all([
      queryClient.ensureQueryData(jobQueryOptions(connection, project.id, params.jobId, { poll: env.poll })),
      queryClient.ensureQueryData(versionQueryOptions(connection)).catch(() => undefined),
    ]),
  title: (params, projectPath) => `${params.path ? `${params.path} · ` : ''}Artifacts of job #${params.jobId} · ${projectPath}`,
  Component: ArtifactsPage,
});

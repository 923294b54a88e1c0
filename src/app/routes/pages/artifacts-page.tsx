import { useCallback } from 'react';
import { ArtifactActions } from '../../../features/job-actions/index.ts';
import { ArtifactBrowser } from '../../../features/artifacts/index.ts';
import { StaticLog } from '../../../features/job-log/index.ts';
import { jobQueryOptions, versionQueryOptions, type Job } from '../../../gitlab/index.ts';
import { useAppEnv, useWriteAccess } from '../../providers.tsx';
import type { ProjectPage, ProjectPageProps } from '../project-pages.tsx';

function ArtifactsPage({ connection, project, projectPath, params }: ProjectPageProps) {
  const { poll } = useAppEnv();
  const { readOnly, canWrite } = useWriteAccess();
  const renderArtifactActions = useCallback(
    (job: Job) => <ArtifactActions connection={connection} projectId={project.id} projectPath={projectPath} job={job} readOnly={readOnly} canWrite={canWrite} />,
    [connection, project.id, projectPath, readOnly, canWrite],
  );
  return (
    <ArtifactBrowser
      connection={connection}
      projectId={project.id}
      projectPath={projectPath}
      jobId={Number(params.jobId)}
      path={params.path ?? ''}
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

const JOB_ID = /^[1-9]\d{0,17}$/;

/**
 * `/<project>/-/jobs/:id/artifacts/browse/*path` (GitLab's own path), `/<project>/-/jobs/:id/artifacts`
 * (the browse root), and GitLab's `…/artifacts/file/*path` and `…/artifacts/raw/*path` (that file's preview). The router hands the segments decoded, so names with spaces or any script arrive as typed.
 */
export const artifactsPage: ProjectPage = {
  kind: 'artifacts',
  match: (rest) => {
    const [jobs, id, artifacts, browse, ...path] = rest;
    if (jobs !== 'jobs' || id === undefined || !JOB_ID.test(id) || artifacts !== 'artifacts') return null;
    if (browse === undefined) return { jobId: id, path: '' };
    // GitLab's own file pages (`…/artifacts/file/*path`, `…/artifacts/raw/*path`) open the file's preview here.
    if (browse !== 'browse' && !((browse === 'file' || browse === 'raw') && path.length > 0)) return null;
    return { jobId: id, path: path.join('/') };
  },
  load: async ({ queryClient, connection, project, params, env }) => {
    await Promise.all([
      queryClient.ensureQueryData(jobQueryOptions(connection, project.id, Number(params.jobId), { poll: env.poll })),
      queryClient.ensureQueryData(versionQueryOptions(connection)).catch(() => undefined),
    ]);
  },
  title: (params, projectPath) => `${params.path ? `${params.path} · ` : ''}Artifacts of job #${params.jobId ?? ''} · ${projectPath}`,
  Component: ArtifactsPage,
};

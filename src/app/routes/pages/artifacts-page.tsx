import { ArtifactBrowser } from '../../../features/artifacts/index.ts';
import { StaticLog } from '../../../features/job-log/index.ts';
import { jobQueryOptions, versionQueryOptions } from '../../../gitlab/index.ts';
import { useAppEnv } from '../../providers.tsx';
import type { ProjectPage, ProjectPageProps } from '../project-pages.tsx';

function ArtifactsPage({ connection, project, projectPath, params }: ProjectPageProps) {
  const { poll } = useAppEnv();
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
    />
  );
}

function renderAnsiText(text: string, label: string) {
  return <StaticLog text={text} label={label} height="70vh" />;
}

const JOB_ID = /^[1-9]\d{0,17}$/;

/**
 * `/<project>/-/jobs/:id/artifacts/browse/*path` (GitLab's own path) and `/<project>/-/jobs/:id/artifacts`
 * (the browse root). The router hands the segments decoded, so names with spaces or any script arrive as typed.
 */
export const artifactsPage: ProjectPage = {
  kind: 'artifacts',
  match: (rest) => {
    const [jobs, id, artifacts, browse, ...path] = rest;
    if (jobs !== 'jobs' || id === undefined || !JOB_ID.test(id) || artifacts !== 'artifacts') return null;
    if (browse === undefined) return { jobId: id, path: '' };
    if (browse !== 'browse') return null;
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

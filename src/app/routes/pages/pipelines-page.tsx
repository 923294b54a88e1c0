import { NO_PIPELINE_FILTERS, PipelineList, pipelineListQueryOptions, readPipelineListFilters } from '../../../features/pipelines/index.ts';
import { useAppEnv } from '../../providers.tsx';
import type { ProjectPage, ProjectPageProps } from '../project-pages.tsx';

function PipelinesPage({ connection, project, projectPath }: ProjectPageProps) {
  const { poll } = useAppEnv();
  return (
    <>
      <div className="page-header">
        <h1>Pipelines</h1>
        <span className="muted">{projectPath}</span>
      </div>
      <PipelineList connection={connection} projectId={project.id} projectPath={projectPath} poll={poll} />
    </>
  );
}

/** `/<project>/-/pipelines?scope=tags&status=failed`: the project's pipelines, beside Jobs. */
export const pipelinesPage: ProjectPage = {
  kind: 'pipelines',
  match: (rest) => (rest.length === 1 && rest[0] === 'pipelines' ? {} : null),
  load: async ({ queryClient, connection, project, env, request }) => {
    const filters = readPipelineListFilters(new URL(request.url).searchParams) ?? NO_PIPELINE_FILTERS;
    await queryClient.ensureQueryData(pipelineListQueryOptions(connection, project.id, filters, env.poll));
  },
  title: (_params, projectPath) => `Pipelines · ${projectPath}`,
  Component: PipelinesPage,
};

import { NO_PIPELINE_FILTERS, PipelineList, pipelineListQueryOptions, readPipelineListFilters } from '../../../features/pipelines/index.ts';
import { useProjectScope } from '../../../gitlab/index.ts';
import { useAppEnv } from '../../providers.tsx';
import { projectPageModule } from '../project-page.ts';

function PipelinesPage() {
  const { poll } = useAppEnv();
  const { projectPath } = useProjectScope();
  return (
    <>
      <div className="page-header">
        <h1>Pipelines</h1>
        <span className="muted">{projectPath}</span>
      </div>
      <PipelineList poll={poll} />
    </>
  );
}

/** The pipelines page's code (its URL and title: `pipelinesRoute` in project-pages.ts). */
export const pipelinesPage = projectPageModule<Record<string, never>>({
  load: async ({ queryClient, connection, project, env, search }) => {
    const filters = readPipelineListFilters(search) ?? NO_PIPELINE_FILTERS;
    await queryClient.ensureQueryData(pipelineListQueryOptions(connection, project.id, filters, env.poll));
  },
  Component: PipelinesPage,
});

import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router';
import { loadPipelinePage, parseViewState, PipelineDetails, writeViewState, type PipelineViewState } from '../../../features/pipeline-graph/index.ts';
import { useAppEnv } from '../../providers.tsx';
import type { ProjectPage, ProjectPageProps } from '../project-pages.tsx';

function PipelinePage({ connection, project, projectPath, params }: ProjectPageProps) {
  const { poll } = useAppEnv();
  const [search, setSearch] = useSearchParams();
  const state = useMemo(() => parseViewState(search), [search]);
  const onStateChange = useCallback((next: PipelineViewState) => setSearch((prev) => writeViewState(prev, next)), [setSearch]);
  return (
    <PipelineDetails
      connection={connection}
      projectId={project.id}
      projectPath={projectPath}
      pipelineId={Number(params['pipelineId'])}
      poll={poll}
      state={state}
      onStateChange={onStateChange}
    />
  );
}

/** `/<project>/-/pipelines/:id`: the pipeline graph, its downstream pipelines and its timeline. */
export const pipelinePage: ProjectPage = {
  kind: 'pipeline',
  match: (rest) => (rest.length === 2 && rest[0] === 'pipelines' && /^[1-9]\d{0,15}$/.test(rest[1] ?? '') ? { pipelineId: rest[1] ?? '' } : null),
  load: async ({ queryClient, connection, project, params, env, request }) => {
    const state = parseViewState(new URL(request.url).searchParams);
    await loadPipelinePage(queryClient, connection, project.id, Number(params['pipelineId']), { includeRetried: state.retried, poll: env.poll });
  },
  title: (params, projectPath) => `Pipeline #${params['pipelineId'] ?? ''} · ${projectPath}`,
  Component: PipelinePage,
};

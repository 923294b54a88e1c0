import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router';
import { JobActions } from '../../../features/job-actions/index.ts';
import { loadPipelinePage, parseViewState, PipelineDetails, writeViewState, type PipelineViewState } from '../../../features/pipeline-graph/index.ts';
import type { Bridge, Job } from '../../../gitlab/index.ts';
import { useAppEnv, useWriteAccess } from '../../providers.tsx';
import { PIPELINE_TABS } from '../../gitlab-links.ts';
import type { ProjectPage, ProjectPageProps } from '../project-pages.tsx';

function PipelinePage({ connection, project, projectPath, params }: ProjectPageProps) {
  const { poll } = useAppEnv();
  const [search, setSearch] = useSearchParams();
  const state = useMemo(() => parseViewState(search), [search]);
  const onStateChange = useCallback((next: PipelineViewState) => setSearch((prev) => writeViewState(prev, next)), [setSearch]);
  const { readOnly, canWrite } = useWriteAccess();
  // A downstream pipeline's jobs belong to their own project: act on them there.
  const renderJobActions = useCallback(
    (job: Job | Bridge) => {
      const owner = job.pipeline?.project_id ?? project.id;
      return (
        <JobActions
          connection={connection}
          projectId={owner}
          {...(owner === project.id ? { projectPath } : {})}
          job={job}
          readOnly={readOnly}
          canWrite={canWrite}
          layout="inline"
        />
      );
    },
    [connection, project.id, projectPath, readOnly, canWrite],
  );
  return (
    <PipelineDetails
      connection={connection}
      projectId={project.id}
      projectPath={projectPath}
      pipelineId={Number(params['pipelineId'])}
      poll={poll}
      state={state}
      onStateChange={onStateChange}
      renderJobActions={renderJobActions}
    />
  );
}

/** `/<project>/-/pipelines/:id`: the pipeline graph, its downstream pipelines and its timeline. */
export const pipelinePage: ProjectPage = {
  kind: 'pipeline',
  // `/-/pipelines/:id` and GitLab's tabs `/-/pipelines/:id/builds|failures|test_report`: the tab is
  // the `tab` param (gitlab-links.ts PIPELINE_TABS); until a tab has its own view the graph shows.
  match: (rest): Record<string, string> | null => {
    if (rest[0] !== 'pipelines' || !/^[1-9]\d{0,15}$/.test(rest[1] ?? '')) return null;
    if (rest.length === 2) return { pipelineId: rest[1] ?? '' };
    if (rest.length === 3 && (PIPELINE_TABS as readonly string[]).includes(rest[2] ?? '')) return { pipelineId: rest[1] ?? '', tab: rest[2] ?? '' };
    return null;
  },
  load: async ({ queryClient, connection, project, params, env, request }) => {
    const state = parseViewState(new URL(request.url).searchParams);
    await loadPipelinePage(queryClient, connection, project.id, Number(params['pipelineId']), { includeRetried: state.retried, poll: env.poll });
  },
  title: (params, projectPath) => `Pipeline #${params['pipelineId'] ?? ''} · ${projectPath}`,
  Component: PipelinePage,
};

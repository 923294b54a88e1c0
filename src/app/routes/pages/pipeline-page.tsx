import { useQuery } from '@tanstack/react-query';
import { lazy, Suspense, useCallback, useMemo } from 'react';
import { NavLink, useSearchParams } from 'react-router';
import { JobActions } from '../../../features/job-actions/index.ts';
import { loadPipelinePage, parseViewState, PipelineDetails, writeViewState, type PipelineViewState } from '../../../features/pipeline-graph/index.ts';
import { pipelineQueryOptions, ProjectScopeContext, useProjectScope, type Bridge, type Job } from '../../../gitlab/index.ts';
import { LoadingState, projectPath as pagePath } from '../../../ui/index.ts';
import { useAppEnv } from '../../providers.tsx';
import { projectPageModule } from '../project-page.ts';
import type { PipelineParams } from '../project-pages.ts';

// The Failures tab scans logs with the job log's model: its code comes when the tab opens.
const PipelineFailures = lazy(() => import('./pipeline-failures.tsx').then((m) => ({ default: m.PipelineFailures })));

/** The pipeline page's tabs, as GitLab's: the pipeline (graph and timeline) and `/failures`. */
function PipelineTabs({ projectPath, pipelineId }: { projectPath: string; pipelineId: number }) {
  const base = pagePath(projectPath, 'pipelines', pipelineId);
  return (
    <nav className="tabs" aria-label="Pipeline views">
      <NavLink end to={base} className="tabs__tab">
        Pipeline
      </NavLink>
      <NavLink end to={`${base}/failures`} className="tabs__tab">
        Failures
      </NavLink>
    </nav>
  );
}

/**
 * A job's actions on the graph. A downstream pipeline's jobs belong to their own project: they
 * are acted on there (its id names it in links; GitLab sent no path for it).
 */
function PipelineJobActions({ job }: { job: Job | Bridge }) {
  const scope = useProjectScope();
  const owner = job.pipeline?.project_id ?? scope.projectId;
  const ownerScope = useMemo(() => (owner === scope.projectId ? scope : { ...scope, projectId: owner, projectPath: String(owner) }), [scope, owner]);
  return (
    <ProjectScopeContext value={ownerScope}>
      <JobActions job={job} layout="inline" />
    </ProjectScopeContext>
  );
}

const renderJobActions = (job: Job | Bridge) => <PipelineJobActions job={job} />;

function PipelinePage({ params: { pipelineId, tab } }: { params: PipelineParams }) {
  const { poll } = useAppEnv();
  const { connection, projectId, projectPath } = useProjectScope();
  const failuresTab = tab === 'failures';
  // The same cached query as the header's: the digest walks the pipeline's ref.
  const pipeline = useQuery({ ...pipelineQueryOptions(connection, projectId, pipelineId), enabled: failuresTab });
  const [search, setSearch] = useSearchParams();
  const state = useMemo(() => parseViewState(search), [search]);
  const onStateChange = useCallback((next: PipelineViewState) => setSearch((prev) => writeViewState(prev, next)), [setSearch]);
  return (
    <PipelineDetails
      pipelineId={pipelineId}
      poll={poll}
      state={state}
      onStateChange={onStateChange}
      renderJobActions={renderJobActions}
      tabs={<PipelineTabs projectPath={projectPath} pipelineId={pipelineId} />}
      otherTab={
        failuresTab ? (
          <Suspense fallback={<LoadingState label="Loading the failures" />}>
            <PipelineFailures pipelineId={pipelineId} ref={pipeline.data?.ref ?? null} poll={poll} />
          </Suspense>
        ) : undefined
      }
    />
  );
}

/** The pipeline page's code (its URLs and title: `pipelineRoute` in project-pages.ts). */
export const pipelinePage = projectPageModule<PipelineParams>({
  load: async ({ queryClient, connection, project, params, env, search }) => {
    const state = parseViewState(search);
    await loadPipelinePage(queryClient, connection, project.id, params.pipelineId, { includeRetried: state.retried, poll: env.poll });
  },
  Component: PipelinePage,
});

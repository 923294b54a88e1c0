import { useQuery } from '@tanstack/react-query';
import { useCallback, useMemo } from 'react';
import { NavLink, useSearchParams } from 'react-router';
import { FailuresDigest } from '../../../features/failures/index.ts';
import { JobActions } from '../../../features/job-actions/index.ts';
import { findFirstErrors } from '../../../features/job-log/index.ts';
import { loadPipelinePage, parseViewState, PipelineDetails, writeViewState, type PipelineViewState } from '../../../features/pipeline-graph/index.ts';
import { pipelineQueryOptions, type Bridge, type Job } from '../../../gitlab/index.ts';
import { projectPath as pagePath } from '../../../ui/index.ts';
import { useAppEnv, useWriteAccess } from '../../providers.tsx';
import type { ProjectPage, ProjectPageProps } from '../project-pages.tsx';

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

function PipelinePage({ connection, project, projectPath, params }: ProjectPageProps) {
  const { poll } = useAppEnv();
  const pipelineId = Number(params['pipelineId']);
  const failuresTab = params['tab'] === 'failures';
  // The same cached query as the header's: the digest walks the pipeline's ref.
  const pipeline = useQuery({ ...pipelineQueryOptions(connection, project.id, pipelineId), enabled: failuresTab });
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
      pipelineId={pipelineId}
      poll={poll}
      state={state}
      onStateChange={onStateChange}
      renderJobActions={renderJobActions}
      tabs={<PipelineTabs projectPath={projectPath} pipelineId={pipelineId} />}
      otherTab={
        failuresTab ? (
          <FailuresDigest
            connection={connection}
            projectId={project.id}
            projectPath={projectPath}
            pipelineId={pipelineId}
            ref={pipeline.data?.ref ?? null}
            poll={poll}
            findFirstErrors={findFirstErrors}
          />
        ) : undefined
      }
    />
  );
}

/** `/<project>/-/pipelines/:id`: the pipeline graph, its downstream pipelines and its timeline. */
export const pipelinePage: ProjectPage = {
  kind: 'pipeline',
  // `/-/pipelines/:id` and GitLab's `/-/pipelines/:id/failures` (the Failures tab).
  match: (rest) =>
    rest[0] === 'pipelines' && /^[1-9]\d{0,15}$/.test(rest[1] ?? '') && (rest.length === 2 || (rest.length === 3 && rest[2] === 'failures'))
      ? { pipelineId: rest[1] ?? '', ...(rest.length === 3 ? { tab: 'failures' } : {}) }
      : null,
  load: async ({ queryClient, connection, project, params, env, request }) => {
    const state = parseViewState(new URL(request.url).searchParams);
    await loadPipelinePage(queryClient, connection, project.id, Number(params['pipelineId']), { includeRetried: state.retried, poll: env.poll });
  },
  title: (params, projectPath) => `${params['tab'] === 'failures' ? 'Failures · ' : ''}Pipeline #${params['pipelineId'] ?? ''} · ${projectPath}`,
  Component: PipelinePage,
};

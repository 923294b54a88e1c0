import { useQuery } from '@tanstack/react-query';
import { useCallback, useDeferredValue, useMemo, type ReactNode } from 'react';
import { gitlabKeys, isActiveStatus, isFinishedStatus, unavailableReason, useGitLabFeatures, type Bridge, type Job, type PollIntervals, useProjectScope } from '../../gitlab/index.ts';
import { ConnectionStatus, ErrorState, LoadingState, useRouteLinks } from '../../ui/index.ts';
import { Checkbox } from '../../ui/popups.ts';
import { PipelineHeader } from './components/pipeline-header.tsx';
import { PipelineTimeline } from './components/pipeline-timeline.tsx';
import { PipelineGraph } from './components/stage-graph.tsx';
import { GraphContext, type GraphContextValue } from './graph-context.ts';
import { pipelineKey, type PipelineRef } from './model/index.ts';
import { pipelineHeaderQuery } from './pipeline-queries.ts';
import { usePipelineTree, type GraphNode } from './use-pipeline-tree.ts';
import { toggleExpanded, type PipelineViewState } from './view-state.ts';
import './pipeline-graph.css';

/** The project and the connection come from the screen's `ProjectScope` (useProjectScope). */
export interface PipelineDetailsProps {
  pipelineId: number;
  /** Refresh intervals (config.json's `refresh`); the loader must pass the same. */
  poll?: PollIntervals;
  /** View, older attempts, expanded downstream pipelines: kept in the URL by the route. */
  state: PipelineViewState;
  onStateChange: (next: PipelineViewState) => void;
  /** The job actions slot on every job node (the job-actions feature, wired by the route). */
  renderJobActions?: (job: Job | Bridge) => ReactNode;
  /** The page's tabs, under the header (wired by the route). */
  tabs?: ReactNode;
  /** Another tab's content (the Failures digest) in place of the graph and its toolbar. */
  otherTab?: ReactNode;
}

/** The same pipeline, still loading: what the graph shows until its first deferred render. */
function loadingNode(node: GraphNode): GraphNode {
  return { ...node, state: 'loading', graph: null, error: null, children: [] };
}

/** The pipeline page: header, jobs by stage with trigger jobs and downstream pipelines, or the timeline; live while it runs. */
export function PipelineDetails({ pipelineId, poll, state, onStateChange, renderJobActions, tabs, otherTab }: PipelineDetailsProps) {
  const { connection, projectId, projectPath } = useProjectScope();
  const header = useQuery(pipelineHeaderQuery(connection, projectId, pipelineId, poll));
  // `include_retried` came with 13.9: an older host ignores it, so the toggle says so instead.
  const retriedReason = unavailableReason(useGitLabFeatures(connection), 'includeRetried');
  const root = useMemo<PipelineRef>(() => ({ project: projectId, pipelineId }), [projectId, pipelineId]);
  const tree = usePipelineTree(connection, root, state.expand, state.retried, poll, isFinishedStatus(header.data?.status));
  // A live update redraws the graph in an interruptible render, so a thousand-job graph does not
  // hold a frame while the header and the rest stay current. On the first render too (its initial
  // value says "loading"): the header paints at once and the graph follows, instead of the page's
  // first paint waiting for a thousand nodes to be built and laid out.
  const shownTree = useDeferredValue(tree.tree, loadingNode(tree.tree));

  const onToggleExpand = useCallback((ref: PipelineRef) => onStateChange(toggleExpanded(state, ref)), [onStateChange, state]);
  const expandedKeys = useMemo(() => new Set(state.expand.map(pipelineKey)), [state.expand]);
  // One handler for every RouteLink of the graph: a plain left click navigates in-app.
  const { href, onClick: handleClick } = useRouteLinks();
  const context = useMemo<GraphContextValue>(
    () => ({
      rootProjectPath: projectPath,
      rootProjectId: projectId,
      includeRetried: state.retried,
      expanded: expandedKeys,
      onToggleExpand,
      renderJobActions,
      href,
    }),
    [projectPath, projectId, state.retried, expandedKeys, onToggleExpand, renderJobActions, href],
  );

  if (header.isPending) return <LoadingState label={`Loading pipeline #${pipelineId}`} />;
  if (header.isError && header.data === undefined) {
    return <ErrorState error={header.error} headingLevel={1} onRetry={() => void header.refetch()} />;
  }
  const pipeline = header.data;
  const graph = shownTree.graph;
  const commitTitle = graph?.jobs.find((j) => j.commit?.title)?.commit?.title ?? null;
  const live = isActiveStatus(pipeline.status);

  let body: ReactNode;
  if (shownTree.state === 'loading') body = <LoadingState label="Loading the pipeline's jobs" />;
  else if (shownTree.state === 'error') body = <ErrorState error={shownTree.error} onRetry={tree.refetch} />;
  else if (graph && state.view === 'timeline') {
    body = <PipelineTimeline graph={graph} project={projectPath} includeRetried={state.retried} live={live} />;
  } else {
    body = <PipelineGraph node={shownTree} project={projectPath} depth={0} label={`Stages of pipeline #${pipelineId}`} />;
  }

  if (otherTab) {
    return (
      <div className="pipeline-page">
        <PipelineHeader pipeline={pipeline} commitTitle={commitTitle} measuredAt={header.dataUpdatedAt} />
        {tabs}
        {otherTab}
      </div>
    );
  }

  return (
    <GraphContext.Provider value={context}>
      {/* Clicks are delegated here from the graph's links (RouteLink); keyboard activation of a link is a click too. */}
      <div className="pipeline-page" onClick={handleClick}>
        <PipelineHeader pipeline={pipeline} commitTitle={commitTitle} measuredAt={header.dataUpdatedAt} />
        {tabs}
        {/* Fresh, stale, rate limited, unreachable or token expired: the same marker on every page. */}
        <ConnectionStatus queryKey={gitlabKeys.host(connection)} live={isFinishedStatus(pipeline.status) ? 'finished' : live ? 'refreshing while the pipeline runs' : 'waiting'} />
        <div className="pg-toolbar">
          <div role="group" aria-label="View" className="pg-toolbar__views">
            <button type="button" className="button" aria-pressed={state.view === 'graph'} onClick={() => onStateChange({ ...state, view: 'graph' })}>
              Graph
            </button>
            <button type="button" className="button" aria-pressed={state.view === 'timeline'} onClick={() => onStateChange({ ...state, view: 'timeline' })}>
              Timeline
            </button>
          </div>
          <Checkbox
            className="pg-toolbar__retried"
            checked={state.retried && !retriedReason}
            disabled={retriedReason !== undefined}
            describedBy={retriedReason ? `${pipelineId}-retried-reason` : undefined}
            onCheckedChange={(retried) => onStateChange({ ...state, retried })}
          >
            Show retried jobs
          </Checkbox>
          {retriedReason ? (
            <span id={`${pipelineId}-retried-reason`} className="muted small">
              ({retriedReason})
            </span>
          ) : null}
        </div>
        {tree.truncated ? <p className="banner">This pipeline has more jobs than the dashboard fetches at once; the graph shows the first ones.</p> : null}
        <section className="pg-view" aria-label={state.view === 'timeline' ? 'Timeline' : 'Jobs by stage'}>
          <h2 className="visually-hidden">{state.view === 'timeline' ? 'Timeline' : 'Jobs by stage'}</h2>
          {body}
        </section>
      </div>
    </GraphContext.Provider>
  );
}

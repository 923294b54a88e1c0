import { createElement, memo, useMemo, useState, type ReactNode } from 'react';
import type { Bridge, Job } from '../../../gitlab/index.ts';
import { ErrorState, LoadingState, projectPath, StatusIcon, statusLook } from '../../../ui/index.ts';
import { projectLinkRef, useGraphContext } from '../graph-context.ts';
import { buildStageGraph, type DownstreamEdge, type PipelineJobsInput, type StageColumn } from '../model/index.ts';
import type { GraphNode } from '../use-pipeline-tree.ts';
import { GroupNode } from './job-node.tsx';
import { RouteLink } from './route-link.tsx';
import { useProgressiveCount } from './use-progressive-count.ts';

/** Columns drawn on the first paint: what a wide screen shows; the rest follow a frame later. */
const FIRST_COLUMNS = 8;
/** Nodes per column drawn on the first paint: what a tall screen shows under the header; the rest follow with the other columns. */
const FIRST_ROWS = 24;

type AnyJob = Job | Bridge;
type StageGraphOf = ReturnType<typeof buildStageGraph<Job, Bridge>>;

/**
 * Built stage graphs by the lists they came from (the query's own arrays) and the retried flag.
 * The graph is drawn in an interruptible render, which React throws away and starts again when
 * something urgent comes in meanwhile (a poll of the header, another query); a `useMemo` of a
 * render that never committed is lost, so a big pipeline's grouping and sorting was done again at
 * each restart (up to four times before the first frame at load 7). Weak keys: a list that is
 * no longer in the cache goes with its graph.
 */
const builtGraphs = new WeakMap<readonly Job[], WeakMap<readonly Bridge[], Map<boolean, StageGraphOf>>>();

function stageGraphOf(graph: PipelineJobsInput<Job, Bridge>, includeRetried: boolean): StageGraphOf {
  let byBridges = builtGraphs.get(graph.jobs);
  if (!byBridges) builtGraphs.set(graph.jobs, (byBridges = new WeakMap()));
  let byFlag = byBridges.get(graph.bridges);
  if (!byFlag) byBridges.set(graph.bridges, (byFlag = new Map()));
  let built = byFlag.get(includeRetried);
  if (!built) byFlag.set(includeRetried, (built = buildStageGraph(graph, { includeRetried })));
  return built;
}
/** A heading whose level follows the nesting of downstream graphs (h3 for the page's stages). */
function Heading({ level, className, children }: { level: number; className: string; children: ReactNode }) {
  return createElement(`h${Math.min(6, Math.max(2, level))}`, { className }, children);
}

/** What a column shows, as one string: a live update that changes nothing in a column does not redraw it. */
function columnSignature(stage: StageColumn<AnyJob>, includeRetried: boolean): string {
  const parts: string[] = [stage.status ?? '', String(stage.warnings)];
  for (const g of stage.groups) {
    parts.push(`${g.name}\u0001${g.status ?? ''}\u0001${g.warnings}`);
    for (const j of g.jobs) {
      const down = 'downstream_pipeline' in j ? j.downstream_pipeline : undefined;
      parts.push(`${j.id}:${j.status}:${j.allow_failure === true}:${down?.id ?? ''}:${down?.status ?? ''}`);
    }
    if (includeRetried) for (const j of g.retried) parts.push(`r${j.id}:${j.status}`);
  }
  return parts.join('\u0002');
}

interface StageViewProps {
  stage: StageColumn<AnyJob>;
  signature: string;
  project: string | number;
  headingLevel: number;
  /** Groups drawn (the first rows until the rest follow). */
  rows: number;
  highlight: boolean;
  /** The connector from the previous column is lit. */
  linkIn: boolean;
  onHover: (index: number | null) => void;
}

const StageView = memo(
  function StageView({ stage, project, headingLevel, rows, highlight, linkIn, onHover }: StageViewProps) {
    const look = statusLook(stage.status, false);
    return (
      <li
        className={`pg-stage${highlight ? ' is-highlighted' : ''}${linkIn ? ' is-link-lit' : ''}`}
        data-stage={stage.name}
        onMouseEnter={() => onHover(stage.index)}
        onFocus={() => onHover(stage.index)}
      >
        <Heading level={headingLevel} className="pg-stage__title">
          <StatusIcon status={stage.status} allowFailure={stage.warnings && stage.status === 'success'} />
          <span>{stage.name === '' ? '(no stage)' : stage.name}</span>
          <span className="visually-hidden">
            , {look.label}
            {stage.warnings ? ' with warnings' : ''}
          </span>
        </Heading>
        <ul className="pg-stage__groups" aria-label={`Jobs of stage ${stage.name}`}>
          {stage.groups.slice(0, rows).map((group) => (
            <li key={`${group.node}:${group.name}`} className={group.failed ? 'is-failed' : undefined}>
              <GroupNode group={group} project={project} />
            </li>
          ))}
        </ul>
      </li>
    );
  },
  (a, b) =>
    a.signature === b.signature &&
    a.project === b.project &&
    a.headingLevel === b.headingLevel &&
    a.rows === b.rows &&
    a.highlight === b.highlight &&
    a.linkIn === b.linkIn &&
    a.onHover === b.onHover,
);

export interface PipelineGraphProps {
  node: GraphNode;
  /** The project of this pipeline, as the dashboard links it. */
  project: string | number;
  depth: number;
  /** Accessible name of the list of stages. */
  label: string;
}

/** Stage columns of one pipeline, then its downstream pipelines; expanded ones draw their own graph inside their card. */
export function PipelineGraph({ node, project, depth, label }: PipelineGraphProps) {
  const { includeRetried } = useGraphContext();
  const [hover, setHover] = useState<number | null>(null);
  const graph = node.graph;
  const stageGraph = useMemo(() => (graph ? stageGraphOf(graph, includeRetried) : null), [graph, includeRetried]);
  const columns = useProgressiveCount(stageGraph?.stages.length ?? 0, FIRST_COLUMNS);
  const rows = useProgressiveCount(stageGraph ? Math.max(0, ...stageGraph.stages.map((s) => s.groups.length)) : 0, FIRST_ROWS);
  if (!stageGraph) return null;
  return (
    <div className="pg-graph" data-depth={depth}>
      {stageGraph.stages.length === 0 ? (
        <p className="muted">This pipeline has no jobs.</p>
      ) : (
        <ol className="pg-stages" aria-label={label} onMouseLeave={() => setHover(null)}>
          {stageGraph.stages.slice(0, columns).map((stage) => (
            <StageView
              key={stage.name}
              stage={stage}
              signature={columnSignature(stage, includeRetried)}
              project={project}
              headingLevel={3 + depth}
              rows={rows}
              highlight={hover === stage.index}
              linkIn={hover !== null && stage.index > 0 && (hover === stage.index || hover === stage.index - 1)}
              onHover={setHover}
            />
          ))}
        </ol>
      )}
      {node.children.length > 0 ? <DownstreamColumn edges={node.children} depth={depth} pipelineId={node.ref.pipelineId} /> : null}
    </div>
  );
}

function DownstreamColumn({ edges, depth, pipelineId }: { edges: DownstreamEdge<Job, Bridge>[]; depth: number; pipelineId: number }) {
  return (
    <section className="pg-downstream" aria-label={`Downstream pipelines of #${pipelineId}`}>
      <Heading level={3 + depth} className="pg-stage__title">
        Downstream
      </Heading>
      <ul className="pg-downstream__cards">
        {edges.map((edge) => (
          <li key={edge.card.bridge.id}>
            <DownstreamCard edge={edge} depth={depth} />
          </li>
        ))}
      </ul>
    </section>
  );
}

function kindLabel(kind: string): string {
  if (kind === 'child') return 'Child pipeline';
  if (kind === 'multi-project') return 'Multi-project pipeline';
  return 'Downstream pipeline';
}

/** A trigger job's downstream pipeline: project, status, #id, a link to its page, and inline expansion. */
function DownstreamCard({ edge, depth }: { edge: DownstreamEdge<Job, Bridge>; depth: number }) {
  const ctx = useGraphContext();
  const { card, node } = edge;
  if (card.pipelineId === null) {
    return (
      <div className="pg-card is-empty" data-kind="none">
        <div className="pg-card__row">
          <StatusIcon status={card.bridge.status} />
          <span className="pg-card__title">{card.bridge.name}</span>
        </div>
        <p className="pg-card__meta">{card.notCreatedYet ? 'Downstream pipeline not created yet' : 'No downstream pipeline was created'}</p>
      </div>
    );
  }
  const target = projectLinkRef(ctx, card.projectId, card.projectPath);
  const projectLabel = card.projectPath ?? (card.projectId === ctx.rootProjectId ? ctx.rootProjectPath : `project ${card.projectId ?? '?'}`);
  const kind = kindLabel(card.kind);
  const look = statusLook(card.status, false);
  const ref = card.ref;
  const expanded = node !== null && node.state !== 'collapsed' && node.state !== 'cycle';
  let body: ReactNode = null;
  if (node && expanded) {
    if (node.state === 'loading') body = <LoadingState label={`Loading pipeline #${card.pipelineId}`} rows={2} />;
    else if (node.state === 'error') body = <ErrorState error={node.error} />;
    else if (node.state === 'loaded')
      body = <PipelineGraph node={node} project={target} depth={depth + 1} label={`Stages of ${projectLabel} pipeline #${card.pipelineId}`} />;
    else if (node.state === 'repeated') body = <p className="pg-card__note">This pipeline is already shown elsewhere on this page.</p>;
    else body = <p className="pg-card__note">Too many nested pipelines to draw here: open its own page.</p>;
  }
  return (
    <div className={`pg-card${expanded ? ' is-expanded' : ''}`} data-kind={card.kind} data-status={card.status ?? ''}>
      <div className="pg-card__row">
        <StatusIcon status={card.status} />
        <RouteLink className="pg-card__title" path={projectPath(target, 'pipelines', card.pipelineId)}>
          {projectLabel} #{card.pipelineId}
        </RouteLink>
        {ref && node && node.state !== 'cycle' ? (
          <button
            type="button"
            className="button pg-card__toggle"
            aria-expanded={expanded}
            aria-label={`${expanded ? 'Collapse' : 'Expand'} ${projectLabel} #${card.pipelineId}`}
            onClick={() => ctx.onToggleExpand(ref)}
          >
            {expanded ? 'Collapse' : 'Expand'}
          </button>
        ) : null}
      </div>
      <p className="pg-card__meta">
        {kind} · {look.label} · from {card.bridge.name}
      </p>
      {node?.state === 'cycle' ? <p className="pg-card__note">This pipeline is one of its own ancestors (a cycle).</p> : null}
      {body ? <div className="pg-card__body">{body}</div> : null}
    </div>
  );
}

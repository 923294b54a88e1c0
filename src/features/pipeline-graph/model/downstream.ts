// Downstream pipelines of trigger jobs (bridges) and their recursive expansion.
// A bridge's `downstream_pipeline` is a PipelineBasic, `null` until GitLab has created it,
// and may live in another project: its `project_id` says which (FACTS.md "Entities").
// Child vs multi-project follows the downstream pipeline's `source` as GitLab sets it
// (`parent_pipeline` for `trigger: include`, `pipeline` for `trigger: project`: gitlab-org/gitlab
// `app/models/ci/bridge.rb` #downstream_pipeline_params); older responses without `source`
// fall back to comparing projects, which is sound because
// `app/services/ci/create_downstream_pipeline_service.rb` refuses a multi-project trigger
// into its own project (`invalid_bridge_trigger`). That service also caps child nesting
// (MAX_NESTED_CHILDREN = 2) and the whole tree (`pipeline_hierarchy_size`); real trees hold
// no pipeline twice, but the expansion below still guards against cycles and runaway depth.

import { isFinishedStatus } from '../../../gitlab/index.ts';
import type { GraphBridgeInput, GraphJobInput, PipelineJobsInput } from './types.ts';

/** Where a pipeline lives: a project id, or a project path when only the web URL names it. */
export interface PipelineRef {
  project: number | string;
  pipelineId: number;
}

/** A stable key for a pipeline, e.g. for cycle checks and expanded-state sets. */
export function pipelineKey(ref: PipelineRef): string {
  return `${String(ref.project)}#${ref.pipelineId}`;
}

export type DownstreamKind = 'child' | 'multi-project' | 'unknown';

/** created: the downstream pipeline exists; pending: not created yet; none: the bridge finished without one. */
export type DownstreamState = 'created' | 'pending' | 'none';

export interface DownstreamCard<B extends GraphBridgeInput = GraphBridgeInput> {
  bridge: B;
  pipelineId: number | null;
  iid: number | null;
  projectId: number | null;
  /** `group/project` read from the pipeline's web URL, when it has one. */
  projectPath: string | null;
  kind: DownstreamKind;
  isChild: boolean;
  /** The downstream pipeline's status; null while it does not exist. */
  status: string | null;
  state: DownstreamState;
  /** The bridge has not created its pipeline yet (it is still created, pending, running, manual…). */
  notCreatedYet: boolean;
  webUrl: string | null;
  /** What to fetch to expand the card, or null when there is nothing to fetch. */
  ref: PipelineRef | null;
}

export interface ParentPipeline {
  projectId?: number | null;
  projectPath?: string | null;
}

/**
 * The project path in a GitLab pipeline or job URL (`…/group/project/-/pipelines/5`),
 * relative to `instanceUrl` when the instance lives under a sub-path.
 */
export function projectPathFromWebUrl(webUrl: string | null | undefined, instanceUrl?: string): string | null {
  if (webUrl === null || webUrl === undefined || webUrl === '') return null;
  let pathname: string;
  try {
    pathname = new URL(webUrl).pathname;
  } catch {
    return null;
  }
  if (instanceUrl !== undefined) {
    try {
      const root = new URL(instanceUrl).pathname.replace(/\/+$/, '');
      if (root !== '' && pathname.startsWith(`${root}/`)) pathname = pathname.slice(root.length);
    } catch {
      // An invalid instance URL strips nothing.
    }
  }
  // Newer URLs have `/-/pipelines/5`, older ones `/pipelines/5`; jobs likewise.
  const match = /^\/(.+?)(?:\/-)?\/(?:pipelines|jobs)\/\d+\/?$/.exec(pathname);
  return match?.[1] !== undefined ? decodeURIComponent(match[1]) : null;
}

function kindOf(
  source: string | null | undefined,
  projectId: number | null,
  projectPath: string | null,
  parent: { projectId: number | null; projectPath: string | null },
): DownstreamKind {
  if (source === 'parent_pipeline') return 'child';
  if (source === 'pipeline') return 'multi-project';
  if (projectId !== null && parent.projectId !== null) return projectId === parent.projectId ? 'child' : 'multi-project';
  if (projectPath !== null && parent.projectPath !== null) return projectPath === parent.projectPath ? 'child' : 'multi-project';
  return 'unknown';
}

/** The downstream card of each bridge, in the bridges' order. */
export function downstreamCards<B extends GraphBridgeInput>(
  bridges: readonly B[],
  parent: ParentPipeline = {},
  instanceUrl?: string,
): DownstreamCard<B>[] {
  return bridges.map((bridge): DownstreamCard<B> => {
    const down = bridge.downstream_pipeline ?? null;
    const parentInfo = {
      projectId: bridge.pipeline?.project_id ?? parent.projectId ?? null,
      projectPath:
        parent.projectPath ??
        projectPathFromWebUrl(bridge.pipeline?.web_url, instanceUrl) ??
        projectPathFromWebUrl(bridge.web_url, instanceUrl),
    };
    if (down === null) {
      const finished = isFinishedStatus(bridge.status);
      return {
        bridge,
        pipelineId: null,
        iid: null,
        projectId: null,
        projectPath: null,
        kind: 'unknown',
        isChild: false,
        status: null,
        state: finished ? 'none' : 'pending',
        notCreatedYet: !finished,
        webUrl: null,
        ref: null,
      };
    }
    const projectPath = projectPathFromWebUrl(down.web_url, instanceUrl);
    let projectId = down.project_id ?? null;
    const kind = kindOf(down.source, projectId, projectPath, parentInfo);
    // A child pipeline lives in its parent's project even when the response omits project_id.
    if (projectId === null && kind === 'child') projectId = parentInfo.projectId;
    const pipelineId = down.id ?? null;
    const project = projectId ?? projectPath;
    return {
      bridge,
      pipelineId,
      iid: down.iid ?? null,
      projectId,
      projectPath,
      kind,
      isChild: kind === 'child',
      status: down.status ?? null,
      state: 'created',
      notCreatedYet: false,
      webUrl: down.web_url ?? null,
      ref: pipelineId !== null && project !== null ? { project, pipelineId } : null,
    };
  });
}

/**
 * loaded: the graph is here; loading: not fetched yet (lazy tree); error: fetching failed;
 * collapsed: not expanded (lazy tree); cycle: the pipeline is its own ancestor;
 * repeated: already shown elsewhere in the tree; depth-limit / count-limit: caps reached.
 */
export type DownstreamNodeState = 'loaded' | 'loading' | 'error' | 'collapsed' | 'cycle' | 'repeated' | 'depth-limit' | 'count-limit';

export interface DownstreamNode<J extends GraphJobInput, B extends GraphBridgeInput> {
  ref: PipelineRef;
  key: string;
  /** 0 for the root pipeline. */
  depth: number;
  state: DownstreamNodeState;
  graph: PipelineJobsInput<J, B> | null;
  error: unknown;
  /** One per bridge of the graph, in the bridges' order. */
  children: DownstreamEdge<J, B>[];
}

export interface DownstreamEdge<J extends GraphJobInput, B extends GraphBridgeInput> {
  card: DownstreamCard<B>;
  /** null when the card has nothing to expand (no pipeline yet, or no way to name it). */
  node: DownstreamNode<J, B> | null;
}

export interface ExpandOptions {
  /** Deepest level expanded; the root is 0. Default 5. */
  maxDepth?: number;
  /** Most pipelines fetched in one tree, the root included. Default 50. */
  maxPipelines?: number;
  instanceUrl?: string;
}

const DEFAULT_MAX_DEPTH = 5;
const DEFAULT_MAX_PIPELINES = 50;

function parentOf(ref: PipelineRef): ParentPipeline {
  return typeof ref.project === 'number' ? { projectId: ref.project } : { projectPath: ref.project };
}

function leaf<J extends GraphJobInput, B extends GraphBridgeInput>(
  ref: PipelineRef,
  depth: number,
  state: DownstreamNodeState,
): DownstreamNode<J, B> {
  return { ref, key: pipelineKey(ref), depth, state, graph: null, error: null, children: [] };
}

/** Guards shared by the eager and the lazy tree: cycle, repeat, depth and count caps. */
function guard(
  ref: PipelineRef,
  depth: number,
  ancestors: ReadonlySet<string>,
  seen: Set<string>,
  maxDepth: number,
  maxPipelines: number,
): DownstreamNodeState | null {
  const key = pipelineKey(ref);
  if (ancestors.has(key)) return 'cycle';
  if (seen.has(key)) return 'repeated';
  if (depth > maxDepth) return 'depth-limit';
  if (seen.size >= maxPipelines) return 'count-limit';
  seen.add(key);
  return null;
}

/**
 * Fetches the root pipeline and every downstream pipeline below it, depth first in the
 * bridges' order, across projects; `fetchPipeline` is injected, failures stay in their node.
 */
export async function expandDownstream<J extends GraphJobInput, B extends GraphBridgeInput>(
  root: PipelineRef,
  fetchPipeline: (ref: PipelineRef) => Promise<PipelineJobsInput<J, B>>,
  options: ExpandOptions = {},
): Promise<DownstreamNode<J, B>> {
  const maxDepth = options.maxDepth ?? DEFAULT_MAX_DEPTH;
  const maxPipelines = options.maxPipelines ?? DEFAULT_MAX_PIPELINES;
  const seen = new Set<string>();

  const visit = async (ref: PipelineRef, depth: number, ancestors: ReadonlySet<string>): Promise<DownstreamNode<J, B>> => {
    const stop = guard(ref, depth, ancestors, seen, maxDepth, maxPipelines);
    if (stop !== null) return leaf(ref, depth, stop);
    const node = leaf<J, B>(ref, depth, 'loaded');
    try {
      node.graph = await fetchPipeline(ref);
    } catch (error: unknown) {
      node.state = 'error';
      node.error = error;
      return node;
    }
    const below = new Set(ancestors).add(node.key);
    for (const card of downstreamCards(node.graph.bridges, parentOf(ref), options.instanceUrl)) {
      node.children.push({ card, node: card.ref === null ? null : await visit(card.ref, depth + 1, below) });
    }
    return node;
  };

  return visit(root, 0, new Set());
}

/** What the caller knows of a pipeline: its graph, an error, or nothing yet. */
export type PipelineLookup<J extends GraphJobInput, B extends GraphBridgeInput> =
  | { graph: PipelineJobsInput<J, B> }
  | { error: unknown }
  | undefined;

export interface LazyTreeOptions extends ExpandOptions {
  /** Keys (pipelineKey) of the cards the user expanded. The root is always expanded. */
  expanded: ReadonlySet<string>;
}

/**
 * The same tree without fetching: built from what is already loaded (e.g. the query cache),
 * expanding only the cards in `expanded`; `wanted` lists what to fetch next.
 */
export function resolveDownstreamTree<J extends GraphJobInput, B extends GraphBridgeInput>(
  root: PipelineRef,
  lookup: (ref: PipelineRef) => PipelineLookup<J, B>,
  options: LazyTreeOptions,
): { tree: DownstreamNode<J, B>; wanted: PipelineRef[] } {
  const maxDepth = options.maxDepth ?? DEFAULT_MAX_DEPTH;
  const maxPipelines = options.maxPipelines ?? DEFAULT_MAX_PIPELINES;
  const seen = new Set<string>();
  const wanted: PipelineRef[] = [];

  const visit = (ref: PipelineRef, depth: number, ancestors: ReadonlySet<string>): DownstreamNode<J, B> => {
    if (depth > 0 && !options.expanded.has(pipelineKey(ref))) {
      // A collapsed card is still guarded, so a cycle shows as a cycle, not as a card to open.
      if (ancestors.has(pipelineKey(ref))) return leaf(ref, depth, 'cycle');
      return leaf(ref, depth, 'collapsed');
    }
    const stop = guard(ref, depth, ancestors, seen, maxDepth, maxPipelines);
    if (stop !== null) return leaf(ref, depth, stop);
    const known = lookup(ref);
    if (known === undefined) {
      wanted.push(ref);
      return leaf(ref, depth, 'loading');
    }
    if ('error' in known) return { ...leaf<J, B>(ref, depth, 'error'), error: known.error };
    const node = leaf<J, B>(ref, depth, 'loaded');
    node.graph = known.graph;
    const below = new Set(ancestors).add(node.key);
    for (const card of downstreamCards(known.graph.bridges, parentOf(ref), options.instanceUrl)) {
      node.children.push({ card, node: card.ref === null ? null : visit(card.ref, depth + 1, below) });
    }
    return node;
  };

  return { tree: visit(root, 0, new Set()), wanted };
}

// The pipelines a failures digest covers: the root and every downstream pipeline its trigger
// jobs made (child and multi-project, nested), each with how its history is walked
// (gitlab/failing-since.md). Pure: the hook feeds it what the queries have loaded so far.
import type { Bridge, Job, Lineage, PipelineBasic, ProjectRef } from '../../../gitlab/index.ts';
import { latestAttempt } from '../../../gitlab/index.ts';

export type DigestKind = 'root' | 'child' | 'multi-project';

export interface DigestPipeline {
  key: string;
  project: ProjectRef;
  pipelineId: number;
  kind: DigestKind;
  /** Trigger job names from the root to this pipeline ([] for the root). */
  path: string[];
  ref: string | null;
  /** How its jobs' history is walked; null while its ref is unknown. */
  lineage: Lineage | null;
  depth: number;
}

export interface DigestLoaded {
  jobs?: readonly Job[] | undefined;
  bridges?: readonly Bridge[] | undefined;
}

/** Downstream pipelines are followed this deep (GitLab allows two levels of children). */
export const MAX_DIGEST_DEPTH = 3;
/** And no more pipelines than this in one digest. */
export const MAX_DIGEST_PIPELINES = 25;

export function digestKey(project: ProjectRef, pipelineId: number): string {
  return `${String(project)}#${pipelineId}`;
}

/** `group/project` of a pipeline's web URL, for GitLab versions whose downstream pipeline has no project_id. */
export function projectPathOfUrl(webUrl: string | null | undefined, host: string): string | null {
  if (!webUrl) return null;
  try {
    const root = new URL(host).pathname.replace(/\/+$/, '');
    let path = new URL(webUrl).pathname;
    if (root && path.startsWith(`${root}/`)) path = path.slice(root.length);
    const m = /^\/(.+?)(?:\/-)?\/pipelines\/\d+\/?$/.exec(path);
    return m?.[1] ? decodeURIComponent(m[1]) : null;
  } catch {
    return null;
  }
}

function kindOf(down: PipelineBasic, parentProject: ProjectRef, downProject: ProjectRef): DigestKind {
  if (down.source === 'parent_pipeline') return 'child';
  if (down.source === 'pipeline') return 'multi-project';
  return String(downProject) === String(parentProject) ? 'child' : 'multi-project';
}

/**
 * The digest's pipelines, root first then breadth first, as far as `loaded` reaches
 * (a pipeline's downstream ones appear once its trigger jobs are loaded).
 */
export function digestPipelines(
  root: { project: ProjectRef; pipelineId: number; ref: string | null },
  loaded: (key: string) => DigestLoaded | undefined,
  host: string,
): DigestPipeline[] {
  const first: DigestPipeline = {
    key: digestKey(root.project, root.pipelineId),
    project: root.project,
    pipelineId: root.pipelineId,
    kind: 'root',
    path: [],
    ref: root.ref,
    lineage: root.ref ? { project: root.project, ref: root.ref } : null,
    depth: 0,
  };
  const out = [first];
  const seen = new Set([first.key]);
  // The nearest root or multi-project pipeline above each one: the walk of a child goes through it.
  const anchors = new Map<string, { node: DigestPipeline; path: string[] }>([[first.key, { node: first, path: [] }]]);
  for (let i = 0; i < out.length && out.length < MAX_DIGEST_PIPELINES; i++) {
    const node = out[i];
    if (!node || node.depth >= MAX_DIGEST_DEPTH) continue;
    const bridges = loaded(node.key)?.bridges ?? [];
    const names = [...new Set(bridges.map((b) => b.name))];
    for (const name of names) {
      const bridge = latestAttempt(bridges, name);
      const down = bridge?.downstream_pipeline;
      if (!down) continue;
      const project: ProjectRef = down.project_id ?? projectPathOfUrl(down.web_url, host) ?? node.project;
      const key = digestKey(project, down.id);
      if (seen.has(key) || out.length >= MAX_DIGEST_PIPELINES) continue;
      seen.add(key);
      const kind = kindOf(down, node.project, project);
      const anchor = anchors.get(node.key) ?? { node, path: [] };
      const ref = down.ref ?? (kind === 'child' ? node.ref : null);
      let lineage: Lineage | null = null;
      if (kind === 'multi-project') lineage = ref ? { project, ref } : null;
      else if (anchor.node.ref) {
        lineage = {
          project,
          ref: anchor.node.ref,
          via: { rootProject: anchor.node.project, rootPipelineId: anchor.node.pipelineId, bridges: [...anchor.path, name] },
        };
      }
      const child: DigestPipeline = { key, project, pipelineId: down.id, kind, path: [...node.path, name], ref, lineage, depth: node.depth + 1 };
      out.push(child);
      anchors.set(key, kind === 'multi-project' ? { node: child, path: [] } : { node: anchor.node, path: [...anchor.path, name] });
    }
  }
  return out;
}

export interface FailedEntry {
  job: Job;
  pipeline: DigestPipeline;
  /** failed with allow_failure: a warning, listed apart. */
  allowed: boolean;
}

/** Every failed job (latest attempts only) of the digest's pipelines, in pipeline order then stage order. */
export function failedEntries(pipelines: readonly DigestPipeline[], loaded: (key: string) => DigestLoaded | undefined): FailedEntry[] {
  const out: FailedEntry[] = [];
  for (const pipeline of pipelines) {
    const jobs = loaded(pipeline.key)?.jobs ?? [];
    const names = [...new Set(jobs.map((j) => j.name))];
    const latest = names.map((n) => latestAttempt(jobs, n)).filter((j): j is Job => j !== null && j.status === 'failed');
    latest.sort((a, b) => a.id - b.id);
    for (const job of latest) out.push({ job, pipeline, allowed: job.allow_failure === true });
  }
  return out;
}

/**
 * Every TanStack Query key of the app, from general to specific, rooted at ['gitlab', host].
 * Keys are built here and only here; invalidation uses the same builders (a prefix key
 * invalidates everything under it). Tokens are never part of a key: when the token changes,
 * the app removes the host's queries (`removeQueries({ queryKey: gitlabKeys.host(host) })`).
 */
import { tryNormalizeHost } from './transport.ts';
import type { Connection, ProjectRef } from './transport.ts';

/** The host part of every key: the normalised host, so `…/` and `…/api/v4` share a cache. */
export function hostKey(conn: Pick<Connection, 'host'> | string): string {
  const host = typeof conn === 'string' ? conn : conn.host;
  return tryNormalizeHost(host) ?? host;
}

/** A project in a key: ids as digits, paths without surrounding slashes and lower-cased (GitLab paths are case-insensitive). */
export function projectKey(project: ProjectRef): string {
  if (typeof project === 'number') return String(project);
  return project.trim().replace(/^\/+|\/+$/g, '').toLowerCase();
}

export interface JobListParams {
  scope?: readonly string[];
  perPage?: number;
  /**
   * Default 'keyset' (falls back to offset by itself). Pass 'offset' when the host is known to
   * lack keyset on jobs (`gitlabFeatures(version).keysetJobs === false`) to save the refused request.
   */
  pagination?: 'keyset' | 'offset';
}
export interface PipelineListParams {
  ref?: string;
  /** A commit's pipelines (GitLab's `sha`). */
  sha?: string;
  status?: string;
  scope?: string;
  source?: string;
  username?: string;
  /** ISO time: only pipelines updated after it (GitLab 12.6+; older versions ignore it and list all). */
  updatedAfter?: string;
  perPage?: number;
}
export interface PipelineJobsParams {
  includeRetried?: boolean;
  scope?: readonly string[];
}
export interface FailingSinceKeyParams {
  ref?: string;
  child?: boolean;
  window?: number;
  /** A downstream lineage: the root's project and pipeline, then the trigger jobs' names in order (kept in order: only top-level arrays are sorted). */
  via?: { rootProject: ProjectRef; rootPipelineId: number; bridges: readonly string[] } | undefined;
}
export interface ProjectListParams {
  search?: string;
  membership?: boolean;
  perPage?: number;
}
export interface ArtifactTreeParams {
  path?: string;
  recursive?: boolean;
}

/** Drops undefined values and sorts arrays so equal filters give equal keys. */
function clean<T extends object>(params: T | undefined): T {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(params ?? {})) {
    if (v === undefined) continue;
    out[k] = Array.isArray(v) ? [...(v as unknown[])].map(String).sort() : v;
  }
  return out as T;
}

type HostArg = Pick<Connection, 'host'> | string;

export const gitlabKeys = {
  all: () => ['gitlab'] as const,
  host: (c: HostArg) => ['gitlab', hostKey(c)] as const,
  version: (c: HostArg) => [...gitlabKeys.host(c), 'version'] as const,
  user: (c: HostArg) => [...gitlabKeys.host(c), 'user'] as const,
  tokenSelf: (c: HostArg) => [...gitlabKeys.host(c), 'token', 'self'] as const,
  connection: (c: HostArg) => [...gitlabKeys.host(c), 'connection'] as const,

  projects: (c: HostArg) => [...gitlabKeys.host(c), 'projects'] as const,
  projectList: (c: HostArg, params?: ProjectListParams) => [...gitlabKeys.projects(c), 'list', clean(params)] as const,
  projectListPage: (c: HostArg, params: ProjectListParams | undefined, page: number) => [...gitlabKeys.projectList(c, params), page] as const,
  project: (c: HostArg, project: ProjectRef) => [...gitlabKeys.projects(c), projectKey(project)] as const,

  jobs: (c: HostArg, project: ProjectRef) => [...gitlabKeys.project(c, project), 'jobs'] as const,
  jobLists: (c: HostArg, project: ProjectRef) => [...gitlabKeys.jobs(c, project), 'list'] as const,
  /** One page; the cursor is part of the key. */
  jobListPage: (c: HostArg, project: ProjectRef, params: JobListParams | undefined, cursor: string | null) =>
    [...gitlabKeys.jobLists(c, project), 'page', clean(params), cursor ?? 'first'] as const,
  jobListInfinite: (c: HostArg, project: ProjectRef, params?: JobListParams) => [...gitlabKeys.jobLists(c, project), 'infinite', clean(params)] as const,
  /** Every job list's loaded pages: outside `list` so an action's invalidation does not refetch thousands of rows (decision 0013). */
  jobListsLoaded: (c: HostArg, project: ProjectRef) => [...gitlabKeys.jobs(c, project), 'loaded'] as const,
  jobListLoaded: (c: HostArg, project: ProjectRef, params?: JobListParams) => [...gitlabKeys.jobListsLoaded(c, project), clean(params)] as const,
  job: (c: HostArg, project: ProjectRef, jobId: number) => [...gitlabKeys.jobs(c, project), jobId] as const,
  jobTrace: (c: HostArg, project: ProjectRef, jobId: number) => [...gitlabKeys.job(c, project, jobId), 'trace'] as const,
  /** The first bytes of a log (digests read no more); `knownSize` is the log's size as the job lists it (null: not listed). */
  jobTraceHead: (c: HostArg, project: ProjectRef, jobId: number, maxBytes: number, knownSize: number | null) =>
    [...gitlabKeys.jobTrace(c, project, jobId), 'head', maxBytes, knownSize] as const,
  jobArtifacts: (c: HostArg, project: ProjectRef, jobId: number) => [...gitlabKeys.job(c, project, jobId), 'artifacts'] as const,
  artifactTree: (c: HostArg, project: ProjectRef, jobId: number, params?: ArtifactTreeParams) =>
    [...gitlabKeys.jobArtifacts(c, project, jobId), 'tree', clean(params)] as const,
  artifactFile: (c: HostArg, project: ProjectRef, jobId: number, path: string) => [...gitlabKeys.jobArtifacts(c, project, jobId), 'file', path] as const,

  pipelines: (c: HostArg, project: ProjectRef) => [...gitlabKeys.project(c, project), 'pipelines'] as const,
  pipelineLists: (c: HostArg, project: ProjectRef) => [...gitlabKeys.pipelines(c, project), 'list'] as const,
  pipelineListPage: (c: HostArg, project: ProjectRef, params: PipelineListParams | undefined, page: number) =>
    [...gitlabKeys.pipelineLists(c, project), clean(params), page] as const,
  pipeline: (c: HostArg, project: ProjectRef, pipelineId: number) => [...gitlabKeys.pipelines(c, project), pipelineId] as const,
  pipelineJobs: (c: HostArg, project: ProjectRef, pipelineId: number, params?: PipelineJobsParams) =>
    [...gitlabKeys.pipeline(c, project, pipelineId), 'jobs', clean(params)] as const,
  pipelineBridges: (c: HostArg, project: ProjectRef, pipelineId: number) => [...gitlabKeys.pipeline(c, project, pipelineId), 'bridges'] as const,
  /** "Failing since" of job names that failed in this pipeline (api/failing-since.ts). */
  failingSince: (c: HostArg, project: ProjectRef, pipelineId: number, names: readonly string[], params?: FailingSinceKeyParams) =>
    [...gitlabKeys.pipeline(c, project, pipelineId), 'failing-since', clean(params), [...names].sort()] as const,
  /** A ref's current red run (the wall's tiles). */
  refRedRun: (c: HostArg, project: ProjectRef, ref: string, params?: { window?: number }) => [...gitlabKeys.pipelines(c, project), 'red-run', ref, clean(params)] as const,

  /** Every project of a group and its subgroups (the wall's `wall.groups`). */
  groupProjects: (c: HostArg, group: ProjectRef) => [...gitlabKeys.host(c), 'groups', projectKey(group), 'projects'] as const,
  /** One tile of the wall display: a project's ref, its recent pipelines and what the tile shows of them. */
  wallTile: (c: HostArg, project: ProjectRef, ref: string) => [...gitlabKeys.project(c, project), 'wall', ref] as const,

  /** Mutation keys (for useMutationState / isMutating): every action on the host's jobs is under `jobActions`. */
  jobActions: (c: HostArg) => [...gitlabKeys.host(c), 'action'] as const,
  /** One job's action; its variables are `{ jobId, pipelineId? }` (`JobActionVariables`). */
  jobAction: (c: HostArg, action: JobAction) => [...gitlabKeys.jobActions(c), 'job', action] as const,
  /** The bulk bar's batch; its variables are `{ action, targets }` (`BulkJobActionVariables`). */
  bulkJobAction: (c: HostArg) => [...gitlabKeys.jobActions(c), 'bulk'] as const,
};

export type JobAction = 'cancel' | 'retry' | 'erase' | 'play' | 'keep-artifacts' | 'delete-artifacts';

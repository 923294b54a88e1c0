/**
 * Actions on jobs and bridges (FACTS.md "Actions"): the request functions, the query keys each
 * action changes, and mutation option factories whose `onSuccess` returns the awaited
 * invalidation of those keys.
 */
import { mutationOptions } from '@tanstack/react-query';
import type { QueryClient, QueryKey } from '@tanstack/react-query';
import { GitLabError } from '../errors.ts';
import { gitlabKeys, projectKey } from '../query-keys.ts';
import type { JobAction } from '../query-keys.ts';
import { buildUrl, gitlabRequest, projectSegment } from '../transport.ts';
import type { Connection, ProjectRef } from '../transport.ts';
import { JobSchema } from '../types.ts';
import type { Job } from '../types.ts';

export interface JobVariable {
  key: string;
  value: string;
}

function actionPath(project: ProjectRef, jobId: number, action: string): string {
  return `/projects/${projectSegment(project)}/jobs/${jobId}/${action}`;
}

async function postJob(conn: Connection, project: ProjectRef, jobId: number, action: string, body?: unknown, signal?: AbortSignal): Promise<Job> {
  const { data } = await gitlabRequest(conn, actionPath(project, jobId, action), { method: 'POST', body, schema: JobSchema, signal });
  return data;
}

/** Cancels a job. GitLab answers 201 with the job unchanged when it cannot be canceled. */
export function cancelJob(conn: Connection, project: ProjectRef, jobId: number, signal?: AbortSignal): Promise<Job> {
  return postJob(conn, project, jobId, 'cancel', undefined, signal);
}

/** Retries a job or bridge; GitLab answers with a new job (a new id). */
export function retryJob(conn: Connection, project: ProjectRef, jobId: number, signal?: AbortSignal): Promise<Job> {
  return postJob(conn, project, jobId, 'retry', undefined, signal);
}

/** Erases a finished job's log and artifacts. */
export function eraseJob(conn: Connection, project: ProjectRef, jobId: number, signal?: AbortSignal): Promise<Job> {
  return postJob(conn, project, jobId, 'erase', undefined, signal);
}

/** GitLab accepts variable keys of letters, digits and `_` only. */
export function isValidVariableKey(key: string): boolean {
  return /^[A-Za-z0-9_]+$/.test(key);
}

/**
 * Runs a manual or scheduled job (or bridge), optionally with variables (GitLab 14.9+).
 * Keys are checked first so the person gets a precise message instead of GitLab's 400.
 */
export function playJob(conn: Connection, project: ProjectRef, jobId: number, variables: readonly JobVariable[] = [], signal?: AbortSignal): Promise<Job> {
  const filled = variables.filter((v) => v.key.trim() !== '');
  const bad = filled.find((v) => !isValidVariableKey(v.key));
  if (bad) {
    return Promise.reject(
      new GitLabError({
        kind: 'bad-request',
        url: buildUrl(conn, actionPath(project, jobId, 'play')),
        method: 'POST',
        gitlabMessage: `Variable key “${bad.key}” may contain only letters, digits and _`,
      }),
    );
  }
  const body = filled.length > 0 ? { job_variables_attributes: filled.map(({ key, value }) => ({ key, value })) } : undefined;
  return postJob(conn, project, jobId, 'play', body, signal);
}

/** Keeps artifacts that would expire (200 with `artifacts_expire_at: null`). */
export function keepArtifacts(conn: Connection, project: ProjectRef, jobId: number, signal?: AbortSignal): Promise<Job> {
  return postJob(conn, project, jobId, 'artifacts/keep', undefined, signal);
}

/** Deletes a job's artifacts (Maintainer; 204). */
export async function deleteArtifacts(conn: Connection, project: ProjectRef, jobId: number, signal?: AbortSignal): Promise<void> {
  await gitlabRequest(conn, `/projects/${projectSegment(project)}/jobs/${jobId}/artifacts`, { method: 'DELETE', responseType: 'text', signal });
}

// ---------------------------------------------------------------------------------------------
// What an action changes

export interface JobActionVariables {
  jobId: number;
  /** The job's pipeline, when known: its graph is refreshed too. */
  pipelineId?: number;
}
export interface PlayVariables extends JobActionVariables {
  variables?: readonly JobVariable[];
}

/**
 * The query keys a job action changes: the project's job lists, the job (its log and
 * artifacts are under it), the new job of a retry, the pipeline (its jobs and bridges are
 * under it) and the pipeline lists; under the project's path and its numeric id both, since
 * either may have been used to address it.
 */
export function jobActionInvalidationKeys(conn: Pick<Connection, 'host'>, project: ProjectRef, vars: JobActionVariables, result?: Job): QueryKey[] {
  const projects = new Set<string>([projectKey(project)]);
  const numericId = result?.pipeline?.project_id;
  if (typeof numericId === 'number') projects.add(String(numericId));
  const pipelineId = result?.pipeline?.id ?? vars.pipelineId;
  const keys: QueryKey[] = [];
  for (const p of projects) {
    keys.push(gitlabKeys.jobLists(conn, p), gitlabKeys.job(conn, p, vars.jobId), gitlabKeys.pipelineLists(conn, p));
    if (result && result.id !== vars.jobId) keys.push(gitlabKeys.job(conn, p, result.id));
    if (pipelineId !== undefined) keys.push(gitlabKeys.pipeline(conn, p, pipelineId));
  }
  return keys;
}

/**
 * Invalidates every key of `jobActionInvalidationKeys`, plus every bridge list on the host: an
 * upstream pipeline's trigger job shows this pipeline's status. Resolves once refetched.
 */
export async function invalidateAfterJobAction(client: QueryClient, conn: Pick<Connection, 'host'>, project: ProjectRef, vars: JobActionVariables, result?: Job): Promise<void> {
  await Promise.all([
    ...jobActionInvalidationKeys(conn, project, vars, result).map((queryKey) => client.invalidateQueries({ queryKey })),
    client.invalidateQueries({ queryKey: gitlabKeys.host(conn), predicate: (q) => q.queryKey.includes('bridges') }),
  ]);
}

function jobMutation(conn: Connection, project: ProjectRef, action: JobAction, run: (vars: JobActionVariables) => Promise<Job>) {
  return mutationOptions({
    mutationKey: gitlabKeys.jobAction(conn, action),
    mutationFn: run,
    onSuccess: (job: Job, vars: JobActionVariables, _onMutateResult: unknown, context) => invalidateAfterJobAction(context.client, conn, project, vars, job),
  });
}

export function cancelJobMutationOptions(conn: Connection, project: ProjectRef) {
  return jobMutation(conn, project, 'cancel', ({ jobId }) => cancelJob(conn, project, jobId));
}
export function retryJobMutationOptions(conn: Connection, project: ProjectRef) {
  return jobMutation(conn, project, 'retry', ({ jobId }) => retryJob(conn, project, jobId));
}
export function eraseJobMutationOptions(conn: Connection, project: ProjectRef) {
  return jobMutation(conn, project, 'erase', ({ jobId }) => eraseJob(conn, project, jobId));
}
export function keepArtifactsMutationOptions(conn: Connection, project: ProjectRef) {
  return jobMutation(conn, project, 'keep-artifacts', ({ jobId }) => keepArtifacts(conn, project, jobId));
}
export function playJobMutationOptions(conn: Connection, project: ProjectRef) {
  return mutationOptions({
    mutationKey: gitlabKeys.jobAction(conn, 'play'),
    mutationFn: ({ jobId, variables }: PlayVariables) => playJob(conn, project, jobId, variables),
    onSuccess: (job: Job, vars: PlayVariables, _onMutateResult: unknown, context) => invalidateAfterJobAction(context.client, conn, project, vars, job),
  });
}
export function deleteArtifactsMutationOptions(conn: Connection, project: ProjectRef) {
  return mutationOptions({
    mutationKey: gitlabKeys.jobAction(conn, 'delete-artifacts'),
    mutationFn: ({ jobId }: JobActionVariables) => deleteArtifacts(conn, project, jobId),
    onSuccess: (_data: void, vars: JobActionVariables, _onMutateResult: unknown, context) => invalidateAfterJobAction(context.client, conn, project, vars),
  });
}

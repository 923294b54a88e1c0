/**
 * Actions on jobs and bridges (FACTS.md "Actions"): the request functions, the query keys each
 * action changes, and mutation option factories whose `onSuccess` returns the awaited
 * invalidation of those keys.
 */
import { mutationOptions, queryOptions } from '@tanstack/react-query';
import type { QueryClient, QueryKey } from '@tanstack/react-query';
import { GitLabError, isOutcomeUnknown } from '../errors.ts';
import { fetchPipelineBridges } from './bridges.ts';
import { fetchJob } from './jobs.ts';
import { replaceJobs, type JobListPages } from './job-list-pages.ts';
import { fetchPipelineJobs } from './pipeline-jobs.ts';
import { failureStreak, nextPollDelay } from '../polling.ts';
import { gitlabKeys, projectKey } from '../query-keys.ts';
import type { JobAction } from '../query-keys.ts';
import { buildUrl, gitlabRequest, projectSegment } from '../transport.ts';
import type { Connection, ProjectRef } from '../transport.ts';
import { JobSchema } from '../types.ts';
import type { Bridge, Job } from '../types.ts';

export interface JobVariable {
  key: string;
  value: string;
}

/**
 * What a mutation's `meta` may say (TanStack Query's registered type): `jobAction` names the
 * action of a mutation made by the factories below, so `useMutationState` can tell which action
 * is in flight without reading the key by position.
 */
export interface GitLabMutationMeta extends Record<string, unknown> {
  jobAction?: JobAction;
}

declare module '@tanstack/react-query' {
  interface Register {
    mutationMeta: GitLabMutationMeta;
  }
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

/** The projects a job may be keyed under: the path or id it was addressed by, and its numeric id. */
function projectsOf(project: ProjectRef, result?: Job | Bridge): Set<string> {
  const projects = new Set<string>([projectKey(project)]);
  const numericId = result?.pipeline?.project_id;
  if (typeof numericId === 'number') projects.add(String(numericId));
  return projects;
}

/**
 * GitLab's answer to an action is the job as it now is: it becomes the job's query data and
 * replaces the job's row in every loaded job list (whose pages never refetch, decision 0013),
 * so every view shows it at once and keeps showing it once nothing polls the job.
 */
export function rememberJobAnswer(client: QueryClient, conn: Pick<Connection, 'host'>, project: ProjectRef, job: Job): void {
  for (const p of projectsOf(project, job)) {
    client.setQueryData(gitlabKeys.job(conn, p, job.id), job);
    client.setQueriesData<JobListPages>({ queryKey: gitlabKeys.jobListsLoaded(conn, p) }, (old) => (old ? replaceJobs(old, [job]) : old));
  }
}

/**
 * The query keys a job action changes: the project's job lists, the job (its log and
 * artifacts are under it), the new job of a retry, the pipeline (its jobs and bridges are
 * under it) and the pipeline lists; under the project's path and its numeric id both, since
 * either may have been used to address it.
 */
export function jobActionInvalidationKeys(conn: Pick<Connection, 'host'>, project: ProjectRef, vars: JobActionVariables, result?: Job | Bridge): QueryKey[] {
  const projects = projectsOf(project, result);
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
export async function invalidateAfterJobAction(client: QueryClient, conn: Pick<Connection, 'host'>, project: ProjectRef, vars: JobActionVariables, result?: Job | Bridge): Promise<void> {
  await Promise.all([
    ...jobActionInvalidationKeys(conn, project, vars, result).map((queryKey) => client.invalidateQueries({ queryKey })),
    client.invalidateQueries({ queryKey: gitlabKeys.host(conn), predicate: (q) => q.queryKey.includes('bridges') }),
  ]);
}

// ---------------------------------------------------------------------------------------------
// An answer lost after the request left

/** What GitLab shows after a write whose answer was lost: the job again, and the newest job of its name in its pipeline. */
export interface AfterLostAnswer {
  /** The job (or trigger job) as GitLab shows it now; undefined when it could not be found. */
  job: Job | Bridge | undefined;
  /** The newest job of the same name in the same pipeline (a retry's new job, when it was made). */
  latest: Job | Bridge | undefined;
}

/**
 * A write whose outcome is unknown: the request may have reached GitLab, but its answer was lost
 * (`cause`). `after` is what GitLab showed when asked again; `checkError` when asking again failed
 * too, so nobody can yet tell whether it happened.
 */
export class LostAnswerError extends Error {
  override readonly name = 'LostAnswerError';
  readonly action: JobAction;
  readonly jobId: number;
  readonly after: AfterLostAnswer | undefined;
  readonly checkError: unknown;

  constructor(init: { action: JobAction; jobId: number; cause: unknown; after?: AfterLostAnswer; checkError?: unknown }) {
    super(`The answer to ${init.action} of job ${init.jobId} was lost; the outcome is ${init.after ? 'what GitLab now shows' : 'unknown'}`, { cause: init.cause });
    this.action = init.action;
    this.jobId = init.jobId;
    this.after = init.after;
    this.checkError = init.checkError;
  }
}

export function isLostAnswer(e: unknown): e is LostAnswerError {
  return e instanceof LostAnswerError;
}

function newest<T extends { id: number; name: string }>(items: readonly T[], name: string): T | undefined {
  let found: T | undefined;
  for (const item of items) if (item.name === name && (!found || item.id > found.id)) found = item;
  return found;
}

/**
 * Asks GitLab again, after a lost answer, for the job and its pipeline's jobs (bridges for a
 * trigger job, which `GET /jobs/:id` answers 404): what the action actually did.
 */
export async function readAfterLostAnswer(conn: Connection, project: ProjectRef, vars: JobActionVariables, signal?: AbortSignal): Promise<AfterLostAnswer> {
  let job: Job | Bridge | undefined;
  try {
    job = await fetchJob(conn, project, vars.jobId, signal);
  } catch (e) {
    if (!(e instanceof GitLabError && e.kind === 'not-found') || vars.pipelineId === undefined) throw e;
  }
  const pipelineId = job?.pipeline?.id ?? vars.pipelineId;
  if (pipelineId === undefined) return { job, latest: undefined };
  const list: readonly (Job | Bridge)[] = job
    ? (await fetchPipelineJobs(conn, project, pipelineId, {}, signal)).items
    : (await fetchPipelineBridges(conn, project, pipelineId, signal)).items;
  job ??= list.find((j) => j.id === vars.jobId);
  return { job, latest: job ? newest(list, job.name) : undefined };
}

/** How often GitLab is asked again, at best, while a lost answer's outcome is still unknown (the fault policy backs off from it). */
export const LOST_ANSWER_CHECK_MS = 3_000;

/**
 * Asks again, by the one fault policy, until GitLab can say what a write whose answer was lost
 * did; then stops. Under the job's key, so refreshing the job asks again at once.
 */
export function afterLostAnswerQueryOptions(conn: Connection, project: ProjectRef, { jobId, pipelineId }: JobActionVariables) {
  return queryOptions({
    queryKey: [...gitlabKeys.job(conn, project, jobId), 'after-lost-answer', pipelineId ?? null] as const,
    queryFn: ({ signal }) => readAfterLostAnswer(conn, project, pipelineId === undefined ? { jobId } : { jobId, pipelineId }, signal),
    staleTime: 0,
    gcTime: 0,
    retry: false,
    refetchInterval: (query) =>
      query.state.data ? false : nextPollDelay({ baseMs: LOST_ANSWER_CHECK_MS, streak: failureStreak(query), error: query.state.error }),
  });
}

/**
 * Runs a write; when its answer is lost after the request may have left, asks GitLab what
 * happened and rejects with a LostAnswerError carrying that (never a plain "failed").
 */
export async function writeOrCheck<T>(conn: Connection, project: ProjectRef, action: JobAction, vars: JobActionVariables, write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (cause) {
    if (!isOutcomeUnknown(cause)) throw cause;
    try {
      const after = await readAfterLostAnswer(conn, project, vars);
      throw new LostAnswerError({ action, jobId: vars.jobId, cause, after });
    } catch (e) {
      if (e instanceof LostAnswerError) throw e;
      throw new LostAnswerError({ action, jobId: vars.jobId, cause, checkError: e });
    }
  }
}

/** After a lost answer the views are refetched too (while the mutation is still pending), so the buttons follow what GitLab now shows. */
function refetchAfterLostAnswer(client: QueryClient, conn: Connection, project: ProjectRef, error: unknown, vars: JobActionVariables): Promise<void> | undefined {
  if (!(error instanceof LostAnswerError)) return undefined;
  return invalidateAfterJobAction(client, conn, project, vars, error.after?.latest);
}

/** The answer is remembered (rememberJobAnswer), then everything the action changed is refetched. */
function afterAnswer(client: QueryClient, conn: Connection, project: ProjectRef, vars: JobActionVariables, job: Job): Promise<void> {
  rememberJobAnswer(client, conn, project, job);
  return invalidateAfterJobAction(client, conn, project, vars, job);
}

function jobMutation(conn: Connection, project: ProjectRef, action: JobAction, run: (vars: JobActionVariables) => Promise<Job>) {
  return mutationOptions({
    mutationKey: gitlabKeys.jobAction(conn, action),
    meta: { jobAction: action },
    mutationFn: (vars: JobActionVariables) => writeOrCheck(conn, project, action, vars, () => run(vars)),
    onSuccess: (job: Job, vars: JobActionVariables, _onMutateResult: unknown, context) => afterAnswer(context.client, conn, project, vars, job),
    onError: (error: Error, vars: JobActionVariables, _onMutateResult: unknown, context) => refetchAfterLostAnswer(context.client, conn, project, error, vars),
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
    meta: { jobAction: 'play' },
    mutationFn: ({ jobId, variables, pipelineId }: PlayVariables) =>
      writeOrCheck(conn, project, 'play', pipelineId === undefined ? { jobId } : { jobId, pipelineId }, () => playJob(conn, project, jobId, variables)),
    onSuccess: (job: Job, vars: PlayVariables, _onMutateResult: unknown, context) => afterAnswer(context.client, conn, project, vars, job),
    onError: (error: Error, vars: PlayVariables, _onMutateResult: unknown, context) => refetchAfterLostAnswer(context.client, conn, project, error, vars),
  });
}
export function deleteArtifactsMutationOptions(conn: Connection, project: ProjectRef) {
  return mutationOptions({
    mutationKey: gitlabKeys.jobAction(conn, 'delete-artifacts'),
    meta: { jobAction: 'delete-artifacts' },
    mutationFn: (vars: JobActionVariables) => writeOrCheck(conn, project, 'delete-artifacts', vars, () => deleteArtifacts(conn, project, vars.jobId)),
    onSuccess: (_data: void, vars: JobActionVariables, _onMutateResult: unknown, context) => invalidateAfterJobAction(context.client, conn, project, vars),
    onError: (error: Error, vars: JobActionVariables, _onMutateResult: unknown, context) => refetchAfterLostAnswer(context.client, conn, project, error, vars),
  });
}

// Pipelines and the pipeline-scoped job lists (jobs, bridges / trigger_jobs).
import type { Context, Hono } from 'hono';
import { invalidParam, notFound } from '../http/errors.ts';
import { offsetPage } from '../http/pagination.ts';
import { hostOf, type SimState } from '../state.ts';
import { scopeValues, statusAt } from '../versions.ts';
import { pipelineJobs } from '../world/lookup.ts';
import { bridgeEntity, jobEntity, pipelineBasic, pipelineDetail } from '../world/entities.ts';
import { JOB_STATUSES, type Pipeline, type Project } from '../world/model.ts';
import { begin, boolParam, findProject, hostHas, json, listParam, parseId, route, type Call } from './common.ts';

const SOURCES = ['push', 'web', 'trigger', 'schedule', 'api', 'external', 'pipeline', 'chat', 'webide', 'merge_request_event', 'external_pull_request_event', 'parent_pipeline', 'ondemand_dast_scan', 'ondemand_dast_validation', 'security_orchestration_policy', 'container_registry_push', 'duo_workflow', 'pipeline_execution_policy_schedule'];
const SCOPES = ['running', 'pending', 'finished', 'branches', 'tags'];
const ORDERS = ['id', 'status', 'ref', 'updated_at', 'user_id'];

function findPipeline(call: Call, project: Project, id: number): Pipeline {
  const p = call.state.world.pipelines.get(id);
  if (!p || p.projectId !== project.id) throw notFound();
  return p;
}

/** An ISO 8601 time parameter (Grape's DateTime): absent → null, unreadable → 400 `<name> is invalid`. */
function timeParam(url: URL, name: string): number | null {
  const v = url.searchParams.get(name);
  if (v === null || v === '') return null;
  const t = Date.parse(v);
  if (Number.isNaN(t)) throw invalidParam(`${name} is invalid`);
  return t;
}

function oneOf(url: URL, name: string, allowed: readonly string[]): string | null {
  const v = url.searchParams.get(name);
  if (v === null || v === '') return null;
  if (!allowed.includes(v)) throw invalidParam(`${name} does not have a valid value`);
  return v;
}

function newestPerRef(list: readonly Pipeline[]): Pipeline[] {
  const newest = new Map<string, Pipeline>();
  for (const p of list) if ((newest.get(p.ref)?.id ?? -1) < p.id) newest.set(p.ref, p);
  return [...newest.values()];
}

export function registerPipelineRoutes(api: Hono, state: SimState): void {
  route(api, state, 'GET /projects/:id/pipelines', (c) => {
    const call = begin(state, c);
    const url = call.url;
    const status = oneOf(url, 'status', JOB_STATUSES);
    const source = oneOf(url, 'source', SOURCES);
    const scope = oneOf(url, 'scope', SCOPES);
    const orderBy = oneOf(url, 'order_by', ORDERS) ?? 'id';
    const sort = oneOf(url, 'sort', ['asc', 'desc']) ?? 'desc';
    const ref = url.searchParams.get('ref');
    const sha = url.searchParams.get('sha');
    const username = url.searchParams.get('username');
    // `updated_after` / `updated_before` (GitLab 12.6+; older versions ignore unknown parameters).
    const hasUpdatedFilters = hostHas(state, 'pipelinesUpdatedFilters');
    const updatedAfter = hasUpdatedFilters ? timeParam(url, 'updated_after') : null;
    const updatedBefore = hasUpdatedFilters ? timeParam(url, 'updated_before') : null;
    const project = findProject(call, c.req.param('id'));
    const world = state.world;
    let list = (world.projectPipelines.get(project.id) ?? []).map((id) => world.pipelines.get(id)).filter((p): p is Pipeline => !!p);
    const host = hostOf(state);
    const shown = (p: Pipeline): string => statusAt(host, p.status);
    if (status) list = list.filter((p) => shown(p) === status);
    // GitLab's Ci::PipelinesFinder lists no child pipelines unless asked for them with
    // source=parent_pipeline (GitLab 17.0+, gitlab-org/gitlab!149839; before, that answered []).
    if (source === 'parent_pipeline') list = hostHas(state, 'childPipelinesBySource') ? list.filter((p) => p.source === source) : [];
    else {
      list = list.filter((p) => p.source !== 'parent_pipeline');
      if (source) list = list.filter((p) => p.source === source);
    }
    if (ref) list = list.filter((p) => p.ref === ref);
    if (sha) list = list.filter((p) => p.commit.sha === sha);
    if (username) list = list.filter((p) => world.users.find((u) => u.id === p.userId)?.username === username);
    if (updatedAfter !== null) list = list.filter((p) => p.updatedAt > updatedAfter);
    if (updatedBefore !== null) list = list.filter((p) => p.updatedAt < updatedBefore);
    if (scope === 'running') list = list.filter((p) => shown(p) === 'running');
    if (scope === 'pending') list = list.filter((p) => shown(p) === 'pending');
    if (scope === 'finished') list = list.filter((p) => ['success', 'failed', 'canceled', 'skipped'].includes(shown(p)));
    // PipelinesFinder: `branches` and `tags` are the newest pipeline of each branch or tag.
    if (scope === 'branches') list = newestPerRef(list.filter((p) => !p.tag));
    if (scope === 'tags') list = newestPerRef(list.filter((p) => p.tag));
    const key = (p: Pipeline): string | number =>
      orderBy === 'status' ? p.status : orderBy === 'ref' ? p.ref : orderBy === 'updated_at' ? p.updatedAt : orderBy === 'user_id' ? p.userId : p.id;
    list.sort((a, b) => {
      const ka = key(a);
      const kb = key(b);
      const d = ka < kb ? -1 : ka > kb ? 1 : a.id - b.id;
      return sort === 'asc' ? d : -d;
    });
    const page = offsetPage(url, list, { count: true });
    return json(page.items.map((p) => pipelineBasic(call.view, p)), 200, page.headers);
  });

  route(api, state, 'GET /projects/:id/pipelines/:pipeline_id', (c) => {
    const call = begin(state, c);
    const pipelineId = parseId(c.req.param('pipeline_id'), 'pipeline_id');
    const project = findProject(call, c.req.param('id'));
    return json(pipelineDetail(call.view, findPipeline(call, project, pipelineId)));
  });

  const listJobs = (kind: 'build' | 'bridge') => (c: Context): Response => {
    const call = begin(state, c);
    const pipelineId = parseId(c.req.param('pipeline_id'), 'pipeline_id');
    const host = hostOf(state);
    const scopes = listParam(call.url, 'scope', scopeValues(host));
    // 13.9 added include_retried (ignored before); before 13.5 the list held every attempt, oldest first.
    const latestDesc = kind === 'bridge' || hostHas(state, 'pipelineJobsLatestDesc');
    const asked = kind === 'build' && hostHas(state, 'includeRetried') ? boolParam(call.url, 'include_retried', false) : false;
    const includeRetried = asked || !latestDesc;
    const project = findProject(call, c.req.param('id'));
    const pipeline = findPipeline(call, project, pipelineId);
    const jobs = pipelineJobs(state.world, pipeline)
      .filter((j) => j.kind === kind && (includeRetried || !j.retried) && (!scopes.length || scopes.includes(statusAt(host, j.status))))
      .sort((a, b) => (latestDesc ? b.id - a.id : a.id - b.id));
    const page = offsetPage(call.url, jobs, { count: true });
    const entity = kind === 'build' ? jobEntity : bridgeEntity;
    return json(page.items.map((j) => entity(call.view, j)), 200, page.headers);
  };

  route(api, state, 'GET /projects/:id/pipelines/:pipeline_id/jobs', listJobs('build'));
  // jobs-api-9.md documents the singular path; kept so every documented path answers.
  route(api, state, 'GET /projects/:id/pipeline/:pipeline_id/jobs', listJobs('build'));
  route(api, state, 'GET /projects/:id/pipelines/:pipeline_id/bridges', listJobs('bridge'));
  route(api, state, 'GET /projects/:id/pipelines/:pipeline_id/trigger_jobs', listJobs('bridge'));
}

// Shared pieces of the route handlers: lookups with GitLab's 404s, parameter checks, JSON.
import type { Context, Hono } from 'hono';
import { authenticate, type Principal } from '../http/auth.ts';
import { forbidden, invalidParam, notFound, routeNotFound } from '../http/errors.ts';
import { hostOf, type SimState } from '../state.ts';
import { ENDPOINTS, FEATURES, has, type EndpointKey, type FeatureKey } from '../versions.ts';
import type { View } from '../world/entities.ts';
import { projectPath } from '../world/entities.ts';
import type { Job, Project } from '../world/model.ts';

export interface Call {
  state: SimState;
  url: URL;
  principal: Principal;
  view: View;
}

export function makeView(state: SimState, url: URL): View {
  return {
    world: state.world,
    now: state.clock.now(),
    base: url.origin,
    host: hostOf(state),
    content: state.content,
  };
}

/**
 * Registers one endpoint of versions.ts's ENDPOINTS table: at a version older than the one
 * that introduced it, GitLab has no such route, so it answers the unknown-route 404.
 */
export function route(api: Hono, state: SimState, key: EndpointKey, handler: (c: Context) => Response | Promise<Response>): void {
  const [method = 'GET', path = '/'] = key.split(' ');
  const since = ENDPOINTS[key];
  api.on(method, path, (c) => {
    if (!has(hostOf(state), since)) throw routeNotFound();
    return handler(c);
  });
}

/** Whether the host's version has a later parameter or behaviour (versions.ts FEATURES). */
export function hostHas(state: SimState, feature: FeatureKey): boolean {
  return has(hostOf(state), FEATURES[feature]);
}

export function begin(state: SimState, c: Context, opts: { jobTokenAllowed?: boolean } = {}): Call {
  const url = new URL(c.req.url);
  const principal = authenticate(state.world, c.req.raw, url, { jobTokenAllowed: opts.jobTokenAllowed ?? false, oauth: { store: state.oauth, now: state.clock.now() } });
  return { state, url, principal, view: makeView(state, url) };
}

export function json(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json', ...headers },
  });
}

/** Grape's Integer coercion for path ids: anything else is `{"error":"<name> is invalid"}`. */
export function parseId(raw: string | undefined, name: string): number {
  // Grape coerces "-1" or "+7" too; such ids are then simply not found.
  if (raw === undefined || !/^[+-]?\d+$/.test(raw)) throw invalidParam(`${name} is invalid`);
  return Number.parseInt(raw, 10);
}

export function canSee(project: Project, principal: Principal): boolean {
  if (principal.kind === 'job') return principal.job.projectId === project.id;
  return project.memberIds.includes(principal.user.id);
}

/** `:id` is a numeric id or a URL-encoded full path, as in GitLab. */
export function findProject(call: Call, raw: string | undefined): Project {
  if (raw === undefined) throw notFound('Project');
  let key = raw;
  try {
    key = decodeURIComponent(raw);
  } catch {
    throw notFound('Project');
  }
  const world = call.state.world;
  const project = /^\d+$/.test(key)
    ? world.projects.find((p) => p.id === Number(key))
    : world.projects.find((p) => projectPath(p).toLowerCase() === key.toLowerCase());
  if (!project || !canSee(project, call.principal)) throw notFound('Project');
  return project;
}

/** `user_project.builds.find(id)`: bridges are not builds, so their ids are 404 here. */
export function findBuild(call: Call, project: Project, id: number): Job {
  const job = call.state.world.jobs.get(id);
  if (!job || job.projectId !== project.id || job.kind !== 'build') throw notFound();
  return job;
}

/** `user_project.processables.find(id)`: jobs and bridges (retry, play). */
export function findProcessable(call: Call, project: Project, id: number): Job {
  const job = call.state.world.jobs.get(id);
  if (!job || job.projectId !== project.id) throw notFound();
  return job;
}

/**
 * The job of a `/projects/:id/jobs/:job_id…` route, looked up in GitLab's order: a malformed
 * `job_id` is 400 before the project's 404, then `find` gives the job's own 404.
 */
export function findJob(
  call: Call,
  c: Context,
  find: (call: Call, project: Project, id: number) => Job,
): { project: Project; job: Job } {
  const jobId = parseId(c.req.param('job_id'), 'job_id');
  const project = findProject(call, c.req.param('id'));
  return { project, job: find(call, project, jobId) };
}

/** Protected branches refuse the api token's actions (project 1's `production`). */
export function checkMayAct(call: Call, project: Project, job: Job): void {
  const pipeline = call.state.world.pipelines.get(job.pipelineId);
  if (pipeline && project.protectedRefs.includes(pipeline.ref)) throw forbidden();
  if (call.principal.kind === 'job') throw forbidden();
}

const BOOLEANS: Record<string, boolean> = { true: true, t: true, '1': true, yes: true, false: false, f: false, '0': false, no: false };

export function boolParam(url: URL, name: string, fallback: boolean): boolean {
  const raw = url.searchParams.get(name);
  if (raw === null || raw === '') return fallback;
  const v = BOOLEANS[raw.toLowerCase()];
  if (v === undefined) throw invalidParam(`${name} is invalid`);
  return v;
}

/** `scope`, `scope[]` or `scope[0]`…, each value one of `allowed`. */
export function listParam(url: URL, name: string, allowed: readonly string[]): string[] {
  const values: string[] = [];
  for (const [k, v] of url.searchParams) {
    if (k === name || k === `${name}[]` || new RegExp(`^${name}\\[\\d+\\]$`).test(k)) values.push(v);
  }
  for (const v of values) if (!allowed.includes(v)) throw invalidParam(`${name} does not have a valid value`);
  return values;
}

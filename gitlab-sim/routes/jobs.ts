// The Jobs API (api-docs/): project jobs, one job, its log and the actions on it.
import type { Hono } from 'hono';
import { ApiError, badRequest, forbidden } from '../http/errors.ts';
import { checkOffsetLimit, isKeyset, keysetPage, offsetPage } from '../http/pagination.ts';
import { hostOf, type SimState } from '../state.ts';
import { scopeValues, statusAt } from '../versions.ts';
import { cancelJob, eraseJob, isErasable, isPlayable, isRetryable, playJob, retryJob } from '../world/job-actions.ts';
import { asJobEntity, jobEntity } from '../world/entities.ts';
import type { Job } from '../world/model.ts';
import { begin, checkMayAct, findBuild, findJob, findProcessable, findProject, hostHas, json, listParam, route } from './common.ts';

const RATE_LIMITED = { message: { error: 'This endpoint has been requested too many times. Try again later.' } };

/** GitLab's application rate limit on the jobs list: per user, per minute. */
function checkJobsRateLimit(state: SimState, userId: number): void {
  const limit = state.faults.jobsRateLimitPerMinute;
  if (limit <= 0) return;
  const now = Date.now();
  const entry = state.jobsRate.get(userId);
  if (!entry || now - entry.windowStart >= 60_000) {
    state.jobsRate.set(userId, { windowStart: now, count: 1 });
    return;
  }
  entry.count++;
  if (entry.count > limit) {
    const retry = Math.max(1, Math.ceil((entry.windowStart + 60_000 - now) / 1000));
    throw new ApiError(429, RATE_LIMITED, { 'Retry-After': String(retry) });
  }
}

function validVariables(raw: unknown): { key: string; value: string }[] {
  if (raw === undefined || raw === null) return [];
  if (!Array.isArray(raw)) throw new ApiError(400, { error: 'job_variables_attributes is invalid' });
  return raw.map((item: unknown, i) => {
    const o = (typeof item === 'object' && item !== null ? item : {}) as Record<string, unknown>;
    if (o.key === undefined) throw new ApiError(400, { error: `job_variables_attributes[${i}][key] is missing` });
    if (o.value === undefined) throw new ApiError(400, { error: `job_variables_attributes[${i}][value] is missing` });
    const key = String(o.key);
    if (!/^[A-Za-z0-9_]+$/.test(key)) {
      throw new ApiError(400, { message: { 'job_variables.key': ["can contain only letters, digits and '_'."] } });
    }
    return { key, value: String(o.value) };
  });
}

async function bodyOf(request: Request): Promise<Record<string, unknown>> {
  const type = request.headers.get('Content-Type') ?? '';
  const text = await request.text();
  if (!text.trim()) return {};
  if (type.includes('application/json')) {
    try {
      const parsed: unknown = JSON.parse(text);
      return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : {};
    } catch {
      throw new ApiError(400, { error: 'The provided content-type \'application/json\' is not supported or the body is malformed.' });
    }
  }
  // Form bodies: job_variables_attributes[][key]=K&job_variables_attributes[][value]=V
  const form = new URLSearchParams(text);
  const vars: { key?: string; value?: string }[] = [];
  for (const [k, v] of form) {
    const m = k.match(/^job_variables_attributes\[(\d*)\]\[(key|value)\]$/);
    if (!m) continue;
    const idx = m[1] === '' ? (m[2] === 'key' ? vars.length : vars.length - 1) : Number(m[1]);
    const entry = (vars[idx] ??= {});
    entry[m[2] as 'key' | 'value'] = v;
  }
  return vars.length ? { job_variables_attributes: vars } : {};
}

export function registerJobRoutes(api: Hono, state: SimState): void {
  route(api, state, 'GET /projects/:id/jobs', (c) => {
    const call = begin(state, c, { jobTokenAllowed: true });
    checkJobsRateLimit(state, call.principal.user.id);
    const host = hostOf(state);
    const scopes = listParam(call.url, 'scope', scopeValues(host));
    const project = findProject(call, c.req.param('id'));
    const ids = state.world.projectJobs.get(project.id) ?? [];
    const jobs: Job[] = [];
    for (let i = ids.length - 1; i >= 0; i--) {
      const job = state.world.jobs.get(ids[i] ?? -1);
      if (!job || job.kind !== 'build') continue;
      if (scopes.length && !scopes.includes(statusAt(host, job.status))) continue;
      jobs.push(job);
    }
    jobs.sort((a, b) => b.id - a.id);
    // Keyset on the jobs list came with GitLab 15.9; older hosts ignore the parameter and page by offset.
    if (isKeyset(call.url) && hostHas(state, 'keysetJobs')) {
      const page = keysetPage(call.url, jobs);
      return json(page.items.map((j) => jobEntity(call.view, j)), 200, page.headers);
    }
    checkOffsetLimit(call.url, 'Ci::Build');
    const page = offsetPage(call.url, jobs, { count: false });
    return json(page.items.map((j) => jobEntity(call.view, j)), 200, page.headers);
  });

  route(api, state, 'GET /projects/:id/jobs/:job_id', (c) => {
    const call = begin(state, c);
    const { job } = findJob(call, c, findBuild);
    return json(jobEntity(call.view, job));
  });

  route(api, state, 'GET /projects/:id/jobs/:job_id/trace', (c) => {
    const call = begin(state, c);
    const { job } = findJob(call, c, findBuild);
    const body = state.content.traceBody(state.world, job, call.view.now);
    return new Response(body, {
      status: 200,
      headers: { 'Content-Type': 'text/plain', 'Content-Disposition': `infile; filename="${job.id}.log"` },
    });
  });

  route(api, state, 'POST /projects/:id/jobs/:job_id/cancel', (c) => {
    const call = begin(state, c);
    const { project, job } = findJob(call, c, findBuild);
    checkMayAct(call, project, job);
    cancelJob(state.world, job, call.view.now);
    return json(jobEntity(call.view, job), 201);
  });

  route(api, state, 'POST /projects/:id/jobs/:job_id/retry', (c) => {
    const call = begin(state, c);
    // Before 17.0 retry finds builds only: a trigger job's id is 404 there.
    const { project, job } = findJob(call, c, hostHas(state, 'retryBridges') ? findProcessable : findBuild);
    checkMayAct(call, project, job);
    if (!isRetryable(state.world, job, call.view.now)) throw forbidden('Job is not retryable');
    const fresh = retryJob(state.world, job, call.view.now, call.principal.user.id);
    return json(asJobEntity(call.view, fresh), 201);
  });

  route(api, state, 'POST /projects/:id/jobs/:job_id/erase', (c) => {
    const call = begin(state, c);
    const { project, job } = findJob(call, c, findBuild);
    checkMayAct(call, project, job);
    if (!isErasable(job, call.view.now)) throw forbidden('Job is not erasable!');
    eraseJob(state.world, job, call.view.now);
    return json(jobEntity(call.view, job), 201);
  });

  route(api, state, 'POST /projects/:id/jobs/:job_id/play', async (c) => {
    const call = begin(state, c);
    const body = await bodyOf(c.req.raw);
    // Before 14.9 play takes no variables: the parameter is ignored.
    const variables = hostHas(state, 'playVariables') ? validVariables(body.job_variables_attributes) : [];
    const { project, job } = findJob(call, c, findProcessable);
    checkMayAct(call, project, job);
    if (!isPlayable(state.world, job, call.view.now)) throw badRequest('Unplayable Job');
    const played = playJob(state.world, job, call.view.now, call.principal.user.id, variables);
    return json(jobEntity(call.view, played), 200);
  });
}

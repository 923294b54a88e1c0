// The test knobs under /-/sim/ (no auth; always CORS-enabled so browsers and tests can call them).
import { Hono } from 'hono';
import { TOKENS } from '../http/auth.ts';
import type { SimState } from '../state.ts';
import { versionString } from '../state.ts';
import { jobToken } from '../world/job-actions.ts';
import { advanceWorld } from '../world/progress.ts';
import { projectPath } from '../world/entities.ts';
import { pushPipeline } from '../world/fleet.ts';
import { createLargePipeline } from '../world/large-pipeline.ts';
import { json } from './common.ts';

function describeState(state: SimState): Record<string, unknown> {
  const now = state.clock.now();
  const f = state.faults;
  return {
    now,
    now_iso: new Date(now).toISOString(),
    start_at: state.world.startAt,
    seed: state.options.seed,
    clock: { speed: state.clock.speed, paused: state.clock.paused },
    faults: {
      latency_ms: f.latencyMs,
      error_rate: f.errorRate,
      error_status: f.errorStatus,
      rate_limit_429: f.rateLimit429,
      cors: f.cors,
      cors_preflight: f.corsPreflight,
      jobs_rate_limit_per_minute: f.jobsRateLimitPerMinute,
      api_version: f.apiVersion,
      artifacts_redirect: f.artifactsRedirect,
      artifacts_redirect_to: f.artifactsRedirectTo,
    },
    version: versionString(f.apiVersion),
    huge_log_bytes: state.options.hugeLogBytes,
    tokens: TOKENS.map((t) => ({ token: t.token, scopes: t.scopes, user_id: t.userId, expired: t.expired })),
    oauth_applications: [...state.oauth.applications.values()].map((a) => ({ client_id: a.uid, name: a.name, redirect_uris: a.redirectUris, scopes: a.scopes, confidential: a.confidential })),
    projects: state.world.projects.map((p) => ({ id: p.id, path: projectPath(p), jobs: state.world.projectJobs.get(p.id)?.length ?? 0 })),
  };
}

async function readJson(request: Request): Promise<Record<string, unknown> | Response> {
  const text = await request.text();
  if (!text.trim()) return {};
  try {
    const v: unknown = JSON.parse(text);
    if (typeof v === 'object' && v !== null && !Array.isArray(v)) return v as Record<string, unknown>;
  } catch {
    // answered below
  }
  return json({ error: 'body must be a JSON object' }, 400);
}

function num(v: unknown, name: string, min: number, max: number): number {
  if (typeof v !== 'number' || !Number.isFinite(v) || v < min || v > max) throw new RangeError(`${name} must be a number in [${min}, ${max}]`);
  return v;
}

function bool(v: unknown, name: string): boolean {
  if (typeof v !== 'boolean') throw new RangeError(`${name} must be a boolean`);
  return v;
}

export function createAdminApp(state: SimState, onReset: () => void): Hono {
  const admin = new Hono().basePath('/-/sim');
  admin.onError((err) => json({ error: err instanceof Error ? err.message : String(err) }, 400));

  admin.get('/state', () => {
    advanceWorld(state.world, state.clock.now());
    return json(describeState(state));
  });

  admin.post('/reset', () => {
    onReset();
    return json(describeState(state));
  });

  admin.post('/clock', async (c) => {
    const body = await readJson(c.req.raw);
    if (body instanceof Response) return body;
    // Catch the world up at the old speed before changing it.
    advanceWorld(state.world, state.clock.now());
    if (body.speed !== undefined) state.clock.setSpeed(num(body.speed, 'speed', 0, 1_000_000));
    if (body.paused !== undefined) state.clock.setPaused(bool(body.paused, 'paused'));
    if (body.advance_ms !== undefined) state.clock.advance(num(body.advance_ms, 'advance_ms', 0, 365 * 86_400_000));
    advanceWorld(state.world, state.clock.now());
    return json(describeState(state));
  });

  admin.post('/faults', async (c) => {
    const body = await readJson(c.req.raw);
    if (body instanceof Response) return body;
    const f = state.faults;
    if (body.latency_ms !== undefined) f.latencyMs = num(body.latency_ms, 'latency_ms', 0, 120_000);
    if (body.error_rate !== undefined) f.errorRate = num(body.error_rate, 'error_rate', 0, 1);
    if (body.error_status !== undefined) f.errorStatus = num(body.error_status, 'error_status', 400, 599);
    if (body.rate_limit_429 !== undefined) f.rateLimit429 = bool(body.rate_limit_429, 'rate_limit_429');
    if (body.cors !== undefined) f.cors = bool(body.cors, 'cors');
    if (body.cors_preflight !== undefined) f.corsPreflight = bool(body.cors_preflight, 'cors_preflight');
    if (body.artifacts_redirect !== undefined) f.artifactsRedirect = bool(body.artifacts_redirect, 'artifacts_redirect');
    if (body.artifacts_redirect_to !== undefined) {
      const to = body.artifacts_redirect_to;
      if (to !== null && (typeof to !== 'string' || !/^https?:\/\/[^/]+$/.test(to))) throw new RangeError('artifacts_redirect_to must be an origin like "http://127.0.0.1:5000", or null');
      f.artifactsRedirectTo = to;
    }
    if (body.jobs_rate_limit_per_minute !== undefined) {
      f.jobsRateLimitPerMinute = num(body.jobs_rate_limit_per_minute, 'jobs_rate_limit_per_minute', 0, 1_000_000);
      state.jobsRate.clear();
    }
    if (body.api_version !== undefined) {
      if (typeof body.api_version !== 'string' || !/^\d+(\.\d+)*(-ee)?$/.test(body.api_version)) {
        throw new RangeError('api_version must be like "9", "17" or "18.8.2-ee"');
      }
      f.apiVersion = body.api_version;
    }
    return json(describeState(state));
  });

  // A pipeline of any size (benchmarks): {project_id, jobs, stages, bridges} → {id, project_id, jobs}.
  admin.post('/pipelines', async (c) => {
    const body = await readJson(c.req.raw);
    if (body instanceof Response) return body;
    const now = state.clock.now();
    advanceWorld(state.world, now);
    const projectId = num(body.project_id ?? 1, 'project_id', 1, 1_000_000);
    if (!state.world.projects.some((p) => p.id === projectId)) return json({ error: 'unknown project_id' }, 404);
    const stages = num(body.stages ?? 3, 'stages', 1, 100);
    const bridges = num(body.bridges ?? 0, 'bridges', 0, 100);
    const jobs = num(body.jobs ?? 10, 'jobs', Math.max(1, stages, bridges), 10_000);
    const p = createLargePipeline(state.world, { projectId, jobs: Math.floor(jobs), stages: Math.floor(stages), bridges: Math.floor(bridges), at: now, userId: 1 });
    return json({ id: p.id, project_id: p.projectId, jobs: p.jobIds.length }, 201);
  });

  // A push arrives now (stories and demos): {project_id, ref?, outcome?: "success"|"failed", username?, title?}
  // → 201 {id, project_id, ref, status}. The pipeline comes from the project's own template.
  admin.post('/push', async (c) => {
    const body = await readJson(c.req.raw);
    if (body instanceof Response) return body;
    const now = state.clock.now();
    advanceWorld(state.world, now);
    const projectId = num(body.project_id, 'project_id', 1, 1_000_000);
    const project = state.world.projects.find((p) => p.id === projectId);
    if (!project) return json({ error: 'unknown project_id' }, 404);
    const ref = body.ref === undefined ? project.defaultBranch : String(body.ref);
    if (body.outcome !== undefined && body.outcome !== 'success' && body.outcome !== 'failed') throw new RangeError('outcome must be "success" or "failed"');
    const username = body.username === undefined ? 'alice' : String(body.username);
    const user = state.world.users.find((u) => u.username === username);
    if (!user) return json({ error: 'unknown username' }, 404);
    const p = pushPipeline(state.world, {
      projectId,
      ref,
      userId: user.id,
      at: now,
      ...(body.outcome === undefined ? {} : { outcome: body.outcome }),
      ...(typeof body.title === 'string' && body.title.trim() ? { title: body.title.trim() } : {}),
    });
    return json({ id: p.id, project_id: p.projectId, ref: p.ref, status: p.status }, 201);
  });

  // Registers more redirect URIs for the demo OAuth application: {redirect_uris: [...]}. They stay across resets.
  admin.post('/oauth/redirect-uris', async (c) => {
    const body = await readJson(c.req.raw);
    if (body instanceof Response) return body;
    const uris = body.redirect_uris;
    if (!Array.isArray(uris) || !uris.every((u): u is string => typeof u === 'string' && /^https?:\/\/[^#]+$/.test(u))) {
      throw new RangeError('redirect_uris must be a list of http(s) URLs without a fragment');
    }
    for (const uri of uris) {
      if (!state.oauthRedirectUris.includes(uri)) state.oauthRedirectUris.push(uri);
      if (!state.oauth.demo.redirectUris.includes(uri)) state.oauth.demo.redirectUris.push(uri);
    }
    return json(describeState(state));
  });

  admin.get('/job-token/:job_id', (c) => {
    advanceWorld(state.world, state.clock.now());
    const job = state.world.jobs.get(Number(c.req.param('job_id')));
    if (!job) return json({ message: '404 Job Not Found' }, 404);
    return json({ job_id: job.id, token: jobToken(job), valid: job.status === 'running' || job.status === 'canceling' });
  });

  admin.notFound(() => json({ error: 'unknown admin endpoint' }, 404));
  return admin;
}

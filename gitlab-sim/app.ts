// The whole simulated host as one fetch handler: /api/v4 (Hono routes) wrapped in what sits
// in front of GitLab's API (CORS, throttles, injected faults), and the /-/sim admin knobs.
import { Hono } from 'hono';
import { corsHeaders, preflightHeaders, stripCors } from './http/cors.ts';
import { ApiError, routeNotFound } from './http/errors.ts';
import { createAdminApp } from './routes/admin.ts';
import { createOAuthApp } from './routes/oauth.ts';
import { STORAGE_PREFIX, registerArtifactRoutes, storageResponse } from './routes/artifacts.ts';
import { registerJobRoutes } from './routes/jobs.ts';
import { registerMetaRoutes } from './routes/meta.ts';
import { registerPipelineRoutes } from './routes/pipelines.ts';
import { registerProjectRoutes } from './routes/projects.ts';
import type { SimState } from './state.ts';
import { advanceWorld } from './world/progress.ts';
import { hashString } from './world/random.ts';

function errorResponse(err: unknown): Response {
  if (err instanceof ApiError) {
    const text = typeof err.body === 'string' ? err.body : JSON.stringify(err.body);
    const type = typeof err.body === 'string' ? 'text/plain' : 'application/json';
    return new Response(text, { status: err.status, headers: { 'Content-Type': type, ...err.headers } });
  }
  console.error('gitlab-sim: unexpected error', err);
  return new Response(JSON.stringify({ message: '500 Internal Server Error' }), {
    status: 500,
    headers: { 'Content-Type': 'application/json' },
  });
}

export function createApiApp(state: SimState): Hono {
  const api = new Hono().basePath('/api/v4');
  registerMetaRoutes(api, state);
  registerProjectRoutes(api, state);
  registerPipelineRoutes(api, state);
  // Artifact routes first: `jobs/artifacts/:ref/…` must not be read as `jobs/:job_id/…`.
  registerArtifactRoutes(api, state);
  registerJobRoutes(api, state);
  api.notFound(() => errorResponse(routeNotFound()));
  api.onError((err) => errorResponse(err));
  return api;
}

function throttled(): Response {
  const reset = Math.floor(Date.now() / 1000) + 60;
  return new Response('Retry later\n', {
    status: 429,
    headers: {
      'Content-Type': 'text/plain',
      'Retry-After': '60',
      'RateLimit-Name': 'throttle_authenticated_api',
      'RateLimit-Limit': '2000',
      'RateLimit-Observed': '2001',
      'RateLimit-Remaining': '0',
      'RateLimit-Reset': String(reset),
    },
  });
}

const REASONS: Record<number, string> = {
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
};

async function withWeakEtag(request: Request, res: Response): Promise<Response> {
  if (request.method !== 'GET' || res.status !== 200 || !res.headers.get('Content-Type')?.startsWith('application/json')) return res;
  const text = await res.text();
  const etag = `W/"${hashString(text).toString(16).padStart(8, '0')}${text.length.toString(16)}"`;
  const headers = new Headers(res.headers);
  headers.set('ETag', etag);
  if (request.headers.get('If-None-Match') === etag) return new Response(null, { status: 304, headers });
  return new Response(text, { status: 200, headers });
}

// GitLab's CORS for /oauth: the token, revoke, token info and userinfo endpoints answer any
// origin and preflights that ask for no more than the simple headers and Authorization.
const OAUTH_CORS_PATHS = ['/oauth/token', '/oauth/revoke', '/oauth/token/info', '/oauth/userinfo'];

async function oauthResponse(oauth: Hono, request: Request, url: URL): Promise<Response> {
  const cors = OAUTH_CORS_PATHS.includes(url.pathname);
  if (request.method === 'OPTIONS') {
    if (!cors) return new Response(null, { status: 404 });
    const asked = (request.headers.get('Access-Control-Request-Headers') ?? '')
      .split(',')
      .map((h) => h.trim().toLowerCase())
      .filter(Boolean);
    const allowed = asked.every((h) => ['authorization', 'accept', 'accept-language', 'content-language'].includes(h));
    const headers = new Headers({ Vary: 'Origin' });
    if (allowed) {
      headers.set('Access-Control-Allow-Origin', '*');
      headers.set('Access-Control-Allow-Methods', 'GET, HEAD, POST');
      headers.set('Access-Control-Allow-Headers', 'Authorization');
      headers.set('Access-Control-Max-Age', '7200');
    }
    return new Response(null, { status: 204, headers });
  }
  const res = await oauth.fetch(request);
  if (!cors) return res;
  const headers = new Headers(res.headers);
  headers.set('Access-Control-Allow-Origin', '*');
  headers.set('Vary', 'Origin');
  return new Response(res.body, { status: res.status, statusText: res.statusText, headers });
}

export function createHandler(state: SimState, onReset: () => void): (request: Request) => Promise<Response> {
  const api = createApiApp(state);
  const admin = createAdminApp(state, onReset);
  const oauth = createOAuthApp(state);
  let requestCount = 0;

  return async (request) => {
    const url = new URL(request.url);
    if (url.pathname === '/-/sim' || url.pathname.startsWith('/-/sim/')) {
      if (request.method === 'OPTIONS') return new Response(null, { status: 204, headers: preflightHeaders(request) });
      const res = await admin.fetch(request);
      const headers = new Headers(res.headers);
      for (const [k, v] of Object.entries(corsHeaders())) headers.set(k, v);
      return new Response(res.body, { status: res.status, headers });
    }
    if (url.pathname === '/oauth' || url.pathname.startsWith('/oauth/')) return oauthResponse(oauth, request, url);
    // The archives' object storage (faults.artifacts_redirect): another origin in a browser's eyes, no CORS.
    if (url.pathname.startsWith(STORAGE_PREFIX)) return storageResponse(state, request);
    if (!url.pathname.startsWith('/api/')) {
      return new Response('gitlab-sim: the simulated GitLab. The API is under /api/v4, the knobs under /-/sim/.\n', {
        status: url.pathname === '/' ? 200 : 404,
        headers: { 'Content-Type': 'text/plain' },
      });
    }

    const faults = state.faults;
    if (request.method === 'OPTIONS') {
      const headers = new Headers(preflightHeaders(request));
      if (!faults.cors && !faults.corsPreflight) stripCors(headers);
      return new Response(null, { status: 204, headers });
    }
    if (faults.latencyMs > 0) await new Promise((r) => setTimeout(r, faults.latencyMs));

    let res: Response;
    if (faults.rateLimit429) res = throttled();
    else if (faults.errorRate > 0 && state.faultRandom.next() < faults.errorRate) {
      const status = faults.errorStatus;
      res = new Response(JSON.stringify({ message: `${status} ${REASONS[status] ?? 'Error'}` }), {
        status,
        headers: { 'Content-Type': 'application/json' },
      });
    } else {
      advanceWorld(state.world, state.clock.now());
      try {
        res = await withWeakEtag(request, await api.fetch(request));
      } catch (err) {
        res = errorResponse(err);
      }
    }

    const headers = new Headers(res.headers);
    requestCount++;
    const requestId = `01SIM${hashString(`${state.options.seed}:${requestCount}`).toString(36).toUpperCase().padStart(8, '0')}${requestCount.toString(36).toUpperCase()}`;
    headers.set('X-Request-Id', requestId);
    headers.set('X-Gitlab-Meta', JSON.stringify({ correlation_id: requestId, version: '1' }));
    headers.set('X-Content-Type-Options', 'nosniff');
    headers.set('X-Frame-Options', 'SAMEORIGIN');
    if (!headers.has('Cache-Control')) headers.set('Cache-Control', 'max-age=0, private, must-revalidate');
    if (faults.cors) for (const [k, v] of Object.entries(corsHeaders())) headers.set(k, v);
    else stripCors(headers);
    return new Response(request.method === 'HEAD' ? null : res.body, { status: res.status, statusText: res.statusText, headers });
  };
}

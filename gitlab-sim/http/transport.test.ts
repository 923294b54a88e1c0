import { describe, expect, it } from 'vitest';
import { createSim } from '../index.ts';
import { admin, call, READ_TOKEN } from '../testing/client.ts';
import { EXPOSED_HEADERS } from './cors.ts';

describe('auth', () => {
  const sim = createSim({ paused: true, hugeLogBytes: 100_000 });

  it('accepts PRIVATE-TOKEN and Authorization: Bearer', async () => {
    expect((await call(sim, '/api/v4/user')).status).toBe(200);
    expect((await call(sim, '/api/v4/user', { token: null, headers: { Authorization: 'Bearer glpat-sim-api' } })).status).toBe(200);
  });

  it('answers 401 without a token or with an unknown one', async () => {
    for (const token of [null, 'glpat-nope']) {
      const r = await call(sim, '/api/v4/projects/1/jobs', { token });
      expect(r.status).toBe(401);
      expect(r.body).toEqual({ message: '401 Unauthorized' });
    }
  });

  it('answers an expired token with invalid_token and WWW-Authenticate', async () => {
    const r = await call(sim, '/api/v4/user', { token: 'glpat-sim-expired' });
    expect(r.status).toBe(401);
    expect(r.body).toEqual({ error: 'invalid_token', error_description: 'Token has expired.' });
    expect(r.headers.get('WWW-Authenticate')).toContain('error="invalid_token"');
  });

  it('lets the read_api token GET everything but write nothing', async () => {
    expect((await call(sim, '/api/v4/projects/1/jobs', { token: READ_TOKEN })).status).toBe(200);
    const r = await call(sim, '/api/v4/projects/1/jobs/1/cancel', { method: 'POST', token: READ_TOKEN });
    expect(r.status).toBe(403);
    expect(r.body).toEqual({
      error: 'insufficient_scope',
      error_description: 'The request requires higher privileges than provided by the access token.',
      scope: 'api',
    });
  });

  it('answers unknown routes with Grape\'s 404, before auth', async () => {
    for (const token of [undefined, null]) {
      const r = await call(sim, '/api/v4/no/such/route', token === null ? { token } : {});
      expect(r.status).toBe(404);
      expect(r.body).toEqual({ error: '404 Not Found' });
    }
  });
});

describe('CORS', () => {
  const sim = createSim({ paused: true, hugeLogBytes: 100_000 });

  it('allows any origin without credentials and exposes exactly GitLab\'s headers', async () => {
    const r = await call(sim, '/api/v4/projects/1/jobs', { headers: { Origin: 'https://dash.example' } });
    expect(r.headers.get('Access-Control-Allow-Origin')).toBe('*');
    expect(r.headers.get('Access-Control-Allow-Credentials')).toBeNull();
    const exposed = (r.headers.get('Access-Control-Expose-Headers') ?? '').split(',').map((s) => s.trim().toLowerCase());
    for (const h of ['link', 'x-total', 'x-total-pages', 'x-per-page', 'x-page', 'x-next-page', 'x-prev-page', 'x-request-id', 'etag']) {
      expect(exposed).toContain(h);
    }
    for (const h of exposed) expect(h.startsWith('ratelimit') || h === 'retry-after' || h === 'content-disposition').toBe(false);
    expect(exposed).toEqual(EXPOSED_HEADERS.map((h) => h.toLowerCase()));
    // Errors carry CORS too, so a browser can read them.
    const e = await call(sim, '/api/v4/projects/1/jobs', { token: null, headers: { Origin: 'https://dash.example' } });
    expect(e.headers.get('Access-Control-Allow-Origin')).toBe('*');
  });

  it('answers a preflight with 204, Allow-Methods and the asked headers', async () => {
    const res = await sim.fetch(
      new Request('http://sim.test/api/v4/projects/1/jobs/5/cancel', {
        method: 'OPTIONS',
        headers: { Origin: 'https://dash.example', 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'private-token, content-type' },
      }),
    );
    expect(res.status).toBe(204);
    expect(res.headers.get('Access-Control-Allow-Origin')).toBe('*');
    expect(res.headers.get('Access-Control-Allow-Methods')).toContain('POST');
    expect(res.headers.get('Access-Control-Allow-Methods')).toContain('DELETE');
    expect(res.headers.get('Access-Control-Allow-Headers')).toBe('private-token, content-type');
  });

  it('strips every CORS header when the knob turns CORS off; admin keeps its own', async () => {
    await admin(sim, 'faults', { cors: false });
    const r = await call(sim, '/api/v4/projects/1/jobs', { headers: { Origin: 'https://dash.example' } });
    expect(r.status).toBe(200);
    for (const [name] of r.headers) expect(name.toLowerCase().startsWith('access-control-')).toBe(false);
    const pre = await sim.fetch(new Request('http://sim.test/api/v4/user', { method: 'OPTIONS', headers: { Origin: 'https://x', 'Access-Control-Request-Method': 'GET' } }));
    expect(pre.headers.get('Access-Control-Allow-Origin')).toBeNull();
    const adm = await sim.fetch(new Request('http://sim.test/-/sim/state'));
    expect(adm.headers.get('Access-Control-Allow-Origin')).toBe('*');
    await admin(sim, 'faults', { cors: true });
  });

  it('with cors_preflight, passes preflights while stripping the answers: a write is done but unreadable', async () => {
    await admin(sim, 'faults', { cors: false, cors_preflight: true });
    const pre = await sim.fetch(
      new Request('http://sim.test/api/v4/projects/1/jobs/5/cancel', { method: 'OPTIONS', headers: { Origin: 'https://x', 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'private-token' } }),
    );
    expect(pre.headers.get('Access-Control-Allow-Origin')).toBe('*');
    const r = await call(sim, '/api/v4/projects/1/jobs', { headers: { Origin: 'https://dash.example' } });
    expect(r.headers.get('Access-Control-Allow-Origin')).toBeNull();
    await admin(sim, 'faults', { cors: true, cors_preflight: false });
  });
});

describe('injected faults', () => {
  it('throttles every API call with text/plain "Retry later" and unreadable rate headers', async () => {
    const sim = createSim({ paused: true, hugeLogBytes: 100_000 });
    await admin(sim, 'faults', { rate_limit_429: true });
    const r = await call(sim, '/api/v4/projects/1/pipelines');
    expect(r.status).toBe(429);
    expect(r.headers.get('Content-Type')).toBe('text/plain');
    expect(r.text.trim()).toBe('Retry later');
    expect(r.headers.get('Retry-After')).not.toBeNull();
    expect(r.headers.get('RateLimit-Limit')).not.toBeNull();
    await admin(sim, 'faults', { rate_limit_429: false });
    expect((await call(sim, '/api/v4/projects/1/pipelines')).status).toBe(200);
  });

  it('injects errors at the asked rate and status', async () => {
    const sim = createSim({ paused: true, hugeLogBytes: 100_000 });
    await admin(sim, 'faults', { error_rate: 1, error_status: 503 });
    const r = await call(sim, '/api/v4/projects/1');
    expect(r.status).toBe(503);
    expect(r.body).toEqual({ message: '503 Service Unavailable' });
    await admin(sim, 'faults', { error_rate: 0.5, error_status: 500 });
    const statuses: number[] = [];
    for (let i = 0; i < 40; i++) statuses.push((await call(sim, '/api/v4/version')).status);
    expect(statuses).toContain(500);
    expect(statuses).toContain(200);
  });

  it('adds latency', async () => {
    const sim = createSim({ paused: true, hugeLogBytes: 100_000 });
    await admin(sim, 'faults', { latency_ms: 120 });
    const t0 = Date.now();
    await call(sim, '/api/v4/version');
    expect(Date.now() - t0).toBeGreaterThanOrEqual(110);
  });

  it('sends weak ETags and answers If-None-Match with 304', async () => {
    const sim = createSim({ paused: true, hugeLogBytes: 100_000 });
    const r = await call(sim, '/api/v4/projects/1');
    const etag = r.headers.get('ETag');
    expect(etag).toMatch(/^W\//);
    const again = await call(sim, '/api/v4/projects/1', { headers: { 'If-None-Match': etag ?? '' } });
    expect(again.status).toBe(304);
  });
});

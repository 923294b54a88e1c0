// FACTS.md, item by item, against the simulator (in-process): transport, auth, pagination and rate limits.
// Written apart from the core's own tests, from FACTS.md and the common brief only, so the two
// readings check each other.
import { describe, expect, it } from 'vitest';
import { createSim } from '../index.ts';
import { API, HOST, jobs, pick, READ, req, sim, type Json, type Reply } from './facts-client.ts';

describe('FACTS.md: transport', () => {
  it('sends CORS for any origin, no credentials, and exposes only the readable headers', async () => {
    const s = sim();
    const r = await req(s, 'GET', '/api/v4/projects/1/jobs', { headers: { Origin: 'https://dash.example' } });
    expect(r.headers.get('Access-Control-Allow-Origin')).toBe('*');
    expect(r.headers.get('Access-Control-Allow-Credentials')).toBeNull();
    const exposed = (r.headers.get('Access-Control-Expose-Headers') ?? '').split(/,\s*/).map((h) => h.toLowerCase());
    for (const h of ['link', 'x-total', 'x-total-pages', 'x-per-page', 'x-page', 'x-next-page', 'x-prev-page', 'x-request-id', 'etag']) expect(exposed).toContain(h);
    for (const h of ['ratelimit-limit', 'ratelimit-remaining', 'retry-after', 'content-disposition']) expect(exposed).not.toContain(h);
    const pre = await s.fetch(new Request(`${HOST}/api/v4/projects/1/jobs/1/cancel`, {
      method: 'OPTIONS',
      headers: { Origin: 'https://dash.example', 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'private-token, content-type' },
    }));
    expect(pre.status).toBeLessThan(300);
    expect(pre.headers.get('Access-Control-Allow-Origin')).toBe('*');
    expect(pre.headers.get('Access-Control-Allow-Methods') ?? '').toMatch(/POST/);
    expect((pre.headers.get('Access-Control-Allow-Headers') ?? '').toLowerCase()).toContain('private-token');
  });

  it('strips every CORS header when the cors fault is off, but not on the admin API', async () => {
    const s = sim();
    const knob = await s.fetch(new Request(`${HOST}/-/sim/faults`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ cors: false }) }));
    expect(knob.status).toBe(200);
    expect(knob.headers.get('Access-Control-Allow-Origin')).toBe('*');
    const r = await req(s, 'GET', '/api/v4/projects/1/jobs');
    expect(r.status).toBe(200);
    for (const [k] of r.headers) expect(k.toLowerCase().startsWith('access-control-')).toBe(false);
  });

  it('answers auth failures with GitLab\'s bodies', async () => {
    const s = sim();
    for (const token of [null, 'glpat-nope']) {
      const r = await req(s, 'GET', '/api/v4/projects/1/jobs', { token });
      expect(r.status).toBe(401);
      expect(r.body).toEqual({ message: '401 Unauthorized' });
    }
    const expired = await req(s, 'GET', '/api/v4/projects/1/jobs', { token: 'glpat-sim-expired' });
    expect(expired.status).toBe(401);
    expect(expired.body).toEqual({ error: 'invalid_token', error_description: 'Token has expired.' });
    expect(expired.headers.get('WWW-Authenticate') ?? '').toMatch(/^Bearer .*error="invalid_token".*Token has expired/);
    const bearer = await req(s, 'GET', '/api/v4/projects/1/jobs', { token: null, headers: { Authorization: `Bearer ${API}` } });
    expect(bearer.status).toBe(200);
    const job = await pick(s, 'failed');
    const write = await req(s, 'POST', `/api/v4/projects/1/jobs/${String(job.id)}/retry`, { token: READ });
    expect(write.status).toBe(403);
    expect(write.body).toEqual({
      error: 'insufficient_scope',
      error_description: 'The request requires higher privileges than provided by the access token.',
      scope: 'api',
    });
    expect((await req(s, 'GET', '/api/v4/projects/4/jobs', { token: READ })).status).toBe(404);
    expect((await req(s, 'GET', '/api/v4/projects/4/jobs')).status).toBe(200);
  });

  it('tells the token\'s scopes, the version and the user', async () => {
    const s = sim();
    const self = await req(s, 'GET', '/api/v4/personal_access_tokens/self', { token: READ });
    expect(self.body).toMatchObject({ scopes: ['read_api'], active: true, revoked: false });
    for (const k of ['id', 'name', 'created_at', 'user_id', 'last_used_at', 'expires_at']) expect(self.body).toHaveProperty(k);
    const api = await req(s, 'GET', '/api/v4/personal_access_tokens/self');
    expect((api.body as Json).scopes).toEqual(['api']);
    const version = await req(s, 'GET', '/api/v4/version');
    expect((version.body as Json).version).toMatch(/^\d+\.\d+\.\d+/);
    const user = await req(s, 'GET', '/api/v4/user');
    expect(user.body).toMatchObject({ name: 'Sim Admin', state: 'active' });
  });
});

describe('FACTS.md: pagination', () => {
  it('pages the jobs list without totals and caps per_page at 100', async () => {
    const s = sim();
    const first = await req(s, 'GET', '/api/v4/projects/3/jobs');
    expect((first.body as Json[]).length).toBe(20);
    expect(first.headers.get('X-Per-Page')).toBe('20');
    expect(first.headers.get('X-Page')).toBe('1');
    expect(first.headers.get('X-Next-Page')).toBe('2');
    expect(first.headers.get('X-Prev-Page')).toBe('');
    expect(first.headers.get('X-Total')).toBeNull();
    expect(first.headers.get('X-Total-Pages')).toBeNull();
    const link = first.headers.get('Link') ?? '';
    expect(link).toMatch(/rel="next"/);
    expect(link).toMatch(/rel="first"/);
    expect(link).not.toMatch(/rel="last"/);
    const big = await req(s, 'GET', '/api/v4/projects/3/jobs?per_page=500');
    expect((big.body as Json[]).length).toBe(100);
    expect(big.headers.get('X-Per-Page')).toBe('100');
    const last = await req(s, 'GET', '/api/v4/projects/2/jobs?per_page=100');
    expect(last.headers.get('X-Next-Page')).toBe('');
    expect(last.headers.get('Link') ?? '').not.toMatch(/rel="next"/);
  });

  it('refuses offsets beyond 50,000 on the jobs list with 405', async () => {
    const s = sim();
    const r = await req(s, 'GET', '/api/v4/projects/3/jobs?per_page=100&page=502');
    expect(r.status).toBe(405);
    expect(String((r.body as Json).error)).toMatch(/^Offset pagination has a maximum allowed offset of 50000/);
  });

  it('pages by keyset through Link rel="next" only, id desc only', async () => {
    const s = sim();
    let url: string | null = '/api/v4/projects/3/jobs?pagination=keyset&per_page=100&order_by=id&sort=desc';
    const seen: number[] = [];
    let pages = 0;
    while (url && pages < 100) {
      const r: Reply = await req(s, 'GET', url);
      expect(r.status).toBe(200);
      seen.push(...(r.body as Json[]).map((j) => Number(j.id)));
      const next: RegExpMatchArray | null = (r.headers.get('Link') ?? '').match(/<([^>]+)>; rel="next"/);
      url = next?.[1] ? next[1].replace(HOST, '') : null;
      pages++;
    }
    expect(url).toBeNull();
    expect(pages).toBeGreaterThan(50);
    expect(new Set(seen).size).toBe(seen.length);
    for (let i = 1; i < seen.length; i++) expect(seen[i]).toBeLessThan(seen[i - 1] ?? 0);
    const offset = await jobs(s, 3, '&page=1');
    expect(seen.slice(0, 100)).toEqual(offset.map((j) => Number(j.id)));
    expect((await req(s, 'GET', '/api/v4/projects/3/jobs?pagination=keyset&order_by=name')).status).toBe(405);
  });

  it('counts pipeline-scoped lists', async () => {
    const s = sim();
    const p = ((await req(s, 'GET', '/api/v4/projects/1/pipelines?per_page=1')).body as Json[])[0];
    const r = await req(s, 'GET', `/api/v4/projects/1/pipelines/${String(p?.id)}/jobs`);
    expect(Number(r.headers.get('X-Total'))).toBe((r.body as Json[]).length);
  });
});

describe('FACTS.md: rate limits', () => {
  it('limits GET /projects/:id/jobs per user and minute with GitLab\'s body', async () => {
    const s = createSim({ paused: true, jobsRateLimitPerMinute: 3 });
    for (let i = 0; i < 3; i++) expect((await req(s, 'GET', '/api/v4/projects/1/jobs')).status).toBe(200);
    const r = await req(s, 'GET', '/api/v4/projects/1/jobs');
    expect(r.status).toBe(429);
    expect(r.body).toEqual({ message: { error: 'This endpoint has been requested too many times. Try again later.' } });
    // Other endpoints are not limited by it.
    expect((await req(s, 'GET', '/api/v4/projects/1/pipelines')).status).toBe(200);
  });

  it('answers the general throttle with text/plain "Retry later"', async () => {
    const s = sim();
    await s.fetch(new Request(`${HOST}/-/sim/faults`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ rate_limit_429: true }) }));
    const r = await req(s, 'GET', '/api/v4/projects/1/pipelines');
    expect(r.status).toBe(429);
    expect(r.headers.get('Content-Type')).toMatch(/^text\/plain/);
    expect(r.text.trim()).toBe('Retry later');
  });
});

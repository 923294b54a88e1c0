// FACTS.md, item by item, against the simulator (in-process): transport, auth, pagination,
// rate limits, the actions table, the job log and artifacts. Written apart from the core's
// own tests, from FACTS.md and the common brief only, so the two readings check each other.
import { unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { createSim } from '../index.ts';
import type { Sim, SimOptions } from '../index.ts';
import { ARTIFACT_PATHS } from '../content/artifacts.ts';
import { validateJob } from '../test-support/schemas.ts';

/** A job whose `artifacts[]` lists an archive (its log's `trace` row does not count). */
function hasArchiveRow(j: Json): boolean {
  return Array.isArray(j.artifacts) && j.artifacts.some((a) => (a as Json).file_type === 'archive');
}


const HOST = 'http://sim.test';
const API = 'glpat-sim-api';
const READ = 'glpat-sim-read';

type Json = Record<string, unknown>;
interface Reply { status: number; headers: Headers; text: string; body: unknown; bytes: Uint8Array }

async function req(sim: Sim, method: string, path: string, opts: { token?: string | null; headers?: Record<string, string>; json?: unknown } = {}): Promise<Reply> {
  const headers: Record<string, string> = { ...(opts.headers ?? {}) };
  const token = opts.token === undefined ? API : opts.token;
  if (token !== null) headers['PRIVATE-TOKEN'] = token;
  if (opts.json !== undefined) headers['Content-Type'] = 'application/json';
  const res = await sim.fetch(new Request(HOST + path, { method, headers, ...(opts.json !== undefined ? { body: JSON.stringify(opts.json) } : {}) }));
  const bytes = new Uint8Array(await res.arrayBuffer());
  const text = new TextDecoder().decode(bytes);
  let body: unknown = text;
  if (res.headers.get('Content-Type')?.includes('application/json') && text) body = JSON.parse(text);
  return { status: res.status, headers: res.headers, text, body, bytes };
}

function sim(opts: SimOptions = {}): Sim {
  return createSim({ paused: true, jobsRateLimitPerMinute: 100_000, ...opts });
}

async function jobs(s: Sim, pid: number, query = ''): Promise<Json[]> {
  const r = await req(s, 'GET', `/api/v4/projects/${pid}/jobs?per_page=100${query}`);
  return r.body as Json[];
}

async function pick(s: Sim, scope: string, pred: (j: Json) => boolean = () => true, pid = 1): Promise<Json> {
  const list = await jobs(s, pid, `&scope[]=${scope}`);
  const job = list.find((j) => (j.pipeline as Json).ref !== 'production' && pred(j));
  if (!job) throw new Error(`no ${scope} job`);
  return job;
}

async function advance(s: Sim, ms: number): Promise<void> {
  const r = await s.fetch(new Request(`${HOST}/-/sim/clock`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ advance_ms: ms }) }));
  expect(r.status).toBe(200);
}

async function anyBridge(s: Sim): Promise<Json> {
  const pipelines = (await req(s, 'GET', '/api/v4/projects/1/pipelines?per_page=100')).body as Json[];
  for (const p of pipelines) {
    const bridges = (await req(s, 'GET', `/api/v4/projects/1/pipelines/${String(p.id)}/bridges`)).body as Json[];
    const b = bridges.find((x) => x.status === 'success');
    if (b) return b;
  }
  throw new Error('no bridge');
}

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

describe('FACTS.md: the actions table', () => {
  it('cancel: 201 and canceling/canceled when running; 201 with the job unchanged when finished', async () => {
    const s = sim();
    const running = await pick(s, 'running');
    const r = await req(s, 'POST', `/api/v4/projects/1/jobs/${String(running.id)}/cancel`);
    expect(r.status).toBe(201);
    expect(['canceling', 'canceled']).toContain((r.body as Json).status);
    const done = await pick(s, 'success');
    const again = await req(s, 'POST', `/api/v4/projects/1/jobs/${String(done.id)}/cancel`);
    expect(again.status).toBe(201);
    expect(again.body).toEqual((await req(s, 'GET', `/api/v4/projects/1/jobs/${String(done.id)}`)).body);
  });

  it('retry: 201 with a new job for success/failed/canceled; 403 "Job is not retryable" otherwise', async () => {
    const s = sim();
    for (const scope of ['success', 'failed', 'canceled']) {
      const job = await pick(s, scope);
      const r = await req(s, 'POST', `/api/v4/projects/1/jobs/${String(job.id)}/retry`);
      expect(r.status, scope).toBe(201);
      expect((r.body as Json).id).not.toBe(job.id);
      expect((r.body as Json).name).toBe(job.name);
      expect(validateJob(r.body)).toEqual([]);
    }
    for (const scope of ['running', 'manual']) {
      const job = await pick(s, scope);
      const r = await req(s, 'POST', `/api/v4/projects/1/jobs/${String(job.id)}/retry`);
      expect(r.status, scope).toBe(403);
      expect(r.body).toEqual({ message: '403 Forbidden - Job is not retryable' });
    }
  });

  it('retry: archived jobs are not retryable', async () => {
    const s = sim();
    const old = (await jobs(s, 3, '&scope[]=success&page=40')).find((j) => j.archived === true);
    expect(old, 'an archived job in big-history').toBeDefined();
    const r = await req(s, 'POST', `/api/v4/projects/3/jobs/${String(old?.id)}/retry`);
    expect(r.status).toBe(403);
    expect(r.body).toEqual({ message: '403 Forbidden - Job is not retryable' });
  });

  it('erase: 201 with erased_at, then log and artifacts are gone; 403 "Job is not erasable!" after', async () => {
    const s = sim();
    const job = await pick(s, 'success', hasArchiveRow);
    const r = await req(s, 'POST', `/api/v4/projects/1/jobs/${String(job.id)}/erase`);
    expect(r.status).toBe(201);
    const erased = r.body as Json;
    expect(erased.erased_at).not.toBeNull();
    expect(erased.artifacts).toEqual([]);
    expect(erased.artifacts_file).toBeUndefined();
    const trace = await req(s, 'GET', `/api/v4/projects/1/jobs/${String(job.id)}/trace`);
    expect(trace.status).toBe(200);
    expect(trace.text).toBe('');
    expect((await req(s, 'GET', `/api/v4/projects/1/jobs/${String(job.id)}/artifacts`)).status).toBe(404);
    const again = await req(s, 'POST', `/api/v4/projects/1/jobs/${String(job.id)}/erase`);
    expect(again.status).toBe(403);
    expect(again.body).toEqual({ message: '403 Forbidden - Job is not erasable!' });
    const running = await pick(s, 'running');
    expect((await req(s, 'POST', `/api/v4/projects/1/jobs/${String(running.id)}/erase`)).status).toBe(403);
  });

  it('play: 200 pending for a manual job (with variables); 400 "Unplayable Job" otherwise; bad keys 400', async () => {
    const s = sim();
    const manual = await pick(s, 'manual');
    const bad = await req(s, 'POST', `/api/v4/projects/1/jobs/${String(manual.id)}/play`, { json: { job_variables_attributes: [{ key: 'BAD-KEY', value: 'x' }] } });
    expect(bad.status).toBe(400);
    const r = await req(s, 'POST', `/api/v4/projects/1/jobs/${String(manual.id)}/play`, { json: { job_variables_attributes: [{ key: 'DEPLOY_ENV', value: 'staging' }] } });
    expect(r.status).toBe(200);
    expect((r.body as Json).status).toBe('pending');
    const done = await pick(s, 'success');
    const no = await req(s, 'POST', `/api/v4/projects/1/jobs/${String(done.id)}/play`);
    expect(no.status).toBe(400);
    expect(no.body).toEqual({ message: '400 Bad request - Unplayable Job' });
  });

  it('play: a finished manual job may be played again', async () => {
    const s = sim();
    const manual = await pick(s, 'manual');
    expect((await req(s, 'POST', `/api/v4/projects/1/jobs/${String(manual.id)}/play`)).status).toBe(200);
    await advance(s, 3 * 60 * 60 * 1000);
    const after = (await req(s, 'GET', `/api/v4/projects/1/jobs/${String(manual.id)}`)).body as Json;
    expect(['success', 'failed']).toContain(after.status);
    const again = await req(s, 'POST', `/api/v4/projects/1/jobs/${String(manual.id)}/play`);
    expect(again.status).toBe(200);
    expect((again.body as Json).status).toBe('pending');
  });

  it('keep: 200 with artifacts_expire_at null; 404 without artifacts. Delete: 204, then 404', async () => {
    const s = sim();
    const job = await pick(s, 'success', (j) => hasArchiveRow(j) && j.artifacts_expire_at !== null);
    const kept = await req(s, 'POST', `/api/v4/projects/1/jobs/${String(job.id)}/artifacts/keep`);
    expect(kept.status).toBe(200);
    expect((kept.body as Json).artifacts_expire_at).toBeNull();
    const del = await req(s, 'DELETE', `/api/v4/projects/1/jobs/${String(job.id)}/artifacts`);
    expect(del.status).toBe(204);
    expect(del.text).toBe('');
    expect((await req(s, 'DELETE', `/api/v4/projects/1/jobs/${String(job.id)}/artifacts`)).status).toBe(404);
    expect((await req(s, 'POST', `/api/v4/projects/1/jobs/${String(job.id)}/artifacts/keep`)).status).toBe(404);
    const none = await pick(s, 'success', (j) => Array.isArray(j.artifacts) && !hasArchiveRow(j));
    expect((await req(s, 'POST', `/api/v4/projects/1/jobs/${String(none.id)}/artifacts/keep`)).status).toBe(404);
  });

  it('answers 404 "404 Not found" for a bridge id on job-only endpoints', async () => {
    const s = sim();
    const bridge = await anyBridge(s);
    for (const [method, suffix] of [['GET', ''], ['GET', '/trace'], ['POST', '/cancel'], ['POST', '/erase']] as const) {
      const r = await req(s, method, `/api/v4/projects/1/jobs/${String(bridge.id)}${suffix}`);
      expect(r.status, `${method} ${suffix}`).toBe(404);
      expect(r.body).toEqual({ message: '404 Not found' });
    }
  });

  it('refuses actions on the protected production branch with 403', async () => {
    const s = sim();
    const list: Json[] = [];
    for (let page = 1; page <= 10; page++) list.push(...(await jobs(s, 1, `&page=${page}`)));
    const prod = list.find((j) => (j.pipeline as Json).ref === 'production' && ['success', 'failed', 'canceled'].includes(String(j.status)));
    expect(prod).toBeDefined();
    const r = await req(s, 'POST', `/api/v4/projects/1/jobs/${String(prod?.id)}/retry`);
    expect(r.status).toBe(403);
    expect(String((r.body as Json).message)).toMatch(/^403 Forbidden/);
  });
});

describe('FACTS.md: the job log', () => {
  it('is text/plain, whole on every call (Range ignored), and only grows while running', async () => {
    const s = sim();
    const running = await pick(s, 'running', (j) => j.name === 'rspec 1/3');
    const path = `/api/v4/projects/1/jobs/${String(running.id)}/trace`;
    const a = await req(s, 'GET', path);
    expect(a.status).toBe(200);
    expect(a.headers.get('Content-Type')).toMatch(/^text\/plain/);
    const ranged = await req(s, 'GET', path, { headers: { Range: 'bytes=10-20' } });
    expect(ranged.status).toBe(200);
    expect(ranged.text).toBe(a.text);
    await advance(s, 60_000);
    const b = await req(s, 'GET', path);
    expect(b.text.length).toBeGreaterThan(a.text.length);
    expect(b.text.startsWith(a.text)).toBe(true);
  });

  it('ends a finished job\'s log as GitLab does, and a canceled one with the cancel', async () => {
    const s = sim();
    const failed = await pick(s, 'failed', (j) => j.allow_failure === false);
    const log = (await req(s, 'GET', `/api/v4/projects/1/jobs/${String(failed.id)}/trace`)).text;
    expect(log).toContain('ERROR: Job failed: exit code 1');
    const running = await pick(s, 'running');
    await req(s, 'POST', `/api/v4/projects/1/jobs/${String(running.id)}/cancel`);
    await advance(s, 10 * 60_000);
    const job = (await req(s, 'GET', `/api/v4/projects/1/jobs/${String(running.id)}`)).body as Json;
    expect(job.status).toBe('canceled');
    const canceled = (await req(s, 'GET', `/api/v4/projects/1/jobs/${String(running.id)}/trace`)).text;
    expect(canceled).toContain('ERROR: Job failed: canceled');
  });
});

describe('the seeded logs (common brief: huge log, runner timestamps)', () => {
  it('gives the huge-log job a log of hugeLogBytes', async () => {
    const s = createSim({ paused: true, hugeLogBytes: 2_000_000 });
    const huge = await pick(s, 'success', (j) => j.name === 'huge-log');
    const r = await req(s, 'GET', `/api/v4/projects/1/jobs/${String(huge.id)}/trace`);
    expect(r.bytes.length).toBeGreaterThanOrEqual(2_000_000);
    expect(r.bytes.length).toBeLessThan(2_200_000);
    expect(r.text).toContain('Job succeeded');
  });

  it('has jobs whose every log line carries the runner\'s 32-byte timestamp prefix', async () => {
    const s = sim();
    const finished = await jobs(s, 1, '&scope[]=success&scope[]=failed');
    let stamped = 0;
    for (const j of finished.slice(0, 60)) {
      const log = (await req(s, 'GET', `/api/v4/projects/1/jobs/${String(j.id)}/trace`)).text;
      if (!/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z [0-9a-f]{2}[OE][ +]/.test(log)) continue;
      stamped++;
      for (const line of log.slice(0, -1).split('\n')) expect(line).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z [0-9a-f]{2}[OE][ +]/);
    }
    expect(stamped).toBeGreaterThan(0);
  });
});

describe('FACTS.md: artifacts', () => {
  it('lists a job\'s artifact files in artifacts[]: the archive, its metadata.gz and the junit report', async () => {
    // GitLab's Job entity exposes every Ci::JobArtifact of the job (jobs-api-17's example:
    // archive, metadata.gz, job.log as `trace`, junit.xml.gz). The simulator leaves out the
    // `trace` row on purpose (its size would mean rendering every listed job's log).
    const s = sim();
    const job = await pick(s, 'success', hasArchiveRow);
    const artifacts = job.artifacts as Json[];
    expect(artifacts.map((a) => a.file_type)).toEqual(expect.arrayContaining(['archive', 'metadata']));
    const archive = artifacts.find((a) => a.file_type === 'archive');
    expect(archive).toMatchObject({ filename: 'artifacts.zip', file_format: 'zip', size: (job.artifacts_file as Json).size });
    expect(artifacts.find((a) => a.file_type === 'metadata')).toMatchObject({ filename: 'metadata.gz', file_format: 'gzip' });
  });

  it('serves a file whose name has spaces and non-Latin-1 characters', async () => {
    // Every default archive holds `docs/Release notes – Überblick ✓ 2024.md`. HTTP header
    // values are bytes, so GitLab (Rails' ContentDisposition) sends the name percent-encoded
    // in `filename*=UTF-8''…` with an ASCII fallback, never raw UTF-8.
    const s = sim();
    const job = await pick(s, 'success', hasArchiveRow);
    const base = `/api/v4/projects/1/jobs/${String(job.id)}/artifacts`;
    const files = unzipSync((await req(s, 'GET', base)).bytes);
    const path = ARTIFACT_PATHS.unicodeName;
    expect(files[path]).toBeDefined();
    const r = await req(s, 'GET', `${base}/${path.split('/').map(encodeURIComponent).join('/')}`);
    expect(r.status).toBe(200);
    expect(r.bytes).toEqual(files[path]);
    const disposition = r.headers.get('Content-Disposition');
    if (disposition !== null) {
      expect(disposition).toMatch(/^[\x20-\x7e]*$/);
      expect(disposition).toContain(`filename*=UTF-8''${encodeURIComponent('Release notes – Überblick ✓ 2024.md')}`);
    }
  });

  it('answers 400 for an artifact path with a NUL byte', async () => {
    const s = sim();
    const job = await pick(s, 'success', hasArchiveRow);
    const r = await req(s, 'GET', `/api/v4/projects/1/jobs/${String(job.id)}/artifacts/reports/junit.xml%00.txt`);
    expect(r.status).toBe(400);
  });

  it('serves the archive as a zip, single files, the tree, and by ref', async () => {
    const s = sim();
    const job = await pick(s, 'success', hasArchiveRow);
    const base = `/api/v4/projects/1/jobs/${String(job.id)}/artifacts`;
    const zip = await req(s, 'GET', base);
    expect(zip.status).toBe(200);
    const files = unzipSync(zip.bytes);
    const fileNames = Object.keys(files).filter((n) => !n.endsWith('/'));
    expect(fileNames.length).toBeGreaterThan(0);
    expect(zip.bytes.length).toBe((job.artifacts_file as Json).size);

    const tree = await req(s, 'GET', `${base}/tree?recursive=true&per_page=100`);
    expect(tree.status).toBe(200);
    const entries = tree.body as Json[];
    expect(entries.filter((e) => e.type === 'file').map((e) => e.path).sort()).toEqual(fileNames.sort());
    for (const e of entries) {
      expect(e.type === 'directory' ? String(e.path).endsWith('/') : !String(e.path).endsWith('/')).toBe(true);
      expect(String(e.mode)).toMatch(/^(100644|100755|040755)$/);
    }

    const name = fileNames.find((n) => n.includes('junit')) ?? fileNames[0] ?? '';
    const one = await req(s, 'GET', `${base}/${name.split('/').map(encodeURIComponent).join('/')}`);
    expect(one.status).toBe(200);
    expect(one.bytes).toEqual(files[name]);
    expect((await req(s, 'GET', `${base}/no/such/file.txt`)).status).toBe(404);

    const ref = String((job.pipeline as Json).ref);
    const byRef = await req(s, 'GET', `/api/v4/projects/1/jobs/artifacts/${encodeURIComponent(ref)}/download?job=${encodeURIComponent(String(job.name))}`);
    expect([200, 302]).toContain(byRef.status);
    if (byRef.status === 200) expect(Object.keys(unzipSync(byRef.bytes)).length).toBeGreaterThan(0);
  });
});

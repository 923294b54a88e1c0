// The simulator at each api-docs version (9, 12, 15, 17) and the newest: what exists there and
// what does not, read from the one table (versions.ts) the routes and entities read.
import { describe, expect, it } from 'vitest';
import { createSim, type Sim } from './index.ts';
import { admin, allJobs, call, findJob, pipelineOf, type JobJson } from './testing/client.ts';
import { ENDPOINTS, FEATURES, JOB_FIELDS, NAMED_VERSIONS, PIPELINE_FIELDS, STATUSES, has, hostVersion, scopeValues, statusAt, type EndpointKey } from './versions.ts';

const ROUTE_404 = { error: '404 Not Found' };
const VERSIONS = ['9', '12', '15', '17', '18'] as const;

interface Ids {
  job: JobJson;
  bridge: JobJson;
  pipelineId: number;
  manual: JobJson;
}

async function ids(sim: Sim): Promise<Ids> {
  const jobs = await allJobs(sim, 1);
  const manual = findJob(jobs, (j) => j.status === 'manual' && pipelineOf(j).ref !== 'production', 'a manual job');
  const pipelines = (await call(sim, '/api/v4/projects/1/pipelines?per_page=100&scope=finished')).body as { id: number; ref: string }[];
  for (const p of pipelines) {
    if (p.ref === 'production') continue;
    const bridges = (await call(sim, `/api/v4/projects/1/pipelines/${p.id}/bridges`)).body as JobJson[];
    const bridge = bridges.find((b) => ['success', 'failed'].includes(b.status));
    const job = jobs.find((j) => pipelineOf(j).id === p.id && j.status === 'success' && !j.name.includes(' '));
    if (bridge && job) return { job, bridge, pipelineId: p.id, manual };
  }
  throw new Error('no finished pipeline with a finished bridge and a successful job');
}

/** A request that reaches each endpoint (the answer may be any status but the unknown-route 404). */
function requestFor(key: EndpointKey, x: Ids): { method: string; path: string } {
  const [method = 'GET', pattern = '/'] = key.split(' ');
  const path = pattern
    .replace(':id', '1')
    .replace(':pipeline_id', String(x.pipelineId))
    .replace(':job_id', String(x.job.id))
    .replace('/jobs/artifacts/*', `/jobs/artifacts/${String(pipelineOf(x.job).ref)}/download?job=${x.job.name}`)
    .replace('/artifacts/*', '/artifacts/some/file.txt');
  return { method, path: `/api/v4${path}` };
}

describe.each(VERSIONS)('the simulator at GitLab %s', (label) => {
  const host = hostVersion(label);

  it(`reports ${NAMED_VERSIONS[label]} on /version`, async () => {
    const sim = createSim({ paused: true, apiVersion: label, hugeLogBytes: 10_000 });
    expect(((await call(sim, '/api/v4/version')).body as { version: string }).version).toBe(NAMED_VERSIONS[label]);
  });

  it('serves the endpoints that version had and answers the unknown-route 404 for the others', async () => {
    const sim = createSim({ paused: true, hugeLogBytes: 10_000 });
    const x = await ids(sim);
    await admin(sim, 'faults', { api_version: label });
    for (const key of Object.keys(ENDPOINTS) as EndpointKey[]) {
      const { method, path } = requestFor(key, x);
      const r = await call(sim, path, { method });
      if (has(host, ENDPOINTS[key])) expect(r.body, `${key} exists at ${label}`).not.toEqual(ROUTE_404);
      else {
        expect(r.status, `${key} is absent at ${label}`).toBe(404);
        expect(r.body).toEqual(ROUTE_404);
      }
    }
    // Raw single files by ref (11.5) share the by-ref route with the download (8.10).
    const raw = await call(sim, `/api/v4/projects/1/jobs/artifacts/${String(pipelineOf(x.job).ref)}/raw/a.txt?job=${x.job.name}`);
    expect(raw.body === undefined || JSON.stringify(raw.body) !== JSON.stringify(ROUTE_404)).toBe(has(host, FEATURES.rawByRef));
  });

  it('sends the job, bridge and pipeline fields of that version, and no newer ones', async () => {
    const sim = createSim({ paused: true, apiVersion: label, hugeLogBytes: 10_000, jobsRateLimitPerMinute: 100_000 });
    const jobs = await allJobs(sim, 1);
    const pipelineId = pipelineOf(jobs[0] as JobJson).id;
    const bridges: JobJson[] = [];
    for (const j of jobs.slice(0, 200)) {
      const id = pipelineOf(j).id;
      if (bridges.length === 0 && has(host, ENDPOINTS['GET /projects/:id/pipelines/:pipeline_id/bridges'])) {
        bridges.push(...((await call(sim, `/api/v4/projects/1/pipelines/${id}/bridges`)).body as JobJson[]));
      }
    }
    const entities = [...jobs, ...bridges];
    for (const [field, since] of Object.entries(JOB_FIELDS)) {
      const seen = entities.some((j) => field in j);
      expect(seen, `${field} at ${label}`).toBe(has(host, since));
    }
    for (const [field, since] of Object.entries(PIPELINE_FIELDS)) {
      expect(jobs.some((j) => field in (j.pipeline as object)), `pipeline.${field} at ${label}`).toBe(has(host, since));
    }
    expect(pipelineId).toBeGreaterThan(0);
  });

  it('sends only the statuses that version had, and filters only on its scope values', async () => {
    const sim = createSim({ paused: true, apiVersion: label, hugeLogBytes: 10_000, jobsRateLimitPerMinute: 100_000 });
    const jobs = await allJobs(sim, 1);
    const known = Object.keys(STATUSES) as (keyof typeof STATUSES)[];
    const allowed = new Set(known.filter((s) => has(host, STATUSES[s])));
    for (const j of jobs) expect(allowed.has(j.status as keyof typeof STATUSES), `${j.status} at ${label}`).toBe(true);
    for (const s of known) {
      const r = await call(sim, `/api/v4/projects/1/jobs?scope=${s}&per_page=100`);
      if (scopeValues(host).includes(s)) {
        expect(r.status, `scope=${s} at ${label}`).toBe(200);
        for (const j of r.body as JobJson[]) expect(j.status).toBe(s);
      } else expect(r.status, `scope=${s} refused at ${label}`).toBe(400);
    }
  });

  it('ignores the parameters that version did not know (keyset, include_retried, play variables) and retries bridges only from 17.0', async () => {
    const sim = createSim({ paused: true, hugeLogBytes: 10_000, jobsRateLimitPerMinute: 100_000 });
    const x = await ids(sim);
    // A job retried once, so the pipeline holds two attempts of it.
    const retried = (await call(sim, `/api/v4/projects/1/jobs/${x.job.id}/retry`, { method: 'POST' })).body as JobJson;
    await admin(sim, 'faults', { api_version: label });

    const keyset = await call(sim, '/api/v4/projects/3/jobs?pagination=keyset&per_page=50');
    expect((keyset.headers.get('Link') ?? '').includes('cursor='), `keyset at ${label}`).toBe(has(host, FEATURES.keysetJobs));

    const plain = (await call(sim, `/api/v4/projects/1/pipelines/${x.pipelineId}/jobs?per_page=100`)).body as JobJson[];
    const withRetried = (await call(sim, `/api/v4/projects/1/pipelines/${x.pipelineId}/jobs?per_page=100&include_retried=true`)).body as JobJson[];
    const attempts = (list: JobJson[]) => list.filter((j) => j.name === x.job.name).length;
    // Before 13.5 every attempt is listed, oldest first; from 13.9 include_retried asks for them.
    expect(attempts(plain), `attempts listed by default at ${label}`).toBe(has(host, FEATURES.pipelineJobsLatestDesc) ? 1 : 2);
    expect(attempts(withRetried), `include_retried at ${label}`).toBe(has(host, FEATURES.includeRetried) || !has(host, FEATURES.pipelineJobsLatestDesc) ? 2 : 1);
    const order = plain.map((j) => j.id);
    expect(order).toEqual([...order].sort((a, b) => (has(host, FEATURES.pipelineJobsLatestDesc) ? b - a : a - b)));
    expect(retried.id).toBeGreaterThan(x.job.id);

    // A key GitLab would reject (400) is not even read before 14.9.
    const play = await call(sim, `/api/v4/projects/1/jobs/${x.manual.id}/play`, { method: 'POST', json: { job_variables_attributes: [{ key: 'BAD-KEY', value: '1' }] } });
    expect(play.status, `play with a bad variable key at ${label}`).toBe(has(host, FEATURES.playVariables) ? 400 : 200);

    const bridgeRetry = await call(sim, `/api/v4/projects/1/jobs/${x.bridge.id}/retry`, { method: 'POST' });
    expect(bridgeRetry.status, `bridge retry at ${label}`).toBe(has(host, FEATURES.retryBridges) ? 201 : 404);
  });
});

describe('the version table', () => {
  it('maps a state an older version had no word for to the word it used', () => {
    expect(statusAt(hostVersion('9'), 'canceling')).toBe('running');
    expect(statusAt(hostVersion('9'), 'scheduled')).toBe('manual');
    expect(statusAt(hostVersion('9'), 'waiting_for_resource')).toBe('pending');
    expect(statusAt(hostVersion('12'), 'preparing')).toBe('preparing');
    expect(statusAt(hostVersion('15'), 'waiting_for_callback')).toBe('running');
    expect(statusAt(hostVersion('18'), 'waiting_for_callback')).toBe('waiting_for_callback');
    expect(statusAt(hostVersion('9'), 'some_new_status')).toBe('some_new_status');
  });

  it('reads full versions and the named ones', () => {
    expect(hostVersion('9')).toEqual({ major: 9, minor: 5 });
    expect(hostVersion('15.8.4-ee')).toEqual({ major: 15, minor: 8 });
    expect(has(hostVersion('15.8.4'), FEATURES.keysetJobs)).toBe(false);
    expect(has(hostVersion('15.9.0'), FEATURES.keysetJobs)).toBe(true);
  });

  it('names a source for every row', () => {
    for (const table of [ENDPOINTS, FEATURES, JOB_FIELDS, PIPELINE_FIELDS, STATUSES]) {
      for (const since of Object.values(table)) expect(since.source.length).toBeGreaterThan(3);
    }
  });
});

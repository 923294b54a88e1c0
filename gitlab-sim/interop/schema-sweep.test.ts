// Every Job, Bridge and Pipeline the simulator serves, checked against GitLab's own JSON
// schemas (gitlab-sim/schemas, through test-support/schemas.ts): every list of every project,
// every scope, every page, each single job and pipeline, and again after actions and time.
import { describe, expect, it } from 'vitest';
import { createSim } from '../index.ts';
import type { Sim } from '../index.ts';
import {
  validateArtifactTreeEntry,
  validateBridge,
  validateJob,
  validatePipeline,
  validatePipelineDetail,
  validatePipelines,
  validateUser,
} from '../test-support/schemas.ts';

/** A job whose `artifacts[]` lists an archive (its log's `trace` row does not count). */
function hasArchiveRow(j: Json): boolean {
  return Array.isArray(j.artifacts) && j.artifacts.some((a) => (a as Json).file_type === 'archive');
}


const HOST = 'http://sim.test';
const TOKEN = 'glpat-sim-api';
const PROJECTS = [1, 2, 3, 4];
const SCOPES = [
  'created', 'waiting_for_resource', 'preparing', 'waiting_for_callback', 'pending', 'running',
  'success', 'failed', 'canceling', 'canceled', 'skipped', 'manual', 'scheduled',
];

type Json = Record<string, unknown>;

interface Reply { status: number; headers: Headers; body: unknown }

async function request(sim: Sim, method: string, path: string, json?: unknown): Promise<Reply> {
  const headers: Record<string, string> = { 'PRIVATE-TOKEN': TOKEN };
  if (json !== undefined) headers['Content-Type'] = 'application/json';
  const res = await sim.fetch(new Request(HOST + path, { method, headers, ...(json !== undefined ? { body: JSON.stringify(json) } : {}) }));
  const text = await res.text();
  const body: unknown = res.headers.get('Content-Type')?.includes('application/json') && text ? JSON.parse(text) : text;
  return { status: res.status, headers: res.headers, body };
}

class Sweep {
  readonly errors: string[] = [];
  checked = { jobs: 0, bridges: 0, pipelines: 0, details: 0, treeEntries: 0 };
  constructor(
    readonly sim: Sim,
    readonly projects: readonly number[] = PROJECTS,
  ) {}

  private record(where: string, what: unknown, errs: string[]): void {
    if (errs.length === 0) return;
    const id = typeof what === 'object' && what !== null ? (what as Json).id : undefined;
    const status = typeof what === 'object' && what !== null ? (what as Json).status : undefined;
    for (const e of errs) this.errors.push(`${where} id=${String(id)} status=${String(status)}: ${e}`);
  }

  job(where: string, v: unknown): void {
    this.checked.jobs++;
    this.record(where, v, validateJob(v));
  }

  bridge(where: string, v: unknown): void {
    this.checked.bridges++;
    this.record(where, v, validateBridge(v));
    const down = (v as Json).downstream_pipeline;
    if (down) this.record(`${where} downstream_pipeline`, down, validatePipeline(down));
  }

  pipeline(where: string, v: unknown): void {
    this.checked.pipelines++;
    this.record(where, v, validatePipeline(v));
  }

  detail(where: string, v: unknown): void {
    this.checked.details++;
    this.record(where, v, validatePipelineDetail(v));
  }

  /** All pages of a list, following X-Next-Page. */
  async list(path: string): Promise<Json[]> {
    const out: Json[] = [];
    const sep = path.includes('?') ? '&' : '?';
    for (let page = 1; page < 1000; page++) {
      const r = await request(this.sim, 'GET', `${path}${sep}per_page=100&page=${page}`);
      if (r.status !== 200 || !Array.isArray(r.body)) {
        this.errors.push(`GET ${path} page ${page}: ${r.status} ${JSON.stringify(r.body).slice(0, 200)}`);
        break;
      }
      out.push(...(r.body as Json[]));
      if (!r.headers.get('X-Next-Page')) break;
    }
    return out;
  }

  async single(path: string): Promise<unknown> {
    const r = await request(this.sim, 'GET', path);
    if (r.status !== 200) this.errors.push(`GET ${path}: ${r.status} ${JSON.stringify(r.body).slice(0, 200)}`);
    return r.body;
  }

  /** Every list and entity the dashboard reads, for every project. */
  async everything(opts: { everySingleJob: boolean }): Promise<void> {
    for (const pid of this.projects) {
      const all = await this.list(`/api/v4/projects/${pid}/jobs`);
      for (const j of all) this.job(`GET /projects/${pid}/jobs`, j);
      for (const scope of SCOPES) {
        const scoped = await this.list(`/api/v4/projects/${pid}/jobs?scope[]=${scope}`);
        for (const j of scoped) {
          this.job(`GET /projects/${pid}/jobs?scope[]=${scope}`, j);
          if (j.status !== scope) this.errors.push(`scope ${scope} listed job ${String(j.id)} with status ${String(j.status)}`);
        }
      }
      const keyset = await request(this.sim, 'GET', `/api/v4/projects/${pid}/jobs?pagination=keyset&per_page=50&order_by=id&sort=desc`);
      for (const j of keyset.body as Json[]) this.job(`GET /projects/${pid}/jobs (keyset)`, j);

      const step = pid === 3 ? 97 : 1; // project 3 holds thousands: a spread sample
      for (let i = 0; i < all.length; i += step) {
        const j = all[i];
        if (j) this.job(`GET /projects/${pid}/jobs/:id`, await this.single(`/api/v4/projects/${pid}/jobs/${String(j.id)}`));
      }

      // Artifact trees (GitLab 18.8+), recursive and by folder, of every job with artifacts.
      if (pid !== 3 && opts.everySingleJob) {
        for (const j of all.filter(hasArchiveRow)) {
          const base = `/api/v4/projects/${pid}/jobs/${String(j.id)}/artifacts/tree`;
          for (const query of ['?recursive=true', '', '?path=reports/']) {
            for (const e of await this.list(base + query)) {
              this.checked.treeEntries++;
              this.record(`GET …/artifacts/tree${query}`, e, validateArtifactTreeEntry(e));
            }
          }
        }
      }

      const pipelines = await this.list(`/api/v4/projects/${pid}/pipelines`);
      this.record(`GET /projects/${pid}/pipelines (all pages)`, {}, validatePipelines(pipelines));
      for (const p of pipelines) this.pipeline(`GET /projects/${pid}/pipelines`, p);
      const pStep = pid === 3 && !opts.everySingleJob ? 37 : pid === 3 ? 11 : 1;
      for (let i = 0; i < pipelines.length; i += pStep) {
        const p = pipelines[i];
        if (!p) continue;
        const base = `/api/v4/projects/${pid}/pipelines/${String(p.id)}`;
        this.detail(`GET ${base.replace(/\d+$/, ':id')}`, await this.single(base));
        for (const j of await this.list(`${base}/jobs?include_retried=true`)) this.job('GET /pipelines/:id/jobs?include_retried=true', j);
        for (const j of await this.list(`${base}/jobs`)) this.job('GET /pipelines/:id/jobs', j);
        for (const b of await this.list(`${base}/bridges`)) {
          this.bridge('GET /pipelines/:id/bridges', b);
          const down = b.downstream_pipeline as Json | null;
          if (down && typeof down.project_id === 'number') {
            this.detail('GET downstream pipeline', await this.single(`/api/v4/projects/${down.project_id}/pipelines/${String(down.id)}`));
          }
        }
      }
    }
  }
}

function report(errors: string[]): string[] {
  // Collapse repeats so a failure reads as a short list of distinct problems.
  const counts = new Map<string, number>();
  for (const e of errors) {
    const key = e.replace(/id=\d+/, 'id=N').replace(/pipelines\/\d+/g, 'pipelines/N').replace(/jobs\/\d+/g, 'jobs/N');
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return [...counts].map(([k, n]) => `${n}x ${k}`);
}

async function firstJob(sim: Sim, pid: number, scope: string, pred: (j: Json) => boolean = () => true): Promise<Json> {
  const r = await request(sim, 'GET', `/api/v4/projects/${pid}/jobs?scope[]=${scope}&per_page=100`);
  const job = (r.body as Json[]).find((j) => (j.pipeline as Json).ref !== 'production' && pred(j));
  if (!job) throw new Error(`no ${scope} job in project ${pid}`);
  return job;
}

describe('schema sweep', () => {
  it('serves schema-valid jobs, bridges, pipelines and the user everywhere in the seeded world', async () => {
    const sim = createSim({ paused: true, jobsRateLimitPerMinute: 100_000 });
    const sweep = new Sweep(sim);
    const user = await request(sim, 'GET', '/api/v4/user');
    expect(validateUser(user.body)).toEqual([]);
    await sweep.everything({ everySingleJob: true });
    expect(sweep.checked.jobs).toBeGreaterThan(5000);
    expect(sweep.checked.bridges).toBeGreaterThan(0);
    expect(sweep.checked.details).toBeGreaterThan(50);
    expect(sweep.checked.treeEntries).toBeGreaterThan(100);
    expect(report(sweep.errors)).toEqual([]);
  }, 120_000);

  it('stays schema-valid after retry, play, erase, keep, cancel and time passing', async () => {
    const sim = createSim({ paused: true, jobsRateLimitPerMinute: 100_000 });
    const sweep = new Sweep(sim);
    const act = async (what: string, path: string, expected: number, json?: unknown): Promise<Json> => {
      const r = await request(sim, 'POST', path, json);
      if (r.status !== expected) sweep.errors.push(`POST ${what}: ${r.status} (expected ${expected}) ${JSON.stringify(r.body).slice(0, 200)}`);
      sweep.job(`POST ${what}`, r.body);
      return r.body as Json;
    };

    const failed = await firstJob(sim, 1, 'failed');
    const retried = await act('retry', `/api/v4/projects/1/jobs/${String(failed.id)}/retry`, 201);
    expect(retried.id).not.toBe(failed.id);

    const manual = await firstJob(sim, 1, 'manual');
    const played = await act('play', `/api/v4/projects/1/jobs/${String(manual.id)}/play`, 200, {
      job_variables_attributes: [{ key: 'DEPLOY_ENV', value: 'staging' }],
    });
    expect(played.status).toBe('pending');

    const withArtifacts = await firstJob(sim, 1, 'success', (j) => hasArchiveRow(j) && j.artifacts_expire_at !== null);
    const kept = await act('keep', `/api/v4/projects/1/jobs/${String(withArtifacts.id)}/artifacts/keep`, 200);
    expect(kept.artifacts_expire_at).toBeNull();

    const erasable = await firstJob(sim, 1, 'success', (j) => j.id !== withArtifacts.id && j.erased_at === null);
    const erased = await act('erase', `/api/v4/projects/1/jobs/${String(erasable.id)}/erase`, 201);
    expect(erased.erased_at).not.toBeNull();

    const running = await firstJob(sim, 1, 'running');
    await act('cancel (running)', `/api/v4/projects/1/jobs/${String(running.id)}/cancel`, 201);
    const finished = await firstJob(sim, 1, 'success');
    const unchanged = await act('cancel (finished)', `/api/v4/projects/1/jobs/${String(finished.id)}/cancel`, 201);
    expect(unchanged.status).toBe('success');

    await sweep.everything({ everySingleJob: false });
    // Let the world move: jobs start, write logs, finish, trigger downstream pipelines.
    for (const minutes of [1, 5, 30, 180]) {
      const r = await sim.fetch(new Request(`${HOST}/-/sim/clock`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ advance_ms: minutes * 60_000 }) }));
      expect(r.status).toBe(200);
      await sweep.everything({ everySingleJob: false });
    }
    expect(report(sweep.errors)).toEqual([]);
  }, 240_000);

  it('serves schema-valid pipelines, jobs and bridges for the fleet (--projects), now and later', async () => {
    const sim = createSim({ paused: true, projects: 6, jobsRateLimitPerMinute: 100_000 });
    const sweep = new Sweep(sim, [101, 102, 103, 104, 105, 106]);
    await sweep.everything({ everySingleJob: false });
    for (const minutes of [3, 20]) {
      const r = await sim.fetch(new Request(`${HOST}/-/sim/clock`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ advance_ms: minutes * 60_000 }) }));
      expect(r.status).toBe(200);
      await sweep.everything({ everySingleJob: false });
    }
    expect(sweep.checked.bridges).toBeGreaterThan(0);
    expect(sweep.checked.pipelines).toBeGreaterThan(60);
    expect(report(sweep.errors)).toEqual([]);
  }, 120_000);

  it('presents a retried bridge as a Job, as GitLab does', async () => {
    // FACTS.md: retry works on jobs and bridges. GitLab answers `present response[:job], with:
    // Entities::Ci::Job` for both (lib/api/ci/jobs.rb, `post ':id/jobs/:job_id/retry'`), so
    // the new bridge comes back Job-shaped: artifacts [], runner null, tag_list [], archived,
    // artifacts_expire_at, and no downstream_pipeline (a later GET of the bridges list shows it).
    const sim = createSim({ paused: true, jobsRateLimitPerMinute: 100_000 });
    const sweep = new Sweep(sim);
    const pipelines = await sweep.list('/api/v4/projects/1/pipelines');
    let retried: Json | undefined;
    for (const p of pipelines) {
      if (p.ref === 'production') continue;
      const bridges = await sweep.list(`/api/v4/projects/1/pipelines/${String(p.id)}/bridges`);
      const done = bridges.find((b) => ['success', 'failed', 'canceled'].includes(String(b.status)));
      if (!done) continue;
      const r = await request(sim, 'POST', `/api/v4/projects/1/jobs/${String(done.id)}/retry`);
      expect(r.status).toBe(201);
      retried = r.body as Json;
      expect(retried.id).not.toBe(done.id);
      expect(retried.name).toBe(done.name);
      // And the bridges list shows the new one as a Bridge.
      const after = await sweep.list(`/api/v4/projects/1/pipelines/${String(p.id)}/bridges`);
      const listed = after.find((b) => b.id === retried?.id);
      expect(listed).toBeDefined();
      sweep.bridge('GET bridges after retry', listed);
      break;
    }
    expect(retried).toBeDefined();
    expect(sweep.errors).toEqual([]);
    expect(validateJob(retried)).toEqual([]);
  });

  it('serves older GitLab versions\' jobs with a subset of today\'s fields (jobs-api-9 keys for 9)', async () => {
    // FACTS.md: older versions omit many fields. Whatever a version sends must still be a
    // field today's schema knows, and 9.x sends no more than jobs-api-9.md's example shows.
    const today = new Set(['id', 'status', 'stage', 'name', 'ref', 'tag', 'coverage', 'allow_failure', 'created_at', 'started_at', 'finished_at', 'erased_at', 'duration', 'queued_duration', 'user', 'commit', 'pipeline', 'failure_reason', 'web_url', 'project', 'artifacts_file', 'artifacts', 'runner', 'runner_manager', 'artifacts_expire_at', 'archived', 'tag_list']);
    const v9 = new Set(['commit', 'coverage', 'created_at', 'artifacts_file', 'finished_at', 'id', 'name', 'pipeline', 'ref', 'runner', 'stage', 'started_at', 'status', 'tag', 'user']);
    for (const apiVersion of ['9', '12', '15', '17']) {
      const sim = createSim({ paused: true, apiVersion, jobsRateLimitPerMinute: 100_000 });
      const list = (await request(sim, 'GET', '/api/v4/projects/1/jobs?per_page=100')).body as Json[];
      expect(list.length).toBe(100);
      for (const job of list) {
        for (const key of Object.keys(job)) {
          expect(today.has(key), `${apiVersion}: ${key}`).toBe(true);
          if (apiVersion === '9') expect(v9.has(key), `9: ${key}`).toBe(true);
        }
        for (const key of ['id', 'name', 'status']) expect(job).toHaveProperty(key);
        if (apiVersion === '9') expect(Object.keys(job.pipeline as Json).sort()).toEqual(['id', 'ref', 'sha', 'status']);
      }
    }
  });
});

// A GitLab client written by others (the npm @gitbeaker/rest) against the running simulator:
// if gitbeaker can page, read and act through it, the simulator speaks GitLab's protocol
// (paths, Link headers, JSON bodies, status codes), not only what our own client expects.
import { Gitlab } from '@gitbeaker/rest';
import { unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSim, serveSim } from '../index.ts';
import type { Sim } from '../index.ts';
import { ARTIFACT_PATHS } from '../content/artifacts.ts';
import { validateBridge, validateJob, validatePipeline, validatePipelineDetail } from '../test-support/schemas.ts';

interface Served { url: string; close(): Promise<void> }

let served: Served;
let api: InstanceType<typeof Gitlab<false>>;
const requests: { method: string; path: string; search: string }[] = [];

beforeAll(async () => {
  const sim = createSim({ paused: true });
  // Record what gitbeaker asks for, to see its paging from the server's side.
  const recording: Sim = {
    fetch(request) {
      const url = new URL(request.url);
      requests.push({ method: request.method, path: url.pathname, search: url.search });
      return sim.fetch(request);
    },
    reset: () => sim.reset(),
  };
  served = await serveSim(recording, { port: 0 });
  api = new Gitlab({ host: served.url, token: 'glpat-sim-api' });
});

afterAll(async () => {
  await served?.close();
});

function requestsTo(path: string): typeof requests {
  return requests.filter((r) => r.path === path);
}

describe('@gitbeaker/rest against gitlab-sim', () => {
  it('lists a project\'s jobs across several pages by following Link rel="next"', async () => {
    requests.length = 0;
    const jobs = await api.Jobs.all(3, { perPage: 100, maxPages: 4 });
    const pages = requestsTo('/api/v4/projects/3/jobs');
    expect(pages.length).toBe(4);
    expect(pages.map((p) => new URLSearchParams(p.search).get('page'))).toEqual([null, '2', '3', '4']);
    expect(jobs).toHaveLength(400);
    const ids = jobs.map((j) => j.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (let i = 1; i < ids.length; i++) expect(ids[i]).toBeLessThan(ids[i - 1] ?? 0);
    for (const job of jobs.slice(0, 20)) expect(validateJob(job), `job ${job.id}`).toEqual([]);
  });

  it('reports offset paging info, without totals on the jobs list', async () => {
    const res = await api.Jobs.all(1, { perPage: 20, page: 2, showExpanded: true });
    expect(res.data).toHaveLength(20);
    expect(res.paginationInfo.current).toBe(2);
    expect(res.paginationInfo.previous).toBe(1);
    expect(res.paginationInfo.next).toBe(3);
    expect(res.paginationInfo.perPage).toBe(20);
    // GitLab never counts the jobs list (FACTS.md): no X-Total, so gitbeaker gets NaN.
    expect(Number.isNaN(res.paginationInfo.total)).toBe(true);
  });

  it('filters by scope', async () => {
    const failed = await api.Jobs.all(1, { scope: 'failed', perPage: 100, maxPages: 1 });
    expect(failed.length).toBeGreaterThan(0);
    for (const j of failed) expect(j.status).toBe('failed');
  });

  it('reads one job and its log', async () => {
    const [job] = await api.Jobs.all(1, { scope: 'failed', perPage: 1, maxPages: 1 });
    expect(job).toBeDefined();
    if (!job) return;
    const shown = await api.Jobs.show(1, job.id);
    expect(shown.id).toBe(job.id);
    expect(shown.name).toBe(job.name);
    expect(validateJob(shown)).toEqual([]);
    const log = await api.Jobs.showLog(1, job.id);
    expect(typeof log).toBe('string');
    expect(log).toContain('\x1b[0KRunning with gitlab-runner 17.');
    expect(log).toContain('Getting source from Git repository');
    expect(log).toContain('ERROR: Job failed');
  });

  it('cancels a running job', async () => {
    const running = await api.Jobs.all(1, { scope: 'running', perPage: 100, maxPages: 1 });
    const target = running.find((j) => (j.pipeline as { ref?: string }).ref === 'main');
    expect(target, 'a running job on main').toBeDefined();
    if (!target) return;
    const canceled = await api.Jobs.cancel(1, target.id);
    expect(canceled.id).toBe(target.id);
    expect(['canceling', 'canceled']).toContain(canceled.status);
    expect(validateJob(canceled)).toEqual([]);
    const again = await api.Jobs.show(1, target.id);
    expect(['canceling', 'canceled']).toContain(again.status);
  });

  it('retries a failed job into a new job', async () => {
    const failed = await api.Jobs.all(1, { scope: 'failed', perPage: 100, maxPages: 1 });
    const target = failed.find((j) => (j.pipeline as { ref?: string }).ref === 'main');
    expect(target).toBeDefined();
    if (!target) return;
    const retried = await api.Jobs.retry(1, target.id);
    expect(retried.id).not.toBe(target.id);
    expect(retried.id).toBeGreaterThan(target.id);
    expect(retried.name).toBe(target.name);
    expect(['created', 'pending', 'waiting_for_resource', 'preparing']).toContain(retried.status);
    expect(validateJob(retried)).toEqual([]);
    const listed = await api.Jobs.all(1, { perPage: 5, maxPages: 1 });
    expect(listed.map((j) => j.id)).toContain(retried.id);
  });

  it('plays a manual job with variables; it becomes pending and its variables reach the log', async () => {
    const manual = await api.Jobs.all(1, { scope: 'manual', perPage: 100, maxPages: 1 });
    const target = manual.find((j) => (j.pipeline as { ref?: string }).ref === 'main');
    expect(target).toBeDefined();
    if (!target) return;
    requests.length = 0;
    const played = await api.Jobs.play(1, target.id, { jobVariablesAttributes: [{ key: 'DEPLOY_ENV', value: 'staging' }] });
    expect(requests.at(-1)).toMatchObject({ method: 'POST', path: `/api/v4/projects/1/jobs/${target.id}/play` });
    expect(played.id).toBe(target.id);
    expect(played.status).toBe('pending');
    expect(validateJob(played)).toEqual([]);
    // Let the job run to the end on the simulated clock, then read its log.
    const admin = await fetch(`${served.url}/-/sim/clock`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ advance_ms: 2 * 60 * 60 * 1000 }),
    });
    expect(admin.ok).toBe(true);
    const done = await api.Jobs.show(1, target.id);
    expect(['success', 'failed']).toContain(done.status);
    const log = await api.Jobs.showLog(1, target.id);
    expect(log).toContain('DEPLOY_ENV=staging');
  });

  it('reads pipelines, their bridges and the downstream pipeline in another project', async () => {
    const pipelines = await api.Pipelines.all(1, { perPage: 100, maxPages: 1 });
    expect(pipelines.length).toBeGreaterThan(10);
    for (const p of pipelines) expect(validatePipeline(p)).toEqual([]);
    let crossProject = false;
    for (const p of pipelines) {
      const bridges = await api.Jobs.allPipelineBridges(1, p.id);
      for (const b of bridges) {
        expect(validateBridge(b)).toEqual([]);
        const down = b.downstream_pipeline as { id: number; project_id: number } | null;
        if (down && down.project_id !== 1) {
          const detail = await api.Pipelines.show(down.project_id, down.id);
          expect(validatePipelineDetail(detail)).toEqual([]);
          expect(detail.id).toBe(down.id);
          crossProject = true;
        }
      }
      if (crossProject) break;
    }
    expect(crossProject).toBe(true);
  });

  it('downloads a job\'s artifacts archive and one file of it', async () => {
    const success = await api.Jobs.all(1, { scope: 'success', perPage: 100, maxPages: 1 });
    const job = success.find((j) => Array.isArray(j.artifacts) && j.artifacts.some((a) => a.file_type === 'archive'));
    expect(job).toBeDefined();
    if (!job) return;
    const blob = await api.JobArtifacts.downloadArchive(1, { jobId: job.id });
    const files = unzipSync(new Uint8Array(await blob.arrayBuffer()));
    expect(files[ARTIFACT_PATHS.junit]).toBeDefined();
    const one = await api.JobArtifacts.downloadArchive(1, { jobId: job.id, artifactPath: ARTIFACT_PATHS.junit });
    expect(new Uint8Array(await one.arrayBuffer())).toEqual(files[ARTIFACT_PATHS.junit]);
  });

  it('gets GitLab\'s errors back as gitbeaker errors with the status', async () => {
    const err: unknown = await api.Jobs.show(1, 999_999_999).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(Error);
    const cause = (err as { cause?: { response?: { status?: number } } }).cause;
    expect(cause?.response?.status).toBe(404);
    const success = await api.Jobs.all(1, { scope: 'success', perPage: 1, maxPages: 1 });
    const done = success[0];
    if (!done) throw new Error('no successful job');
    const playErr: unknown = await api.Jobs.play(1, done.id).catch((e: unknown) => e);
    expect((playErr as { cause?: { response?: { status?: number } } }).cause?.response?.status).toBe(400);
  });
});

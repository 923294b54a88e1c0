import { unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { ARTIFACT_PATHS } from '../content/artifacts.ts';
import { createSim } from '../index.ts';
import { admin, allJobs, call, findJob, pipelineOf, type JobJson } from '../testing/client.ts';

describe('artifacts', () => {
  const sim = createSim({ paused: true, hugeLogBytes: 100_000 });

  async function withArchive(): Promise<JobJson> {
    return findJob(await allJobs(sim, 1), (j) => 'artifacts_file' in j && j.name === 'compile', 'compile with artifacts');
  }

  it('serves the archive as a real zip with Accept-Ranges', async () => {
    const job = await withArchive();
    const res = await sim.fetch(new Request(`http://sim.test/api/v4/projects/1/jobs/${job.id}/artifacts`, { headers: { 'PRIVATE-TOKEN': 'glpat-sim-api' } }));
    expect(res.status).toBe(200);
    expect(res.headers.get('Content-Type')).toBe('application/zip');
    expect(res.headers.get('Accept-Ranges')).toBe('bytes');
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect(bytes.length).toBe((job.artifacts_file as { size: number }).size);
    const files = unzipSync(bytes);
    expect(Object.keys(files).length).toBeGreaterThan(0);
  });

  it('answers a Range request with 206 and Content-Range, 416 when unsatisfiable', async () => {
    const job = await withArchive();
    const size = (job.artifacts_file as { size: number }).size;
    const url = `http://sim.test/api/v4/projects/1/jobs/${job.id}/artifacts`;
    const headers = { 'PRIVATE-TOKEN': 'glpat-sim-api' };
    const tail = await sim.fetch(new Request(url, { headers: { ...headers, Range: 'bytes=-22' } }));
    expect(tail.status).toBe(206);
    expect(tail.headers.get('Content-Range')).toBe(`bytes ${size - 22}-${size - 1}/${size}`);
    const eocd = new Uint8Array(await tail.arrayBuffer());
    expect(eocd.length).toBe(22);
    expect([...eocd.slice(0, 4)]).toEqual([0x50, 0x4b, 0x05, 0x06]);
    const head = await sim.fetch(new Request(url, { headers: { ...headers, Range: 'bytes=0-3' } }));
    expect(head.status).toBe(206);
    expect([...new Uint8Array(await head.arrayBuffer())]).toEqual([0x50, 0x4b, 0x03, 0x04]);
    const bad = await sim.fetch(new Request(url, { headers: { ...headers, Range: `bytes=${size + 10}-` } }));
    expect(bad.status).toBe(416);
    expect(bad.headers.get('Content-Range')).toBe(`bytes */${size}`);
  });

  it('answers 404 for a job without artifacts and for a bridge', async () => {
    const jobs = await allJobs(sim, 1);
    const none = findJob(jobs, (j) => j.status === 'success' && !('artifacts_file' in j), 'no artifacts');
    const r = await call(sim, `/api/v4/projects/1/jobs/${none.id}/artifacts`);
    expect(r.status).toBe(404);
    expect(r.body).toEqual({ message: '404 Not found' });
  });

  it('downloads by ref and job name from the latest successful pipeline', async () => {
    const r = await sim.fetch(
      new Request('http://sim.test/api/v4/projects/1/jobs/artifacts/main/download?job=compile', { headers: { 'PRIVATE-TOKEN': 'glpat-sim-api' } }),
    );
    expect(r.status).toBe(200);
    expect(r.headers.get('Content-Type')).toBe('application/zip');
    expect(Object.keys(unzipSync(new Uint8Array(await r.arrayBuffer()))).length).toBeGreaterThan(0);
    const branch = await call(sim, '/api/v4/projects/1/jobs/artifacts/feature%2Flogin-form/download?job=compile');
    expect(branch.status).toBe(404);
    const missing = await call(sim, '/api/v4/projects/1/jobs/artifacts/main/download?job=no-such-job');
    expect(missing.status).toBe(404);
    const noJob = await call(sim, '/api/v4/projects/1/jobs/artifacts/main/download');
    expect(noJob.status).toBe(400);
    expect(noJob.body).toEqual({ error: 'job is missing' });
  });

  it('lists the archive with the tree endpoint (18.8+), paged, recursive or not', async () => {
    const job = await withArchive();
    const root = await call(sim, `/api/v4/projects/1/jobs/${job.id}/artifacts/tree`);
    expect(root.status).toBe(200);
    const top = root.body as { name: string; path: string; type: string; size?: number; mode: string }[];
    expect(top.length).toBeGreaterThan(0);
    for (const e of top) {
      expect(e.path.includes('/') ? e.path.indexOf('/') === e.path.length - 1 : true).toBe(true);
      if (e.type === 'directory') {
        expect(e.path.endsWith('/')).toBe(true);
        expect('size' in e).toBe(false);
      } else expect(typeof e.size).toBe('number');
    }
    expect(root.headers.get('X-Total')).toBe(String(top.length));
    const all = (await call(sim, `/api/v4/projects/1/jobs/${job.id}/artifacts/tree?recursive=true&per_page=100`)).body as { path: string; type: string }[];
    expect(all.length).toBeGreaterThanOrEqual(top.length);
    const dir = top.find((e) => e.type === 'directory');
    if (dir) {
      const inside = (await call(sim, `/api/v4/projects/1/jobs/${job.id}/artifacts/tree?path=${encodeURIComponent(dir.path)}`)).body as { path: string }[];
      expect(inside.every((e) => e.path.startsWith(dir.path))).toBe(true);
    }
    const paged = await call(sim, `/api/v4/projects/1/jobs/${job.id}/artifacts/tree?recursive=true&per_page=2`);
    expect((paged.body as unknown[]).length).toBeLessThanOrEqual(2);
  });

  it('serves one file by job id and by ref; 400 for traversal, 404 for none', async () => {
    const job = await withArchive();
    const all = (await call(sim, `/api/v4/projects/1/jobs/${job.id}/artifacts/tree?recursive=true&per_page=100`)).body as { path: string; type: string; size?: number }[];
    const file = all.find((e) => e.type === 'file');
    expect(file).toBeDefined();
    const path = (file?.path ?? '').split('/').map(encodeURIComponent).join('/');
    const one = await sim.fetch(new Request(`http://sim.test/api/v4/projects/1/jobs/${job.id}/artifacts/${path}`, { headers: { 'PRIVATE-TOKEN': 'glpat-sim-api' } }));
    expect(one.status).toBe(200);
    expect((await one.arrayBuffer()).byteLength).toBe(file?.size);
    expect(one.headers.get('Accept-Ranges')).toBeNull();
    void pipelineOf;
    const byRef = await sim.fetch(
      new Request(`http://sim.test/api/v4/projects/1/jobs/artifacts/main/raw/${ARTIFACT_PATHS.junit}?job=compile`, { headers: { 'PRIVATE-TOKEN': 'glpat-sim-api' } }),
    );
    expect(byRef.status).toBe(200);
    expect(new TextDecoder().decode(await byRef.arrayBuffer())).toContain('<testsuite');
    const noFile = await call(sim, '/api/v4/projects/1/jobs/artifacts/main/raw/not/there.txt?job=compile');
    expect(noFile.status).toBe(404);
    const none = await call(sim, `/api/v4/projects/1/jobs/${job.id}/artifacts/no/such/file.txt`);
    expect(none.status).toBe(404);
    const traversal = await call(sim, `/api/v4/projects/1/jobs/${job.id}/artifacts/a%2F..%2Fb`);
    expect(traversal.status).toBe(400);
  });

  it('expires archives with the clock', async () => {
    const s = createSim({ paused: true, hugeLogBytes: 100_000 });
    const job = findJob(await allJobs(s, 1), (j) => 'artifacts_file' in j && typeof j.artifacts_expire_at === 'string', 'expiring');
    const until = Date.parse(String(job.artifacts_expire_at));
    const state = await admin(s, 'state');
    await admin(s, 'clock', { advance_ms: until - Number(state.now) + 1_000 });
    const after = (await call(s, `/api/v4/projects/1/jobs/${job.id}`)).body as JobJson;
    expect('artifacts_file' in after).toBe(false);
    expect(after.artifacts_expire_at).toBe(job.artifacts_expire_at);
    expect((await call(s, `/api/v4/projects/1/jobs/${job.id}/artifacts`)).status).toBe(404);
  });
});

describe('the oldest API version (jobs-api-9.md)', () => {
  it('drops the fields GitLab 9 lacked and hides the tree endpoint', async () => {
    const sim = createSim({ paused: true, hugeLogBytes: 100_000 });
    await admin(sim, 'faults', { api_version: '9' });
    const version = (await call(sim, '/api/v4/version')).body as { version: string };
    expect(version.version.startsWith('9.')).toBe(true);
    const jobs = (await call(sim, '/api/v4/projects/1/jobs?per_page=100')).body as JobJson[];
    for (const j of jobs) {
      for (const f of ['allow_failure', 'erased_at', 'queued_duration', 'failure_reason', 'tag_list', 'project', 'archived', 'runner_manager', 'artifacts', 'web_url', 'duration']) {
        expect(f in j, f).toBe(false);
      }
      expect('project_id' in (j.pipeline as object)).toBe(false);
      expect('artifacts_file' in j).toBe(true);
      expect(typeof j.id).toBe('number');
    }
    const withArt = findJob(jobs, (j) => j.artifacts_file !== null, 'artifacts');
    const tree = await call(sim, `/api/v4/projects/1/jobs/${withArt.id}/artifacts/tree`);
    expect(tree.status).toBe(404);
    expect(tree.body).toEqual({ error: '404 Not Found' });
    expect((await call(sim, `/api/v4/projects/1/jobs/${withArt.id}/artifacts`)).status).toBe(200);
    await admin(sim, 'faults', { api_version: '18.8.0-ee' });
    expect((await call(sim, `/api/v4/projects/1/jobs/${withArt.id}/artifacts/tree`)).status).toBe(200);
  });
});

// The artifacts_redirect knob: GitLab with object storage answers archive downloads with a 302
// to a signed URL on another origin that sends no CORS headers.
import { unzipSync } from 'fflate';
import { afterAll, describe, expect, it } from 'vitest';
import { createSim, serveSim } from '../index.ts';
import { admin, allJobs, findJob } from '../testing/client.ts';

describe('faults.artifacts_redirect', () => {
  const sim = createSim({ paused: true, hugeLogBytes: 100_000 });
  afterAll(() => admin(sim, 'faults', { artifacts_redirect: false }));

  it('redirects the archive, by job and by ref, to storage on another origin without CORS', async () => {
    const job = findJob(await allJobs(sim, 1), (j) => 'artifacts_file' in j && j.name === 'compile', 'compile with artifacts');
    const state = await admin(sim, 'faults', { artifacts_redirect: true });
    expect((state.faults as Record<string, unknown>).artifacts_redirect).toBe(true);
    const headers = { 'PRIVATE-TOKEN': 'glpat-sim-api', Origin: 'http://dashboard.test' };
    const res = await sim.fetch(new Request(`http://127.0.0.1:4010/api/v4/projects/1/jobs/${job.id}/artifacts`, { headers }));
    expect(res.status).toBe(302);
    // GitLab's own answer carries its CORS headers; the storage's does not.
    expect(res.headers.get('Access-Control-Allow-Origin')).toBe('*');
    const location = new URL(res.headers.get('Location') ?? '');
    expect(location.origin).toBe('http://localhost:4010');
    expect(location.searchParams.get('X-Amz-Signature')).toBeTruthy();

    const stored = await sim.fetch(new Request(location, { headers: { Origin: 'http://dashboard.test', Range: 'bytes=-22' } }));
    expect(stored.status).toBe(206);
    expect(stored.headers.get('Access-Control-Allow-Origin')).toBeNull();
    expect([...new Uint8Array(await stored.arrayBuffer()).slice(0, 4)]).toEqual([0x50, 0x4b, 0x05, 0x06]);
    const whole = await sim.fetch(new Request(location));
    expect(Object.keys(unzipSync(new Uint8Array(await whole.arrayBuffer())))).toContain('reports/junit.xml');
    const preflight = await sim.fetch(new Request(location, { method: 'OPTIONS', headers: { Origin: 'http://dashboard.test', 'Access-Control-Request-Method': 'GET' } }));
    expect(preflight.status).toBe(403);
    expect(preflight.headers.get('Access-Control-Allow-Origin')).toBeNull();
    const forged = await sim.fetch(new Request(`${location.origin}${location.pathname}?X-Amz-Signature=nope`));
    expect(forged.status).toBe(403);

    const byRef = await sim.fetch(new Request('http://sim.test/api/v4/projects/1/jobs/artifacts/main/download?job=compile', { headers }));
    expect(byRef.status).toBe(302);
    expect(new URL(byRef.headers.get('Location') ?? '').origin).toBe('http://storage.sim.test');
    // Single files stay on GitLab (it streams them itself).
    const file = await sim.fetch(new Request(`http://sim.test/api/v4/projects/1/jobs/${job.id}/artifacts/reports/junit.xml`, { headers }));
    expect(file.status).toBe(200);
  });

  it('makes a browser-like fetch fail across origins, while GitLab itself still answers', async () => {
    await admin(sim, 'faults', { artifacts_redirect: true });
    const server = await serveSim(sim, { port: 0, host: '127.0.0.1' });
    try {
      const job = findJob(await allJobs(sim, 1), (j) => 'artifacts_file' in j && j.name === 'compile', 'compile with artifacts');
      const res = await fetch(`${server.url.replace(/\/+$/, '')}/api/v4/projects/1/jobs/${job.id}/artifacts`, { headers: { 'PRIVATE-TOKEN': 'glpat-sim-api' }, redirect: 'manual' });
      expect(res.status).toBe(302);
      expect(res.headers.get('location')).toMatch(/^http:\/\/localhost:\d+\/-\/storage\/jobs\/\d+\/artifacts\.zip\?/);
    } finally {
      await server.close();
    }
  });
});

import { describe, expect, it } from 'vitest';
import { createSim } from '../index.ts';
import { admin, allJobs, call, findJob } from '../testing/client.ts';

describe('/-/sim admin', () => {
  it('reports the clock and knobs, pauses, advances and changes speed', async () => {
    const sim = createSim({ paused: true, hugeLogBytes: 100_000 });
    const s0 = await admin(sim, 'state');
    expect(s0.clock).toEqual({ speed: 1, paused: true });
    expect(s0.version).toBe('18.8.2-ee');
    const s1 = await admin(sim, 'clock', { advance_ms: 90_000 });
    expect(Number(s1.now) - Number(s0.now)).toBe(90_000);
    const s2 = await admin(sim, 'clock', { paused: false, speed: 1000 });
    expect(s2.clock).toEqual({ speed: 1000, paused: false });
    await new Promise((r) => setTimeout(r, 30));
    const s3 = await admin(sim, 'state');
    expect(Number(s3.now) - Number(s2.now)).toBeGreaterThanOrEqual(20_000);
  });

  it('resets the world to the seed', async () => {
    const sim = createSim({ paused: true, hugeLogBytes: 100_000 });
    const job = findJob(await allJobs(sim, 1), (j) => j.status === 'pending' && (j.pipeline as { ref: string }).ref === 'main', 'pending');
    await call(sim, `/api/v4/projects/1/jobs/${job.id}/cancel`, { method: 'POST' });
    await admin(sim, 'faults', { latency_ms: 5 });
    expect(((await call(sim, `/api/v4/projects/1/jobs/${job.id}`)).body as { status: string }).status).toBe('canceled');
    const s = await admin(sim, 'reset', {});
    expect((s.faults as { latency_ms: number }).latency_ms).toBe(0);
    expect(((await call(sim, `/api/v4/projects/1/jobs/${job.id}`)).body as { status: string }).status).toBe('pending');
    sim.reset();
    expect(((await call(sim, `/api/v4/projects/1/jobs/${job.id}`)).body as { status: string }).status).toBe('pending');
  });

  it('rejects bad knob values with 400 and answers CORS preflights', async () => {
    const sim = createSim({ paused: true, hugeLogBytes: 100_000 });
    const bad = await sim.fetch(new Request('http://sim.test/-/sim/faults', { method: 'POST', body: JSON.stringify({ error_rate: 3 }) }));
    expect(bad.status).toBe(400);
    const pre = await sim.fetch(new Request('http://sim.test/-/sim/clock', { method: 'OPTIONS', headers: { Origin: 'http://x', 'Access-Control-Request-Method': 'POST' } }));
    expect(pre.status).toBe(204);
    expect(pre.headers.get('Access-Control-Allow-Origin')).toBe('*');
  });

  it('lowers the jobs-list rate limit at run time', async () => {
    const sim = createSim({ paused: true, hugeLogBytes: 100_000 });
    await admin(sim, 'faults', { jobs_rate_limit_per_minute: 1 });
    expect((await call(sim, '/api/v4/projects/2/jobs')).status).toBe(200);
    expect((await call(sim, '/api/v4/projects/2/jobs')).status).toBe(429);
  });
});

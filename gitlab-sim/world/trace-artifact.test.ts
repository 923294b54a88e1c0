import { describe, expect, it } from 'vitest';
import { createSim } from '../index.ts';
import { call } from '../testing/client.ts';

interface JobRow {
  id: number;
  status: string;
  started_at: string | null;
  erased_at: string | null;
  artifacts?: { file_type: string; size: number; filename: string; file_format: string }[];
}

async function jobs(sim: ReturnType<typeof createSim>, query: string): Promise<JobRow[]> {
  const reply = await call(sim, `/api/v4/projects/1/jobs?per_page=100&${query}`);
  expect(reply.status).toBe(200);
  return reply.body as JobRow[];
}

describe('the trace row of artifacts[] (GitLab archives a finished job\'s log as a trace artifact)', () => {
  it('lists the log of a finished job with its real byte size', async () => {
    const sim = createSim({ paused: true, hugeLogBytes: 200_000 });
    const finished = (await jobs(sim, 'scope[]=success&scope[]=failed')).filter((j) => j.started_at && !j.erased_at);
    expect(finished.length).toBeGreaterThan(3);
    for (const job of finished.slice(0, 5)) {
      const trace = job.artifacts?.find((a) => a.file_type === 'trace');
      expect(trace, `job ${job.id}`).toEqual({ file_type: 'trace', size: expect.any(Number), filename: 'job.log', file_format: 'raw' });
      const log = await call(sim, `/api/v4/projects/1/jobs/${job.id}/trace`);
      expect(trace?.size).toBe(new TextEncoder().encode(log.text).length);
    }
  });

  it('has no trace row while the job runs, nor once it is erased', async () => {
    const sim = createSim({ paused: true, hugeLogBytes: 200_000 });
    const running = await jobs(sim, 'scope[]=running');
    expect(running.length).toBeGreaterThan(0);
    for (const job of running) expect(job.artifacts?.some((a) => a.file_type === 'trace')).toBe(false);

    const target = (await jobs(sim, 'scope[]=success')).find((j) => j.artifacts?.some((a) => a.file_type === 'trace'));
    expect(target).toBeDefined();
    const erased = await call(sim, `/api/v4/projects/1/jobs/${target?.id}/erase`, { method: 'POST' });
    expect(erased.status).toBe(201);
    expect((erased.body as JobRow).artifacts).toEqual([]);
  });
});

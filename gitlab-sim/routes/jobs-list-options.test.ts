import { describe, expect, it } from 'vitest';
import { createSim } from '../index.ts';
import { JOB_STATUSES } from '../world/model.ts';
import { seedWorld } from '../world/seed.ts';
import { admin, call, type JobJson } from '../testing/client.ts';

describe('jobs list: keyset by version, and a bigger big project', () => {
  it('pages by keyset from GitLab 15.9; older hosts ignore pagination=keyset and page by offset', async () => {
    const sim = createSim({ paused: true, hugeLogBytes: 10_000 });
    const keyset = await call(sim, '/api/v4/projects/3/jobs?pagination=keyset&per_page=100&order_by=id&sort=desc');
    expect(keyset.headers.get('Link')).toContain('cursor=');
    expect(keyset.headers.has('X-Page')).toBe(false);

    await admin(sim, 'faults', { api_version: '12' });
    const old = await call(sim, '/api/v4/projects/3/jobs?pagination=keyset&per_page=100&order_by=id&sort=desc');
    expect(old.status).toBe(200);
    expect(old.headers.get('X-Page')).toBe('1');
    expect(old.headers.get('X-Next-Page')).toBe('2');
    expect(old.headers.get('Link') ?? '').not.toContain('cursor=');
    expect((old.body as JobJson[]).map((j) => j.id)).toEqual((keyset.body as JobJson[]).map((j) => j.id));
  });

  it('seeds about bigProjectJobs jobs in acme/tools/big-history when asked, and 5,280 by default', () => {
    const startAt = 1_700_000_000_000;
    expect(seedWorld(1, startAt).projectJobs.get(3)?.length).toBe(5_280);
    const big = seedWorld(1, startAt, { bigProjectJobs: 12_000 });
    expect(big.projectJobs.get(3)?.length).toBe(12_000);
    // The rest of the world still holds what the seed promises: every status in project 1.
    const statuses = new Set([...big.jobs.values()].filter((j) => j.projectId === 1).map((j) => j.status));
    expect(statuses.size).toBe(JOB_STATUSES.length);
  });
});

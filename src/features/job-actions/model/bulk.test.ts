import { describe, expect, it } from 'vitest';
import { fetchJob } from '../../../gitlab/index.ts';
import { findJob, lossyConnection, newSim, simConnection } from '../test-helpers.ts';
import { bulkSummary, bulkTargets, runBulk } from './bulk.ts';

describe('bulk actions against the simulated GitLab', () => {
  it('retries each failed job, reporting the new job or GitLab’s refusal per job', async () => {
    const sim = newSim();
    const conn = simConnection(sim);
    const failed = await findJob(conn, 1, (j) => j.status === 'failed' && j.ref === 'main' && j.name.startsWith('rspec'));
    const protectedJob = await findJob(conn, 1, (j) => j.ref === 'production' && j.status === 'success');
    const results = await runBulk(conn, 1, 'retry', [failed, protectedJob]);
    expect(results).toHaveLength(2);
    const [ok, refused] = results;
    expect(ok?.ok).toBe(true);
    expect(ok?.newJobId).toBeGreaterThan(failed.id);
    expect((await fetchJob(conn, 1, ok?.newJobId ?? 0)).name).toBe(failed.name);
    expect(refused?.ok).toBe(false);
    expect(refused?.message).toContain('403 Forbidden');
    expect(bulkSummary('retry', results)).toBe('Retried 1 of 2 jobs; 1 refused.');
  });

  it('cancels running jobs and says which had already finished', async () => {
    const sim = newSim();
    const conn = simConnection(sim);
    const running = await findJob(conn, 1, (j) => j.status === 'running' && j.ref === 'main');
    const finished = await findJob(conn, 1, (j) => j.status === 'success' && j.ref === 'main');
    const results = await runBulk(conn, 1, 'cancel', [running, finished]);
    expect(results.map((r) => r.ok)).toEqual([true, true]);
    expect(results[0]?.message).toMatch(/^Cancel(ing|ed) /);
    expect(results[1]?.message).toContain('had already finished (success)');
  });

  it('reports a network failure per job without stopping', async () => {
    const conn = { host: 'http://sim.test', token: 'x', fetch: () => Promise.reject(new TypeError('Failed to fetch')) };
    const results = await runBulk(conn, 1, 'cancel', [
      { id: 1, name: 'a', status: 'running' },
      { id: 2, name: 'b', status: 'running' },
    ]);
    expect(results.map((r) => r.ok)).toEqual([false, false]);
    // The request may have left: unknown, not "failed".
    expect(results[0]?.message).toContain('Outcome unknown');
    expect(results[0]?.message).toContain('GitLab is unreachable');
    expect(bulkSummary('cancel', results)).toBe("Canceled 0 of 2 jobs; 2 unknown (GitLab's answer was lost: look before trying again).");
  });

  it('a lost answer counts by what GitLab shows: the retry happened, or it did not', async () => {
    const sim = newSim();
    const failed = await findJob(simConnection(sim), 1, (j) => j.status === 'failed' && j.ref === 'main' && j.name.startsWith('rspec'));
    const delivered = lossyConnection(sim, true);
    const [done] = await runBulk(delivered.conn, 1, 'retry', [failed]);
    expect(delivered.writes).toHaveLength(1);
    expect(done?.ok).toBe(true);
    expect(done?.newJobId).toBeGreaterThan(failed.id);
    expect(done?.message).toContain('was lost (Blocked by the browser (CORS)), but GitLab shows it happened');

    const other = await findJob(simConnection(sim), 1, (j) => j.status === 'failed' && j.ref === 'main' && j.name !== failed.name);
    const [notDone] = await runBulk(lossyConnection(sim, false).conn, 1, 'retry', [other]);
    expect(notDone?.ok).toBe(false);
    expect(notDone?.unknown).toBeUndefined();
    expect(notDone?.message).toContain('GitLab shows it did not happen');
  });

  it('picks failed jobs to retry and queued or running jobs (not bridges) to cancel', () => {
    const jobs = [
      { id: 1, name: 'a', status: 'failed' },
      { id: 2, name: 'b', status: 'success' },
      { id: 3, name: 'c', status: 'running' },
      { id: 4, name: 'd', status: 'failed', archived: true },
      { id: 5, name: 'e', status: 'running', downstream_pipeline: null },
      { id: 6, name: 'f', status: 'pending' },
    ];
    expect(bulkTargets('retry', jobs).map((j) => j.id)).toEqual([1]);
    expect(bulkTargets('cancel', jobs).map((j) => j.id)).toEqual([3, 6]);
  });
});

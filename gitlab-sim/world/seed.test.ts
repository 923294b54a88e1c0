import { describe, expect, it } from 'vitest';
import { JOB_STATUSES } from './model.ts';
import { seedWorld } from './seed.ts';

function summary(seed: number, startAt: number) {
  const w = seedWorld(seed, startAt);
  return [...w.jobs.values()].map((j) => [j.id, j.projectId, j.pipelineId, j.name, j.status, j.createdAt - startAt]);
}

describe('seedWorld', () => {
  it('is deterministic for a seed, relative to its start time', () => {
    expect(summary(1, 1_700_000_000_000)).toEqual(summary(1, 1_800_000_000_000));
    expect(summary(2, 1_700_000_000_000)).not.toEqual(summary(1, 1_700_000_000_000));
  });

  it('holds every status in project 1, 5,000+ jobs in project 3, nested groups', () => {
    const w = seedWorld(1, 1_700_000_000_000);
    const p1 = new Set([...w.jobs.values()].filter((j) => j.projectId === 1).map((j) => j.status));
    for (const s of JOB_STATUSES) expect(p1, s).toContain(s);
    expect(w.projectJobs.get(3)?.length).toBeGreaterThanOrEqual(5000);
    expect(w.projects.map((p) => p.namespace.fullPath)).toEqual(['acme/platform', 'acme/platform', 'acme/tools', 'acme/secret', 'acme/platform']);
    const names = new Set([...w.jobs.values()].filter((j) => j.projectId === 1).map((j) => j.name));
    for (const n of ['rspec 1/3', 'rspec 2/3', 'rspec 3/3', 'test: [ruby, 3.2]', 'huge-log', 'deploy-production', 'trigger-docs', 'deploy-downstream', 'flaky-integration']) {
      expect(names, n).toContain(n);
    }
    expect([...w.jobs.values()].some((j) => j.projectId === 1 && j.retried)).toBe(true);
    expect([...w.jobs.values()].some((j) => j.projectId === 1 && j.erasedAt !== null)).toBe(true);
    expect([...w.jobs.values()].some((j) => j.projectId === 1 && j.allowFailure && j.status === 'failed')).toBe(true);
  });
});

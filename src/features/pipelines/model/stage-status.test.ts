import { describe, expect, it } from 'vitest';
import { compositeStatus, stageSummaries } from './stage-status.ts';

const j = (id: number, stage: string, status: string, allow_failure = false) => ({ id, stage, status, allow_failure });

describe('stage statuses of a pipeline row', () => {
  it.each([
    [['success', 'success'], 'success'],
    [['success', 'running'], 'running'],
    [['pending', 'success'], 'running'],
    [['pending', 'created'], 'pending'],
    [['failed', 'success'], 'failed'],
    [['manual'], 'manual'],
    [['manual', 'success'], 'success'],
    [['canceled'], 'canceled'],
    [['skipped', 'skipped'], 'skipped'],
    [['created', 'created'], 'created'],
    [['canceling', 'success'], 'running'],
    [['waiting_for_resource'], 'waiting_for_resource'],
    [['scheduled', 'created'], 'created'],
    [['some_new_status'], 'some_new_status'],
  ])('%j → %s', (statuses, expected) => {
    expect(compositeStatus(statuses.map((s, i) => j(i + 1, 'x', s))).status).toBe(expected);
  });

  it('treats an allowed failure as success with warnings', () => {
    expect(compositeStatus([j(1, 'x', 'failed', true), j(2, 'x', 'success')])).toEqual({ status: 'success', warnings: true });
  });

  it('orders stages by their first job and counts their jobs', () => {
    const jobs = [j(9, 'deploy', 'manual'), j(3, 'test', 'failed'), j(1, 'build', 'success'), j(4, 'test', 'success')];
    expect(stageSummaries(jobs).map((s) => [s.name, s.status, s.jobs])).toEqual([
      ['build', 'success', 1],
      ['test', 'failed', 2],
      ['deploy', 'manual', 1],
    ]);
  });
});

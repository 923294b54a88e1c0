import { describe, expect, it } from 'vitest';
import type { Job, JobStatus } from './model.ts';
import { compositeStatus, detailedStatus } from './statuses.ts';

function job(status: JobStatus, allowFailure = false, retried = false): Job {
  return { status, allowFailure, retried } as Job;
}

describe('compositeStatus (GitLab\'s Ci::Status::Composite)', () => {
  it.each<[JobStatus[], string]>([
    [['success', 'success'], 'success'],
    [['success', 'skipped'], 'success'],
    [['skipped'], 'skipped'],
    [['success', 'created'], 'created'],
    [['success', 'pending', 'created'], 'pending'],
    [['success', 'running', 'created'], 'running'],
    [['success', 'failed'], 'failed'],
    [['success', 'canceled'], 'canceled'],
    [['success', 'manual'], 'manual'],
    [['success', 'scheduled'], 'scheduled'],
    [['waiting_for_resource', 'created'], 'waiting_for_resource'],
    [['preparing'], 'preparing'],
    [['failed', 'canceling'], 'canceling'],
  ])('%j -> %s', (statuses, expected) => {
    expect(compositeStatus(statuses.map((s) => job(s))).status).toBe(expected);
  });

  it('counts an allowed failure as success with warnings and ignores retried jobs', () => {
    const r = compositeStatus([job('success'), job('failed', true), job('failed', false, true)]);
    expect(r).toEqual({ status: 'success', warnings: true });
    expect(compositeStatus([job('success'), job('manual', true)]).status).toBe('success');
  });

  it('describes statuses as ci_detailed_status.json wants', () => {
    const d = detailedStatus('success', true, '/a/b/-/pipelines/1');
    expect(d.group).toBe('success-with-warnings');
    expect(detailedStatus('manual', false, '/x').label).toBe('waiting for manual action');
  });
});

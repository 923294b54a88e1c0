import { describe, expect, it } from 'vitest';
import type { Bridge, Job } from '../../../gitlab/index.ts';
import { allowedActions, availableActions, isBridge, needsConfirmation, READ_ONLY_REASON, READ_TOKEN_REASON } from './availability.ts';

const NOW = Date.parse('2026-11-22T00:00:00Z');
const job = (status: string, extra: Partial<Job> = {}): Job => ({ id: 1, name: 'rspec', status, artifacts: [], ...extra });
const withArtifacts = (expire: string | null): Partial<Job> => ({
  artifacts_file: { filename: 'artifacts.zip', size: 10 },
  artifacts: [{ file_type: 'archive', filename: 'artifacts.zip', size: 10 }],
  artifacts_expire_at: expire,
});
const bridge = (status: string): Bridge => ({ id: 2, name: 'trigger-docs', status, downstream_pipeline: null });

describe('allowedActions: what the status allows (FACTS.md actions table)', () => {
  it.each([
    ['created', ['cancel']],
    ['waiting_for_resource', ['cancel']],
    ['preparing', ['cancel']],
    ['pending', ['cancel']],
    ['running', ['cancel']],
    ['canceling', []],
    ['waiting_for_callback', []],
    ['manual', ['play']],
    ['scheduled', ['play']],
    ['skipped', []],
    ['success', ['retry']],
    ['failed', ['retry']],
    ['canceled', ['retry']],
    ['some_future_status', []],
  ])('%s → %j (no log, no artifacts)', (status, expected) => {
    expect(allowedActions(job(status), NOW)).toEqual(expected);
  });

  it('offers erase for a finished job with a log, never for an erased one', () => {
    const withLog = job('success', { artifacts: [{ file_type: 'trace', filename: 'job.log', size: 3 }] });
    expect(allowedActions(withLog, NOW)).toEqual(['retry', 'erase']);
    expect(allowedActions({ ...withLog, erased_at: '2026-11-21T00:00:00Z' }, NOW)).toEqual(['retry']);
    expect(allowedActions(job('running', { artifacts: [{ file_type: 'trace' }] }), NOW)).toEqual(['cancel']);
  });

  it('offers no erase when GitLab lists neither a log nor artifacts (a job that never ran)', () => {
    expect(allowedActions(job('success', { started_at: '2026-11-21T00:00:00Z', artifacts: [] }), NOW)).toEqual(['retry']);
    expect(allowedActions(job('skipped'), NOW)).toEqual([]);
  });

  it('assumes a log when an older GitLab sends no artifacts list', () => {
    expect(allowedActions({ id: 1, name: 'x', status: 'failed' }, NOW)).toEqual(['retry', 'erase']);
  });

  it('keeps only artifacts that will expire; deletes any', () => {
    expect(allowedActions(job('success', withArtifacts('2026-11-23T00:00:00Z')), NOW)).toEqual(['retry', 'erase', 'keep-artifacts', 'delete-artifacts']);
    expect(allowedActions(job('success', withArtifacts(null)), NOW)).toEqual(['retry', 'erase', 'delete-artifacts']);
  });

  it('does not retry an archived job (GitLab: 403 not retryable)', () => {
    expect(allowedActions(job('failed', { archived: true }), NOW)).toEqual([]);
  });

  it('offers only retry and play on a bridge (cancel and erase answer 404)', () => {
    expect(isBridge(bridge('running'))).toBe(true);
    expect(isBridge(job('running'))).toBe(false);
    expect(allowedActions(bridge('running'), NOW)).toEqual([]);
    expect(allowedActions(bridge('failed'), NOW)).toEqual(['retry']);
    expect(allowedActions(bridge('manual'), NOW)).toEqual(['play']);
  });
});

describe('availableActions: read-only mode and read-only tokens', () => {
  it('enables everything when the token can write or GitLab cannot say', () => {
    expect(availableActions(job('failed'), { readOnly: false, canWrite: true })).toEqual([{ name: 'retry', enabled: true }]);
    expect(availableActions(job('running'), { readOnly: false, canWrite: 'unknown' })).toEqual([{ name: 'cancel', enabled: true }]);
  });

  it('disables with the reason', () => {
    expect(availableActions(job('running'), { readOnly: true, canWrite: true })).toEqual([{ name: 'cancel', enabled: false, reason: READ_ONLY_REASON }]);
    expect(availableActions(job('running'), { readOnly: false, canWrite: false })).toEqual([{ name: 'cancel', enabled: false, reason: READ_TOKEN_REASON }]);
  });

  it('limits to the asked actions', () => {
    expect(availableActions(job('success', withArtifacts(null)), { readOnly: false, canWrite: true }, ['delete-artifacts']).map((a) => a.name)).toEqual(['delete-artifacts']);
  });
});

describe('needsConfirmation', () => {
  it('asks before what cannot be undone and before retrying a trigger job', () => {
    expect(needsConfirmation('erase', job('success'))).toBe(true);
    expect(needsConfirmation('delete-artifacts', job('success'))).toBe(true);
    expect(needsConfirmation('retry', bridge('failed'))).toBe(true);
    expect(needsConfirmation('retry', job('failed'))).toBe(false);
    expect(needsConfirmation('cancel', job('running'))).toBe(false);
    expect(needsConfirmation('keep-artifacts', job('success'))).toBe(false);
  });
});

import { describe, expect, it } from 'vitest';
import { compositeStatus, ORDERED_STATUSES, statusRank, type StatusInput } from './composite-status.ts';

// Shorthand: 'failed!' is a failed job with allow_failure: true.
function jobs(...specs: string[]): StatusInput[] {
  return specs.map((s) => (s.endsWith('!') ? { status: s.slice(0, -1), allow_failure: true } : { status: s }));
}

describe('compositeStatus', () => {
  it.each<[string[], string | null, boolean]>([
    [[], null, false],
    [['success'], 'success', false],
    [['success', 'skipped'], 'success', false],
    [['skipped'], 'skipped', false],
    [['skipped', 'skipped'], 'skipped', false],
    // A manual job that may fail (the default for `when: manual`) is ignored.
    [['manual!'], 'skipped', false],
    [['success', 'manual!'], 'success', false],
    // Allowed failures count as success with warnings.
    [['failed!'], 'success', true],
    [['canceled!'], 'success', true],
    [['success', 'failed!'], 'success', true],
    [['skipped', 'failed!'], 'success', true],
    [['failed'], 'failed', false],
    [['failed', 'success'], 'failed', false],
    [['failed', 'failed!'], 'failed', true],
    [['failed', 'running'], 'running', false],
    [['failed', 'pending'], 'running', false],
    [['created'], 'created', false],
    [['created', 'failed!'], 'created', true],
    [['created', 'success'], 'running', false],
    [['pending'], 'pending', false],
    [['pending', 'created', 'skipped'], 'pending', false],
    [['preparing'], 'preparing', false],
    [['preparing', 'success'], 'preparing', false],
    [['canceled'], 'canceled', false],
    [['canceled', 'success', 'skipped'], 'canceled', false],
    [['canceled', 'failed'], 'failed', false],
    // A blocking manual job outranks a failure in GitLab's order.
    [['manual'], 'manual', false],
    [['manual', 'success'], 'manual', false],
    [['manual', 'failed'], 'manual', false],
    [['scheduled', 'success'], 'scheduled', false],
    [['scheduled', 'manual'], 'manual', false],
    [['waiting_for_resource', 'success'], 'waiting_for_resource', false],
    [['waiting_for_resource', 'running'], 'running', false],
    [['waiting_for_callback', 'success'], 'waiting_for_callback', false],
    [['canceling'], 'canceling', false],
    [['canceling', 'failed'], 'canceling', false],
    [['canceling', 'running'], 'running', false],
    [['canceling', 'created'], 'running', false],
  ])('%j -> %s (warnings %s)', (specs, status, warnings) => {
    const result = compositeStatus(jobs(...specs));
    expect(result.status).toBe(status);
    expect(result.warnings).toBe(warnings);
    expect(result.unknownStatuses).toEqual([]);
  });

  it('treats allow_failure null or missing as not allowed', () => {
    expect(compositeStatus([{ status: 'failed', allow_failure: null }]).status).toBe('failed');
    expect(compositeStatus([{ status: 'failed' }]).status).toBe('failed');
    expect(compositeStatus([{ status: 'manual', allow_failure: false }]).status).toBe('manual');
  });

  it('does not let an allowed failure hide a running job', () => {
    expect(compositeStatus(jobs('running', 'failed!'))).toEqual({ status: 'running', warnings: true, unknownStatuses: [] });
  });

  it('counts a status it does not know as in progress and reports it', () => {
    expect(compositeStatus(jobs('teleporting'))).toEqual({ status: 'running', warnings: false, unknownStatuses: ['teleporting'] });
    expect(compositeStatus(jobs('success', 'teleporting', 'teleporting', 'failed')).status).toBe('running');
    expect(compositeStatus(jobs('success', 'teleporting', 'teleporting')).unknownStatuses).toEqual(['teleporting']);
  });
});

describe('status order', () => {
  it('ranks failed first and created last, unknown after all', () => {
    expect(ORDERED_STATUSES[0]).toBe('failed');
    expect(statusRank('failed')).toBeLessThan(statusRank('running'));
    expect(statusRank('success')).toBeLessThan(statusRank('skipped'));
    expect(statusRank('created')).toBe(ORDERED_STATUSES.length - 1);
    expect(statusRank('teleporting')).toBe(ORDERED_STATUSES.length);
  });

  it('orders the 13 statuses of Ci::HasStatus', () => {
    expect(new Set(ORDERED_STATUSES).size).toBe(13);
  });
});

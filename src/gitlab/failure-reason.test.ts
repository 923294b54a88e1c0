import { describe, expect, it } from 'vitest';
import { describeFailureReason, KNOWN_FAILURE_REASONS } from './failure-reason.ts';

describe('failure reasons', () => {
  it.each([
    ['script_failure', /script failed/],
    ['runner_system_failure', /runner system failure/],
    ['stuck_or_timeout_failure', /timeout failure or the job got stuck/],
    ['job_execution_timeout', /maximum execution time/],
    ['missing_dependency_failure', /missing dependency/],
    ['unknown_failure', /unknown failure/],
  ])('words %s', (reason, expected) => {
    expect(describeFailureReason(reason)).toMatch(expected);
  });

  it('shows an unknown reason raw, and nothing when there is none', () => {
    expect(describeFailureReason('quantum_flux_failure')).toBe('quantum_flux_failure');
    expect(describeFailureReason('toString')).toBe('toString');
    expect(describeFailureReason(null)).toBeNull();
    expect(describeFailureReason('')).toBeNull();
  });

  it('words every value FACTS.md names and GitLab’s enum (about fifty)', () => {
    for (const r of ['script_failure', 'runner_system_failure', 'stuck_or_timeout_failure', 'job_execution_timeout', 'missing_dependency_failure']) {
      expect(KNOWN_FAILURE_REASONS).toContain(r);
    }
    expect(KNOWN_FAILURE_REASONS.length).toBeGreaterThanOrEqual(40);
    for (const r of KNOWN_FAILURE_REASONS) expect(describeFailureReason(r)).not.toBe(r);
  });
});

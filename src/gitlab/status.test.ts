import { describe, expect, it } from 'vitest';
import {
  KNOWN_JOB_STATUSES,
  canCancel,
  canErase,
  canPlay,
  canRetry,
  isActiveStatus,
  isFinishedStatus,
  isKnownStatus,
  isNotStartedStatus,
  isQueueTimeStatus,
  isQueuedStatus,
  isRunningStatus,
  isUnfinishedStatus,
} from './status.ts';

// Which predicate holds for which status: one row per status GitLab knows, and one it does not.
// Columns: active, finished, unfinished, queued, not started, queue time, running.
const TABLE: [string, boolean, boolean, boolean, boolean, boolean, boolean, boolean][] = [
  ['created', true, false, true, true, true, false, false],
  ['waiting_for_resource', true, false, true, true, true, true, false],
  ['preparing', true, false, true, true, true, true, false],
  ['waiting_for_callback', true, false, true, true, true, true, false],
  ['pending', true, false, true, true, true, true, false],
  ['running', true, false, true, false, false, false, true],
  ['canceling', true, false, true, false, false, false, true],
  ['scheduled', true, false, true, false, true, false, false],
  ['manual', false, false, true, false, true, false, false],
  ['success', false, true, false, false, false, false, false],
  ['failed', false, true, false, false, false, false, false],
  ['canceled', false, true, false, false, false, false, false],
  ['skipped', false, true, false, false, false, false, false],
  ['teleporting', false, false, false, false, false, false, false],
];

describe('status vocabulary', () => {
  it.each(TABLE)('%s', (status, active, finished, unfinished, queued, notStarted, queueTime, running) => {
    expect({
      active: isActiveStatus(status),
      finished: isFinishedStatus(status),
      unfinished: isUnfinishedStatus(status),
      queued: isQueuedStatus(status),
      notStarted: isNotStartedStatus(status),
      queueTime: isQueueTimeStatus(status),
      running: isRunningStatus(status),
    }).toEqual({ active, finished, unfinished, queued, notStarted, queueTime, running });
  });

  it('covers every known status, and knows no other', () => {
    expect(TABLE.map(([s]) => s).filter(isKnownStatus).sort()).toEqual([...KNOWN_JOB_STATUSES].sort());
    expect(isKnownStatus('teleporting')).toBe(false);
  });

  it('answers false for a missing status', () => {
    for (const predicate of [isActiveStatus, isFinishedStatus, isUnfinishedStatus, isQueuedStatus, isNotStartedStatus, isRunningStatus]) {
      expect(predicate(null)).toBe(false);
      expect(predicate(undefined)).toBe(false);
    }
  });

  it('says what can be done with a job by its status', () => {
    expect(canCancel({ status: 'running' })).toBe(true);
    expect(canCancel({ status: 'waiting_for_callback' })).toBe(false);
    expect(canRetry({ status: 'failed' })).toBe(true);
    expect(canRetry({ status: 'failed', archived: true })).toBe(false);
    expect(canPlay({ status: 'manual' })).toBe(true);
    expect(canPlay({ status: 'success' })).toBe(false);
    expect(canErase({ status: 'success' })).toBe(true);
    expect(canErase({ status: 'success', artifacts: [] })).toBe(false);
    expect(canErase({ status: 'running' })).toBe(false);
  });
});

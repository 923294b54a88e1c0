import { describe, expect, it } from 'vitest';
import { GitLabError } from './errors.ts';
import { intervalForStatuses, retryDelay, shouldRetry, statusRefetchInterval } from './polling.ts';
import { isActiveStatus, isFinishedStatus } from './status.ts';

const intervals = { activeMs: 3000, idleMs: 30000 };
const err = (kind: GitLabError['kind'], status?: number) => new GitLabError({ kind, status, url: 'https://g.example/api/v4/x' });

describe('status helpers', () => {
  it('classifies known and unknown statuses', () => {
    expect(['created', 'pending', 'running', 'preparing', 'waiting_for_resource', 'canceling', 'scheduled'].every(isActiveStatus)).toBe(true);
    expect(['success', 'failed', 'canceled', 'skipped'].every(isFinishedStatus)).toBe(true);
    expect(isActiveStatus('manual') || isFinishedStatus('manual')).toBe(false);
    expect(isActiveStatus('started') || isFinishedStatus('started')).toBe(false);
    expect(isActiveStatus(undefined)).toBe(false);
  });
});

describe('intervalForStatuses', () => {
  it('fast when anything is active, finishedMs when all finished, idle otherwise', () => {
    expect(intervalForStatuses(['success', 'running'], intervals)).toBe(3000);
    expect(intervalForStatuses(['success', 'failed'], intervals)).toBe(30000);
    expect(intervalForStatuses(['success', 'failed'], { ...intervals, finishedMs: false })).toBe(false);
    expect(intervalForStatuses(['manual'], { ...intervals, finishedMs: false })).toBe(30000);
    expect(intervalForStatuses([], { ...intervals, finishedMs: false })).toBe(30000);
  });
});

describe('statusRefetchInterval', () => {
  const fn = statusRefetchInterval((d: { s: string[] }) => d.s, intervals);
  it('follows the data', () => {
    expect(fn({ state: { data: { s: ['pending'] }, error: null } })).toBe(3000);
    expect(fn({ state: { data: undefined, error: null } })).toBe(30000);
  });
  it('stops on errors that waiting cannot fix and slows down after a 429', () => {
    expect(fn({ state: { data: { s: ['running'] }, error: err('not-found', 404) } })).toBe(false);
    expect(fn({ state: { data: undefined, error: err('unauthorized', 401) } })).toBe(false);
    expect(fn({ state: { data: undefined, error: err('rate-limited', 429) } })).toBe(60000);
    expect(fn({ state: { data: undefined, error: err('server', 502) } })).toBe(30000);
  });
});

describe('retry policy', () => {
  it('retries 429, 5xx and network; never 401/403/404', () => {
    expect(shouldRetry(0, err('rate-limited', 429))).toBe(true);
    expect(shouldRetry(5, err('rate-limited', 429))).toBe(true);
    expect(shouldRetry(6, err('rate-limited', 429))).toBe(false);
    expect(shouldRetry(0, err('server', 500))).toBe(true);
    expect(shouldRetry(4, err('server', 500))).toBe(false);
    expect(shouldRetry(0, err('network'))).toBe(true);
    for (const [kind, status] of [['unauthorized', 401], ['forbidden', 403], ['not-found', 404], ['cors', undefined], ['token-expired', 401]] as const) {
      expect(shouldRetry(0, err(kind, status)), kind).toBe(false);
    }
  });

  it('backs off exponentially, longer after a 429, with a cap', () => {
    const mid = () => 0.5;
    expect(retryDelay(0, err('server'), mid)).toBe(750);
    expect(retryDelay(1, err('server'), mid)).toBe(1500);
    expect(retryDelay(3, err('server'), mid)).toBe(6000);
    expect(retryDelay(20, err('server'), mid)).toBe(22500);
    expect(retryDelay(0, err('rate-limited'), mid)).toBe(3750);
    expect(retryDelay(20, err('rate-limited'), () => 1)).toBe(120000);
    expect(retryDelay(0, err('server'), () => 0)).toBe(500);
  });
});

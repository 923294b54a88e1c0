import { describe, expect, it } from 'vitest';
import { GitLabError } from './errors.ts';
import { MAX_BACKOFF_MS, RATE_LIMIT_FLOOR_MS, bandwidthIntervalMs, failureStreak, intervalForStatuses, nextPollDelay, retryDelay, shouldRetry, statusPolling, statusRefetchInterval } from './polling.ts';
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
  const fn = statusRefetchInterval((d: { s: string[] }) => d.s, intervals, () => 0);
  it('follows the data', () => {
    expect(fn({ state: { data: { s: ['pending'] }, error: null } })).toBe(3000);
    expect(fn({ state: { data: undefined, error: null } })).toBe(30000);
  });
  it('stops on errors that waiting cannot fix, and backs off on the others instead of stopping', () => {
    expect(fn({ state: { data: { s: ['running'] }, error: err('not-found', 404), errorUpdateCount: 1 } })).toBe(false);
    expect(fn({ state: { data: undefined, error: err('unauthorized', 401), errorUpdateCount: 1 } })).toBe(false);
    expect(fn({ state: { data: undefined, error: err('rate-limited', 429), errorUpdateCount: 1 } })).toBe(60000);
    expect(fn({ state: { data: undefined, error: err('server', 502), errorUpdateCount: 1 } })).toBe(60000);
    // A CORS or network outage must never end polling: the page would stay stale for good.
    expect(fn({ state: { data: { s: ['running'] }, error: err('cors'), errorUpdateCount: 1 } })).toBe(6000);
    expect(fn({ state: { data: { s: ['running'] }, error: err('network'), errorUpdateCount: 1 } })).toBe(6000);
    // A finished pipeline does not poll, but a failed refresh of it is tried again.
    const finished = statusRefetchInterval((d: { s: string[] }) => d.s, { ...intervals, finishedMs: false }, () => 0);
    expect(finished({ state: { data: { s: ['success'] }, error: null } })).toBe(false);
    expect(finished({ state: { data: { s: ['success'] }, error: err('server', 500), errorUpdateCount: 1 } })).toBe(60000);
  });
  it('counts failures in a row per query, from the last success', () => {
    const query: { state: { data: { s: string[] } | undefined; error: unknown; errorUpdateCount: number } } = { state: { data: { s: ['running'] }, error: null, errorUpdateCount: 3 } };
    expect(fn(query)).toBe(3000);
    query.state = { ...query.state, error: err('server', 502), errorUpdateCount: 4 };
    expect(failureStreak(query)).toBe(1);
    expect(fn(query)).toBe(6000);
    query.state = { ...query.state, errorUpdateCount: 6 };
    expect(fn(query)).toBe(24000);
    query.state = { ...query.state, error: null };
    expect(fn(query)).toBe(3000);
    query.state = { ...query.state, error: err('network'), errorUpdateCount: 7 };
    expect(fn(query)).toBe(6000);
  });
});

describe('nextPollDelay: the one fault policy', () => {
  const at = (streak: number, error: unknown, random = () => 0) => nextPollDelay({ baseMs: 5000, streak, error, random });
  it('polls at the base interval while all is well', () => {
    expect(at(0, null)).toBe(5000);
  });
  it('doubles per failure, with jitter that only lengthens, up to a cap', () => {
    expect(at(1, err('server', 500))).toBe(10_000);
    expect(at(1, err('server', 500), () => 1)).toBe(15_000);
    expect(at(3, err('network'))).toBe(40_000);
    expect(at(30, err('cors'), () => 1)).toBe(MAX_BACKOFF_MS * 1.5);
    // Never sooner than a healthy poll, whatever the random draw (two requests a failure at most: the request and its probe).
    for (const r of [0, 0.3, 0.99]) expect(at(1, err('cors'), () => r)).toBeGreaterThanOrEqual(2 * 5000);
    // The cap bounds how late a page sees GitLab back, but never brings a long interval closer.
    expect(at(30, err('server', 500))).toBe(MAX_BACKOFF_MS);
    expect(nextPollDelay({ baseMs: 45_000, streak: 5, error: err('network'), random: () => 0 })).toBe(90_000);
  });
  it('waits at least Retry-After after a 429 when it was readable, else the 429 floor', () => {
    expect(at(1, err('rate-limited', 429))).toBe(RATE_LIMIT_FLOOR_MS);
    const readable = new GitLabError({ kind: 'rate-limited', status: 429, url: 'https://g.example/api/v4/x', retryAfterMs: 120_000 });
    expect(at(1, readable)).toBe(120_000);
    const short = new GitLabError({ kind: 'rate-limited', status: 429, url: 'https://g.example/api/v4/x', retryAfterMs: 1000 });
    expect(at(1, short)).toBe(10_000);
  });
  it('checks a known-expired token locally at the base interval (no request), and stops on 401/403/404', () => {
    expect(at(5, err('token-expired', 401))).toBe(5000);
    for (const kind of ['unauthorized', 'forbidden', 'not-found', 'insufficient-scope', 'not-gitlab'] as const) expect(at(1, err(kind))).toBe(false);
  });
  it('turns polling options into no retries inside a fetch (each poll is the retry)', () => {
    expect(statusPolling((d: string[]) => d, intervals).retry).toBe(false);
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
    const readable = new GitLabError({ kind: 'rate-limited', status: 429, url: 'https://g.example/api/v4/x', retryAfterMs: 90_000 });
    expect(retryDelay(0, readable, mid)).toBe(90_000);
  });
});

describe('bandwidthIntervalMs', () => {
  it('spaces whole downloads so that they stay within a budget a minute', () => {
    expect(bandwidthIntervalMs(0, 30e6)).toBe(0);
    expect(bandwidthIntervalMs(1e6, 30e6)).toBe(2_000);
    expect(bandwidthIntervalMs(50e6, 30e6)).toBe(100_000);
    // Growing 10 MB a minute: the next download is bigger, so the interval is longer.
    expect(bandwidthIntervalMs(50e6, 30e6, 10e6)).toBe(150_000);
    // Growth counts at most half the budget.
    expect(bandwidthIntervalMs(50e6, 30e6, 100e6)).toBe(200_000);
  });
});

import { describe, expect, it } from 'vitest';
import { GitLabError, type GitLabErrorKind } from './errors.ts';
import { connectionHealth, sameHealth, type HealthQueryState } from './health.ts';
import { RATE_LIMIT_FLOOR_MS } from './polling.ts';

const err = (kind: GitLabErrorKind, extra: { status?: number; retryAfterMs?: number } = {}) => new GitLabError({ kind, url: 'https://g.example/api/v4/x', ...extra });
const ok = (at: number): HealthQueryState => ({ dataUpdatedAt: at, error: null, errorUpdatedAt: 0 });
const failed = (dataAt: number, error: unknown, at: number): HealthQueryState => ({ dataUpdatedAt: dataAt, error, errorUpdatedAt: at });

describe('connectionHealth', () => {
  it('is fresh when the newest answer was a success (and says when)', () => {
    expect(connectionHealth([])).toEqual({ kind: 'fresh', updatedAt: 0 });
    expect(connectionHealth([ok(100), ok(300)])).toEqual({ kind: 'fresh', updatedAt: 300 });
    // An older failure of one query does not outweigh a newer success of another.
    expect(connectionHealth([failed(100, err('server', { status: 502 }), 200), ok(300)])).toEqual({ kind: 'fresh', updatedAt: 300 });
  });

  it('names each fault, with the time the data on screen was last confirmed', () => {
    const cases: [GitLabError, string, Record<string, unknown>][] = [
      [err('server', { status: 502 }), 'stale', {}],
      [err('invalid-response'), 'stale', {}],
      [err('cors'), 'unreachable', { reason: 'cors' }],
      [err('network'), 'unreachable', { reason: 'network' }],
      [err('rate-limited', { status: 429 }), 'rate-limited', { until: 500 + RATE_LIMIT_FLOOR_MS }],
      [err('rate-limited', { status: 429, retryAfterMs: 120_000 }), 'rate-limited', { until: 500 + 120_000 }],
      [err('token-expired', { status: 401 }), 'token-expired', {}],
    ];
    for (const [error, kind, extra] of cases) {
      expect(connectionHealth([ok(100), failed(300, error, 500)]), error.kind).toEqual({ kind, since: 300, error, ...extra });
    }
  });

  it('lets an expired token outweigh everything, even newer successes', () => {
    const expired = err('token-expired', { status: 401 });
    expect(connectionHealth([failed(100, expired, 200), ok(900)]).kind).toBe('token-expired');
  });

  it('leaves item errors (404, 403) to the page', () => {
    expect(connectionHealth([failed(100, err('not-found', { status: 404 }), 500)])).toEqual({ kind: 'fresh', updatedAt: 100 });
    expect(connectionHealth([failed(0, err('forbidden', { status: 403 }), 500)])).toEqual({ kind: 'fresh', updatedAt: 0 });
  });

  it('tells equal healths apart from changed ones', () => {
    const e = err('cors');
    expect(sameHealth(connectionHealth([failed(1, e, 2)]), connectionHealth([failed(1, e, 2)]))).toBe(true);
    expect(sameHealth(connectionHealth([failed(1, e, 2)]), connectionHealth([failed(1, err('cors'), 3)]))).toBe(false);
    expect(sameHealth({ kind: 'fresh', updatedAt: 1 }, { kind: 'fresh', updatedAt: 2 })).toBe(false);
  });
});

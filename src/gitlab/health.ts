/**
 * Connection health: one honest answer to "is what this screen shows current?", derived from
 * the state of the queries behind it (TanStack Query's cache), so every page and the wall say
 * the same thing in the same words.
 *
 * - `fresh`: the newest answer from GitLab was a success.
 * - `stale`: GitLab's newest answer was a failure (5xx, a garbled answer): the data shown is
 *   what GitLab said at `since`.
 * - `rate-limited`: GitLab answered 429; nothing is asked before `until` (its Retry-After when
 *   the browser could read it, else the 429 floor of polling.ts).
 * - `unreachable`: nothing came back: `cors` (GitLab answered without CORS headers, so the
 *   browser hid the answer) or `network` (nothing answered).
 * - `token-expired`: GitLab refused the token as expired; no request is made with it until a
 *   new one is saved.
 *
 * "Newest outcome wins": a failure older than the latest success of any query of the same
 * screen no longer counts (that query is simply waiting for its next, backed-off turn).
 */
import { GitLabError, type GitLabErrorKind } from './errors.ts';
import { RATE_LIMIT_FLOOR_MS } from './polling.ts';

export type ConnectionHealth =
  | { kind: 'fresh'; /** Newest success (ms; 0 when nothing has loaded yet). */ updatedAt: number }
  | { kind: 'stale'; /** When the data on screen was last confirmed (ms; 0: never). */ since: number; error: unknown }
  | { kind: 'rate-limited'; since: number; /** When asking again makes sense (ms). */ until: number; error: GitLabError }
  | { kind: 'unreachable'; since: number; reason: 'cors' | 'network'; error: GitLabError }
  | { kind: 'token-expired'; since: number; error: GitLabError };

export type ConnectionHealthKind = ConnectionHealth['kind'];

/** What the derivation reads of one query (TanStack's `query.state`). */
export interface HealthQueryState {
  dataUpdatedAt: number;
  error: unknown;
  errorUpdatedAt: number;
}

/** Failures that say something about the connection, not about one item (a 404 is the page's business). */
const CONNECTION_FAILURES: ReadonlySet<GitLabErrorKind> = new Set(['network', 'cors', 'server', 'rate-limited', 'token-expired', 'invalid-response', 'http']);

function connectionFailure(error: unknown): GitLabError | null {
  return error instanceof GitLabError && CONNECTION_FAILURES.has(error.kind) ? error : null;
}

/** The health of a set of queries (a page, a wall tile). Pure: the same states give the same answer. */
export function connectionHealth(states: Iterable<HealthQueryState>): ConnectionHealth {
  let since = 0;
  let expired: { error: GitLabError; at: number } | null = null;
  let latest: { error: GitLabError; at: number } | null = null;
  for (const state of states) {
    if (state.dataUpdatedAt > since) since = state.dataUpdatedAt;
    const failure = connectionFailure(state.error);
    if (!failure) continue;
    if (failure.kind === 'token-expired') {
      if (!expired || state.errorUpdatedAt > expired.at) expired = { error: failure, at: state.errorUpdatedAt };
    } else if (!latest || state.errorUpdatedAt > latest.at) {
      latest = { error: failure, at: state.errorUpdatedAt };
    }
  }
  // An expired token stops every request of the screen, whatever else answered before.
  if (expired) return { kind: 'token-expired', since, error: expired.error };
  if (!latest || latest.at < since) return { kind: 'fresh', updatedAt: since };
  const { error, at } = latest;
  switch (error.kind) {
    case 'rate-limited':
      return { kind: 'rate-limited', since, until: at + (error.retryAfterMs ?? RATE_LIMIT_FLOOR_MS), error };
    case 'cors':
    case 'network':
      return { kind: 'unreachable', since, reason: error.kind, error };
    default:
      return { kind: 'stale', since, error };
  }
}

/** Same kind and times: lets a subscriber keep its previous value (and skip a render). */
export function sameHealth(a: ConnectionHealth, b: ConnectionHealth): boolean {
  if (a.kind !== b.kind) return false;
  if (a.kind === 'fresh' && b.kind === 'fresh') return a.updatedAt === b.updatedAt;
  if (a.kind === 'fresh' || b.kind === 'fresh') return false;
  if (a.since !== b.since || a.error !== b.error) return false;
  if (a.kind === 'rate-limited' && b.kind === 'rate-limited') return a.until === b.until;
  return true;
}

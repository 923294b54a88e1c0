/**
 * How often to refetch, and when to try again after a failure: the one fault policy of every
 * poll (lists, pipelines, the log, the wall, artifacts).
 * Polling follows the status of what is shown: active (queued, running) → fast; waiting for a
 * person (manual) or unknown → slow; finished → slow or not at all. It pauses in hidden tabs.
 * Failures back off exponentially with jitter (network, CORS, 5xx, 429 with its Retry-After or a
 * floor) and stop on 401/403/404 (nothing will change by asking again).
 */
import { GitLabError, type GitLabErrorKind } from './errors.ts';
import { isActiveStatus, isFinishedStatus } from './status.ts';

export interface PollIntervals {
  /** Something is queued or running. */
  activeMs: number;
  /** Nothing active, but things may still change (lists, manual jobs, unknown statuses). */
  idleMs: number;
  /** Everything shown has finished; `false` stops polling. Defaults to `idleMs`. */
  finishedMs?: number | false;
}

/** The interval for a set of statuses: fast if any is active, `finishedMs` if all finished. */
export function intervalForStatuses(statuses: readonly (string | null | undefined)[], intervals: PollIntervals): number | false {
  if (statuses.some((s) => isActiveStatus(s))) return intervals.activeMs;
  if (statuses.length > 0 && statuses.every((s) => isFinishedStatus(s))) return intervals.finishedMs ?? intervals.idleMs;
  return intervals.idleMs;
}

/**
 * Errors after which asking again cannot help until something else changes (the token, the
 * path, the project): polling stops. Every other failure (network, CORS, 5xx, 429, a garbled
 * answer) keeps polling with backoff, so a page recovers by itself once GitLab answers again.
 * A token known to be expired is refused by the transport without a request (transport.ts), so
 * polling through it costs nothing and resumes the moment a new token is in place.
 */
const STOPS_POLLING: ReadonlySet<GitLabErrorKind> = new Set(['unauthorized', 'insufficient-scope', 'forbidden', 'not-found', 'bad-request', 'method-not-allowed', 'not-gitlab']);

function stopsPolling(error: unknown): boolean {
  return error instanceof GitLabError && STOPS_POLLING.has(error.kind);
}

/** The part of a TanStack Query `Query` that the interval reads (structural, so any key type fits). */
export interface PolledQuery<TData> {
  state: { data: TData | undefined; error: unknown; errorUpdateCount?: number };
}

/** After a 429 whose Retry-After cannot be read (GitLab's CORS hides it), wait at least this long. */
export const RATE_LIMIT_FLOOR_MS = 60_000;
/**
 * The longest backed-off wait between two polls while GitLab keeps failing (before jitter): a
 * page, or a wall nobody touches, sees GitLab come back within a minute and a half however long
 * the outage was, and still asks less often than when all is well.
 */
export const MAX_BACKOFF_MS = 60_000;

export interface PollDelayInput {
  /** The interval while all is well. */
  baseMs: number;
  /** Failures in a row (0: the last poll succeeded). */
  streak: number;
  /** The latest failure. */
  error: unknown;
  random?: () => number;
}

/**
 * The one fault policy of every poll: the wait before the next poll. Healthy: `baseMs`. After
 * `n` failures in a row: `baseMs × 2ⁿ` (capped at MAX_BACKOFF_MS) stretched by up to half again
 * at random, so that many tabs do not come back at once; jitter only ever lengthens the wait, so
 * a failing poll (which may cost two requests: the request and the CORS-or-network probe) never
 * asks more often than a healthy one. A 429 waits at least its `Retry-After` when the answer let
 * the browser read it, else RATE_LIMIT_FLOOR_MS. A token known to be expired is checked locally
 * (no request) at `baseMs`, so a new token is picked up at once. `false`: stop.
 */
export function nextPollDelay({ baseMs, streak, error, random = Math.random }: PollDelayInput): number | false {
  if (streak <= 0 || !error) return baseMs;
  if (stopsPolling(error)) return false;
  if (error instanceof GitLabError && error.kind === 'token-expired') return baseMs;
  // Never below twice the healthy interval, whatever the cap: a failing poll (a request and its
  // probe) must not ask more often than a healthy one.
  const exp = Math.max(2 * baseMs, Math.min(MAX_BACKOFF_MS, baseMs * 2 ** Math.min(streak, 20)));
  let delay = Math.round(exp * (1 + random() / 2));
  if (error instanceof GitLabError && error.kind === 'rate-limited') delay = Math.max(delay, error.retryAfterMs ?? RATE_LIMIT_FLOOR_MS);
  return delay;
}

// Failures in a row per query: TanStack keeps only the count of every error ever
// (errorUpdateCount), so the count at the last success is remembered beside the query.
const streakBase = new WeakMap<object, number>();

/** How many polls of this query failed in a row (0 after a success). */
export function failureStreak(query: PolledQuery<unknown>): number {
  const { error, errorUpdateCount = error ? 1 : 0 } = query.state;
  if (!error) {
    streakBase.set(query, errorUpdateCount);
    return 0;
  }
  return Math.max(1, errorUpdateCount - (streakBase.get(query) ?? 0));
}

/**
 * A `refetchInterval` function for TanStack Query that follows the statuses found in the data
 * and, after failures, the fault policy of nextPollDelay (backoff, 429 floor, stop on errors
 * that asking again will not fix).
 */
export function statusRefetchInterval<TData>(
  statusesOf: (data: TData) => readonly (string | null | undefined)[],
  intervals: PollIntervals,
  random: () => number = Math.random,
): (query: PolledQuery<TData>) => number | false {
  return (query) => {
    const { data, error } = query.state;
    const streak = failureStreak(query);
    const base = data === undefined ? intervals.idleMs : intervalForStatuses(statusesOf(data), intervals);
    if (!error) return base;
    // A finished item stops polling, but a failed refresh of it is tried again (slowly).
    return nextPollDelay({ baseMs: base === false ? intervals.idleMs : base, streak, error, random });
  };
}

/**
 * The shortest interval at which a poll that downloads the whole of something (`bytesPerPoll`
 * now, growing by `growthBytesPerMinute`) costs at most `budgetBytesPerMinute`: GitLab's trace
 * endpoint has no offset, so a running job's whole log comes again at every poll. With T the
 * interval, the next poll downloads `bytes + growth·T`; T is the least that keeps that within
 * `budget·T`. Growth counts at most half the budget (a log growing faster than that is polled
 * at twice the interval its size alone would give). 0 when the budget allows any interval.
 */
export function bandwidthIntervalMs(bytesPerPoll: number, budgetBytesPerMinute: number, growthBytesPerMinute = 0): number {
  if (!(bytesPerPoll > 0) || !(budgetBytesPerMinute > 0)) return 0;
  const growth = Math.min(Math.max(0, growthBytesPerMinute), budgetBytesPerMinute / 2);
  return Math.ceil((bytesPerPoll / (budgetBytesPerMinute - growth)) * 60_000);
}

/**
 * The options a polled query spreads in: the interval above, and no retries inside one fetch
 * (each poll is the retry, so that a fault never asks more often than polling does and the
 * failure shows at once; see docs/decisions/0020).
 */
export function statusPolling<TData>(statusesOf: (data: TData) => readonly (string | null | undefined)[], intervals: PollIntervals) {
  return { refetchInterval: statusRefetchInterval(statusesOf, intervals), retry: false } as const;
}

const MAX_ATTEMPTS = 4;
const MAX_ATTEMPTS_RATE_LIMITED = 6;

/** `retry` for queries: only what can get better by waiting (429, 5xx, network). */
export function shouldRetry(failureCount: number, error: unknown): boolean {
  if (error instanceof GitLabError) {
    if (!error.retryable) return false;
    return failureCount < (error.kind === 'rate-limited' ? MAX_ATTEMPTS_RATE_LIMITED : MAX_ATTEMPTS);
  }
  // A bug in our code will not fix itself; one retry covers a fluke.
  return failureCount < 1;
}

/**
 * `retryDelay`: exponential with full jitter, 1 s doubling up to 30 s; after a 429 it starts at
 * 5 s and goes up to 2 min (GitLab's Retry-After is not readable from the browser).
 */
export function retryDelay(failureCount: number, error: unknown, random: () => number = Math.random): number {
  const limited = error instanceof GitLabError && error.kind === 'rate-limited';
  const base = limited ? 5_000 : 1_000;
  const cap = limited ? 120_000 : 30_000;
  const exp = Math.min(cap, base * 2 ** Math.max(0, failureCount));
  // Half fixed, half random: spreads out many tabs without ever retrying at once.
  const delay = Math.round(exp / 2 + (random() * exp) / 2);
  return limited && error.retryAfterMs !== undefined ? Math.max(delay, error.retryAfterMs) : delay;
}

/** Defaults for `new QueryClient({ defaultOptions: { queries: gitlabQueryDefaults } })`. */
export const gitlabQueryDefaults = {
  retry: shouldRetry,
  retryDelay: (failureCount: number, error: unknown) => retryDelay(failureCount, error),
  refetchIntervalInBackground: false,
} as const;

/** Defaults for mutations: actions are not idempotent (a retry creates a job), so never repeat them. */
export const gitlabMutationDefaults = {
  retry: false,
} as const;

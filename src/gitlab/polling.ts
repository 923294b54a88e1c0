/**
 * How often to refetch, and when to try again after a failure.
 * Polling follows the status of what is shown: active (queued, running) → fast; waiting for a
 * person (manual) or unknown → slow; finished → slow or not at all. It pauses in hidden tabs.
 * Failures back off exponentially on 429, 5xx and network errors and never retry on
 * 401/403/404 (nothing will change by asking again).
 */
import { GitLabError } from './errors.ts';
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

/** After this error, is polling pointless until something else changes (auth, path)? */
function stopsPolling(error: unknown): boolean {
  return error instanceof GitLabError && !error.retryable && error.kind !== 'aborted';
}

/** The part of a TanStack Query `Query` that the interval reads (structural, so any key type fits). */
export interface PolledQuery<TData> {
  state: { data: TData | undefined; error: unknown };
}

const RATE_LIMIT_FLOOR_MS = 60_000;

/**
 * A `refetchInterval` function for TanStack Query that follows the statuses found in the
 * data, stops on errors that asking again will not fix, and slows down after a 429.
 */
export function statusRefetchInterval<TData>(
  statusesOf: (data: TData) => readonly (string | null | undefined)[],
  intervals: PollIntervals,
): (query: PolledQuery<TData>) => number | false {
  return (query) => {
    const { data, error } = query.state;
    if (error) {
      if (stopsPolling(error)) return false;
      if (error instanceof GitLabError && error.kind === 'rate-limited') return Math.max(intervals.idleMs, RATE_LIMIT_FLOOR_MS);
      return intervals.idleMs;
    }
    if (data === undefined) return intervals.idleMs;
    return intervalForStatuses(statusesOf(data), intervals);
  };
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
  return Math.round(exp / 2 + (random() * exp) / 2);
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

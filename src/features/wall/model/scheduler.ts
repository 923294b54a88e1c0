/**
 * When each tile refreshes (pure state, injected time). Tiles are spread evenly over the
 * interval instead of firing together: tile i of n refreshes at phase i/n of it. The interval
 * itself grows with the number of tiles so the wall stays inside its request budget.
 * A failure that says something about the connection (unreachable, 5xx, 429, token) holds the
 * whole wall: one tile at a time asks again after a backoff (a probe), the others wait, so an
 * outage costs one request per backoff step, not one per tile. A failure of one project (404,
 * 403) only slows that tile.
 */
import { GitLabError, MAX_BACKOFF_MS as POLL_MAX_BACKOFF_MS, RATE_LIMIT_FLOOR_MS } from '../../../gitlab/index.ts';

/** Requests a minute the wall may make at most (the pacer enforces it). */
export const WALL_REQUESTS_PER_MINUTE = 60;
/** The share of the budget the pipelines requests plan for; the rest is for jobs, trigger jobs and culprits. */
const PIPELINES_SHARE = 2 / 3;
/** The longest wait between two probes while GitLab keeps failing: the one fault policy's (gitlab/polling.ts). */
export const MAX_BACKOFF_MS = POLL_MAX_BACKOFF_MS;
/** The first round is spread over at most this much per tile, so the first tiles come quickly. */
const FIRST_ROUND_SPACING_MS = 150;

/** The refresh interval of every tile: `wallMs`, or longer when the tiles would exceed the budget. */
export function tileIntervalMs(tiles: number, wallMs: number, perMinute = WALL_REQUESTS_PER_MINUTE): number {
  const budgeted = Math.ceil((Math.max(1, tiles) * 60_000) / (perMinute * PIPELINES_SHARE));
  return Math.max(wallMs, budgeted);
}

interface Entry {
  due: number;
  running: boolean;
}

export interface ScheduleState {
  entries: Map<string, Entry>;
  /** Failures in a row that held the wall. */
  faultStreak: number;
  /** Nothing runs before this (ms). */
  holdUntil: number;
}

export function createSchedule(): ScheduleState {
  return { entries: new Map(), faultStreak: 0, holdUntil: 0 };
}

/** Adds new tiles (spread over the first round, after the ones already there) and drops gone ones. */
export function reconcile(state: ScheduleState, keys: readonly string[], now: number): void {
  const wanted = new Set(keys);
  for (const key of [...state.entries.keys()]) if (!wanted.has(key)) state.entries.delete(key);
  let i = 0;
  for (const key of keys) {
    if (state.entries.has(key)) continue;
    state.entries.set(key, { due: now + i * FIRST_ROUND_SPACING_MS, running: false });
    i++;
  }
}

/** The next tile to refresh and when (not before the hold), or null when every tile is running. */
export function nextDue(state: ScheduleState): { key: string; at: number } | null {
  let best: { key: string; at: number } | null = null;
  for (const [key, e] of state.entries) {
    if (e.running) continue;
    if (best === null || e.due < best.at) best = { key, at: e.due };
  }
  return best === null ? null : { key: best.key, at: Math.max(best.at, state.holdUntil) };
}

export function markRunning(state: ScheduleState, key: string): void {
  const e = state.entries.get(key);
  if (e) e.running = true;
}

/**
 * After a success: the next refresh one interval after the last planned one, keeping the tiles'
 * phases apart; after the first round, phases are laid out evenly (`slot` of `slots`).
 */
export function onSuccess(state: ScheduleState, key: string, now: number, intervalMs: number, phase?: { slot: number; slots: number }): void {
  state.faultStreak = 0;
  state.holdUntil = 0;
  const e = state.entries.get(key);
  if (!e) return;
  e.running = false;
  if (phase) {
    // First success: move to this tile's slot in the next interval.
    const offset = (phase.slot / Math.max(1, phase.slots)) * intervalMs;
    e.due = now + intervalMs / 2 + offset;
    return;
  }
  e.due = Math.max(e.due + intervalMs, now + intervalMs / 4);
}

/** Connection-wide failures: asking again for another tile will not do better. */
export function holdsWall(error: unknown): boolean {
  if (!(error instanceof GitLabError)) return false;
  return ['network', 'cors', 'server', 'rate-limited', 'token-expired', 'unauthorized', 'invalid-response', 'not-gitlab', 'http'].includes(error.kind);
}

/**
 * The wait after `streak` failures in a row, by the one fault policy's rules (gitlab/polling.ts
 * nextPollDelay): doubling from the interval, capped, stretched by up to half at random (never
 * shorter); a 429 waits its Retry-After when readable, else the policy's floor. The wall probes
 * with one tile at once after a failure, so its doubling starts one step later.
 */
export function backoffMs(streak: number, error: unknown, intervalMs: number, random: () => number = Math.random): number {
  // Never sooner than the wall's own interval, whatever the cap.
  const exp = Math.max(intervalMs, Math.min(MAX_BACKOFF_MS, intervalMs * 2 ** Math.max(0, streak - 1)));
  let delay = Math.round(exp * (1 + random() / 2));
  if (error instanceof GitLabError && error.kind === 'rate-limited') delay = Math.max(delay, error.retryAfterMs ?? RATE_LIMIT_FLOOR_MS);
  return delay;
}

export function onFailure(state: ScheduleState, key: string, error: unknown, now: number, intervalMs: number, random: () => number = Math.random): void {
  const e = state.entries.get(key);
  if (e) e.running = false;
  if (error instanceof GitLabError && error.kind === 'aborted') {
    if (e) e.due = now;
    return;
  }
  if (holdsWall(error)) {
    state.faultStreak++;
    const delay = backoffMs(state.faultStreak, error, intervalMs, random);
    state.holdUntil = now + delay;
    // This tile probes next; the others keep their turn behind it.
    if (e) e.due = now;
    return;
  }
  // One project's problem (moved, no access): ask for it rarely.
  if (e) e.due = now + Math.max(intervalMs, Math.min(MAX_BACKOFF_MS, intervalMs * 8));
}

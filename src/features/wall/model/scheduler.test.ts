import { describe, expect, it } from 'vitest';
import { GitLabError } from '../../../gitlab/index.ts';
import { backoffMs, createSchedule, MAX_BACKOFF_MS, markRunning, nextDue, onFailure, onSuccess, reconcile, tileIntervalMs } from './scheduler.ts';

const err = (kind: ConstructorParameters<typeof GitLabError>[0]['kind']) => new GitLabError({ kind, url: 'https://gitlab.test/api/v4/x' });

describe('tileIntervalMs', () => {
  it('is wall.refresh for a small wall and grows with the tiles to stay inside the budget', () => {
    expect(tileIntervalMs(4, 15_000)).toBe(15_000);
    // 20 tiles: 40 pipelines requests a minute at most (two thirds of 60).
    expect(tileIntervalMs(20, 15_000)).toBe(30_000);
    expect((20 * 60_000) / tileIntervalMs(20, 15_000)).toBeLessThanOrEqual(40);
    expect(tileIntervalMs(100, 15_000)).toBe(150_000);
  });
});

/** Runs the schedule for `untilMs` on a fake clock, succeeding every refresh; returns when each key ran. */
function simulate(keys: string[], intervalMs: number, untilMs: number) {
  const s = createSchedule();
  reconcile(s, keys, 0);
  const runs: { key: string; at: number }[] = [];
  const first = new Set<string>();
  for (;;) {
    const next = nextDue(s);
    if (!next || next.at > untilMs) break;
    markRunning(s, next.key);
    runs.push(next);
    const phase = first.has(next.key) ? undefined : { slot: keys.indexOf(next.key), slots: keys.length };
    first.add(next.key);
    onSuccess(s, next.key, next.at, intervalMs, phase);
  }
  return runs;
}

describe('the schedule', () => {
  it('spreads the tiles over the interval instead of bursts, once per interval each', () => {
    const keys = Array.from({ length: 20 }, (_, i) => `p${i}`);
    const runs = simulate(keys, 30_000, 600_000);
    // First round quickly (within 3 s), then every tile once per interval.
    expect(runs.slice(0, 20).every((r) => r.at < 3_000)).toBe(true);
    const steady = runs.filter((r) => r.at >= 60_000 && r.at < 600_000);
    for (const k of keys) expect(steady.filter((r) => r.key === k).length).toBe(18);
    // No burst: in any 5-second window of the steady state, at most ~ 20 × 5 / 30 tiles (+1).
    for (let t = 60_000; t < 600_000; t += 1_000) {
      expect(steady.filter((r) => r.at >= t && r.at < t + 5_000).length).toBeLessThanOrEqual(5);
    }
  });

  it('holds the whole wall after a connection failure: one probe per backoff step, doubling', () => {
    const s = createSchedule();
    reconcile(s, ['a', 'b', 'c'], 0);
    const probes: number[] = [];
    for (let i = 0; i < 6; i++) {
      const next = nextDue(s);
      if (!next) throw new Error('nothing due');
      const now = next.at;
      probes.push(now);
      markRunning(s, next.key);
      onFailure(s, next.key, err('network'), now, 10_000, () => 0);
    }
    const gaps = probes.slice(1).map((t, i) => t - (probes[i] ?? 0));
    // Doubling up to the policy's cap (a minute), so the wall sees GitLab back within one.
    expect(gaps).toEqual([10_000, 20_000, 40_000, MAX_BACKOFF_MS, MAX_BACKOFF_MS]);
    // Recovery: the probe succeeds and the others follow at once.
    const next = nextDue(s);
    if (!next) throw new Error('nothing due');
    markRunning(s, next.key);
    onSuccess(s, next.key, next.at, 10_000);
    expect(s.holdUntil).toBe(0);
    expect(nextDue(s)?.at).toBeLessThanOrEqual(next.at);
  });

  it('caps the backoff and waits at least a minute after a 429', () => {
    expect(backoffMs(30, err('server'), 30_000, () => 0)).toBe(MAX_BACKOFF_MS);
    expect(backoffMs(1, err('rate-limited'), 15_000, () => 0)).toBe(60_000);
    // A readable Retry-After (a same-origin proxy) is honoured, as every other poll does.
    expect(backoffMs(1, new GitLabError({ kind: 'rate-limited', url: 'http://x', status: 429, retryAfterMs: 90_000 }), 15_000, () => 0)).toBe(90_000);
    expect(backoffMs(1, err('server'), 15_000, () => 1)).toBe(22_500);
  });

  it('slows only the tile of a project that answers 404, without holding the others', () => {
    const s = createSchedule();
    reconcile(s, ['a', 'b'], 0);
    markRunning(s, 'a');
    onFailure(s, 'a', err('not-found'), 0, 10_000);
    expect(s.holdUntil).toBe(0);
    expect(nextDue(s)?.key).toBe('b');
  });

  it('drops tiles that left the wall and adds new ones after the others', () => {
    const s = createSchedule();
    reconcile(s, ['a', 'b'], 0);
    reconcile(s, ['b', 'c'], 1_000);
    expect([...s.entries.keys()]).toEqual(['b', 'c']);
    expect(s.entries.get('c')?.due).toBe(1_000);
  });
});

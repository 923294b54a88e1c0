import { cleanup, render, screen } from '@testing-library/react';
import { QueryClient, QueryObserver } from '@tanstack/react-query';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { LivePaceNote } from './live-pace-note.tsx';
import { LIVE_LOG_BUDGET_BYTES_PER_MINUTE, logSyncQueryOptions, type LogSyncResult } from './log-source.ts';

afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

describe('LivePaceNote', () => {
  it('says nothing while a running log keeps the usual pace', () => {
    render(<LivePaceNote bytes={1_500_000} activeMs={5_000} />);
    expect(screen.queryByRole('status')).toBeNull();
  });

  it('says how often a big running log is checked and why', () => {
    render(<LivePaceNote bytes={50_000_000} activeMs={5_000} />);
    expect(screen.getByRole('status').textContent).toBe(
      'Updates every 1m 40s instead of every 5s: GitLab sends the whole log (50 MB) at each update, so a log this big is checked less often (at most about 30 MB a minute).',
    );
  });
});

// TanStack Query polls only in a browser-like environment (this file runs in jsdom).
describe('following a running log on a fake clock', () => {
  const MB = 1_000_000;
  const poll = { activeMs: 5_000, idleMs: 30_000 };

  /**
   * The query itself on a fake clock: a running log that grows by `growth` bytes a minute from
   * `start` bytes, each poll downloading it whole; the bytes downloaded per minute of clock.
   */
  async function follow(start: number, growthPerMinute: number, minutes: number) {
    vi.useFakeTimers();
    const began = Date.now();
    const downloads: number[] = [];
    const fake = {
      id: -2,
      describe: () => ({ connection: { host: 'http://sim.test', token: 't' }, project: 1, jobId: 2 }),
      sync: (): Promise<LogSyncResult> => {
        const bytes = Math.round(start + ((Date.now() - began) / 60_000) * growthPerMinute);
        downloads.push(bytes);
        return Promise.resolve({ length: bytes, syncedAt: Date.now(), bytes });
      },
    };
    const client = new QueryClient();
    const observer = new QueryObserver(client, logSyncQueryOptions(fake, { jobStatus: 'running', poll }));
    const stop = observer.subscribe(() => undefined);
    try {
      await vi.advanceTimersByTimeAsync(minutes * 60_000);
    } finally {
      stop();
      client.clear();
    }
    // Following the log: every download after the first load.
    const following = downloads.slice(1).reduce((a, b) => a + b, 0);
    return { polls: downloads.length, perMinute: following / minutes };
  }

  it('costs at most the budget a minute while a 50 MB log grows (fake clock)', async () => {
    const { polls, perMinute } = await follow(50 * MB, 1 * MB, 30);
    expect(perMinute).toBeLessThanOrEqual(LIVE_LOG_BUDGET_BYTES_PER_MINUTE);
    // Still followed, close to the budget: an update every 100 s at 50 MB, 160 s at 80 MB.
    expect(perMinute).toBeGreaterThan(0.8 * LIVE_LOG_BUDGET_BYTES_PER_MINUTE);
    expect(polls).toBeGreaterThanOrEqual(12);
  });

  it('still updates a small running log every few seconds (fake clock)', async () => {
    const { polls } = await follow(200_000, 100_000, 1);
    // The first load, then one poll every 5 s for a minute.
    expect(polls).toBeGreaterThanOrEqual(12);
    expect(polls).toBeLessThanOrEqual(13);
  });
});

import { describe, expect, it } from 'vitest';
import { createRequestPacer, RATE_LIMIT_PAUSE_MS, retryAfterMs, type PacerClock } from './pacer.ts';

/** A fake clock whose timers run when `advance` passes them. */
function fakeClock() {
  let now = 0;
  let timers: { at: number; fn: () => void; id: number }[] = [];
  let nextId = 1;
  const clock: PacerClock = {
    now: () => now,
    setTimeout: (fn, ms) => {
      const id = nextId++;
      timers.push({ at: now + ms, fn, id });
      return id;
    },
    clearTimeout: (h) => {
      timers = timers.filter((t) => t.id !== h);
    },
  };
  const advance = async (ms: number) => {
    const until = now + ms;
    for (;;) {
      timers.sort((a, b) => a.at - b.at);
      const t = timers[0];
      if (!t || t.at > until) break;
      timers.shift();
      now = t.at;
      t.fn();
      await Promise.resolve();
      await Promise.resolve();
    }
    now = until;
    await Promise.resolve();
  };
  return { clock, advance, now: () => now };
}

function countingFetch(status = 200, headers: Record<string, string> = {}) {
  const calls: number[] = [];
  const clockRef: { now: () => number } = { now: () => 0 };
  const fetch = (): Promise<Response> => {
    calls.push(clockRef.now());
    return Promise.resolve(new Response('[]', { status, headers }));
  };
  return { fetch, calls, clockRef };
}

describe('the request pacer', () => {
  it('lets a burst through, then never more than the rate, however many are asked', async () => {
    const { clock, advance, now } = fakeClock();
    const pacer = createRequestPacer({ ratePerMinute: 60, burst: 5, clock });
    const f = countingFetch();
    f.clockRef.now = now;
    const paced = pacer.wrap(f.fetch);
    const all = Array.from({ length: 65 }, () => paced('https://gitlab.test/api/v4/x'));
    await advance(0);
    expect(f.calls.length).toBe(5);
    await advance(60_000);
    // 5 saved up + 60 a minute.
    expect(f.calls.length).toBe(65);
    await Promise.all(all);
    for (let t = 1_000; t <= 60_000; t += 1_000) expect(f.calls.filter((c) => c > 0 && c <= t).length).toBeLessThanOrEqual(t / 1_000);
    expect(pacer.stats().sent).toBe(65);
  });

  it('stops the whole wall after a 429 for its Retry-After when readable, else a minute', async () => {
    const { clock, advance, now } = fakeClock();
    const pacer = createRequestPacer({ ratePerMinute: 600, burst: 10, clock });
    let status = 429;
    const calls: number[] = [];
    const paced = pacer.wrap(() => {
      calls.push(now());
      return Promise.resolve(new Response('Retry later', { status, headers: status === 429 ? {} : {} }));
    });
    await paced('x');
    expect(pacer.stats().pausedUntil).toBe(RATE_LIMIT_PAUSE_MS);
    status = 200;
    const waiting = [paced('x'), paced('x')];
    await advance(59_000);
    expect(calls.length).toBe(1);
    await advance(2_000);
    await Promise.all(waiting);
    expect(calls.length).toBe(3);
    expect(calls[1]).toBeGreaterThanOrEqual(60_000);

    const readable = createRequestPacer({ ratePerMinute: 600, burst: 10, clock });
    await readable.wrap(() => Promise.resolve(new Response('', { status: 429, headers: { 'Retry-After': '7' } })))('x');
    expect(readable.stats().pausedUntil).toBe(now() + 7_000);
  });

  it('drops a waiting request whose signal aborts, and everything on dispose', async () => {
    const { clock, advance } = fakeClock();
    const pacer = createRequestPacer({ ratePerMinute: 60, burst: 0, clock });
    const paced = pacer.wrap(() => Promise.resolve(new Response('[]')));
    const controller = new AbortController();
    const aborted = paced('x', { signal: controller.signal });
    controller.abort(new DOMException('gone', 'AbortError'));
    await expect(aborted).rejects.toMatchObject({ name: 'AbortError' });
    const left = paced('x');
    pacer.dispose();
    await expect(left).rejects.toMatchObject({ name: 'AbortError' });
    await advance(5_000);
    expect(pacer.stats().sent).toBe(0);
  });

  it('reads Retry-After as seconds or a date', () => {
    expect(retryAfterMs('30', 0)).toBe(30_000);
    expect(retryAfterMs('Thu, 01 Jan 1970 00:01:00 GMT', 0)).toBe(60_000);
    expect(retryAfterMs(null, 0)).toBeUndefined();
    expect(retryAfterMs('soon', 0)).toBeUndefined();
  });
});

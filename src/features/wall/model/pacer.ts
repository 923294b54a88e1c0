/**
 * The wall's request budget as a FetchLike: every request of the wall waits for a token from one
 * bucket (`ratePerMinute` tokens a minute, at most `burst` saved up), so the wall can never ask
 * GitLab more often than that, whatever its tiles do. A 429 stops the whole wall (GitLab limits a
 * user, not a tile) until its `Retry-After` when the browser can read it (a same-origin proxy),
 * else for RATE_LIMIT_PAUSE_MS. Time and timers are injected, so tests run on a fake clock.
 */
import type { FetchLike } from '../../../gitlab/index.ts';

/** After a 429 whose Retry-After the browser cannot read (GitLab's CORS hides it). */
export const RATE_LIMIT_PAUSE_MS = 60_000;

export interface PacerClock {
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export interface PacerOptions {
  ratePerMinute: number;
  burst: number;
  clock?: PacerClock;
}

export interface PacerStats {
  /** Requests sent to GitLab. */
  sent: number;
  /** Requests waiting for a token. */
  waiting: number;
  /** While a 429 holds the wall (ms), else 0. */
  pausedUntil: number;
}

export interface RequestPacer {
  /** Wraps a fetch: the same requests, paced. */
  wrap(fetch: FetchLike): FetchLike;
  stats(): PacerStats;
  /** Drops every waiting request (the wall closed). */
  dispose(): void;
}

const realClock: PacerClock = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => globalThis.setTimeout(fn, ms),
  clearTimeout: (h) => globalThis.clearTimeout(h as ReturnType<typeof setTimeout>),
};

/** `Retry-After` in ms (seconds or an HTTP date); undefined when absent or unreadable. */
export function retryAfterMs(value: string | null, now: number): number | undefined {
  const text = value?.trim();
  if (!text) return undefined;
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  const at = Date.parse(text);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

interface Waiter {
  resolve: () => void;
  reject: (e: unknown) => void;
  signal: AbortSignal | undefined;
  onAbort: () => void;
}

export function createRequestPacer({ ratePerMinute, burst, clock = realClock }: PacerOptions): RequestPacer {
  const perTokenMs = 60_000 / ratePerMinute;
  let tokens = burst;
  let last = clock.now();
  let pausedUntil = 0;
  let sent = 0;
  let timer: unknown = null;
  const queue: Waiter[] = [];

  const refill = (): void => {
    const now = clock.now();
    tokens = Math.min(burst, tokens + (now - last) / perTokenMs);
    last = now;
  };

  const pump = (): void => {
    if (timer !== null) return;
    refill();
    const now = clock.now();
    while (queue.length > 0 && now >= pausedUntil && tokens >= 1) {
      const w = queue.shift();
      if (!w) break;
      tokens -= 1;
      w.signal?.removeEventListener('abort', w.onAbort);
      w.resolve();
    }
    if (queue.length === 0) return;
    const wait = Math.max(pausedUntil - now, tokens >= 1 ? 0 : (1 - tokens) * perTokenMs, 1);
    timer = clock.setTimeout(() => {
      timer = null;
      pump();
    }, Math.ceil(wait));
  };

  const take = (signal: AbortSignal | undefined): Promise<void> =>
    new Promise((resolve, reject) => {
      if (signal?.aborted) {
        reject(signal.reason);
        return;
      }
      const w: Waiter = {
        resolve,
        reject,
        signal,
        onAbort: () => {
          const i = queue.indexOf(w);
          if (i >= 0) queue.splice(i, 1);
          reject(signal?.reason);
        },
      };
      signal?.addEventListener('abort', w.onAbort, { once: true });
      queue.push(w);
      pump();
    });

  return {
    wrap(fetch) {
      return async (input, init) => {
        await take(init?.signal ?? undefined);
        sent++;
        const response = await fetch(input, init);
        if (response.status === 429) {
          const now = clock.now();
          pausedUntil = Math.max(pausedUntil, now + (retryAfterMs(response.headers.get('retry-after'), now) ?? RATE_LIMIT_PAUSE_MS));
          // Nothing saved up survives a 429: after the pause, requests come one a token.
          tokens = 0;
          last = now;
        }
        return response;
      };
    },
    stats: () => ({ sent, waiting: queue.length, pausedUntil: pausedUntil > clock.now() ? pausedUntil : 0 }),
    dispose() {
      if (timer !== null) clock.clearTimeout(timer);
      timer = null;
      for (const w of queue.splice(0)) {
        w.signal?.removeEventListener('abort', w.onAbort);
        w.reject(new DOMException('The wall was closed', 'AbortError'));
      }
    },
  };
}

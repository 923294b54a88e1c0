/**
 * Where a job's log comes from: the trace endpoint, read as a stream into the log index (a
 * worker once the log is big), then polled while the job is active, as a TanStack query that
 * follows the one fault policy of src/gitlab/polling.ts. GitLab sends the whole log
 * on every call, so each poll is compared with what was parsed (log-sync.ts): only an appended
 * tail is parsed; a log that shrank or changed (erased, retried) is parsed anew.
 *
 * The text itself never lands in React state: the page holds only the summary (line count,
 * sections) and asks the index for the lines it shows.
 */
import { queryOptions } from '@tanstack/react-query';
import { createListeners } from '../../config/index.ts';
import { bandwidthIntervalMs, fetchJobTraceResponse, gitlabKeys, statusRefetchInterval, type Connection, type PolledQuery, type PollIntervals, type ProjectRef } from '../../gitlab/index.ts';
import { createLogClient, type LogClient, type LogClientOptions } from './model/log-worker-client.ts';
import type { LogSummary } from './model/log-protocol.ts';
import { EMPTY_FINGERPRINT, diffFullLog, extendFingerprint, fingerprintOf, type LogFingerprint } from './model/log-sync.ts';

export const EMPTY_SUMMARY: LogSummary = Object.freeze({ lineCount: 0, length: 0, hasTimestamps: false, sections: [] });

export interface LogSourceState {
  /** 'loading' until the first answer; 'error' when the first load failed. */
  phase: 'loading' | 'ready' | 'error';
  summary: LogSummary;
  /** Bumped whenever the log was replaced rather than appended to. */
  generation: number;
  /** The latest failure: fatal in phase 'error', otherwise the data is stale. */
  error: unknown;
  /** The first body is still arriving (lines already shown are its head). */
  streaming: boolean;
  /** When the log on screen was last confirmed by GitLab (ms). */
  updatedAt: number;
}

/** What one sync leaves in the query cache: the log's size and when GitLab confirmed it. */
export interface LogSyncResult {
  length: number;
  syncedAt: number;
  /** Bytes GitLab sent for the log at this sync (the whole log: the endpoint has no offset). */
  bytes: number;
}

export interface LogSourceOptions {
  connection: Connection;
  project: ProjectRef;
  jobId: number;
  client?: LogClientOptions;
  /** Chars handed to the index at once while the first body streams in. */
  batchChars?: number;
}

const DEFAULT_BATCH = 2_000_000;
const UI_EVERY_MS = 250;
const FIRST_PIECE = 256_000;
const FIRST_SCREEN_GRACE_MS = 100;

let nextSourceId = 1;

/**
 * A live log: `start()` opens its index, `sync()` loads it (the first body streamed in, later
 * ones compared with what was parsed). It has no timer of its own: `logSyncQueryOptions` makes
 * each sync a TanStack query, so the log polls by the same fault policy as every other query
 * (polling.ts: backoff with jitter, Retry-After, hidden-tab pause, no request with an expired
 * token) and shows in the same connection health.
 */
export class JobLogSource {
  /** Tells one mount's source from the next in the query key. */
  readonly id = nextSourceId++;
  private state: LogSourceState = { phase: 'loading', summary: EMPTY_SUMMARY, generation: 0, error: null, streaming: false, updatedAt: 0 };
  private readonly listeners = createListeners();
  private clientRef: LogClient | null = null;
  private fingerprint: LogFingerprint = EMPTY_FINGERPRINT;
  private abort: AbortController | null = null;
  private loading: Promise<void> | null = null;
  private lastBytes = 0;

  constructor(private readonly options: LogSourceOptions) {}

  subscribe = (listener: () => void): (() => void) => this.listeners.subscribe(listener);

  getState = (): LogSourceState => this.state;

  /** Where this log comes from (for its query key). */
  describe(): Pick<LogSourceOptions, 'connection' | 'project' | 'jobId'> {
    const { connection, project, jobId } = this.options;
    return { connection, project, jobId };
  }

  /** The index client (null before start and after stop). */
  get client(): LogClient | null {
    return this.clientRef;
  }

  /** Opens the index (a worker once the log is big). Loading is `sync()`'s. */
  start(): void {
    if (this.clientRef) return;
    this.clientRef = createLogClient({ mode: 'auto', ...this.options.client });
    this.fingerprint = EMPTY_FINGERPRINT;
    this.set({ phase: 'loading', summary: EMPTY_SUMMARY, generation: this.state.generation + 1, error: null, streaming: false });
  }

  stop(): void {
    this.abort?.abort();
    this.abort = null;
    this.clientRef?.dispose();
    this.clientRef = null;
    this.loading = null;
  }

  /**
   * Loads the log once and brings the index up to date; rejects with what the transport threw
   * (the data on screen stays). A call while one runs waits for it first, so two never overlap.
   */
  async sync(signal?: AbortSignal): Promise<LogSyncResult> {
    const before = this.loading;
    if (before) await before.catch(() => undefined);
    const run = this.load(signal);
    this.loading = run;
    try {
      await run;
    } finally {
      if (this.loading === run) this.loading = null;
    }
    return { length: this.state.summary.length, syncedAt: this.state.updatedAt, bytes: this.lastBytes };
  }

  private set(patch: Partial<LogSourceState>): void {
    this.state = { ...this.state, ...patch };
    this.listeners.notify();
  }

  private async load(signal?: AbortSignal): Promise<void> {
    const client = this.clientRef;
    if (!client) return;
    const abort = new AbortController();
    const onAbort = () => abort.abort(signal?.reason);
    if (signal?.aborted) onAbort();
    signal?.addEventListener('abort', onAbort, { once: true });
    this.abort = abort;
    const { connection, project, jobId } = this.options;
    try {
      const response = await fetchJobTraceResponse(connection, project, jobId, abort.signal);
      // A big log says so before its body (bytes ≥ chars): its worker can start loading now.
      const announced = Number(response.headers.get('content-length'));
      if (announced > 0) client.expectLength(announced);
      if (this.fingerprint.length === 0) await this.streamFirst(client, response);
      else {
        const body = await response.arrayBuffer();
        this.lastBytes = body.byteLength;
        await this.applyFull(client, new TextDecoder().decode(body));
      }
      if (this.clientRef !== client) return;
      this.set({ phase: 'ready', error: null, streaming: false, updatedAt: Date.now() });
    } catch (error) {
      if (abort.signal.aborted || this.clientRef !== client) throw error;
      this.set({ phase: this.state.phase === 'loading' ? 'error' : this.state.phase, error, streaming: false });
      throw error;
    } finally {
      signal?.removeEventListener('abort', onAbort);
      if (this.abort === abort) this.abort = null;
    }
  }

  /**
   * Nothing parsed yet: hand the body to the index as it arrives, so its head shows at once.
   * One append is in flight at a time (the rest gathers meanwhile), so that the viewer's own
   * requests (rows, lines) never wait behind the whole body; the screen is updated at most
   * every UI_EVERY_MS while the body streams in.
   */
  private async streamFirst(client: LogClient, response: Response): Promise<void> {
    const batch = this.options.batchChars ?? DEFAULT_BATCH;
    const reader = response.body?.getReader();
    if (!reader) {
      const body = await response.arrayBuffer();
      this.lastBytes = body.byteLength;
      await this.applyFull(client, new TextDecoder().decode(body));
      return;
    }
    this.lastBytes = 0;
    const decoder = new TextDecoder();
    // Decoded chunks in arrival order (TextDecoder never splits a character between them):
    // joined a piece at a time, never into one big string on this thread.
    const queue: string[] = [];
    let queued = 0;
    let done = false;
    const signal: { wake: (() => void) | null } = { wake: null };
    let shownAt = 0;
    let firstChunk = true;
    const reading = (async () => {
      try {
        for (;;) {
          const chunk = await reader.read();
          if (firstChunk && !chunk.done) {
            firstChunk = false;
            performance.mark?.('job-log:first-chunk');
          }
          if (!chunk.done) this.lastBytes += chunk.value.byteLength;
          const text = chunk.done ? decoder.decode() : decoder.decode(chunk.value, { stream: true });
          if (text.length > 0) {
            queue.push(text);
            queued += text.length;
          }
          if (chunk.done) break;
          signal.wake?.();
        }
      } finally {
        done = true;
        signal.wake?.();
      }
    })();
    // The pump: pieces of about `batch` chars, one append in flight at a time.
    for (;;) {
      // A small first piece: the head shows while the rest still downloads.
      const limit = shownAt === 0 ? Math.min(batch, FIRST_PIECE) : batch;
      if (queued >= limit || (done && queued > 0)) {
        let take = 0;
        let size = 0;
        while (take < queue.length && (size < limit || take === 0)) size += queue[take++]?.length ?? 0;
        const parts = queue.splice(0, take);
        queued -= size;
        const piece = parts.length === 1 ? (parts[0] ?? '') : parts.join('');
        this.fingerprint = extendFingerprint(this.fingerprint, piece);
        const summary = await client.append(piece);
        if (this.clientRef !== client) return;
        const last = done && queued === 0;
        const now = Date.now();
        if (last || shownAt === 0 || now - shownAt >= UI_EVERY_MS) {
          const first = shownAt === 0;
          if (first) performance.mark?.('job-log:first-summary');
          shownAt = now;
          this.set({ summary, phase: 'ready', streaming: !last });
          // The head is indexed on this thread: give the viewer a moment to ask for its first
          // screen before the next piece (which may move the index to the worker) goes ahead.
          if (first && !last) await new Promise((resolve) => setTimeout(resolve, FIRST_SCREEN_GRACE_MS));
        }
        continue;
      }
      if (done) break;
      await new Promise<void>((resolve) => {
        signal.wake = resolve;
      });
      signal.wake = null;
    }
    await reading;
    if (this.state.streaming && this.clientRef === client) this.set({ streaming: false });
    // For the bench: the whole first body is indexed.
    if (typeof performance !== 'undefined') performance.mark?.('job-log:indexed');
  }

  private async applyFull(client: LogClient, text: string): Promise<void> {
    const update = diffFullLog(this.fingerprint, text);
    if (update.kind === 'same') return;
    if (update.kind === 'append') {
      this.fingerprint = extendFingerprint(this.fingerprint, update.tail);
      const summary = await client.append(update.tail);
      if (this.clientRef === client) this.set({ summary });
      return;
    }
    this.fingerprint = fingerprintOf(update.text);
    const summary = await client.replace(update.text);
    if (this.clientRef === client) this.set({ summary, generation: this.state.generation + 1 });
  }
}

export interface LogSyncOptions {
  /** The job's current status: the log is polled while it is active (queued or running). */
  jobStatus: string | null | undefined;
  /** Refresh intervals (config.json's `refresh`); without them the log loads once. */
  poll?: PollIntervals;
}

/**
 * What following a running log may cost: GitLab sends the whole log at every poll, so a 50 MB
 * log polled every 5 s would cost 600 MB a minute. The poll interval grows with the log so that
 * following it costs at most this (a log under 2.5 MB still updates at the normal interval).
 */
export const LIVE_LOG_BUDGET_BYTES_PER_MINUTE = 30_000_000;

export interface LiveLogPace {
  /** The interval between two polls while all is well (ms). */
  intervalMs: number;
  /** True when the log's size, not the configured interval, sets the pace. */
  slowed: boolean;
}

/**
 * How often a running log of `bytes` (growing by `growthBytesPerMinute`) is polled, given the
 * configured active interval.
 */
export function liveLogPace(bytes: number, activeMs: number, growthBytesPerMinute = 0, budgetBytesPerMinute = LIVE_LOG_BUDGET_BYTES_PER_MINUTE): LiveLogPace {
  const floor = bandwidthIntervalMs(bytes, budgetBytesPerMinute, growthBytesPerMinute);
  return floor > activeMs ? { intervalMs: floor, slowed: true } : { intervalMs: activeMs, slowed: false };
}

// The two latest syncs per query, for the log's growth between them.
const recentSyncs = new WeakMap<object, { last: LogSyncResult; previous: LogSyncResult | null }>();

/** How fast the log grew between the query's last two syncs (bytes a minute; 0 when unknown). */
export function logGrowthPerMinute(query: PolledQuery<LogSyncResult>): number {
  const data = query.state.data;
  if (!data) return 0;
  const seen = recentSyncs.get(query);
  const recent = !seen ? { last: data, previous: null } : seen.last === data ? seen : { last: data, previous: seen.last };
  recentSyncs.set(query, recent);
  const { previous } = recent;
  if (!previous || data.syncedAt <= previous.syncedAt || data.bytes <= previous.bytes) return 0;
  return ((data.bytes - previous.bytes) / (data.syncedAt - previous.syncedAt)) * 60_000;
}

/**
 * The log's sync as a query: one fetch per poll, at the job's interval while it is active and not
 * at all once it finished, with the fault policy of every poll, and never more often than the
 * bandwidth budget allows for the log's size (liveLogPace). Keyed under the job's trace, one
 * entry per source (mount), dropped as soon as the page leaves.
 */
export function logSyncQueryOptions(source: Pick<JobLogSource, 'id' | 'describe' | 'sync'>, options: LogSyncOptions) {
  const { connection, project, jobId } = source.describe();
  const { jobStatus, poll } = options;
  const byStatus = statusRefetchInterval<LogSyncResult>(() => [jobStatus], { activeMs: poll?.activeMs ?? 5_000, idleMs: poll?.idleMs ?? 30_000, finishedMs: false });
  const refetchInterval = (query: PolledQuery<LogSyncResult>): number | false => {
    const delay = byStatus(query);
    if (delay === false) return false;
    return Math.max(delay, bandwidthIntervalMs(query.state.data?.bytes ?? 0, LIVE_LOG_BUDGET_BYTES_PER_MINUTE, logGrowthPerMinute(query)));
  };
  return queryOptions({
    queryKey: [...gitlabKeys.jobTrace(connection, project, jobId), 'live', source.id],
    queryFn: ({ signal }) => source.sync(signal),
    refetchInterval: poll ? refetchInterval : false,
    // A focus or a remount within the pace would download the whole log again: not before then.
    staleTime: (query) => bandwidthIntervalMs(query.state.data?.bytes ?? 0, LIVE_LOG_BUDGET_BYTES_PER_MINUTE),
    // Each poll is the retry (the fault policy of statusPolling).
    retry: false,
    gcTime: 0,
    // The log itself is in the index; the query only holds the sync's result.
    structuralSharing: false,
  });
}

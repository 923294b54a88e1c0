/**
 * Where a job's log comes from: the trace endpoint, read as a stream into the log index (a
 * worker once the log is big), then polled while the job is active. GitLab sends the whole log
 * on every call, so each poll is compared with what was parsed (log-sync.ts): only an appended
 * tail is parsed; a log that shrank or changed (erased, retried) is parsed anew.
 *
 * The text itself never lands in React state: the page holds only the summary (line count,
 * sections) and asks the index for the lines it shows.
 */
import { fetchJobTraceResponse, type Connection, type ProjectRef } from '../../gitlab/index.ts';
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

/** A live log: `start()` loads it, `setPolling()` keeps it fresh while the job is active. */
export class JobLogSource {
  private state: LogSourceState = { phase: 'loading', summary: EMPTY_SUMMARY, generation: 0, error: null, streaming: false, updatedAt: 0 };
  private listeners = new Set<() => void>();
  private clientRef: LogClient | null = null;
  private fingerprint: LogFingerprint = EMPTY_FINGERPRINT;
  private abort: AbortController | null = null;
  private loading: Promise<void> | null = null;
  private pollMs: number | false = false;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private running = false;
  private finalLoadDone = false;

  constructor(private readonly options: LogSourceOptions) {}

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getState = (): LogSourceState => this.state;

  /** The index client (null before start and after stop). */
  get client(): LogClient | null {
    return this.clientRef;
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    if (!this.clientRef) {
      this.clientRef = createLogClient({ mode: 'auto', ...this.options.client });
      this.fingerprint = EMPTY_FINGERPRINT;
      this.set({ phase: 'loading', summary: EMPTY_SUMMARY, generation: this.state.generation + 1, error: null, streaming: false });
    }
    void this.refresh();
  }

  stop(): void {
    this.running = false;
    this.abort?.abort();
    this.abort = null;
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
    this.clientRef?.dispose();
    this.clientRef = null;
    this.loading = null;
    if (typeof document !== 'undefined') document.removeEventListener('visibilitychange', this.handleVisible);
  }

  /**
   * Poll every `intervalMs` while the job is active; `false` once it finished (one last load
   * then fetches the complete log, and polling ends).
   */
  setPolling(intervalMs: number | false): void {
    const was = this.pollMs;
    this.pollMs = intervalMs;
    if (intervalMs === false) {
      if (was !== false && !this.finalLoadDone) {
        this.finalLoadDone = true;
        void this.refresh();
      }
      if (this.timer !== null) clearTimeout(this.timer);
      this.timer = null;
      return;
    }
    this.finalLoadDone = false;
    if (was === false && this.loading === null && this.state.phase !== 'loading') this.schedule();
  }

  /** Loads the log now (joins a load already under way). */
  refresh(): Promise<void> {
    if (!this.running) return Promise.resolve();
    if (this.loading) return this.loading;
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
    const run = this.load().finally(() => {
      this.loading = null;
      this.schedule();
    });
    this.loading = run;
    return run;
  }

  private handleVisible = (): void => {
    if (!document.hidden) {
      document.removeEventListener('visibilitychange', this.handleVisible);
      void this.refresh();
    }
  };

  private schedule(): void {
    if (!this.running || this.pollMs === false || this.timer !== null) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      // A hidden tab does not poll; it catches up when shown again.
      if (typeof document !== 'undefined' && document.hidden) {
        document.addEventListener('visibilitychange', this.handleVisible);
        return;
      }
      void this.refresh();
    }, this.pollMs);
  }

  private set(patch: Partial<LogSourceState>): void {
    this.state = { ...this.state, ...patch };
    for (const l of this.listeners) l();
  }

  private async load(): Promise<void> {
    const client = this.clientRef;
    if (!client) return;
    const abort = new AbortController();
    this.abort = abort;
    const { connection, project, jobId } = this.options;
    try {
      const response = await fetchJobTraceResponse(connection, project, jobId, abort.signal);
      if (this.fingerprint.length === 0) await this.streamFirst(client, response);
      else await this.applyFull(client, await response.text());
      if (this.clientRef !== client) return;
      this.set({ phase: 'ready', error: null, streaming: false, updatedAt: Date.now() });
    } catch (error) {
      if (abort.signal.aborted || this.clientRef !== client) return;
      this.set({ phase: this.state.phase === 'loading' ? 'error' : this.state.phase, error, streaming: false });
    } finally {
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
      await this.applyFull(client, await response.text());
      return;
    }
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

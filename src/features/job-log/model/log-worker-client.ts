/**
 * The viewer's handle on the log index. Small logs are indexed on the same thread; once the
 * log passes `workerThreshold` chars (and Web Workers exist) the index moves to a worker,
 * rebuilt there from the text once, so a big log never blocks the page.
 */
import { createLogIndex } from './log-index.ts';
import {
  handleLogRequest,
  type LogLine,
  type LogRequest,
  type LogResult,
  type LogSummary,
  type LogWireRequest,
  type LogWireResponse,
} from './log-protocol.ts';
import { EMPTY_FINGERPRINT, diffFullLog, extendFingerprint, fingerprintOf, type LogFingerprint } from './log-sync.ts';
import type { LineHtmlOptions } from './line-text.ts';
import type { SearchOptions, SearchResult } from './search.ts';

/** What the client needs of a Worker (tests may pass a fake). */
export interface WorkerLike {
  postMessage(message: LogWireRequest): void;
  addEventListener(type: 'message', listener: (event: MessageEvent<LogWireResponse>) => void): void;
  addEventListener(type: 'error', listener: (event: ErrorEvent) => void): void;
  terminate(): void;
}

export interface LogClientOptions {
  /** 'auto' (default): same thread until the log passes workerThreshold, then a worker. */
  mode?: 'auto' | 'worker' | 'inline';
  /** Chars after which 'auto' moves to a worker (default 1 MB). */
  workerThreshold?: number;
  createWorker?: () => WorkerLike;
  /**
   * 'auto' only: start the worker ahead of the move (it stays idle until the threshold), so that
   * a log that turns out big does not wait for the worker to load when it moves there, while
   * its head is still indexed and shown on this thread at once. Not at once: a log that stays
   * small never loads the worker's code (issue 18: a page's first JavaScript). The worker starts
   * when the log reaches `prewarmAt` chars, or when `expectLength` says it will.
   */
  prewarm?: boolean;
  /** Chars at which a prewarmed client starts its worker (default a quarter of workerThreshold). */
  prewarmAt?: number;
}

export interface LogClient {
  readonly mode: 'worker' | 'inline';
  /** Feed the whole body of a poll: the appended tail is detected and only it is parsed. */
  sync(fullLog: string): Promise<LogSummary>;
  append(tail: string): Promise<LogSummary>;
  replace(text: string): Promise<LogSummary>;
  reset(): Promise<LogSummary>;
  /** `html`: the options each line's `html` is made with (the viewer's palette). */
  lines(from: number, to: number, html?: LineHtmlOptions): Promise<LogLine[]>;
  search(query: string, options?: SearchOptions): Promise<SearchResult>;
  failures(): Promise<Uint32Array>;
  /** Visible rows (line numbers) with these sections collapsed; see folding.ts. */
  rows(collapsed: number[], hideMarkerLines?: boolean): Promise<Uint32Array>;
  /** The log will be about this long (a response's Content-Length): a prewarmed client starts its worker now if that reaches `prewarmAt`. */
  expectLength(chars: number): void;
  dispose(): void;
}

export const DEFAULT_WORKER_THRESHOLD = 1_000_000;

function defaultCreateWorker(): WorkerLike | null {
  if (typeof Worker === 'undefined') return null;
  return new Worker(new URL('./log-worker.ts', import.meta.url), { type: 'module' }) as unknown as WorkerLike;
}

class WorkerChannel {
  private nextId = 1;
  private pending = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();

  constructor(private readonly worker: WorkerLike) {
    worker.addEventListener('message', (event: MessageEvent<LogWireResponse>) => {
      const data = event.data;
      const waiter = this.pending.get(data.id);
      if (!waiter) return;
      this.pending.delete(data.id);
      if (data.ok) waiter.resolve(data.result);
      else waiter.reject(new Error(data.error));
    });
    worker.addEventListener('error', (event: ErrorEvent) => {
      const error = new Error(`Log worker failed: ${event.message}`);
      for (const waiter of this.pending.values()) waiter.reject(error);
      this.pending.clear();
    });
  }

  send<T extends LogRequest>(request: T): Promise<LogResult<T['type']>> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
      this.worker.postMessage({ id, request });
    });
  }

  terminate(): void {
    this.worker.terminate();
    const error = new Error('Log worker disposed');
    for (const waiter of this.pending.values()) waiter.reject(error);
    this.pending.clear();
  }
}

/** A log client; see LogClientOptions for where the index lives. */
export function createLogClient(options: LogClientOptions = {}): LogClient {
  const requested = options.mode ?? 'auto';
  const threshold = options.workerThreshold ?? DEFAULT_WORKER_THRESHOLD;
  const makeWorker = options.createWorker ?? defaultCreateWorker;
  let inline: ReturnType<typeof createLogIndex> | null = createLogIndex();
  let channel: WorkerChannel | null = null;
  let fingerprint: LogFingerprint = EMPTY_FINGERPRINT;
  // Requests run in order even while the index moves to the worker.
  let queue: Promise<unknown> = Promise.resolve();

  const prewarmAt = options.prewarmAt ?? Math.floor(threshold / 4);
  let warm: WorkerLike | null = null;
  let canWarm = requested === 'auto' && options.prewarm === true;
  const warmUp = (chars: number) => {
    if (!canWarm || !inline || chars < prewarmAt) return;
    canWarm = false;
    warm = makeWorker();
  };
  const startWorker = (): boolean => {
    const worker = warm ?? makeWorker();
    warm = null;
    if (!worker) return false;
    channel = new WorkerChannel(worker);
    return true;
  };

  if (requested === 'worker' && startWorker()) inline = null;

  const run = <T extends LogRequest>(request: T): Promise<LogResult<T['type']>> => {
    const next = queue.then(async () => {
      if (inline && request.type === 'append') warmUp(inline.length + request.text.length);
      if (inline && requested === 'auto' && request.type === 'append' && inline.length + request.text.length > threshold && startWorker()) {
        // Move: the worker rebuilds the index from the text once, then owns it.
        const text = inline.text();
        inline = null;
        await channel?.send({ type: 'replace', text });
      }
      if (inline) return handleLogRequest(inline, request);
      if (!channel) throw new Error('Log client has no index');
      return channel.send(request);
    });
    queue = next.catch(() => undefined);
    return next as Promise<LogResult<T['type']>>;
  };

  return {
    get mode() {
      return inline ? 'inline' : 'worker';
    },
    sync(fullLog) {
      const update = diffFullLog(fingerprint, fullLog);
      if (update.kind === 'append') {
        fingerprint = extendFingerprint(fingerprint, update.tail);
        return run({ type: 'append', text: update.tail });
      }
      if (update.kind === 'replace') {
        fingerprint = fingerprintOf(update.text);
        return run({ type: 'replace', text: update.text });
      }
      return run({ type: 'append', text: '' });
    },
    append(tail) {
      fingerprint = extendFingerprint(fingerprint, tail);
      return run({ type: 'append', text: tail });
    },
    replace(text) {
      fingerprint = fingerprintOf(text);
      return run({ type: 'replace', text });
    },
    reset() {
      fingerprint = EMPTY_FINGERPRINT;
      return run({ type: 'reset' });
    },
    lines(from, to, html) {
      return run(html ? { type: 'lines', from, to, html } : { type: 'lines', from, to });
    },
    search(query, searchOptions = {}) {
      return run({ type: 'search', query, options: searchOptions });
    },
    failures() {
      return run({ type: 'failures' });
    },
    rows(collapsed, hideMarkerLines = true) {
      return run({ type: 'rows', collapsed, hideMarkerLines });
    },
    expectLength(chars) {
      warmUp(chars);
    },
    dispose() {
      canWarm = false;
      channel?.terminate();
      channel = null;
      warm?.terminate();
      warm = null;
      inline = null;
    },
  };
}

/**
 * The lines the viewer has asked the index for, kept while they are near the screen. The index
 * (often in a worker) owns the log; the page only ever holds a few screens of converted lines.
 */
import { createListeners } from '../../config/index.ts';
import type { LogClient } from './model/log-worker-client.ts';
import type { LineHtmlOptions } from './model/line-text.ts';
import type { LogLine } from './model/log-protocol.ts';

/** Drop everything once this many lines are cached (a few hundred screens). */
const MAX_CACHED = 6000;
/**
 * After an append, the index re-parses its last, incomplete raw line, which may come back as
 * several display lines: lines this close to the old end are asked for again.
 */
const REFRESH_TAIL = 64;

export class LineCache {
  private lines = new Map<number, LogLine>();
  private inFlight = new Set<number>();
  private readonly listeners = createListeners();
  private version = 0;
  private epoch = 0;

  /**
   * `html`: the options the index makes each line's HTML with (the viewer's palette), so that
   * the page draws an unmarked line from it and never runs ansi-to-html itself.
   */
  constructor(
    private client: LogClient | null = null,
    private readonly html?: LineHtmlOptions,
  ) {}

  subscribe = (listener: () => void): (() => void) => this.listeners.subscribe(listener);

  getVersion = (): number => this.version;

  get(line: number): LogLine | undefined {
    return this.lines.get(line);
  }

  /** A new client or a replaced log: nothing cached is valid any more. */
  reset(client: LogClient | null): void {
    this.client = client;
    this.clear();
  }

  clear(): void {
    this.lines.clear();
    this.inFlight.clear();
    this.epoch++;
    this.bump();
  }

  /** The log grew from `oldLineCount` lines: the last ones may have changed. */
  grew(oldLineCount: number): void {
    const from = Math.max(0, oldLineCount - REFRESH_TAIL);
    let dropped = false;
    for (const line of this.lines.keys()) {
      if (line >= from) {
        this.lines.delete(line);
        dropped = true;
      }
    }
    // Answers to requests sent before the append may describe the old tail: ignore them all.
    this.inFlight.clear();
    this.epoch++;
    if (dropped) this.bump();
  }

  /** Asks for the lines not cached yet, in runs of consecutive numbers. */
  ensure(wanted: readonly number[]): void {
    const client = this.client;
    if (!client) return;
    const missing = wanted.filter((l) => !this.lines.has(l) && !this.inFlight.has(l)).sort((a, b) => a - b);
    if (missing.length === 0) return;
    if (this.lines.size + missing.length > MAX_CACHED) {
      this.lines.clear();
    }
    const epoch = this.epoch;
    let start = 0;
    for (let i = 1; i <= missing.length; i++) {
      const prev = missing[i - 1] ?? 0;
      if (i < missing.length && missing[i] === prev + 1) continue;
      const from = missing[start] ?? 0;
      const to = prev + 1;
      for (let l = from; l < to; l++) this.inFlight.add(l);
      client.lines(from, to, this.html).then(
        (lines) => {
          if (epoch !== this.epoch) return;
          for (let l = from; l < to; l++) this.inFlight.delete(l);
          for (const line of lines) this.lines.set(line.line, line);
          this.bump();
        },
        () => {
          if (epoch !== this.epoch) return;
          for (let l = from; l < to; l++) this.inFlight.delete(l);
        },
      );
      start = i;
    }
  }

  private bump(): void {
    this.version++;
    this.listeners.notify();
  }
}

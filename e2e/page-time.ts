/**
 * The pages' own time, moved by the test: Playwright's fake clock on a browser context, run in
 * small steps. After each step the test waits until every request that the pages sent has been
 * answered (body included), so a poll, a backoff or a retry sees the same time pass whatever the
 * machine's speed: what the pages do depends on their clock, not on how busy the machine is.
 *
 * Time given here is the pages' time in ms since `start()`. A latency fault is played in that
 * time too (`holdFor`): the request waits until the pages' clock has moved that far.
 */
import type { BrowserContext, Page, Request } from '@playwright/test';

/** Fetches the page started and that have not settled yet (set up by `PageTime.prepare`). */
declare global {
  interface Window {
    __pendingFetches?: number;
  }
}

export const STEP_MS = 250;

/** Playwright's checks that the settling waits are bounded by (real time, not the pages' time). */
const SETTLE_LIMIT_MS = 30_000;

export class PageTime {
  /** The pages' time since start() (ms); -1 before it (the pages still loading). */
  now = -1;
  private readonly inFlight = new Set<Request>();
  private held: { due: number; release: () => void }[] = [];

  private constructor(
    private readonly context: BrowserContext,
    private readonly isWatched: (url: string) => boolean,
  ) {
    const done = (request: Request) => this.inFlight.delete(request);
    context.on('request', (request) => {
      if (this.isWatched(request.url())) this.inFlight.add(request);
    });
    context.on('requestfinished', done);
    context.on('requestfailed', done);
    // A closed page's requests end without an event.
    context.on('page', (page) =>
      page.on('close', () => {
        for (const request of this.inFlight) if (request.frame().page() === page) this.inFlight.delete(request);
      }),
    );
  }

  /**
   * Installs the fake clock on the context (it flows as real time until start()) and counts each
   * page's unsettled fetches. Call before the pages are opened.
   */
  static async prepare(context: BrowserContext, isWatched: (url: string) => boolean): Promise<PageTime> {
    await context.addInitScript(() => {
      window.__pendingFetches = 0;
      const original = window.fetch.bind(window);
      const settle = () => {
        window.__pendingFetches = (window.__pendingFetches ?? 1) - 1;
      };
      window.fetch = (...args: Parameters<typeof fetch>) => {
        window.__pendingFetches = (window.__pendingFetches ?? 0) + 1;
        const answer = original(...args);
        // Attached before the caller's own handlers: the count drops before the caller goes on.
        answer.then(settle, settle);
        return answer;
      };
    });
    await context.clock.install();
    return new PageTime(context, isWatched);
  }

  /** Stops the clock (the pages have loaded): from here on only step() moves it. */
  async start(page: Page): Promise<void> {
    const pageNow = await page.evaluate(() => Date.now());
    // A little ahead of the pages' clock, which still flows until this call.
    await this.context.clock.pauseAt(pageNow + 2_000);
    // What the jump started is answered before the clock is read as 0.
    await this.settle();
    this.now = 0;
  }

  /** A request of a latency fault: answered once the pages' clock has moved `ms` further. */
  holdFor(ms: number): Promise<void> {
    return new Promise((release) => this.held.push({ due: this.now + ms, release }));
  }

  /** Moves the pages' clock by one step, then waits until what it started has been answered. */
  async step(ms = STEP_MS): Promise<void> {
    await this.context.clock.runFor(ms);
    this.now += ms;
    const due = this.held.filter((h) => h.due <= this.now);
    this.held = this.held.filter((h) => h.due > this.now);
    for (const h of due) h.release();
    await this.settle();
  }

  /** Lets `ms` of the pages' time pass, step by step. */
  async run(ms: number): Promise<void> {
    const end = this.now + ms;
    while (this.now < end) await this.step(Math.min(STEP_MS, end - this.now));
  }

  /**
   * Steps the clock until `done()` holds, for at most `withinMs` of the pages' time; returns the
   * time it took (ms), or null if it did not come within that.
   */
  async until(done: () => Promise<boolean>, withinMs: number): Promise<number | null> {
    const from = this.now;
    for (;;) {
      if (await done()) return this.now - from;
      if (this.now - from >= withinMs) return null;
      await this.step();
    }
  }

  /** Every fetch of every page has settled and every watched request has been read, except those a latency fault holds. */
  private async settle(): Promise<void> {
    const started = Date.now();
    for (;;) {
      const counts = await Promise.all(this.context.pages().map((page) => page.evaluate(() => window.__pendingFetches ?? 0)));
      const pending = counts.reduce((sum, n) => sum + n, 0);
      if (pending <= this.held.length && this.inFlight.size <= this.held.length) return;
      if (Date.now() - started > SETTLE_LIMIT_MS) throw new Error(`${pending} fetches (${this.inFlight.size} requests) still unanswered after ${SETTLE_LIMIT_MS} ms; ${this.held.length} held by a latency fault: ${[...this.inFlight].map((r) => `${r.method()} ${r.url()}`).join(', ')}`);
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  }
}

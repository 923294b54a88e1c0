// What every Chromium bench shares: Debian's Chromium with this workplace's flags, a production
// build of the app into a folder of the bench's own (so `dist/` is left alone), the simulator and
// `vite preview` on 127.0.0.1, and `withBenchApp`, which sets all of that up and always takes it
// down again.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type Page } from '@playwright/test';
import { preview } from 'vite';
import { serveSim, SIM_TOKENS, type Sim } from '../gitlab-sim/index.ts';

export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS, headless: true });
}

/** `vite build` of the app into `outDir`; `extraArgs` for e.g. `--minify false` when profiling. */
export function buildApp(outDir: string, extraArgs: readonly string[] = []): void {
  const root = path.resolve(import.meta.dirname, '..');
  execFileSync('npx', ['vite', 'build', '--outDir', outDir, '--emptyOutDir', '--logLevel', 'error', ...extraArgs], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
}

/**
 * Serves the build in `outDir` with `vite preview` on 127.0.0.1. With `settings`, its config.json
 * first points at the simulator with the read token (and holds those settings), as a kiosk would
 * be set up; with `false` the build's config.json is served as it is.
 */
export async function previewApp(outDir: string, simUrl: string, settings: Record<string, unknown> | false = {}): Promise<{ url: string; close(): Promise<void> }> {
  const root = path.resolve(import.meta.dirname, '..');
  if (settings) {
    const configPath = path.join(outDir, 'config.json');
    const config = JSON.parse(readFileSync(configPath, 'utf8')) as Record<string, unknown>;
    Object.assign(config, settings, { gitlab: { url: simUrl, token: SIM_TOKENS.read } });
    writeFileSync(configPath, JSON.stringify(config));
  }
  const server = await preview({ root, logLevel: 'error', build: { outDir }, preview: { port: 0, host: '127.0.0.1', strictPort: false } });
  return { url: (server.resolvedUrls?.local[0] ?? '').replace(/\/+$/, ''), close: () => server.close() };
}

/** Runs the teardowns, last first, every one even when one fails; throws the first failure. */
async function tearDown(teardowns: Array<() => unknown>): Promise<void> {
  let failure: { error: unknown } | null = null;
  for (const teardown of teardowns.reverse()) {
    try {
      await teardown();
    } catch (error) {
      failure ??= { error };
    }
  }
  if (failure) throw failure.error;
}

/** Runs `body` and then `teardowns`; a failure of the body wins over one of the teardowns. */
async function runThenTearDown<T>(teardowns: Array<() => unknown>, body: () => Promise<T>): Promise<T> {
  let result: T;
  try {
    result = await body();
  } catch (error) {
    await tearDown(teardowns).catch(() => undefined);
    throw error;
  }
  await tearDown(teardowns);
  return result;
}

/** Serves `sim` over HTTP on 127.0.0.1 (a free port) while `body` runs; `simUrl` has no trailing slash. */
export async function withSimServer<T>(sim: Sim, body: (simUrl: string) => Promise<T>): Promise<T> {
  const server = await serveSim(sim, { port: 0, host: '127.0.0.1' });
  return runThenTearDown([() => server.close()], () => body(server.url.replace(/\/+$/, '')));
}

export interface BenchAppOptions {
  /** The GitLab the app talks to: a simulated world, or a host that wraps one. */
  sim: Sim;
  /** Names the temporary build folder (`<name>-…` in the system's temp folder, removed at the end). */
  name: string;
  /** An existing build to serve as it is (a bench's `…_BENCH_DIST` variable); it is kept. */
  reuseDist?: string | undefined;
  /** Build into this folder, and keep it, instead of a temporary one. */
  outDir?: string;
  /** More `vite build` arguments (`--minify false` when profiling). */
  buildArgs?: readonly string[];
  /**
   * The kiosk settings written to config.json beside the simulator and its read token (default
   * none); `false` leaves the build's config.json as it is (the bench connects in Settings).
   */
  settings?: Record<string, unknown> | false;
}

export interface BenchApp {
  /** The simulator's address, without a trailing slash. */
  simUrl: string;
  /** The app's address (`vite preview`), without a trailing slash. */
  appUrl: string;
  browser: Browser;
  /** The build being served. */
  outDir: string;
}

/**
 * Serves the simulator, launches Chromium, builds the app (unless a build is reused) and serves
 * it with `vite preview`; runs `body`; then closes the browser and both servers and removes a
 * temporary build, whether `body` (or any step of the set-up) succeeded or failed.
 */
export async function withBenchApp<T>(options: BenchAppOptions, body: (app: BenchApp) => Promise<T>): Promise<T> {
  const teardowns: Array<() => unknown> = [];
  return runThenTearDown(teardowns, async () => {
    const temporary = !options.reuseDist && !options.outDir;
    const outDir = options.reuseDist ?? options.outDir ?? mkdtempSync(path.join(tmpdir(), `${options.name}-`));
    if (temporary) teardowns.push(() => rmSync(outDir, { recursive: true, force: true }));
    const simServer = await serveSim(options.sim, { port: 0, host: '127.0.0.1' });
    teardowns.push(() => simServer.close());
    const simUrl = simServer.url.replace(/\/+$/, '');
    const browser = await launchChromium();
    teardowns.push(() => browser.close());
    if (!options.reuseDist) buildApp(outDir, options.buildArgs);
    const app = await previewApp(outDir, simUrl, options.settings ?? {});
    teardowns.push(() => app.close());
    return body({ simUrl, appUrl: app.url, browser, outDir });
  });
}

/** Waits (checking every frame) until `selector` is in the page; if it never comes, says what the page showed instead. */
export async function waitForElement(page: Page, selector: string, what: string, timeout: number): Promise<void> {
  try {
    await page.waitForFunction((sel: string) => document.querySelector(sel) !== null, selector, { polling: 'raf', timeout });
  } catch (error) {
    const seen = await page.evaluate(() => `${location.href}\n${document.body.innerText.slice(0, 1500)}`);
    throw new Error(`${what} never appeared; the page showed:\n${seen}`, { cause: error });
  }
}

/** The page's clock (performance.now()) once the next frame has been painted (rAF, then a task). */
export async function nextPaint(page: Page): Promise<number> {
  // A string, not a function: tsx would wrap named inner functions in a helper the page lacks.
  return (await page.evaluate('new Promise((resolve) => requestAnimationFrame(() => setTimeout(() => resolve(performance.now()), 0)))')) as number;
}

/** Connects the app to the simulator in Settings (address and token), as a person would. */
export async function connectInSettings(page: Page, appUrl: string, simUrl: string, token: string): Promise<void> {
  await page.goto(`${appUrl}/settings`);
  await page.getByLabel('GitLab address').fill(simUrl);
  await page.getByLabel('Personal access token').fill(token);
  await page.getByRole('button', { name: 'Save' }).click();
  await page.getByRole('heading', { name: 'Projects', level: 1 }).waitFor();
}

/** The value below which a share `p` (0–1) of the values fall. */
export function percentile(values: readonly number[], p: number): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((s.length - 1) * p))] ?? 0;
}

/** The middle value (the mean of the two middle ones for an even count). */
export function median(values: readonly number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? (s[mid] ?? 0) : ((s[mid - 1] ?? 0) + (s[mid] ?? 0)) / 2;
}

/** The slow device profile: Chromium's CPU throttled `rate`× for this page (CDP Emulation.setCPUThrottlingRate). */
export async function throttleCpu(page: Page, rate: number): Promise<void> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate });
}

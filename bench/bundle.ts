/**
 * What each page makes the browser download before it shows itself (`npm run bench -- bundle`).
 * The production build is served by `vite preview` with a kiosk config.json (the simulator and
 * a read token); each route is opened in a fresh browser context (empty cache), and every
 * JavaScript file the browser fetched from the app until the page's heading is on screen and
 * the network is quiet is counted, gzipped here (level 9, as a web server would send it; `vite
 * preview` itself sends them uncompressed).
 * Routes: the picker, Settings, the four project pages and the wall (`/wall`, the weakest device).
 * - routes: route → KB of gzipped initial JS (scripts, module preloads, lazy route modules and
 *   any worker the page starts before it is shown). What a page loads later, on demand (zip.js
 *   when an archive must be read, the log worker for a log over 1 MB), is not initial.
 * - max_initial_kb_gzip: the largest of them (target <= 150).
 * - first_screen_ms: navigation start → the page's <h1> is in the DOM; throttle4x repeats that
 *   with Chromium's CPU throttled 4× (`Emulation.setCPUThrottlingRate`), a wall TV's browser.
 * BUNDLE_BENCH_DIST reuses an existing build.
 */
import { readFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Browser } from '@playwright/test';
import { throttleCpu, withBenchApp } from './browser.ts';
import { createSim } from '../gitlab-sim/index.ts';

const TARGET_KB = 150;
const round = (v: number, d = 1) => Number(v.toFixed(d));

interface JobRow {
  id: number;
  name: string;
  pipeline?: { id: number };
  artifacts_file?: unknown;
  erased_at?: string | null;
}

/** Route pattern → a URL of it in the seeded world. */
async function routeUrls(simUrl: string): Promise<Record<string, string>> {
  const res = await fetch(`${simUrl}/api/v4/projects/1/jobs?scope[]=success&per_page=100`, { headers: { 'PRIVATE-TOKEN': 'glpat-sim-read' } });
  const jobs = (await res.json()) as JobRow[];
  const compile = jobs.find((j) => j.name === 'compile' && j.artifacts_file && !j.erased_at);
  if (!compile?.pipeline) throw new Error('no compile job with artifacts in the seed');
  const project = 'acme/platform/backend';
  return {
    '/': '/',
    '/settings': '/settings',
    '/:project/-/jobs': `/${project}/-/jobs`,
    '/:project/-/jobs/:id': `/${project}/-/jobs/${compile.id}`,
    '/:project/-/pipelines/:id': `/${project}/-/pipelines/${compile.pipeline.id}`,
    '/:project/-/jobs/:id/artifacts/browse': `/${project}/-/jobs/${compile.id}/artifacts/browse`,
    // The team wall, as a kiosk opens it for one project (the address's one-off list).
    '/wall': `/wall?project=${encodeURIComponent(project)}`,
  };
}

interface Visit {
  files: string[];
  firstScreenMs: number;
}

async function visit(browser: Browser, appUrl: string, url: string, throttle: number): Promise<Visit> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const files = new Set<string>();
  // Scripts the app's origin answered as JavaScript (a path the SPA fallback answers with
  // index.html is not a script), by file name: the build's URLs are relative to the document.
  // GETs only: the loader's HEAD probes for the app's entry (decision 0001) download no script,
  // and on `/wall` that entry is not run (decision 0031).
  context.on('response', (response) => {
    const u = new URL(response.url());
    const type = response.headers()['content-type'] ?? '';
    const got = response.request().method() === 'GET';
    if (got && u.origin === new URL(appUrl).origin && response.ok() && u.pathname.endsWith('.js') && type.includes('javascript')) files.add(path.basename(u.pathname));
  });
  try {
    const page = await context.newPage();
    if (throttle > 1) await throttleCpu(page, throttle);
    await page.goto(`${appUrl}${url}`);
    await page.waitForFunction(() => document.querySelector('main h1, h1') !== null, undefined, { polling: 'raf', timeout: 60_000 });
    const firstScreenMs = (await page.evaluate('performance.now()')) as number;
    await page.waitForLoadState('networkidle');
    const heading = await page.locator('h1').first().textContent();
    if (heading === 'Page not found') throw new Error(`${url} is not a page of this build`);
    // The wall must have drawn its board, not the "not connected" message.
    if (url.startsWith('/wall') && (await page.getByTestId('wall').count()) === 0) throw new Error(`${url} did not show the wall`);
    return { files: [...files].sort(), firstScreenMs };
  } finally {
    await context.close();
  }
}

export async function run(): Promise<Record<string, unknown>> {
  const sim = createSim({ seed: 1, paused: true, hugeLogBytes: 100_000 });
  return withBenchApp({ sim, name: 'bundle-bench', reuseDist: process.env['BUNDLE_BENCH_DIST'] }, async ({ simUrl, appUrl, browser, outDir }) => {
    const gzKb = new Map<string, number>();
    const sizeOf = (file: string) => {
      let kb = gzKb.get(file);
      if (kb === undefined) {
        kb = gzipSync(readFileSync(path.join(outDir, 'assets', decodeURIComponent(file))), { level: 9 }).length / 1024;
        gzKb.set(file, kb);
      }
      return kb;
    };
    const routes: Record<string, number> = {};
    const files: Record<string, string[]> = {};
    const firstScreen: Record<string, number> = {};
    const firstScreen4x: Record<string, number> = {};
    const load1m: number[] = [];
    for (const [route, url] of Object.entries(await routeUrls(simUrl))) {
      load1m.push(loadavg()[0] ?? 0);
      const plain = await visit(browser, appUrl, url, 1);
      const slow = await visit(browser, appUrl, url, 4);
      routes[route] = round(plain.files.reduce((sum, f) => sum + sizeOf(f), 0));
      files[route] = plain.files.map((f) => `${f} ${round(sizeOf(f))}`);
      firstScreen[route] = round(plain.firstScreenMs, 0);
      firstScreen4x[route] = round(slow.firstScreenMs, 0);
    }
    return {
      bench: 'bundle',
      routes,
      max_initial_kb_gzip: Math.max(...Object.values(routes)),
      max_initial_kb_gzip_target: `<= ${TARGET_KB}`,
      routes_note: 'KB (1024 bytes) of gzip -9 JavaScript the browser fetched from the app until the page\'s <h1> was shown and the network was quiet, fresh context per route',
      files_by_route: files,
      first_screen_ms: firstScreen,
      first_screen_note: 'navigation start → the page\'s <h1> in the DOM (preview server and simulator on 127.0.0.1, no network throttling)',
      throttle4x: { cpu_throttling_rate: 4, first_screen_ms: firstScreen4x },
      machine: { cpus: cpus().length, loadavg_1m: round(Math.max(...load1m, loadavg()[0] ?? 0), 2) },
      chromium: browser.version(),
    };
  });
}

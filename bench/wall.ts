/**
 * `npm run bench -- wall`: the team wall of 20 projects (the simulator's fleet) in Chromium at
 * 1920×1080, as a kiosk runs it (config.json `wall.groups`, the read token).
 * - first_tiles_ms: from navigation to the first tile with data;
 * - requests_per_min: GitLab API requests a minute in steady state (after a one-minute warm-up),
 *   over BENCH_WALL_MINUTES real minutes (default 3) at the default interval;
 * - blank_screens: screens sampled once a second with no tile, during injected faults (500s,
 *   then 429s, a minute each);
 * - heap_growth_mb_per_hour: the simulator's clock sped up 60× (an hour a minute) for
 *   BENCH_WALL_HEAP_MINUTES (default 3), the heap after a forced GC sampled every 15 s, the slope
 *   per simulated hour (and per real hour beside it);
 * - throttle4x: first_tiles_ms and requests over one minute with the CPU throttled 4×.
 * Prints one JSON object.
 */
import path from 'node:path';
import type { Page } from '@playwright/test';
import { createSim } from '../gitlab-sim/index.ts';
import { throttleCpu, withBenchApp } from './browser.ts';

const MINUTES = Number(process.env.BENCH_WALL_MINUTES ?? 3);
const HEAP_MINUTES = Number(process.env.BENCH_WALL_HEAP_MINUTES ?? 3);
const PROJECTS = 20;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function post(url: string, path: string, body: unknown): Promise<void> {
  const r = await fetch(`${url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  if (!r.ok) throw new Error(`${path}: ${r.status}`);
}

/** Opens the wall and resolves with the time to the first tile that has data (ms). */
async function openWall(page: Page, url: string): Promise<number> {
  const start = Date.now();
  await page.goto(`${url}/wall`);
  await page.waitForFunction(() => document.querySelector('[data-testid="wall-tile"]:not([data-group="unknown"])') !== null, undefined, { timeout: 120_000, polling: 50 });
  return Date.now() - start;
}

function slope(points: readonly [number, number][]): number {
  const n = points.length;
  if (n < 2) return 0;
  const mx = points.reduce((a, [x]) => a + x, 0) / n;
  const my = points.reduce((a, [, y]) => a + y, 0) / n;
  const num = points.reduce((a, [x, y]) => a + (x - mx) * (y - my), 0);
  const den = points.reduce((a, [x]) => a + (x - mx) ** 2, 0);
  return den === 0 ? 0 : num / den;
}

export async function run(): Promise<Record<string, unknown>> {
  const sim = createSim({ seed: 1, projects: PROJECTS, hugeLogBytes: 100_000 });
  const outDir = path.resolve(import.meta.dirname, 'out', 'wall-dist');
  const settings = { wall: { groups: ['acme/fleet'], title: 'Bench wall' } };
  return withBenchApp({ sim, name: 'wall-bench', outDir, settings }, async ({ simUrl, appUrl, browser }) => {
    const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
    const requests: number[] = [];
    page.on('request', (r) => {
      if (r.url().startsWith(`${simUrl}/api/v4/`)) requests.push(Date.now());
    });
    const firstTilesMs = await openWall(page, appUrl);
    const tiles = await page.getByTestId('wall-tile').count();

    // Steady state: a minute to settle, then count.
    await sleep(60_000);
    const from = Date.now();
    const before = requests.length;
    await sleep(MINUTES * 60_000);
    const requestsPerMin = ((requests.length - before) * 60_000) / (Date.now() - from);

    // Faults: sample the screen once a second; a screen without a tile is blank.
    let samples = 0;
    let blank = 0;
    const sampleFor = async (ms: number) => {
      const end = Date.now() + ms;
      while (Date.now() < end) {
        samples++;
        if ((await page.getByTestId('wall-tile').count()) === 0) blank++;
        await sleep(1_000);
      }
    };
    await post(simUrl, '/-/sim/faults', { error_rate: 1, error_status: 500 });
    await sampleFor(60_000);
    await post(simUrl, '/-/sim/faults', { error_rate: 0, rate_limit_429: true });
    await sampleFor(60_000);
    await post(simUrl, '/-/sim/faults', { rate_limit_429: false });
    const staleDuringFaults = await page.locator('.wall-tile__stale').count();

    // Memory: the simulated world an hour a minute; the heap after GC every 15 s.
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('HeapProfiler.enable');
    await post(simUrl, '/-/sim/clock', { speed: 60 });
    const heap: [number, number][] = [];
    const realHeap: [number, number][] = [];
    const heapStart = Date.now();
    for (let t = 0; t <= HEAP_MINUTES * 60_000; t += 15_000) {
      if (t > 0) await sleep(15_000);
      await cdp.send('HeapProfiler.collectGarbage');
      const { usedSize } = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number };
      const realHours = (Date.now() - heapStart) / 3_600_000;
      heap.push([realHours * 60, usedSize / 1e6]);
      realHeap.push([realHours, usedSize / 1e6]);
    }
    await post(simUrl, '/-/sim/clock', { speed: 1 });

    // The slow device: 4× CPU throttling, a fresh page.
    const slow = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
    const slowRequests: number[] = [];
    slow.on('request', (r) => {
      if (r.url().startsWith(`${simUrl}/api/v4/`)) slowRequests.push(Date.now());
    });
    await throttleCpu(slow, 4);
    const slowFirst = await openWall(slow, appUrl);
    const slowFrom = Date.now();
    await sleep(60_000);
    const slowTiles = await slow.locator('[data-testid="wall-tile"]:not([data-group="unknown"])').count();

    return {
      bench: 'wall',
      projects: PROJECTS,
      tiles,
      first_tiles_ms: firstTilesMs,
      requests_per_min: Math.round(requestsPerMin * 10) / 10,
      measured_minutes: MINUTES,
      blank_screens: blank,
      fault_samples: samples,
      stale_tiles_after_faults: staleDuringFaults,
      heap_growth_mb_per_hour: Math.round(slope(heap) * 1000) / 1000,
      heap_growth_mb_per_real_hour: Math.round(slope(realHeap) * 1000) / 1000,
      heap_mb_start: Math.round((heap[0]?.[1] ?? 0) * 10) / 10,
      heap_mb_end: Math.round((heap.at(-1)?.[1] ?? 0) * 10) / 10,
      heap_simulated_hours: Math.round((heap.at(-1)?.[0] ?? 0) * 10) / 10,
      throttle4x: {
        first_tiles_ms: slowFirst,
        tiles_with_data_after_1_min: slowTiles,
        requests_first_min: slowRequests.filter((t) => t >= slowFrom - slowFirst).length,
      },
    };
  });
}

/**
 * The failures digest in Chromium (`npm run bench -- failures`): the newest pipeline of the seeded
 * acme/platform/storefront, whose three child pipelines hold 30 failed jobs (gitlab-sim/world/seed.ts).
 * - digest_ms: a click on the pipeline page's "Failures" tab → the whole digest on screen (every
 *   failed job with its first error lines read from its log and its "failing since" walked:
 *   `data-complete="true"`, checked every frame) and the next frame painted. Median of 3 fresh pages.
 * - requests: GitLab API requests from that click to the painted digest (the pipeline page had
 *   already loaded the root's jobs and trigger jobs), split by kind.
 * The app is the production build (vite build into a temp dir), served by `vite preview`.
 */
import type { Browser } from '@playwright/test';
import { cpus, loadavg } from 'node:os';
import { createSim } from '../gitlab-sim/index.ts';
import { withBenchApp } from './browser.ts';

const RUNS = 3;
const round = (v: number, d = 1) => Number(v.toFixed(d));

interface DigestRun {
  digestMs: number;
  failedJobs: number;
  allowedJobs: number;
  groups: number;
  downstreamPipelines: number;
  requests: Record<string, number>;
  total: number;
}

function kindOf(url: string): string {
  const u = new URL(url);
  const p = u.pathname;
  if (p.endsWith('/trace')) return 'logs';
  if (/\/pipelines\/\d+\/bridges$/.test(p)) return 'trigger_jobs';
  if (/\/pipelines\/\d+\/jobs$/.test(p)) return 'job_lists';
  if (/\/pipelines$/.test(p)) return 'pipeline_lists';
  return 'other';
}

async function openDigest(browser: Browser, appUrl: string, pipelineId: number): Promise<DigestRun> {
  const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  try {
    await page.addInitScript('performance.setResourceTimingBufferSize(10000);');
    await page.goto(`${appUrl}/acme/platform/storefront/-/pipelines/${pipelineId}`);
    await page.getByRole('list', { name: `Stages of pipeline #${pipelineId}` }).waitFor({ timeout: 120_000 });
    const tab = page.getByRole('link', { name: 'Failures', exact: true });
    await tab.waitFor();
    const clickedAt = await page.evaluate(() => performance.now());
    await tab.click();
    await page.waitForFunction(() => document.querySelector('section[aria-label="Failures"][data-complete="true"]') !== null, undefined, {
      polling: 'raf',
      timeout: 180_000,
    });
    await page.evaluate(() => new Promise<void>((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0))));
    const result = await page.evaluate((since: number) => {
      const painted = performance.now();
      const api = (performance.getEntriesByType('resource') as PerformanceResourceTiming[])
        .filter((e) => e.name.includes('/api/v4/') && e.startTime >= since && e.startTime <= painted)
        .map((e) => e.name);
      const digest = document.querySelector('section[aria-label="Failures"]');
      return {
        painted,
        api,
        failed: digest?.querySelectorAll('.failure-group .failure-row').length ?? 0,
        allowed: digest?.querySelectorAll('.failures__allowed .failure-row').length ?? 0,
        groups: digest?.querySelectorAll('.failure-group').length ?? 0,
        downstream: new Set([...(digest?.querySelectorAll('.failure-group .failure-row__pipeline') ?? [])].map((a) => a.textContent)).size,
      };
    }, clickedAt);
    const requests: Record<string, number> = {};
    for (const url of result.api) requests[kindOf(url)] = (requests[kindOf(url)] ?? 0) + 1;
    return {
      digestMs: result.painted - clickedAt,
      failedJobs: result.failed,
      allowedJobs: result.allowed,
      groups: result.groups,
      downstreamPipelines: result.downstream,
      requests,
      total: result.api.length,
    };
  } finally {
    await page.close();
  }
}

export async function run(): Promise<Record<string, unknown>> {
  const sim = createSim({ seed: 1, paused: true, hugeLogBytes: 100_000 });
  return withBenchApp({ sim, name: 'failures-bench', reuseDist: process.env['FAILURES_BENCH_DIST'] }, async ({ simUrl, appUrl, browser }) => {
    const res = await fetch(`${simUrl}/api/v4/projects/5/pipelines?ref=main&per_page=1`, { headers: { 'PRIVATE-TOKEN': 'glpat-sim-read' } });
    const [newest] = (await res.json()) as Array<{ id: number }>;
    if (!newest) throw new Error('storefront has no pipeline');
    const loadAtStart = round(loadavg()[0] ?? 0, 2);
    const runs: DigestRun[] = [];
    for (let r = 0; r < RUNS; r++) runs.push(await openDigest(browser, appUrl, newest.id));
    const sorted = [...runs].sort((a, b) => a.digestMs - b.digestMs);
    const median = sorted[sorted.length >> 1];
    if (!median) throw new Error('no runs');
    return {
      bench: 'failures',
      pipeline: `acme/platform/storefront #${newest.id}`,
      failed_jobs: median.failedJobs,
      downstream_pipelines: median.downstreamPipelines,
      cause_groups: median.groups,
      allowed_to_fail: median.allowedJobs,
      digest_ms: round(median.digestMs),
      digest_ms_runs: runs.map((r) => round(r.digestMs)),
      requests: median.total,
      requests_by_kind: median.requests,
      load_average_1m: { start: loadAtStart, end: round(loadavg()[0] ?? 0, 2) },
      cpus: cpus().length,
    };
  });
}

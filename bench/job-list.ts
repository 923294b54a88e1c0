/**
 * The job list in Chromium (`npm run bench -- job-list`), with 10,000 jobs loaded.
 * The simulator seeds acme/tools/big-history with 10,400 jobs (`bigProjectJobs`); the app is the
 * production build (vite build into a temp dir) served by `vite preview`, connected through a
 * kiosk config.json (the simulator and a read token).
 * - first_render_ms: navigation start → the first job rows are in the DOM (checked every frame)
 *   and the next frame has been painted (rAF, then a task). Includes the project and the first
 *   page of 100 jobs from the simulator over HTTP on 127.0.0.1.
 * - Then "Load more jobs" is pressed until 10,000 rows are loaded (100 per page, keyset).
 * - worst_scroll_frame_ms: the longest requestAnimationFrame interval while the table's scroll box
 *   is scrolled from the first to the 10,000th row, SCROLL_STEP_PX per frame (a fast flick);
 *   p95 and mean beside it, and where the slow frames fell. At this speed the table draws the rows
 *   that come into view in their light form (a flick: see src/features/jobs/README.md).
 *   Then a stress pass back up at STRESS_STEP_PX per frame (stress_*). The renderer's busy time per
 *   frame over both passes (task, script, layout, style; CDP Performance metrics) says how much of a
 *   frame was work.
 * - read_*: READ_FRAMES frames from the middle of the list at READ_STEP_PX per frame, a reading
 *   speed at which every row is drawn in full (links, buttons, times, the actions).
 * - js_heap_used_mb, dom_nodes: with 10,000 rows loaded, before scrolling.
 * JOB_LIST_BENCH_DIST reuses an existing build; JOB_LIST_BENCH_SCREENSHOT=<file.png> saves a picture.
 */
import { nextPaint, percentile, throttleCpu, waitForElement, withBenchApp } from './browser.ts';
import { writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { createSim } from '../gitlab-sim/index.ts';

const ROWS = 10_000;
const SEEDED = 10_400;
/** A fast flick: five 52 px rows per frame (about 15,600 px/s at 60 fps). */
const SCROLL_STEP_PX = 260;
/** A stress pass: about 19 rows per frame, every frame draws a new screenful. */
const STRESS_STEP_PX = 1_000;
/** Reading speed: 1.5 rows per frame (about 4,700 px/s, a fast mouse wheel), just under a flick: rows draw in full. */
const READ_STEP_PX = 78;
const READ_FRAMES = 600;
const round = (v: number, d = 1) => Number(v.toFixed(d));


export async function run(): Promise<Record<string, unknown>> {
  const sim = createSim({ seed: 1, paused: true, hugeLogBytes: 100_000, bigProjectJobs: SEEDED, jobsRateLimitPerMinute: 100_000 });
  return withBenchApp({ sim, name: 'job-list-bench', reuseDist: process.env['JOB_LIST_BENCH_DIST'] }, async ({ appUrl, browser }) => {
    const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
    await page.goto(`${appUrl}/acme/tools/big-history/-/jobs`);
    await waitForElement(page, '[role="row"][data-job-id]', 'the job list', 60_000);
    const firstRender = await nextPaint(page);

    // Load until 10,000 rows are in, as a person pressing "Load more jobs" would.
    const loadStart = Date.now();
    const button = page.getByRole('button', { name: 'Load more jobs' });
    for (let loaded = 100; loaded < ROWS; loaded += 100) {
      await button.click();
      await page.getByText(new RegExp(`^${(loaded + 100).toLocaleString('en')} jobs loaded`)).waitFor({ timeout: 30_000 });
    }
    const loadMs = Date.now() - loadStart;
    const shot = process.env['JOB_LIST_BENCH_SCREENSHOT'];
    if (shot) await page.screenshot({ path: shot });

    // A string, not a function: tsx would wrap named inner functions in a helper the page lacks.
    const SCROLL_SCRIPT = `(async ({ step, direction, maxFrames }) => new Promise((resolve) => {
      const box = document.querySelector('[data-testid="job-table-scroll"]');
      const frames = [];
      const seen = new Set();
      let domRows = 0;
      let last = 0;
      const end = box.scrollHeight - box.clientHeight;
      if (direction === 'down') box.scrollTop = 0;
      const slow = [];
      const tick = (t) => {
        if (last) frames.push(t - last);
        if (last && t - last > 50) slow.push({ ms: Math.round((t - last) * 10) / 10, at_row: Math.round(box.scrollTop / 52) });
        last = t;
        for (const r of box.querySelectorAll('[role="row"][data-job-id]')) seen.add(r.getAttribute('data-job-id'));
        domRows = Math.max(domRows, box.querySelectorAll('[role="row"][data-job-id]').length);
        const done = (direction === 'down' ? box.scrollTop >= end : box.scrollTop <= 0) || (maxFrames && frames.length >= maxFrames);
        if (done) { resolve({ frames, rowsSeen: seen.size, domRows, slow }); return; }
        box.scrollTop += direction === 'down' ? step : -step;
        requestAnimationFrame(tick);
      };
      requestAnimationFrame(tick);
    }))`;
    const scroll = async (direction: 'down' | 'up', step: number, maxFrames = 0) =>
      (await page.evaluate(`${SCROLL_SCRIPT}(${JSON.stringify({ step, direction, maxFrames })})`)) as { frames: number[]; rowsSeen: number; domRows: number; slow: { ms: number; at_row: number }[] };
    const loadedText = await page.getByText(/^[\d,]+ jobs loaded/).textContent();
    // The renderer's own busy time (CDP Performance metrics), beside the wall-clock frames: on a
    // shared machine the frames also hold time the renderer waited for a CPU.
    const metricsSession = await page.context().newCDPSession(page);
    await metricsSession.send('Performance.enable');
    const metrics = async () => {
      const { metrics: list } = (await metricsSession.send('Performance.getMetrics')) as { metrics: { name: string; value: number }[] };
      return Object.fromEntries(list.map((m) => [m.name, m.value])) as Record<string, number>;
    };
    const before = await metrics();
    const profiling = process.env['JOB_LIST_BENCH_PROFILE'];
    const cdp = profiling ? await page.context().newCDPSession(page) : null;
    if (cdp) {
      await cdp.send('Profiler.enable');
      await cdp.send('Profiler.start');
    }
    const down = await scroll('down', SCROLL_STEP_PX);
    if (cdp && profiling) {
      const { profile } = (await cdp.send('Profiler.stop')) as { profile: unknown };
      writeFileSync(profiling, JSON.stringify(profile));
    }
    const up = await scroll('up', STRESS_STEP_PX);
    const after = await metrics();
    // From the middle of the list at reading speed, after the flicks have settled.
    await page.evaluate(`document.querySelector('[data-testid="job-table-scroll"]').scrollTop = 5000 * 52`);
    await page.waitForTimeout(500);
    const read = await scroll('down', READ_STEP_PX, READ_FRAMES);
    // The slow device profile: the same page (10,000 rows loaded) with the CPU throttled 4x, a
    // flick and the reading pass again; then a first load in a fresh page, throttled.
    await throttleCpu(page, 4);
    await page.evaluate(`document.querySelector('[data-testid="job-table-scroll"]').scrollTop = 0`);
    await page.waitForTimeout(500);
    const slowDown = await scroll('down', SCROLL_STEP_PX);
    await page.evaluate(`document.querySelector('[data-testid="job-table-scroll"]').scrollTop = 5000 * 52`);
    await page.waitForTimeout(500);
    const slowRead = await scroll('down', READ_STEP_PX, READ_FRAMES);
    const slowPage = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
    await throttleCpu(slowPage, 4);
    await slowPage.goto(`${appUrl}/acme/tools/big-history/-/jobs`);
    await slowPage.waitForFunction(() => document.querySelector('[role="row"][data-job-id]') !== null, undefined, { polling: 'raf', timeout: 240_000 });
    const slowFirstRender = await nextPaint(slowPage);
    await slowPage.close();
    const frames = down.frames;
    const all = down.frames.length + up.frames.length;
    const busy = (name: string) => round((((after[name] ?? 0) - (before[name] ?? 0)) * 1000) / all, 2);
    return {
      bench: 'job-list',
      rows_loaded: Number(/^([\d,]+)/.exec(loadedText ?? '')?.[1]?.replace(/,/g, '') ?? NaN),
      first_render_ms: round(firstRender),
      worst_scroll_frame_ms: round(Math.max(...frames)),
      target_worst_scroll_frame_ms: 50,
      p95_scroll_frame_ms: round(percentile(frames, 0.95)),
      mean_scroll_frame_ms: round(frames.reduce((a, b) => a + b, 0) / frames.length),
      scroll_frames: frames.length,
      frames_over_50ms: frames.filter((f) => f > 50).length,
      // Where the slow frames fell (the row at the top of the box when the frame ended).
      slow_frames: down.slow,
      read_step_px: READ_STEP_PX,
      read_worst_frame_ms: round(Math.max(...read.frames)),
      read_p95_frame_ms: round(percentile(read.frames, 0.95)),
      read_frames_over_50ms: read.frames.filter((f) => f > 50).length,
      stress_step_px: STRESS_STEP_PX,
      stress_worst_frame_ms: round(Math.max(...up.frames)),
      stress_p95_frame_ms: round(percentile(up.frames, 0.95)),
      stress_mean_frame_ms: round(up.frames.reduce((a, b) => a + b, 0) / up.frames.length),
      // Both passes: the renderer's busy time per frame (it also holds time spent waiting for a CPU).
      main_thread_task_ms_per_frame: busy('TaskDuration'),
      script_ms_per_frame: busy('ScriptDuration'),
      layout_ms_per_frame: busy('LayoutDuration'),
      style_ms_per_frame: busy('RecalcStyleDuration'),
      // With 10,000 rows loaded, before scrolling: a larger heap makes every major GC (a frame's worst enemy) longer.
      js_heap_used_mb: round((before['JSHeapUsedSize'] ?? 0) / 1_048_576, 1),
      dom_nodes: before['Nodes'] ?? null,
      rows_loaded_after_scroll: Number(/^([\d,]+)/.exec((await page.getByText(/^[\d,]+ jobs loaded/).textContent()) ?? '')?.[1]?.replace(/,/g, '') ?? NaN),
      scroll_step_px: SCROLL_STEP_PX,
      rows_seen_while_scrolling: down.rowsSeen,
      max_rows_in_dom: down.domRows,
      load_10000_rows_ms: loadMs,
      throttle4x: {
        cpu_throttling_rate: 4,
        first_render_ms: round(slowFirstRender),
        worst_scroll_frame_ms: round(Math.max(...slowDown.frames)),
        p95_scroll_frame_ms: round(percentile(slowDown.frames, 0.95)),
        mean_scroll_frame_ms: round(slowDown.frames.reduce((a, b) => a + b, 0) / slowDown.frames.length),
        frames_over_50ms: slowDown.frames.filter((f) => f > 50).length,
        scroll_frames: slowDown.frames.length,
        read_worst_frame_ms: round(Math.max(...slowRead.frames)),
        read_p95_frame_ms: round(percentile(slowRead.frames, 0.95)),
      },
      chromium: browser.version(),
      cpus: cpus().length,
      loadavg_1m: round(loadavg()[0] ?? 0, 2),
    };
  });
}

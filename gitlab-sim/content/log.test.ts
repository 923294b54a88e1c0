/* eslint-disable no-control-regex -- a job log is made of control characters; the tests match them */
import { describe, expect, it } from 'vitest';
import { canceledTail, logPrefixAt, renderLog } from './log.ts';
import type { LogSpec } from './log.ts';

const START = Date.UTC(2024, 4, 22, 12, 43, 46, 962);

function spec(over: Partial<LogSpec> = {}): LogSpec {
  return {
    seed: 7,
    jobName: 'rspec 1/3',
    stage: 'test',
    ref: 'main',
    sha: '0ff3ae198f8601a285adcf5c0fff204ee6fba5fd',
    projectPath: 'acme/platform/backend',
    outcome: 'success',
    startedAt: START,
    durationSec: 187,
    ...over,
  };
}

const SECTION = /section_(start|end):(\d+):([A-Za-z0-9_.-]+)(\[[^\]]*\])?\r\x1b\[0K/g;
const TS_PREFIX = /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z) ([0-9a-f]{2})([OE])([ +])/;

/** Visible text as GitLab shows it: no escapes, no section markers, only what follows the last \r. */
function visibleLines(log: string): string[] {
  return log
    .replace(SECTION, '')
    .split('\n')
    .map((line) => {
      const clean = line.replace(/\x1b\][^\x07\x1b]*(\x07|\x1b\\)/g, '').replace(/\x1b\[[0-9;?]*[A-Za-z]/g, '');
      const trimmed = clean.endsWith('\r') ? clean.slice(0, -1) : clean;
      return trimmed.slice(trimmed.lastIndexOf('\r') + 1);
    });
}

interface Section { kind: string; ts: number; name: string }
function sections(log: string): Section[] {
  return [...log.matchAll(SECTION)].map((m) => ({ kind: m[1] ?? '', ts: Number(m[2]), name: m[3] ?? '' }));
}

/** Walks the sections as GitLab does; returns the unmatched ends, throws on bad nesting. */
function checkNesting(list: Section[]): { unmatched: string[]; maxDepth: number } {
  const stack: string[] = [];
  const unmatched: string[] = [];
  let maxDepth = 0;
  for (const s of list) {
    if (s.kind === 'start') {
      stack.push(s.name);
      maxDepth = Math.max(maxDepth, stack.length);
    } else if (stack.at(-1) === s.name) {
      stack.pop();
    } else if (stack.includes(s.name)) {
      throw new Error(`section ${s.name} ends across an open inner section (${stack.join(' > ')})`);
    } else {
      unmatched.push(s.name);
    }
  }
  if (stack.length > 0) throw new Error(`unclosed sections: ${stack.join(', ')}`);
  return { unmatched, maxDepth };
}

describe('renderLog', () => {
  it('is deterministic for a spec and varies with the seed', () => {
    expect(renderLog(spec())).toBe(renderLog(spec()));
    expect(renderLog(spec({ seed: 8 }))).not.toBe(renderLog(spec()));
  });

  it('reads like a GitLab runner log, in GitLab order, and ends with "Job succeeded"', () => {
    const lines = visibleLines(renderLog(spec()));
    const order = [
      /^Running with gitlab-runner 17\.\d+\.\d+ \([0-9a-f]{8}\)$/,
      /^Preparing the "docker" executor$/,
      /^Getting source from Git repository$/,
      /^Checking out 0ff3ae19 as detached HEAD \(ref is main\)\.\.\.$/,
      /^Executing "step_script" stage of the job script$/,
      /^\$ /,
      /^Uploading artifacts for successful job$/,
      /^Cleaning up project directory and file based variables$/,
      /^Job succeeded$/,
    ];
    let from = 0;
    for (const re of order) {
      const i = lines.findIndex((l, idx) => idx >= from && re.test(l));
      expect(i, `${re} after line ${from}`).toBeGreaterThanOrEqual(from);
      from = i + 1;
    }
    expect(lines.filter((l) => l !== '').at(-1)).toBe('Job succeeded');
  });

  it('ends a failed job with a red failing command, then ERROR: Job failed: exit code 1', () => {
    for (const jobName of ['rspec 2/3', 'jest', 'build-cpp', 'deploy-production']) {
      const log = renderLog(spec({ jobName, outcome: 'failed' }));
      const visible = visibleLines(log).filter((l) => l !== '');
      expect(visible.at(-1), jobName).toBe('ERROR: Job failed: exit code 1');
      expect(visible).toContain('Uploading artifacts for failed job');
      expect(visible).not.toContain('Job succeeded');
      expect(log).toContain('\x1b[31;1mERROR: Job failed: exit code 1');
      // The failing command's output is red, just before the script section closes.
      const scriptEnd = /section_end:\d+:step_script\r/.exec(log);
      expect(scriptEnd).not.toBeNull();
      const lastLines = log.slice(0, scriptEnd?.index).split('\n').slice(-6).join('\n');
      expect(lastLines, jobName).toMatch(/\x1b\[(0;)?31m|\x1b\[01;31m|\x1b\[41m/);
    }
  });

  it('ends with the runner\'s line for the failure reason', () => {
    const last = (failureReason?: string): string | undefined =>
      visibleLines(renderLog(spec({ outcome: 'failed', failureReason }))).filter((l) => l !== '').at(-1);
    expect(last()).toBe('ERROR: Job failed: exit code 1');
    expect(last('script_failure')).toBe('ERROR: Job failed: exit code 1');
    expect(last('job_execution_timeout')).toBe('ERROR: Job failed: execution took longer than 1h0m0s seconds');
    expect(last('runner_system_failure')).toMatch(/^ERROR: Job failed \(system failure\): /);
  });

  it('keeps sections balanced and nested, apart from the deliberate stray ends', () => {
    let strays = 0;
    let deepest = 0;
    for (let seed = 1; seed <= 12; seed++) {
      const log = renderLog(spec({ seed, targetBytes: seed % 3 === 0 ? 300_000 : undefined }));
      const { unmatched, maxDepth } = checkNesting(sections(log));
      strays += unmatched.length;
      deepest = Math.max(deepest, maxDepth);
      const names = sections(log).filter((s) => s.kind === 'start').map((s) => s.name);
      for (const u of unmatched) expect(names).not.toContain(u);
    }
    expect(strays).toBeGreaterThan(0);
    expect(deepest).toBeGreaterThanOrEqual(3); // step_script > integration suite > spec group
  });

  it('writes section times from startedAt to startedAt + durationSec, never backwards', () => {
    for (const durationSec of [0, 3, 187, 7200]) {
      const log = renderLog(spec({ durationSec, targetBytes: 200_000 }));
      const list = sections(log);
      const first = Math.floor(START / 1000);
      const last = Math.floor((START + durationSec * 1000) / 1000);
      expect(list[0]?.ts).toBe(first);
      expect(list.at(-1)?.ts).toBe(last);
      for (let i = 1; i < list.length; i++) {
        expect(list[i]?.ts ?? 0).toBeGreaterThanOrEqual(list[i - 1]?.ts ?? 0);
      }
      const script = list.filter((s) => s.name === 'step_script');
      expect(script).toHaveLength(2);
      if (durationSec >= 187) expect((script[1]?.ts ?? 0) - (script[0]?.ts ?? 0)).toBeGreaterThan(durationSec * 0.5);
    }
  });

  it('prefixes every line with the runner timestamp when timestamps are on', () => {
    const s = spec({ timestamps: true, targetBytes: 400_000, seed: 2 });
    const log = renderLog(s);
    expect(log.endsWith('\n')).toBe(true);
    const lines = log.slice(0, -1).split('\n');
    let previous = '';
    let continuations = 0;
    for (const line of lines) {
      const m = TS_PREFIX.exec(line);
      expect(m, JSON.stringify(line.slice(0, 60))).not.toBeNull();
      if (!m) continue;
      expect(m[0]).toHaveLength(32);
      const time = m[1] ?? '';
      expect(time >= previous).toBe(true);
      previous = time;
      expect(Date.parse(time)).toBeGreaterThanOrEqual(START);
      expect(Date.parse(time)).toBeLessThanOrEqual(START + s.durationSec * 1000);
      if (m[4] === '+') continuations++;
    }
    expect(continuations).toBeGreaterThan(0);
    expect(lines[0]).toMatch(/^2024-05-22T12:43:46\.962000Z 00O \x1b\[0KRunning with gitlab-runner/);
    expect(log).toMatch(/^\S+ 01E /m);
  });

  it('holds the same text with and without timestamps, once prefixes are read as GitLab does', () => {
    const plain = renderLog(spec({ targetBytes: 300_000, seed: 4 }));
    const stamped = renderLog(spec({ targetBytes: 300_000, seed: 4, timestamps: true }));
    const rebuilt: string[] = [];
    for (const line of stamped.slice(0, -1).split('\n')) {
      const body = line.slice(32);
      if (line[31] === '+') rebuilt[rebuilt.length - 1] += body;
      else rebuilt.push(body);
    }
    // Section times follow byte offsets, which the prefixes shift: compare without them.
    const norm = (lines: string[]): string[] =>
      lines.map((l) => l.replace(/section_(start|end):\d+:/, 'section_$1:T:').replace(/FF_TIMESTAMPS:\w+/, 'FF_TIMESTAMPS:x'));
    const plainLines = norm(plain.slice(0, -1).split('\n'));
    const rebuiltLines = norm(rebuilt);
    // The padding stops at a different point (prefixes count towards targetBytes), so
    // compare the head and the tail.
    expect(rebuiltLines.slice(0, 300)).toEqual(plainLines.slice(0, 300));
    const tail = (lines: string[]): string[] => lines.slice(lines.findIndex((l) => l.includes('section_end:T:step_script')) - 3);
    expect(tail(rebuiltLines).length).toBeGreaterThan(10);
    expect(tail(rebuiltLines)).toEqual(tail(plainLines));
  });

  it('prints the variables a manual job was played with', () => {
    const log = renderLog(spec({ variables: [{ key: 'DEPLOY_ENV', value: 'staging' }, { key: 'DRY_RUN', value: 'true' }] }));
    const lines = visibleLines(log);
    expect(lines).toContain('$ echo "DEPLOY_ENV=$DEPLOY_ENV"');
    expect(lines).toContain('DEPLOY_ENV=staging');
    expect(lines).toContain('DRY_RUN=true');
  });

  it('carries the hard parts a viewer must handle', () => {
    const logs = [1, 2, 3, 4, 5, 6].map((seed) => renderLog(spec({ seed })));
    const log = logs[0] ?? '';
    expect(log).toMatch(/\x1b\[38;5;\d+m/); // 256 colours
    expect(log).toMatch(/\x1b\[38;2;\d+;\d+;\d+m/); // truecolor
    expect(log).toMatch(/\x1b\[48;5;\d+m/);
    expect(log).toContain('\x1b[1;4m'); // bold + underline
    for (const code of ['90', '97', '41', '104', '21', '24', '8', '28', '3', '23', '9', '29', '49', '39']) {
      expect(log, `SGR ${code}`).toContain(`\x1b[${code}m`);
    }
    // A style that opens on one line and is reset only lines later.
    expect(log).toMatch(/\x1b\[33mDEPRECATION WARNING: [^\x1b\n]*\n[^\x1b\n]*\n[^\x1b\n]*\x1b\[0m\n/);
    expect(log).toMatch(/[^\n\r]\r[^\n]/); // \r progress redraws
    expect(log).toMatch(/\r\n/);
    expect(log).toMatch(/\x1b\]8;;https?:\/\//); // OSC 8 hyperlink, to be dropped
    expect(log).toContain('\x1b[1A\x1b[2K'); // cursor up + erase line, to be dropped
    expect(log).toMatch(/https:\/\/[^\s"]+/);
    expect(log).toMatch(/[^\x00-\x7f]/);
    expect(log).toContain('<script>alert(1)</script>');
    expect(log).toContain('<img src=x onerror=alert(document.cookie)>');
    expect(log).toContain('[collapsed=true]');
    // Very long lines (minified JSON) in some logs.
    const longest = Math.max(...logs.flatMap((l) => l.split('\n').map((x) => x.length)));
    expect(longest).toBeGreaterThan(10_000);
    expect(logs.filter((l) => l.split('\n').some((x) => x.length > 10_000)).length).toBeLessThan(logs.length);
  });

  it('pads to targetBytes with varied output', () => {
    const log = renderLog(spec({ targetBytes: 1_000_000 }));
    const bytes = Buffer.byteLength(log);
    expect(bytes).toBeGreaterThanOrEqual(1_000_000);
    expect(bytes).toBeLessThan(1_100_000);
    for (const marker of ['Building CXX object', ' PASS ', 'Started GET', 'added ', 'examples', 'vite v']) {
      expect(log, marker).toContain(marker);
    }
    expect(visibleLines(log).filter((l) => l !== '').at(-1)).toBe('Job succeeded');
  });

  // How long the simulator takes to build it is not asserted: a timed test fails on a busy
  // machine, and it is the simulator's cost, not the dashboard's (the benches time the viewer).
  it('builds a 50 MB log of the size asked for', () => {
    const log = renderLog(spec({ jobName: 'huge-log', targetBytes: 50_000_000 }));
    expect(log.length).toBeGreaterThanOrEqual(50_000_000);
    expect(log.length).toBeLessThan(50_500_000);
  });
});

describe('logPrefixAt', () => {
  const full = renderLog(spec({ targetBytes: 100_000, seed: 9 }));

  it('grows monotonically from nothing to the whole log', () => {
    expect(logPrefixAt(full, 0)).toBe('');
    expect(logPrefixAt(full, 1)).toBe(full);
    expect(logPrefixAt(full, -1)).toBe('');
    expect(logPrefixAt(full, 2)).toBe(full);
    let previous = '';
    for (let i = 0; i <= 200; i++) {
      const p = logPrefixAt(full, i / 200);
      expect(full.startsWith(p)).toBe(true);
      expect(p.startsWith(previous)).toBe(true);
      previous = p;
    }
  });

  it('cuts anywhere, including inside escapes and section lines, but never inside a character', () => {
    const cuts = Array.from({ length: 5000 }, (_, i) => logPrefixAt(full, i / 5000));
    expect(cuts.some((p) => /\x1b(\[[0-9;]*)?$/.test(p))).toBe(true);
    expect(cuts.some((p) => /section_(start|end):\d*$/.test(p))).toBe(true);
    // A log without sections is cut by bytes: a cut inside the emoji backs off before it.
    expect(logPrefixAt('ab🚀cd', 3 / 6)).toBe('ab');
    expect(logPrefixAt('ab🚀cd', 4 / 6)).toBe('ab🚀');
    for (const p of cuts) {
      const last = p.charCodeAt(p.length - 1);
      expect(last >= 0xd800 && last <= 0xdbff).toBe(false);
    }
  });
});

describe('logPrefixAt follows the log\'s clock', () => {
  it('never shows a section that starts after the time reached', () => {
    const durationSec = 600;
    const full = renderLog(spec({ durationSec, targetBytes: 200_000, seed: 5 }));
    const first = Math.floor(START / 1000);
    for (const f of [0.01, 0.05, 0.1, 0.25, 0.5, 0.75, 0.9, 0.99]) {
      const part = logPrefixAt(full, f);
      const now = first + f * durationSec;
      for (const s of sections(part)) expect(s.ts, `fraction ${f}`).toBeLessThanOrEqual(now);
      // And it has written about as much as the clock says: the next marker is in the future.
      const rest = sections(full.slice(part.length));
      if (rest[0]) expect(rest[0].ts + 1).toBeGreaterThan(now);
    }
    // Preparing the executor takes ~10% of the time but few bytes: at 5% we are still in it.
    expect(logPrefixAt(full, 0.05)).not.toContain('Getting source from Git repository');
    expect(logPrefixAt(full, 0.5)).toContain('Executing "step_script" stage of the job script');
  });
});

describe('canceledTail', () => {
  it('says the job was canceled, on a line of its own', () => {
    const tail = canceledTail();
    expect(tail.startsWith('\n')).toBe(true);
    expect(visibleLines(tail)).toContain('ERROR: Job failed: canceled');
    const stamped = canceledTail({ at: START, timestamps: true });
    for (const line of stamped.slice(1, -1).split('\n')) expect(line).toMatch(TS_PREFIX);
  });

  it('keeps every line of a timestamped partial log prefixed, wherever it was cut', () => {
    const full = renderLog(spec({ timestamps: true, seed: 3 }));
    for (const fraction of [0, 0.1, 0.37, 0.5, 0.93]) {
      const midLine = logPrefixAt(full, fraction);
      const atLineEnd = midLine.slice(0, midLine.lastIndexOf('\n') + 1);
      for (const cut of [atLineEnd, midLine]) {
        const log = cut + canceledTail({ at: START + 60_000, timestamps: true, after: cut });
        // The lines after the cut one: whole runner records, never an empty unprefixed line.
        const added = log.slice(0, -1).split('\n').slice(cut === atLineEnd ? atLineEnd.split('\n').length - 1 : cut.split('\n').length);
        expect(added).toHaveLength(3);
        for (const line of added) expect(line, JSON.stringify(line)).toMatch(TS_PREFIX);
        expect(added.map((l) => l.slice(32))).toContain('\x1b[31;1mERROR: Job failed: canceled');
      }
    }
  });
});

/**
 * JUnit XML (rspec_junit_formatter, jest-junit, pytest, surefire, go-junit-report…) as a test
 * report: suites with counts and time, cases with status, message, details and duration,
 * failing suites and failed cases first. Parsed with the platform's DOMParser (XML mode: no
 * scripts, no external entities); the text only ever reaches the screen as text.
 */

export type CaseStatus = 'failed' | 'error' | 'skipped' | 'passed';

export interface JunitCase {
  name: string;
  classname?: string;
  file?: string;
  status: CaseStatus;
  /** The failure/error/skipped message (its `message` attribute, else its first line). */
  message?: string;
  /** The failure's type (e.g. an exception class). */
  type?: string;
  /** The failure's body: stack trace, diff. */
  details?: string;
  /** Seconds; null when absent or unreadable. */
  durationSec: number | null;
  systemOut?: string;
  systemErr?: string;
}

export interface JunitCounts {
  tests: number;
  failures: number;
  errors: number;
  skipped: number;
  passed: number;
  /** Seconds: the suite's `time`, else the sum of its cases'. */
  timeSec: number | null;
}

export interface JunitSuite extends JunitCounts {
  name: string;
  timestamp?: string;
  hostname?: string;
  /** Failed and errored cases first, then skipped, then passed; document order within each. */
  cases: JunitCase[];
}

export interface JunitReport {
  name?: string;
  /** Suites with failures or errors first. */
  suites: JunitSuite[];
  totals: JunitCounts;
}

export class JunitParseError extends Error {
  override readonly name = 'JunitParseError';
}

/** Longest failure body kept per case: a report is for reading, the file has the rest. */
export const MAX_DETAILS_CHARS = 64 * 1024;

const STATUS_ORDER: Record<CaseStatus, number> = { failed: 0, error: 0, skipped: 1, passed: 2 };

interface ParserLike {
  parseFromString(text: string, type: 'application/xml'): Document;
}

function defaultParser(): ParserLike | null {
  const Ctor = (globalThis as { DOMParser?: new () => ParserLike }).DOMParser;
  return Ctor ? new Ctor() : null;
}

function seconds(raw: string | null): number | null {
  if (raw === null) return null;
  const n = Number(raw.trim().replace(/,/g, ''));
  return Number.isFinite(n) && n >= 0 ? n : null;
}

function clip(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max)}\n… (${text.length - max} more characters in the file)` : text;
}

function childElements(el: Element, name: string): Element[] {
  const out: Element[] = [];
  for (const c of Array.from(el.children)) if (c.localName === name) out.push(c);
  return out;
}

function textOf(el: Element | undefined): string | undefined {
  const t = el?.textContent ?? '';
  return t.trim() === '' ? undefined : t.replace(/^\n+|\s+$/g, '');
}

function parseCase(el: Element): JunitCase {
  const failure = childElements(el, 'failure')[0];
  const error = childElements(el, 'error')[0];
  const skipped = childElements(el, 'skipped')[0];
  const problem = failure ?? error;
  const status: CaseStatus = failure ? 'failed' : error ? 'error' : skipped ? 'skipped' : 'passed';
  const c: JunitCase = { name: el.getAttribute('name') ?? '(unnamed)', status, durationSec: seconds(el.getAttribute('time')) };
  const classname = el.getAttribute('classname');
  if (classname) c.classname = classname;
  const file = el.getAttribute('file');
  if (file) c.file = file;
  const marker = problem ?? skipped;
  if (marker) {
    const body = textOf(marker);
    const message = marker.getAttribute('message') ?? body?.split('\n')[0];
    if (message) c.message = clip(message, 2000);
    const type = marker.getAttribute('type');
    if (type) c.type = type;
    if (problem && body) c.details = clip(body, MAX_DETAILS_CHARS);
  }
  const out = textOf(childElements(el, 'system-out')[0]);
  if (out) c.systemOut = clip(out, MAX_DETAILS_CHARS);
  const err = textOf(childElements(el, 'system-err')[0]);
  if (err) c.systemErr = clip(err, MAX_DETAILS_CHARS);
  return c;
}

function count(cases: JunitCase[], timeSec: number | null): JunitCounts {
  const by = (s: CaseStatus) => cases.filter((c) => c.status === s).length;
  const summed = cases.reduce((n, c) => n + (c.durationSec ?? 0), 0);
  return {
    tests: cases.length,
    failures: by('failed'),
    errors: by('error'),
    skipped: by('skipped'),
    passed: by('passed'),
    timeSec: timeSec ?? (cases.some((c) => c.durationSec !== null) ? Math.round(summed * 1000) / 1000 : null),
  };
}

function sortCases(cases: JunitCase[]): JunitCase[] {
  return cases
    .map((c, i) => ({ c, i }))
    .sort((a, b) => STATUS_ORDER[a.c.status] - STATUS_ORDER[b.c.status] || a.i - b.i)
    .map((x) => x.c);
}

/**
 * Parses a JUnit report. Throws JunitParseError for XML that does not parse, a root that is
 * neither <testsuites> nor <testsuite>, or where no DOMParser exists (a worker, Node).
 */
export function parseJunitXml(text: string, parser: ParserLike | null = defaultParser()): JunitReport {
  if (!parser) throw new JunitParseError('No XML parser here (DOMParser is missing): parse JUnit reports on the page, not in a worker.');
  const doc = parser.parseFromString(text.replace(/^\uFEFF/, ''), 'application/xml');
  const error = doc.getElementsByTagName('parsererror')[0];
  if (error) {
    const why = (error.textContent ?? '').trim().split('\n')[0] ?? '';
    throw new JunitParseError(`This file is not well-formed XML${why ? `: ${why.slice(0, 300)}` : ''}.`);
  }
  const root = doc.documentElement;
  if (!root || (root.localName !== 'testsuites' && root.localName !== 'testsuite')) {
    throw new JunitParseError(`This XML is not a JUnit report (its root is <${root?.localName ?? 'nothing'}>, not <testsuites> or <testsuite>).`);
  }
  const suiteEls = root.localName === 'testsuite' ? [root, ...Array.from(root.getElementsByTagName('testsuite'))] : Array.from(root.getElementsByTagName('testsuite'));
  const suites: JunitSuite[] = [];
  for (const el of suiteEls) {
    const caseEls = childElements(el, 'testcase');
    // A suite that only groups other suites carries no cases of its own.
    if (caseEls.length === 0 && childElements(el, 'testsuite').length > 0) continue;
    const cases = caseEls.map(parseCase);
    const suite: JunitSuite = { name: el.getAttribute('name') ?? '(unnamed suite)', ...count(cases, seconds(el.getAttribute('time'))), cases: sortCases(cases) };
    if (caseEls.length === 0) {
      // Some tools write only the counts.
      const n = (a: string) => Math.max(0, Math.floor(seconds(el.getAttribute(a)) ?? 0));
      suite.tests = n('tests');
      suite.failures = n('failures');
      suite.errors = n('errors');
      suite.skipped = n('skipped') || n('disabled');
      suite.passed = Math.max(0, suite.tests - suite.failures - suite.errors - suite.skipped);
    }
    const timestamp = el.getAttribute('timestamp');
    if (timestamp) suite.timestamp = timestamp;
    const hostname = el.getAttribute('hostname');
    if (hostname) suite.hostname = hostname;
    suites.push(suite);
  }
  // Cases placed straight under <testsuites> (seen from some tools) form a suite of their own.
  if (root.localName === 'testsuites') {
    const loose = childElements(root, 'testcase').map(parseCase);
    if (loose.length > 0) suites.push({ name: root.getAttribute('name') ?? '(cases outside a suite)', ...count(loose, null), cases: sortCases(loose) });
  }
  const failing = (s: JunitSuite) => (s.failures + s.errors > 0 ? 0 : 1);
  const ordered = suites.map((s, i) => ({ s, i })).sort((a, b) => failing(a.s) - failing(b.s) || a.i - b.i).map((x) => x.s);
  const sum = (k: 'tests' | 'failures' | 'errors' | 'skipped' | 'passed') => suites.reduce((n, s) => n + s[k], 0);
  const times = suites.map((s) => s.timeSec).filter((t): t is number => t !== null);
  const report: JunitReport = {
    suites: ordered,
    totals: {
      tests: sum('tests'),
      failures: sum('failures'),
      errors: sum('errors'),
      skipped: sum('skipped'),
      passed: sum('passed'),
      timeSec: root.localName === 'testsuites' && seconds(root.getAttribute('time')) !== null ? seconds(root.getAttribute('time')) : times.length ? Math.round(times.reduce((a, b) => a + b, 0) * 1000) / 1000 : null,
    },
  };
  const name = root.getAttribute('name');
  if (name) report.name = name;
  return report;
}

/** "2.314 s", "12 ms", "1 min 05 s": a duration as the report shows it. */
export function formatDuration(sec: number | null): string {
  if (sec === null) return '';
  if (sec < 1) return `${Math.round(sec * 1000)} ms`;
  if (sec < 60) return `${Number(sec.toFixed(sec < 10 ? 3 : 1))} s`;
  const m = Math.floor(sec / 60);
  const s = Math.round(sec - m * 60);
  return `${m} min ${String(s).padStart(2, '0')} s`;
}

// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { makeJunitXml } from '../../../../gitlab-sim/content/artifacts.ts';
import { JunitParseError, formatDuration, parseJunitXml } from './junit.ts';

describe('parseJunitXml', () => {
  it('reads the simulator\'s rspec-style report: counts, failed first, messages, details, durations', () => {
    const report = parseJunitXml(makeJunitXml(1, 'rspec 1/3'));
    expect(report.name).toBe('rspec 1/3');
    expect(report.totals).toMatchObject({ failures: 2, errors: 0, skipped: 1 });
    expect(report.totals.tests).toBe(report.totals.passed + 3);
    // Suites with failures first, in document order among themselves.
    expect(report.suites.map((s) => s.name).slice(0, 2)).toEqual(['API::Ci::Jobs', 'rspec 1/3 smoke']);
    const smoke = report.suites[1];
    expect(smoke?.cases[0]).toMatchObject({ status: 'failed', name: 'boots the app', message: 'Timeout::Error: execution expired after 12.5 s', durationSec: 12.5, classname: 'Smoke' });
    const ansi = report.suites.find((s) => s.name === 'Gitlab::Ci::Ansi2json');
    expect(ansi?.cases.map((c) => c.status).indexOf('skipped')).toBeLessThan(ansi?.cases.map((c) => c.status).indexOf('passed') ?? -1);
    expect(ansi?.cases.find((c) => c.status === 'skipped')?.message).toBe('Temporarily skipped with xit');
  });

  it('reads a lone <testsuite> root, errors, system-out and unreadable times', () => {
    const report = parseJunitXml(`<?xml version="1.0"?>
<testsuite name="pytest" time="1,234.5">
  <testcase classname="t.a" name="ok" time="0.01"/>
  <testcase classname="t.a" name="boom" time="x"><error type="ValueError">Traceback (most recent call last):
  File "t.py", line 3
ValueError: bad</error><system-out>printed</system-out></testcase>
</testsuite>`);
    expect(report.suites).toHaveLength(1);
    const s = report.suites[0];
    expect(s).toMatchObject({ name: 'pytest', tests: 2, errors: 1, failures: 0, passed: 1, timeSec: 1234.5 });
    expect(s?.cases[0]).toMatchObject({ name: 'boom', status: 'error', type: 'ValueError', message: 'Traceback (most recent call last):', durationSec: null, systemOut: 'printed' });
    expect(s?.cases[0]?.details).toContain('ValueError: bad');
  });

  it('skips grouping suites, keeps suites that only carry counts, and cases straight under the root', () => {
    const report = parseJunitXml(`<testsuites>
  <testsuite name="outer"><testsuite name="inner"><testcase name="a"/></testsuite></testsuite>
  <testsuite name="summary-only" tests="4" failures="1" errors="0" skipped="1"/>
  <testcase name="loose"><failure message="nope"/></testcase>
</testsuites>`);
    expect(report.suites.map((s) => s.name)).toEqual(['summary-only', '(cases outside a suite)', 'inner']);
    expect(report.suites[0]).toMatchObject({ tests: 4, failures: 1, skipped: 1, passed: 2 });
    expect(report.totals).toMatchObject({ tests: 6, failures: 2, passed: 3 });
  });

  it('keeps hostile text as text', () => {
    const report = parseJunitXml('<testsuite name="x"><testcase name="&lt;img src=x onerror=alert(1)&gt;"><failure message="&lt;script&gt;">&lt;b&gt;</failure></testcase></testsuite>');
    expect(report.suites[0]?.cases[0]).toMatchObject({ name: '<img src=x onerror=alert(1)>', message: '<script>', details: '<b>' });
  });

  it('throws a clear error for malformed XML, a non-JUnit root, external entities, or no parser', () => {
    expect(() => parseJunitXml('<testsuites><testsuite>')).toThrow(JunitParseError);
    expect(() => parseJunitXml('<testsuites><testsuite>')).toThrow(/not well-formed XML/);
    expect(() => parseJunitXml('<coverage/>')).toThrow(/root is <coverage>/);
    expect(() => parseJunitXml('<!DOCTYPE x SYSTEM "http://attacker.example/x.dtd"><testsuite>&ext;</testsuite>')).toThrow(JunitParseError);
    expect(() => parseJunitXml('<testsuite/>', null)).toThrow(/DOMParser is missing/);
  });
});

describe('formatDuration', () => {
  it.each([
    [null, ''],
    [0.004, '4 ms'],
    [2.314, '2.314 s'],
    [12.5, '12.5 s'],
    [65.2, '1 min 05 s'],
  ])('%s → %j', (sec, text) => {
    expect(formatDuration(sec)).toBe(text);
  });
});

import { useId } from 'react';
import { formatDuration } from './model/index.ts';
import type { CaseStatus, JunitCase, JunitCounts, JunitReport, JunitSuite } from './model/index.ts';

const STATUS_WORD: Record<CaseStatus, string> = { failed: 'Failed', error: 'Error', skipped: 'Skipped', passed: 'Passed' };
const STATUS_TONE: Record<CaseStatus, string> = { failed: 'danger', error: 'danger', skipped: 'neutral', passed: 'success' };

function countsText(c: JunitCounts): string {
  const parts = [`${c.tests} ${c.tests === 1 ? 'test' : 'tests'}`, `${c.failures} failed`];
  if (c.errors > 0) parts.push(`${c.errors} ${c.errors === 1 ? 'error' : 'errors'}`);
  parts.push(`${c.skipped} skipped`, `${c.passed} passed`);
  const time = formatDuration(c.timeSec);
  return time ? `${parts.join(', ')} · ${time}` : parts.join(', ');
}

/** A JUnit report: totals, then suites (failing first), each with its cases (failed first) and their messages. */
export function JunitReportView({ report, label }: { report: JunitReport; label: string }) {
  return (
    <section className="junit" aria-label={label}>
      <p className="junit__totals">
        <strong>{report.totals.failures + report.totals.errors > 0 ? 'Failing' : 'Passing'}:</strong> {countsText(report.totals)}
      </p>
      {report.suites.length === 0 ? <p className="muted">This report has no test suites.</p> : null}
      {report.suites.map((suite, i) => (
        <SuiteView key={`${suite.name}-${i}`} suite={suite} />
      ))}
    </section>
  );
}

function SuiteView({ suite }: { suite: JunitSuite }) {
  const id = useId();
  return (
    <section className="junit__suite" aria-labelledby={id}>
      <h3 id={id} className="junit__suite-name">
        {suite.name}
      </h3>
      <p className="muted junit__suite-counts">{countsText(suite)}</p>
      {suite.cases.length > 0 ? (
        <ul className="junit__cases" aria-label={`Test cases of ${suite.name}`}>
          {suite.cases.map((c, i) => (
            <CaseView key={`${c.classname ?? ''}-${c.name}-${i}`} testCase={c} />
          ))}
        </ul>
      ) : null}
    </section>
  );
}

function CaseView({ testCase: c }: { testCase: JunitCase }) {
  const failed = c.status === 'failed' || c.status === 'error';
  return (
    <li className={`junit__case junit__case--${c.status}`} data-status={c.status}>
      <div className="junit__case-head">
        <span className={`junit__status tone-${STATUS_TONE[c.status]}`}>{STATUS_WORD[c.status]}</span>
        <span className="junit__case-name">{c.name}</span>
        {c.classname ? <span className="muted junit__classname">{c.classname}</span> : null}
        <span className="muted junit__duration">{formatDuration(c.durationSec)}</span>
      </div>
      {c.message ? <p className={failed ? 'junit__message' : 'junit__message muted'}>{c.type ? `${c.type}: ${c.message}` : c.message}</p> : null}
      {c.file ? <p className="muted junit__file">{c.file}</p> : null}
      {c.details && c.details !== c.message ? (
        <details className="junit__details">
          <summary>Details</summary>
          <pre>{c.details}</pre>
        </details>
      ) : null}
      {c.systemOut || c.systemErr ? (
        <details className="junit__details">
          <summary>Output</summary>
          {c.systemOut ? <pre>{c.systemOut}</pre> : null}
          {c.systemErr ? <pre>{c.systemErr}</pre> : null}
        </details>
      ) : null}
    </li>
  );
}

import { cleanup, render } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Culprit } from '../gitlab/index.ts';
import { FailingSince } from './failing-since.tsx';

afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

const culprit: Culprit = {
  pipelineId: 1724,
  pipelineIid: 88,
  pipelineUrl: null,
  shortSha: 'b08c584',
  title: 'Log slow SQL queries',
  author: 'Alice',
  at: '2026-01-01T04:00:00Z',
};

describe('FailingSince', () => {
  it.each([
    [{ state: 'failing', bound: 'passed', failures: 3, flaky: false }, false, "Failing since #1724, b08c584 'Log slow SQL queries' by Alice, 8 hours ago (3 pipelines)"],
    [{ state: 'failing', bound: 'passed', failures: 1, flaky: true }, true, 'Failing since #1724, b08c584 by Alice, 8 hours ago · flaky'],
    [{ state: 'failing', bound: 'window', failures: 21, flaky: false }, true, 'Failing since at least #1724, b08c584 by Alice, 8 hours ago (21 pipelines)'],
    [{ state: 'failing', bound: 'never-passed', failures: 5, flaky: false }, true, 'Never passed, failing since #1724, b08c584 by Alice, 8 hours ago (5 pipelines)'],
  ] as const)('%j (compact %s) reads %s', (since, compact, text) => {
    vi.useFakeTimers({ now: new Date('2026-01-01T12:00:00Z'), toFake: ['Date'] });
    const { container } = render(<FailingSince since={since} culprit={culprit} compact={compact} />);
    expect(container.textContent).toBe(text);
  });

  it('draws nothing for a job that is not failing or while unknown', () => {
    const { container } = render(<FailingSince since={{ state: 'not-failing', bound: null, failures: 0, flaky: false }} culprit={culprit} />);
    expect(container.textContent).toBe('');
    render(<FailingSince since={null} culprit={null} />);
    expect(container.textContent).toBe('');
  });
});

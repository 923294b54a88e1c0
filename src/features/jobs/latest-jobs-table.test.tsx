import { cleanup, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { Job } from '../../gitlab/index.ts';
import { LatestJobsTable } from './latest-jobs-table.tsx';

afterEach(cleanup);

const job = (over: Partial<Job> & Pick<Job, 'id' | 'name' | 'status'>): Job => ({ ...over }) as Job;

describe('LatestJobsTable', () => {
  it('shows id, name, stage, status, ref and duration, in GitLab’s words', () => {
    render(
      <LatestJobsTable
        caption="Latest jobs of acme/x"
        fetchedAt={Date.now()}
        jobs={[
          job({ id: 7, name: 'rspec 1/3', status: 'success', stage: 'test', ref: 'main', duration: 65.2, web_url: 'https://gitlab.example.com/acme/x/-/jobs/7' }),
          job({ id: 8, name: 'flaky', status: 'failed', allow_failure: true, stage: 'test', ref: 'main', duration: 3 }),
          job({ id: 9, name: 'future', status: 'quantum_superposition' }),
        ]}
      />,
    );
    const table = screen.getByRole('table', { name: 'Latest jobs of acme/x' });
    expect(within(table).getAllByRole('columnheader').map((h) => h.textContent)).toEqual(['Job', 'Name', 'Stage', 'Status', 'Ref', 'Duration']);
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows.map((r) => within(r).getAllByRole('cell').map((c) => c.textContent))).toEqual([
      ['#7', 'rspec 1/3', 'test', 'passed', 'main', '1m 05s'],
      ['#8', 'flaky', 'test', 'failed (allowed to fail)', 'main', '3s'],
      ['#9', 'future', '–', 'quantum_superposition', '–', '–no duration'],
    ]);
  });

  it('links a job to GitLab only through an http(s) web_url', () => {
    render(
      <LatestJobsTable
        caption="jobs"
        fetchedAt={0}
        jobs={[
          job({ id: 1, name: 'a', status: 'success', web_url: 'https://gitlab.example.com/a/-/jobs/1' }),
          job({ id: 2, name: 'b', status: 'success', web_url: 'javascript:alert(1)' }),
        ]}
      />,
    );
    const link = screen.getByRole('link', { name: /Job 1 in GitLab/ });
    expect(link.getAttribute('href')).toBe('https://gitlab.example.com/a/-/jobs/1');
    expect(link.getAttribute('rel')).toContain('noopener');
    expect(screen.queryByRole('link', { name: /Job 2/ })).toBeNull();
    expect(screen.getByText('#2')).toBeTruthy();
  });

  it('escapes names from GitLab', () => {
    const { container } = render(<LatestJobsTable caption="jobs" fetchedAt={0} jobs={[job({ id: 3, name: '<img src=x onerror=alert(1)>', status: 'success' })]} />);
    expect(container.querySelector('img')).toBeNull();
    expect(screen.getByText('<img src=x onerror=alert(1)>')).toBeTruthy();
  });
});

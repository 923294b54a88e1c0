// BulkJobActions against the in-process simulated GitLab: a result per selected job, refusals
// listed, disabled for a read-only token.
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { READ_TOKEN_REASON } from './model/availability.ts';
import { findJob, READ_TOKEN, simConnection } from './test-helpers.ts';
import { BulkJobActions, renderWithApp, setUpJobActionsTests, sim } from './job-actions-test-helpers.tsx';

setUpJobActionsTests();

describe('BulkJobActions', () => {
  it('retries the selected failed jobs with a result per job', async () => {
    const user = userEvent.setup();
    const conn = simConnection(sim);
    const failed = await findJob(conn, 1, (j) => j.status === 'failed' && j.ref === 'main' && j.name.startsWith('rspec'));
    const failedLint = await findJob(conn, 1, (j) => j.status === 'failed' && j.name === 'lint');
    const running = await findJob(conn, 1, (j) => j.status === 'running' && j.ref === 'main');
    const onDone = vi.fn();
    renderWithApp(<BulkJobActions connection={conn} projectId={1} jobs={[failed, failedLint, running]} readOnly={false} canWrite={true} onDone={onDone} />);
    const group = screen.getByRole('group', { name: 'Actions on the selected jobs' });
    expect(within(group).getAllByRole('button').map((b) => b.textContent)).toEqual(['Retry 2 failed', 'Cancel 1 running']);
    await user.click(within(group).getByRole('button', { name: 'Retry 2 failed' }));
    const results = await screen.findByRole('list', { name: 'Retried 2 of 2 jobs.' });
    expect(within(results).getAllByRole('listitem')).toHaveLength(2);
    expect(within(results).getAllByRole('link', { name: /Open job #\d+/ })).toHaveLength(2);
    expect(onDone).toHaveBeenCalledWith('retry', expect.any(Array));
  });

  it('cancels the selected running ones; refusals are listed per job', async () => {
    const user = userEvent.setup();
    const conn = simConnection(sim);
    const running = await findJob(conn, 1, (j) => j.status === 'running' && j.ref === 'main');
    const protectedRunning = await findJob(conn, 1, (j) => j.status === 'running' && j.ref === 'production');
    renderWithApp(<BulkJobActions connection={conn} projectId={1} jobs={[running, protectedRunning]} readOnly={false} canWrite={true} />);
    await user.click(screen.getByRole('button', { name: 'Cancel 2 running' }));
    const results = await screen.findByRole('list', { name: 'Canceled 1 of 2 jobs; 1 refused.' });
    const items = within(results).getAllByRole('listitem');
    expect(items[1]?.textContent).toContain('403 Forbidden');
  });

  it('is disabled with the reason for a read-only token', () => {
    const conn = simConnection(sim, READ_TOKEN);
    renderWithApp(<BulkJobActions connection={conn} projectId={1} jobs={[{ id: 1, name: 'a', status: 'failed' }]} readOnly={false} canWrite={false} />);
    const button = screen.getByRole('button', { name: 'Retry 1 failed' });
    expect(button.getAttribute('aria-disabled')).toBe('true');
    expect(button.getAttribute('title')).toBe(READ_TOKEN_REASON);
  });
});

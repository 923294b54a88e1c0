// JobActions rendered against the in-process simulated GitLab, queried by role: what each status
// allows, what GitLab refuses, read-only, and the retry of a trigger job.
import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { fetchJob, fetchJobsPage, fetchJobTrace, type Connection, type Job } from '../../gitlab/index.ts';
import { READ_ONLY_REASON, READ_TOKEN_REASON } from './model/availability.ts';
import { findJob, HOST, READ_TOKEN, simAdmin, simConnection } from './test-helpers.ts';
import { countingConnection, JobActions, JobView, ListView, renderWithApp, setUpJobActionsTests, sim, statusText, toastRegion } from './job-actions-test-helpers.tsx';

setUpJobActionsTests();

describe('JobActions: allowed by status', () => {
  it('cancels a running job; the job page and the list both refresh', async () => {
    const user = userEvent.setup();
    const conn = simConnection(sim);
    const running = await findJob(conn, 1, (j) => j.status === 'running' && j.ref === 'main');
    renderWithApp(
      <>
        <JobView conn={conn} jobId={running.id} />
        <ListView conn={conn} jobId={running.id} />
      </>,
    );
    await screen.findByText('running');
    expect((await screen.findByRole('cell', { name: `#${running.id} status` })).textContent).toBe('running');
    await user.click(screen.getByRole('button', { name: 'Cancel' }));
    await waitFor(() => expect(statusText()).toMatch(/^cancel(ing|ed)$/));
    expect(screen.getByRole('cell', { name: `#${running.id} status` }).textContent).toMatch(/^cancel(ing|ed)$/);
    expect(toastRegion().textContent).toMatch(new RegExp(`Cancel(ing|ed) ${running.name.replace(/[/[\]]/g, '.')}`));
  });

  it('shows only what the status allows', async () => {
    const conn = simConnection(sim);
    const manual = await findJob(conn, 1, (j) => j.status === 'manual' && j.name === 'deploy-production');
    renderWithApp(<JobView conn={conn} jobId={manual.id} layout="toolbar" />);
    const group = await screen.findByRole('group', { name: 'Actions for deploy-production' });
    expect(within(group).getAllByRole('button').map((b) => b.textContent)).toEqual(['Run…']);
  });

  it('retries a failed job and links to the new one from a toast', async () => {
    const user = userEvent.setup();
    const conn = simConnection(sim);
    const failed = await findJob(conn, 1, (j) => j.status === 'failed' && j.ref === 'main' && j.name.startsWith('rspec'));
    const { router } = renderWithApp(<JobView conn={conn} jobId={failed.id} layout="toolbar" />);
    await user.click(await screen.findByRole('button', { name: 'Retry' }));
    const link = await within(toastRegion()).findByRole('link', { name: /^Open job #\d+$/ });
    const newId = Number(/#(\d+)/.exec(link.textContent ?? '')?.[1]);
    expect(newId).toBeGreaterThan(failed.id);
    expect((await fetchJob(conn, 1, newId)).name).toBe(failed.name);
    expect(link.getAttribute('href')).toBe(`/1/-/jobs/${newId}`);
    await user.click(link);
    expect(router.state.location.pathname).toBe(`/1/-/jobs/${newId}`);
  });

  it('hands the new job to onRetried (the job page navigates)', async () => {
    const user = userEvent.setup();
    const conn = simConnection(sim);
    const failed = await findJob(conn, 1, (j) => j.status === 'failed' && j.ref === 'main');
    const onRetried = vi.fn<(job: Job) => void>();
    renderWithApp(<JobView conn={conn} jobId={failed.id} onRetried={onRetried} />);
    await user.click(await screen.findByRole('button', { name: 'Retry' }));
    await waitFor(() => expect(onRetried).toHaveBeenCalledTimes(1));
    expect(onRetried.mock.calls[0]?.[0].id).not.toBe(failed.id);
    expect(onRetried.mock.calls[0]?.[0].status).toBe('pending');
  });

  it('erases a finished job after confirmation; its log is gone', async () => {
    const user = userEvent.setup();
    const conn = simConnection(sim);
    const done = await findJob(conn, 1, (j) => j.status === 'success' && j.name === 'lint' && j.ref === 'main' && !j.erased_at);
    expect((await fetchJobTrace(conn, 1, done.id)).length).toBeGreaterThan(0);
    renderWithApp(<JobView conn={conn} jobId={done.id} layout="toolbar" />);
    await user.click(await screen.findByRole('button', { name: 'Erase' }));
    const dialog = await screen.findByRole('dialog', { name: 'Erase job lint?' });
    expect(dialog.textContent).toContain('cannot be undone');
    // Going back sends nothing.
    await user.click(within(dialog).getByRole('button', { name: 'Go back' }));
    expect(screen.queryByRole('dialog')).toBeNull();
    expect((await fetchJob(conn, 1, done.id)).erased_at ?? null).toBeNull();
    await user.click(screen.getByRole('button', { name: 'Erase' }));
    await user.click(within(await screen.findByRole('dialog')).getByRole('button', { name: 'Erase job' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect((await fetchJob(conn, 1, done.id)).erased_at).toBeTruthy();
    expect(await fetchJobTrace(conn, 1, done.id)).toBe('');
    // The refreshed job no longer offers erase.
    await waitFor(() => expect(screen.queryByRole('button', { name: 'Erase' })).toBeNull());
  });

  it('keeps and deletes artifacts (delete after confirmation)', async () => {
    const user = userEvent.setup();
    const conn = simConnection(sim);
    const withArtifacts = await findJob(conn, 1, (j) => Boolean(j.artifacts_file) && Boolean(j.artifacts_expire_at) && Date.parse(j.artifacts_expire_at ?? '') > Date.now() + 3_600_000);
    renderWithApp(<JobView conn={conn} jobId={withArtifacts.id} layout="menu" />);
    await user.click(await screen.findByRole('button', { name: `Actions for ${withArtifacts.name}` }));
    await user.click(await screen.findByRole('button', { name: 'Keep artifacts' })); // the popover's module comes on the first press
    await waitFor(async () => expect((await fetchJob(conn, 1, withArtifacts.id)).artifacts_expire_at ?? null).toBeNull());
    await waitFor(() => expect(toastRegion().textContent).toContain('will be kept'));
    await user.click(screen.getByRole('button', { name: `Actions for ${withArtifacts.name}` }));
    expect(screen.queryByRole('button', { name: 'Keep artifacts' })).toBeNull();
    await user.click(screen.getByRole('button', { name: 'Delete artifacts' }));
    await user.click(within(await screen.findByRole('dialog')).getByRole('button', { name: 'Delete artifacts' }));
    await waitFor(() => expect(toastRegion().textContent).toContain('Deleted the artifacts'));
    expect((await fetchJob(conn, 1, withArtifacts.id)).artifacts_file ?? null).toBeNull();
  });

  it('a second click while one is in flight sends nothing', async () => {
    const { conn, writes } = countingConnection(sim);
    const running = await findJob(conn, 1, (j) => j.status === 'running' && j.ref === 'main');
    await simAdmin(sim, 'faults', { latency_ms: 150 });
    renderWithApp(<JobView conn={conn} jobId={running.id} />);
    const button = await screen.findByRole('button', { name: 'Cancel' });
    await act(async () => {
      button.click();
      button.click();
      await new Promise((r) => setTimeout(r, 20));
    });
    expect(button.getAttribute('aria-busy')).toBe('true');
    button.click();
    await waitFor(() => expect(statusText()).toMatch(/^cancel/), { timeout: 3000 });
    expect(writes).toHaveLength(1);
  });

  it('says a job had already finished when GitLab answers a cancel unchanged', async () => {
    const user = userEvent.setup();
    const conn = simConnection(sim);
    const done = await findJob(conn, 1, (j) => j.status === 'success' && j.ref === 'main');
    // The screen still shows it running: it finished meanwhile.
    renderWithApp(<JobActions connection={conn} projectId={1} job={{ ...done, status: 'running' }} readOnly={false} canWrite={true} />);
    await user.click(screen.getByRole('button', { name: 'Cancel' }));
    await waitFor(() => expect(toastRegion().textContent).toContain('had already finished (success); there was nothing to cancel'));
  });
});

describe('JobActions: refused', () => {
  it('shows GitLab’s 403 on a protected branch and leaves the job as it was', async () => {
    const user = userEvent.setup();
    const conn = simConnection(sim);
    const protectedJob = await findJob(conn, 1, (j) => j.ref === 'production' && j.status === 'running');
    renderWithApp(<JobView conn={conn} jobId={protectedJob.id} />);
    await user.click(await screen.findByRole('button', { name: 'Cancel' }));
    await waitFor(() => expect(toastRegion().textContent).toContain('Cancel migrate'));
    expect(toastRegion().textContent).toContain('GitLab said: “403 Forbidden”');
    expect(statusText()).toBe('running');
    expect((await fetchJob(conn, 1, protectedJob.id)).status).toBe('running');
  });

  it('shows 403 “Job is not retryable” for an archived job', async () => {
    const user = userEvent.setup();
    const conn = simConnection(sim);
    // The dashboard would not offer it (archived); a stale screen without the flag still must say why.
    const page = await fetchJobsPage(conn, 3, { perPage: 100, pagination: 'offset' }, { mode: 'offset', page: 50 });
    const archived = page.items.find((j) => j.archived === true);
    if (!archived) throw new Error('no archived job on that page');
    renderWithApp(<JobActions connection={conn} projectId={3} job={{ ...archived, archived: false, status: 'failed' }} readOnly={false} canWrite={true} />);
    await user.click(screen.getByRole('button', { name: 'Retry' }));
    await waitFor(() => expect(toastRegion().textContent).toContain('403 Forbidden - Job is not retryable'));
  });

  it('shows 400 “Unplayable Job” and 404 Not found', async () => {
    const user = userEvent.setup();
    const conn = simConnection(sim);
    const lint = await findJob(conn, 1, (j) => j.name === 'lint' && j.status === 'success');
    renderWithApp(
      <>
        <JobActions connection={conn} projectId={1} job={{ ...lint, status: 'manual' }} readOnly={false} canWrite={true} />
        <JobActions connection={conn} projectId={1} job={{ id: 987654, name: 'ghost', status: 'running' }} readOnly={false} canWrite={true} />
      </>,
    );
    await user.click(screen.getByRole('button', { name: 'Run…' }));
    const dialog = await screen.findByRole('dialog', { name: 'Run lint' });
    await user.click(within(dialog).getByRole('button', { name: 'Run job' }));
    const alert = await within(dialog).findByRole('alert');
    expect(alert.textContent).toContain('400 Bad request - Unplayable Job');
    // The dialog stays open with what was typed.
    expect(screen.getByRole('dialog', { name: 'Run lint' })).toBeTruthy();
    await user.click(within(dialog).getByRole('button', { name: 'Go back' }));
    await user.click(screen.getByRole('button', { name: 'Cancel' }));
    await waitFor(() => expect(toastRegion().textContent).toContain('404 Not found'));
  });

  it('says the outcome is unknown (GitLab unreachable), not "failed", when nothing answers', async () => {
    const user = userEvent.setup();
    const conn: Connection = { host: HOST, token: 'glpat-sim-api', fetch: () => Promise.reject(new TypeError('Failed to fetch')) };
    renderWithApp(<JobActions connection={conn} projectId={1} job={{ id: 5, name: 'rspec', status: 'running' }} readOnly={false} canWrite={true} />);
    await user.click(screen.getByRole('button', { name: 'Cancel' }));
    await waitFor(() => expect(toastRegion().textContent).toContain('Outcome unknown'));
    expect(toastRegion().textContent).toContain('GitLab is unreachable');
    expect(toastRegion().textContent).not.toContain('failed');
    // It may have happened: Cancel waits until GitLab can say (the watch keeps asking).
    expect(screen.getByRole('button', { name: /^Cancel/ }).getAttribute('aria-disabled')).toBe('true');
  });
});

describe('JobActions: read-only', () => {
  it('disables the actions with the reason for a read_api token and sends nothing', async () => {
    const user = userEvent.setup();
    const { conn, writes } = countingConnection(sim, READ_TOKEN);
    const running = await findJob(conn, 1, (j) => j.status === 'running' && j.ref === 'main');
    renderWithApp(<JobView conn={conn} jobId={running.id} canWrite={false} />);
    const cancel = await screen.findByRole('button', { name: 'Cancel' });
    expect(cancel.getAttribute('aria-disabled')).toBe('true');
    expect(cancel.getAttribute('title')).toBe(READ_TOKEN_REASON);
    await user.click(cancel);
    expect(writes).toEqual([]);
  });

  it('disables them in read-only mode', async () => {
    const conn = simConnection(sim);
    const failed = await findJob(conn, 1, (j) => j.status === 'failed');
    renderWithApp(<JobView conn={conn} jobId={failed.id} readOnly={true} />);
    const retry = await screen.findByRole('button', { name: 'Retry' });
    expect(retry.getAttribute('aria-disabled')).toBe('true');
    expect(retry.getAttribute('title')).toBe(READ_ONLY_REASON);
  });

  it('tries when GitLab cannot say what the token may do, and shows its 403', async () => {
    const user = userEvent.setup();
    const conn = simConnection(sim, READ_TOKEN);
    const running = await findJob(conn, 1, (j) => j.status === 'running' && j.ref === 'main');
    renderWithApp(<JobView conn={conn} jobId={running.id} canWrite="unknown" />);
    await user.click(await screen.findByRole('button', { name: 'Cancel' }));
    await waitFor(() => expect(toastRegion().textContent).toContain('This token can only read'));
    expect(statusText()).toBe('running');
  });
});

describe('Retry of a trigger job', () => {
  it('asks first: it starts a new downstream pipeline', async () => {
    const user = userEvent.setup();
    const { conn, writes } = countingConnection(sim);
    const bridge = { id: 4242, name: 'trigger-docs', status: 'success', downstream_pipeline: { id: 77, status: 'success', project_id: 1 }, pipeline: { id: 9, status: 'success', project_id: 1 } };
    renderWithApp(<JobActions connection={conn} projectId={1} job={bridge} readOnly={false} canWrite={true} />);
    await user.click(screen.getByRole('button', { name: 'Retry' }));
    const dialog = await screen.findByRole('dialog', { name: 'Retry trigger job trigger-docs?' });
    expect(dialog.textContent).toContain('starts a new downstream pipeline; the current one (#77) stays as it is');
    await user.click(within(dialog).getByRole('button', { name: 'Go back' }));
    expect(writes).toEqual([]);
  });
});

// JobActions and BulkJobActions rendered against the in-process simulated GitLab, queried by role.
import { QueryClient, QueryClientProvider, useQuery } from '@tanstack/react-query';
import { act, cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { ReactNode } from 'react';
import { createMemoryRouter, RouterProvider, useLocation } from 'react-router';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Sim } from '../../../gitlab-sim/index.ts';
import { fetchJob, fetchJobsPage, fetchJobTrace, gitlabKeys, jobQueryOptions, jobsPageQueryOptions, type Connection, type Job } from '../../gitlab/index.ts';
import { ToastProvider } from '../../ui/index.ts';
import { inProjectScope } from '../../testing/in-project-scope.tsx';
import { BulkJobActions as BareBulkJobActions } from './bulk-job-actions.tsx';
import { JobActions as BareJobActions, type JobActionsProps } from './job-actions.tsx';
import { READ_ONLY_REASON, READ_TOKEN_REASON } from './model/availability.ts';
import { REMEMBERED_VARIABLES_STORAGE_KEY } from './model/remembered-variables.ts';
import { findJob, HOST, lossyConnection, newSim, READ_TOKEN, simAdmin, simConnection, simFetch } from './test-helpers.ts';

// The actions read the project from the page's ProjectScope: these take it as props.
const JobActions = inProjectScope(BareJobActions);
const BulkJobActions = inProjectScope(BareBulkJobActions);

let sim: Sim;
beforeEach(() => {
  sim = newSim();
  localStorage.clear();
});
afterEach(() => cleanup());

function Where() {
  const location = useLocation();
  return <p data-testid="where">{location.pathname}</p>;
}

/** Mounts `ui` at "/" of a memory router (links to jobs land on a page that names its path) with the app's providers. */
function renderWithApp(ui: ReactNode, client = new QueryClient({ defaultOptions: { queries: { retry: false, staleTime: 60_000 }, mutations: { retry: false } } })) {
  const router = createMemoryRouter(
    [
      { path: '/', element: ui },
      { path: '*', element: <Where /> },
    ],
    { initialEntries: ['/'] },
  );
  render(
    <QueryClientProvider client={client}>
      <ToastProvider>
        <RouterProvider router={router} />
      </ToastProvider>
    </QueryClientProvider>,
  );
  return { client, router };
}

/** A job "page": the job as GitLab says now (its own query), its status, and its actions. */
function JobView({ conn, jobId, ...props }: { conn: Connection; jobId: number; readOnly?: boolean; canWrite?: boolean | 'unknown' } & Omit<JobActionsProps, 'job'>) {
  const job = useQuery(jobQueryOptions(conn, 1, jobId));
  if (!job.data) return <p>Loading</p>;
  return (
    <section aria-label="Job">
      <p>
        Status: <output aria-label="status">{job.data.status}</output>
      </p>
      <JobActions connection={conn} projectId={1} job={job.data} readOnly={false} canWrite={true} {...props} />
    </section>
  );
}

/** The list view of the same project, as the job list holds it (its own query). */
function ListView({ conn, jobId }: { conn: Connection; jobId: number }) {
  const list = useQuery(jobsPageQueryOptions(conn, 1, { perPage: 100, pagination: 'offset' }));
  const row = list.data?.items.find((j) => j.id === jobId);
  return (
    <table aria-label="Jobs">
      <tbody>
        <tr>
          <td aria-label={`#${jobId} status`}>{row?.status ?? ''}</td>
        </tr>
      </tbody>
    </table>
  );
}

const statusText = () => screen.getByRole('status', { name: 'status' }).textContent;
const toastRegion = () => document.querySelector('.toasts') as HTMLElement;

/** Counts the POST/DELETE requests the dashboard sends. */
function countingConnection(token?: string) {
  const writes: string[] = [];
  const base = simFetch(sim);
  const conn: Connection = {
    ...simConnection(sim, token),
    fetch: (input, init) => {
      const method = (init?.method ?? (input instanceof Request ? input.method : 'GET')).toUpperCase();
      if (method !== 'GET' && method !== 'HEAD') writes.push(`${method} ${String(input instanceof Request ? input.url : input)}`);
      return base(input, init);
    },
  };
  return { conn, writes };
}

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
    const { conn, writes } = countingConnection();
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

describe('JobActions: the answer was lost after the request left', () => {
  it('retry: says the answer was lost, refetches, and reports the new job GitLab did create', async () => {
    const user = userEvent.setup();
    const failed = await findJob(simConnection(sim), 1, (j) => j.status === 'failed' && j.ref === 'main' && j.name.startsWith('rspec'));
    const { conn, writes } = lossyConnection(sim, true);
    renderWithApp(<JobView conn={conn} jobId={failed.id} layout="toolbar" />);
    await user.click(await screen.findByRole('button', { name: 'Retry' }));
    const link = await within(toastRegion()).findByRole('link', { name: /^Open job #\d+$/ });
    const newId = Number(/#(\d+)/.exec(link.textContent ?? '')?.[1]);
    expect(newId).toBeGreaterThan(failed.id);
    expect((await fetchJob(simConnection(sim), 1, newId)).name).toBe(failed.name);
    expect(toastRegion().textContent).toContain('was lost (Blocked by the browser (CORS)), but GitLab shows it happened');
    expect(toastRegion().textContent).not.toContain('failed —');
    expect(writes).toHaveLength(1);
  });

  it('cancel that never arrived: GitLab shows the job still running, so Cancel is offered again', async () => {
    const user = userEvent.setup();
    const running = await findJob(simConnection(sim), 1, (j) => j.status === 'running' && j.ref === 'main');
    const { conn } = lossyConnection(sim, false);
    renderWithApp(<JobView conn={conn} jobId={running.id} layout="toolbar" />);
    await user.click(await screen.findByRole('button', { name: 'Cancel' }));
    await waitFor(() => expect(toastRegion().textContent).toContain('GitLab shows it did not happen'));
    expect(toastRegion().textContent).toContain(`is running. You can try again.`);
    expect(statusText()).toBe('running');
    expect(screen.getByRole('button', { name: 'Cancel' }).getAttribute('aria-disabled')).toBeNull();
  });

  it('erase in its dialog: a lost answer whose erase happened closes the dialog and says so', async () => {
    const user = userEvent.setup();
    const finished = await findJob(simConnection(sim), 1, (j) => j.status === 'success' && j.ref === 'main' && !j.erased_at);
    const { conn } = lossyConnection(sim, true);
    renderWithApp(<JobView conn={conn} jobId={finished.id} layout="toolbar" />);
    await user.click(await screen.findByRole('button', { name: 'Erase' }));
    const dialog = await screen.findByRole('dialog');
    await user.click(within(dialog).getByRole('button', { name: 'Erase job' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(toastRegion().textContent).toContain('but GitLab shows it happened. Erased');
    expect((await fetchJob(simConnection(sim), 1, finished.id)).erased_at).toBeTruthy();
  });
});

describe('JobActions: the outcome stays unknown while GitLab cannot be read', () => {
  it('holds every action, asks again, and says what happened once GitLab answers', async () => {
    const user = userEvent.setup();
    const failed = await findJob(simConnection(sim), 1, (j) => j.status === 'failed' && j.ref === 'main' && j.name.startsWith('rspec'));
    // CORS stripped from every answer (preflights pass): the retry is done, nothing can be read.
    let stripped = false;
    const base = simFetch(sim);
    const conn: Connection = {
      ...simConnection(sim),
      fetch: async (input, init) => {
        const request = new Request(input, init);
        if (!stripped || request.method === 'HEAD') return base(request);
        await base(request);
        throw new TypeError('Failed to fetch');
      },
    };
    const { client } = renderWithApp(<JobView conn={conn} jobId={failed.id} layout="toolbar" />);
    const retry = await screen.findByRole('button', { name: 'Retry' });
    stripped = true;
    await user.click(retry);
    await waitFor(() => expect(toastRegion().textContent).toContain('Outcome unknown'));
    expect(toastRegion().textContent).not.toContain('failed —');
    // Held: a second Retry cannot start a second job.
    const held = screen.getByRole('button', { name: /^Retry/ });
    expect(held.getAttribute('aria-disabled')).toBe('true');
    expect(held.getAttribute('title')).toContain('waiting until GitLab can say whether it happened');
    await user.click(held);

    stripped = false;
    await act(() => client.invalidateQueries({ queryKey: gitlabKeys.job(conn, 1, failed.id) }));
    await waitFor(() => expect(toastRegion().textContent).toContain('but GitLab shows it happened. Retried'));
    // Said with what was lost, as when it happened.
    expect(toastRegion().textContent).toContain('was lost (Blocked by the browser (CORS)), but GitLab shows it happened');
    const attempts = (await fetchJobsPage(simConnection(sim), 1, { perPage: 100, pagination: 'offset' })).items.filter((j) => j.name === failed.name && j.pipeline?.id === failed.pipeline?.id && j.id > failed.id);
    expect(attempts).toHaveLength(1);
  });
});

describe('JobActions: read-only', () => {
  it('disables the actions with the reason for a read_api token and sends nothing', async () => {
    const user = userEvent.setup();
    const { conn, writes } = countingConnection(READ_TOKEN);
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

describe('Run with variables', () => {
  it('runs a manual job with two variables; the job goes pending and its log prints them', async () => {
    const user = userEvent.setup();
    const conn = simConnection(sim);
    const manual = await findJob(conn, 1, (j) => j.status === 'manual' && j.name === 'deploy-production');
    renderWithApp(<JobView conn={conn} jobId={manual.id} layout="toolbar" />);
    await user.click(await screen.findByRole('button', { name: 'Run…' }));
    const dialog = await screen.findByRole('dialog', { name: 'Run deploy-production' });
    await user.type(within(dialog).getByRole('textbox', { name: 'Key 1' }), 'REGION');
    await user.type(within(dialog).getByRole('textbox', { name: 'Value 1' }), 'eu-west-1');
    await user.click(within(dialog).getByRole('button', { name: 'Add variable' }));
    await user.type(within(dialog).getByRole('textbox', { name: 'Key 2' }), 'DRY_RUN');
    await user.type(within(dialog).getByRole('textbox', { name: 'Value 2' }), 'true');
    await user.click(within(dialog).getByRole('button', { name: 'Run job' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    await waitFor(() => expect(statusText()).toBe('pending'));
    await simAdmin(sim, 'clock', { advance_ms: 120_000 });
    const log = await fetchJobTrace(conn, 1, manual.id);
    expect(log).toContain('REGION=eu-west-1');
    expect(log).toContain('DRY_RUN=true');
  });

  it('checks keys as GitLab does before sending, and pastes KEY=value lines', async () => {
    const user = userEvent.setup();
    const { conn, writes } = countingConnection();
    const manual = await findJob(conn, 1, (j) => j.status === 'manual' && j.name === 'deploy-production');
    renderWithApp(<JobView conn={conn} jobId={manual.id} />);
    await user.click(await screen.findByRole('button', { name: 'Run…' }));
    const dialog = await screen.findByRole('dialog');
    const key1 = within(dialog).getByRole('textbox', { name: 'Key 1' });
    await user.click(key1);
    await user.paste('A=1\nMY-KEY=2\nA=3');
    expect(within(dialog).getAllByRole('textbox', { name: /^Key \d$/ }).map((i) => (i as HTMLInputElement).value)).toEqual(['A', 'MY-KEY']);
    expect((within(dialog).getByRole('textbox', { name: 'Value 1' }) as HTMLInputElement).value).toBe('3');
    await user.click(within(dialog).getByRole('button', { name: 'Run job' }));
    const key2 = within(dialog).getByRole('textbox', { name: 'Key 2' });
    expect(key2.getAttribute('aria-invalid')).toBe('true');
    expect(document.getElementById(key2.getAttribute('aria-describedby') ?? '')?.textContent).toBe('“MY-KEY” is not a valid key: use only letters, digits and _.');
    expect(document.activeElement).toBe(key2);
    await user.clear(key2);
    await user.type(key2, 'A');
    await user.click(within(dialog).getByRole('button', { name: 'Run job' }));
    expect(within(dialog).getByText('“A” is already used above.')).toBeTruthy();
    expect(writes).toEqual([]);
    // A .env block through the paste box.
    await user.click(within(dialog).getByRole('button', { name: 'Remove variable 2' }));
    await user.click(within(dialog).getByText('Paste KEY=value lines or a .env block'));
    await user.type(within(dialog).getByRole('textbox', { name: 'Variables as KEY=value lines' }), '# env{enter}export B="two words"{enter}');
    await user.click(within(dialog).getByRole('button', { name: 'Add these variables' }));
    expect((within(dialog).getByRole('textbox', { name: 'Value 2' }) as HTMLInputElement).value).toBe('two words');
    await user.click(within(dialog).getByRole('button', { name: 'Run job' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(writes).toHaveLength(1);
  });

  it('offers the variables last used for the job name again, masked values excepted; or forgets them', async () => {
    const user = userEvent.setup();
    const conn = simConnection(sim);
    const manuals = [await findJob(conn, 1, (j) => j.status === 'manual' && j.name === 'deploy-production' && j.ref === 'main')];
    manuals.push(await findJob(conn, 1, (j) => j.status === 'manual' && j.name === 'deploy-production' && j.id !== manuals[0]?.id));
    const [first, second] = manuals as [Job, Job];
    renderWithApp(
      <>
        <JobView conn={conn} jobId={first.id} layout="toolbar" />
      </>,
    );
    await user.click(await screen.findByRole('button', { name: 'Run…' }));
    let dialog = await screen.findByRole('dialog');
    await user.type(within(dialog).getByRole('textbox', { name: 'Key 1' }), 'REGION');
    await user.type(within(dialog).getByRole('textbox', { name: 'Value 1' }), 'eu');
    await user.click(within(dialog).getByRole('button', { name: 'Add variable' }));
    await user.type(within(dialog).getByRole('textbox', { name: 'Key 2' }), 'TOKEN');
    await user.click(within(dialog).getByRole('button', { name: 'Mask value 2' }));
    const secret = within(dialog).getByLabelText('Value 2') as HTMLInputElement;
    expect(secret.type).toBe('password');
    await user.type(secret, 'hunter2');
    // Remembering is opt-in: values may be secrets.
    const rememberBox = within(dialog).getByRole('checkbox', { name: /Remember these variables/ });
    expect((rememberBox as HTMLInputElement).checked).toBe(false);
    await user.click(rememberBox);
    await user.click(within(dialog).getByRole('button', { name: 'Run job' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    await waitFor(() => expect(localStorage.getItem(REMEMBERED_VARIABLES_STORAGE_KEY)).toContain('REGION'));
    expect(localStorage.getItem(REMEMBERED_VARIABLES_STORAGE_KEY)).not.toContain('hunter2');
    cleanup();

    renderWithApp(<JobView conn={conn} jobId={second.id} layout="toolbar" />);
    await user.click(await screen.findByRole('button', { name: 'Run…' }));
    dialog = await screen.findByRole('dialog');
    expect(dialog.textContent).toContain('Filled in with the variables last used for deploy-production. Masked values are not remembered');
    expect((within(dialog).getByRole('textbox', { name: 'Key 1' }) as HTMLInputElement).value).toBe('REGION');
    expect((within(dialog).getByRole('textbox', { name: 'Value 1' }) as HTMLInputElement).value).toBe('eu');
    expect((within(dialog).getByLabelText('Value 2') as HTMLInputElement).value).toBe('');
    // Remembered last time: remembered again unless unticked.
    expect((within(dialog).getByRole('checkbox', { name: /Remember these variables/ }) as HTMLInputElement).checked).toBe(true);
    await user.click(within(dialog).getByRole('button', { name: 'Clear and forget them' }));
    expect(localStorage.getItem(REMEMBERED_VARIABLES_STORAGE_KEY)).toBeNull();
    expect((within(dialog).getByRole('textbox', { name: 'Key 1' }) as HTMLInputElement).value).toBe('');
    // "Don't remember": a run without remembering stores nothing.
    await user.type(within(dialog).getByRole('textbox', { name: 'Key 1' }), 'ONCE');
    expect((within(dialog).getByRole('checkbox', { name: /Remember these variables/ }) as HTMLInputElement).checked).toBe(false);
    await user.click(within(dialog).getByRole('button', { name: 'Run job' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(localStorage.getItem(REMEMBERED_VARIABLES_STORAGE_KEY)).toBeNull();
  });
});

describe('Retry of a trigger job', () => {
  it('asks first: it starts a new downstream pipeline', async () => {
    const user = userEvent.setup();
    const { conn, writes } = countingConnection();
    const bridge = { id: 4242, name: 'trigger-docs', status: 'success', downstream_pipeline: { id: 77, status: 'success', project_id: 1 }, pipeline: { id: 9, status: 'success', project_id: 1 } };
    renderWithApp(<JobActions connection={conn} projectId={1} job={bridge} readOnly={false} canWrite={true} />);
    await user.click(screen.getByRole('button', { name: 'Retry' }));
    const dialog = await screen.findByRole('dialog', { name: 'Retry trigger job trigger-docs?' });
    expect(dialog.textContent).toContain('starts a new downstream pipeline; the current one (#77) stays as it is');
    await user.click(within(dialog).getByRole('button', { name: 'Go back' }));
    expect(writes).toEqual([]);
  });
});

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

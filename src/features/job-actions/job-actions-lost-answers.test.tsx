// JobActions against the in-process simulated GitLab when an answer is lost after the request
// left, and while GitLab cannot be read to learn the outcome.
import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { fetchJob, fetchJobsPage, gitlabKeys, type Connection } from '../../gitlab/index.ts';
import { findJob, lossyConnection, simConnection, simFetch } from './test-helpers.ts';
import { JobView, renderWithApp, setUpJobActionsTests, sim, statusText, toastRegion } from './job-actions-test-helpers.tsx';

setUpJobActionsTests();

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

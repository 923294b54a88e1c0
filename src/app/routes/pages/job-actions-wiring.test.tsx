// The job actions as the app wires them: whole routes (router, session, providers) against the
// simulated GitLab in-process. Retry on the job page opens the new job; the list cancels in a
// row; read-only mode and a read_api token show the actions disabled with the reason.
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { HOST, renderApp, setUpAppSim, sim, type ApiJob } from './test-helpers.tsx';

setUpAppSim({ hugeLogBytes: 50_000 });

async function seeded(test: (row: ApiJob) => boolean): Promise<ApiJob> {
  for (let page = 1; page <= 4; page++) {
    const res = await sim.fetch(new Request(`${HOST}/api/v4/projects/1/jobs?per_page=100&page=${page}`, { headers: { 'PRIVATE-TOKEN': 'glpat-sim-api' } }));
    const hit = ((await res.json()) as ApiJob[]).find(test);
    if (hit) return hit;
  }
  throw new Error('no such seeded job');
}

describe('job actions in the app', () => {
  it('retry on the job page opens the new job', async () => {
    const user = userEvent.setup();
    const failed = await seeded((j) => j.status === 'failed' && j.name === 'rspec 2/3');
    const { router } = renderApp(`/acme/platform/backend/-/jobs/${failed.id}`);
    const actions = await screen.findByRole('group', { name: 'Actions for rspec 2/3' }, { timeout: 5000 });
    await user.click(within(actions).getByRole('button', { name: 'Retry' }));
    await waitFor(() => expect(router.state.location.pathname).not.toBe(`/acme/platform/backend/-/jobs/${failed.id}`));
    const newId = Number(router.state.location.pathname.split('/').pop());
    expect(newId).toBeGreaterThan(failed.id);
    expect(await screen.findByRole('heading', { level: 1, name: new RegExp(`#${newId}`) }, { timeout: 5000 })).toBeTruthy();
  });

  it('cancels a running job from its row in the list', async () => {
    const user = userEvent.setup();
    const running = await seeded((j) => j.status === 'running' && j.ref === 'main');
    renderApp('/acme/platform/backend/-/jobs?scope=running');
    const checkbox = await screen.findByRole('checkbox', { name: `Select job ${running.id}` }, { timeout: 5000 });
    const row = checkbox.closest<HTMLElement>('[role="row"]');
    if (!row) throw new Error('no row');
    await user.click(within(row).getByRole('button', { name: 'Cancel' }));
    await waitFor(() => expect(within(row).queryByRole('button', { name: 'Cancel' })).toBeNull(), { timeout: 5000 });
    const res = await sim.fetch(new Request(`${HOST}/api/v4/projects/1/jobs/${running.id}`, { headers: { 'PRIVATE-TOKEN': 'glpat-sim-api' } }));
    expect(((await res.json()) as ApiJob).status).toMatch(/^cancel/);
  });

  it('a read_api token sees the actions disabled, with the reason', async () => {
    const failed = await seeded((j) => j.status === 'failed' && j.name === 'rspec 2/3');
    renderApp(`/acme/platform/backend/-/jobs/${failed.id}`, { token: 'glpat-sim-read' });
    const actions = await screen.findByRole('group', { name: 'Actions for rspec 2/3' }, { timeout: 5000 });
    const retry = within(actions).getByRole('button', { name: 'Retry' });
    await waitFor(() => expect(retry.getAttribute('aria-disabled')).toBe('true'));
    expect(retry.getAttribute('title')).toContain('read_api');
  });

  it('read-only mode (?readonly=1) disables them too', async () => {
    const failed = await seeded((j) => j.status === 'failed' && j.name === 'rspec 2/3');
    renderApp(`/acme/platform/backend/-/jobs/${failed.id}`, { url: '?readonly=1' });
    const actions = await screen.findByRole('group', { name: 'Actions for rspec 2/3' }, { timeout: 5000 });
    const retry = within(actions).getByRole('button', { name: 'Retry' });
    expect(retry.getAttribute('aria-disabled')).toBe('true');
    expect(retry.getAttribute('title')).toContain('Read-only mode');
  });
});

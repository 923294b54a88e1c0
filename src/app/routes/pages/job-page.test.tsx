// The job page as a whole route against the simulated GitLab in-process: the header in GitLab's
// words, the log (escaped, sections folded, #L selection, search in the URL), attempts, a running
// job that refreshes, and the ways a job or its log can be missing.
import { cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { HOST, renderApp, setUpAppSim, sim, type ApiJob } from './test-helpers.tsx';

async function api<T>(path: string, init: RequestInit = {}): Promise<T> {
  const res = await sim.fetch(new Request(`${HOST}/api/v4${path}`, { ...init, headers: { 'PRIVATE-TOKEN': 'glpat-sim-api' } }));
  return (await res.json()) as T;
}

async function job(scope: string, name?: string): Promise<ApiJob> {
  const jobs = await api<ApiJob[]>(`/projects/1/jobs?per_page=100&scope[]=${scope}`);
  const found = jobs.find((j) => name === undefined || j.name === name);
  if (!found) throw new Error(`no ${scope} ${name ?? ''} job`);
  return found;
}

setUpAppSim({ hugeLogBytes: 10_000 });

describe('the job page', () => {
  it('shows a failed job in GitLab’s words, with its whole log escaped and its sections folded', { timeout: 15_000 }, async () => {
    const failed = await job('failed', 'rspec 2/3');
    renderApp(`/acme/platform/backend/-/jobs/${failed.id}`, { retry: false });
    expect(await screen.findByRole('heading', { level: 1, name: `rspec 2/3 #${failed.id}` })).toBeTruthy();
    expect(screen.getByRole('note').textContent).toContain('The script failed');
    expect(screen.getByText('Stage').nextElementSibling?.textContent).toBe('test');
    expect(screen.getByRole('link', { name: `#${failed.pipeline?.id}` }).getAttribute('href')).toBe(`/acme/platform/backend/-/pipelines/${failed.pipeline?.id}`);
    expect(screen.getByRole('link', { name: `Open job #${failed.id} in GitLab` }).getAttribute('rel')).toContain('noopener');

    const log = await screen.findByRole('region', { name: `Log of job #${failed.id}` });
    await waitFor(() => expect(log.textContent).toContain('Running with gitlab-runner'));
    // The simulator's logs carry HTML injection: it shows as text, never as elements.
    await waitFor(() => expect(log.textContent).toContain('<script>alert(1)</script>'));
    expect(log.querySelector('script, img')).toBeNull();
    // A collapsed section shows its header and duration, not its body.
    const toggle = within(log).getByRole('button', { name: 'Expand section bundle_install' });
    expect(toggle.getAttribute('aria-expanded')).toBe('false');
    expect(log.textContent).not.toContain('Bundle complete!');
    await userEvent.click(toggle);
    await waitFor(() => expect(log.textContent).toContain('Bundle complete!'));
    expect(within(log).getByRole('button', { name: 'Collapse section bundle_install' }).getAttribute('aria-expanded')).toBe('true');
  });

  it('keeps the selected lines in the address (#L) and the search in the query (?q=)', { timeout: 20_000 }, async () => {
    const failed = await job('failed', 'rspec 2/3');
    const { router } = renderApp(`/acme/platform/backend/-/jobs/${failed.id}#L3`, { retry: false });
    const log = await screen.findByRole('region', { name: `Log of job #${failed.id}` });
    const line3 = await within(log).findByRole('link', { name: '3' });
    expect(line3.getAttribute('aria-current')).toBe('location');
    expect(line3.getAttribute('href')).toBe(`/acme/platform/backend/-/jobs/${failed.id}#L3`);
    const user = userEvent.setup();
    await user.keyboard('{Shift>}');
    await user.click(within(log).getByRole('link', { name: '6' }));
    await user.keyboard('{/Shift}');
    await waitFor(() => expect(router.state.location.hash).toBe('#L3-6'));
    expect(screen.getByRole('button', { name: 'Copy lines' })).toBeTruthy();

    await user.type(screen.getByRole('searchbox', { name: 'Search the log' }), 'Bundle complete');
    await waitFor(() => expect(new URLSearchParams(router.state.location.search).get('q')).toBe('Bundle complete'));
    await waitFor(() => expect(document.querySelector('.log-toolbar__count')?.textContent).toBe('1 of 1 match'));
    // The match lives in a collapsed section: it was opened and the match is marked.
    await waitFor(() => expect(log.querySelector('mark')?.textContent).toBe('Bundle complete'));
  });

  it('lists the other attempts of a retried job and links to them', async () => {
    const failed = await job('failed', 'rspec 2/3');
    const retried = await api<ApiJob>(`/projects/1/jobs/${failed.id}/retry`, { method: 'POST' });
    renderApp(`/acme/platform/backend/-/jobs/${failed.id}`, { retry: false });
    const attempts = await screen.findByRole('region', { name: /Attempts/ });
    expect(within(attempts).getByRole('link', { name: `#${retried.id}` }).getAttribute('href')).toBe(`/acme/platform/backend/-/jobs/${retried.id}`);
    expect(attempts.textContent).toContain('(this attempt)');
  });

  it('says what happened when there is no log: not started, erased', async () => {
    const pending = await job('pending');
    renderApp(`/acme/platform/backend/-/jobs/${pending.id}`, { retry: false });
    expect(await screen.findByRole('heading', { name: 'This job has not started yet' })).toBeTruthy();
    cleanup();

    let erased: ApiJob | undefined;
    for (let page = 1; page < 10 && !erased; page++) {
      erased = (await api<ApiJob[]>(`/projects/1/jobs?per_page=100&page=${page}&pagination=offset`)).find((j) => j.erased_at);
    }
    renderApp(`/acme/platform/backend/-/jobs/${erased?.id}`, { retry: false });
    expect(await screen.findByRole('heading', { name: 'The log was erased' })).toBeTruthy();
  });

  it('a missing job or a trigger job says so; given its pipeline, a trigger job opens its downstream pipeline', async () => {
    renderApp('/acme/platform/backend/-/jobs/424242', { retry: false });
    expect(await screen.findByRole('heading', { name: 'Job #424242 not found, or it is a trigger job' })).toBeTruthy();
    cleanup();

    const pipelines = await api<Array<{ id: number }>>('/projects/1/pipelines?per_page=50');
    let target: { bridge: number; pipeline: number; downstream: { id: number; project_id: number } } | null = null;
    for (const p of pipelines) {
      const bridges = await api<Array<{ id: number; downstream_pipeline?: { id: number; project_id: number } | null }>>(`/projects/1/pipelines/${p.id}/bridges`);
      const b = bridges.find((x) => x.downstream_pipeline);
      if (b?.downstream_pipeline) {
        target = { bridge: b.id, pipeline: p.id, downstream: b.downstream_pipeline };
        break;
      }
    }
    expect(target).not.toBeNull();
    const { router } = renderApp(`/acme/platform/backend/-/jobs/${target?.bridge}?pipeline=${target?.pipeline}`, { retry: false });
    await waitFor(() => expect(router.state.location.pathname).toMatch(new RegExp(`/-/pipelines/${target?.downstream.id}$`)));
  });

  it('GitLab’s raw log link shows the whole log as plain text, escaped, without its section markers', { timeout: 15_000 }, async () => {
    const failed = await job('failed', 'rspec 2/3');
    renderApp(`/acme/platform/backend/-/jobs/${failed.id}/raw`, { retry: false });
    expect(await screen.findByRole('heading', { level: 1, name: `Raw log of rspec 2/3 #${failed.id}` })).toBeTruthy();
    const log = await screen.findByRole('region', { name: `Log of job #${failed.id}, plain text` });
    await waitFor(() => expect(log.textContent).toContain('Running with gitlab-runner'));
    await waitFor(() => expect(log.textContent).toContain('<script>alert(1)</script>'));
    expect(log.querySelector('script, img')).toBeNull();
    // Plain text: the sections are not folded (their bodies show) and no marker is left.
    await waitFor(() => expect(log.textContent).toContain('Bundle complete!'));
    expect(log.textContent).not.toContain('section_start:');
    expect(within(log).queryByRole('button', { name: /Expand section/ })).toBeNull();
    expect(screen.getByRole('link', { name: 'Open the job page' }).getAttribute('href')).toBe(`/acme/platform/backend/-/jobs/${failed.id}`);
  });

  it('a malformed job id says what is wrong with it', async () => {
    renderApp('/acme/platform/backend/-/jobs/abc', { retry: false });
    expect((await screen.findByRole('alert')).textContent).toContain('“abc” is not a job id');
  });
});

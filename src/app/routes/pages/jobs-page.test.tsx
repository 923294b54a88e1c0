// The job list as a whole route (loader, project, page) against the simulated GitLab in-process:
// statuses in GitLab's words, links, scopes and quick tabs in the URL, filters over loaded pages,
// keyset paging and the offset fallback, an unknown status, a GitLab 9 job with half its fields,
// live updates, and GitLab's errors (404 project, down, 429).
import { act, cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createSim, type Sim } from '../../../../gitlab-sim/index.ts';
import { HOST, renderApp, type ApiJob } from './test-helpers.tsx';



let sim: Sim;
let requests: URL[];
/** Rewrites a job list body on its way to the app (a newer GitLab's status, say). */
let rewrite: ((jobs: Record<string, unknown>[]) => void) | null;

async function simAdmin(path: string, body: unknown): Promise<void> {
  await sim.fetch(new Request(`${HOST}/-/sim/${path}`, { method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'application/json' } }));
}

async function api<T>(path: string, init: RequestInit = {}): Promise<T> {
  const res = await sim.fetch(new Request(`${HOST}/api/v4${path}`, { ...init, headers: { 'PRIVATE-TOKEN': 'glpat-sim-api' } }));
  return (await res.json()) as T;
}

beforeEach(() => {
  sim = createSim({ paused: true, hugeLogBytes: 10_000 });
  requests = [];
  rewrite = null;
  vi.stubGlobal('fetch', async (input: RequestInfo | URL, init?: RequestInit) => {
    const request = new Request(input, init);
    const url = new URL(request.url);
    requests.push(url);
    const response = await sim.fetch(request);
    if (rewrite && /\/projects\/\d+\/jobs$/.test(url.pathname) && response.ok) {
      const body = (await response.json()) as Record<string, unknown>[];
      rewrite(body);
      return new Response(JSON.stringify(body), { status: response.status, headers: response.headers });
    }
    return response;
  });
});

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});


const jobRequests = (project: number) => requests.filter((u) => u.pathname === `/api/v4/projects/${project}/jobs`);
const bodyRows = (table: HTMLElement) => within(table).getAllByRole('row').slice(1);
const statusOf = (row: HTMLElement) => row.querySelector('[data-status]')?.getAttribute('data-status');

describe('the project job list', () => {
  it('lists the newest jobs with GitLab’s statuses, links to the job and pipeline pages, by keyset', async () => {
    renderApp('/acme/platform/backend/-/jobs');
    const table = await screen.findByRole('table', { name: 'Latest jobs of acme/platform/backend' });
    // The selection and actions columns come with the job-actions slots; the data columns are ours.
    const headers = within(table)
      .getAllByRole('columnheader')
      .map((h) => h.textContent)
      .filter((h) => h !== '' && h !== 'Actions');
    expect(headers).toEqual(['Status', 'Job', 'Stage', 'Pipeline', 'Ref and commit', 'Triggered by', 'Runner and tags', 'Coverage', 'Duration', 'Finished', 'Artifacts', 'Failing since']);
    const rows = bodyRows(table);
    expect(rows.length).toBeGreaterThan(5);
    const ids = rows.map((r) => Number(r.getAttribute('data-job-id')));
    expect([...ids].sort((a, b) => b - a)).toEqual(ids);

    const first = rows[0] as HTMLElement;
    const jobLink = within(first).getByRole('link', { name: new RegExp(`^#${ids[0]} `) });
    expect(jobLink.getAttribute('href')).toBe(`/acme/platform/backend/-/jobs/${ids[0]}`);
    const pipelineLink = within(first).getByRole('link', { name: /^Pipeline \d+$/ });
    expect(pipelineLink.getAttribute('href')).toMatch(/^\/acme\/platform\/backend\/-\/pipelines\/\d+$/);
    const browse = within(table).getAllByRole('link', { name: /^Browse the artifacts of job \d+$/ });
    expect(browse.length).toBeGreaterThan(0);
    expect(browse[0]?.getAttribute('href')).toMatch(/^\/acme\/platform\/backend\/-\/jobs\/\d+\/artifacts\/browse$/);

    const first100 = jobRequests(1)[0];
    expect(first100?.searchParams.get('pagination')).toBe('keyset');
    expect(first100?.searchParams.get('per_page')).toBe('100');
  });

  it('shows every status distinctly, allowed failures as a warning', async () => {
    renderApp('/acme/platform/backend/-/jobs');
    const table = await screen.findByRole('table');
    const labels = new Map<string, string>();
    for (const row of bodyRows(table)) {
      const badge = row.querySelector('[data-status]');
      if (badge) labels.set(`${badge.getAttribute('data-status')}|${badge.textContent}`, badge.textContent ?? '');
    }
    // The seed's newest jobs cover many statuses; each has its own words.
    const words = new Set(labels.values());
    expect(words.size).toBe(labels.size);
    const seeded = await api<(ApiJob & { allow_failure: boolean })[]>('/projects/1/jobs?per_page=100');
    if (seeded.some((j) => j.status === 'failed' && j.allow_failure)) expect(words).toContain('failed (allowed to fail)');
    if (seeded.some((j) => j.status === 'waiting_for_resource')) expect(words).toContain('waiting for resource');
  });

  it('filters to failed jobs with the quick tab: GitLab gets scope[]=failed and the URL keeps it', async () => {
    const user = userEvent.setup();
    const { router } = renderApp('/acme/platform/backend/-/jobs');
    await screen.findByRole('table');
    await user.click(screen.getByRole('button', { name: 'Failed' }));
    await waitFor(() => expect(router.state.location.search).toBe('?scope=failed'));
    await waitFor(() => {
      const rows = bodyRows(screen.getByRole('table'));
      expect(rows.length).toBeGreaterThan(0);
      expect(rows.every((r) => statusOf(r) === 'failed')).toBe(true);
    });
    expect(screen.getByRole('button', { name: 'Failed' }).getAttribute('aria-pressed')).toBe('true');
    expect(jobRequests(1).some((u) => u.searchParams.getAll('scope[]').join() === 'failed')).toBe(true);
  });

  it('opens a shared URL with several scopes and a name filter, and says the name filter covers loaded jobs only', async () => {
    renderApp('/acme/platform/backend/-/jobs?scope=success&scope=failed&name=rspec');
    const table = await screen.findByRole('table');
    const rows = bodyRows(table);
    expect(rows.length).toBeGreaterThan(0);
    for (const r of rows) {
      expect(['success', 'failed']).toContain(statusOf(r));
      expect(r.textContent?.toLowerCase()).toContain('rspec');
    }
    expect(screen.getByRole('note').textContent).toMatch(/filter the [\d,]+ jobs loaded so far, not every job in GitLab/);
    expect((screen.getByRole('searchbox', { name: 'Name' }) as HTMLInputElement).value).toBe('rspec');
    expect(jobRequests(1).at(-1)?.searchParams.getAll('scope[]')).toEqual(['success', 'failed']);
  });

  it('says when nothing loaded matches the name filter', async () => {
    renderApp('/acme/platform/backend/-/jobs?name=no-such-job-anywhere');
    expect(await screen.findByRole('heading', { name: 'Nothing matches the filter' })).toBeTruthy();
    expect(screen.getByText(/None of the [\d,]+ jobs loaded so far matches/)).toBeTruthy();
  });

  it('pages through the big project by keyset with "load more", each job once, newest first', async () => {
    const user = userEvent.setup();
    renderApp('/acme/tools/big-history/-/jobs');
    await screen.findByRole('table');
    expect(screen.getByText(/^100 jobs loaded/)).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Load more jobs' }));
    await screen.findByText(/^200 jobs loaded/);
    await user.click(screen.getByRole('button', { name: 'Load more jobs' }));
    await screen.findByText(/^300 jobs loaded/);
    const pageRequests = jobRequests(3);
    expect(pageRequests).toHaveLength(3);
    expect(pageRequests.slice(1).every((u) => u.searchParams.has('cursor'))).toBe(true);
    // No totals are assumed: nothing claims to know how many there are.
    expect(screen.queryByText(/of [\d,]+ jobs/)).toBeNull();
  });

  it('falls back to offset pages on a GitLab older than 15.9 (which ignores keyset)', async () => {
    await simAdmin('faults', { api_version: '12' });
    const user = userEvent.setup();
    renderApp('/acme/tools/big-history/-/jobs');
    await screen.findByRole('table');
    await user.click(screen.getByRole('button', { name: 'Load more jobs' }));
    await screen.findByText(/^200 jobs loaded/);
    const [, second] = jobRequests(3);
    expect(second?.searchParams.get('page')).toBe('2');
    expect(second?.searchParams.has('cursor')).toBe(false);
  });

  it('renders a status a newer GitLab invented, as its raw word', async () => {
    rewrite = (jobs) => {
      if (jobs[0]) jobs[0].status = 'quantum_superposition';
    };
    renderApp('/acme/platform/backend/-/jobs');
    const table = await screen.findByRole('table');
    const row = bodyRows(table)[0] as HTMLElement;
    expect(statusOf(row)).toBe('quantum_superposition');
    expect(row.textContent).toContain('quantum_superposition');
  });

  it('shows GitLab 9 jobs, which lack half of today’s fields, with dashes where fields are missing', async () => {
    await simAdmin('faults', { api_version: '9' });
    renderApp('/acme/platform/backend/-/jobs');
    const table = await screen.findByRole('table');
    const rows = bodyRows(table);
    expect(rows.length).toBeGreaterThan(5);
    // GitLab 9 has no allow_failure: no "allowed to fail" can be shown, and nothing breaks.
    expect(table.textContent).not.toContain('allowed to fail');
    expect(within(table).getAllByText('no duration').length).toBeGreaterThan(0);
    expect(within(rows[0] as HTMLElement).getByRole('link', { name: /^#\d+ / })).toBeTruthy();
  });

  it('says the project does not exist or is not visible to this token', async () => {
    renderApp('/acme/secret/vault/-/jobs', { token: 'glpat-sim-read' });
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('404');
  });

  it('keeps the last jobs on screen, marked stale, while GitLab is down; then says it is rate-limited', async () => {
    const { queryClient } = renderApp('/acme/platform/backend/-/jobs', { retry: false });
    await screen.findByRole('table');
    await simAdmin('faults', { error_rate: 1, error_status: 502 });
    await act(async () => {
      await queryClient.refetchQueries({ type: 'active', predicate: (q) => q.queryKey.includes('page') }, { throwOnError: false }).catch(() => undefined);
    });
    const banner = await screen.findByText(/Showing what GitLab said/);
    expect(banner.closest('[role="status"]')?.textContent).toMatch(/GitLab/);
    expect(screen.getByRole('table')).toBeTruthy();

    await simAdmin('faults', { error_rate: 0, rate_limit_429: true });
    await act(async () => {
      await queryClient.refetchQueries({ type: 'active', predicate: (q) => q.queryKey.includes('page') }, { throwOnError: false }).catch(() => undefined);
    });
    await screen.findByText(/Slowed down by GitLab/);
    expect(screen.getByRole('table')).toBeTruthy();
  });

  it('puts a job someone just started in GitLab on top, then follows it to passed, by itself', async () => {
    renderApp('/acme/platform/backend/-/jobs', { poll: { activeMs: 50, idleMs: 100 } });
    await screen.findByRole('table');
    // A colleague retries `lint` in GitLab (the seed decides that this retry will pass).
    const lint = (await api<ApiJob[]>('/projects/1/jobs?scope[]=success&per_page=100')).find((j) => j.name === 'lint') as ApiJob;
    const retried = await api<ApiJob>(`/projects/1/jobs/${lint.id}/retry`, { method: 'POST' });
    const top = () => bodyRows(screen.getByRole('table'))[0] as HTMLElement;
    await waitFor(() => expect(top().getAttribute('data-job-id')).toBe(String(retried.id)), { timeout: 5_000 });
    expect(statusOf(top())).toBe('pending');

    await simAdmin('clock', { advance_ms: 10_000 });
    await waitFor(() => expect(statusOf(top())).toBe('running'), { timeout: 5_000 });
    await simAdmin('clock', { advance_ms: 120_000 });
    await waitFor(() => expect(top().querySelector('[data-status]')?.textContent).toBe('passed'), { timeout: 5_000 });
    expect(top().getAttribute('data-job-id')).toBe(String(retried.id));
  }, 20_000);
});

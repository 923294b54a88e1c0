import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { act, cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { LatestJobs } from './latest-jobs.tsx';
import { latestJobsQueryOptions } from './latest-jobs-query.ts';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
const conn = { host: 'https://gitlab.example.com', token: 't' };

function renderJobs(client = new QueryClient({ defaultOptions: { queries: { retry: false } } })) {
  render(
    <QueryClientProvider client={client}>
      <LatestJobs connection={conn} projectId={1} projectLabel="acme/x" />
    </QueryClientProvider>,
  );
  return client;
}

describe('LatestJobs', () => {
  it('says so when a project has no jobs', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => json([])));
    renderJobs();
    expect(await screen.findByRole('heading', { name: 'No jobs yet' })).toBeTruthy();
  });

  it('shows GitLab’s error with a retry that works', async () => {
    const user = userEvent.setup();
    const fetch = vi.fn(async () => json({ message: '403 Forbidden' }, 403));
    vi.stubGlobal('fetch', fetch);
    renderJobs();
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('403 Forbidden');
    fetch.mockImplementation(async () => json([{ id: 5, name: 'lint', status: 'success' }]));
    await user.click(screen.getByRole('button', { name: 'Try again' }));
    expect(await screen.findByRole('table', { name: 'Latest jobs of acme/x' })).toBeTruthy();
  });

  it('keeps the last jobs on screen with a banner while GitLab is down', async () => {
    const fetch = vi.fn(async () => json([{ id: 5, name: 'lint', status: 'running', duration: 3 }]));
    vi.stubGlobal('fetch', fetch);
    const client = renderJobs();
    await screen.findByRole('table');
    fetch.mockImplementation(async () => json({ message: '502 Bad Gateway' }, 502));
    await act(async () => {
      await client.refetchQueries({ queryKey: latestJobsQueryOptions(conn, 1).queryKey }).catch(() => undefined);
    });
    const banner = (await screen.findByText(/Showing what GitLab said/)).closest('[role="status"]');
    expect(banner?.textContent).toContain('GitLab had a problem');
    expect(banner?.textContent).toContain('502 Bad Gateway');
    // The table is still there, with the job GitLab last reported.
    expect(screen.getByRole('table').textContent).toContain('lint');
  });
});

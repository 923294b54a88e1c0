// Shared by JobActions' and BulkJobActions' tests: the components mounted with the app's
// providers under a memory router, a job "page" and a list view that each hold their own query,
// and a connection that counts the writes the dashboard sends.
import { QueryClient, QueryClientProvider, useQuery } from '@tanstack/react-query';
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, beforeEach } from 'vitest';
import type { ReactNode } from 'react';
import { createMemoryRouter, RouterProvider, useLocation } from 'react-router';
import type { Sim } from '../../../gitlab-sim/index.ts';
import { jobQueryOptions, jobsPageQueryOptions, type Connection } from '../../gitlab/index.ts';
import { ToastProvider } from '../../ui/index.ts';
import { inProjectScope } from '../../testing/in-project-scope.tsx';
import { BulkJobActions as BareBulkJobActions } from './bulk-job-actions.tsx';
import { JobActions as BareJobActions, type JobActionsProps } from './job-actions.tsx';
import { newSim, simConnection, simFetch } from './test-helpers.ts';

// The actions read the project from the page's ProjectScope: these take it as props.
export const JobActions = inProjectScope(BareJobActions);
export const BulkJobActions = inProjectScope(BareBulkJobActions);

/** The current test's simulator, fresh for each test of a file that calls `setUpJobActionsTests()`. */
export let sim: Sim;

/** Registers the hooks: a fresh simulator and an empty localStorage before each test, the DOM cleaned up after. */
export function setUpJobActionsTests(): void {
  beforeEach(() => {
    sim = newSim();
    localStorage.clear();
  });
  afterEach(() => cleanup());
}

export function Where() {
  const location = useLocation();
  return <p data-testid="where">{location.pathname}</p>;
}

/** Mounts `ui` at "/" of a memory router (links to jobs land on a page that names its path) with the app's providers. */
export function renderWithApp(ui: ReactNode, client = new QueryClient({ defaultOptions: { queries: { retry: false, staleTime: 60_000 }, mutations: { retry: false } } })) {
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
export function JobView({ conn, jobId, ...props }: { conn: Connection; jobId: number; readOnly?: boolean; canWrite?: boolean | 'unknown' } & Omit<JobActionsProps, 'job'>) {
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
export function ListView({ conn, jobId }: { conn: Connection; jobId: number }) {
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

export const statusText = () => screen.getByRole('status', { name: 'status' }).textContent;
export const toastRegion = () => document.querySelector('.toasts') as HTMLElement;

/** Counts the POST/DELETE requests the dashboard sends. */
export function countingConnection(sim: Sim, token?: string) {
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

// The job's log component as a job finishes: the last load after the job stops being active.
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { cleanup, render, screen, waitFor } from '@testing-library/react';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { afterEach, describe, expect, it } from 'vitest';
import type { Connection, Job } from '../../gitlab/index.ts';
import { inProjectScope } from '../../testing/in-project-scope.tsx';
import { JobLog } from './job-log.tsx';

afterEach(cleanup);

const ScopedLog = inProjectScope(JobLog);

function job(status: string): Job {
  return { id: 42, name: 'deploy', status, stage: 'deploy', ref: 'main', tag: false, created_at: '2026-12-03T10:00:00Z', started_at: status === 'pending' ? null : '2026-12-03T10:00:05Z', finished_at: null, erased_at: null } as unknown as Job;
}

describe('JobLog', () => {
  it('loads the log once more when the job stops being active, even when no poll ran in between', async () => {
    // GitLab: no output while the job waits; the runner's whole output once it has finished.
    let text = '';
    let traceRequests = 0;
    const connection: Connection = {
      host: 'http://gitlab.test',
      token: 'glpat-test',
      fetch: (input) => {
        const url = String(input instanceof Request ? input.url : input);
        if (!url.endsWith('/jobs/42/trace')) return Promise.resolve(new Response('{"message":"404 Not found"}', { status: 404 }));
        traceRequests += 1;
        return Promise.resolve(new Response(text, { status: 200, headers: { 'Content-Type': 'text/plain' } }));
      },
    };
    const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
    // Polling far slower than the test: only the status change may load the log again.
    const poll = { activeMs: 3_600_000, idleMs: 3_600_000 };
    const view = (status: string) => (
      <QueryClientProvider client={client}>
        <RouterProvider router={createMemoryRouter([{ path: '*', element: <ScopedLog connection={connection} projectId={1} job={job(status)} poll={poll} /> }])} />
      </QueryClientProvider>
    );
    const { rerender } = render(view('pending'));
    expect(await screen.findByRole('heading', { name: 'This job has not started yet' })).toBeTruthy();
    const before = traceRequests;

    text = '$ ./deploy.sh\nDEPLOY_REGION=eu-west-1\nJob succeeded\n';
    rerender(view('success'));
    await waitFor(() => expect(screen.getByRole('region', { name: 'Log of job #42' }).textContent).toContain('DEPLOY_REGION=eu-west-1'));
    expect(traceRequests).toBe(before + 1);
  });
});
